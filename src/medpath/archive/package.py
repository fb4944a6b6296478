"""The zip itself: written with a manifest of every member's size and SHA-256, and read back only after every
check passed (no Django here: the limits come in as arguments).

Refused before anything is stored: not a zip; larger than the limit; a member path that is absolute, has ``..``,
a backslash or a drive; a member twice; a member the manifest does not list, or listed but missing; a size or
checksum that differs; more bytes inflated than the limit (a zip bomb); a format version newer than this code.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

FORMAT = "medpath-archive"
FORMAT_VERSION = 1
# What zipfile and json raise for a member they cannot give back: damaged, cut short, encrypted (RuntimeError:
# "password required"), an unknown compression (NotImplementedError), or JSON nested beyond reason (RecursionError).
UNREADABLE = (ValueError, zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError)

MANIFEST = "manifest.json"
MAX_MEMBERS = 100_000


class ArchiveRefused(ValueError):
    """The archive cannot be imported; the message says why, in words for the person."""

    def __init__(self, message: str, code: str = "archive_refused") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Member:
    path: str
    data: bytes


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_zip(target: IO[bytes], manifest_fields: dict[str, Any], members: Iterable[Member]) -> None:
    """Write ``members`` and a manifest listing each with its size and SHA-256 into ``target``."""
    listed = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for member in members:
            bundle.writestr(member.path, member.data)
            listed.append({"path": member.path, "size": len(member.data), "sha256": sha256(member.data)})
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, **manifest_fields, "members": listed}
        bundle.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))


def _safe_path(name: str) -> bool:
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\\" not in name
        and not name.startswith("/")
        and ":" not in path.parts[0]
        and ".." not in path.parts
        and "." not in path.parts
        and not name.endswith("/")
    )


def _read(bundle: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """A member's bytes, refusing to inflate more than ``limit`` whatever its header claims."""
    with bundle.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ArchiveRefused(f"{info.filename} inflates to more than the limit of {limit // (1024 * 1024)} MB.", "too_large")
    return data


def read_zip(source: IO[bytes], *, max_bytes: int) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The manifest and every member's bytes of a sound archive, or ``ArchiveRefused`` saying what is wrong."""
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(0)
    megabytes = max_bytes // (1024 * 1024)
    if size > max_bytes:
        raise ArchiveRefused(f"The archive is larger than this server's limit of {megabytes} MB.", "too_large")
    try:
        bundle = zipfile.ZipFile(source)
        infos = bundle.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ArchiveRefused(
            "This file is not a MedPath archive: it is not a zip file (or it is cut short).", "not_a_zip"
        ) from None
    with bundle:
        if len(infos) > MAX_MEMBERS:
            raise ArchiveRefused(f"The archive holds more than {MAX_MEMBERS} files.", "too_large")
        names = [info.filename for info in infos]
        unsafe = [name for name in names if not _safe_path(name)]
        if unsafe:
            raise ArchiveRefused(f"The archive holds a file outside its folder: {unsafe[0]!r}.", "unsafe_path")
        if len(set(names)) != len(names):
            raise ArchiveRefused("The archive holds the same file twice.", "tampered")
        if MANIFEST not in names:
            raise ArchiveRefused("The archive has no manifest.json: it is not a MedPath archive, or it is cut short.", "tampered")
        if sum(info.file_size for info in infos) > max_bytes:
            raise ArchiveRefused(f"The archive's files add up to more than the limit of {megabytes} MB.", "too_large")
        budget = max_bytes
        try:
            manifest = json.loads(_read(bundle, bundle.getinfo(MANIFEST), budget))
        except UNREADABLE:
            raise ArchiveRefused("The archive's manifest.json cannot be read.", "tampered") from None
        _check_manifest(manifest)
        listed = {entry["path"]: entry for entry in manifest["members"]}
        present = set(names) - {MANIFEST}
        extra, missing = sorted(present - set(listed)), sorted(set(listed) - present)
        if missing:
            raise ArchiveRefused(f"The archive is incomplete: {missing[0]} is listed but missing.", "tampered")
        if extra:
            raise ArchiveRefused(f"The archive holds a file its manifest does not list: {extra[0]}.", "tampered")
        contents: dict[str, bytes] = {}
        for info in infos:
            if info.filename == MANIFEST:
                continue
            try:
                data = _read(bundle, info, budget)
            except UNREADABLE:
                raise ArchiveRefused(
                    f"{info.filename} cannot be read: the archive is damaged or encrypted.", "tampered"
                ) from None
            budget -= len(data)
            entry = listed[info.filename]
            if len(data) != entry["size"] or sha256(data) != entry["sha256"]:
                raise ArchiveRefused(
                    f"{info.filename} does not match its checksum: the archive was changed or damaged.", "tampered"
                )
            contents[info.filename] = data
    return manifest, contents


def _check_manifest(manifest: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveRefused("This zip is not a MedPath archive (its manifest names another format).", "not_an_archive")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ArchiveRefused("The archive's manifest has no valid format version.", "tampered")
    if version > FORMAT_VERSION:
        raise ArchiveRefused(
            f"This archive has format version {version}, made by a newer MedPath; this one reads up to version "
            f"{FORMAT_VERSION}. Upgrade MedPath, then import it.",
            "newer_version",
        )
    members = manifest.get("members")
    if not isinstance(members, list) or not all(
        isinstance(m, dict)
        and isinstance(m.get("path"), str)
        and isinstance(m.get("size"), int)
        and isinstance(m.get("sha256"), str)
        for m in members
    ):
        raise ArchiveRefused("The archive's manifest does not list its files properly.", "tampered")
    if not isinstance(manifest.get("email"), str):
        raise ArchiveRefused("The archive's manifest names no e-mail address.", "tampered")
