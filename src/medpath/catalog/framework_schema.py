"""The shape of competency frameworks (data/frameworks/*.yaml): ACGME, CanMEDS, QSEN and MedPath's own set.

A framework names its competencies (and subcompetencies, through ``parent``) and, where it has them,
its numbered levels. Descriptor text is bundled only where its licence allows; elsewhere a person or
program imports their own later. Nothing here imports Django.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field, field_validator, model_validator

from medpath.catalog.schema import Confidence, Slug, _Strict

LOWEST_LEVEL = 1
HIGHEST_LEVEL = 5

# What the shipped file may hold:
#   names_only        competency names; no levels or descriptor text (CanMEDS, QSEN)
#   names_and_levels  names and numbered levels with short labels in our words; descriptor text is under licence (ACGME)
#   own_wording       MedPath's own set, written by us: no external claim, so no source
Bundled = Literal["names_only", "names_and_levels", "own_wording"]


class Licence(_Strict):
    """What of a framework may be bundled, and why, with the source of the licence terms where there is one."""

    bundled: Bundled
    note: str = Field(min_length=10)
    source: Slug | None = None


class FrameworkLevel(_Strict):
    """A numbered level (1-5) with a short label in our words and the source for what it means."""

    number: int
    label: str = Field(min_length=3)
    graduation_target: bool = False
    source: Slug
    confidence: Confidence
    note: str = ""

    @field_validator("number")
    @classmethod
    def _one_to_five(cls, number: int) -> int:
        if not LOWEST_LEVEL <= number <= HIGHEST_LEVEL:
            raise ValueError(f"a level is numbered {LOWEST_LEVEL} to {HIGHEST_LEVEL}; got {number}")
        return number


class Competency(_Strict):
    """A competency or, with ``parent``, a subcompetency; descriptors per level only where the licence allows."""

    id: Slug
    name: str = Field(min_length=2)
    parent: Slug | None = None
    descriptors: dict[int, str] = Field(default_factory=dict)
    note: str = ""


class Framework(_Strict):
    """A named competency framework with its issuer, version, source and licence."""

    id: Slug
    name: str = Field(min_length=3)
    issuer: str = Field(min_length=3)
    version: str = Field(min_length=1, description="The edition or year, e.g. 2015 or Milestones 2.0")
    source: Slug | None = None
    confidence: Confidence | None = None
    licence: Licence
    levels: list[FrameworkLevel] = Field(default_factory=list)
    competencies: list[Competency] = Field(min_length=1)
    note: str = ""

    @model_validator(mode="after")
    def _sourced_unless_own(self) -> Framework:
        if self.licence.bundled == "own_wording" and (self.source is not None or self.confidence is not None):
            raise ValueError("MedPath's own wording makes no external claim: leave out source and confidence")
        if self.licence.bundled != "own_wording" and (self.source is None or self.confidence is None):
            raise ValueError("a framework from an issuer needs a source and a confidence")
        return self

    def competency_ids(self) -> list[str]:
        """Every competency id, in file order."""
        return [competency.id for competency in self.competencies]

    def top_level(self) -> list[Competency]:
        """The competencies without a parent."""
        return [competency for competency in self.competencies if competency.parent is None]

    def children(self, competency_id: str) -> list[Competency]:
        """The subcompetencies directly under ``competency_id``."""
        return [competency for competency in self.competencies if competency.parent == competency_id]

    def graduation_target(self) -> FrameworkLevel | None:
        """The level marked as the graduation target, if the framework has one."""
        return next((level for level in self.levels if level.graduation_target), None)


class FrameworkFile(_Strict):
    """A frameworks/*.yaml file: one framework."""

    framework: Framework


def framework_problems(framework: Framework) -> Iterator[tuple[str, str]]:
    """(field path, message) for each rule a framework breaks across its fields; the loader reports the first.

    Kept apart from the model so that the loader (and a later import of a person's own descriptors) can
    name the exact field: duplicate ids, unknown or circular parents, duplicate levels, more than one
    graduation target, descriptors for undefined levels or where the licence keeps descriptor text out.
    """
    numbers = [level.number for level in framework.levels]
    if numbers and framework.licence.bundled == "names_only":
        yield "levels", "licence.bundled is names_only: this framework ships no levels"
    for position, number in enumerate(numbers):
        if number in numbers[:position]:
            yield f"levels[{number}].number", f"level {number} is defined twice"
    targets = [level.number for level in framework.levels if level.graduation_target]
    if len(targets) > 1:
        yield "levels", f"only one level can be the graduation target (found {', '.join(map(str, targets))})"
    ids = framework.competency_ids()
    parents = {competency.id: competency.parent for competency in framework.competencies}
    for position, competency in enumerate(framework.competencies):
        where = f"competencies[{competency.id}]"
        if competency.id in ids[:position]:
            yield f"{where}.id", f"duplicate competency id {competency.id!r} in this framework"
        if competency.parent is not None and competency.parent not in ids:
            yield f"{where}.parent", f"unknown parent {competency.parent!r} (no competency has this id)"
        seen, cursor = {competency.id}, competency.parent
        while cursor is not None and cursor in parents:
            if cursor in seen:
                yield f"{where}.parent", f"{competency.id!r} is its own ancestor (through {cursor!r})"
                break
            seen.add(cursor)
            cursor = parents[cursor]
        for level in sorted(competency.descriptors):
            if level not in numbers:
                defined = ", ".join(map(str, sorted(numbers))) or "none"
                yield (
                    f"{where}.descriptors[{level}]",
                    f"a descriptor for level {level}, which this framework does not define (levels: {defined})",
                )
        if competency.descriptors and framework.licence.bundled != "own_wording":
            yield (
                f"{where}.descriptors",
                f"descriptor text is under licence for this framework (licence.bundled: {framework.licence.bundled}); "
                "it is imported by a person or program, not shipped",
            )


def framework_citations(framework: Framework) -> list[tuple[str, str]]:
    """(field path, source id) of every sourced part of a framework."""
    cited = [("source", framework.source)] if framework.source else []
    if framework.licence.source:
        cited.append(("licence.source", framework.licence.source))
    cited += [(f"levels[{level.number}].source", level.source) for level in framework.levels]
    return cited


# The scale a person rates themselves on when a framework defines no levels of its own (CanMEDS, QSEN, MedPath's
# set). MedPath's own wording for its own self-rating scale: it claims nothing about any framework.
GENERIC_SELF_RATING_LEVELS: dict[int, str] = {
    1: "Just starting: I need guidance most of the time",
    2: "Developing: I manage with some guidance",
    3: "Capable: I manage on my own in usual situations",
    4: "Proficient: I manage well, also in hard situations",
    5: "A model for others: I help others learn this",
}


def self_rating_levels(framework: Framework) -> dict[int, str]:
    """The levels a person rates themselves on against ``framework``: its own, or MedPath's generic scale."""
    if framework.levels:
        return {level.number: level.label for level in sorted(framework.levels, key=lambda level: level.number)}
    return dict(GENERIC_SELF_RATING_LEVELS)


class InstrumentItem(_Strict):
    """One statement a rater scores 1-5 (or "cannot assess"), mapped to the competencies it speaks to in each
    framework (by framework id; a framework may have no competency for an item)."""

    id: Slug
    text: str = Field(min_length=10, max_length=200)
    competencies: dict[Slug, list[Slug]] = Field(default_factory=dict)


class FeedbackInstrument(_Strict):
    """A short multi-source feedback form: statements on a 1-5 scale with "cannot assess", and free comments."""

    id: Slug
    name: str = Field(min_length=3)
    version: str = Field(min_length=1)
    scale: dict[int, str]
    items: list[InstrumentItem] = Field(min_length=1, max_length=20)
    comment_prompts: list[str] = Field(min_length=1, max_length=3)
    licence: Licence
    note: str = ""

    @model_validator(mode="after")
    def _scale_one_to_five(self) -> FeedbackInstrument:
        if sorted(self.scale) != list(range(LOWEST_LEVEL, HIGHEST_LEVEL + 1)):
            raise ValueError(f"the scale names each point {LOWEST_LEVEL} to {HIGHEST_LEVEL} once")
        ids = [item.id for item in self.items]
        duplicates = sorted({item_id for item_id in ids if ids.count(item_id) > 1})
        if duplicates:
            raise ValueError(f"duplicate item id(s): {', '.join(duplicates)}")
        return self

    def item(self, item_id: str) -> InstrumentItem:
        """The item with this id (KeyError when there is none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)


class InstrumentFile(_Strict):
    """An instruments/*.yaml file: one feedback instrument."""

    instrument: FeedbackInstrument


def instrument_problems(instrument: FeedbackInstrument, frameworks: dict[str, Framework]) -> Iterator[tuple[str, str]]:
    """(field path, message) for each item mapped to a framework or competency the catalog does not have."""
    for item in instrument.items:
        for framework_id, competency_ids in item.competencies.items():
            framework = frameworks.get(framework_id)
            if framework is None:
                yield f"items[{item.id}].competencies", f"unknown framework {framework_id!r}"
                continue
            known = set(framework.competency_ids())
            for competency_id in competency_ids:
                if competency_id not in known:
                    yield (
                        f"items[{item.id}].competencies[{framework_id}]",
                        f"{framework_id} has no competency {competency_id!r}",
                    )
