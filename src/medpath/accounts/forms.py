"""Forms of the account pages; each error is shown next to its field."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from medpath.accounts.models import CareerStage, User, normalize_email
from medpath.accounts.places import country_choices, normalize_place
from medpath.accounts.totp import looks_like_recovery_code

_REGIONS = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/", "Pacific/")


@cache
def _zone_choices() -> list[tuple[str, str]]:
    """Place-named zones (Europe/Paris), plus UTC; legacy aliases such as US/Pacific and Etc/GMT+5 are left out."""
    zones = sorted(zone for zone in zoneinfo.available_timezones() if zone.startswith(_REGIONS))
    return [("UTC", "UTC"), *((zone, zone.replace("_", " ")) for zone in zones)]


class _NewPasswordMixin(forms.Form):
    """Two password fields that must match and pass the password rules."""

    new_password = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; not a common password and not all digits.",
    )
    new_password_again = forms.CharField(
        label="New password again", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password_user: User | None = None

    def clean_new_password_again(self) -> str:
        first = self.cleaned_data.get("new_password")
        second: str = self.cleaned_data["new_password_again"]
        if first and first != second:
            raise ValidationError("The two passwords differ.")
        if first:
            try:
                password_validation.validate_password(first, self.password_user)
            except ValidationError as error:
                self.add_error("new_password", error)
        return second


# The model's length (RFC 5321's 254); the form's default, 320, let a longer one reach the model and fail there.
EMAIL_MAX = 254


class SignupConfirmForm(forms.Form):
    """The e-mailed link's page: the password chosen at sign-up, so nobody who signs up with someone else's address
    can hand them an account whose password the signer knows."""

    password = forms.CharField(
        label="The password you chose at sign-up",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SignupForm(_NewPasswordMixin):
    """A new account."""

    email = forms.EmailField(
        label="E-mail address", max_length=EMAIL_MAX, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    full_name = forms.CharField(
        label="Name", max_length=150, required=False, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    # Filled by the browser (medpath.js) with its time zone; hours and deadlines are counted where you live.
    time_zone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput(attrs={"data-time-zone": ""}))
    field_order = ["email", "full_name", "new_password", "new_password_again"]

    def clean_time_zone(self) -> str:
        """A known zone, or empty (UTC until the profile says otherwise)."""
        value = self.cleaned_data.get("time_zone", "").strip()
        if value in {"Etc/UTC", "Etc/GMT", "GMT", "UTC", "Etc/Universal", "Universal", "Zulu"}:
            return "UTC"
        return value if value in dict(_zone_choices()) else ""  # only zones the profile page can show

    def clean_email(self) -> str:
        """The address, normalised. Whether it has an account is never said here: that would tell anyone who
        uses MedPath (issue 11, finding 8); its owner is told by e-mail instead."""
        email = normalize_email(self.cleaned_data["email"])
        self.password_user = User(email=email)
        return email


class LoginForm(forms.Form):
    """E-mail and password."""

    email = forms.EmailField(
        label="E-mail address", max_length=EMAIL_MAX, widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label="Password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class OneTimeCodeForm(forms.Form):
    """The six digits an authenticator app shows."""

    code = forms.CharField(
        label="Six-digit code",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise ValidationError("Enter the six digits your authenticator app shows.")
        return code


class SecondStepForm(forms.Form):
    """At a two-factor login: the app's six digits, or one of the recovery codes shown when it was turned on."""

    code = forms.CharField(
        label="Six-digit code or recovery code",
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}),
        help_text="Lost your phone? Enter one of your recovery codes (xxxxx-xxxxx); each works once.",
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6) and not looks_like_recovery_code(code):
            raise ValidationError("Enter the six digits your authenticator app shows, or a recovery code.")
        return code


class PasswordResetRequestForm(forms.Form):
    """The address to send a reset link to."""

    email = forms.EmailField(
        label="E-mail address", max_length=EMAIL_MAX, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )


class SetPasswordForm(_NewPasswordMixin):
    """A new password, e.g. after a reset link."""

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.password_user = user


class PasswordChangeForm(SetPasswordForm):
    """The current password, then a new one."""

    current_password = forms.CharField(
        label="Current password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    field_order = ["current_password", "new_password", "new_password_again"]

    def clean_current_password(self) -> str:
        current: str = self.cleaned_data["current_password"]
        if self.password_user is None or not self.password_user.check_password(current):
            raise ValidationError("This is not your current password.")
        return current


class ProfileForm(forms.ModelForm[User]):
    """Name, time zone, country and region, and career stage."""

    time_zone = forms.ChoiceField(label="Time zone", choices=_zone_choices)
    country = forms.ChoiceField(label="Country", required=False, choices=lambda: [("", "—"), *country_choices()])
    career_stage = forms.ChoiceField(label="Where you stand today", required=False, choices=[("", "—"), *CareerStage.choices])
    # Wider than the stored code: "California" is accepted and stored as US-CA.
    region = forms.CharField(label="State, province or region", max_length=60, required=False)

    class Meta:
        model = User
        fields = ["full_name", "time_zone", "country", "region", "career_stage"]
        help_texts = {"region": "A code such as US-CA or CA, or the name, e.g. California."}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "country" in self.errors:
            return cleaned  # the country's own error says it all
        try:
            cleaned["country"], cleaned["region"] = normalize_place(cleaned.get("country", ""), cleaned.get("region", ""))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return cleaned


class PasswordConfirmForm(forms.Form):
    """The current password, asked before a sensitive change."""

    password = forms.CharField(
        label="Current password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("This is not your current password.")
        return password


class DeleteAccountForm(PasswordConfirmForm):
    """The password and the account's e-mail address typed out, so nobody deletes an account by accident."""

    confirm = forms.CharField(label="Type your e-mail address to confirm", max_length=254)

    def clean_confirm(self) -> str:
        value: str = self.cleaned_data["confirm"]
        if value.strip().lower() != self.user.email.lower():
            raise ValidationError("Type this account's e-mail address exactly to confirm.")
        return value


class TokenCreateForm(forms.Form):
    """A name for a new API token."""

    name = forms.CharField(label="Token name", max_length=80, help_text="What the token is for, e.g. “weekly export script”.")
