"""A person's roadmap to a target career, the milestones they reached, and their private careers."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from medpath.plans.assumptions import DEFAULT_PART_TIME_FACTOR
from medpath.scoping import OwnedModel


class Roadmap(OwnedModel):
    """The target career (route, specialty), where the person stands, and their planning settings.

    Career, route, specialty and stage ids are the catalog's stable ids, so the
    roadmap survives catalog updates.
    """

    career_id = models.SlugField(max_length=60)
    route_id = models.SlugField(max_length=60)
    specialty_id = models.SlugField(max_length=60, blank=True)
    current_stage_id = models.SlugField(
        max_length=60, blank=True, help_text="The stage under way now; the stages before it count as done."
    )
    start_date = models.DateField(
        help_text="When the plan starts (today, or when study begins); the stage under way began on this date."
    )
    current_stage_ends_on = models.DateField(
        null=True, blank=True, help_text="When the person expects the stage under way to end; empty: its full length."
    )
    part_time = models.BooleanField(default=False)
    part_time_factor = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        default=Decimal(str(DEFAULT_PART_TIME_FACTOR)),
        validators=[MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("4.0"))],
        help_text="Your own estimate of how much longer study takes part-time (a setting, not a catalog fact).",
    )
    gap_after_stage_id = models.SlugField(max_length=60, blank=True)
    gap_months = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(60)])
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="plans_one_roadmap_per_person"),
            models.CheckConstraint(
                condition=models.Q(part_time_factor__gte=1, part_time_factor__lte=4), name="plans_part_time_factor_range"
            ),
            models.CheckConstraint(condition=models.Q(gap_months__lte=60), name="plans_gap_months_max"),
            models.CheckConstraint(
                condition=models.Q(current_stage_ends_on__isnull=True) | ~models.Q(current_stage_id=""),
                name="plans_stage_end_needs_a_stage",
            ),
        ]

    def __str__(self) -> str:
        return f"Roadmap to {self.career_id} ({self.route_id})"


class Milestone(OwnedModel):
    """A stage the person completed (with its real date) or booked (an exam on 14 March).

    Keyed by career and stage, so switching target career does not carry a pharmacist's
    "state licence" over to a physician's; switching back finds it again.
    """

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="+")
    career_id = models.SlugField(max_length=60)
    stage_id = models.SlugField(max_length=60)
    completed_on = models.DateField(null=True, blank=True)
    booked_for = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "career_id", "stage_id"], name="plans_one_milestone_per_stage"),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=False) | models.Q(booked_for__isnull=False),
                name="plans_milestone_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage_id}: done {self.completed_on}" if self.completed_on else f"{self.stage_id}: booked {self.booked_for}"


class CustomCareer(OwnedModel):
    """A private career (another country's path, say), checked against the catalog schema."""

    career_id = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    document = models.JSONField(help_text="The career and the sources it cites, as validated against the schema.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "career_id"], name="plans_custom_career_unique_id")]

    def __str__(self) -> str:
        return self.name
