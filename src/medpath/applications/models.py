"""Application drafts (AMCAS Work/Activities, ERAS Experiences) and their entries.

An entry is picked from one of the person's records and copied: editing it never changes the record.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel

TEXT = [ProhibitNullCharactersValidator()]
# Free text is kept even when it is over the application's limit (the page says how far over); this is only
# the bound of what one field may hold at all.
MAX_TEXT = 5000


class Format(models.TextChoices):
    AMCAS = "amcas", "AMCAS Work/Activities"
    ERAS = "eras", "ERAS Experiences"


class SourceKind(models.TextChoices):
    EXPERIENCE = "experience", "Experience log"
    EVENT = "event", "Event"
    MEMBERSHIP = "membership", "Membership"
    NONE = "none", "Written here"


class ApplicationDraft(OwnedModel):
    """One application's experiences section, being written: its format, season and title."""

    format = models.CharField(max_length=8, choices=Format.choices)
    season = models.PositiveIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(max_length=200, validators=TEXT)
    ready = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ApplicationEntry(OwnedModel):
    """One experience of a draft, copied from a record and edited here.

    ``ranges`` holds up to the format's number of date ranges, each ``{"start": "YYYY-MM-DD", "end": …|null,
    "hours": int|null}``; ERAS keeps the hours in MedPath but does not export them.
    """

    draft = models.ForeignKey(ApplicationDraft, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField(default=0)
    source_kind = models.CharField(max_length=16, choices=SourceKind.choices, default=SourceKind.NONE)
    source_id = models.BigIntegerField(null=True, blank=True)
    type_id = models.CharField(max_length=60)
    type_overridden = models.BooleanField(default=False)
    title = models.CharField(max_length=300, validators=TEXT)
    organization = models.CharField(max_length=200, blank=True, validators=TEXT)
    location = models.CharField(max_length=200, blank=True, validators=TEXT)
    ranges = models.JSONField(default=list, blank=True)
    frequency = models.CharField(max_length=40, blank=True)
    setting = models.CharField(max_length=60, blank=True, validators=TEXT)
    focus_area = models.CharField(max_length=100, blank=True, validators=TEXT)
    key_characteristic = models.CharField(max_length=100, blank=True, validators=TEXT)
    description = models.TextField(max_length=MAX_TEXT, blank=True, validators=TEXT)
    most_meaningful = models.BooleanField(default=False)
    most_meaningful_text = models.TextField(max_length=MAX_TEXT, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "application entries"

    def __str__(self) -> str:
        return self.title
