"""The shape of the Match's catalog data (data/match/*.yaml): NRMP guidance quoted verbatim, PGY-1 match rates by
applicant type and year, rank-list lengths of matched and unmatched applicants, and what is known to be missing.

Every quote and figure carries its source and confidence. Nothing here imports Django.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from medpath.catalog.schema import Slug, Sourced, _Strict

ApplicantType = Literal["all", "us-md-senior", "us-do-senior", "us-img", "non-us-img"]
APPLICANT_TYPE_LABELS: dict[str, str] = {
    "all": "All active applicants",
    "us-md-senior": "U.S. MD senior",
    "us-do-senior": "U.S. DO senior",
    "us-img": "U.S.-citizen IMG",
    "non-us-img": "Non-U.S.-citizen IMG",
}


class Guidance(Sourced):
    """A sentence of the NRMP's, quoted verbatim."""

    id: Slug
    quote: str = Field(min_length=10)


class RankLimit(Sourced):
    value: int = Field(ge=1, le=10_000)


class MatchRate(Sourced):
    """The PGY-1 match rate of one applicant type in one Match year."""

    applicant_type: ApplicantType
    year: int = Field(ge=2000, le=2100)
    percent: float = Field(ge=0, le=100)


class ListLength(Sourced):
    """How long the lists of matched and unmatched applicants were (mean), for a specialty or for everyone."""

    specialty: str = Field(default="", description="Empty: all specialties")
    applicant_type: ApplicantType
    years: str = Field(pattern=r"^\d{4}(-\d{4})?$")
    measure: Literal["contiguous-ranks", "programs-ranked"]
    matched_mean: float = Field(ge=0, le=1000)
    unmatched_mean: float = Field(ge=0, le=1000)


class Missing(_Strict):
    """A figure the advisor would use and does not have, and where it is published."""

    what: str = Field(min_length=10)
    where: Slug
    note: str = ""


class MatchFacts(_Strict):
    id: Slug
    name: str
    last_verified: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    guidance: list[Guidance] = Field(min_length=1)
    couple_max_ranks: RankLimit
    match_rates: list[MatchRate] = Field(default_factory=list)
    list_lengths: list[ListLength] = Field(default_factory=list)
    missing: list[Missing] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> MatchFacts:
        ids = [item.id for item in self.guidance]
        if len(ids) != len(set(ids)):
            raise ValueError("guidance ids must be unique")
        rates = [(rate.applicant_type, rate.year) for rate in self.match_rates]
        if len(rates) != len(set(rates)):
            raise ValueError("one match rate per applicant type and year")
        return self

    def quote(self, guidance_id: str) -> Guidance:
        return next(item for item in self.guidance if item.id == guidance_id)

    def citations(self) -> list[tuple[str, str]]:
        """(field path, source id) of every sourced part."""
        cited = [(f"guidance[{g.id}].source", g.source) for g in self.guidance]
        cited.append(("couple_max_ranks.source", self.couple_max_ranks.source))
        cited += [(f"match_rates[{r.applicant_type} {r.year}].source", r.source) for r in self.match_rates]
        cited += [(f"list_lengths[{i}].source", length.source) for i, length in enumerate(self.list_lengths)]
        cited += [(f"missing[{i}].where", missing.where) for i, missing in enumerate(self.missing)]
        return cited


class MatchFile(_Strict):
    """A match/*.yaml file."""

    match_facts: MatchFacts
