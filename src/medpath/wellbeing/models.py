"""A check-in: one day's mood, energy, stress, sleep and burnout answer, with an optional private note.

Wellbeing rows are the person's alone: no shared view, export for others, e-mail, reminder or log line reads
them (tests/wellbeing/test_privacy.py proves it for every shared view that exists).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel

SCALE = [MinValueValidator(1), MaxValueValidator(5)]
MAX_SLEEP = Decimal(24)
NOTE_LENGTH = 1000


class CheckIn(OwnedModel):
    """One day's check-in; saving again on the same day replaces it."""

    day = models.DateField()
    mood = models.PositiveSmallIntegerField(validators=SCALE)
    energy = models.PositiveSmallIntegerField(validators=SCALE)
    stress = models.PositiveSmallIntegerField(validators=SCALE)
    burnout = models.PositiveSmallIntegerField(validators=SCALE)
    sleep_hours = models.DecimalField(
        max_digits=3, decimal_places=1, validators=[MinValueValidator(Decimal(0)), MaxValueValidator(MAX_SLEEP)]
    )
    note = models.TextField(max_length=NOTE_LENGTH, blank=True, validators=[ProhibitNullCharactersValidator()])
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "day"], name="wellbeing_one_checkin_a_day"),
            models.CheckConstraint(
                condition=models.Q(mood__gte=1, mood__lte=5, energy__gte=1, energy__lte=5)
                & models.Q(stress__gte=1, stress__lte=5, burnout__gte=1, burnout__lte=5),
                name="wellbeing_scales_1_to_5",
            ),
            models.CheckConstraint(condition=models.Q(sleep_hours__gte=0, sleep_hours__lte=24), name="wellbeing_sleep_0_to_24"),
        ]

    def __str__(self) -> str:
        return f"check-in {self.pk}"  # never the values: a repr can reach a log
