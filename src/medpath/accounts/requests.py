"""Small helpers every pillar's views and API use: who is signed in, and service errors shown on a form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from medpath.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The user behind a request that passed login_required (pages) or token/session auth (API); anyone else
    is refused (a check that stays under ``python -O``, unlike an assert)."""
    if not isinstance(request.user, User):
        raise PermissionDenied("Log in first.")
    return request.user


def show_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's ValidationError next to the fields it names; the rest at the top of the form."""
    for name, messages in error.message_dict.items():
        form.add_error(name if name in form.fields else None, messages)
