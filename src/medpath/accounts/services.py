"""Writes for accounts: sign-up, login with lock-out and two-factor, passwords, profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from medpath.accounts import links, totp
from medpath.accounts.audit import audit_record
from medpath.accounts.emails import send_email
from medpath.accounts.models import AuditEvent, User, normalize_email

PASSWORD_RESET = links.register_purpose(
    "password-reset",
    route="accounts:password_reset_confirm",
    label="Password reset",
    max_lifetime=timedelta(hours=2),
)
PASSWORD_RESET_LIFETIME = timedelta(hours=1)
# At most this many reset e-mails per address per hour, so nobody can flood an inbox.
PASSWORD_RESET_MAX_PER_HOUR = 3


def user_create(*, email: str, password: str, full_name: str = "", request: HttpRequest | None = None, **profile: Any) -> User:
    """Create an account after validating the address and the password."""
    user = User(email=normalize_email(email), full_name=full_name.strip(), **profile)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(AuditEvent.Kind.SIGNUP, request=request, owner=user, subject=user.email)
    return user


@dataclass(frozen=True)
class LoginResult:
    """The outcome of checking a password: a user, a second step, or a refusal."""

    user: User | None = None
    needs_second_factor: bool = False
    locked_minutes: int = 0

    @property
    def ok(self) -> bool:
        """The password was right and no lock stands."""
        return self.user is not None


def _recent_failures(email: str) -> int:
    """Failed logins for ``email`` inside the lock-out window, since its last success."""
    since = timezone.now() - timedelta(minutes=settings.MEDPATH_LOGIN_LOCKOUT_MINUTES)
    last_login = (
        AuditEvent.all_owners.filter(kind=AuditEvent.Kind.LOGIN, subject=email, created_at__gte=since)
        .values_list("created_at", flat=True)
        .first()
    )
    failures = AuditEvent.all_owners.filter(kind=AuditEvent.Kind.LOGIN_FAILED, subject=email, created_at__gte=last_login or since)
    return failures.count()


def login_check_password(*, email: str, password: str, request: HttpRequest) -> LoginResult:
    """Check e-mail and password, honouring the lock-out; audit every outcome.

    The same refusal is given whether or not the address has an account.
    """
    email = normalize_email(email)
    if _recent_failures(email) >= settings.MEDPATH_LOGIN_MAX_FAILURES:
        known = User.objects.filter(email=email).first()
        audit_record(AuditEvent.Kind.LOGIN_LOCKED, request=request, owner=known, subject=email)
        return LoginResult(locked_minutes=settings.MEDPATH_LOGIN_LOCKOUT_MINUTES)
    user = authenticate(request, username=email, password=password)
    if not isinstance(user, User):
        login_record_failure(email=email, request=request, reason="password")
        return LoginResult()
    if user.two_factor_enabled:
        return LoginResult(user=user, needs_second_factor=True)
    return LoginResult(user=user)


def login_record_failure(*, email: str, request: HttpRequest, reason: str) -> None:
    """One failed attempt toward the lock-out."""
    email = normalize_email(email)
    known = User.objects.filter(email=email).first()
    audit_record(AuditEvent.Kind.LOGIN_FAILED, request=request, owner=known, subject=email, reason=reason)


def login_is_locked(email: str) -> bool:
    """Whether ``email`` is locked out right now."""
    return _recent_failures(normalize_email(email)) >= settings.MEDPATH_LOGIN_MAX_FAILURES


def login_check_second_factor(*, user: User, code: str, request: HttpRequest) -> bool:
    """Check a one-time code for ``user``; a wrong code counts toward the lock-out."""
    if login_is_locked(user.email):
        audit_record(AuditEvent.Kind.LOGIN_LOCKED, request=request, owner=user, subject=user.email)
        return False
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        step = totp.matching_step(locked.totp_secret, code, last_step=locked.totp_last_step)
        if step is None:
            login_record_failure(email=user.email, request=request, reason="one-time code")
            return False
        locked.totp_last_step = step
        locked.save(update_fields=["totp_last_step"])
    return True


def two_factor_enable(*, user: User, secret: str, code: str, request: HttpRequest | None = None) -> bool:
    """Turn on two-factor login once the user proves their app shows the right code."""
    step = totp.matching_step(secret, code)
    if step is None:
        return False
    user.totp_secret = secret
    user.totp_last_step = step
    user.save(update_fields=["totp_secret", "totp_last_step"])
    audit_record(AuditEvent.Kind.TWO_FACTOR_ENABLED, request=request, owner=user, subject=user.email)
    return True


def two_factor_disable(*, user: User, request: HttpRequest | None = None) -> None:
    """Turn off two-factor login (the view asks for the password first)."""
    user.totp_secret = ""
    user.totp_last_step = None
    user.save(update_fields=["totp_secret", "totp_last_step"])
    audit_record(AuditEvent.Kind.TWO_FACTOR_DISABLED, request=request, owner=user, subject=user.email)


def password_change(*, user: User, new_password: str, request: HttpRequest | None = None) -> None:
    """Set a new, validated password."""
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_record(AuditEvent.Kind.PASSWORD_CHANGED, request=request, owner=user, subject=user.email)


def password_reset_request(*, email: str, request: HttpRequest | None = None) -> None:
    """E-mail a single-use reset link if ``email`` has an account; silent otherwise."""
    email = normalize_email(email)
    user = User.objects.filter(email=email, is_active=True).first()
    recent = AuditEvent.all_owners.filter(
        kind=AuditEvent.Kind.PASSWORD_RESET_REQUESTED, subject=email, created_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    audit_record(AuditEvent.Kind.PASSWORD_RESET_REQUESTED, request=request, owner=user, subject=email)
    if user is None or recent >= PASSWORD_RESET_MAX_PER_HOUR:
        return
    issued = links.link_issue(
        owner=user, purpose=PASSWORD_RESET.name, lifetime=PASSWORD_RESET_LIFETIME, single_use=True, request=request
    )
    context = {"user": user, "url": issued.url, "expires": links.expires_in_words(issued.link.expires_at)}
    send_email(
        to=user.email,
        subject="Reset your MedPath password",
        body=render_to_string("accounts/email/password_reset.txt", context),
    )


def password_reset_complete(*, token: str, new_password: str, request: HttpRequest | None = None) -> User:
    """Spend the reset link and set the new password; LinkError or ValidationError otherwise."""
    link = links.link_check(token=token, purpose=PASSWORD_RESET.name, request=request)
    user: User = link.owner
    password_validation.validate_password(new_password, user)
    with transaction.atomic():
        links.link_consume(token=token, purpose=PASSWORD_RESET.name, request=request)
        user.set_password(new_password)
        user.save(update_fields=["password"])
    audit_record(AuditEvent.Kind.PASSWORD_RESET, request=request, owner=user, subject=user.email)
    return user


PROFILE_FIELDS = ("full_name", "time_zone", "country", "region", "career_stage")


def profile_update(*, user: User, request: HttpRequest | None = None, **changes: Any) -> User:
    """Change profile fields; all are validated before anything is saved."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in sorted(unknown)})
    from medpath.accounts.places import normalize_place

    for name, value in changes.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    user.country, user.region = normalize_place(user.country, user.region)
    user.full_clean()
    user.save(update_fields=list(PROFILE_FIELDS))
    audit_record(AuditEvent.Kind.PROFILE_CHANGED, request=request, owner=user, subject=user.email, fields=sorted(changes))
    return user


def account_delete(*, user: User) -> None:
    """Delete the account and, by cascade, every row it owns."""
    user.delete()


def login_complete(*, request: HttpRequest, user: User) -> None:
    """Start the session for ``user`` after every check passed."""
    from django.contrib.auth import login

    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    audit_record(AuditEvent.Kind.LOGIN, request=request, owner=user, subject=user.email)
