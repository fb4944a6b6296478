"""Users and their security records: API tokens, signed links, the audit log."""

from __future__ import annotations

import uuid
import zoneinfo
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac

from medpath.scoping import OwnedManager, OwnedModel


class CareerStage(models.TextChoices):
    """Where a person stands today; the Education pillar refines it from the catalog."""

    PRE_HEALTH = "pre_health", "Pre-health student (pre-med, pre-PA, …)"
    NURSING_STUDENT = "nursing_student", "Nursing student"
    MEDICAL_STUDENT = "medical_student", "Medical student"
    ALLIED_STUDENT = "allied_student", "Allied health student"
    RESIDENT = "resident", "Resident or fellow"
    NURSE = "nurse", "Nurse"
    ADVANCED_PRACTICE = "advanced_practice", "Nurse practitioner, PA or other advanced practice"
    PHYSICIAN = "physician", "Physician"
    TECHNICIAN = "technician", "Technician or technologist"
    THERAPIST = "therapist", "Therapist"
    EDUCATOR = "educator", "Educator or program staff"
    OTHER = "other", "Other"


class UserManager(BaseUserManager["User"]):
    """Users are identified by e-mail address."""

    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        """A new user with a hashed password (or none usable)."""
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        """A user with every permission, for `medpath manage createsuperuser`."""
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


def normalize_email(email: str) -> str:
    """E-mail addresses compare case-insensitively; store them lower-cased."""
    return email.strip().lower()


def _valid_zone(value: str) -> None:
    from django.core.exceptions import ValidationError

    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a known time zone (use a name like Europe/Paris).")


class User(AbstractBaseUser, PermissionsMixin):
    """A person using MedPath, with the profile the pillars rely on."""

    email = models.EmailField("e-mail address", max_length=254, unique=True)
    full_name = models.CharField("name", max_length=150, blank=True, validators=[ProhibitNullCharactersValidator()])
    time_zone = models.CharField(max_length=64, default="UTC", validators=[_valid_zone])
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 code, e.g. US")
    region = models.CharField("state, province or region", max_length=8, blank=True, help_text="ISO 3166-2 code, e.g. US-CA")
    career_stage = models.CharField(max_length=32, choices=CareerStage.choices, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    email_reminders = models.BooleanField(default=True, help_text="E-mail reminders before deadlines and expiry")
    totp_secret = models.CharField(max_length=64, blank=True)
    totp_last_step = models.BigIntegerField(null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
            models.CheckConstraint(condition=~models.Q(email=""), name="accounts_user_email_not_empty"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def two_factor_enabled(self) -> bool:
        """Whether logging in asks for a one-time code."""
        return bool(self.totp_secret)

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ApiToken(OwnedModel):
    """A personal access token for scripts; only its SHA-256 hash is stored."""

    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12, help_text="First characters, shown to tell tokens apart")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        """Not revoked."""
        return self.revoked_at is None


class SignedLink(OwnedModel):
    """A link its owner hands to someone without an account (a supervisor, a calendar).

    The URL carries this row's public id signed for its purpose; validity — expiry,
    revocation, single use — is decided here, in the database.
    """

    purpose = models.CharField(max_length=40)
    subject = models.CharField(max_length=120, blank=True, help_text="What the link opens, e.g. experience.entry:42")
    label = models.CharField(max_length=200, blank=True, help_text="Who it was given to, for the owner's list")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    single_use = models.BooleanField(default=False)
    used_at = models.DateTimeField(null=True, blank=True)
    use_count = models.PositiveIntegerField(default=0)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "purpose", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="signedlink_expires_after_creation"
            ),
            models.CheckConstraint(
                condition=models.Q(single_use=True) | models.Q(used_at__isnull=True), name="signedlink_used_at_only_single_use"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.purpose} link {self.public_id}"

    def state(self, now: Any = None) -> str:
        """active, used, revoked or expired."""
        now = now or timezone.now()
        if self.revoked_at is not None:
            return "revoked"
        if self.used_at is not None:
            return "used"
        if self.expires_at <= now:
            return "expired"
        return "active"


class PendingSignup(models.Model):
    """A sign-up waiting for its address to be confirmed through the e-mailed link (issue 11, finding 8).

    No account exists until the link is opened, so nobody can claim an address whose mail they cannot read,
    and the sign-up page answers the same whether or not the address has an account. The password chosen at
    sign-up is kept as a Django password hash only. Like a SignedLink, the URL carries this row's public id
    signed for its purpose, and the row decides expiry and single use; rows past their expiry are deleted by
    the daily ``prune_audit`` job.
    """

    email = models.EmailField("e-mail address", max_length=254, db_index=True)
    password = models.CharField(max_length=128, help_text="A Django password hash, never the password")
    full_name = models.CharField("name", max_length=150, blank=True, validators=[ProhibitNullCharactersValidator()])
    time_zone = models.CharField(max_length=64, default="UTC", validators=[_valid_zone])
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")), name="pendingsignup_expires_after_creation"
            ),
        ]

    def __str__(self) -> str:
        return f"pending sign-up {self.public_id}"

    def state(self, now: Any = None) -> str:
        """active, used or expired."""
        now = now or timezone.now()
        if self.used_at is not None:
            return "used"
        if self.expires_at <= now:
            return "expired"
        return "active"


class RecoveryCode(OwnedModel):
    """A one-time code that replaces the authenticator app at a two-factor login; only its keyed hash is stored."""

    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "code_hash"], name="accounts_recoverycode_once")]

    def __str__(self) -> str:
        return f"recovery code {'used' if self.used_at else 'unused'}"

    @staticmethod
    def hash_for(code: str, secret: str | None = None) -> str:
        """The stored form of ``code`` (HMAC-SHA256 keyed from SECRET_KEY, or ``secret``; case, spaces and dashes
        ignored)."""
        plain = "".join(code.split()).replace("-", "").lower()
        return salted_hmac("medpath.accounts.RecoveryCode", plain, secret=secret, algorithm="sha256").hexdigest()

    @staticmethod
    def hashes_for(code: str) -> list[str]:
        """``code`` hashed with the key and each old key still accepted (a rotated key does not void the codes)."""
        return [RecoveryCode.hash_for(code), *(RecoveryCode.hash_for(code, old) for old in settings.SECRET_KEY_FALLBACKS)]


class LoginThrottle(models.Model):
    """Failed logins of one address in the current window; the row is locked while a login is checked.

    The row is found by a keyed hash of the address (HMAC-SHA256 with a key derived from SECRET_KEY), so the
    table names nobody: without the server's secret, a list of addresses cannot be matched against it.
    """

    key = models.CharField(max_length=64, unique=True, help_text="HMAC-SHA256 of the normalised e-mail address")
    failures = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.key[:12]}…: {self.failures} failures"

    @staticmethod
    def key_for(email: str) -> str:
        """The row key of ``email`` (normalised first)."""
        return salted_hmac("medpath.accounts.LoginThrottle", normalize_email(email), algorithm="sha256").hexdigest()


class RateLimitBucket(models.Model):
    """Requests from one address to one kind of public page in the current window (row-locked when counted)."""

    key = models.CharField(max_length=120, unique=True)
    hits = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"


class AuditEvent(models.Model):
    """A security event: logins, failures, lock-outs, token and link use.

    ``owner`` is empty for events about no known account (a failed login with an
    unknown address); ``subject`` holds the normalised address the event was about.
    """

    class Kind(models.TextChoices):
        SIGNUP = "signup", "Account created"
        SIGNUP_REQUESTED = "signup_requested", "Sign-up asked for with this address"
        LOGIN = "login", "Logged in"
        LOGIN_FAILED = "login_failed", "Failed login"
        LOGIN_LOCKED = "login_locked", "Login refused: account locked"
        LOGOUT = "logout", "Logged out"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        PASSWORD_RESET_REQUESTED = "password_reset_requested", "Password reset requested"
        PASSWORD_RESET = "password_reset", "Password reset by e-mailed link"
        TWO_FACTOR_ENABLED = "two_factor_enabled", "Two-factor login turned on"
        TWO_FACTOR_DISABLED = "two_factor_disabled", "Two-factor login turned off"
        RECOVERY_CODES_GENERATED = "recovery_codes_generated", "Two-factor recovery codes made (older ones stop working)"
        RECOVERY_CODE_USED = "recovery_code_used", "Logged in with a two-factor recovery code"
        PROFILE_CHANGED = "profile_changed", "Profile changed"
        TOKEN_CREATED = "token_created", "API token created"
        TOKEN_REVOKED = "token_revoked", "API token revoked"
        TOKEN_USED = "token_used", "API token used"
        TOKEN_REFUSED = "token_refused", "API token refused"
        LINK_CREATED = "link_created", "Link created"
        LINK_USED = "link_used", "Link used"
        LINK_REFUSED = "link_refused", "Link refused"
        LINK_REVOKED = "link_revoked", "Link revoked"
        VERIFICATION_REQUESTED = "verification_requested", "Verification requested"
        ENTRY_VERIFIED = "entry_verified", "Entry verified by a supervisor"
        ENTRY_DECLINED = "entry_declined", "Entry declined by a supervisor"
        VERIFICATION_CLEARED = "verification_cleared", "Verified entry changed: verification cleared"
        RATE_LIMITED = "rate_limited", "Too many requests to a public page"

    owner = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    subject = models.CharField(max_length=254, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    # Not an OwnedModel (owner may be empty), but read through the same scoped manager.
    all_owners: models.Manager[AuditEvent] = models.Manager()
    objects = OwnedManager["AuditEvent"]()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "-created_at"]),
            models.Index(fields=["kind", "subject", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.created_at:%Y-%m-%d %H:%M}"
