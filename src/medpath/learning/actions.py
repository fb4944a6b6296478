"""The Continuous learning pillar's next actions: credentials lapsed or expiring, renewal rules not yet met."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from medpath.learning.cards import statuses
from medpath.next_actions import Action, by_days
from medpath.wording import amount, day

PRACTISING = {"nurse", "physician", "advanced_practice", "technician", "therapist", "resident"}


def learning_actions(user: Any, today: date) -> list[Action]:
    """What a person must do to keep their licences and certifications, gravest first."""
    found: list[Action] = []
    rows = statuses(user)
    if not rows and getattr(user, "career_stage", "") in PRACTISING:
        found.append(
            Action(
                "learning:add-credential",
                "learning",
                "Add your licences and certifications",
                "MedPath can then tell you what each renewal needs, and by when.",
                "low",
                url=reverse("learning:credential_new"),
            )
        )
    for status in rows:
        row = status.credential
        url = reverse("learning:credential", args=[row.pk])
        days = status.days_left
        if status.status in {"lapsed", "expired"}:
            found.append(
                Action(
                    f"credential:{row.pk}:lapsed",
                    "learning",
                    f"{row.name} has expired",
                    f"It expired on {day(status.deadline)}: renew it before you rely on it again."
                    if status.deadline
                    else "Renew it before you rely on it again.",
                    "critical",
                    status.deadline,
                    url,
                )
            )
            continue
        evaluation = status.evaluation
        if evaluation is not None and evaluation.status in {"at-risk", "on-track", "unmet"}:
            short = [r for r in evaluation.rules if r.applies and not r.met and r.kind != "cap"]
            if short:
                missing = "; ".join(f"{amount(r.missing)} missing: {r.label}" for r in short[:3])
                found.append(
                    Action(
                        f"credential:{row.pk}:renewal",
                        "learning",
                        f"{row.name}: renewal rules not met yet",
                        f"{missing} — before {day(evaluation.deadline)}.",
                        by_days(evaluation.days_left),
                        evaluation.deadline,
                        url,
                    )
                )
                continue
        if days is not None and status.deadline is not None and days <= 90 and status.status not in {"exempt"}:
            found.append(
                Action(
                    f"credential:{row.pk}:expires",
                    "learning",
                    f"{row.name} expires in {days} day{'s' if days != 1 else ''}",
                    "Renew it in time; MedPath reminds you 90, 60, 30 and 7 days before.",
                    by_days(days),
                    status.deadline,
                    url,
                )
            )
    return found
