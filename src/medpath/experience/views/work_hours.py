"""Work-hour pages: fast shift entry, the weekly chart and compliance report, the shifts, settings and import."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import catalog
from medpath.experience import forms, shifts, standards
from medpath.experience.charts import weekly_chart
from medpath.experience.schedule import OPTIONAL, REQUIRED, ScheduleRejected, schedule_sample_csv
from medpath.experience.selectors import shift_page, shifts_all, shifts_between
from medpath.experience.workhours import Finding
from medpath.tables import Column, download_format, download_links, table_download
from medpath.uploads import csv_download, uploaded_bytes
from medpath.usertime import user_today, user_zone
from medpath.wording import day, day_time


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
    recent = shifts_between(
        user, since=_midnight(today - timedelta(days=14), zone), before=_midnight(today + timedelta(days=1), zone)
    ).reverse()[:30]
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
            start, end = finding.start.astimezone(zone), finding.end.astimezone(zone)
            when = f"{day_time(start, weekday=True)} – {day_time(end, weekday=True)}"
        else:
            when = f"{day(finding.start, weekday=True)} – {day(finding.end, weekday=True)}"
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
    """Every shift, newest first (one page of 200; ``?format=csv|xlsx`` downloads them all, times in the person's
    zone)."""
    user = signed_in_user(request)
    fmt = download_format(request)
    if fmt:
        zone = user_zone(user)
        columns = (
            Column("Starts", lambda shift: shift.starts_at.astimezone(zone)),
            Column("Ends", lambda shift: shift.ends_at.astimezone(zone)),
            Column("Hours", lambda shift: round((shift.ends_at - shift.starts_at).total_seconds() / 3600, 2)),
            Column("Kind", lambda shift: shift.get_kind_display()),
            Column("Rotation", lambda shift: shift.rotation),
        )
        return table_download(fmt, name="shifts", columns=columns, rows=shifts_all(user), today=user_today(user))
    rows, total = shift_page(user)
    context = {"shifts": rows, "zone": user_zone(user), "total": total, "downloads": download_links(request)}
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
        try:
            shifts.work_hour_settings_save(user=user, **{name: form.cleaned_data[name] for name in shifts.WORK_HOUR_SETTINGS})
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Work-hour settings saved.")
            return redirect("experience:hours")
    from medpath.experience.standards import standard

    rules = standard()
    context = {"form": form, "rules": rules, "leave_source": catalog().sources.get(rules.leave_handling.source)}
    return render(request, "experience/hours_settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def hours_import(request: HttpRequest) -> HttpResponse:
    """Import a schedule (CSV or XLSX) with column mapping; every bad row is listed and nothing is saved."""
    user = signed_in_user(request)
    form = forms.ScheduleImportForm(request.POST or None, request.FILES or None)
    problems = None
    checked: list[tuple[str, str, str, str]] | None = None  # a check's shifts: start, end (the person's time), kind
    upload = uploaded_bytes(form) if request.method == "POST" and form.is_valid() else None
    if upload is not None:
        data, filename = upload
        try:
            saved = shifts.schedule_import(
                user,
                data,
                form.mapping(),
                form.cleaned_data["resident"].strip(),
                form.cleaned_data["local_times"],
                filename=filename,
                dry_run=form.cleaned_data["dry_run"],
            )
        except ScheduleRejected as rejected:
            problems = rejected.problems
        except ValidationError as error:
            show_errors(form, error)
        else:
            if not form.cleaned_data["dry_run"]:
                messages.success(request, f"{len(saved)} shift{'s' if len(saved) != 1 else ''} imported.")
                return redirect("experience:hours")
            zone = user_zone(user)
            checked = [
                (day_time(s.starts_at.astimezone(zone)), day_time(s.ends_at.astimezone(zone)), s.get_kind_display(), s.rotation)
                for s in saved
            ]
    context = {"form": form, "problems": problems, "required": REQUIRED, "optional": OPTIONAL, "checked": checked}
    return render(request, "experience/hours_import.html", context, status=400 if problems else 200)


@login_required
def hours_import_sample(request: HttpRequest) -> HttpResponse:
    """A small schedule CSV in the documented columns, to fill in or copy from."""
    return csv_download(schedule_sample_csv(), "medpath-schedule-sample.csv")
