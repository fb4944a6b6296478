"""Shared helpers of the archive tests: export to bytes, read an archive back, compare two archives."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from medpath.archive.services import archive_export, archive_import

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def export_bytes(user: Any) -> bytes:
    """The user's archive as bytes."""
    buffer = io.BytesIO()
    archive_export(user=user, target=buffer)
    return buffer.getvalue()


def import_bytes(data: bytes, **kwargs: Any) -> Any:
    """Import an archive held in memory."""
    return archive_import(source=io.BytesIO(data), **kwargs)


def contents(data: bytes) -> tuple[dict[str, Any], dict[str, Any], dict[str, bytes]]:
    """(manifest, record files parsed, uploaded files) of an archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        records = {n: json.loads(bundle.read(n)) for n in bundle.namelist() if n.startswith("records/")}
        files = {n: bundle.read(n) for n in bundle.namelist() if n.startswith("files/")}
    return manifest, records, files


def comparable(data: bytes) -> tuple[dict[str, Any], dict[str, str]]:
    """What must survive a round trip: every record (the profile without its address, and signed links' revocation
    left out: an active link arrives revoked, by design) and every file's SHA-256 by its record."""
    manifest, records, _files = contents(data)
    records["records/accounts.user.json"]["records"][0].pop("email")
    for body in records.values():
        for record in body["records"]:
            for value in record.values():
                if isinstance(value, dict) and "purpose" in value:
                    value.pop("revoked_at")
    hashes = {entry["path"]: entry["sha256"] for entry in manifest["members"] if entry["path"].startswith("files/")}
    return records, hashes


def files_under(folder: Path) -> set[str]:
    """Every file below ``folder``, relative."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def rewrite(data: bytes, change: Any) -> bytes:
    """A copy of an archive with ``change(members)`` applied to its {name: bytes} before re-zipping (no new manifest)."""
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        members = {n: bundle.read(n) for n in bundle.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as bundle:
        for name, body in members.items():
            bundle.writestr(name, body)
    return out.getvalue()
