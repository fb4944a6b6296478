"""A resident's own schedule: shifts from templates, a schedule import, and the compliance report.

Times are entered where the user lives and stored in UTC; a night across a
daylight-saving change is its real length. Saving is all-or-nothing: a batch
with one overlapping or impossible shift saves nothing and says which.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from medpath.accounts.models import User
from medpath.experience import standards
from medpath.experience.models import Shift, ShiftKind, ShiftTemplate, WorkHourSettings
from medpath.experience.schedule import ScheduleRejected, read_schedule
from medpath.experience.services import local_span
from medpath.experience.workhours import LONGEST_SHIFT, Report, Settings, WorkHoursError, check
from medpath.experience.workhours import Shift as EngineShift
from medpath.rows import RowProblem
from medpath.usertime import user_zone
from medpath.wording import day_time

MAX_REPEAT = 60


@dataclass(frozen=True)
class Template:
    """A recurring shift: a name, local start and end times (an end before the start is next day; an end equal
    to the start is a 24-hour shift, which only the built-in call and templates saved as 24-hour have), a kind."""

    name: str
    start: time
    end: time
    kind: str
    rotation: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} {self.start:%H:%M}–{self.end:%H:%M}"


# Offered to everyone; a user's own templates come first.
BUILT_IN = (
    Template("Day", time(7), time(19), ShiftKind.CLINICAL),
    Template("Night", time(19), time(7), ShiftKind.CLINICAL),
    Template("24-hour in-house call", time(7), time(7), ShiftKind.IN_HOUSE_CALL),
    Template("Post-call handover", time(7), time(11), ShiftKind.TRANSITION),
    Template("Clinic", time(8), time(17), ShiftKind.CLINICAL),
    Template("Conference", time(7), time(8), ShiftKind.EDUCATION),
    Template("Home call", time(17), time(7), ShiftKind.HOME_CALL),
)


def templates_for(user: User) -> list[Template]:
    """The user's saved templates, then the built-in ones."""
    own = [Template(t.name, t.start_time, t.end_time, t.kind, t.rotation) for t in ShiftTemplate.objects.for_user(user)]
    return [*own, *BUILT_IN]


def from_template(
    user: User, template: Template, first_day: date, repeat: int, *, every: int = 1, rotation: str = ""
) -> list[Shift]:
    """Unsaved shifts: ``template`` on ``first_day`` and the next ``repeat - 1`` days (``every`` days apart)."""
    if not 1 <= repeat <= MAX_REPEAT:
        raise ValidationError({"repeat": [f"Repeat 1 to {MAX_REPEAT} times."]})
    if not 1 <= every <= 14:
        raise ValidationError({"every": ["Every 1 to 14 days."]})
    zone = user_zone(user)
    shifts = []
    for number in range(repeat):
        starts_at, ends_at = local_span(first_day + timedelta(days=number * every), template.start, template.end, zone)
        shifts.append(
            Shift(owner=user, starts_at=starts_at, ends_at=ends_at, kind=template.kind, rotation=rotation or template.rotation)
        )
    return shifts


def same_time_problem(start: time) -> str:
    """What is wrong with a shift typed as ending when it starts (unless it is said to last 24 hours)."""
    return (
        f"Start and end are the same time: {start:%H:%M}. Change the end, or tick “Lasts 24 hours” "
        "if it ends at the same time next day."
    )


def custom_shifts_save(
    user: User, template: Template, first_day: date, repeat: int, *, save_as: bool, full_day: bool = False
) -> list[Shift]:
    """Add shifts at custom times and, when ``save_as``, keep the times as a template of the user's under the
    template's name: both or neither, in one transaction. An end equal to the start is refused unless
    ``full_day`` says the shift lasts 24 hours (a typo must not become a day-long shift)."""
    if template.start == template.end and not full_day:
        raise ValidationError({"end_time": [same_time_problem(template.start)]})
    if full_day and template.start != template.end:
        raise ValidationError({"full_day": [f"A shift of 24 hours ends at the time it starts ({template.start:%H:%M})."]})
    if save_as and template.name.strip().casefold() in {t.name.casefold() for t in BUILT_IN}:
        raise ValidationError({"save_as": ["That is the name of a built-in template: choose another."]})
    batch = from_template(user, template, first_day, repeat, rotation=template.rotation)
    with transaction.atomic():
        saved = shifts_save(user, batch)
        if save_as:
            ShiftTemplate.objects.for_user(user).update_or_create(
                owner=user,
                name=template.name,
                defaults={
                    "start_time": template.start,
                    "end_time": template.end,
                    "kind": template.kind,
                    "rotation": template.rotation,
                },
            )
    return saved


def _when(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    return day_time(moment.astimezone(zone), weekday=True)


def _problems(user: User, shifts: Sequence[Shift], zone: zoneinfo.ZoneInfo) -> list[tuple[int, str, str]]:
    """(index in ``shifts``, field, message) for each shift that cannot be saved: it ends before it starts, is not a
    known kind, lasts more than 14 days (leave may), or overlaps another new or saved work period (home call may
    hold work from home)."""
    problems: list[tuple[int, str, str]] = []
    for index, shift in enumerate(shifts):
        if shift.ends_at <= shift.starts_at:
            problems.append((index, "end", "the shift ends before it starts"))
        elif shift.kind not in ShiftKind.values:
            problems.append((index, "kind", f"“{shift.kind}” is not a shift kind"))
        elif shift.kind != ShiftKind.LEAVE and shift.ends_at - shift.starts_at > LONGEST_SHIFT:
            problems.append((index, "end", "a work period of more than 14 days is not a shift; check the dates"))
    work = sorted((i for i, s in enumerate(shifts) if s.kind != ShiftKind.HOME_CALL), key=lambda i: shifts[i].starts_at)
    if not work:
        return problems
    first = shifts[work[0]].starts_at
    last = max(shifts[i].ends_at for i in work)
    saved = Shift.objects.for_user(user).exclude(kind=ShiftKind.HOME_CALL).filter(starts_at__lt=last, ends_at__gt=first)
    # One sweep over the new and saved work periods in order of start (saved ones first on a tie).
    timeline = sorted(
        [(row.starts_at, 0, -1, row) for row in saved] + [(shifts[i].starts_at, 1, i, shifts[i]) for i in work],
        key=lambda item: (item[0], item[1]),
    )
    latest: Shift | None = None
    for _, _, index, shift in timeline:
        if latest is not None and shift.starts_at < latest.ends_at:
            if index >= 0:
                what = "the saved" if latest.pk else "the new"
                problems.append(
                    (index, "start", f"overlaps {what} {latest.get_kind_display().lower()} of {_when(latest.starts_at, zone)}")
                )
            else:  # a saved shift inside a new one: blame the new one
                blamed = shifts.index(latest) if latest in shifts else -1
                if blamed >= 0:
                    problems.append(
                        (
                            blamed,
                            "end",
                            f"overlaps the saved {shift.get_kind_display().lower()} of {_when(shift.starts_at, zone)}",
                        )
                    )
        if latest is None or shift.ends_at > latest.ends_at:
            latest = shift
    return problems


def shifts_save(user: User, shifts: Sequence[Shift], lines: Sequence[int] | None = None) -> list[Shift]:
    """Save a batch of the user's shifts, all or none. Problems name each shift by its start (or, for a file,
    by ``lines``) and nothing is saved: ValidationError, or ScheduleRejected when lines are given."""
    zone = user_zone(user)
    with transaction.atomic():
        # One writer per user at a time: two batches saved together cannot both miss each other's overlap.
        _settings_row(user)
        WorkHourSettings.objects.for_user(user).select_for_update().get()
        problems = _problems(user, shifts, zone)
        if problems:
            if lines is not None:
                raise ScheduleRejected(
                    sorted(
                        {RowProblem(lines[i], field, message) for i, field, message in problems}, key=lambda p: (p.line, p.field)
                    )
                )
            raise ValidationError(
                {"__all__": [f"{_when(shifts[i].starts_at, zone)}: {message}." for i, _, message in sorted(problems)]}
            )
        for shift in shifts:
            shift.owner = user
            shift.full_clean()
        return Shift.objects.for_user(user).bulk_create(list(shifts))


def shift_delete(user: User, pk: int) -> None:
    """Delete one of the user's shifts."""
    from medpath.scoping import get_owned

    get_owned(Shift, user, pk=pk).delete()


def schedule_import(
    user: User,
    text: str | bytes,
    mapping: Mapping[str, str] | None = None,
    resident: str = "",
    local_times: bool = False,
    filename: str = "",
    dry_run: bool = False,
) -> list[Shift]:
    """Import a schedule (CSV text or bytes, or an XLSX file; the documented columns) into the user's shifts, all
    or nothing.

    A file with several residents needs ``resident`` to say whose rows are the user's. With ``local_times``
    times without an offset are read in the user's time zone, and a ``date`` column may hold the day.
    ScheduleRejected lists every bad row with its line and field. With ``dry_run`` every check runs (overlaps with
    the shifts already saved included) and nothing is kept: the shifts returned are what would be added.
    """
    rows = read_schedule(text, mapping, zone=user_zone(user) if local_times else None, filename=filename)
    residents = sorted({row.resident for row in rows})
    if not rows:
        raise ValidationError({"file": ["The file has no shifts."]})
    if len(residents) > 1 and resident not in residents:
        raise ValidationError(
            {"resident": [f"The file holds several residents ({', '.join(residents[:10])}): say which is you."]}
        )
    mine = [row for row in rows if len(residents) == 1 or row.resident == resident]
    shifts = [
        Shift(
            owner=user,
            starts_at=row.start.astimezone(UTC),
            ends_at=row.end.astimezone(UTC),
            kind=row.kind,
            rotation=row.rotation[:80],
        )
        for row in mine
    ]
    with transaction.atomic():
        saved = shifts_save(user, shifts, lines=[row.line for row in mine])
        pgys = {row.pgy for row in mine if row.pgy}
        if len(pgys) == 1:
            _settings_row(user)  # create the row if needed
            WorkHourSettings.objects.for_user(user).filter(pgy__isnull=True).update(pgy=pgys.pop())
        if dry_run:
            transaction.set_rollback(True)  # checked as an import would be; kept nowhere
    return saved


def settings_for(user: User) -> WorkHourSettings:
    """The user's work-hour settings; the defaults, unsaved, until they are first saved (reads never write)."""
    row = WorkHourSettings.objects.for_user(user).first()
    return row if row is not None else WorkHourSettings(owner=user, leave=standards.standard().leave_handling.default)


def _settings_row(user: User) -> WorkHourSettings:
    """The user's settings row, created with the defaults if need be (write paths only)."""
    row: WorkHourSettings
    row, _ = WorkHourSettings.objects.for_user(user).get_or_create(
        owner=user, defaults={"leave": standards.standard().leave_handling.default}
    )
    return row


WORK_HOUR_SETTINGS = ("pgy", "window", "leave", "continuity_gap_hours")


def work_hour_settings_save(*, user: User, **values: Any) -> WorkHourSettings:
    """Change how the user's schedule is checked (PGY, averaging window, leave, continuity gap): the one write
    path of the settings page and the API."""
    unknown = set(values) - set(WORK_HOUR_SETTINGS)
    if unknown:
        raise ValidationError({name: ["This setting does not exist."] for name in sorted(unknown)})
    with transaction.atomic():
        _settings_row(user)
        row: WorkHourSettings = WorkHourSettings.objects.for_user(user).select_for_update().get()
        for name, value in values.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
    return row


def engine_settings(row: WorkHourSettings) -> Settings:
    """The engine's settings from the user's choices."""
    return Settings(continuity_gap_hours=float(row.continuity_gap_hours), leave=row.leave, window=row.window)  # type: ignore[arg-type]


def user_report(user: User, since: date | None = None, until: date | None = None) -> tuple[Report, WorkHourSettings]:
    """The compliance report of the user's shifts (optionally only those starting in [since, until])."""
    row = settings_for(user)
    zone = user_zone(user)
    query = Shift.objects.for_user(user)
    if since is not None:
        query = query.filter(starts_at__gte=datetime.combine(since, time(0), tzinfo=zone))
    if until is not None:
        query = query.filter(starts_at__lt=datetime.combine(until + timedelta(days=1), time(0), tzinfo=zone))
    shifts = [
        EngineShift("you", s.starts_at.astimezone(zone), s.ends_at.astimezone(zone), s.kind, row.pgy, s.rotation) for s in query
    ]
    try:
        report = check(shifts, standards.limits(), engine_settings(row)) if shifts else Report()
    except WorkHoursError as error:  # saved shifts that cannot be checked (overlaps saved before MedPath refused them)
        report = Report(notes=[f"Your shifts could not be checked: {error}. Delete or correct the shift named."])
    return report, row
