"""Configuration from environment variables."""

from pathlib import Path

import pytest

from medpath import config


def test_secret_key_is_generated_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without MEDPATH_SECRET_KEY a key is written to the data directory and read back after."""
    monkeypatch.delenv("MEDPATH_SECRET_KEY", raising=False)
    first = config.secret_key(tmp_path)
    assert len(first) >= 50
    assert config.secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_short_secret_key_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A configured key that is too short stops start-up with a clear message."""
    monkeypatch.setenv("MEDPATH_SECRET_KEY", "short")
    with pytest.raises(config.ConfigError, match="at least 50"):
        config.secret_key(tmp_path)


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("1", True), ("off", False), ("No", False), ("", True)])
def test_env_bool(monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool) -> None:
    """Yes/no variables accept the usual spellings; empty means the default."""
    monkeypatch.setenv("X_FLAG", raw)
    assert config.env_bool("X_FLAG", True) is expected


def test_env_bool_rejects_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    """A value that is neither yes nor no names the variable."""
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(config.ConfigError, match="X_FLAG"):
        config.env_bool("X_FLAG", False)


def test_env_int_checks_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    """Numbers below their minimum or not numbers at all are refused."""
    monkeypatch.setenv("X_NUM", "3")
    with pytest.raises(config.ConfigError, match="minimum"):
        config.env_int("X_NUM", 10, minimum=5)
    monkeypatch.setenv("X_NUM", "ten")
    with pytest.raises(config.ConfigError, match="whole number"):
        config.env_int("X_NUM", 10)


def test_base_url_must_be_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """MEDPATH_BASE_URL must be an http(s) address; a trailing slash is dropped."""
    monkeypatch.setenv("MEDPATH_BASE_URL", "https://medpath.example.org/")
    assert config.base_url() == "https://medpath.example.org"
    monkeypatch.setenv("MEDPATH_BASE_URL", "ftp://example.org")
    with pytest.raises(config.ConfigError, match="MEDPATH_BASE_URL"):
        config.base_url()


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://127.3.2.1", True),
        ("https://medpath.example.org", False),
        ("http://192.168.1.20:8000", False),
    ],
)
def test_is_loopback_url(url: str, loopback: bool) -> None:
    """Only addresses of this machine count as loopback."""
    assert config.is_loopback_url(url) is loopback


def test_data_dir_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MEDPATH_DATA_DIR is created when missing."""
    target = tmp_path / "nested" / "medpath"
    monkeypatch.setenv("MEDPATH_DATA_DIR", str(target))
    assert config.data_dir() == target
    assert target.is_dir()


def test_personal_files_are_private_to_the_apps_user(tmp_path, monkeypatch, alice, settings) -> None:
    """Issue 11, finding 8: the SQLite file was 0644 and uploads 0755. A new data directory is 0700, the
    database 0600 after a migration, an uploaded certificate 0600 in a 0700 folder."""
    import stat

    from django.core.files.uploadedfile import SimpleUploadedFile

    from medpath.config import data_dir, protect_file
    from medpath.learning import services

    monkeypatch.setenv("MEDPATH_DATA_DIR", str(tmp_path / "fresh"))
    assert stat.S_IMODE(data_dir().stat().st_mode) == 0o700
    database = tmp_path / "medpath.sqlite3"
    database.write_bytes(b"")
    database.chmod(0o644)
    protect_file(database)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    settings.MEDIA_ROOT = tmp_path / "uploads"
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    stored = services.certificate_store(user=alice, upload=SimpleUploadedFile("c.png", png, "image/png"))
    path = tmp_path / "uploads" / stored.file.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
