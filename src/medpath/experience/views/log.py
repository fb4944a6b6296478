"""Pages of the experience log: the overview with totals and targets, the entries, one entry, its form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.experience import forms, services
from medpath.experience.entry_rows import FIELDS, entries_sample_csv
from medpath.experience.models import ExperienceEntry, ExperienceKind, Verification
from medpath.experience.selectors import (
    entries_as_seen,
    entry_as_seen,
    entry_history,
    log_overview,
    target_progress,
    user_totals,
)
from medpath.importing import ImportPage, import_page
from medpath.scoping import get_owned
from medpath.tables import Column, download_format, download_links, table_download
from medpath.uploads import csv_download
from medpath.usertime import user_today


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Totals by kind and period, progress toward targets, verification waiting, recent entries."""
    user = signed_in_user(request)
    period = "month" if request.GET.get("period") == "month" else "year"
    summary = user_totals(user, period)  # type: ignore[arg-type]
    front = log_overview(user)
    context = {
        "totals": summary,
        "period": period,
        "progress": target_progress(user, summary),  # targets use the totals by kind, the same for any period
        "recent": front.recent,
        "pending": front.pending,
        "unverified_with_supervisor": front.unverified_with_supervisor,
    }
    return render(request, "experience/overview.html", context)


ENTRY_COLUMNS = (
    Column("Kind", lambda e: e.get_kind_display()),
    Column("Title", lambda e: e.title),
    Column("Organization", lambda e: e.organization),
    Column("Setting", lambda e: e.get_setting_display() if e.setting else ""),
    Column("Specialty", lambda e: e.specialty),
    Column("Started on", lambda e: e.started_on),
    Column("Ended on", lambda e: e.ended_on),
    Column("Hours", lambda e: e.hours),
    Column("Supervisor", lambda e: e.supervisor_name),
    Column("Supervisor e-mail", lambda e: e.supervisor_email),
    Column("Description", lambda e: e.description),
    Column("Reflection", lambda e: e.reflection),
    Column("Tags", lambda e: ", ".join(e.tags)),
    Column("Verification", lambda e: e.get_verification_display()),
    Column("Verified by", lambda e: e.verified_by),
)


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    """Every entry, filterable by kind and verification, with checkboxes to ask for verification."""
    user = signed_in_user(request)
    kind = request.GET.get("kind", "")
    state = request.GET.get("verification", "")
    entries = entries_as_seen(
        user,
        kind=kind if kind in ExperienceKind.values else "",
        verification=state if state in Verification.values else "",
    )
    fmt = download_format(request)
    if fmt:
        return table_download(fmt, name="experiences", columns=ENTRY_COLUMNS, rows=entries, today=user_today(user))
    context = {
        "downloads": download_links(request),
        "entries": entries,
        "kinds": ExperienceKind.choices,
        "states": Verification.choices,
        "kind": kind,
        "state": state,
    }
    return render(request, "experience/entry_list.html", context)


def _entry_form_page(request: HttpRequest, entry: ExperienceEntry | None) -> HttpResponse:
    user = signed_in_user(request)
    initial = {"started_on": user_today(user)} if entry is None else None
    form = forms.EntryForm(request.POST or None, instance=entry, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.entry_save(
                user=user,
                entry=entry,
                privacy_confirmed=True,  # the form's own guard asked already
                unlock_verified=bool(form.cleaned_data.get("confirm_unlock")),
                request=request,
                **form.values(),
            )
        except ValidationError as error:
            if "unlock_verified" in error.message_dict and "confirm_unlock" in form.fields:
                error = ValidationError({"confirm_unlock": error.message_dict.pop("unlock_verified"), **error.message_dict})
            show_errors(form, error)
        else:
            messages.success(request, f"{saved.title}: {services.hours_text(saved.hours)} hours saved.")
            return redirect("experience:entry", pk=saved.pk)
    return render(request, "experience/entry_form.html", {"form": form, "entry": entry})


@login_required
@require_http_methods(["GET", "POST"])
def entry_new(request: HttpRequest) -> HttpResponse:
    """Log an experience."""
    return _entry_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an entry (a verified one keeps its verified version)."""
    return _entry_form_page(request, get_owned(ExperienceEntry, signed_in_user(request), pk=pk))


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An entry with its verification and the earlier verified versions."""
    user = signed_in_user(request)
    entry = entry_as_seen(user, get_owned(ExperienceEntry, user, pk=pk))
    versions, items = entry_history(user, entry)
    context = {"entry": entry, "versions": versions, "requests": items}
    return render(request, "experience/entry_detail.html", context)


@login_required
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an entry."""
    services.entry_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Entry deleted.")
    return redirect("experience:entries")


@login_required
@require_http_methods(["GET", "POST"])
def entries_import(request: HttpRequest) -> HttpResponse:
    """Import experiences from a CSV or XLSX file: columns, a check that shows what would be added, then all or none."""
    page = ImportPage(FIELDS, services.entries_import, "experience/entries_import.html", "experience:entries", "experiences")
    return import_page(request, page)


@login_required
def entries_import_sample(request: HttpRequest) -> HttpResponse:
    """A small experience log in the import's own columns, to fill in or copy from."""
    return csv_download(entries_sample_csv(), "medpath-experiences-sample.csv")
