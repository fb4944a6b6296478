"""Static guard: personal data is only read through the scoping mechanism.

``Model.objects`` on personal models refuses unscoped queries, but Django's
shortcuts (get_object_or_404, generic views) use the default manager, which must
stay unscoped for Django's own cascades and unique checks. So the code may not
use those shortcuts, and ``all_owners`` appears only in reviewed places.
"""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "medpath"

# Each file allowed to read across owners, and why (reviewed).
ALL_OWNERS_ALLOWED = {
    "scoping.py": "defines the managers",
    "accounts/models.py": "declares the managers",
    "accounts/tokens.py": "finds a token by its hash before anyone is known",
    "accounts/links.py": "opens a link by its signed id for a visitor without an account",
    "accounts/services.py": "counts reset requests per address before anyone is known; deletes a deleted account's "
    "owner-less events; bulk-creates one user's recovery codes, each row given its owner",
    "accounts/management/commands/prune_audit.py": "retention job over every user's events",
    "experience/reminders.py": "the daily reminder job finds every unanswered verification request near expiry",
    "skills/reminders.py": "the daily reminder job finds every rater whose request closes soon",
    "match/selectors.py": "a couple belongs to two people: couple_for lets in either partner; the other partner's shared "
    "list and the paired rows are read only after it let the user in",
    "match/links.py": "a withdrawn invitation deletes the couple it started (its owner's) while nobody has joined",
    "match/services.py": "couples: after couple_for let either partner in, locks the couple and writes its paired rows "
    "(owned by the inviter); opens an invitation by its signed link",
    "skills/services/feedback.py": "the daily run closes every request past its last day; closing revokes the "
    "request's rater links, which belong to its owner",
}
BANNED = {
    r"\bget_object_or_404\(": "use medpath.scoping.get_owned(Model, user, ...)",
    r"\bget_list_or_404\(": "use Model.objects.for_user(user)",
    r"\b_default_manager\b": "use Model.objects.for_user(user)",
    r"django\.views\.generic": "generic views read through the unscoped default manager",
}


def _sources() -> list[tuple[str, str]]:
    return [(str(path.relative_to(SRC)), path.read_text()) for path in SRC.rglob("*.py") if "migrations" not in path.parts]


def test_unscoped_shortcuts_are_not_used() -> None:
    """No view or service uses a shortcut that bypasses the scoping manager."""
    problems = [
        f"{name}: {pattern} — {advice}"
        for name, text in _sources()
        for pattern, advice in BANNED.items()
        if re.search(pattern, text)
    ]
    assert not problems, "\n".join(problems)


def test_all_owners_only_in_reviewed_places() -> None:
    """Reading across owners happens only where the list above says why."""
    users = {name for name, text in _sources() if ".all_owners" in text or "all_owners:" in text or "all_owners =" in text}
    unexpected = sorted(users - set(ALL_OWNERS_ALLOWED))
    assert not unexpected, f"all_owners used in {unexpected}: scope the query, or add the file with its reason"
