"""Demo roadmaps for the demo users: under way, with real dates behind them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from medpath.demo import register_demo_filler


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.plans import services

    plans = {
        # A pre-med student in the junior year, MCAT booked.
        "premed@demo.medpath.test": (
            services.Target(
                career_id="physician",
                route_id="md",
                specialty_id="family-medicine",
                current_stage_id="bachelors",
                start_date=date(2024, 9, 1),
            ),
            [("mcat", None, date(2027, 4, 17))],
        ),
        # A nursing student in a BSN program, part-time.
        "nursing@demo.medpath.test": (
            services.Target(
                career_id="registered-nurse",
                route_id="bsn",
                current_stage_id="bsn",
                start_date=date(2025, 1, 6),
                part_time=True,
                part_time_factor=Decimal("1.5"),
            ),
            [],
        ),
        # A practising radiologic technologist adding sonography.
        "tech@demo.medpath.test": (
            services.Target(career_id="radiologic-technologist", start_date=date(2019, 9, 1)),
            [],
        ),
    }
    for email, (target, milestones) in plans.items():
        user = users.get(email)
        if not isinstance(user, User):
            continue
        from medpath.plans.models import Roadmap

        if Roadmap.objects.for_user(user).exists():
            continue
        services.roadmap_set_target(user=user, target=target)
        for stage_id, done_on, booked in milestones:
            services.milestone_update(user=user, stage_id=stage_id, completed_on=done_on, booked_for=booked)
        if email == "tech@demo.medpath.test":
            _complete_route(user)


def _complete_route(user: object) -> None:
    """The technologist finished school and passed the registry; the licence is the next step."""
    from medpath.accounts.models import User
    from medpath.plans import services
    from medpath.plans.selectors import roadmap_view

    assert isinstance(user, User)
    view = roadmap_view(user)
    if view is None:
        return
    done = [
        m for m in view.plan.milestones if m.kind in {"degree", "prerequisite_coursework", "certification_exam", "licensing_exam"}
    ]
    for milestone in done:
        if milestone.typical_end <= view.today:
            services.milestone_update(user=user, stage_id=milestone.id, completed_on=milestone.typical_end)


register_demo_filler(_fill)
