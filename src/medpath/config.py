"""Reading MedPath's configuration from environment variables.

``settings.py`` reads every MEDPATH_* variable through the small typed helpers
below; tests/test_docs.py checks that each variable the code reads is in the README.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs


class ConfigError(ValueError):
    """An environment variable holds a value MedPath cannot use."""


def env_str(name: str, default: str) -> str:
    """The variable's value, or ``default`` when unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable: 1/true/yes/on or 0/false/no/off."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value (use true or false)")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole-number variable no smaller than ``minimum``."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} is below the minimum of {minimum}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated variable as a list of non-empty items."""
    raw = os.environ.get(name, "")
    items = [item.strip() for item in raw.split(",") if item.strip()]
    return items or default


def data_dir() -> Path:
    """The data directory, created if missing."""
    raw = os.environ.get("MEDPATH_DATA_DIR", "").strip()
    path = Path(raw).expanduser() if raw else Path(platformdirs.user_data_dir("medpath", appauthor=False))
    if not path.exists():
        path.mkdir(parents=True, mode=0o700)  # the database, uploads and the secret key: the app's user only
    return path


def protect_file(path: Path) -> None:
    """Make a file of personal data (the SQLite database) readable and writable by its owner only."""
    if path.exists():
        path.chmod(0o600)


def secret_key(directory: Path) -> str:
    """MEDPATH_SECRET_KEY, or a key generated once into ``directory``/secret_key."""
    configured = os.environ.get("MEDPATH_SECRET_KEY", "").strip()
    if configured:
        if len(configured) < 50:
            raise ConfigError("MEDPATH_SECRET_KEY must be at least 50 characters long")
        return configured
    key_file = directory / "secret_key"
    if not key_file.exists():
        # Write a complete file under a temporary name, then link it into place: a
        # process starting at the same moment sees either no file or the whole key.
        draft = directory / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
        try:
            os.link(draft, key_file)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = key_file.read_text().strip()
    if len(key) < 50:
        raise ConfigError(f"{key_file} holds no usable key; delete it to have a new one generated, or set MEDPATH_SECRET_KEY")
    return key


def base_url() -> str:
    """MEDPATH_BASE_URL without a trailing slash, checked to be an http(s) address."""
    value = env_str("MEDPATH_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"MEDPATH_BASE_URL={value!r} must be an http:// or https:// address")
    return value


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` points at this machine only (localhost, 127.0.0.0/8, ::1)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
