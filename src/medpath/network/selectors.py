"""Reads of the network pillar: contacts with their last contact and next follow-up (a fixed number of queries
whatever the number of contacts), events, memberships and their state."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal, cast

from django.db.models import Max, Prefetch

from medpath.accounts.models import User
from medpath.network.followups import FollowUp, follow_up
from medpath.network.models import Contact, ContactTag, Event, FollowUpRule, Membership

Sort = Literal["name", "last_contact", "next_follow_up"]
SORTS: dict[str, str] = {"name": "Name", "last_contact": "Last contact", "next_follow_up": "Next follow-up"}
RENEWAL_SOON_DAYS = 30  # a membership renewing within this many days is a next action


@dataclass(frozen=True)
class ContactRow:
    """A contact with its tags, last contact and next follow-up."""

    contact: Contact
    tags: list[str]
    last_contact: date | None
    follow_up: FollowUp

    def days_since(self, today: date) -> int:
        """Days since the last contact (or since the contact was added, when nothing is logged)."""
        return (today - (self.last_contact or self.contact.added_on)).days


def rules_of(user: User) -> dict[str, int]:
    """The person's follow-up rules: tag -> rhythm in days."""
    return dict(FollowUpRule.objects.for_user(user).values_list("tag", "rhythm_days"))


def contact_rows(
    user: User,
    *,
    tag: str = "",
    mentor: bool | None = None,
    quiet_days: int | None = None,
    sort: Sort = "name",
    today: date,
) -> list[ContactRow]:
    """The user's contacts with follow-ups, filtered by tag, mentor flag and "not contacted for ``quiet_days``
    days" (counted from the last contact, or from when the contact was added), sorted. Three queries."""
    rows = Contact.objects.for_user(user).annotate(last_contact=Max("interactions__occurred_on"))
    if tag:
        rows = rows.filter(tag_rows__name=tag)
    if mentor is not None:
        rows = rows.filter(is_mentor=mentor)
    rows = rows.prefetch_related(Prefetch("tag_rows", queryset=ContactTag.objects.for_user(user).order_by("name")))
    rules = rules_of(user)
    found = []
    for row in rows.order_by("name", "id"):
        contact = cast(Contact, row)
        tags = [tag.name for tag in contact.tag_rows.all()]
        last: date | None = getattr(contact, "last_contact", None)
        # Ticking "a mentor of mine" counts as the tag "mentor", so a rule for mentors applies without typing the tag.
        ruled = [*tags, "mentor"] if contact.is_mentor else tags
        due = follow_up(own_days=contact.rhythm_days, tags=ruled, rules=rules, added_on=contact.added_on, last_contact=last)
        found.append(ContactRow(contact, tags, last, due))
    if quiet_days is not None:
        found = [row for row in found if row.days_since(today) >= quiet_days]
    if sort == "last_contact":
        found.sort(key=lambda row: row.last_contact or row.contact.added_on)  # longest silence first
    elif sort == "next_follow_up":
        found.sort(key=lambda row: row.follow_up.due_on or date.max)
    return found


def contact_row(user: User, contact: Contact, today: date) -> ContactRow:
    """One contact's row (its follow-up)."""
    found = [row for row in contact_rows(user, today=today) if row.contact.pk == contact.pk]
    return found[0]


def follow_ups_due(user: User, today: date, *, within_days: int = 0) -> list[ContactRow]:
    """Contacts whose next follow-up is due by ``today + within_days``, most overdue first."""
    rows = contact_rows(user, sort="next_follow_up", today=today)
    return [row for row in rows if (days := row.follow_up.days_left(today)) is not None and days <= within_days]


def all_tags(user: User) -> list[str]:
    """Every tag the user gave a contact or a rule, alphabetically."""
    tags = set(ContactTag.objects.for_user(user).values_list("name", flat=True))
    return sorted(tags | set(rules_of(user)))


def events(user: User, *, upcoming_from: date | None = None) -> list[Event]:
    """The user's events, latest first (or, with ``upcoming_from``, those ending on or after it, soonest first)."""
    rows = Event.objects.for_user(user).prefetch_related("contacts")
    if upcoming_from is not None:
        return list(rows.filter(ends_on__gte=upcoming_from).order_by("starts_on", "id"))
    return list(rows.order_by("-starts_on", "-id"))


def counted_activities(user: User, events: Iterable[Event]) -> dict[int, int]:
    """Event id -> the continuing-learning activity its credits became, for the events whose activity still
    exists: an event keeps the id of an activity deleted in Continuous learning, whose credits count no more."""
    from medpath.learning.selectors import activities_existing

    kept = {event.pk: event.activity_id for event in events if event.activity_id is not None}
    existing = activities_existing(user, kept.values()) if kept else set()
    return {pk: activity_id for pk, activity_id in kept.items() if activity_id in existing}


MembershipState = Literal["lapsed", "renews soon", "current", "no renewal date"]


def membership_state(membership: Membership, today: date) -> MembershipState:
    """Lapsed once its renewal date has passed (until renewed); renews soon within a month."""
    if membership.renews_on is None:
        return "no renewal date"
    if membership.renews_on < today:
        return "lapsed"
    if (membership.renews_on - today).days <= RENEWAL_SOON_DAYS:
        return "renews soon"
    return "current"


def memberships(user: User) -> list[Membership]:
    """The user's memberships, by association."""
    return list(Membership.objects.for_user(user).order_by("association", "id"))
