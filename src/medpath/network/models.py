"""Network: contacts and mentors, the person's follow-up rules per tag, interactions, events and memberships."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db import models
from django.utils import timezone

from medpath.network.followups import MAX_RHYTHM_DAYS, MIN_RHYTHM_DAYS
from medpath.scoping import OwnedModel

TEXT = [ProhibitNullCharactersValidator()]
RHYTHM = [MinValueValidator(MIN_RHYTHM_DAYS), MaxValueValidator(MAX_RHYTHM_DAYS)]


def _rhythm_check(name: str, field: str = "rhythm_days", *, nullable: bool = True) -> models.CheckConstraint:
    within = models.Q(**{f"{field}__gte": MIN_RHYTHM_DAYS, f"{field}__lte": MAX_RHYTHM_DAYS})
    return models.CheckConstraint(condition=within | models.Q(**{f"{field}__isnull": True}) if nullable else within, name=name)


class Contact(OwnedModel):
    """A person in the user's professional network (a mentor, a former attending, a colleague)."""

    name = models.CharField(max_length=200, validators=TEXT)
    role = models.CharField(max_length=200, blank=True, validators=TEXT)
    organization = models.CharField(max_length=200, blank=True, validators=TEXT)
    how_met = models.CharField(max_length=300, blank=True, validators=TEXT)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True, validators=TEXT)
    is_mentor = models.BooleanField(default=False)
    notes = models.TextField(max_length=5000, blank=True, validators=TEXT)
    rhythm_days = models.PositiveIntegerField(null=True, blank=True, validators=RHYTHM)
    added_on = models.DateField()  # follow-ups count from here until an interaction is logged
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [_rhythm_check("network_contact_rhythm_in_range")]

    def __str__(self) -> str:
        return self.name


class ContactTag(OwnedModel):
    """One tag of a contact (lower case), matched against the person's follow-up rules."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="tag_rows")
    name = models.CharField(max_length=60, validators=TEXT)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["contact", "name"], name="network_tag_once_per_contact")]

    def __str__(self) -> str:
        return self.name


class FollowUpRule(OwnedModel):
    """The person's own rhythm for every contact with a tag ("mentor": every 42 days)."""

    tag = models.CharField(max_length=60, validators=TEXT)
    rhythm_days = models.PositiveIntegerField(validators=RHYTHM)

    class Meta:
        ordering = ["tag"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "tag"], name="network_one_rule_per_tag"),
            _rhythm_check("network_rule_rhythm_in_range", nullable=False),
        ]

    def __str__(self) -> str:
        return f"{self.tag}: every {self.rhythm_days} days"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    CALL = "call", "Call"
    VIDEO = "video", "Video"
    EMAIL = "email", "E-mail"
    MESSAGE = "message", "Message"
    OTHER = "other", "Other"


class Interaction(OwnedModel):
    """A time the person was in touch with a contact."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    occurred_on = models.DateField()
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.IN_PERSON)
    notes = models.TextField(max_length=2000, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_on} ({self.channel})"


class EventKind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    WORKSHOP = "workshop", "Workshop"
    GRAND_ROUNDS = "grand_rounds", "Grand rounds"
    INTERVIEW = "interview", "Interview"
    OTHER = "other", "Other"


class EventRole(models.TextChoices):
    ATTENDEE = "attendee", "Attendee"
    PRESENTER = "presenter", "Presenter"
    POSTER = "poster", "Poster presenter"
    ORGANIZER = "organizer", "Organizer"


class Event(OwnedModel):
    """A conference, workshop, grand rounds or interview; the credits it gave can become a learning activity."""

    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.CONFERENCE)
    title = models.CharField(max_length=300, validators=TEXT)
    starts_on = models.DateField()
    ends_on = models.DateField()
    place = models.CharField(max_length=200, blank=True, validators=TEXT)
    role = models.CharField(max_length=20, choices=EventRole.choices, default=EventRole.ATTENDEE)
    presentation_title = models.CharField(max_length=300, blank=True, validators=TEXT)
    contacts = models.ManyToManyField(Contact, blank=True, related_name="events")
    credit_amount = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    credit_type = models.CharField(max_length=40, blank=True)
    # The continuing-learning activity its credits became ("Count these credits"); kept as an id, so the
    # learning pillar's tables stay its own. Deleting that activity makes the credits countable again.
    activity_id = models.BigIntegerField(null=True, blank=True)
    notes = models.TextField(max_length=2000, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="network_event_ends_after_start"),
            models.CheckConstraint(
                condition=models.Q(credit_amount__isnull=True) | models.Q(credit_amount__gt=0),
                name="network_event_credits_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Membership(OwnedModel):
    """A membership of a professional association, with its renewal date and dues."""

    association = models.CharField(max_length=200, validators=TEXT)
    member_number = models.CharField(max_length=80, blank=True, validators=TEXT)
    level = models.CharField(max_length=80, blank=True, validators=TEXT)
    renews_on = models.DateField(null=True, blank=True)
    dues_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    dues_currency = models.CharField(max_length=3, blank=True)
    notes = models.TextField(max_length=2000, blank=True, validators=TEXT)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["association", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dues_amount__isnull=True) | models.Q(dues_amount__gte=0), name="network_dues_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.association
