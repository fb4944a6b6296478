"""Demo experience: a pre-med student's shadowing and clinical hours (one verified), and a surgery resident's
five weeks of shifts (with one over-long call to see a violation explained) and case log."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from medpath.demo import register_demo_filler

if TYPE_CHECKING:
    from medpath.accounts.models import User


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.experience.models import ExperienceEntry, Shift

    premed = users.get("premed@demo.medpath.test")
    resident = users.get("resident@demo.medpath.test")
    today = date.today()
    if isinstance(premed, User) and not ExperienceEntry.objects.for_user(premed).exists():
        _premed(premed, today)
    if isinstance(resident, User) and not Shift.objects.for_user(resident).exists():
        _resident(resident, today)


def _premed(user: User, today: date) -> None:
    from medpath.experience import services
    from medpath.experience.models import ExperienceEntry, Verification

    def log(days_ago: int, **values: Any) -> ExperienceEntry:
        return services.entry_save(user=user, started_on=today - timedelta(days=days_ago), **values)

    for days_ago in (60, 53, 46):
        log(
            days_ago,
            kind="shadowing",
            title="Shadowing a family physician",
            organization="Lakeside Family Medicine",
            setting="outpatient",
            specialty="Family medicine",
            start_time=time(8),
            end_time=time(13),
            supervisor_name="Dr. Elena Ruiz",
            supervisor_email="eruiz@lakeside.example.org",
            description="Observed clinic visits and how the physician explained new diagnoses.",
            tags=["primary care"],
        )
    log(
        150,
        ended_on=today - timedelta(days=30),
        kind="clinical_volunteering",
        title="Emergency department volunteer",
        organization="Mercy Hospital",
        setting="emergency",
        hours=Decimal("96"),
        supervisor_name="Jordan Park",
        supervisor_email="volunteers@mercy.example.org",
        reflection="Learned how much of emergency care is waiting, and how to keep families informed while they wait.",
    )
    log(
        200,
        ended_on=today - timedelta(days=100),
        kind="research",
        title="Research assistant, cardiology lab",
        hours=Decimal("120"),
    )
    # One entry verified as a supervisor would through the link, so the demo shows a verified entry.
    first = ExperienceEntry.objects.for_user(user).filter(kind="shadowing").order_by("started_on").first()
    if first is not None:
        from django.utils import timezone

        ExperienceEntry.objects.for_user(user).filter(pk=first.pk).update(
            verification=Verification.VERIFIED,
            verified_at=timezone.now(),
            verified_by="Elena Ruiz, MD",
            verified_email=first.supervisor_email,
            verifier_comment="Attended as described.",
        )
    services.target_save(user=user, catalog_id="umc-md-shadowing")
    services.target_save(user=user, catalog_id="premed-clinical-exposure")


def _resident(user: User, today: date) -> None:
    from medpath.experience import services, shifts

    shifts.work_hour_settings_save(user=user, pgy=2)
    monday = today - timedelta(days=today.weekday() + 35)
    day, night, call, handover = (
        t for t in shifts.BUILT_IN if t.name in {"Day", "Night", "24-hour in-house call", "Post-call handover"}
    )
    batch = []
    for week in range(5):
        start = monday + timedelta(days=7 * week)
        if week == 2:  # a week of nights
            batch += shifts.from_template(user, night, start, 6, rotation="Nights")
            continue
        batch += shifts.from_template(user, day, start, 4, rotation="Surgery")
        batch += shifts.from_template(user, call, start + timedelta(days=4), 1, rotation="Surgery")
        batch += shifts.from_template(user, handover, start + timedelta(days=5), 1, rotation="Surgery")
    # One call that ran two hours past its handover: a 30-hour continuous period, explained on the report.
    late = shifts.Template("Late handover", time(11), time(13), "clinical")
    batch += shifts.from_template(user, late, monday + timedelta(days=5), 1, rotation="Surgery")
    shifts.shifts_save(user, batch)
    cases = [
        ("Laparoscopic cholecystectomy", "biliary", "performed"),
        ("Laparoscopic appendectomy", "appendix", "performed"),
        ("Inguinal hernia repair", "hernia", "performed"),
        ("Right hemicolectomy", "large-intestine", "assisted"),
        ("Excision of soft tissue mass", "skin-soft-tissue", "performed"),
        ("Laparoscopic cholecystectomy", "biliary", "performed"),
        ("Central line placement", "", "performed"),
    ]
    for offset, (name, category, role) in enumerate(cases):
        services.procedure_save(
            user=user,
            procedure=name,
            category=f"acgme-general-surgery-2017:{category}" if category else "",
            performed_on=today - timedelta(days=3 + offset * 4),
            setting="operating_room" if category else "icu",
            role=role,
            supervision="direct" if role == "performed" else "",
        )
    services.procedure_target_save(
        user=user,
        label="Central lines",
        procedure="Central line placement",
        roles=["performed"],
        minimum=10,
    )


register_demo_filler(_fill)
