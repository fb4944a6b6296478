"""API shapes of the experience pillar."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from ninja import Schema
from pydantic import ConfigDict, Field

from medpath.bounds import ApiDate, ApiId, ApiInstant


class EntryIn(Schema):
    """An experience entry. Give ``hours``, or ``start_time`` and ``end_time`` on one day."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "shadowing",
                    "title": "Shadowing in family medicine",
                    "started_on": "2026-10-05",
                    "hours": "4",
                    "organization": "Lakeside Clinic",
                    "supervisor_name": "Dr. Ana Rivera",
                    "tags": ["primary care"],
                }
            ]
        }
    )

    kind: str
    title: str = Field(max_length=200)
    started_on: date
    ended_on: date | None = None
    start_time: time | None = None
    end_time: time | None = None
    hours: Decimal | None = Field(default=None, gt=0, max_digits=7, decimal_places=2)
    organization: str = ""
    setting: str = ""
    specialty: str = ""
    supervisor_name: str = ""
    supervisor_email: str = ""
    description: str = Field(default="", max_length=2000)
    reflection: str = Field(default="", max_length=2000)
    tags: list[str] = Field(default_factory=list)
    privacy_confirmed: bool = Field(
        default=False, description="Save text the privacy guard flags as a possible patient identifier (after checking it)"
    )
    unlock_verified: bool = Field(
        default=False, description="Change a verified entry: its verified version is kept and the verification cleared"
    )


class EntryOut(Schema):
    id: int
    kind: str
    title: str
    started_on: date
    ended_on: date | None
    start_time: time | None
    end_time: time | None
    hours: Decimal
    organization: str
    setting: str
    specialty: str
    supervisor_name: str
    supervisor_email: str
    description: str
    reflection: str
    tags: list[str]
    revision: int
    verification: str
    verified_at: datetime | None
    verified_by: str
    verifier_comment: str


class TotalsOut(Schema):
    period: str
    periods: list[str]
    by_kind: dict[str, dict[str, Decimal]]
    total_by_kind: dict[str, Decimal]
    verified_by_kind: dict[str, Decimal]
    total: Decimal
    verified: Decimal


class TargetIn(Schema):
    """A catalog target (``catalog_id``) or your own (label, kinds, hours)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"label": "Shadowing before applying", "kinds": ["shadowing"], "hours": "100", "due_on": "2027-06-01"}]
        }
    )

    catalog_id: str = ""
    label: str = ""
    kinds: list[str] = Field(default_factory=list)
    hours: Decimal | None = None
    due_on: date | None = None
    verified_only: bool = False


class TargetOut(Schema):
    id: int
    label: str
    kinds: list[str]
    hours: Decimal
    catalog_id: str
    due_on: date | None
    verified_only: bool
    counted: Decimal
    verified: Decimal
    missing: Decimal
    met: bool
    basis: str = ""
    source_url: str = ""
    confidence: str = ""


class HourTargetOut(Schema):
    id: str
    name: str
    applies_to: str
    basis: str
    kinds: list[str]
    hours: float
    careers: list[str]
    confidence: str
    note: str
    source_url: str
    last_verified: date


class VerificationIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "entry_ids": [1],
                    "supervisor_email": "supervisor@example.org",
                    "supervisor_name": "Dr. Ana Rivera",
                    "days": 30,
                    "send": False,
                }
            ]
        }
    )
    entry_ids: list[ApiId] = Field(min_length=1)
    supervisor_email: str
    supervisor_name: str = ""
    days: int = 30
    send: bool = True


class VerificationItemOut(Schema):
    entry_id: int
    revision: int
    decision: str
    comment: str
    decided_at: datetime | None


class VerificationOut(Schema):
    id: int
    supervisor_email: str
    supervisor_name: str
    created_at: datetime
    expires_at: datetime
    state: str
    answered_at: datetime | None
    answered_by: str
    items: list[VerificationItemOut]
    url: str = Field(default="", description="The link for the supervisor; only in the answer that created it")


class ProcedureIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"procedure": "Laparoscopic cholecystectomy", "performed_on": "2026-10-20", "role": "performed"}]
        }
    )
    procedure: str = Field(max_length=200)
    performed_on: date
    role: str
    category: str = ""
    setting: str = ""
    supervision: str = ""
    chief_year: bool = False
    notes: str = Field(default="", max_length=2000)
    privacy_confirmed: bool = False


class ProcedureOut(Schema):
    id: int
    procedure: str
    performed_on: date
    role: str
    category: str
    setting: str
    supervision: str
    chief_year: bool
    notes: str


class CategoryOut(Schema):
    id: str
    name: str
    minimum: int
    counted: int
    missing: int
    parent_depth: int


class MinimumsOut(Schema):
    id: str
    name: str
    source_url: str
    confidence: str
    categories: list[CategoryOut]


class ProcedureTargetIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"label": "Central lines", "minimum": 10, "procedure": "Central line"}]}
    )
    label: str
    minimum: int = Field(ge=1, le=10000)
    procedure: str = ""
    category: str = ""
    roles: list[str] = Field(default_factory=list)


class ProcedureTargetOut(Schema):
    id: int
    label: str
    procedure: str
    category: str
    roles: list[str]
    minimum: int
    counted: int


class ProgressOut(Schema):
    minimums: list[MinimumsOut]
    targets: list[ProcedureTargetOut]


class ShiftIn(Schema):
    start: ApiInstant
    end: ApiInstant
    kind: str
    rotation: str = Field(default="", max_length=80)


class ShiftsIn(Schema):
    """Shifts to add together (all or none)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "shifts": [
                        {
                            "start": "2025-01-06T07:00-05:00",
                            "end": "2025-01-06T19:00-05:00",
                            "kind": "clinical",
                            "rotation": "ICU",
                        }
                    ]
                }
            ]
        }
    )

    shifts: list[ShiftIn] = Field(min_length=1, max_length=400)


class ShiftOut(Schema):
    id: int | None = Field(description="null for a shift a dry run would add")
    start: datetime
    end: datetime
    kind: str
    rotation: str


class TemplateShiftsIn(Schema):
    """``template``: a name from GET /experience/shift-templates (yours or built in)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"template": "Day", "first_day": "2025-02-03", "repeat": 2}]})

    template: str
    first_day: ApiDate
    repeat: int = Field(default=1, ge=1, le=60)
    every: int = Field(default=1, ge=1, le=14)
    rotation: str = Field(default="", max_length=80)


# A template's times are wall-clock times in the person's zone, without an offset, so not JSON Schema's
# ``format: time`` (which needs one): "07:00".
LOCAL_TIME = Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="Local time of day in your time zone, HH:MM")


class TemplateOut(Schema):
    name: str
    start: str = LOCAL_TIME
    end: str = LOCAL_TIME
    kind: str
    rotation: str


class ScheduleIn(Schema):
    """A schedule CSV as text, with an optional mapping of your column names to ours."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"csv": "resident,start,end,kind\nr1,2025-03-03T07:00-05:00,2025-03-03T19:00-05:00,clinical\n"}]
        }
    )

    csv: str = Field(description="Up to the request size limit (MEDPATH_MAX_REQUEST_KB, 2.5 MB by default)")
    mapping: dict[str, str] = Field(default_factory=dict)
    resident: str = ""
    local_times: bool = Field(default=False, description="Import only: times without an offset are in your time zone")
    dry_run: bool = Field(
        default=False, description="Import only: check every row and answer what would be added (200, ids null)"
    )
    window: str = "rolling"
    leave: str = ""
    gap: float | None = Field(default=None, description="Check only: hours apart below which periods are continuous")


class WorkHourSettingsIO(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"pgy": 2, "window": "rolling", "leave": "omit", "continuity_gap_hours": "1"}]}
    )
    pgy: int | None = Field(default=None, ge=1, le=12)
    window: str = "rolling"
    leave: str = "omit"
    continuity_gap_hours: Decimal = Field(default=Decimal(1), ge=0, le=8)


class FindingOut(Schema):
    rule: str
    resident: str
    start: str = Field(description="A date (YYYY-MM-DD) or an instant with its offset")
    end: str
    value: float
    limit: float
    detail: str = ""
    hint: str = ""


class WeekOut(Schema):
    week_of: date
    hours: float
    four_week_average: float | None = Field(
        description="Hours per week over this week and the three before it (leave left out when so set); "
        "null before the fourth whole week and for a last week cut short"
    )


class WorkHourReportOut(Schema):
    violations: list[FindingOut]
    advisories: list[FindingOut]
    warnings: list[FindingOut]
    weekly_hours: dict[str, list[WeekOut]]
    window_mode: str
    notes: list[str]
    settings: WorkHourSettingsIO
