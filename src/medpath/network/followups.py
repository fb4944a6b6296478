"""When to get in touch again: a contact's follow-up rhythm and the day the next follow-up is due. Pure: no Django.

A contact's rhythm is its own, else the shortest rhythm among the person's rules for its tags, else none; the
next follow-up falls that many days after the last logged interaction (or after the day the contact was added,
when nothing is logged yet).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

MIN_RHYTHM_DAYS = 1
MAX_RHYTHM_DAYS = 3 * 365  # a setting, not a fact: beyond three years a "follow-up" is not a rhythm any more
RHYTHM_MESSAGE = f"A follow-up rhythm is between {MIN_RHYTHM_DAYS} day and {MAX_RHYTHM_DAYS} days (three years)."


def normal_tag(text: str) -> str:
    """A tag as stored and compared: lower case, single spaces ("Former  Attending" is "former attending")."""
    return " ".join(text.split()).lower()


def rhythm_problem(days: int | None) -> str:
    """Why a rhythm cannot be kept ("" when it can; None means no rhythm)."""
    if days is None or MIN_RHYTHM_DAYS <= days <= MAX_RHYTHM_DAYS:
        return ""
    return RHYTHM_MESSAGE


@dataclass(frozen=True)
class Rhythm:
    """How often to get in touch, and why: the contact's own rhythm or the rule of one of its tags."""

    days: int | None
    reason: str  # "its own rhythm", "tag “mentor”", or "" without a rhythm


@dataclass(frozen=True)
class FollowUp:
    """A contact's next follow-up: the rhythm, the day it is counted from, and the day it is due (None: no rhythm)."""

    rhythm: Rhythm
    counted_from: date
    due_on: date | None

    def days_left(self, today: date) -> int | None:
        """Days until the follow-up is due (negative: overdue); None without a rhythm."""
        return None if self.due_on is None else (self.due_on - today).days


def rhythm_of(own_days: int | None, tags: Iterable[str], rules: Mapping[str, int]) -> Rhythm:
    """The contact's own rhythm, else the shortest rhythm of its tags' rules, else none."""
    if own_days is not None:
        return Rhythm(own_days, "its own rhythm")
    ruled = sorted((rules[tag], tag) for tag in {normal_tag(t) for t in tags} if tag in rules)
    if not ruled:
        return Rhythm(None, "")
    days, tag = ruled[0]
    return Rhythm(days, f"tag “{tag}”")


def follow_up(
    *, own_days: int | None, tags: Iterable[str], rules: Mapping[str, int], added_on: date, last_contact: date | None
) -> FollowUp:
    """The next follow-up of one contact."""
    rhythm = rhythm_of(own_days, tags, rules)
    counted_from = last_contact if last_contact is not None else added_on
    due_on = counted_from + timedelta(days=rhythm.days) if rhythm.days is not None else None
    return FollowUp(rhythm, counted_from, due_on)
