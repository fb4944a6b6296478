"""A person's rank order lists for the residency Match, the programs on them, and couples' paired lists.

A program can be kept on a list's page without being ranked ("interviewed, left off"): the advisor then says it can
never be the person's match.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel

TEXT = [ProhibitNullCharactersValidator()]
MAX_NOTES = 2000
MAX_PROGRAMS = 300  # the most ranks NRMP accepts from each partner of a couple (catalog: match/nrmp.yaml)


class ApplicantType(models.TextChoices):
    US_MD_SENIOR = "us-md-senior", "U.S. MD senior"
    US_DO_SENIOR = "us-do-senior", "U.S. DO senior"
    US_IMG = "us-img", "U.S.-citizen IMG"
    NON_US_IMG = "non-us-img", "Non-U.S.-citizen IMG"
    OTHER = "other", "Other, or not sure"


class RankList(OwnedModel):
    """One rank order list for one Match (e.g. the 2027 Main Residency Match)."""

    title = models.CharField(max_length=200, validators=TEXT)
    season = models.PositiveIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    applicant_type = models.CharField(max_length=16, choices=ApplicantType.choices, default=ApplicantType.OTHER)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-season", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class RankedProgram(OwnedModel):
    """A program on a list: ranked at ``position`` (1 is the first choice), or kept but left off (``ranked`` false)."""

    rank_list = models.ForeignKey(RankList, on_delete=models.CASCADE, related_name="programs")
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(max_length=200, validators=TEXT)
    specialty = models.CharField(max_length=100, blank=True, validators=TEXT)
    city = models.CharField(max_length=100, blank=True, validators=TEXT)
    region = models.CharField(max_length=100, blank=True, validators=TEXT, help_text="State or region")
    notes = models.TextField(max_length=MAX_NOTES, blank=True, validators=TEXT)
    ranked = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-ranked", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Couple(OwnedModel):
    """Two applicants matching as a couple. ``owner`` invited ``partner`` with a signed link; each shares one of
    their own rank lists. Both partners read and edit the couple and its paired list, and see of the other's list
    only the programs' names, specialties and places (never notes or other lists). Read it through
    ``selectors.couple_for``, which lets in either partner."""

    partner = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    owner_list = models.ForeignKey(RankList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    partner_list = models.ForeignKey(RankList, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    invite_link = models.ForeignKey("accounts.SignedLink", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    policy = models.CharField(max_length=20, default="same-city")
    unmatched = models.CharField(max_length=20, default="end")
    created_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Couple {self.pk}"


class PairedEntry(OwnedModel):
    """One rank of a couple's paired list: a program of each partner, or none (that partner unmatched). ``owner`` is
    the couple's owner; the partner reaches it through the couple."""

    couple = models.ForeignKey(Couple, on_delete=models.CASCADE, related_name="pairs")
    position = models.PositiveIntegerField()
    owner_program = models.ForeignKey(RankedProgram, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    partner_program = models.ForeignKey(RankedProgram, null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "paired entries"

    def __str__(self) -> str:
        return f"Pair {self.position}"
