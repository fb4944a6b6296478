"""Time-based one-time passwords (RFC 6238) for optional two-factor login."""

from __future__ import annotations

import secrets
import time

import pyotp
import segno

ISSUER = "MedPath"
STEP_SECONDS = 30


def new_secret() -> str:
    """A fresh base32 secret for an authenticator app."""
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as inline SVG (no image files, no network), sized by the page: a viewBox and no
    width or height, so the stylesheet's size scales it (with a fixed size it was cropped to the box)."""
    svg: str = segno.make(uri, error="m").svg_inline(
        scale=5, dark="#111", light="#fff", title="QR code for your authenticator app", omitsize=True
    )
    return svg


def matching_step(secret: str, code: str, *, now: float | None = None, last_step: int | None = None) -> int | None:
    """The time step ``code`` belongs to (one step of clock drift either way), or None.

    A step at or before ``last_step`` was already used and is refused, so an
    overheard code cannot be replayed.
    """
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret, interval=STEP_SECONDS)
    current = int((time.time() if now is None else now) // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if pyotp.utils.strings_equal(totp.generate_otp(step), code):
            return step
    return None


RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: read off paper. 10 characters of 31 is about 50 bits, beyond guessing under the lock-out.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    """Fresh recovery codes, written xxxxx-xxxxx."""
    codes: set[str] = set()
    while len(codes) < count:
        plain = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        codes.add(f"{plain[:5]}-{plain[5:]}")
    return sorted(codes)


def looks_like_recovery_code(code: str) -> bool:
    """Whether ``code`` has a recovery code's shape (ten letters and digits, dash and spaces ignored)."""
    plain = "".join(code.split()).replace("-", "")
    return len(plain) == 10 and plain.isalnum() and plain.isascii()
