"""A vCard file read for a preview, kept on the server for less than an hour so that "Import these contacts"
needs no second upload. The file waits in the data directory under the person's own folder and a random name;
it is read again and checked in full when imported (the browser sends only its name, never its text)."""

from __future__ import annotations

import contextlib
import re
import secrets
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from medpath.accounts.models import User

HOLD_FOR = timedelta(minutes=60)  # a setting, not a fact: long enough to read a preview, short enough to forget
MAX_HELD = 5  # files one person may have waiting; older ones go first
FOLDER = "vcard-imports"
_HELD = re.compile(r"^(\d{10})-([A-Za-z0-9_-]{32})$")


def _path(user: User, held: str) -> str:
    return f"{FOLDER}/{user.pk}/{held}.vcf"


def _expired(held: str) -> bool:
    match = _HELD.match(held)
    now = timezone.now().timestamp()
    return match is None or not (now - HOLD_FOR.total_seconds() < int(match.group(1)) <= now + 60)


def _sweep(user: User) -> None:
    """Drop the person's expired files, and the oldest beyond ``MAX_HELD - 1`` so that one more fits."""
    folder = f"{FOLDER}/{user.pk}"
    if not default_storage.exists(folder):
        return
    names = sorted(name.removesuffix(".vcf") for name in default_storage.listdir(folder)[1])
    live = [name for name in names if not _expired(name)]
    for name in [name for name in names if name not in live] + live[: max(0, len(live) - (MAX_HELD - 1))]:
        default_storage.delete(_path(user, name))


def vcard_hold(*, user: User, data: bytes) -> str:
    """Keep a file read for a preview; answers the name to import it by (``vcard_held``)."""
    _sweep(user)
    held = f"{int(timezone.now().timestamp())}-{secrets.token_urlsafe(24)}"
    default_storage.save(_path(user, held), ContentFile(data))
    return held


def vcard_held(*, user: User, held: str) -> bytes | None:
    """The file kept under ``held`` for this person, or None once it expired, was imported, or is not theirs."""
    if not _HELD.match(held) or _expired(held) or not default_storage.exists(_path(user, held)):
        return None
    with default_storage.open(_path(user, held), "rb") as kept:
        data: bytes = kept.read()
    return data


def vcard_release(*, user: User, held: str) -> None:
    """Forget a kept file (once imported)."""
    if _HELD.match(held):
        default_storage.delete(_path(user, held))


def held_vcards_forget(sender: object, instance: User, **_: object) -> None:
    """On account deletion (the User's post_delete signal): drop every vCard file held for the person."""
    folder = f"{FOLDER}/{instance.pk}"
    if not default_storage.exists(folder):
        return
    for name in default_storage.listdir(folder)[1]:
        default_storage.delete(f"{folder}/{name}")
    with contextlib.suppress(NotImplementedError, OSError):  # an object store has no folders
        Path(default_storage.path(folder)).rmdir()
