"""Pages of memberships: the list with each one's state, the forms, "renewed until" and deleting one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.network import selectors
from medpath.network.forms import MembershipForm, RenewForm
from medpath.network.models import Membership
from medpath.network.services import memberships as service
from medpath.scoping import get_owned
from medpath.tables import Column, download_format, download_links, table_download
from medpath.usertime import user_today
from medpath.wording import day

FIELDS = ("association", "member_number", "level", "renews_on", "dues_amount", "dues_currency", "notes")


@login_required
def membership_list(request: HttpRequest) -> HttpResponse:
    """The person's memberships: lapsed, renewing soon, current."""
    user = signed_in_user(request)
    today = user_today(user)
    rows = [(row, selectors.membership_state(row, today)) for row in selectors.memberships(user)]
    fmt = download_format(request)
    if fmt:
        columns = (
            Column("Association", lambda row: row[0].association),
            Column("Member number", lambda row: row[0].member_number),
            Column("Level", lambda row: row[0].level),
            Column("Renews on", lambda row: row[0].renews_on),
            Column("State", lambda row: row[1]),
            Column("Dues", lambda row: row[0].dues_amount),
            Column("Currency", lambda row: row[0].dues_currency),
            Column("Notes", lambda row: row[0].notes),
        )
        return table_download(fmt, name="memberships", columns=columns, rows=rows, today=today)
    context = {"rows": rows, "renew_form": RenewForm(), "downloads": download_links(request)}
    return render(request, "network/membership_list.html", context)


def _form_page(request: HttpRequest, membership: Membership | None, renew_form: RenewForm | None = None) -> HttpResponse:
    user = signed_in_user(request)
    initial: dict[str, Any] = {name: getattr(membership, name) for name in FIELDS} if membership else {}
    form = MembershipForm(request.POST if request.method == "POST" and renew_form is None else None, initial=initial)
    renew_form = renew_form or RenewForm()
    if form.is_bound and form.is_valid():
        try:
            saved = service.membership_save(
                user=user, pk=membership.pk if membership else None, **form.cleaned_data | {"privacy_confirmed": True}
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Membership of {saved.association} saved.")
            return redirect("network:memberships")
    state = selectors.membership_state(membership, user_today(user)) if membership else ""
    return render(
        request,
        "network/membership_form.html",
        {"form": form, "membership": membership, "state": state, "renew_form": renew_form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_new(request: HttpRequest) -> HttpResponse:
    """Add a membership."""
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a membership."""
    return _form_page(request, get_owned(Membership, signed_in_user(request), pk=pk))


@login_required
@require_POST
def membership_renew(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a renewal: the membership runs until the day given; a problem shows beside the field, on the
    membership's page."""
    user = signed_in_user(request)
    membership = get_owned(Membership, user, pk=pk)
    form = RenewForm(request.POST)
    if form.is_valid():
        try:
            renewed = service.membership_renew(user=user, pk=membership.pk, renewed_until=form.cleaned_data["renewed_until"])
        except ValidationError as error:
            show_errors(form, error)
        else:
            assert renewed.renews_on is not None
            messages.success(request, f"{renewed.association}: renewed until {day(renewed.renews_on)}.")
            return redirect("network:memberships")
    return _form_page(request, membership, renew_form=form)


@login_required
@require_POST
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a membership."""
    service.membership_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Membership deleted.")
    return redirect("network:memberships")


urlpatterns = [
    path("network/memberships/", membership_list, name="memberships"),
    path("network/memberships/new/", membership_new, name="membership_new"),
    path("network/memberships/<int:pk>/edit/", membership_edit, name="membership_edit"),
    path("network/memberships/<int:pk>/renew/", membership_renew, name="membership_renew"),
    path("network/memberships/<int:pk>/delete/", membership_delete, name="membership_delete"),
]
