"""Demo network: the surgery resident's mentor (every six weeks by the "mentor" rule, last coffee seven weeks
ago, so a follow-up is due), a former attending, and a conference whose credits wait to be counted; the nursing
student's preceptor and student association membership."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from medpath.demo import register_demo_filler


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.network.models import Contact
    from medpath.usertime import user_today

    resident = users.get("resident@demo.medpath.test")
    nursing = users.get("nursing@demo.medpath.test")
    if isinstance(resident, User) and not Contact.objects.for_user(resident).exists():
        _resident(resident, user_today(resident))
    if isinstance(nursing, User) and not Contact.objects.for_user(nursing).exists():
        _nursing_student(nursing, user_today(nursing))


def _resident(user: object, today: date) -> None:
    from medpath.accounts.models import User
    from medpath.network.services import contacts, events

    assert isinstance(user, User)
    contacts.rule_save(user=user, tag="mentor", rhythm_days=42)
    contacts.rule_save(user=user, tag="former attending", rhythm_days=182)
    mentor = contacts.contact_save(
        user=user,
        name="Dr. Elena Park",
        role="Associate program director, general surgery",
        organization="University Hospital",
        how_met="Assigned mentor in the first week of internship",
        email="elena.park@example.org",
        tags=["mentor"],
        is_mentor=True,
    )
    contacts.interaction_save(
        user=user,
        contact_id=mentor.pk,
        occurred_on=today - timedelta(weeks=7),
        channel="in_person",
        notes="Coffee: research year or not.",
    )
    attending = contacts.contact_save(
        user=user,
        name="Dr. James Okafor",
        role="Trauma surgeon",
        organization="County Medical Center",
        how_met="Trauma rotation, PGY-1",
        tags=["former attending"],
    )
    contacts.interaction_save(user=user, contact_id=attending.pk, occurred_on=today - timedelta(days=60), channel="email")
    events.event_save(
        user=user,
        kind="conference",
        title="Regional surgical society annual meeting",
        starts_on=today - timedelta(days=24),
        ends_on=today - timedelta(days=22),
        place="Chicago",
        role="poster",
        presentation_title="Early mobility after colectomy: a quality project",
        contact_ids=[mentor.pk],
        credit_amount=Decimal("12.5"),
        credit_type="ama_pra_cat1",
    )


def _nursing_student(user: object, today: date) -> None:
    from medpath.accounts.models import User
    from medpath.network.services import contacts, memberships

    assert isinstance(user, User)
    preceptor = contacts.contact_save(
        user=user,
        name="Rosa Delgado, RN",
        role="Preceptor, medical-surgical unit",
        organization="Valley Medical Center",
        how_met="Clinical placement preceptor",
        tags=["preceptor"],
        rhythm_days=30,
    )
    contacts.interaction_save(user=user, contact_id=preceptor.pk, occurred_on=today - timedelta(days=10), channel="in_person")
    memberships.membership_save(
        user=user,
        association="National Student Nurses' Association",
        member_number="S-000000",
        level="Student",
        renews_on=today + timedelta(days=20),
        dues_amount=Decimal("40.00"),
        dues_currency="USD",
    )


register_demo_filler(_fill)
