"""Events (conferences, workshops, grand rounds, interviews) and the credits they gave: "count these credits"
turns them into one continuing-learning activity through the learning pillar's service, once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from medpath.accounts.models import User
from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.learning import services as learning
from medpath.network.models import Contact, Event, EventKind, EventRole
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned, one_at_a_time_per_user
from medpath.usertime import user_today

MAX_LINKED_CONTACTS = 50
LEARNING_FORMATS: dict[str, str] = {
    EventKind.CONFERENCE: "conference",
    EventKind.GRAND_ROUNDS: "grand-rounds",
}  # the rest are live
COUNTED_CREDITS = (
    "These credits already count in Continuous learning, as an activity of their own: change them by editing that "
    "activity, or delete it there to count this event again with new credits."
)


def credit_type_choices() -> list[tuple[str, str]]:
    """The catalog's credit types (id, label), for forms and checks."""
    from medpath.catalog.loader import catalog

    vocabulary = catalog().vocabulary
    assert vocabulary is not None
    return [(kind.id, kind.label) for kind in vocabulary.credit_types]


@one_at_a_time_per_user  # beside "count these credits": an event is not counted between the check and the save
def event_save(
    *,
    user: User,
    title: str,
    starts_on: date,
    ends_on: date | None = None,
    kind: str = EventKind.CONFERENCE,
    place: str = "",
    role: str = EventRole.ATTENDEE,
    presentation_title: str = "",
    contact_ids: Sequence[int] = (),
    credit_amount: Decimal | None = None,
    credit_type: str = "",
    notes: str = "",
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Event:
    """Record an event, or change one of the user's (``pk``); an event ends on or after the day it starts. Once its
    credits count (the activity ``event_count_credits`` made still exists), a change of their amount or kind is
    refused: that activity is the record renewals count, and it is changed in Continuous learning."""
    event = get_owned(Event, user, pk=pk) if pk is not None else Event(owner=user)
    ends_on = ends_on or starts_on
    title, place, presentation_title, notes = title.strip(), place.strip(), presentation_title.strip(), notes.strip()
    problems: dict[str, list[str]] = {}
    if not title:
        problems["title"] = ["Give the event's title."]
    for name, value, limit in (("title", title, 300), ("place", place, 200), ("presentation_title", presentation_title, 300)):
        if len(value) > limit:
            problems[name] = [f"At most {limit} characters."]
    if len(notes) > 2000:
        problems["notes"] = ["At most 2,000 characters."]
    if kind not in EventKind.values:
        problems["kind"] = [f"One of {', '.join(EventKind.values)}."]
    if role not in EventRole.values:
        problems["role"] = [f"One of {', '.join(EventRole.values)}."]
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if not year_in_range(day):
            problems[name] = [f"Enter {RANGE_MESSAGE}."]
    if ends_on < starts_on:
        problems["ends_on"] = ["An event ends on or after the day it starts."]
    if credit_amount is not None or credit_type:
        if credit_type not in dict(credit_type_choices()):
            problems["credit_type"] = ["Choose the kind of credit from the list (e.g. AMA PRA Category 1 Credit)."]
        if credit_amount is None or credit_amount <= 0:
            problems["credit_amount"] = ["Credits must be more than zero."]
        elif credit_amount > learning.MAX_AWARD:
            problems["credit_amount"] = [f"At most {learning.MAX_AWARD} credits from one event; check the figure."]
        elif credit_amount.as_tuple().exponent < -2:  # type: ignore[operator]
            problems["credit_amount"] = ["Give credits with at most two decimals (e.g. 1.25)."]
    credits = {"credit_amount": credit_amount, "credit_type": credit_type if credit_amount is not None else ""}
    changed = [name for name, value in credits.items() if value != getattr(event, name)]
    if changed and _counted(user, event):
        problems |= {name: [COUNTED_CREDITS] for name in changed}
    wanted = list(dict.fromkeys(contact_ids))
    contacts = list(Contact.objects.for_user(user).filter(pk__in=wanted)) if len(wanted) <= MAX_LINKED_CONTACTS else []
    if len(wanted) > MAX_LINKED_CONTACTS:
        problems["contact_ids"] = [f"Link at most {MAX_LINKED_CONTACTS} contacts."]
    elif len(contacts) != len(wanted):
        problems["contact_ids"] = ["Link only your own contacts."]
    if problems:
        raise ValidationError(problems)
    guard_texts(
        {
            name: value
            for name, value in (("title", title), ("presentation_title", presentation_title), ("place", place), ("notes", notes))
            if getattr(event, name) != value
        },
        confirmed=privacy_confirmed,
    )
    with transaction.atomic():
        event.kind, event.title, event.starts_on, event.ends_on, event.place = kind, title, starts_on, ends_on, place
        event.role, event.presentation_title, event.notes = role, presentation_title, notes
        event.credit_amount, event.credit_type = credit_amount, credit_type if credit_amount is not None else ""
        event.full_clean()
        event.save()
        event.contacts.set(contacts)
    return event


def _counted(user: User, event: Event) -> bool:
    """Whether the event's credits count: the activity they became still exists."""
    from medpath.learning.selectors import activity_exists

    return event.activity_id is not None and activity_exists(user, event.activity_id)


def event_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's events (an activity its credits became stays in continuing learning)."""
    get_owned(Event, user, pk=pk).delete()


@one_at_a_time_per_user  # like learning's own activity saves; two presses at once make one activity
def event_count_credits(
    *,
    user: User,
    pk: int,
    certificate: UploadedFile[Any] | None = None,
    keep_outside_cycles: bool = False,
) -> tuple[Event, int, bool]:
    """Turn an event's credits into one continuing-learning activity (with its certificate, if given), so they
    count toward renewals. Returns the event, the activity's id, and whether it was created now: a second call
    returns the activity made the first time (the event's row is locked, so two at once make one)."""
    with transaction.atomic():
        event = Event.objects.for_user(user).select_for_update().filter(pk=pk).first()
        if event is None:
            get_owned(Event, user, pk=pk)  # 404, as for a missing one
        assert event is not None
        if event.activity_id is not None and _counted(user, event):
            return event, event.activity_id, False
        if event.credit_amount is None or not event.credit_type:
            raise ValidationError({"credit_amount": ["Record the credits this event gave (amount and kind) first."]})
        if event.ends_on > user_today(user):
            raise ValidationError({"ends_on": ["Credits count once the event is over."]})
        kept = learning.certificate_store(user=user, upload=certificate) if certificate is not None else None
        try:
            activity = _activity_of(user, event, kept, keep_outside_cycles)
        except BaseException:
            if kept is not None:  # its row rolls back: the file must not stay behind
                kept.file.delete(save=False)
            raise
        event.activity_id = activity.pk
        event.save(update_fields=["activity_id"])
    return event, activity.pk, True


def _activity_of(user: User, event: Event, certificate: Any, keep_outside_cycles: bool) -> Any:  # a LearningActivity
    """The learning activity of an event's credits, made through the learning pillar's own service."""
    assert event.credit_amount is not None
    data = learning.ActivityInput(
        title=event.title,
        completed_on=event.ends_on,
        awards=[(event.credit_type, event.credit_amount)],
        format=LEARNING_FORMATS.get(event.kind, "live"),
        provider=event.title[:200],  # who gave the credits: the event (MedPath keeps no organizer), never its place
        notes=f"Recorded in Network: {EventKind(event.kind).label.lower()}, {EventRole(event.role).label.lower()}.",
        keep_outside_cycles=keep_outside_cycles,
    )
    return learning.activity_create(user=user, data=data, certificate=certificate, privacy_confirmed=True)
