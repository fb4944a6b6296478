"""Pages of the procedure and case log: progress against case minimums and the user's own targets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import catalog
from medpath.experience import forms, services
from medpath.experience.models import ProcedureEntry
from medpath.experience.selectors import minimums_progress, procedure_cases, procedure_target_progress
from medpath.scoping import get_owned
from medpath.tables import Column, download_format, download_links, table_download
from medpath.usertime import user_today


@login_required
def procedures(request: HttpRequest) -> HttpResponse:
    """The case log with progress against the catalog's minimums and the user's own targets."""
    user = signed_in_user(request)
    cases = procedure_cases(user)
    names = dict(services.category_choices())
    fmt = download_format(request)
    if fmt:
        columns = (
            Column("Performed on", lambda case: case.performed_on),
            Column("Procedure", lambda case: case.procedure),
            Column("Category", lambda case: names.get(case.category, case.category)),
            Column("Role", lambda case: case.get_role_display()),
            Column("Supervision", lambda case: case.get_supervision_display() if case.supervision else ""),
            Column("Setting", lambda case: case.get_setting_display() if case.setting else ""),
            Column("Chief year", lambda case: case.chief_year),
            Column("Notes", lambda case: case.notes),
        )
        return table_download(fmt, name="procedures", columns=columns, rows=cases, today=user_today(user))
    known = catalog()
    standards = []
    for minimums in known.case_minimums.values():
        if any(c.category.startswith(f"{minimums.id}:") for c in cases) or request.GET.get("set") == minimums.id:
            standards.append((minimums, known.sources.get(minimums.source), minimums_progress(minimums, cases)))
    context = {
        "downloads": download_links(request),
        "cases": [(case, names.get(case.category, case.category)) for case in cases[:50]],
        "count": len(cases),
        "standards": standards,
        "all_standards": list(known.case_minimums.values()),
        "own": procedure_target_progress(user, cases),
        "target_form": forms.ProcedureTargetForm(),
    }
    return render(request, "experience/procedures.html", context)


def _procedure_form_page(request: HttpRequest, case: ProcedureEntry | None) -> HttpResponse:
    user = signed_in_user(request)
    initial = {"performed_on": user_today(user)} if case is None else None
    form = forms.ProcedureForm(request.POST or None, instance=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.PROCEDURE_FIELDS}
        try:
            saved = services.procedure_save(user=user, entry=case, privacy_confirmed=True, **values)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{saved.procedure} {'saved' if case else 'logged'}.")
            if request.POST.get("another"):
                return redirect("experience:procedure_new")
            return redirect("experience:procedures")
    return render(request, "experience/procedure_form.html", {"form": form, "case": case})


@login_required
@require_http_methods(["GET", "POST"])
def procedure_new(request: HttpRequest) -> HttpResponse:
    """Log a procedure or case."""
    return _procedure_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def procedure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a logged procedure."""
    return _procedure_form_page(request, get_owned(ProcedureEntry, signed_in_user(request), pk=pk))


@login_required
@require_POST
def procedure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a logged procedure."""
    services.procedure_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Procedure deleted.")
    return redirect("experience:procedures")


@login_required
@require_POST
def procedure_target_new(request: HttpRequest) -> HttpResponse:
    """Add a procedure target of the user's own."""
    user = signed_in_user(request)
    form = forms.ProcedureTargetForm(request.POST)
    if form.is_valid():
        try:
            services.procedure_target_save(user=user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Target added.")
            return redirect("experience:procedures")
    return render(request, "experience/procedure_target_form.html", {"form": form}, status=400)


@login_required
@require_POST
def procedure_target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a procedure target."""
    services.procedure_target_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Target removed.")
    return redirect("experience:procedures")
