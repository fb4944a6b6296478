"""Account pages: thin, each calls a service and renders."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts import forms, links, selectors, services, tokens, totp
from medpath.accounts import signup as signup_service
from medpath.accounts.audit import audit_record
from medpath.accounts.models import AuditEvent, User
from medpath.accounts.ratelimit import WINDOW, public_page_limit
from medpath.accounts.requests import signed_in_user
from medpath.dashboard import profile_context

PENDING_USER = "medpath_2fa_user"
PENDING_SINCE = "medpath_2fa_since"
PENDING_SECRET = "medpath_2fa_new_secret"
SECOND_STEP_SECONDS = 300


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("home:dashboard")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Ask for an account: a confirmation link is e-mailed; the answer is the same whether the address has one."""
    if request.user.is_authenticated:
        return redirect("home:dashboard")
    form = forms.SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signup_service.signup_request(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["new_password"],
            full_name=form.cleaned_data["full_name"],
            time_zone=form.cleaned_data["time_zone"],
            request=request,
        )
        return render(request, "accounts/signup_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/signup.html", {"form": form})


@public_page_limit("signup-link")
@require_http_methods(["GET", "POST"])
def signup_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mailed link: a GET shows what it confirms (mail scanners open links); the button creates the account
    and logs in."""
    try:
        pending = signup_service.signup_check(token=token, request=request)
    except links.LinkError as error:
        return _signup_refused(request, error)
    taken = render(request, "accounts/signup_taken.html", {"email": pending.email}, status=409)
    if signup_service.signup_address_taken(pending):
        return taken
    form = forms.SignupConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid():
        return render(request, "accounts/signup_confirm.html", {"email": pending.email, "form": form})
    try:
        user = signup_service.signup_confirm(token=token, password=form.cleaned_data["password"], request=request)
    except links.LinkError as error:
        return _signup_refused(request, error)
    except signup_service.SignupAddressTaken:
        return taken
    except signup_service.SignupWrongPassword:
        form.add_error("password", "This is not the password chosen at sign-up. If you did not sign up, close this page.")
        return render(request, "accounts/signup_confirm.html", {"email": pending.email, "form": form})
    services.login_complete(request=request, user=user)
    messages.success(request, "Welcome to MedPath. Start with your profile: where you stand and where you are going.")
    return redirect("home:dashboard")


def _signup_refused(request: HttpRequest, error: links.LinkError) -> HttpResponse:
    """Sign-up links come from MedPath itself: say how to go on."""
    message = {
        "invalid": "This sign-up link is not valid. Check that it was copied completely, or sign up again.",
        "expired": "This sign-up link has expired (they last 24 hours). Sign up again to get a new one.",
        "used": "This sign-up link has already been used. Log in, or reset your password if you forgot it.",
    }.get(error.reason, str(error))
    status = 404 if error.reason == "invalid" else 410
    return render(request, "accounts/link_refused.html", {"message": message}, status=status)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """E-mail and password; then the one-time code when two-factor login is on."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.login_check_password(
            email=form.cleaned_data["email"], password=form.cleaned_data["password"], request=request
        )
        if result.address_refused:
            form.add_error(
                None,
                "Too many failed logins from your network address. Try again in 10 minutes, or reset your password by e-mail.",
            )
            response = render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}, status=429)
            response["Retry-After"] = str(int(WINDOW.total_seconds()))
            return response
        if result.locked_minutes:
            form.add_error(
                None,
                f"Too many failed attempts: this account is locked for up to {result.locked_minutes} minutes. "
                "Wait, or reset your password by e-mail.",
            )
        elif result.user is None:
            form.add_error(None, "The e-mail address or the password is wrong.")
        elif result.needs_second_factor:
            request.session[PENDING_USER] = result.user.pk
            request.session[PENDING_SINCE] = time.time()
            return redirect(f"{reverse('accounts:login_verify')}?{urlencode({'next': _next_url(request)})}")
        else:
            services.login_complete(request=request, user=result.user)
            return redirect(_next_url(request))
    return render(request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_http_methods(["GET", "POST"])
def login_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a two-factor login."""
    user_id = request.session.get(PENDING_USER)
    since = float(request.session.get(PENDING_SINCE, 0))
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None or time.time() - since > SECOND_STEP_SECONDS:
        request.session.pop(PENDING_USER, None)
        request.session.pop(PENDING_SINCE, None)
        if user is not None:
            messages.error(request, "Your login took too long. Enter your e-mail address and password again.")
        return redirect("accounts:login")
    form = forms.SecondStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.login_check_second_factor(user=user, code=form.cleaned_data["code"], request=request):
            request.session.pop(PENDING_USER, None)
            request.session.pop(PENDING_SINCE, None)
            services.login_complete(request=request, user=user)
            return redirect(_next_url(request))
        if services.login_is_locked(user.email):
            request.session.pop(PENDING_USER, None)
            request.session.pop(PENDING_SINCE, None)
            messages.error(request, "Too many failed attempts: this account is locked for a while.")
            return redirect("accounts:login")
        form.add_error(
            "code", "This code is wrong or was already used. Wait for the app's next code, or use an unused recovery code."
        )
    return render(request, "accounts/login_verify.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """End the session."""
    if isinstance(request.user, User):
        audit_record(AuditEvent.Kind.LOGOUT, request=request, owner=request.user, subject=request.user.email)
    logout(request)
    messages.info(request, "You are logged out.")
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link by e-mail."""
    form = forms.PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"], request=request)
        return render(request, "accounts/password_reset_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/password_reset.html", {"form": form})


@public_page_limit("password-reset-link")
@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Choose a new password through an e-mailed, single-use link."""
    try:
        link = links.link_check(token=token, purpose=services.PASSWORD_RESET.name, request=request)
    except links.LinkError as error:
        status = 404 if error.reason == "invalid" else 410
        return render(request, "accounts/link_refused.html", {"message": _reset_refusal(error)}, status=status)
    form = forms.SetPasswordForm(request.POST or None, user=link.owner)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_reset_complete(token=token, new_password=form.cleaned_data["new_password"], request=request)
        except links.LinkError as error:
            return render(request, "accounts/link_refused.html", {"message": _reset_refusal(error)}, status=410)
        except ValidationError as error:
            form.add_error("new_password", error)
        else:
            messages.success(request, "Your password is changed and your API tokens are revoked. Log in with the new password.")
            return redirect("accounts:login")
    return render(request, "accounts/password_reset_confirm.html", {"form": form})


def _reset_refusal(error: links.LinkError) -> str:
    """Reset links come from MedPath itself, not a person: say how to get a new one."""
    return {
        "invalid": "This reset link is not valid. Check that it was copied completely, or ask for a new one.",
        "expired": "This reset link has expired (they last one hour). Ask for a new one below.",
        "revoked": "This reset link was replaced by a newer one. Use the latest e-mail, or ask for a new link.",
        "used": "This reset link has already been used. Ask for a new one if you need to reset again.",
    }[error.reason]


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Name, time zone, place and career stage."""
    user = signed_in_user(request)
    form = forms.ProfileForm(request.POST or None, instance=User.objects.get(pk=user.pk))
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=user, request=request, **{name: form.cleaned_data[name] for name in services.PROFILE_FIELDS})
        messages.success(request, "Profile saved.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, **profile_context(user)})


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    """Change the password; this session stays logged in, others end."""
    user = signed_in_user(request)
    form = forms.PasswordChangeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.password_change(user=user, new_password=form.cleaned_data["new_password"], request=request)
        update_session_auth_hash(request, user)
        messages.success(request, "Password changed. Other sessions were logged out.")
        return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn two-factor login on (scan, then confirm a code; recovery codes are shown once) or off (with the password)."""
    user = signed_in_user(request)
    if user.two_factor_enabled:
        disable_form = forms.PasswordConfirmForm(request.POST or None, user=user)
        if request.method == "POST" and disable_form.is_valid():
            services.two_factor_disable(user=user, request=request)
            messages.success(request, "Two-factor login is off.")
            return redirect("accounts:two_factor")
        return _two_factor_on(request, user, disable_form=disable_form)
    secret = request.session.get(PENDING_SECRET) or totp.new_secret()
    request.session[PENDING_SECRET] = secret
    form = forms.OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.two_factor_enable(user=user, secret=secret, code=form.cleaned_data["code"], request=request):
            request.session.pop(PENDING_SECRET, None)
            return _show_recovery_codes(request, services.recovery_codes_issue(user=user, request=request), first=True)
        form.add_error("code", "This code does not match. Check the clock of your phone and try the next code.")
    uri = totp.provisioning_uri(secret, user.email)
    return render(
        request,
        "accounts/two_factor.html",
        {"enabled": False, "form": form, "secret": secret, "qr_svg": totp.qr_svg(uri)},
    )


def _two_factor_on(
    request: HttpRequest,
    user: User,
    *,
    disable_form: forms.PasswordConfirmForm | None = None,
    regenerate_form: forms.PasswordConfirmForm | None = None,
) -> HttpResponse:
    context = {
        "enabled": True,
        "form": disable_form or forms.PasswordConfirmForm(user=user),
        "regenerate_form": regenerate_form or forms.PasswordConfirmForm(user=user, prefix="regenerate"),
        "codes_left": selectors.recovery_codes_left(user=user),
    }
    return render(request, "accounts/two_factor.html", context)


def _show_recovery_codes(request: HttpRequest, codes: list[str], *, first: bool) -> HttpResponse:
    """The codes in clear, this once; never cached."""
    response = render(request, "accounts/recovery_codes.html", {"recovery_codes": codes, "first": first})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Replace the signed-in person's recovery codes, after their password."""
    user = signed_in_user(request)
    if not user.two_factor_enabled:
        messages.error(request, "Recovery codes come with two-factor login: turn it on first.")
        return redirect("accounts:two_factor")
    form = forms.PasswordConfirmForm(request.POST, user=user, prefix="regenerate")
    if not form.is_valid():
        return _two_factor_on(request, user, regenerate_form=form)
    return _show_recovery_codes(request, services.recovery_codes_issue(user=user, request=request), first=False)


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete the account and everything in it, after the password and a typed confirmation."""
    user = signed_in_user(request)
    form = forms.DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        logout(request)
        services.account_delete(user=user)
        messages.info(request, "Your account and all its records are deleted.")
        return redirect("accounts:login")
    return render(request, "accounts/account_delete.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """List, create and revoke personal API tokens; a new token is shown once."""
    user = signed_in_user(request)
    form = forms.TokenCreateForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        issued = tokens.token_create(owner=user, name=form.cleaned_data["name"], request=request)
        form = forms.TokenCreateForm()
    context = {"form": form, "issued": issued, "tokens": selectors.token_list(user=user)}
    response = render(request, "accounts/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one token."""
    token = tokens.token_revoke(owner=signed_in_user(request), token_id=pk, request=request)
    messages.success(request, f"Token “{token.name}” is revoked; scripts using it are refused from now on.")
    return redirect("accounts:tokens")


@login_required
def link_list(request: HttpRequest) -> HttpResponse:
    """Every link this user has handed out, with its state; and the live links in e-mails MedPath sent them."""
    user = signed_in_user(request)
    context = {"links": selectors.link_list(user=user), "emailed_links": selectors.emailed_link_list(user=user)}
    return render(request, "accounts/links.html", context)


@login_required
@require_POST
def link_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one link."""
    links.link_revoke(owner=signed_in_user(request), link_id=pk, request=request)
    messages.success(request, "The link is withdrawn; it no longer opens.")
    return redirect("accounts:links")


@login_required
def security_log(request: HttpRequest) -> HttpResponse:
    """The user's own security events."""
    return render(request, "accounts/security.html", {"events": selectors.audit_events(user=signed_in_user(request))})
