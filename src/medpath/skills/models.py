"""Soft skills: the framework a person works against, self-assessments over time, their own level descriptors,
multi-source feedback, goals, reflections and snapshots shared with a mentor.

Feedback answers are not stored as rows. An answer adds one to counters held on its request (per statement,
rater role and scale point) and, if it has comments, puts them at a random place in the request's list of
comments, all under the request's row lock. So nothing records which answer came from whom, when, or in what
order: the rater rows know who answered (through their links), the counters know only how many said what.
"""

from __future__ import annotations

from datetime import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel

TEXT = [ProhibitNullCharactersValidator()]
LEVEL = [MinValueValidator(1), MaxValueValidator(5)]


class FrameworkChoice(OwnedModel):
    """The framework the person works against now (their program's); earlier assessments keep their own."""

    framework_id = models.CharField(max_length=80)
    chosen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="skills_one_framework_choice")]

    def __str__(self) -> str:
        return self.framework_id


class SelfAssessment(OwnedModel):
    """A person's own rating of every competency they chose to rate, on one day, against one framework."""

    framework_id = models.CharField(max_length=80)
    assessed_on = models.DateField()
    note = models.TextField(max_length=2000, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "framework_id", "assessed_on"], name="skills_one_assessment_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.framework_id} on {self.assessed_on}"


class SelfRating(OwnedModel):
    """One competency's level in one self-assessment."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="ratings")
    competency_id = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(validators=LEVEL)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency_id"], name="skills_rating_once"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="skills_rating_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level}"


class Descriptor(OwnedModel):
    """A person's own text for one level of one competency (imported from their program's documents)."""

    framework_id = models.CharField(max_length=80)
    competency_id = models.CharField(max_length=120)
    level = models.PositiveSmallIntegerField(validators=LEVEL)
    text = models.TextField(max_length=2000, validators=TEXT)

    class Meta:
        ordering = ["framework_id", "competency_id", "level"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "framework_id", "competency_id", "level"], name="skills_descriptor_once"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="skills_descriptor_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.framework_id}/{self.competency_id}/{self.level}"


class RaterRole(models.TextChoices):
    """Who a rater is to the person asking. There is no patient role: MedPath keeps no contact for patients."""

    PEER = "peer", "Peer"
    NURSE = "nurse", "Nurse"
    SUPERVISOR = "supervisor", "Attending or supervisor"
    STAFF = "staff", "Staff"
    OTHER = "other", "Other colleague"


class FeedbackRequest(OwnedModel):
    """A request for feedback from named colleagues, answered through single-use links until it closes.

    ``tally`` maps statement id -> rater role -> six counters: "cannot assess" then scale points 1-5.
    ``comments`` holds the answers' comments in random order (each new one inserted at a random place).
    """

    title = models.CharField(max_length=120, validators=TEXT)
    instrument_id = models.CharField(max_length=80)
    framework_id = models.CharField(max_length=80)
    minimum_answers = models.PositiveSmallIntegerField()
    closes_on = models.DateField(help_text="The last day raters can answer (the requester's own time zone)")
    closes_at = models.DateTimeField(
        help_text="The end of the last day, fixed when the request is made: changing one's time zone later "
        "neither opens the results early nor reopens a closed request"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Set when closed early or by the daily run")
    answers = models.PositiveIntegerField(default=0)
    tally = models.JSONField(default=dict, blank=True)
    comments = models.JSONField(default=list, blank=True)
    withheld = models.BooleanField(default=False, help_text="Closed with too few answers: the answers were discarded")
    resent_on = models.DateField(null=True, blank=True, help_text="When the e-mails were last sent again (once a day)")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(minimum_answers__gte=3), name="skills_feedback_minimum_3")]

    def __str__(self) -> str:
        return self.title

    def is_closed(self, now: datetime | None = None) -> bool:
        """Closed early, or past the end of its last day (the daily run records it; pages need not wait for it)."""
        return self.closed_at is not None or (now or timezone.now()) >= self.closes_at


class FeedbackRater(OwnedModel):
    """A colleague asked for feedback: their address and role, and the single-use link they answer with.

    Whether they answered is known only from their link (used or not), and is never shown to the requester.
    """

    request = models.ForeignKey(FeedbackRequest, on_delete=models.CASCADE, related_name="raters")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=RaterRole.choices)
    link = models.OneToOneField("accounts.SignedLink", on_delete=models.CASCADE, related_name="+")
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(fields=["request", "email"], name="skills_rater_once_per_request")]

    def __str__(self) -> str:
        return f"{self.role} rater"


class GoalStatus(models.TextChoices):
    """Where a goal stands."""

    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Goal(OwnedModel):
    """A specific goal with a due date and the competencies it works on."""

    title = models.CharField(max_length=200, validators=TEXT)
    detail = models.TextField(max_length=2000, blank=True, validators=TEXT)
    framework_id = models.CharField(max_length=80)
    competency_ids = models.JSONField(default=list, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    feedback_request = models.ForeignKey(FeedbackRequest, null=True, blank=True, on_delete=models.SET_NULL, related_name="goals")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]  # by date; lists that group by status say so (open first) explicitly

    def __str__(self) -> str:
        return self.title


class Reflection(OwnedModel):
    """A private journal entry, linked to competencies and, where chosen, to an experience entry."""

    written_on = models.DateField()
    title = models.CharField(max_length=200, validators=TEXT)
    text = models.TextField(max_length=10_000, validators=TEXT)
    framework_id = models.CharField(max_length=80)
    competency_ids = models.JSONField(default=list, blank=True)
    experience = models.ForeignKey(
        "experience.ExperienceEntry", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_on", "-id"]

    def __str__(self) -> str:
        return self.title


class MentorShare(OwnedModel):
    """A read-only snapshot for a mentor, opened through an expiring, revocable link.

    The snapshot is made when the link is made: later changes do not reach the mentor.
    """

    link = models.OneToOneField("accounts.SignedLink", on_delete=models.CASCADE, related_name="+")
    mentor_label = models.CharField(max_length=120, blank=True, validators=TEXT)
    sections = models.JSONField(default=list, help_text="Which parts were chosen: profile, goals, feedback, reflections")
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"mentor share {self.pk}"
