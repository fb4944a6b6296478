"""The shape of renewal requirement sets (data/requirements/*.yaml), checked at load.

Each set carries its source, effective dates, a last-verified date and a confidence;
each rule its own source where it has one. Nothing here imports Django.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from medpath.catalog.schema import Confidence, Slug, _Strict

Fact = Literal["prescriber", "aprn", "direct_patient_care", "nationally_certified", "first_renewal", "in_fellowship"]
FACTS: tuple[str, ...] = get_args(Fact)
CredentialKind = Literal[
    "licence",
    "board_certification",
    "registration",
    "life_support",
    "health_requirement",
    "privileges",
    "malpractice",
    "training",
    "other",
]
CREDENTIAL_KINDS: tuple[str, ...] = get_args(CredentialKind)


class RuleSpec(_Strict):
    """One rule of a set, as written in YAML."""

    id: Slug
    label: str = Field(min_length=3)
    kind: Literal["total", "minimum", "cap", "completion"]
    amount: float = Field(ge=0, le=10_000)
    credit_types: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    exclude_formats: list[str] = Field(default_factory=list)
    counts_toward_total: bool = True
    overlaps: bool = False
    cadence: Literal["every_cycle", "one_time", "every_nth_renewal", "first_n_renewals"] = "every_cycle"
    cadence_n: int = Field(default=0, ge=0, le=20)
    applies_if: dict[Fact, bool] = Field(default_factory=dict)
    exempt_if: dict[Fact, bool] = Field(default_factory=dict)
    window_months: int | None = Field(default=None, ge=1, le=240)
    per_year: bool = False
    source: Slug | None = None
    confidence: Confidence | None = None
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> RuleSpec:
        if self.cadence in {"every_nth_renewal", "first_n_renewals"} and self.cadence_n < 1:
            raise ValueError(f"cadence {self.cadence} needs cadence_n of at least 1")
        if self.per_year and self.kind != "cap":
            raise ValueError("per_year applies to caps only")
        if self.overlaps and self.kind != "minimum":
            raise ValueError("overlaps applies to minimums only")
        if (self.source is None) != (self.confidence is None):
            raise ValueError("give a rule's source and confidence together")
        return self


class ConversionSpec(_Strict):
    """Credits of one type counted as another (1 CEU = 10 contact hours)."""

    from_type: str
    to_type: str
    factor: float = Field(gt=0, le=1000)
    source: Slug
    confidence: Confidence


class MultiplierSpec(_Strict):
    """Some credits count more (self-assessment credits +50%)."""

    factor: float = Field(gt=0, le=10)
    credit_types: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    formats: list[str] = Field(default_factory=list)
    limit: float | None = Field(default=None, gt=0)
    source: Slug
    confidence: Confidence


class RequirementSetSpec(_Strict):
    """The renewal rules of one licence, certification or card."""

    id: Slug
    name: str = Field(min_length=3)
    issuer: str
    credential_kind: CredentialKind
    jurisdiction: str = ""
    careers: list[Slug] = Field(default_factory=list)
    unit: str
    accepted_types: list[str] = Field(default_factory=list)
    conversions: list[ConversionSpec] = Field(default_factory=list)
    multipliers: list[MultiplierSpec] = Field(default_factory=list)
    cycle_months: int = Field(ge=1, le=240)
    end_of_month: bool = False
    grace_days: int = Field(default=0, ge=0, le=365)
    rounding_step: float = Field(default=0, ge=0, le=5)
    exempt_if: dict[Fact, bool] = Field(default_factory=dict)
    rules: list[RuleSpec] = Field(min_length=1)
    effective_from: date
    effective_to: date | None = None
    last_verified: date
    source: Slug
    confidence: Confidence
    note: str = ""
    custom: bool = False

    @field_validator("jurisdiction")
    @classmethod
    def _jurisdiction(cls, value: str) -> str:
        if value and not (len(value) == 2 or (len(value) <= 6 and value[2:3] == "-")):
            raise ValueError("use an ISO code: US for national, US-CA for a state")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> RequirementSetSpec:
        ids = [rule.id for rule in self.rules]
        duplicates = {rule_id for rule_id in ids if ids.count(rule_id) > 1}
        if duplicates:
            raise ValueError(f"duplicate rule id {sorted(duplicates)[0]!r}")
        windows = [rule.window_months for rule in self.rules if rule.kind == "total"]
        if len(windows) != len(set(windows)) or self.cycle_months in windows:
            raise ValueError("at most one total per window (a nested total needs a window_months shorter than the cycle)")
        caps = [rule for rule in self.rules if rule.kind == "cap"]
        for index, first in enumerate(caps):
            for second in caps[index + 1 :]:
                disjoint_types = (
                    first.credit_types and second.credit_types and not set(first.credit_types) & set(second.credit_types)
                )
                disjoint_formats = first.formats and second.formats and not set(first.formats) & set(second.formats)
                if not (disjoint_types or disjoint_formats):
                    raise ValueError(
                        f"caps {first.id!r} and {second.id!r} may overlap; give them disjoint credit types or formats"
                    )
        if self.effective_to is not None and self.effective_to < self.effective_from:
            raise ValueError("effective_to is before effective_from")
        return self


class RequirementFile(_Strict):
    """A requirements/*.yaml file."""

    requirement_sets: list[RequirementSetSpec] = Field(min_length=1)


class Term(_Strict):
    """A word of the shared vocabulary."""

    id: str = Field(pattern=r"^[a-z0-9_-]+$", max_length=40)
    label: str


class Vocabulary(_Strict):
    """vocabulary.yaml: credit types, topics and formats."""

    credit_types: list[Term]
    topics: list[Term]
    formats: list[Term]

    def credit_type_ids(self) -> set[str]:
        """Known credit types."""
        return {term.id for term in self.credit_types}

    def topic_ids(self) -> set[str]:
        """Known topics."""
        return {term.id for term in self.topics}

    def format_ids(self) -> set[str]:
        """Known formats."""
        return {term.id for term in self.formats}
