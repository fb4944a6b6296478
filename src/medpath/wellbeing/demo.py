"""Demo check-ins: the surgery resident checked in most days for six weeks while the demo shifts ran long, with
mood falling week after week (so a signal shows on their trend); the nursing student checked in a few times."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from medpath.demo import register_demo_filler

if TYPE_CHECKING:
    from medpath.accounts.models import User

# (the five days' moods, energy, stress, burnout, sleep) per week, oldest first: the resident's six weeks before
# this one. The weekly mood means fall every week: 3.8, 3.6, 3.2, 2.8, 2.4, 1.8.
RESIDENT_WEEKS = [
    ((4, 4, 4, 4, 3), 4, 2, 2, 7.0),
    ((4, 4, 4, 3, 3), 4, 3, 2, 6.5),
    ((4, 3, 3, 3, 3), 3, 3, 2, 6.0),
    ((3, 3, 3, 3, 2), 3, 4, 3, 5.5),
    ((3, 3, 2, 2, 2), 2, 4, 3, 5.0),
    ((2, 2, 2, 2, 1), 2, 5, 4, 5.0),
]


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.usertime import user_today
    from medpath.wellbeing.models import CheckIn

    resident = users.get("resident@demo.medpath.test")
    nursing = users.get("nursing@demo.medpath.test")
    if isinstance(resident, User) and not CheckIn.objects.for_user(resident).exists():
        _resident(resident, user_today(resident))
    if isinstance(nursing, User) and not CheckIn.objects.for_user(nursing).exists():
        _nursing_student(nursing, user_today(nursing))


def _resident(user: User, today: date) -> None:
    from medpath.wellbeing.services import checkin_save

    this_monday = today - timedelta(days=today.weekday())
    for number, (moods, energy, stress, burnout, sleep) in enumerate(RESIDENT_WEEKS):
        monday = this_monday - timedelta(days=7 * (len(RESIDENT_WEEKS) - number))
        for offset, (day_of_week, mood) in enumerate(zip((0, 1, 3, 4, 6), moods, strict=True)):
            checkin_save(
                user=user,
                day=monday + timedelta(days=day_of_week),
                mood=mood,
                energy=energy,
                stress=stress,
                burnout=burnout,
                sleep_hours=sleep,
                note="Long call week; a walk after the post-call sleep helped." if (number, offset) == (5, 1) else "",
                privacy_confirmed=True,
            )


def _nursing_student(user: User, today: date) -> None:
    from medpath.wellbeing.services import checkin_save

    for days_ago, (mood, energy, stress, sleep) in zip(
        (9, 6, 3, 1), ((4, 3, 3, 7.5), (3, 3, 4, 6.5), (4, 4, 3, 8.0), (4, 3, 2, 7.0)), strict=True
    ):
        checkin_save(
            user=user,
            day=today - timedelta(days=days_ago),
            mood=mood,
            energy=energy,
            stress=stress,
            burnout=2 if stress > 3 else 1,
            sleep_hours=sleep,
            privacy_confirmed=True,
        )


register_demo_filler(_fill)
