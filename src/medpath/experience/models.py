"""Hands-on experience: the experience log and its verification, procedures, shifts and work-hour settings."""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel

TEXT = [ProhibitNullCharactersValidator()]


class ExperienceKind(models.TextChoices):
    """What sort of experience an entry is (the catalog's hour targets name these ids)."""

    CLINICAL_WORK = "clinical_work", "Clinical work (paid or as a student)"
    SHADOWING = "shadowing", "Shadowing / clinical observation"
    CLINICAL_VOLUNTEERING = "clinical_volunteering", "Clinical volunteering"
    NONCLINICAL_VOLUNTEERING = "nonclinical_volunteering", "Non-clinical volunteering"
    RESEARCH = "research", "Research"
    CLERKSHIP = "clerkship", "Clerkship or clinical rotation"
    RESIDENCY_SHIFT = "residency_shift", "Residency shift"
    TEACHING = "teaching", "Teaching or tutoring"
    LEADERSHIP = "leadership", "Leadership"
    OTHER = "other", "Other"


class Setting(models.TextChoices):
    """Where the experience took place."""

    INPATIENT = "inpatient", "Hospital, inpatient"
    OUTPATIENT = "outpatient", "Clinic or office, outpatient"
    EMERGENCY = "emergency", "Emergency department"
    OPERATING_ROOM = "operating_room", "Operating room"
    ICU = "icu", "Intensive care"
    LONG_TERM_CARE = "long_term_care", "Long-term care or rehabilitation"
    HOSPICE = "hospice", "Hospice or palliative care"
    COMMUNITY = "community", "Community or public health"
    PREHOSPITAL = "prehospital", "Prehospital (EMS)"
    LABORATORY = "laboratory", "Laboratory"
    TELEHEALTH = "telehealth", "Telehealth or virtual"
    NOT_CLINICAL = "not_clinical", "Not a clinical setting"
    OTHER = "other", "Other"


class Verification(models.TextChoices):
    """Where an entry stands with its supervisor."""

    UNVERIFIED = "unverified", "Not verified"
    PENDING = "pending", "Waiting for the supervisor"
    VERIFIED = "verified", "Verified"
    DECLINED = "declined", "Declined"


class ExperienceEntry(OwnedModel):
    """One experience: a day, a time range or a date range, with its hours, supervisor and reflection.

    ``revision`` counts content changes: a supervisor's answer applies only to the
    revision they were shown, and editing a verified entry keeps that revision as
    an ``ExperienceVersion`` and clears the verification.
    """

    kind = models.CharField(max_length=32, choices=ExperienceKind.choices)
    title = models.CharField(max_length=200, validators=TEXT, help_text="Your role, e.g. ED scribe, shadowing a cardiologist")
    organization = models.CharField(max_length=200, blank=True, validators=TEXT)
    setting = models.CharField(max_length=32, choices=Setting.choices, blank=True)
    specialty = models.CharField(max_length=120, blank=True, validators=TEXT)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True, help_text="For a date range; empty for one day")
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    hours = models.DecimalField(max_digits=7, decimal_places=2, validators=[MinValueValidator(0.01), MaxValueValidator(20_000)])
    supervisor_name = models.CharField(max_length=200, blank=True, validators=TEXT)
    supervisor_email = models.EmailField(blank=True)
    description = models.TextField(max_length=2000, blank=True, validators=TEXT)
    reflection = models.TextField(max_length=2000, blank=True, validators=TEXT)
    tags = models.JSONField(default=list, blank=True)
    revision = models.PositiveIntegerField(default=1)
    verification = models.CharField(max_length=16, choices=Verification.choices, default=Verification.UNVERIFIED)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.CharField(max_length=200, blank=True, help_text="The supervisor's name as they gave it")
    verified_email = models.EmailField(blank=True)
    verifier_comment = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name_plural = "experience entries"
        indexes = [models.Index(fields=["owner", "-started_on"]), models.Index(fields=["owner", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="experience_range_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="experience_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.started_on})"

    @property
    def locked(self) -> bool:
        """A verified entry: changing it keeps the verified version and clears the verification."""
        return self.verification == Verification.VERIFIED

    @property
    def last_day(self) -> date:
        """The entry's last day (its first for a one-day entry)."""
        return self.ended_on or self.started_on


class ExperienceVersion(OwnedModel):
    """A verified revision of an entry, kept when the entry was changed afterwards."""

    entry = models.ForeignKey(ExperienceEntry, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveIntegerField()
    content = models.JSONField(help_text="The entry's fields as they were verified")
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.CharField(max_length=200, blank=True)
    verified_email = models.EmailField(blank=True)
    verifier_comment = models.TextField(max_length=1000, blank=True)
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-revision"]
        constraints = [models.UniqueConstraint(fields=["entry", "revision"], name="experience_version_once")]

    def __str__(self) -> str:
        return f"revision {self.revision} of entry {self.entry_id}"


class VerificationRequest(OwnedModel):
    """Entries sent to one supervisor through one single-use signed link."""

    link = models.OneToOneField("accounts.SignedLink", on_delete=models.CASCADE, related_name="+")
    supervisor_name = models.CharField(max_length=200, blank=True, validators=TEXT)
    supervisor_email = models.EmailField()
    created_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=200, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, help_text="When the supervisor was reminded (once)")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"verification request to {self.supervisor_email}"


class Decision(models.TextChoices):
    """A supervisor's answer about one entry."""

    PENDING = "pending", "Waiting"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn (the entry changed or was sent again)"


class VerificationItem(OwnedModel):
    """One entry, at one revision, inside a verification request."""

    request = models.ForeignKey(VerificationRequest, on_delete=models.CASCADE, related_name="items")
    entry = models.ForeignKey(ExperienceEntry, on_delete=models.CASCADE, related_name="verification_items")
    revision = models.PositiveIntegerField()
    content = models.JSONField(default=dict, help_text="The entry as sent: the supervisor sees this, never later edits")
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.PENDING)
    comment = models.TextField(max_length=1000, blank=True, validators=TEXT)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entry__started_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "entry"], name="verification_item_once"),
            # Backs the services' row locks: an entry waits on one request at most, so no second link can answer it.
            models.UniqueConstraint(
                fields=["entry"], condition=models.Q(decision="pending"), name="verification_item_one_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entry_id}@{self.revision}: {self.decision}"


class ExperienceTarget(OwnedModel):
    """Hours to reach in some kinds of experience: from the catalog (``catalog_id``) or the user's own."""

    label = models.CharField(max_length=200, validators=TEXT)
    kinds = models.JSONField(help_text="Experience kinds that count")
    hours = models.DecimalField(max_digits=7, decimal_places=1, validators=[MinValueValidator(0.5), MaxValueValidator(20_000)])
    catalog_id = models.CharField(max_length=60, blank=True)
    due_on = models.DateField(null=True, blank=True)
    verified_only = models.BooleanField(default=False, help_text="Count verified hours only")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "label"]

    def __str__(self) -> str:
        return self.label


class ProcedureRole(models.TextChoices):
    """The part the user took (the catalog's case minimums name these ids)."""

    OBSERVED = "observed", "Observed"
    ASSISTED = "assisted", "Assisted (first assistant)"
    PERFORMED = "performed", "Performed (as surgeon / operator)"
    SUPERVISED = "supervised", "Supervised or taught (teaching assistant)"


class Supervision(models.TextChoices):
    """ACGME levels of supervision (Common Program Requirements VI.A.2.b)."""

    DIRECT = "direct", "Direct supervision"
    INDIRECT = "indirect", "Indirect supervision"
    OVERSIGHT = "oversight", "Oversight"
    NONE = "none", "Not supervised (independent practice)"


class ProcedureEntry(OwnedModel):
    """One procedure or case, by role, with its catalog category when it has one."""

    procedure = models.CharField(max_length=200, validators=TEXT)
    category = models.CharField(max_length=130, blank=True, help_text="set-id:category-id from the case minimums")
    performed_on = models.DateField()
    setting = models.CharField(max_length=32, choices=Setting.choices, blank=True)
    role = models.CharField(max_length=16, choices=ProcedureRole.choices)
    supervision = models.CharField(max_length=16, choices=Supervision.choices, blank=True)
    chief_year = models.BooleanField(default=False, help_text="Done in your chief (final) year")
    notes = models.TextField(max_length=2000, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-performed_on", "-id"]
        verbose_name_plural = "procedure entries"
        indexes = [models.Index(fields=["owner", "-performed_on"]), models.Index(fields=["owner", "category"])]

    def __str__(self) -> str:
        return f"{self.procedure} ({self.performed_on})"


class ProcedureTarget(OwnedModel):
    """The user's own count to reach: a procedure by name or a catalog category, in some roles."""

    label = models.CharField(max_length=200, validators=TEXT)
    procedure = models.CharField(max_length=200, blank=True, validators=TEXT, help_text="Match procedures by name")
    category = models.CharField(max_length=130, blank=True)
    roles = models.JSONField(help_text="Roles that count")
    minimum = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(10_000)])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class ShiftKind(models.TextChoices):
    """The schedule kinds of the work-hour rules (the CSV format's ``kind`` column)."""

    CLINICAL = "clinical", "Clinical work"
    EDUCATION = "education", "Education (conference, didactics)"
    IN_HOUSE_CALL = "in-house-call", "In-house call"
    HOME_CALL = "home-call", "Home call (available, not working)"
    HOME_CALL_WORK = "home-call-work", "Work while on home call"
    TRANSITION = "transition", "Transition of care (after 24 hours)"
    MOONLIGHTING = "moonlighting", "Moonlighting"
    LEAVE = "leave", "Leave or vacation"


class Shift(OwnedModel):
    """One period of a resident's schedule, stored in UTC."""

    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    kind = models.CharField(max_length=16, choices=ShiftKind.choices)
    rotation = models.CharField(max_length=80, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["owner", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_at:%Y-%m-%d %H:%M}"


class ShiftTemplate(OwnedModel):
    """A recurring shift the user enters often: "Nights 19:00-07:00"."""

    name = models.CharField(max_length=80, validators=TEXT)
    start_time = models.TimeField()
    end_time = models.TimeField(help_text="At or before the start time: the shift ends the next day")
    kind = models.CharField(max_length=16, choices=ShiftKind.choices, default=ShiftKind.CLINICAL)
    rotation = models.CharField(max_length=80, blank=True, validators=TEXT)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="shift_template_name_once")]

    def __str__(self) -> str:
        return self.name


class WindowMode(models.TextChoices):
    ROLLING = "rolling", "Rolling 28-day windows"
    ROTATION = "rotation", "By rotation (a four-week period, a month, or the rotation if shorter)"


class LeaveMode(models.TextChoices):
    OMIT = "omit", "Leave left out of the averages (hours and weeks)"
    ZERO = "zero", "Leave counted as zero hours"


class WorkHourSettings(OwnedModel):
    """How the user's schedule is checked; every choice is shown with the report."""

    pgy = models.PositiveSmallIntegerField(
        "PGY", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)], help_text="Postgraduate year"
    )
    window = models.CharField(max_length=16, choices=WindowMode.choices, default=WindowMode.ROLLING)
    leave = models.CharField(max_length=8, choices=LeaveMode.choices, default=LeaveMode.OMIT)
    continuity_gap_hours = models.DecimalField(
        max_digits=4, decimal_places=2, default=1, validators=[MinValueValidator(0), MaxValueValidator(8)]
    )

    class Meta:
        verbose_name_plural = "work-hour settings"
        constraints = [models.UniqueConstraint(fields=["owner"], name="work_hour_settings_once")]

    def __str__(self) -> str:
        return f"work-hour settings of {self.owner_id}"
