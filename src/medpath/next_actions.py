"""What to do next, across the pillars: candidate actions ranked by consequence, then due date. Pure: no Django.

Every pillar offers candidates (a licence expiring, a renewal rule unmet before its
deadline, an exam booked soon, a supervisor who has not answered, work hours over a
limit, a target falling behind), each with a typed due date or none, a consequence
level, a reason in words and a link. The person may snooze an action until a date or
dismiss it; a dismissed or snoozed action comes back as soon as its reason changes
(a new deadline, a new violation), because the choice is kept against the action's
fingerprint, not just its key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

Severity = Literal["critical", "high", "medium", "low"]
# critical: may stop you practising or breaks a rule now (a lapsed licence, a work-hour violation);
# high: due within about a month; medium: due within a season; low: worth doing, nothing lapses.
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Action:
    """One thing to do, with why and by when."""

    key: str  # stable across days: "credential:12:renewal"
    pillar: str
    title: str
    reason: str
    severity: Severity
    due: date | None = None
    url: str = ""
    fingerprint: str = ""  # what the reason is about; empty: the due date and the reason

    @property
    def signature(self) -> str:
        """The reason's identity (a short digest): a snooze or dismissal holds only while this stays the same."""
        about = self.fingerprint or f"{self.due.isoformat() if self.due else '-'}|{self.reason}"
        return hashlib.sha256(about.encode()).hexdigest()[:32]

    def as_dict(self) -> dict[str, object]:
        """The JSON of ``medpath status --json`` and the API."""
        return {
            "key": self.key,
            "pillar": self.pillar,
            "title": self.title,
            "reason": self.reason,
            "due": self.due.isoformat() if self.due else None,
            "severity": self.severity,
            "url": self.url,
        }


@dataclass(frozen=True)
class Choice:
    """What the person chose for an action: snoozed until a date, or dismissed; for the reason it had then."""

    key: str
    signature: str
    snoozed_until: date | None = None
    dismissed: bool = False


def hidden(action: Action, choice: Choice | None, today: date) -> bool:
    """Whether the person's choice hides the action today."""
    if choice is None or choice.signature != action.signature:
        return False  # no choice, or the reason changed since: it comes back
    if choice.dismissed:
        return True
    return choice.snoozed_until is not None and today < choice.snoozed_until


def rank(actions: Iterable[Action], choices: Mapping[str, Choice], today: date) -> list[Action]:
    """The visible actions, most consequential first, then soonest due (undated last); a stable order."""
    seen: dict[str, Action] = {}
    for action in actions:
        kept = seen.get(action.key)
        if kept is None or _order(action) < _order(kept):  # one action per key: the graver one
            seen[action.key] = action
    visible = [action for action in seen.values() if not hidden(action, choices.get(action.key), today)]
    return sorted(visible, key=_order)


def _order(action: Action) -> tuple[int, date, str, str, str]:
    return (SEVERITIES.index(action.severity), action.due or date.max, action.pillar, action.title, action.key)


def by_days(days_left: int, *, overdue: Severity = "critical") -> Severity:
    """The consequence of something due in ``days_left`` days (negative: overdue)."""
    if days_left < 0:
        return overdue
    if days_left <= 30:
        return "high"
    if days_left <= 90:
        return "medium"
    return "low"


def graver(severity: Severity) -> Severity:
    """One level more consequential (what matters most to this person right now)."""
    return SEVERITIES[max(0, SEVERITIES.index(severity) - 1)]
