"""The shape of application-format data (data/applications/*.yaml): AMCAS Work/Activities and ERAS Experiences.

Every limit carries its source, its confidence and the season it was confirmed for; a later season the
file also covers is listed with where that reading comes from. Nothing here imports Django.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from medpath.catalog.schema import Confidence, Slug, Sourced, _Strict


class Limit(Sourced):
    """A number the application enforces, and the season a source confirmed it for."""

    value: int = Field(ge=0, le=100_000)
    confirmed_season: int = Field(ge=2000, le=2100)


class Choice(_Strict):
    """One value of a drop-down the application offers."""

    id: Slug
    name: str = Field(min_length=2)
    single_date: bool = Field(default=False, description="Asks for one date, not a range (AMCAS awards, posters…)")
    zero_hours: bool = Field(default=False, description="May be entered with 0 hours (AMCAS)")


class Vocabulary(Sourced):
    """A list of values (experience types, frequencies…), the season it was read for and whether it is complete."""

    confirmed_season: int = Field(ge=2000, le=2100)
    complete: bool = Field(description="false: the list is known only in part; MedPath offers it but accepts other text")
    items: list[Choice] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> Vocabulary:
        ids = [item.id for item in self.items]
        if len(ids) != len(set(ids)):
            raise ValueError("item ids must be unique")
        return self


class Counting(Sourced):
    """How MedPath counts characters for this application (what the application itself counts may be unstated)."""

    method: Literal["characters-including-spaces"]
    line_break: int = Field(ge=1, le=2, description="How many characters one line break counts as")


class LaterSeason(Sourced):
    """A season after the confirmed one that the same figures are assumed to hold for, and why."""

    season: int = Field(ge=2000, le=2100)


class Unknown(_Strict):
    """Something the application asks that no source confirmed; MedPath does not enforce it."""

    field: str = Field(min_length=2)
    note: str = Field(min_length=10)


class FormatLimits(_Strict):
    """The figures of one application format."""

    max_entries: Limit
    description_chars: Limit
    most_meaningful_max: Limit
    most_meaningful_chars: Limit
    most_meaningful_required_from: Limit | None = Field(
        default=None, description="With this many entries or more, at least one must be marked most meaningful"
    )
    max_date_ranges: Limit


class ApplicationFormat(_Strict):
    """An application's experiences section: limits, vocabularies, how MedPath counts and maps."""

    id: Literal["amcas", "eras"]
    name: str = Field(min_length=3)
    section: str = Field(min_length=3)
    last_verified: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    limits: FormatLimits
    later_seasons: list[LaterSeason] = Field(default_factory=list)
    counting: Counting
    hours_exported: bool = Field(description="false: the application asks no hours; MedPath keeps them but does not export")
    experience_types: Vocabulary
    frequencies: Vocabulary | None = None
    settings: Vocabulary | None = None
    focus_areas: Vocabulary | None = None
    key_characteristics: Vocabulary | None = None
    unknowns: list[Unknown] = Field(default_factory=list)
    default_mapping: dict[str, Slug] = Field(
        description="A MedPath record (experience.<kind>, event.<role>, membership) to the default experience type"
    )

    @model_validator(mode="after")
    def _mapping_targets_exist(self) -> ApplicationFormat:
        known = {item.id for item in self.experience_types.items}
        for record, target in self.default_mapping.items():
            if target not in known:
                raise ValueError(f"default_mapping {record!r} names an unknown experience type {target!r}")
        return self

    def type_ids(self) -> set[str]:
        """The ids of the experience types."""
        return {item.id for item in self.experience_types.items}

    def type_name(self, type_id: str) -> str:
        """An experience type's name as the application writes it (the id itself when unknown)."""
        return next((item.name for item in self.experience_types.items if item.id == type_id), type_id)

    def citations(self) -> list[tuple[str, str]]:
        """(field path, source id) of every sourced part."""
        cited = [
            (f"limits.{name}.source", limit.source)
            for name in type(self.limits).model_fields
            if (limit := getattr(self.limits, name)) is not None
        ]
        cited += [(f"later_seasons[{later.season}].source", later.source) for later in self.later_seasons]
        cited.append(("counting.source", self.counting.source))
        for name in ("experience_types", "frequencies", "settings", "focus_areas", "key_characteristics"):
            vocabulary = getattr(self, name)
            if vocabulary is not None:
                cited.append((f"{name}.source", vocabulary.source))
        return cited


class ApplicationFile(_Strict):
    """An applications/*.yaml file."""

    application_format: ApplicationFormat


__all__ = ["ApplicationFile", "ApplicationFormat", "Confidence"]
