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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from medpath.accounts.models import User
from medpath.experience import standards
from medpath.experience.models import Shift, ShiftKind, ShiftTemplate, WorkHourSettings
from medpath.experience.schedule import read_schedule
from medpath.experience.services import zone_of
from medpath.experience.workhours import Report, Settings, check
from medpath.experience.workhours import Shift as EngineShift

MAX_REPEAT = 60
MAX_SHIFT = timedelta(hours=36)


@dataclass(frozen=True)
class Template:
    """A recurring shift: a name, local start and end times (an end at or before the start is next day), a kind."""

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


def local_span(day: date, start: time, end: time, zone: zoneinfo.ZoneInfo) -> tuple[datetime, datetime]:
    """The instants of a shift from ``start`` on ``day`` to ``end`` (next day when at or before the start)."""
    first = datetime.combine(day, start, tzinfo=zone)
    last = datetime.combine(day + timedelta(days=1) if end <= start else day, end, tzinfo=zone)
    return first.astimezone(UTC), last.astimezone(UTC)


def from_template(
    user: User, template: Template, first_day: date, repeat: int, *, every: int = 1, rotation: str = ""
) -> list[Shift]:
    """Unsaved shifts: ``template`` on ``first_day`` and the next ``repeat - 1`` days (``every`` days apart)."""
    if not 1 <= repeat <= MAX_REPEAT:
        raise ValidationError({"repeat": [f"Repeat 1 to {MAX_REPEAT} times."]})
    if not 1 <= every <= 14:
        raise ValidationError({"every": ["Every 1 to 14 days."]})
    zone = zone_of(user)
    shifts = []
    for number in range(repeat):
        starts_at, ends_at = local_span(first_day + timedelta(days=number * every), template.start, template.end, zone)
        shifts.append(
            Shift(owner=user, starts_at=starts_at, ends_at=ends_at, kind=template.kind, rotation=rotation or template.rotation)
        )
    return shifts


def _when(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%a %d %b %Y %H:%M")


def shifts_save(user: User, shifts: Sequence[Shift]) -> list[Shift]:
    """Save a batch of the user's shifts, all or none: each must end after it starts, last at most 36 hours
    (leave: any length) and overlap neither another in the batch nor a saved one (home call may hold work)."""
    zone = zone_of(user)
    problems: list[str] = []
    for shift in shifts:
        if shift.ends_at <= shift.starts_at:
            problems.append(f"{_when(shift.starts_at, zone)}: the shift ends before it starts.")
        elif shift.kind not in ShiftKind.values:
            problems.append(f"{_when(shift.starts_at, zone)}: “{shift.kind}” is not a shift kind.")
        elif shift.kind != ShiftKind.LEAVE and shift.ends_at - shift.starts_at > MAX_SHIFT:
            problems.append(f"{_when(shift.starts_at, zone)}: a shift lasts at most 36 hours; split longer periods.")
    work = sorted((s for s in shifts if s.kind != ShiftKind.HOME_CALL), key=lambda s: s.starts_at)
    latest: Shift | None = None  # the shift reaching furthest so far, so one long shift is compared with all it covers
    for shift in work:
        if latest is not None and shift.starts_at < latest.ends_at:
            problems.append(f"{_when(shift.starts_at, zone)}: overlaps the shift from {_when(latest.starts_at, zone)}.")
        if latest is None or shift.ends_at > latest.ends_at:
            latest = shift
    with transaction.atomic():
        if work and not problems:
            existing = Shift.objects.for_user(user).exclude(kind=ShiftKind.HOME_CALL).select_for_update()
            span = Q()
            for shift in work:
                span |= Q(starts_at__lt=shift.ends_at, ends_at__gt=shift.starts_at)
            for clash in existing.filter(span).exclude(pk__in=[s.pk for s in shifts if s.pk])[:5]:
                problems.append(f"{_when(clash.starts_at, zone)}: you already have a {clash.get_kind_display().lower()} then.")
        if problems:
            raise ValidationError({"__all__": problems})
        for shift in shifts:
            shift.owner = user
            shift.full_clean()
        return Shift.objects.for_user(user).bulk_create(list(shifts))


def shift_delete(user: User, pk: int) -> None:
    """Delete one of the user's shifts."""
    from medpath.scoping import get_owned

    get_owned(Shift, user, pk=pk).delete()


def schedule_import(user: User, text: str, mapping: Mapping[str, str] | None = None, resident: str = "") -> list[Shift]:
    """Import a schedule CSV (the documented format) into the user's shifts, all or nothing.

    A file with several residents needs ``resident`` to say whose rows are the user's.
    ScheduleRejected lists every bad row with its line and field.
    """
    rows = read_schedule(text, mapping)
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
        saved = shifts_save(user, shifts)
        pgys = {row.pgy for row in mine if row.pgy}
        if len(pgys) == 1:
            settings_for(user)  # create the row if needed
            WorkHourSettings.objects.for_user(user).filter(pgy__isnull=True).update(pgy=pgys.pop())
    return saved


def settings_for(user: User) -> WorkHourSettings:
    """The user's work-hour settings (created with the defaults on first use)."""
    row: WorkHourSettings
    row, _ = WorkHourSettings.objects.for_user(user).get_or_create(
        owner=user, defaults={"leave": standards.standard().leave_handling.default}
    )
    return row


def engine_settings(row: WorkHourSettings) -> Settings:
    """The engine's settings from the user's choices."""
    return Settings(continuity_gap_hours=float(row.continuity_gap_hours), leave=row.leave, window=row.window)  # type: ignore[arg-type]


def user_report(user: User, since: date | None = None, until: date | None = None) -> tuple[Report, WorkHourSettings]:
    """The compliance report of the user's shifts (optionally only those starting in [since, until])."""
    row = settings_for(user)
    zone = zone_of(user)
    query = Shift.objects.for_user(user)
    if since is not None:
        query = query.filter(starts_at__gte=datetime.combine(since, time(0), tzinfo=zone))
    if until is not None:
        query = query.filter(starts_at__lt=datetime.combine(until + timedelta(days=1), time(0), tzinfo=zone))
    shifts = [
        EngineShift("you", s.starts_at.astimezone(zone), s.ends_at.astimezone(zone), s.kind, row.pgy, s.rotation) for s in query
    ]
    report = check(shifts, standards.limits(), engine_settings(row)) if shifts else Report()
    return report, row
