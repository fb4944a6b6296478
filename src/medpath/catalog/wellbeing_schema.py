"""The shape of the resilience pillar's catalog data: support resources per country (data/support/*.yaml) and
the self-check measures a check-in asks (data/wellbeing/*.yaml).

A wrong telephone number can harm, so a resource may carry a phone or text number only when its source is the
organisation's own page or a government page (``primary_source: true``); every resource says when it was last
verified. Nothing here imports Django.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, HttpUrl, StringConstraints, field_validator, model_validator

from medpath.catalog.schema import Confidence, Slug, Sourced, _Strict

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
# crisis: open to everyone, any hour; profession: a line or service for health-care workers or students;
# peer: peer support one signs up for (never urgent). Pages list them in this order.
SupportKind = Literal["crisis", "profession", "peer"]
SUPPORT_KIND_ORDER: dict[str, int] = {"crisis": 0, "profession": 1, "peer": 2}
LOWEST_ANSWER = 1
HIGHEST_ANSWER = 5


class SupportResource(_Strict):
    """One line or service: who it is for, how to reach it, when, and where that was read."""

    id: Slug
    name: str = Field(min_length=3)
    kind: SupportKind
    for_whom: str = Field(min_length=3)
    region: str = Field(default="", description="Where in the country, when not everywhere")
    phone: str | None = Field(default=None, pattern=r"^[0-9][0-9 -]{1,20}[0-9]$")
    text: str | None = Field(default=None, pattern=r"^[0-9][0-9 -]{1,20}[0-9]$")
    web: HttpUrl | None = None
    hours: str = Field(min_length=3)
    source: Slug
    also_sources: list[Slug] = Field(
        default_factory=list, description="Further pages a detail of the wording rests on (who may call, languages)"
    )
    primary_source: bool = Field(description="The organisation's own page or a government page")
    confidence: Confidence
    verified_on: date
    note: str = ""

    @model_validator(mode="after")
    def _reachable_and_sourced(self) -> SupportResource:
        if self.phone is None and self.text is None and self.web is None:
            raise ValueError("give at least one of phone, text or web")
        if (self.phone or self.text) and not self.primary_source:
            raise ValueError("a phone or text number needs a primary source (the organisation's or a government page)")
        if (self.phone or self.text) and self.confidence == "low":
            raise ValueError("a number of low confidence is not shown: leave it out and say so in note")
        return self


class SupportFile(_Strict):
    """A support/*.yaml file: one country's resources."""

    country: CountryCode
    country_name: str = Field(min_length=3)
    resources: list[SupportResource] = Field(min_length=1)


class MeasureValidation(Sourced):
    """A published validation of a measure, in one sentence with its figures."""

    summary: str = Field(min_length=10)


class MeasureLicence(_Strict):
    """What is known about the right to ship a measure's wording."""

    status: Literal["open", "uncertain", "licensed"]
    note: str = Field(min_length=10)


class WellbeingMeasure(_Strict):
    """A single self-check question with its five published answers, its source, validation and cut-off."""

    id: Slug
    name: str = Field(min_length=3)
    question: str = Field(min_length=10)
    answers: dict[int, str]
    wording: Sourced
    validation: list[MeasureValidation] = Field(min_length=1)
    concern_from: int = Field(description="The answer from which the published studies count burnout")
    concern_source: Sourced
    licence: MeasureLicence
    note: str = ""

    @field_validator("answers")
    @classmethod
    def _one_to_five(cls, answers: dict[int, str]) -> dict[int, str]:
        if sorted(answers) != list(range(LOWEST_ANSWER, HIGHEST_ANSWER + 1)):
            raise ValueError(f"the answers are numbered {LOWEST_ANSWER} to {HIGHEST_ANSWER}, each once")
        return answers

    @model_validator(mode="after")
    def _cut_off_on_scale(self) -> WellbeingMeasure:
        if self.concern_from not in self.answers:
            raise ValueError(f"concern_from must be one of the answers, got {self.concern_from}")
        return self

    def citations(self) -> list[tuple[str, str]]:
        """(field path, source id) of every sourced fact."""
        cited = [("wording", self.wording.source), ("concern_source", self.concern_source.source)]
        return cited + [(f"validation[{n}]", item.source) for n, item in enumerate(self.validation, start=1)]


class MeasureFile(_Strict):
    """A wellbeing/*.yaml file: one measure."""

    measure: WellbeingMeasure
