"""Credentials that expire, learning activities with their credits and certificates, reminders sent."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.scoping import OwnedModel

logger = logging.getLogger(__name__)


class CredentialKind(models.TextChoices):
    """What sort of expiring thing a credential is."""

    LICENCE = "licence", "Licence"
    BOARD_CERTIFICATION = "board_certification", "Board or specialty certification"
    REGISTRATION = "registration", "Registration (DEA, state controlled substance, NPI)"
    LIFE_SUPPORT = "life_support", "Life-support card (BLS, ACLS, PALS …)"
    HEALTH_REQUIREMENT = "health_requirement", "Health requirement (immunization, TB test, fit test)"
    PRIVILEGES = "privileges", "Hospital privileges"
    MALPRACTICE = "malpractice", "Malpractice cover"
    TRAINING = "training", "Mandatory training (privacy, ethics, bloodborne pathogens …)"
    OTHER = "other", "Other"


class Credential(OwnedModel):
    """A licence, certification, card or registration, with the facts its renewal rules depend on."""

    kind = models.CharField(max_length=32, choices=CredentialKind.choices)
    name = models.CharField(max_length=200, validators=[ProhibitNullCharactersValidator()])
    issuer = models.CharField(max_length=200, blank=True)
    number = models.CharField(max_length=80, blank=True)
    jurisdiction = models.CharField(max_length=8, blank=True, help_text="ISO code: US, or US-CA for a state")
    multistate = models.BooleanField("compact / multistate", default=False)
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    first_licensed_on = models.DateField(null=True, blank=True)
    renewal_number = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(60)], help_text="1 for the first renewal after issue"
    )
    requirement_set_id = models.CharField(max_length=80, blank=True, help_text="The catalog (or your own) set of renewal rules")
    cycle_start = models.DateField(null=True, blank=True)
    cycle_end = models.DateField(null=True, blank=True)
    prescriber = models.BooleanField(default=False)
    aprn = models.BooleanField("advanced practice (APRN)", default=False)
    direct_patient_care = models.BooleanField(default=True)
    nationally_certified = models.BooleanField(default=False)
    in_fellowship = models.BooleanField(default=False)
    notes = models.TextField(blank=True, max_length=2000, validators=[ProhibitNullCharactersValidator()])
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["expires_on", "name"]
        indexes = [models.Index(fields=["owner", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cycle_start__isnull=True)
                | models.Q(cycle_end__isnull=True)
                | models.Q(cycle_end__gt=models.F("cycle_start")),
                name="learning_cycle_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        """The kind without the examples its choice lists ("Registration", not "Registration (DEA, …)"): an ARRT
        registration is not a DEA one."""
        return str(self.get_kind_display()).split(" (")[0]

    def facts(self) -> dict[str, bool]:
        """The holder facts rules depend on."""
        return {
            "prescriber": self.prescriber,
            "aprn": self.aprn,
            "direct_patient_care": self.direct_patient_care,
            "nationally_certified": self.nationally_certified,
            "in_fellowship": self.in_fellowship,
        }


def _certificate_path(instance: Certificate, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"certificates/{instance.owner_id}/{uuid.uuid4().hex}{suffix}"


class Certificate(OwnedModel):
    """A certificate file (PDF, PNG or JPEG), stored privately and served to its owner only."""

    file = models.FileField(upload_to=_certificate_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.original_name


class LearningActivity(OwnedModel):
    """A CE/CME activity, a course or a training, with its credit awards and topics."""

    title = models.CharField(max_length=300, validators=[ProhibitNullCharactersValidator()])
    provider = models.CharField(max_length=200, blank=True)
    accreditor = models.CharField(max_length=120, blank=True)
    format = models.CharField(max_length=40, default="live")
    completed_on = models.DateField()
    topics = models.JSONField(default=list, blank=True)
    certificate = models.ForeignKey(Certificate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    notes = models.TextField(blank=True, max_length=2000, validators=[ProhibitNullCharactersValidator()])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-completed_on", "title"]
        indexes = [models.Index(fields=["owner", "-completed_on"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.completed_on})"


class CreditAward(OwnedModel):
    """One kind of credit an activity awards: 2.0 contact hours; 0.2 CEU."""

    activity = models.ForeignKey(LearningActivity, on_delete=models.CASCADE, related_name="+")
    credit_type = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0, amount__lte=200), name="learning_award_amount_range"),
            models.UniqueConstraint(fields=["activity", "credit_type"], name="learning_one_award_per_type"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.credit_type}"


class CustomRequirementSet(OwnedModel):
    """A user's own renewal rules for a board the catalog lacks, checked against the catalog schema."""

    set_id = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    document = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "set_id"], name="learning_custom_set_unique")]

    def __str__(self) -> str:
        return self.name


class ReminderSent(OwnedModel):
    """That a reminder threshold was dealt with for one deadline, so it is never sent twice."""

    key = models.CharField(max_length=120, help_text="What the deadline is, e.g. credential:12:2027-01-31")
    threshold_days = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)
    emailed = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "key", "threshold_days"], name="learning_reminder_once")]

    def __str__(self) -> str:
        return f"{self.key} at {self.threshold_days} days"


def _remove_certificate_file(sender: type[Certificate], instance: Certificate, **kwargs: object) -> None:
    """Delete the file with its row, once the transaction commits (a rolled-back delete keeps it)."""
    from django.db import transaction

    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


models.signals.post_delete.connect(_remove_certificate_file, sender=Certificate, dispatch_uid="learning_certificate_file")


def _remove_owner_folder(sender: type[object], instance: object, **kwargs: object) -> None:
    """With a deleted account, its certificate folder goes too (after its files, once the transaction commits)."""
    from django.db import transaction

    folder = f"certificates/{getattr(instance, 'pk', None)}"
    transaction.on_commit(lambda: _remove_folder(folder))


def _remove_folder(name: str) -> None:
    """Delete the files left in a storage folder and, on the file system, the folder itself."""
    from django.core.files.storage import default_storage

    if not default_storage.exists(name):
        return
    _, files = default_storage.listdir(name)
    for file in files:
        default_storage.delete(f"{name}/{file}")
    try:
        Path(default_storage.path(name)).rmdir()
    except NotImplementedError:  # an object store has no folders to remove
        pass
    except OSError:
        logger.warning("certificate folder %s was not empty; left in place", name)


models.signals.post_delete.connect(_remove_owner_folder, sender=settings.AUTH_USER_MODEL, dispatch_uid="learning_owner_folder")
