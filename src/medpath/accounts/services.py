"""Writes for accounts: sign-up, login with lock-out and two-factor, passwords, profile."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, authenticate, login, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from medpath.accounts import links, ratelimit, totp
from medpath.accounts.audit import audit_record
from medpath.accounts.emails import send_email
from medpath.accounts.middleware import LOGIN_AT
from medpath.accounts.models import (
    ApiToken,
    AuditEvent,
    LoginThrottle,
    PendingSignup,
    RateLimitBucket,
    RecoveryCode,
    SignedLink,
    User,
    normalize_email,
)
from medpath.accounts.places import normalize_place

PASSWORD_RESET = links.register_purpose(
    "password-reset",
    route="accounts:password_reset_confirm",
    label="Password reset",
    max_lifetime=timedelta(hours=2),
    listed=False,
)
PASSWORD_RESET_LIFETIME = timedelta(hours=1)
# At most this many reset e-mails per address per hour, so nobody can flood an inbox.
PASSWORD_RESET_MAX_PER_HOUR = 3
# Sign-up e-mails (a confirmation link, or a warning to the address's owner) counted per e-mail address.
SIGNUP_EMAIL_SCOPE = "signup-email"
# Rate-limit scopes counted per e-mail address (ratelimit.email_key): an account's deletion removes its buckets.
EMAIL_SCOPES = (SIGNUP_EMAIL_SCOPE,)


EMAIL_TAKEN = "An account with this address already exists. Log in, or reset its password."


class EmailTaken(ValidationError):
    """The address already has an account (found by the check, or by the unique index when two arrive at once)."""

    def __init__(self) -> None:
        super().__init__({"email": [EMAIL_TAKEN]})


def user_create(*, email: str, password: str, full_name: str = "", request: HttpRequest | None = None, **profile: Any) -> User:
    """Create an account after validating the address and the password (``medpath init``; the sign-up page
    goes through an e-mailed link instead, see accounts/signup.py)."""
    user = User(email=normalize_email(email), full_name=full_name.strip(), **profile)
    password_validation.validate_password(password, user)
    user.set_password(password)
    return user_save_new(user=user, request=request)


def user_save_new(*, user: User, request: HttpRequest | None = None) -> User:
    """Save a new account whose password is already set (hashed); EmailTaken if the address has one."""
    if User.objects.filter(email__iexact=user.email).exists():
        raise EmailTaken
    # Uniqueness is the database's to decide (below), so every loser of a race gets the same answer.
    user.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:  # the same address signed up at the same moment: the unique index decided
        raise EmailTaken from None
    audit_record(AuditEvent.Kind.SIGNUP, request=request, owner=user, subject=user.email)
    return user


@dataclass(frozen=True)
class LoginResult:
    """The outcome of checking a password: a user, a second step, or a refusal."""

    user: User | None = None
    needs_second_factor: bool = False
    locked_minutes: int = 0
    address_refused: bool = False  # too many failures from the caller's address, whatever the account


@contextmanager
def _throttle(email: str) -> Iterator[LoginThrottle]:
    """The address's throttle row (keyed by a hash of it), locked until the block ends, its window renewed when past.

    Holding the row lock while the password or code is checked means simultaneous
    guesses queue up and each one counts: a burst cannot slip past the limit.
    """
    window = timedelta(minutes=settings.MEDPATH_LOGIN_LOCKOUT_MINUTES)
    key = LoginThrottle.key_for(email)
    with transaction.atomic():
        LoginThrottle.objects.get_or_create(key=key)
        row = LoginThrottle.objects.select_for_update().get(key=key)
        now = timezone.now()
        if now - row.window_started_at >= window:
            row.failures, row.window_started_at = 0, now
        yield row
        row.save()


def _is_locked(row: LoginThrottle) -> bool:
    return row.failures >= settings.MEDPATH_LOGIN_MAX_FAILURES


def _count_failure(row: LoginThrottle, *, email: str, known: User | None, request: HttpRequest, reason: str) -> None:
    row.failures += 1
    if _is_locked(row):
        row.window_started_at = timezone.now()  # the lock lasts a full window from the locking failure
    audit_record(AuditEvent.Kind.LOGIN_FAILED, request=request, owner=known, subject=email, reason=reason)


def _refuse_locked(*, email: str, known: User | None, request: HttpRequest) -> None:
    audit_record(AuditEvent.Kind.LOGIN_LOCKED, request=request, owner=known, subject=email)


# Failed logins from one client address (an IPv6 /64), across every account, in ratelimit.WINDOW.
LOGIN_ADDRESS_SCOPE = "login-failures"


def login_check_password(*, email: str, password: str, request: HttpRequest) -> LoginResult:
    """Check e-mail and password, honouring the per-address limit and the account's lock-out; audit every outcome.

    The same refusal is given whether or not the address has an account. Each attempt is counted against the
    caller's address before it is evaluated and given back when the password was right, so a burst of
    simultaneous guesses cannot slip past the limit, while people logging in from one hospital address are
    not throttled by their successes.
    """
    limit = settings.MEDPATH_LOGIN_ADDRESS_MAX_FAILURES
    hits = ratelimit.count_hit(request, LOGIN_ADDRESS_SCOPE)
    if hits > limit:
        ratelimit.audit_refusal(request, LOGIN_ADDRESS_SCOPE, hits, limit)
        return LoginResult(address_refused=True)
    email = normalize_email(email)
    with _throttle(email) as row:
        if _is_locked(row):
            _refuse_locked(email=email, known=User.objects.filter(email=email).first(), request=request)
            return LoginResult(locked_minutes=settings.MEDPATH_LOGIN_LOCKOUT_MINUTES)
        user = authenticate(request, username=email, password=password)
        if not isinstance(user, User):
            known = User.objects.filter(email=email).first()
            _count_failure(row, email=email, known=known, request=request, reason="password")
            return LoginResult()
        ratelimit.uncount_hit(request, LOGIN_ADDRESS_SCOPE)
        if user.two_factor_enabled:
            return LoginResult(user=user, needs_second_factor=True)
        row.failures = 0
    return LoginResult(user=user)


def login_is_locked(email: str) -> bool:
    """Whether ``email`` is locked out right now."""
    with _throttle(normalize_email(email)) as row:
        return _is_locked(row)


def login_check_second_factor(*, user: User, code: str, request: HttpRequest) -> bool:
    """Check a one-time code or a recovery code for ``user``; a wrong code counts toward the lock-out, a used one
    is refused."""
    with _throttle(user.email) as row:
        if _is_locked(row):
            _refuse_locked(email=user.email, known=user, request=request)
            return False
        locked = User.objects.select_for_update().get(pk=user.pk)
        if totp.looks_like_recovery_code(code):
            if not _spend_recovery_code(user=locked, code=code, request=request):
                _count_failure(row, email=user.email, known=user, request=request, reason="recovery code")
                return False
        else:
            step = totp.matching_step(locked.totp_secret, code, last_step=locked.totp_last_step)
            if step is None:
                _count_failure(row, email=user.email, known=user, request=request, reason="one-time code")
                return False
            locked.totp_last_step = step
            locked.save(update_fields=["totp_last_step"])
        row.failures = 0
    return True


def _spend_recovery_code(*, user: User, code: str, request: HttpRequest) -> bool:
    """Mark ``code`` used if it is one of ``user``'s unused codes (a conditional update: it is spent once)."""
    spent = (
        RecoveryCode.objects.for_user(user)
        .filter(code_hash__in=RecoveryCode.hashes_for(code), used_at__isnull=True)
        .update(used_at=timezone.now())
    )
    if spent != 1:
        return False
    left = RecoveryCode.objects.for_user(user).filter(used_at__isnull=True).count()
    audit_record(AuditEvent.Kind.RECOVERY_CODE_USED, request=request, owner=user, subject=user.email, left=left)
    return True


def recovery_codes_issue(*, user: User, request: HttpRequest | None = None) -> list[str]:
    """Replace ``user``'s recovery codes with ten new ones, returned in clear this once (only hashes are kept)."""
    if not user.two_factor_enabled:
        raise ValidationError("Recovery codes need two-factor login to be on.")
    codes = totp.new_recovery_codes()
    with transaction.atomic():
        RecoveryCode.objects.for_user(user).delete()
        # The scoped manager has no bulk_create; each row is given its owner here.
        RecoveryCode.all_owners.bulk_create([RecoveryCode(owner=user, code_hash=RecoveryCode.hash_for(code)) for code in codes])
    audit_record(AuditEvent.Kind.RECOVERY_CODES_GENERATED, request=request, owner=user, subject=user.email)
    return codes


def login_unlock(email: str) -> None:
    """Clear the failures of ``email`` (after a password reset proves who is asking)."""
    LoginThrottle.objects.filter(key=LoginThrottle.key_for(email)).update(failures=0)


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
    with transaction.atomic():
        user.save(update_fields=["totp_secret", "totp_last_step"])
        RecoveryCode.objects.for_user(user).delete()
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
    used = links.link_consume(token=token, purpose=PASSWORD_RESET.name, request=request)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        # Any other reset link e-mailed earlier stops working too, and so do API tokens:
        # a reset often follows a lost or stolen password.
        now = timezone.now()
        SignedLink.objects.for_user(user).filter(purpose=PASSWORD_RESET.name, revoked_at__isnull=True).exclude(pk=used.pk).update(
            revoked_at=now
        )
        ApiToken.objects.for_user(user).filter(revoked_at__isnull=True).update(revoked_at=now)
    login_unlock(user.email)
    audit_record(AuditEvent.Kind.PASSWORD_RESET, request=request, owner=user, subject=user.email)
    return user


PROFILE_FIELDS = ("full_name", "time_zone", "country", "region", "career_stage")


def profile_update(*, user: User, request: HttpRequest | None = None, **changes: Any) -> User:
    """Change profile fields; all are validated before anything is saved."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in sorted(unknown)})
    for name, value in changes.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    user.country, user.region = normalize_place(user.country, user.region)
    user.full_clean()
    user.save(update_fields=list(PROFILE_FIELDS))
    audit_record(AuditEvent.Kind.PROFILE_CHANGED, request=request, owner=user, subject=user.email, fields=sorted(changes))
    return user


def account_delete(*, user: User) -> None:
    """Delete the account and everything that names it: by cascade every row it owns; its sessions on every
    device; its login throttle, rate-limit counters and the audit events about its address that had no owner.
    Pillars remove their files for the account on the User's post_delete signal (learning: the upload folder)."""
    user_id, email = user.pk, user.email
    with transaction.atomic():
        user.delete()
        LoginThrottle.objects.filter(key=LoginThrottle.key_for(email)).delete()
        PendingSignup.objects.filter(email__iexact=email).delete()
        RateLimitBucket.objects.filter(key__endswith=f":user:{user_id}").delete()
        RateLimitBucket.objects.filter(key__in=[ratelimit.email_key(scope, email) for scope in EMAIL_SCOPES]).delete()
        AuditEvent.all_owners.filter(owner__isnull=True, subject=email).delete()
        sessions_end(user_id=user_id)


def sessions_end(*, user_id: int) -> int:
    """End every stored session of ``user_id`` (all devices); how many.

    Django's session row does not name its user, so each stored session is decoded: a cost paid on account
    deletion only, and bounded by the sessions alive (``clearsessions`` removes expired ones).
    """
    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore
    if not hasattr(store, "get_model_class"):  # cookie or cache sessions: nothing stored to delete here
        return 0
    ended = 0
    for row in store.get_model_class().objects.only("session_key", "session_data").iterator(chunk_size=500):
        if row.get_decoded().get(SESSION_KEY) == str(user_id):
            store(session_key=row.session_key).delete()
            ended += 1
    return ended


def login_complete(*, request: HttpRequest, user: User) -> None:
    """Start the session for ``user`` after every check passed."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[LOGIN_AT] = timezone.now().timestamp()  # the absolute lifetime counts from here
    audit_record(AuditEvent.Kind.LOGIN, request=request, owner=user, subject=user.email)
