"""Demo portfolio: the surgery resident's poster and a teaching award, and a saved choice of CV sections."""

from __future__ import annotations

from datetime import timedelta

from medpath.demo import register_demo_filler


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.portfolio import services
    from medpath.portfolio.models import Publication
    from medpath.usertime import user_today

    resident = users.get("resident@demo.medpath.test")
    if not isinstance(resident, User) or Publication.objects.for_user(resident).exists():
        return
    today = user_today(resident)
    presented = today - timedelta(days=120)
    services.publication_save(
        user=resident,
        kind="poster",
        title="Surgical site infection after emergency appendectomy: a two-year audit",
        authors="Okafor S, Park E",
        venue="State Surgical Society annual meeting",
        year=presented.year,
        published_on=presented,
    )
    services.award_save(
        user=resident,
        title="Intern teaching award",
        awarder="Department of Surgery, University Hospital",
        awarded_on=today - timedelta(days=200),
        summary="Chosen by the medical students of the surgery clerkship.",
    )


register_demo_filler(_fill)
