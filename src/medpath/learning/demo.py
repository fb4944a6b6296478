"""Demo credentials and activities: a nursing student's BLS card, a technologist's ARRT and licence."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from medpath.demo import register_demo_filler


def _fill(users: dict[str, object]) -> None:
    from medpath.accounts.models import User
    from medpath.learning import services
    from medpath.learning.models import Credential
    from medpath.learning.selectors import requirement_specs

    nurse = users.get("nursing@demo.medpath.test")
    tech = users.get("tech@demo.medpath.test")
    today = date.today()
    for user in (nurse, tech):
        if not isinstance(user, User) or Credential.objects.for_user(user).exists():
            continue
        known = set(requirement_specs(user))

        def spec(set_id: str, known: set[str] = known) -> str:
            return set_id if set_id in known else ""

        if user is nurse:
            services.credential_save(
                user=user,
                kind="life_support",
                name="AHA BLS provider card",
                issuer="American Heart Association",
                issued_on=today - timedelta(days=640),
                expires_on=today + timedelta(days=80),
                requirement_set_id=spec("aha-bls"),
            )
            services.credential_save(
                user=user,
                kind="training",
                name="Bloodborne pathogens (annual)",
                issuer="Clinical placement site",
                expires_on=today + timedelta(days=25),
                requirement_set_id=spec("osha-bloodborne-pathogens"),
            )
        else:
            services.credential_save(
                user=user,
                kind="registration",
                name="ARRT registration (R)",
                issuer="ARRT",
                number="000000",
                expires_on=today + timedelta(days=200),
                requirement_set_id=spec("arrt-ce"),
                renewal_number=3,
            )
            services.credential_save(
                user=user,
                kind="licence",
                name="Florida radiologic technologist licence",
                issuer="Florida DOH",
                jurisdiction="US-FL",
                expires_on=today + timedelta(days=45),
            )
            for days_ago, title, hours in (
                (400, "Radiation safety update", "4"),
                (200, "CT dose optimisation", "6"),
                (30, "Contrast reactions", "2"),
            ):
                services.activity_create(
                    user=user,
                    data=services.ActivityInput(
                        title=title,
                        completed_on=today - timedelta(days=days_ago),
                        awards=[("arrt_ce", Decimal(hours))],
                        format="enduring",
                        provider="ASRT",
                        accreditor="ARRT RCEEM",
                        keep_outside_cycles=True,
                    ),
                )


register_demo_filler(_fill)
