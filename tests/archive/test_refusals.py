"""Every refused archive leaves no row and no file behind, and says why."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from medpath.accounts.models import User
from medpath.archive.package import ArchiveRefused
from medpath.archive.records import kinds
from medpath.learning.models import LearningActivity
from medpath.learning.services import certificate_store
from medpath.network.models import Event
from tests.archive.helpers import PNG, export_bytes, files_under, import_bytes, rewrite

pytestmark = pytest.mark.django_db


def _manifest(members: dict[str, bytes]) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(members["manifest.json"])
    return manifest


def _set_manifest(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    members["manifest.json"] = json.dumps(manifest).encode()


def _newer(members: dict[str, bytes]) -> None:
    _set_manifest(members, {**_manifest(members), "format_version": 99})


def _tampered(members: dict[str, bytes]) -> None:
    name = next(n for n in members if n.startswith("records/learning.learningactivity"))
    members[name] = members[name].replace(b"Radiation", b"Radiatioff") if b"Radiation" in members[name] else members[name] + b" "


def _missing(members: dict[str, bytes]) -> None:
    del members[next(n for n in members if n.startswith("files/"))]


def _extra(members: dict[str, bytes]) -> None:
    members["files/notes.txt"] = b"hello"


def _unknown_kind(members: dict[str, bytes]) -> None:
    body = b'{"kind": "awards.award", "format_version": 1, "records": []}'
    members["records/awards.award.json"] = body
    manifest = _manifest(members)
    import hashlib

    manifest["members"].append(
        {"path": "records/awards.award.json", "size": len(body), "sha256": hashlib.sha256(body).hexdigest()}
    )
    _set_manifest(members, manifest)


def _edit(kind: str, field: str, value: Any) -> Callable[[dict[str, bytes]], None]:
    """Set ``field`` of the last record of ``kind`` to ``value``, with the manifest's checksum updated to match."""

    def change(members: dict[str, bytes]) -> None:
        import hashlib

        name = f"records/{kind}.json"
        body = json.loads(members[name])
        body["records"][-1][field] = value
        members[name] = json.dumps(body).encode()
        manifest = _manifest(members)
        for entry in manifest["members"]:
            if entry["path"] == name:
                entry["size"], entry["sha256"] = len(members[name]), hashlib.sha256(members[name]).hexdigest()
        _set_manifest(members, manifest)

    return change


def _encrypted(data: bytes) -> bytes:
    """The archive with every member flagged as encrypted (general-purpose bit 0), as a crafted zip could be."""
    raw = bytearray(data)
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (found := raw.find(signature, start)) != -1:
            raw[found + flag_at] |= 1
            start = found + 4
    return bytes(raw)


def _zip_with(name: str) -> Callable[[bytes], bytes]:
    def build(_: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as bundle:
            bundle.writestr(name, b"x")
            bundle.writestr(
                "manifest.json",
                json.dumps(
                    {
                        "format": "medpath-archive",
                        "format_version": 1,
                        "email": "a@b.c",
                        "members": [{"path": name, "size": 1, "sha256": "0"}],
                    }
                ),
            )
        return out.getvalue()

    return build


def _bomb(_: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("files/big.bin", b"\0" * (3 * 1024 * 1024))
        bundle.writestr(
            "manifest.json", json.dumps({"format": "medpath-archive", "format_version": 1, "email": "a@b.c", "members": []})
        )
    return out.getvalue()


CASES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "not a zip": (lambda data: b"%PDF-1.7 not a zip", "not_a_zip"),
    "truncated": (lambda data: data[: len(data) // 2], "not_a_zip"),
    "newer format": (lambda data: rewrite(data, _newer), "newer_version"),
    "checksum mismatch": (lambda data: rewrite(data, _tampered), "tampered"),
    "missing member": (lambda data: rewrite(data, _missing), "tampered"),
    "extra unlisted member": (lambda data: rewrite(data, _extra), "tampered"),
    "unknown kind": (lambda data: rewrite(data, _unknown_kind), "unknown_kind"),
    "record points nowhere": (
        lambda data: rewrite(data, _edit("learning.learningactivity", "certificate", 999)),
        "invalid_record",
    ),
    "a choice it does not offer": (lambda data: rewrite(data, _edit("network.event", "kind", "bogus")), "invalid_record"),
    "text over its length": (lambda data: rewrite(data, _edit("network.event", "title", "x" * 5000)), "invalid_record"),
    "a number too large": (lambda data: rewrite(data, _edit("network.event", "credit_amount", "1" * 30)), "invalid_record"),
    "a NUL character": (lambda data: rewrite(data, _edit("network.event", "title", "a\x00b")), "invalid_record"),
    "encrypted member": (lambda data: _encrypted(data), "tampered"),
    "id kept as a number is not one": (lambda data: rewrite(data, _edit("network.event", "activity_id", "1")), "invalid_record"),
    "path with ..": (_zip_with("files/../../etc/passwd"), "unsafe_path"),
    "absolute path": (_zip_with("/etc/passwd"), "unsafe_path"),
    "zip bomb": (_bomb, "too_large"),
}


@pytest.fixture
def archive(alice: Any, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any) -> bytes:
    """Alice's archive: an activity with its certificate file."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    settings.MEDPATH_ARCHIVE_MAX_MB = 2
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_store(user=alice, upload=SimpleUploadedFile("bls.png", PNG, "image/png"))
    LearningActivity.all_owners.create(owner=alice, title="Radiation safety", completed_on="2026-01-02", certificate=certificate)
    Event.all_owners.create(owner=alice, title="Grand rounds", starts_on="2026-01-02", ends_on="2026-01-02")
    return export_bytes(alice)


def _state(tmp_path: Any) -> tuple[int, dict[str, int], set[str]]:
    return User.objects.count(), {k.label: k.model._base_manager.count() for k in kinds()}, files_under(tmp_path / "uploads")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_archive_leaves_nothing_behind(case: str, archive: bytes, tmp_path: Any) -> None:
    """Each bad archive is refused with its own reason; no account, row or file is added."""
    spoil, code = CASES[case]
    before = _state(tmp_path)
    with pytest.raises(ArchiveRefused) as refusal:
        import_bytes(spoil(archive), email="new@example.org")
    assert refusal.value.code == code, str(refusal.value)
    assert _state(tmp_path) == before


def test_larger_than_the_limit_is_refused(archive: bytes, settings: Any, tmp_path: Any) -> None:
    """An archive over MEDPATH_ARCHIVE_MAX_MB is refused before it is opened."""
    settings.MEDPATH_ARCHIVE_MAX_MB = 1
    big = archive + b"\0" * (1024 * 1024)
    before = _state(tmp_path)
    with pytest.raises(ArchiveRefused, match="larger than this server's limit of 1 MB"):
        import_bytes(big, email="new@example.org")
    assert _state(tmp_path) == before


def test_an_account_with_records_is_never_overwritten(archive: bytes, alice: Any, tmp_path: Any) -> None:
    """Importing into an account that has records (by address or into the signed-in account) is refused."""
    before = _state(tmp_path)
    with pytest.raises(ArchiveRefused) as refusal:
        import_bytes(archive)  # alice@… already has her records
    assert refusal.value.code == "not_empty"
    with pytest.raises(ArchiveRefused):
        import_bytes(archive, into=alice)
    assert _state(tmp_path) == before


def test_an_empty_account_is_filled(archive: bytes, charlie: Any) -> None:
    """An account with no records (only its profile) takes the archive; its address and password stay."""
    password = charlie.password
    filled = import_bytes(archive, into=charlie)
    assert filled.pk == charlie.pk
    assert filled.email == charlie.email
    assert filled.password == password
    assert LearningActivity.objects.for_user(charlie).count() == 1


def test_files_written_are_removed_when_the_database_part_fails(archive: bytes, tmp_path: Any, monkeypatch: Any) -> None:
    """A failure after the first file was written rolls the rows back and deletes the file."""
    from django.core.files.storage import default_storage

    real_save = default_storage.save
    calls: list[str] = []

    def save_then_fail(name: str, content: Any, **kwargs: Any) -> str:
        calls.append(real_save(name, content, **kwargs))
        raise OSError("disk full")

    monkeypatch.setattr(default_storage, "save", save_then_fail)
    before = _state(tmp_path)
    with pytest.raises(OSError, match="disk full"):
        import_bytes(archive, email="new@example.org")
    assert calls
    assert _state(tmp_path) == before


def test_a_record_a_hook_cannot_read_is_refused_not_a_crash(archive: bytes, monkeypatch: Any) -> None:
    """A pillar's import hook that meets a shape it does not know (a hand-edited feedback tally) makes a refusal
    naming the record, never a server error."""
    from medpath.archive import registry

    def unreadable(record: dict[str, Any]) -> dict[str, Any]:
        return {**record, "tally": dict(record["tally"])}  # as the feedback hook does with a tally that is "garbage"

    hooks = registry.KindHooks(lambda row, record: {**record, "tally": "garbage"}, unreadable)
    monkeypatch.setitem(registry._hooks, "network.event", hooks)
    with pytest.raises(ArchiveRefused) as refused:
        import_bytes(export_bytes(User.objects.get(email="alice@example.org")), email="copy@example.org")
    assert refused.value.code == "invalid_record"
    assert "records/network.event.json, record 1" in str(refused.value)
