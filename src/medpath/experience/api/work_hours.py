"""JSON API of shifts and work hours: shifts, templates, schedule import, the report, settings, the stateless check."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import HttpError

from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiDate, ApiId
from medpath.experience import shifts
from medpath.experience.batch import check_text
from medpath.experience.models import Shift
from medpath.experience.schemas import (
    ScheduleIn,
    ShiftOut,
    ShiftsIn,
    TemplateOut,
    TemplateShiftsIn,
    WorkHourReportOut,
    WorkHourSettingsIO,
)
from medpath.experience.selectors import shifts_between
from medpath.experience.standards import SettingsRejected, chosen_settings, limits, report_json
from medpath.experience.workhours import WorkHoursError

router = Router()  # mounted by the package's router, whose tag it takes


def _shift_out(row: Shift) -> ShiftOut:
    return ShiftOut(id=row.pk, start=row.starts_at, end=row.ends_at, kind=row.kind, rotation=row.rotation)


@router.get("/experience/shifts", response=list[ShiftOut], summary="Your shifts")
def shift_list(request: HttpRequest, since: ApiDate | None = None, until: ApiDate | None = None) -> list[ShiftOut]:
    """Shifts in time order, optionally those starting between ``since`` and ``until`` (UTC dates)."""
    rows = shifts_between(
        signed_in_user(request),
        since=datetime.combine(since, time(0), tzinfo=UTC) if since else None,
        before=datetime.combine(until + timedelta(days=1), time(0), tzinfo=UTC) if until else None,
    )
    return [_shift_out(row) for row in rows]


@router.post("/experience/shifts", response={201: list[ShiftOut]}, summary="Add shifts")
def shift_create(request: HttpRequest, payload: ShiftsIn) -> Status[list[ShiftOut]]:
    """Add shifts (ISO 8601 with offsets), all or none: an overlapping or impossible one answers 422 and saves nothing."""
    user = signed_in_user(request)
    same = {
        f"shifts.{index}.end": [
            f"Start and end are the same time: {s.start.isoformat()}. A 24-hour shift ends the next day: give that end."
        ]
        for index, s in enumerate(payload.shifts)
        if s.start == s.end
    }
    if same:
        raise ValidationError(same)
    batch = [
        Shift(owner=user, starts_at=s.start.astimezone(UTC), ends_at=s.end.astimezone(UTC), kind=s.kind, rotation=s.rotation)
        for s in payload.shifts
    ]
    return Status(201, [_shift_out(row) for row in shifts.shifts_save(user, batch)])


@router.get("/experience/shift-templates", response=list[TemplateOut], summary="Shift templates")
def shift_templates(request: HttpRequest) -> list[TemplateOut]:
    """Your saved templates, then the built-in ones."""
    return [
        TemplateOut(name=t.name, start=f"{t.start:%H:%M}", end=f"{t.end:%H:%M}", kind=t.kind, rotation=t.rotation)
        for t in shifts.templates_for(signed_in_user(request))
    ]


@router.post("/experience/shifts/from-template", response={201: list[ShiftOut]}, summary="Add shifts from a template")
def shift_from_template(request: HttpRequest, payload: TemplateShiftsIn) -> Status[list[ShiftOut]]:
    """``repeat`` shifts of a template from ``first_day``, ``every`` days apart, in your time zone."""
    user = signed_in_user(request)
    found = next((t for t in shifts.templates_for(user) if t.name == payload.template), None)
    if found is None:
        raise HttpError(404, f"No shift template named {payload.template!r}")
    batch = shifts.from_template(user, found, payload.first_day, payload.repeat, every=payload.every, rotation=payload.rotation)
    return Status(201, [_shift_out(row) for row in shifts.shifts_save(user, batch)])


@router.delete("/experience/shifts/{int:shift_id}", response={204: None}, summary="Delete a shift")
def shift_delete(request: HttpRequest, shift_id: ApiId) -> Status[None]:
    """Delete one of your shifts."""
    shifts.shift_delete(signed_in_user(request), shift_id)
    return Status(204, None)


@router.post("/experience/shifts/import", response={200: list[ShiftOut], 201: list[ShiftOut]}, summary="Import a schedule CSV")
def shift_import(request: HttpRequest, payload: ScheduleIn) -> Status[list[ShiftOut]]:
    """Import the documented CSV format into your shifts, all or nothing; every bad row answers 422 with its line.
    With ``dry_run``, 200 and the shifts that would be added (ids null); nothing is saved."""
    saved = shifts.schedule_import(
        signed_in_user(request), payload.csv, payload.mapping, payload.resident, payload.local_times, dry_run=payload.dry_run
    )
    out = [_shift_out(row) for row in saved]
    if payload.dry_run:
        return Status(200, [row.model_copy(update={"id": None}) for row in out])
    return Status(201, out)


@router.get("/experience/work-hours/report", response=WorkHourReportOut, summary="Your work-hour compliance report")
def work_hour_report(request: HttpRequest, since: ApiDate | None = None, until: ApiDate | None = None) -> dict[str, Any]:
    """Violations, advisories and near-limit warnings (rule, window, value, limit), and each week's hours with its
    four-week average."""
    report, row = shifts.user_report(signed_in_user(request), since, until)
    body = report.as_dict()
    body["settings"] = WorkHourSettingsIO.model_validate(row, from_attributes=True)
    return body


@router.get("/experience/work-hours/settings", response=WorkHourSettingsIO, summary="Your work-hour settings")
def work_hour_settings(request: HttpRequest) -> WorkHourSettingsIO:
    """PGY, averaging window, leave handling and the continuity gap."""
    return WorkHourSettingsIO.model_validate(shifts.settings_for(signed_in_user(request)), from_attributes=True)


@router.put("/experience/work-hours/settings", response=WorkHourSettingsIO, summary="Change your work-hour settings")
def work_hour_settings_update(request: HttpRequest, payload: WorkHourSettingsIO) -> WorkHourSettingsIO:
    """Change how your schedule is checked."""
    row = shifts.work_hour_settings_save(user=signed_in_user(request), **payload.model_dump())
    return WorkHourSettingsIO.model_validate(row, from_attributes=True)


@router.post("/experience/work-hours/check", response=dict[str, Any], summary="Check a schedule CSV (nothing saved)")
def work_hour_check(request: HttpRequest, payload: ScheduleIn) -> dict[str, Any]:
    """The stateless check of ``medpath hours check``: the report of a CSV of any residents; nothing is stored."""
    try:
        settings = chosen_settings(window=payload.window, leave=payload.leave or None, gap=payload.gap)
    except SettingsRejected as rejected:
        raise ValidationError({rejected.field: [str(rejected)]}) from None
    try:  # the command line's code path, in this process (a web worker is never forked)
        return report_json(check_text(payload.csv, payload.mapping, limits(), settings, workers=1))
    except WorkHoursError as error:  # overlapping shifts: the message names both lines
        raise ValidationError({"csv": [str(error)]}) from None
