"""Sign-up by e-mailed link: the same answer whatever the address (issue 11, finding 8; OWASP ASVS 2.x).

The sign-up page stores a pending sign-up (the password already hashed) and e-mails a confirmation link; for
an address that already has an account nothing is stored and its owner is warned by e-mail instead. Either
way the page says "check your e-mail", so it tells nobody who uses MedPath, and nobody can claim an address
whose mail they cannot read. Opening the link and confirming creates the account.

The link is not a SignedLink: those are owned by a user (scoped, listed on the owner's pages), and here no
user exists yet. A PendingSignup row plays that part instead — expiry and single use are decided by the row,
and the URL carries its public id signed for this purpose exactly as accounts/links.py signs its ids.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from medpath.accounts import links, ratelimit
from medpath.accounts.audit import audit_record
from medpath.accounts.emails import send_email
from medpath.accounts.models import AuditEvent, PendingSignup, User, normalize_email
from medpath.accounts.services import SIGNUP_EMAIL_SCOPE, EmailTaken, user_save_new

SIGNUP_LINK_LIFETIME = timedelta(hours=24)
SIGNUP_WINDOW = timedelta(hours=1)
# At most this many sign-up e-mails per address an hour, so nobody can flood an inbox through the sign-up page.
SIGNUP_EMAILS_PER_ADDRESS = 3
# And per client address (an IPv6 /64) an hour, whatever addresses it types: settings.MEDPATH_SIGNUP_PER_CLIENT_HOUR.
SIGNUP_CLIENT_SCOPE = "signup-client"
LINK_PURPOSE = "signup"


class SignupWrongPassword(Exception):
    """The password given on the link's page is not the one chosen at sign-up (nothing is created)."""


class SignupAddressTaken(Exception):
    """The address got an account after its confirmation link was sent (another link was confirmed first)."""


def _signer() -> signing.Signer:
    # The same form as links.py: purpose-salted, "." never occurs in the signature, one clean URL segment.
    return signing.Signer(sep=".", salt=f"medpath.links.{LINK_PURPOSE}")


def _absolute(path: str) -> str:
    return f"{settings.MEDPATH_BASE_URL}{path}"


def signup_request(*, email: str, password: str, full_name: str = "", time_zone: str = "", request: HttpRequest) -> None:
    """Store a pending sign-up and e-mail its link, or, if the address has an account, warn its owner.

    Both ways do the same work before the e-mail (the password is hashed, the row validated, the request
    audited) and send one e-mail, so neither the answer nor its time says whether the address has an
    account. Past the rate limits nothing is stored or sent, and the caller answers the same.
    """
    email = normalize_email(email)
    now = timezone.now()
    pending = PendingSignup(
        email=email,
        password=make_password(password),
        full_name=full_name.strip(),
        time_zone=time_zone or "UTC",
        created_at=now,
        expires_at=now + SIGNUP_LINK_LIFETIME,
    )
    pending.full_clean()
    owner = User.objects.filter(email__iexact=email).first()
    audit_record(AuditEvent.Kind.SIGNUP_REQUESTED, request=request, owner=owner, subject=email)
    if not _within_limits(request, email):
        return
    if owner is not None:
        _warn_owner(owner)
        return
    pending.save()
    token = _signer().sign(pending.public_id.hex)
    context = {
        "url": _absolute(reverse("accounts:signup_confirm", kwargs={"token": token})),
        "expires": links.expires_in_words(pending.expires_at),
    }
    send_email(
        to=email, subject="Confirm your MedPath account", body=render_to_string("accounts/email/signup_confirm.txt", context)
    )


def _within_limits(request: HttpRequest, email: str) -> bool:
    """Count this sign-up e-mail against the client address and the e-mail address; False past either limit."""
    client_hits = ratelimit.count_hit(request, SIGNUP_CLIENT_SCOPE, SIGNUP_WINDOW)
    per_client = settings.MEDPATH_SIGNUP_PER_CLIENT_HOUR
    ratelimit.audit_refusal(request, SIGNUP_CLIENT_SCOPE, client_hits, per_client)
    address_hits = ratelimit.count_email_hit(SIGNUP_EMAIL_SCOPE, email, SIGNUP_WINDOW)
    ratelimit.audit_refusal(request, SIGNUP_EMAIL_SCOPE, address_hits, SIGNUP_EMAILS_PER_ADDRESS)
    return client_hits <= per_client and address_hits <= SIGNUP_EMAILS_PER_ADDRESS


def _warn_owner(owner: User) -> None:
    """Tell the owner of an address that someone tried to sign up with it, and how to get in if it was them."""
    context = {
        "user": owner,
        "login_url": _absolute(reverse("accounts:login")),
        "reset_url": _absolute(reverse("accounts:password_reset")),
    }
    send_email(
        to=owner.email,
        subject="Someone tried to create a MedPath account with your address",
        body=render_to_string("accounts/email/signup_taken.txt", context),
    )


def _refuse(reason: str, request: HttpRequest | None) -> links.LinkError:
    audit_record(AuditEvent.Kind.LINK_REFUSED, request=request, subject=LINK_PURPOSE, reason=reason)
    return links.LinkError(reason)


def signup_check(*, token: str, request: HttpRequest | None = None) -> PendingSignup:
    """The pending sign-up ``token`` opens, without using it; LinkError (invalid, expired, used) otherwise."""
    try:
        public_id = uuid.UUID(hex=_signer().unsign(token))
    except (signing.BadSignature, ValueError):
        raise _refuse("invalid", request) from None
    pending = PendingSignup.objects.filter(public_id=public_id).first()
    if pending is None:
        raise _refuse("invalid", request)
    state = pending.state()
    if state != "active":
        raise _refuse(state, request)
    return pending


def signup_address_taken(pending: PendingSignup) -> bool:
    """Whether the pending sign-up's address has an account by now."""
    return User.objects.filter(email__iexact=pending.email).exists()


def signup_confirm(*, token: str, password: str, request: HttpRequest | None = None) -> User:
    """Spend the link and create the account; LinkError if the link no longer works, SignupWrongPassword unless
    ``password`` is the one chosen at sign-up (someone who signed up with another person's address must not hand
    them an account whose password the signer knows), SignupAddressTaken if the address has an account by now
    (the link then stays unspent and keeps saying so).

    The link is spent by a conditional update, so a double click creates one account; two links for one
    address confirmed at once are decided by the unique index on the address.
    """
    pending = signup_check(token=token, request=request)
    if not check_password(password, pending.password):
        audit_record(AuditEvent.Kind.LINK_REFUSED, request=request, subject=LINK_PURPOSE, reason="wrong password")
        raise SignupWrongPassword
    now = timezone.now()
    try:
        with transaction.atomic():
            live = PendingSignup.objects.filter(pk=pending.pk, used_at__isnull=True, expires_at__gt=now)
            if live.update(used_at=now) != 1:
                pending.refresh_from_db()
                state = pending.state(now)
                raise links.LinkError(state if state != "active" else "used")
            user = User(email=pending.email, password=pending.password, full_name=pending.full_name, time_zone=pending.time_zone)
            return user_save_new(user=user, request=request)
    except links.LinkError as error:  # spent or expired between the check and now; audited outside the rollback
        raise _refuse(error.reason, request) from None
    except EmailTaken:
        raise SignupAddressTaken from None


def signup_prune() -> int:
    """Delete pending sign-ups past their expiry (the daily job); how many."""
    deleted, _ = PendingSignup.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
