"""What a person chose for a next action: snoozed until a date, or dismissed — for the reason it had then."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel


class ActionChoice(OwnedModel):
    """A snooze or a dismissal of one next action (by its key), kept with the reason's signature so the action
    comes back when its reason changes."""

    key = models.CharField(max_length=200)
    signature = models.CharField(max_length=64)
    snoozed_until = models.DateField(null=True, blank=True)
    dismissed = models.BooleanField(default=False)
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="home_one_choice_per_action")]

    def __str__(self) -> str:
        return f"{self.key}: {'dismissed' if self.dismissed else f'snoozed until {self.snoozed_until}'}"
