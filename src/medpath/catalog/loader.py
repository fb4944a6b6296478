"""Loading and checking the catalog: a bad file stops start-up naming file, entry and field."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from medpath.catalog.application_schema import ApplicationFile, ApplicationFormat
from medpath.catalog.experience_schema import CaseMinimums, CaseMinimumsFile, HourTarget, HourTargetFile
from medpath.catalog.framework_schema import (
    FeedbackInstrument,
    Framework,
    FrameworkFile,
    InstrumentFile,
    framework_citations,
    framework_problems,
    instrument_problems,
)
from medpath.catalog.match_schema import MatchFacts, MatchFile
from medpath.catalog.requirement_schema import RequirementFile, RequirementSetSpec, Vocabulary
from medpath.catalog.schema import Career, CareerFile, Source, Sourced, SourceFile
from medpath.catalog.wellbeing_schema import SUPPORT_KIND_ORDER, MeasureFile, SupportFile, WellbeingMeasure
from medpath.catalog.workhour_schema import WorkHourFile, WorkHourRules

DATA_DIR = Path(__file__).resolve().parent / "data"


class CatalogError(ValueError):
    """A catalog document that does not follow the schema; says where."""

    def __init__(self, file: str, entry: str, field_path: str, message: str) -> None:
        self.file, self.entry, self.field_path, self.message = file, entry, field_path, message
        where = ", ".join(
            part for part in (file, f"entry {entry}" if entry else "", f"field {field_path}" if field_path else "") if part
        )
        super().__init__(f"{where}: {message}")


class UnknownCareerError(LookupError):
    """No career has this id; suggests the nearest ids."""

    def __init__(self, career_id: str, suggestions: list[str]) -> None:
        hint = f" Did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"No career has the id {career_id!r}.{hint}")
        self.career_id = career_id
        self.suggestions = suggestions


@dataclass(frozen=True)
class Catalog:
    """The careers and the sources their facts cite."""

    careers: dict[str, Career]
    sources: dict[str, Source]
    files: tuple[str, ...] = field(default=())
    requirement_sets: dict[str, RequirementSetSpec] = field(default_factory=dict)
    vocabulary: Vocabulary | None = None
    workhour_rules: dict[str, WorkHourRules] = field(default_factory=dict)
    hour_targets: dict[str, HourTarget] = field(default_factory=dict)
    case_minimums: dict[str, CaseMinimums] = field(default_factory=dict)
    frameworks: dict[str, Framework] = field(default_factory=dict)
    instruments: dict[str, FeedbackInstrument] = field(default_factory=dict)
    support: dict[str, SupportFile] = field(default_factory=dict)
    wellbeing_measures: dict[str, WellbeingMeasure] = field(default_factory=dict)
    application_formats: dict[str, ApplicationFormat] = field(default_factory=dict)
    match_facts: MatchFacts | None = None

    def career(self, career_id: str) -> Career:
        """The career with this id, or UnknownCareerError with suggestions."""
        try:
            return self.careers[career_id]
        except KeyError:
            raise UnknownCareerError(career_id, difflib.get_close_matches(career_id, list(self.careers), n=3)) from None

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        return self.sources[source_id]

    def with_careers(self, extra: Iterable[Career], extra_sources: Iterable[Source] = ()) -> Catalog:
        """This catalog plus a user's private careers and the sources they cite (a shipped id always wins)."""
        careers = {career.id: career for career in extra}
        careers.update(self.careers)
        sources = dict(self.sources)
        sources.update({source.id: source for source in extra_sources})
        return replace(self, careers=careers, sources=sources)


def _read_yaml(path: Path, label: str) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else ""
        raise CatalogError(label, "", line, f"not valid YAML: {getattr(error, 'problem', error)}") from None


def _entry_and_field(raw: Any, loc: tuple[Any, ...]) -> tuple[str, str]:
    """Turn a pydantic location like ('careers', 2, 'stages', 1, 'duration') into ids a person reads."""
    entry = ""
    parts: list[str] = []
    node = raw
    index = 0
    while index < len(loc):
        key = loc[index]
        if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
            item = node[key]
            ident = item.get("id") if isinstance(item, dict) else None
            label = str(ident) if ident else f"#{key + 1}"
            if not entry and parts and parts[-1] in {"careers", "sources", "hour_targets", "categories"}:
                entry = label
                parts.pop()
            else:
                parts[-1:] = [f"{parts[-1]}[{label}]"] if parts else [label]
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
        index += 1
    return entry, ".".join(parts)


def parse_document(raw: Any, model: type[BaseModel], label: str) -> Any:
    """Validate one parsed YAML document against ``model``; CatalogError naming the first problems."""
    if not isinstance(raw, dict):
        raise CatalogError(label, "", "", f"expected a mapping at the top, found {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        entry, field_path = _entry_and_field(raw, tuple(first["loc"]))
        message = first["msg"].removeprefix("Value error, ")
        more = len(error.errors()) - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''} in this file)"
        raise CatalogError(label, entry, field_path, message) from None


def _facts(model: BaseModel, trail: str = "") -> Iterator[tuple[str, Sourced]]:
    """Every sourced fact inside a model, with its path."""
    if isinstance(model, Sourced):
        yield trail, model
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for position, item in enumerate(items):
            if isinstance(item, BaseModel):
                ident = getattr(item, "id", None) or getattr(item, "name", None) or position + 1
                where = f"{trail}.{name}" if not isinstance(value, list) else f"{trail}.{name}[{ident}]"
                yield from _facts(item, where.lstrip("."))


def citations(career: Career) -> list[tuple[str, str]]:
    """(field path, source id) of every sourced fact in a career, prerequisite offsets and calendar starts included."""
    cited = [(path, fact.source) for path, fact in _facts(career)]
    for stage in career.stages:
        cited += [(f"stages[{stage.id}].requires[{p.stage}]", p.source) for p in stage.requires if p.source]
        if stage.starts is not None and stage.starts.source:
            cited.append((f"stages[{stage.id}].starts", stage.starts.source))
    return cited


def check_sources(careers: Iterable[Career], sources: dict[str, Source], label: str) -> None:
    """Every fact must cite a source that exists in the registry."""
    for career in careers:
        for path, source_id in citations(career):
            if source_id not in sources:
                raise CatalogError(
                    label, career.id, f"{path}.source", f"unknown source {source_id!r} (add it to a file in sources/)"
                )


def load_catalog(directory: Path = DATA_DIR) -> Catalog:
    """Read sources/, careers/, requirements/, workhours/, experience/, procedures/ and frameworks/, check them,
    and return the catalog."""
    sources: dict[str, Source] = {}
    source_origin: dict[str, str] = {}
    for source_file in sorted((directory / "sources").glob("*.yaml")):
        label = f"sources/{source_file.name}"
        source_doc: SourceFile = parse_document(_read_yaml(source_file, label), SourceFile, label)
        for source in source_doc.sources:
            if source.id in sources:
                raise CatalogError(label, source.id, "id", f"duplicate source id (also in {source_origin[source.id]})")
            sources[source.id] = source
            source_origin[source.id] = label
    careers: dict[str, Career] = {}
    origin: dict[str, str] = {}
    files = []
    for path in sorted((directory / "careers").glob("*.yaml")):
        label = f"careers/{path.name}"
        files.append(label)
        document: CareerFile = parse_document(_read_yaml(path, label), CareerFile, label)
        check_sources(document.careers, sources, label)
        for career in document.careers:
            if career.id in careers:
                raise CatalogError(label, career.id, "id", f"duplicate career id (also in {origin[career.id]})")
            careers[career.id] = career
            origin[career.id] = label
    for career in careers.values():
        for related in career.related:
            if related not in careers:
                raise CatalogError(origin[career.id], career.id, "related", f"unknown career {related!r}")
    vocabulary_file = directory / "vocabulary.yaml"
    vocabulary: Vocabulary = (
        parse_document(_read_yaml(vocabulary_file, "vocabulary.yaml"), Vocabulary, "vocabulary.yaml")
        if vocabulary_file.exists()
        else Vocabulary(credit_types=[], topics=[], formats=[])
    )
    requirement_sets: dict[str, RequirementSetSpec] = {}
    for path in sorted((directory / "requirements").glob("*.yaml")):
        label = f"requirements/{path.name}"
        files.append(label)
        rules_doc: RequirementFile = parse_document(_read_yaml(path, label), RequirementFile, label)
        for spec in rules_doc.requirement_sets:
            if spec.id in requirement_sets:
                raise CatalogError(label, spec.id, "id", "duplicate requirement set id")
            check_requirement_sources(spec, sources, label)
            check_vocabulary(spec, vocabulary, label)
            for career_id in spec.careers:
                if career_id not in careers:
                    raise CatalogError(label, spec.id, "careers", f"unknown career {career_id!r}")
            requirement_sets[spec.id] = spec
    workhour_rules: dict[str, WorkHourRules] = {}
    for path in sorted((directory / "workhours").glob("*.yaml")):
        label = f"workhours/{path.name}"
        files.append(label)
        rules: WorkHourRules = parse_document(_read_yaml(path, label), WorkHourFile, label).workhour_rules
        for where, source_id in (("source", rules.source), ("leave_handling.source", rules.leave_handling.source)):
            if source_id not in sources:
                raise CatalogError(label, rules.id, where, f"unknown source {source_id!r}")
        workhour_rules[rules.id] = rules
    hour_targets = _load_hour_targets(directory, sources, careers, files)
    case_minimums: dict[str, CaseMinimums] = {}
    for path in sorted((directory / "procedures").glob("*.yaml")):
        label = f"procedures/{path.name}"
        files.append(label)
        minimums: CaseMinimums = parse_document(_read_yaml(path, label), CaseMinimumsFile, label).case_minimums
        if minimums.source not in sources:
            raise CatalogError(label, minimums.id, "source", f"unknown source {minimums.source!r}")
        if minimums.id in case_minimums:
            raise CatalogError(label, minimums.id, "id", "duplicate case-minimum set id")
        case_minimums[minimums.id] = minimums
    frameworks = _load_frameworks(directory, sources, files)
    instruments = _load_instruments(directory, frameworks, files)
    support = _load_support(directory, sources, files)
    wellbeing_measures = _load_measures(directory, sources, files)
    application_formats = _load_application_formats(directory, sources, files)
    match_facts = _load_match_facts(directory, sources, files)
    return Catalog(
        careers=careers,
        sources=sources,
        files=tuple(files),
        requirement_sets=requirement_sets,
        vocabulary=vocabulary,
        workhour_rules=workhour_rules,
        hour_targets=hour_targets,
        case_minimums=case_minimums,
        frameworks=frameworks,
        instruments=instruments,
        support=support,
        wellbeing_measures=wellbeing_measures,
        application_formats=application_formats,
        match_facts=match_facts,
    )


def _load_hour_targets(
    directory: Path, sources: dict[str, Source], careers: dict[str, Career], files: list[str]
) -> dict[str, HourTarget]:
    targets: dict[str, HourTarget] = {}
    for path in sorted((directory / "experience").glob("*.yaml")):
        label = f"experience/{path.name}"
        files.append(label)
        document: HourTargetFile = parse_document(_read_yaml(path, label), HourTargetFile, label)
        for target in document.hour_targets:
            if target.id in targets:
                raise CatalogError(label, target.id, "id", "duplicate hour-target id")
            if target.source not in sources:
                raise CatalogError(label, target.id, "source", f"unknown source {target.source!r}")
            for career_id in target.careers:
                if career_id not in careers:
                    raise CatalogError(label, target.id, "careers", f"unknown career {career_id!r}")
            targets[target.id] = target
    return targets


def _load_frameworks(directory: Path, sources: dict[str, Source], files: list[str]) -> dict[str, Framework]:
    """Competency frameworks, one per frameworks/*.yaml: schema, cross-field rules, then cited sources."""
    frameworks: dict[str, Framework] = {}
    origin: dict[str, str] = {}
    for path in sorted((directory / "frameworks").glob("*.yaml")):
        label = f"frameworks/{path.name}"
        files.append(label)
        framework: Framework = parse_document(_read_yaml(path, label), FrameworkFile, label).framework
        check_framework(framework, sources, label)
        if framework.id in frameworks:
            raise CatalogError(label, framework.id, "id", f"duplicate framework id (also in {origin[framework.id]})")
        frameworks[framework.id] = framework
        origin[framework.id] = label
    return frameworks


def _load_instruments(directory: Path, frameworks: dict[str, Framework], files: list[str]) -> dict[str, FeedbackInstrument]:
    """Feedback instruments, one per instruments/*.yaml; every item maps to competencies the frameworks have."""
    instruments: dict[str, FeedbackInstrument] = {}
    for path in sorted((directory / "instruments").glob("*.yaml")):
        label = f"instruments/{path.name}"
        files.append(label)
        instrument: FeedbackInstrument = parse_document(_read_yaml(path, label), InstrumentFile, label).instrument
        for field_path, message in instrument_problems(instrument, frameworks):
            raise CatalogError(label, instrument.id, field_path, message)
        if instrument.id in instruments:
            raise CatalogError(label, instrument.id, "id", "duplicate instrument id")
        instruments[instrument.id] = instrument
    return instruments


def _load_support(directory: Path, sources: dict[str, Source], files: list[str]) -> dict[str, SupportFile]:
    """Support resources, one country per support/*.yaml, crisis lines first; every source must exist."""
    countries: dict[str, SupportFile] = {}
    seen: set[str] = set()
    for path in sorted((directory / "support").glob("*.yaml")):
        label = f"support/{path.name}"
        files.append(label)
        document: SupportFile = parse_document(_read_yaml(path, label), SupportFile, label)
        if document.country in countries:
            raise CatalogError(label, document.country, "country", "a second file for this country")
        for resource in document.resources:
            if resource.id in seen:
                raise CatalogError(label, resource.id, "id", "duplicate support resource id")
            seen.add(resource.id)
            for where, source_id in [("source", resource.source)] + [("also_sources", s) for s in resource.also_sources]:
                if source_id not in sources:
                    raise CatalogError(label, resource.id, where, f"unknown source {source_id!r} (add it to a file in sources/)")
        ordered = sorted(document.resources, key=lambda resource: SUPPORT_KIND_ORDER[resource.kind])
        countries[document.country] = document.model_copy(update={"resources": ordered})
    return countries


def _load_measures(directory: Path, sources: dict[str, Source], files: list[str]) -> dict[str, WellbeingMeasure]:
    """Self-check measures of the check-in, one per wellbeing/*.yaml, each fact citing a known source."""
    measures: dict[str, WellbeingMeasure] = {}
    for path in sorted((directory / "wellbeing").glob("*.yaml")):
        label = f"wellbeing/{path.name}"
        files.append(label)
        measure: WellbeingMeasure = parse_document(_read_yaml(path, label), MeasureFile, label).measure
        for field_path, source_id in measure.citations():
            if source_id not in sources:
                raise CatalogError(label, measure.id, f"{field_path}.source", f"unknown source {source_id!r}")
        if measure.id in measures:
            raise CatalogError(label, measure.id, "id", "duplicate measure id")
        measures[measure.id] = measure
    return measures


def _load_application_formats(directory: Path, sources: dict[str, Source], files: list[str]) -> dict[str, ApplicationFormat]:
    """Application formats (AMCAS, ERAS), one per applications/*.yaml, every figure citing a known source."""
    formats: dict[str, ApplicationFormat] = {}
    for path in sorted((directory / "applications").glob("*.yaml")):
        label = f"applications/{path.name}"
        files.append(label)
        found: ApplicationFormat = parse_document(_read_yaml(path, label), ApplicationFile, label).application_format
        for field_path, source_id in found.citations():
            if source_id not in sources:
                raise CatalogError(label, found.id, field_path, f"unknown source {source_id!r} (add it to a file in sources/)")
        if found.id in formats:
            raise CatalogError(label, found.id, "id", "a second file for this application format")
        formats[found.id] = found
    return formats


def _load_match_facts(directory: Path, sources: dict[str, Source], files: list[str]) -> MatchFacts | None:
    """The Match's facts (match/*.yaml, at most one file), every quote and figure citing a known source."""
    found: MatchFacts | None = None
    for path in sorted((directory / "match").glob("*.yaml")):
        label = f"match/{path.name}"
        files.append(label)
        facts: MatchFacts = parse_document(_read_yaml(path, label), MatchFile, label).match_facts
        for field_path, source_id in facts.citations():
            if source_id not in sources:
                raise CatalogError(label, facts.id, field_path, f"unknown source {source_id!r} (add it to a file in sources/)")
        if found is not None:
            raise CatalogError(label, facts.id, "id", "a second file of Match facts")
        found = facts
    return found


def check_framework(framework: Framework, sources: dict[str, Source], label: str) -> None:
    """A framework's cross-field rules and its citations; CatalogError naming the first problem's field."""
    for field_path, message in framework_problems(framework):
        raise CatalogError(label, framework.id, field_path, message)
    for field_path, source_id in framework_citations(framework):
        if source_id not in sources:
            raise CatalogError(label, framework.id, field_path, f"unknown source {source_id!r} (add it to a file in sources/)")


def check_vocabulary(spec: RequirementSetSpec, vocabulary: Vocabulary, label: str) -> None:
    """Rules may only name credit types, topics and formats the vocabulary defines."""
    known = {"credit_types": vocabulary.credit_type_ids(), "topics": vocabulary.topic_ids(), "formats": vocabulary.format_ids()}
    used: list[tuple[str, str, str]] = [("unit", "credit_types", spec.unit)]
    used += [("accepted_types", "credit_types", value) for value in spec.accepted_types]
    for conversion in spec.conversions:
        used += [("conversions", "credit_types", conversion.from_type), ("conversions", "credit_types", conversion.to_type)]
    for rule in spec.rules:
        used += [(f"rules[{rule.id}].credit_types", "credit_types", v) for v in rule.credit_types]
        used += [(f"rules[{rule.id}].topics", "topics", v) for v in rule.topics]
        used += [(f"rules[{rule.id}].formats", "formats", v) for v in [*rule.formats, *rule.exclude_formats]]
    for multiplier in spec.multipliers:
        used += [("multipliers", "topics", v) for v in multiplier.topics] + [
            ("multipliers", "formats", v) for v in multiplier.formats
        ]
    for path, kind, value in used:
        if value not in known[kind]:
            raise CatalogError(label, spec.id, path, f"{value!r} is not in vocabulary.yaml {kind}")


def requirement_citations(spec: RequirementSetSpec) -> list[tuple[str, str]]:
    """(field path, source id) of every sourced part of a requirement set."""
    cited = [("source", spec.source)]
    cited += [(f"rules[{rule.id}].source", rule.source) for rule in spec.rules if rule.source]
    cited += [(f"conversions[{c.from_type}].source", c.source) for c in spec.conversions]
    cited += [(f"multipliers[{i + 1}].source", m.source) for i, m in enumerate(spec.multipliers)]
    return cited


def check_requirement_sources(spec: RequirementSetSpec, sources: dict[str, Source], label: str) -> None:
    """Every sourced part of a requirement set cites a registered source."""
    for path, source_id in requirement_citations(spec):
        if source_id not in sources:
            raise CatalogError(label, spec.id, path, f"unknown source {source_id!r} (add it to a file in sources/)")


@cache
def catalog() -> Catalog:
    """The shipped catalog, loaded once per process."""
    return load_catalog()


MAX_IMPORT_CAREERS = 20
MAX_IMPORT_STAGES = 100
MAX_IMPORT_BYTES = 256 * 1024  # a person's own YAML file (careers, rule sets); the catalog's largest is under 40 KB


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader refusing aliases (``*name``): a few of them can multiply a small file a million-fold
    before any check runs, and a person's own file never needs them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(problem="aliases (*name) are not accepted; write each entry out", problem_mark=mark)
        return super().compose_node(parent, index)


def read_user_yaml(text: str, label: str) -> Any:
    """A person's YAML document, bounded: at most MAX_IMPORT_BYTES, no aliases. CatalogError says what is wrong."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_IMPORT_BYTES:
        raise CatalogError(label, "", "", f"the file is larger than {MAX_IMPORT_BYTES // 1024} KB")
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f"line {mark.line + 1}" if mark else ""
        problem = error.problem or "not valid YAML"
        raise CatalogError(label, "", where, problem if "alias" in problem else "not valid YAML") from None
    except yaml.YAMLError:
        raise CatalogError(label, "", "", "not valid YAML") from None


def check_counts(
    raw: dict[str, Any], label: str, *, items: str, most: int, parts: str, most_parts: int, noun: str, part_noun: str, per: str
) -> None:
    """Bound what one import may hold before validating it (YAML can be long, and every entry is validated):
    at most ``most`` entries under ``items``, each with at most ``most_parts`` under ``parts``."""
    entries = raw.get(items)
    if not isinstance(entries, list):
        return
    if len(entries) > most:
        raise CatalogError(label, "", items, f"at most {most} {noun} per import")
    for item in entries:
        found = item.get(parts) if isinstance(item, dict) else None
        if isinstance(found, list) and len(found) > most_parts:
            raise CatalogError(label, str(item.get("id", "")), parts, f"at most {most_parts} {part_noun} per {per}")


@dataclass(frozen=True)
class CustomCareers:
    """Careers a user imported, with the sources they brought along."""

    careers: list[Career]
    sources: list[Source]


def parse_custom_careers(text: str, *, sources: dict[str, Source], taken: set[str], label: str = "import") -> CustomCareers:
    """A user's YAML of private careers, checked against the same schema.

    The document may carry its own ``sources:`` (ids not already in the catalog);
    career ids may not clash with the catalog's or the user's other careers.
    """
    raw = read_user_yaml(text, label)
    if not isinstance(raw, dict):
        raise CatalogError(label, "", "", "expected a mapping with a careers: list")
    check_counts(
        raw, label, items="careers", most=MAX_IMPORT_CAREERS, parts="stages", most_parts=MAX_IMPORT_STAGES,
        noun="careers", part_noun="stages", per="career",
    )  # fmt: skip
    own_sources = raw.pop("sources", []) or []
    registry = dict(sources)
    brought: list[Source] = []
    if own_sources:
        parsed: SourceFile = parse_document({"sources": own_sources}, SourceFile, label)
        for source in parsed.sources:
            if source.id in registry:
                raise CatalogError(
                    label,
                    source.id,
                    "sources",
                    "this source id is already known (in the catalog or your careers); cite it, or choose another id",
                )
            registry[source.id] = source
            brought.append(source)
    document: CareerFile = parse_document(raw, CareerFile, label)
    check_sources(document.careers, registry, label)
    seen: set[str] = set()
    for career in document.careers:
        if career.id in taken or career.id in seen:
            raise CatalogError(label, career.id, "id", "this id is already used; choose another")
        seen.add(career.id)
    careers = [career.model_copy(update={"custom": True}) for career in document.careers]
    return CustomCareers(careers=careers, sources=brought)
