"""Pages of the experience pillar: the log and its totals, targets, verification, procedures, work hours."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from medpath import config
from medpath.accounts import links
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import catalog
from medpath.experience import forms, services, shifts, standards
from medpath.experience.charts import weekly_chart
from medpath.experience.models import (
    ExperienceEntry,
    ExperienceKind,
    ExperienceVersion,
    ProcedureEntry,
    Shift,
    Verification,
    VerificationItem,
    VerificationRequest,
)
from medpath.experience.schedule import OPTIONAL, REQUIRED, ScheduleRejected
from medpath.experience.selectors import (
    minimums_progress,
    procedure_target_progress,
    suggested_targets,
    target_progress,
    user_totals,
)
from medpath.experience.workhours import Finding
from medpath.plans.selectors import user_career_ids  # a declared one-way use of the Education pillar
from medpath.scoping import get_owned
from medpath.usertime import user_today, user_zone

MAX_SCHEDULE_BYTES = 5 * 1024 * 1024
SENT_KEY = "experience.sent_link"


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Totals by kind and period, progress toward targets, verification waiting, recent entries."""
    user = signed_in_user(request)
    services.release_lapsed(user)
    period = "month" if request.GET.get("period") == "month" else "year"
    summary = user_totals(user, period)  # type: ignore[arg-type]
    entries = ExperienceEntry.objects.for_user(user)
    context = {
        "totals": summary,
        "period": period,
        "progress": target_progress(user, summary),  # targets use the totals by kind, the same for any period
        "recent": entries[:8],
        "pending": entries.filter(verification=Verification.PENDING).count(),
        "unverified_with_supervisor": entries.filter(verification=Verification.UNVERIFIED).exclude(supervisor_email="").count(),
    }
    return render(request, "experience/overview.html", context)


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    """Every entry, filterable by kind and verification, with checkboxes to ask for verification."""
    user = signed_in_user(request)
    services.release_lapsed(user)
    entries = ExperienceEntry.objects.for_user(user)
    kind = request.GET.get("kind", "")
    state = request.GET.get("verification", "")
    if kind in ExperienceKind.values:
        entries = entries.filter(kind=kind)
    if state in Verification.values:
        entries = entries.filter(verification=state)
    context = {
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
    entry = get_owned(ExperienceEntry, user, pk=pk)
    context = {
        "entry": entry,
        "versions": ExperienceVersion.objects.for_user(user).filter(entry=entry),
        "requests": VerificationItem.objects.for_user(user).filter(entry=entry).select_related("request").order_by("-id"),
    }
    return render(request, "experience/entry_detail.html", context)


@login_required
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an entry."""
    services.entry_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Entry deleted.")
    return redirect("experience:entries")


# ---- verification -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def verification_new(request: HttpRequest) -> HttpResponse:
    """Ask a supervisor to confirm entries; shows the link once, e-mailed or to copy."""
    user = signed_in_user(request)
    open_entries = list(ExperienceEntry.objects.for_user(user).exclude(verification=Verification.VERIFIED))
    chosen = [int(pk) for pk in request.GET.getlist("entry") if pk.isdigit()]
    chosen_entries = [e for e in open_entries if e.pk in chosen]
    first = chosen_entries[0] if chosen_entries else None
    initial = {
        "entry_ids": chosen,
        "supervisor_email": first.supervisor_email if first else "",
        "supervisor_name": first.supervisor_name if first else "",
        "days": services.DEFAULT_LINK_DAYS,
        "send": True,
    }
    form = forms.VerificationRequestForm(request.POST or None, entries=open_entries, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = services.verification_request(
                user=user,
                entry_ids=data["entry_ids"],
                supervisor_email=data["supervisor_email"],
                supervisor_name=data["supervisor_name"],
                days=data["days"],
                send=data["send"],
                request=request,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            # Shown once on the next page (reloading it cannot send the request again).
            waiting = request.session.get(SENT_KEY, [])
            request.session[SENT_KEY] = [
                *waiting,
                {
                    "email": sent.request.supervisor_email,
                    "url": sent.url,
                    "emailed": sent.emailed,
                    "error": sent.email_error,
                    "expires": f"{sent.request.link.expires_at.astimezone(user_zone(user)):%d %b %Y %H:%M %Z}",
                    "loopback": config.is_loopback_url(sent.url),
                },
            ]
            return redirect("experience:verifications")
    return render(request, "experience/verification_new.html", {"form": form})


@login_required
def verification_list(request: HttpRequest) -> HttpResponse:
    """The user's verification requests and their answers."""
    user = signed_in_user(request)
    services.release_lapsed(user)
    requests = VerificationRequest.objects.for_user(user).select_related("link").prefetch_related("items__entry")
    shown = request.session.pop(SENT_KEY, [])
    response = render(request, "experience/verification_list.html", {"requests": requests, "sent_links": shown})
    response["Cache-Control"] = "no-store"  # the page may show live links: never keep it in a cache or history
    return response


@login_required
@require_POST
def verification_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a request: its link stops working."""
    services.verification_withdraw(user=signed_in_user(request), pk=pk, request=request)
    messages.success(request, "Request withdrawn; its link no longer works.")
    return redirect("experience:verifications")


@public_page_limit("experience-verify")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The supervisor's page, opened with the signed link: confirm or decline each entry (no account needed)."""
    try:
        opened = services.verification_open(token=token, request=request)
    except links.LinkError as error:
        status = 404 if error.reason == "invalid" else 410
        return render(request, "accounts/link_refused.html", {"message": str(error)}, status=status)
    item_ids = [item.pk for item in opened.answerable]
    form = forms.AnswerForm(request.POST or None, item_ids=item_ids, initial={"name": opened.request.supervisor_name})
    if request.method == "POST" and form.is_valid():
        try:
            answered = services.verification_answer(
                token=token, answers=form.answers(), name=form.cleaned_data["name"], request=request
            )
        except links.LinkError as error:
            return render(request, "accounts/link_refused.html", {"message": str(error)}, status=410)
        except ValidationError as error:
            show_errors(form, error)
        else:
            return render(request, "experience/verify_done.html", {"opened": answered})
    rows = [
        (item, sent, form[f"decision_{item.pk}"], form[f"comment_{item.pk}"]) if item.pk in item_ids else (item, sent, None, None)
        for item, sent in opened.rows
    ]
    return render(request, "experience/verify.html", {"opened": opened, "form": form, "rows": rows})


# ---- targets ------------------------------------------------------------------------------------------------


def _career_ids(user: Any) -> list[str]:
    return user_career_ids(user)


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest) -> HttpResponse:
    """Targets followed, with progress; catalog targets for the user's careers; a form for their own."""
    user = signed_in_user(request)
    form = forms.OwnTargetForm(request.POST if request.POST.get("own") else None)
    if request.method == "POST":
        try:
            if request.POST.get("catalog_id"):
                services.target_save(user=user, catalog_id=request.POST["catalog_id"])
                messages.success(request, "Target added.")
                return redirect("experience:targets")
            if form.is_valid():
                services.target_save(user=user, **form.cleaned_data)
                messages.success(request, "Target added.")
                return redirect("experience:targets")
        except ValidationError as error:
            if request.POST.get("catalog_id"):
                messages.error(request, " ".join(error.messages))
            else:
                show_errors(form, error)
    careers = _career_ids(user)
    known = catalog()
    suggestions = [(t, known.sources.get(t.source)) for t in suggested_targets(user, careers)]
    context = {"progress": target_progress(user), "suggestions": suggestions, "form": form, "by_career": bool(careers)}
    return render(request, "experience/targets.html", context)


@login_required
@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop following a target."""
    services.target_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Target removed.")
    return redirect("experience:targets")


# ---- procedures ---------------------------------------------------------------------------------------------


@login_required
def procedures(request: HttpRequest) -> HttpResponse:
    """The case log with progress against the catalog's minimums and the user's own targets."""
    user = signed_in_user(request)
    cases = list(ProcedureEntry.objects.for_user(user))
    known = catalog()
    standards = []
    for minimums in known.case_minimums.values():
        if any(c.category.startswith(f"{minimums.id}:") for c in cases) or request.GET.get("set") == minimums.id:
            standards.append((minimums, known.sources.get(minimums.source), minimums_progress(minimums, cases)))
    names = dict(services.category_choices())
    context = {
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


# ---- work hours ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hours(request: HttpRequest) -> HttpResponse:
    """Fast shift entry (templates), the weekly chart with the limits, and the compliance summary."""
    user = signed_in_user(request)
    today = user_today(user)
    templates = shifts.templates_for(user)
    which = request.POST.get("form")
    template_form = forms.TemplateShiftsForm(
        request.POST if which == "template" else None,
        templates=templates,
        initial={"first_day": today, "repeat": 1, "every": 1},
        prefix="t",
    )
    custom_form = forms.CustomShiftForm(
        request.POST if which == "custom" else None, initial={"day": today, "repeat": 1}, prefix="c"
    )
    if which == "template" and template_form.is_valid():
        data = template_form.cleaned_data
        try:
            batch = shifts.from_template(
                user, template_form.chosen(), data["first_day"], data["repeat"], every=data["every"], rotation=data["rotation"]
            )
            shifts.shifts_save(user, batch)
        except ValidationError as error:
            show_errors(template_form, error)
        else:
            messages.success(request, f"{len(batch)} × {template_form.chosen().label} added.")
            return redirect("experience:hours")
    if which == "custom" and custom_form.is_valid():
        data = custom_form.cleaned_data
        template = shifts.Template(
            data["save_as"] or "Shift", data["start_time"], data["end_time"], data["kind"], data["rotation"]
        )
        try:
            batch = shifts.custom_shifts_save(
                user, template, data["day"], data["repeat"], save_as=bool(data["save_as"]), full_day=data["full_day"]
            )
        except ValidationError as error:
            show_errors(custom_form, error)
        else:
            messages.success(request, f"{len(batch)} shift{'s' if len(batch) != 1 else ''} added.")
            return redirect("experience:hours")
    report, settings_row = shifts.user_report(user)
    weeks = report.weekly_hours.get("you", [])
    zone = user_zone(user)
    recent = (
        Shift.objects.for_user(user)
        .filter(
            starts_at__gte=_midnight(today - timedelta(days=14), zone), starts_at__lt=_midnight(today + timedelta(days=1), zone)
        )
        .order_by("-starts_at")[:30]
    )
    context = {
        "template_form": template_form,
        "custom_form": custom_form,
        "report": report,
        "violations": finding_rows(report.violations, zone),
        "settings": settings_row,
        "chart": weekly_chart(weeks[-16:]),
        "recent": recent,
        "zone": zone,
    }
    return render(request, "experience/hours.html", context)


def _midnight(day: Any, zone: Any) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone)


@login_required
def hours_report(request: HttpRequest) -> HttpResponse:
    """The full compliance report: every finding with its window, value and limit, and every week's hours."""
    user = signed_in_user(request)
    report, settings_row = shifts.user_report(user)
    zone = user_zone(user)
    weeks = report.weekly_hours.get("you", [])
    context = {
        "report": report,
        "settings": settings_row,
        "violations": finding_rows(report.violations, zone),
        "advisories": finding_rows(report.advisories, zone),
        "warnings": finding_rows(report.warnings, zone),
        "rules": rule_labels(),
        "weeks": weeks,
        "chart": weekly_chart(weeks),
    }
    return render(request, "experience/hours_report.html", context)


def finding_rows(findings: list[Finding], zone: Any) -> list[dict[str, Any]]:
    """Findings ready to show: the rule in words, the exact window where the user lives, value and limit."""
    rows = []
    labels = rule_labels()
    for finding in findings:
        if isinstance(finding.start, datetime) and isinstance(finding.end, datetime):
            fmt = "%a %d %b %Y %H:%M"
            when = f"{finding.start.astimezone(zone):{fmt}} – {finding.end.astimezone(zone):{fmt}}"
        else:
            when = f"{finding.start:%a %d %b %Y} – {finding.end:%a %d %b %Y}"
        rows.append(
            {
                "rule": finding.rule,
                "label": labels.get(finding.rule, finding.rule),
                "when": when,
                "value": finding.value,
                "limit": finding.limit,
                "detail": finding.detail,
                "hint": finding.hint,
                "severity": finding.severity,
            }
        )
    return rows


def rule_labels() -> dict[str, str]:
    """Each rule in words, with the catalog's numbers."""
    limit = standards.limits()
    weeks = f"averaged over {limit.window_days // 7} weeks"
    return {
        "weekly-80": f"{limit.weekly_hours:g} hours a week, {weeks}",
        "one-day-off-in-7": f"One day in {limit.days_per_free_day} free of work and home call, {weeks}",
        "continuous-24-plus-4": (
            f"At most {limit.continuous_hours:g} hours of continuous clinical work, "
            f"plus up to {limit.extra_hours:g} hours of transition or education"
        ),
        "in-house-call-every-3rd": (
            f"In-house call no more often than every {_ordinal(limit.call_every_nth_night)} night, {weeks}"
        ),
        "rest-14-after-24": (
            f"{limit.rest_after_call_hours:g} hours free after {limit.call_hours_for_rest:g} hours of in-house call"
        ),
        "rest-8-between": f"{limit.rest_between_hours:g} hours off between periods (a “should”: advisory)",
        "pgy1-moonlighting": "No moonlighting in PGY-1",
    }


def _ordinal(number: int) -> str:
    return {1: "", 2: "second", 3: "third", 4: "fourth"}.get(number, f"{number}th")


@login_required
def shift_list(request: HttpRequest) -> HttpResponse:
    """Every shift, newest first (one page of 200)."""
    user = signed_in_user(request)
    rows = Shift.objects.for_user(user).order_by("-starts_at")[:200]
    context = {"shifts": rows, "zone": user_zone(user), "total": Shift.objects.for_user(user).count()}
    return render(request, "experience/shift_list.html", context)


@login_required
@require_POST
def shift_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a shift."""
    shifts.shift_delete(signed_in_user(request), pk)
    messages.success(request, "Shift deleted.")
    return redirect("experience:shifts" if request.POST.get("next") == "list" else "experience:hours")


@login_required
@require_http_methods(["GET", "POST"])
def hours_settings(request: HttpRequest) -> HttpResponse:
    """PGY, averaging mode, leave handling and the continuity gap."""
    user = signed_in_user(request)
    row = shifts.settings_for(user)
    form = forms.WorkHourSettingsForm(request.POST or None, instance=row)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Work-hour settings saved.")
        return redirect("experience:hours")
    from medpath.experience.standards import standard

    rules = standard()
    context = {"form": form, "rules": rules, "leave_source": catalog().sources.get(rules.leave_handling.source)}
    return render(request, "experience/hours_settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def hours_import(request: HttpRequest) -> HttpResponse:
    """Import a schedule CSV with column mapping; every bad row is listed and nothing is saved."""
    user = signed_in_user(request)
    form = forms.ScheduleImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_SCHEDULE_BYTES:
            form.add_error("file", "The file is larger than 5 MB; split it by year.")
        else:
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("file", "The file is not UTF-8 text; save it as CSV (UTF-8).")
            else:
                try:
                    saved = shifts.schedule_import(
                        user, text, form.mapping(), form.cleaned_data["resident"].strip(), form.cleaned_data["local_times"]
                    )
                except ScheduleRejected as rejected:
                    problems = rejected.problems
                except ValidationError as error:
                    show_errors(form, error)
                else:
                    messages.success(request, f"{len(saved)} shift{'s' if len(saved) != 1 else ''} imported.")
                    return redirect("experience:hours")
    context = {"form": form, "problems": problems, "required": REQUIRED, "optional": OPTIONAL}
    return render(request, "experience/hours_import.html", context, status=400 if problems else 200)
