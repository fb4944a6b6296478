"""Demo rank list: the surgery resident kept the rank order list of their Main Residency Match, with one program they
interviewed at and left off."""

from __future__ import annotations

from medpath.demo import register_demo_filler

PROGRAMS = (
    ("Riverside University General Surgery", "General Surgery", "New York", True),
    ("Harbor Medical Center General Surgery", "General Surgery", "Boston", True),
    ("Lakeshore Health General Surgery", "General Surgery", "Chicago", True),
    ("Hillcrest Community Preliminary Surgery", "Surgery-Preliminary", "Albany", True),
    ("Summit Valley General Surgery", "General Surgery", "Denver", False),
)


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.match import services
    from medpath.match.models import RankList
    from medpath.usertime import user_today

    resident = users.get("resident@demo.medpath.test")
    if not isinstance(resident, User) or RankList.objects.for_user(resident).exists():
        return
    season = user_today(resident).year - 1  # a PGY-2 matched the spring before last July
    made = services.list_create(user=resident, title=f"{season} Main Match", season=season, applicant_type="us-md-senior")
    for name, specialty, city, ranked in PROGRAMS:
        services.program_add(user=resident, list_id=made.pk, name=name, specialty=specialty, city=city, ranked=ranked)


register_demo_filler(_fill)
