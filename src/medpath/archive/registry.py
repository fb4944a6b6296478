"""What the archive carries and what it deliberately leaves out, the hooks a pillar gives for a kind of record
whose stored form must not travel as it is (feedback counters), and the ids a pillar keeps as plain numbers.

Every model with a path to the user is either exported (found by walking Django's app registry, so models added
later travel without being named here) or listed in ``LEFT_OUT`` with its reason; ``tests/archive`` fails when a
user-linked model is neither.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

Record = dict[str, Any]

# model label -> why it does not travel (docs/portfolio.md repeats these).
LEFT_OUT: dict[str, str] = {
    "accounts.apitoken": "API tokens are secrets of this instance (only their hashes are stored); make new ones.",
    "accounts.signedlink": "Signed links never travel: a link works only on the instance that signed it. A record "
    "that needs its link (a verification request) carries the link's dates and state, not the link.",
    "accounts.recoverycode": "Two-factor recovery codes are one-time secrets tied to this instance's key.",
    "accounts.auditevent": "The security log is this instance's record of logins and link use, not the person's "
    "career; it names addresses and browsers.",
    "accounts.pendingsignup": "A sign-up waiting for its e-mail confirmation; it holds a password hash.",
    "accounts.loginthrottle": "A counter of failed logins, keyed by a hash of the address with this instance's key.",
    "accounts.ratelimitbucket": "A counter of requests per address or account, kept for minutes.",
    "sessions.session": "Login sessions belong to one browser on one instance.",
    "auth.group": "Staff permission groups of the instance, not personal records (not used by MedPath).",
    "auth.permission": "Permissions of the instance's staff, not personal records.",
    "accounts.user_groups": "Staff permission groups of the instance (not used by MedPath).",
    "accounts.user_user_permissions": "Staff permissions of the instance (not used by MedPath).",
    "skills.feedbackrater": "Raters' addresses, roles and single-use links: they could identify who answered. "
    "Feedback travels only as the released counters on its request.",
    "skills.mentorshare": "A snapshot made for a mentor and opened only through its signed link; the records it "
    "was made from travel themselves.",
    "match.couple": "A couple joins two people's records (the other partner's shared list); it does not travel in one "
    "person's archive. Each partner's own rank lists travel; the paired list downloads as CSV or XLSX.",
    "match.pairedentry": "A rank of a couple's paired list names the other partner's programs: see match.couple.",
}

# Fields of the user row that travel (the profile); everything else on it is a secret or the instance's business.
PROFILE_FIELDS = ("email", "full_name", "time_zone", "country", "region", "career_stage", "date_joined", "email_reminders")
PROFILE_LEFT_OUT: dict[str, str] = {
    "password": "a password hash of this instance; after an import the person sets a password by reset",
    "totp_secret": "the two-factor secret is a one-time secret: turn two-factor login on again",
    "totp_last_step": "bookkeeping of the two-factor secret",
    "last_login": "a fact about this instance",
    "is_active": "decided by the instance",
    "is_staff": "decided by the instance",
    "is_superuser": "decided by the instance",
}


@dataclass(frozen=True)
class KindHooks:
    """How one kind of record leaves and comes back when its stored form must not travel as it is."""

    export_record: Callable[[Any, Record], Record]  # (row, generic record) -> record to write
    import_record: Callable[[Record], Record]  # record read -> field values to store
    notes: Mapping[str, str] = field(default_factory=dict)  # field -> what it holds in the archive


_hooks: dict[str, KindHooks] = {}


def register_kind_hooks(label: str, hooks: KindHooks) -> None:
    """Called by a pillar in ``AppConfig.ready``: ``label`` (``app.model``) goes through ``hooks``."""
    _hooks[label] = hooks


def kind_hooks(label: str) -> KindHooks | None:
    """The hooks registered for ``label``, if any."""
    return _hooks.get(label)


@dataclass(frozen=True)
class SoftReference:
    """A field holding another record's id as a plain number, without a foreign key (so that each pillar keeps its
    own tables): a counted event's learning activity, an application entry's source record.

    It travels as the archive-local id of the record it points at, and comes back as that record's new id; when the
    record is not in the archive (deleted since), it travels and comes back as null, never as a stale number."""

    field: str
    targets: tuple[str, ...]  # every kind of record it may point at; those are imported first
    target_of: Callable[[Record], str | None]  # which of them, for one record as written in the archive


_soft: dict[str, list[SoftReference]] = {}


def register_soft_reference(label: str, reference: SoftReference) -> None:
    """Called by a pillar in ``AppConfig.ready``: ``label``'s ``reference.field`` is an id kept as a number."""
    if all(known.field != reference.field for known in _soft.get(label, [])):
        _soft.setdefault(label, []).append(reference)


def soft_references(label: str) -> list[SoftReference]:
    """The plain-number ids of ``label``, if any."""
    return list(_soft.get(label, []))
