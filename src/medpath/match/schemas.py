"""API models of the Match (names start with Match, unique across the API)."""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from medpath.match.advisor import Report

ApplicantTypeName = Literal["us-md-senior", "us-do-senior", "us-img", "non-us-img", "other"]


class MatchListOut(Schema):
    """A rank order list."""

    id: int
    title: str
    season: int = Field(description="The Match year")
    applicant_type: str


class MatchListIn(Schema):
    """A rank list's title, Match year and applicant type."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"title": "2027 Main Match", "season": 2027, "applicant_type": "us-md-senior"}]},
    )

    title: str = Field(min_length=1, max_length=200)
    season: int = Field(ge=2000, le=2100)
    applicant_type: ApplicantTypeName = "other"


class MatchProgramOut(Schema):
    id: int
    position: int | None = Field(description="Rank (1 is the first choice); null when left off the list")
    name: str
    specialty: str
    city: str
    region: str
    notes: str
    ranked: bool


class MatchProgramIn(Schema):
    """A program on the list; ``ranked`` false keeps it on the page but off the list."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "City General Internal Medicine", "specialty": "Internal Medicine", "city": "Boston"}]
        },
    )

    name: str = Field(min_length=1, max_length=200)
    specialty: str = Field(default="", max_length=100)
    city: str = Field(default="", max_length=100)
    region: str = Field(default="", max_length=100, description="State or region (a couple's distance bands)")
    notes: str = Field(default="", max_length=2000)
    ranked: bool = True
    privacy_confirmed: bool = False


class MatchOrderIn(Schema):
    """Every ranked program of the list, by id, first choice first."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"program_ids": [12, 10, 11]}]})

    program_ids: list[int] = Field(max_length=300)


class MatchAdviceOut(Schema):
    id: str
    level: str = Field(description="info or warning")
    message: str
    quote: str = Field(description="The NRMP's words the advice rests on, verbatim (may be empty)")
    source_url: str | None
    program: str


class MatchFigureOut(Schema):
    what: str
    year: str
    value: str
    source_url: str
    confidence: str
    note: str


class MatchReportOut(Schema):
    ranked: int
    left_off: int
    preferred_specialty: str
    contiguous_ranks: int | None = Field(description="null when a program near the top has no specialty")
    advice: list[MatchAdviceOut]
    figures: list[MatchFigureOut]
    missing: list[str]


class MatchListDetailOut(MatchListOut):
    programs: list[MatchProgramOut]
    report: MatchReportOut


def report_out(report: Report, urls: dict[str, str]) -> MatchReportOut:
    figures = [
        MatchFigureOut(
            what=f"PGY-1 match rate, {rate.applicant_type}",
            year=str(rate.year),
            value=f"{rate.percent}%",
            source_url=urls[rate.source],
            confidence=rate.confidence,
            note=rate.note,
        )
        for rate in report.match_rates
    ] + [
        MatchFigureOut(
            what=f"mean {length.measure} of matched / unmatched applicants, {length.specialty or 'all specialties'}, "
            f"{length.applicant_type}",
            year=length.years,
            value=f"{length.matched_mean} / {length.unmatched_mean}",
            source_url=urls[length.source],
            confidence=length.confidence,
            note=length.note,
        )
        for length in report.list_lengths
    ]
    return MatchReportOut(
        ranked=report.ranked,
        left_off=report.left_off,
        preferred_specialty=report.preferred_specialty,
        contiguous_ranks=report.contiguous,
        advice=[
            MatchAdviceOut(
                id=item.id,
                level=item.level,
                message=item.message,
                quote=item.quote,
                source_url=urls.get(item.source),
                program=item.program,
            )
            for item in report.advice
        ],
        figures=figures,
        missing=[f"{item.what}: {item.note}" for item in report.missing],
    )


class MatchSimulationOut(Schema):
    """The engine's answer (docs/match.md)."""

    matching: dict[str, str | None]
    stable: bool
    blocking_pairs: int
    blocking: list[dict[str, Any]]
    seconds: float
    rounds: int
    cycle: bool
    proposals: int
    statistics: dict[str, Any]


class MatchCoupleOut(Schema):
    """A couple the user is a partner of."""

    id: int
    role: str = Field(description="first (invited) or second (joined)")
    partner: str | None = Field(description="The other partner's name; null until they join")
    joined: bool
    policy: str
    unmatched: str


class MatchInviteIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"list_id": 3}]})

    list_id: int = Field(ge=1, description="The rank list you share")


class MatchInviteOut(MatchCoupleOut):
    invite_url: str = Field(description="Send it to your partner: single-use, valid 14 days, never shown again")


class MatchJoinIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"token": "…", "list_id": 5}]})

    token: str = Field(min_length=1, max_length=200, description="The last part of the invitation link")
    list_id: int = Field(ge=1)


class MatchCoupleChangeIn(Schema):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"list_id": 3, "policy": "same-city", "unmatched": "end"}]}
    )

    list_id: int | None = Field(default=None, ge=1, description="Share another of your lists (empties the paired list)")
    policy: Literal["same-city", "distance-bands", "first-leads", "second-leads"] = "same-city"
    unmatched: Literal["none", "after-first-band", "end"] = "end"


class MatchPairsIn(Schema):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"pairs": [[11, 21], [12, None]]}]})

    pairs: list[tuple[int | None, int | None]] = Field(max_length=1000)


class MatchSideProgramOut(Schema):
    id: int
    position: int
    name: str
    specialty: str
    city: str
    region: str


class MatchSideOut(Schema):
    name: str
    is_me: bool
    list_title: str | None
    programs: list[MatchSideProgramOut]


class MatchPairOut(Schema):
    position: int
    first_program_id: int | None = Field(description="null: the first partner unmatched (No Match)")
    second_program_id: int | None
    first: str | None
    second: str | None


class MatchCoupleDetailOut(MatchCoupleOut):
    first: MatchSideOut
    second: MatchSideOut
    pairs: list[MatchPairOut]
    problems: list[str]
