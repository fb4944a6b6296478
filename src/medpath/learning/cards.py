"""The Continuous learning and Ethics cards on the dashboard."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from medpath.dashboard import Card, NextAction
from medpath.learning.selectors import CredentialStatus, credential_statuses
from medpath.wording import amount, count

# Topics that are ethics, integrity and mandated-training duties.
ETHICS_TOPICS = frozenset(
    {
        "medical-ethics",
        "human-trafficking",
        "implicit-bias",
        "hipaa-privacy",
        "bloodborne-pathogens",
        "medical-errors",
        "laws-and-rules",
        "controlled-substances",
        "opioids",
        "domestic-violence",
        "impairment",
        "patient-safety",
    }
)


def statuses(user: Any) -> list[CredentialStatus]:
    """Computed once per request for both cards and the next actions."""
    cached: list[CredentialStatus] | None = getattr(user, "_medpath_credential_statuses", None)
    if cached is None:
        cached = credential_statuses(user)
        user._medpath_credential_statuses = cached
    return cached


def statuses_present(user: Any) -> bool:
    """Whether the user keeps any credential at all."""
    return bool(statuses(user))


def _when(days: int) -> str:
    if days < 0:
        return f"{-days} days ago"
    return "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"


def learning_card(user: Any) -> Card:
    """What expires or falls short soonest."""
    url = reverse("learning:overview")
    rows = statuses(user)
    if not rows:
        return Card(
            "learning",
            "Continuous learning",
            "Add your licences, certifications and cards to see what each renewal needs.",
            [NextAction("Add a credential", reverse("learning:credential_new"))],
            url,
        )
    actions = []
    for status in rows:
        if not status.urgent or status.days_left is None:
            continue
        row = status.credential
        if status.status in {"lapsed", "expired"}:
            actions.append(NextAction(f"{row.name} has expired", reverse("learning:credential", args=[row.pk])))
        elif status.evaluation and status.evaluation.status in {"at-risk", "on-track", "unmet"}:
            short = [r for r in status.evaluation.rules if r.applies and not r.met and r.kind != "cap"]
            text = f"{amount(short[0].missing)} missing: {short[0].label}" if short else f"{row.name} renewal due"
            actions.append(
                NextAction(f"{row.name}: {text}", reverse("learning:credential", args=[row.pk]), f"due {_when(status.days_left)}")
            )
        else:
            actions.append(
                NextAction(f"{row.name} expires {_when(status.days_left)}", reverse("learning:credential", args=[row.pk]))
            )
    in_order = sum(1 for s in rows if s.status in {"met", "exempt", "current", "on-track"})
    summary = f"{count(len(rows), 'credential')}; {in_order} in order or on track."
    return Card("learning", "Continuous learning", summary, actions[:4], url)


def ethics_card(user: Any) -> Card:
    """Mandatory trainings and topic mandates that are due."""
    url = reverse("learning:overview")
    actions = []
    tracked = 0  # trainings, and credentials whose rules include a mandate
    for status in statuses(user):
        row = status.credential
        if row.kind == "training":
            tracked += 1
            if status.status not in {"met", "current", "exempt"}:
                actions.append(NextAction(f"{row.name}", reverse("learning:credential", args=[row.pk]), status.status_label))
            continue  # a training is one mandate: not listed again by its rules
        if status.evaluation is None or status.spec is None:
            continue
        mandates = {rule.id for rule in status.spec.rules if ETHICS_TOPICS & set(rule.topics)}
        tracked += bool(mandates)
        for result in status.evaluation.rules:
            if result.id in mandates and result.applies and not result.met:
                actions.append(
                    NextAction(
                        f"{amount(result.missing)} h {result.label}",
                        reverse("learning:credential", args=[row.pk]),
                        f"for {row.name}",
                    )
                )
    if not tracked:
        summary = (
            "Nothing recorded yet — add your mandatory trainings (HIPAA, ethics, bloodborne pathogens …), or a licence "
            "whose renewal has topic mandates, to see when each is due."
        )
        first = NextAction("Add a mandatory training", reverse("learning:credential_new"))
        return Card("ethics", "Ethics and integrity", summary, [first], url)
    summary = (
        "Mandatory trainings and topic mandates are up to date." if not actions else f"{count(len(actions), 'mandate')} due."
    )
    return Card("ethics", "Ethics and integrity", summary, actions[:4], url)
