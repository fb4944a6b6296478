"""Frameworks and self-assessment: the framework a person works against, their ratings over time, and the level
descriptors they import from their own program's documents."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch

from medpath.accounts.models import User
from medpath.catalog.framework_schema import Framework, self_rating_levels
from medpath.catalog.loader import catalog
from medpath.privacy.forms import guard_texts
from medpath.rows import RowProblem, RowsRejected
from medpath.scoping import get_owned, lock_owner
from medpath.skills.models import Descriptor, FrameworkChoice, SelfAssessment, SelfRating
from medpath.usertime import user_today

# The framework offered first, by career stage: the one programs of that stage usually assess against.
DEFAULT_FRAMEWORK = {
    "resident": "acgme-core-competencies",
    "medical_student": "acgme-core-competencies",
    "physician": "acgme-core-competencies",
    "nursing_student": "qsen",
    "nurse": "qsen",
    "advanced_practice": "qsen",
}
FALLBACK_FRAMEWORK = "medpath-interpersonal"
MAX_DESCRIPTOR = 2000
MAX_DESCRIPTOR_FILE_ROWS = 2000


def framework_of(framework_id: str, field: str = "framework_id") -> Framework:
    """The catalog's framework with this id (ValidationError naming ``field`` when there is none)."""
    try:
        return catalog().frameworks[framework_id]
    except KeyError:
        known = ", ".join(sorted(catalog().frameworks))
        raise ValidationError({field: [f"There is no framework {framework_id!r}; choose one of {known}."]}) from None


def chosen_framework_id(user: User) -> str:
    """The framework the person chose, or the usual one for their career stage."""
    chosen = FrameworkChoice.objects.for_user(user).values_list("framework_id", flat=True).first()
    if chosen in catalog().frameworks:
        return str(chosen)
    default = DEFAULT_FRAMEWORK.get(getattr(user, "career_stage", ""), FALLBACK_FRAMEWORK)
    return default if default in catalog().frameworks else FALLBACK_FRAMEWORK


def framework_choose(*, user: User, framework_id: str) -> Framework:
    """Work against ``framework_id`` from now on (earlier assessments keep the framework they were made in)."""
    framework = framework_of(framework_id)
    with transaction.atomic():
        lock_owner(user)  # two choices at once would both delete, then both insert against the one-per-owner index
        FrameworkChoice.objects.for_user(user).delete()
        FrameworkChoice(owner=user, framework_id=framework.id).save()
    return framework


def rateable(framework: Framework) -> list[str]:
    """The competencies a person rates: subcompetencies where a competency has them, else the competency."""
    with_children = {competency.parent for competency in framework.competencies if competency.parent}
    return [competency.id for competency in framework.competencies if competency.id not in with_children]


def assessment_save(
    *,
    user: User,
    framework_id: str,
    ratings: Mapping[str, int | None],
    assessed_on: date | None = None,
    note: str = "",
    privacy_confirmed: bool = False,
) -> SelfAssessment:
    """Save (or replace) the self-assessment of ``assessed_on`` in ``framework_id``; all or nothing.

    ``ratings`` maps competency id to a level 1-5; a competency left out (or None) is not rated this time.
    """
    framework = framework_of(framework_id)
    today = user_today(user)
    assessed_on = assessed_on or today
    problems: dict[str, list[str]] = {}
    if assessed_on > today:
        problems["assessed_on"] = ["A self-assessment is of today or an earlier day."]
    known = set(rateable(framework))
    levels = self_rating_levels(framework)
    cleaned: dict[str, int] = {}
    for competency_id, level in ratings.items():
        if competency_id not in known:
            problems[f"rating_{competency_id}"] = [f"{framework.name} has no competency {competency_id!r} to rate."]
        elif level is None:
            continue
        elif isinstance(level, bool) or not isinstance(level, int) or level not in levels:
            problems[f"rating_{competency_id}"] = [f"Choose a level from {min(levels)} to {max(levels)}."]
        else:
            cleaned[competency_id] = level
    if not cleaned and not problems:
        problems["__all__"] = ["Rate at least one competency."]
    if len(note) > 2000:
        problems["note"] = ["At most 2,000 characters."]
    if problems:
        raise ValidationError(problems)
    guard_texts({"note": note.strip()}, confirmed=privacy_confirmed)
    with transaction.atomic():
        lock_owner(user)
        SelfAssessment.objects.for_user(user).filter(framework_id=framework.id, assessed_on=assessed_on).delete()
        assessment = SelfAssessment(owner=user, framework_id=framework.id, assessed_on=assessed_on, note=note.strip())
        assessment.save()
        SelfRating.objects.for_user(user).bulk_create(
            SelfRating(owner=user, assessment=assessment, competency_id=competency_id, level=level)
            for competency_id, level in cleaned.items()
        )
    return assessment


def assessment_delete(*, user: User, pk: int) -> None:
    """Delete one self-assessment of the user's."""
    get_owned(SelfAssessment, user, pk=pk).delete()


@dataclass(frozen=True)
class HistoryPoint:
    """One competency's level on one day."""

    assessed_on: date
    level: int


@dataclass(frozen=True)
class CompetencyHistory:
    """A competency's self-ratings over time, oldest first."""

    competency_id: str
    name: str
    points: list[HistoryPoint]

    @property
    def latest(self) -> int | None:
        """The most recent level, if any."""
        return self.points[-1].level if self.points else None


def history(user: User, framework: Framework) -> list[CompetencyHistory]:
    """Every rateable competency with its self-ratings, oldest first (one query)."""
    names = {competency.id: competency.name for competency in framework.competencies}
    rows = (
        SelfRating.objects.for_user(user)
        .filter(assessment__framework_id=framework.id)
        .order_by("assessment__assessed_on", "id")
        .values_list("competency_id", "assessment__assessed_on", "level")
    )
    points: dict[str, list[HistoryPoint]] = {competency_id: [] for competency_id in rateable(framework)}
    for competency_id, assessed_on, level in rows:
        if competency_id in points:
            points[competency_id].append(HistoryPoint(assessed_on, level))
    return [CompetencyHistory(cid, names.get(cid, cid), found) for cid, found in points.items()]


def assessments_with_ratings(user: User) -> list[SelfAssessment]:
    """Every self-assessment of the user's, newest first, each with its ratings (two queries)."""
    ratings = Prefetch("ratings", queryset=SelfRating.objects.for_user(user).order_by("id"))
    return list(SelfAssessment.objects.for_user(user).order_by("-assessed_on", "-id").prefetch_related(ratings))


def own_descriptors(user: User, framework_id: str) -> list[Descriptor]:
    """The descriptors the person set or imported for ``framework_id``, by competency and level."""
    return list(Descriptor.objects.for_user(user).filter(framework_id=framework_id).order_by("competency_id", "level"))


def descriptors_for(user: User, framework_id: str) -> dict[str, dict[int, str]]:
    """The person's own descriptors (and any the framework ships), by competency and level."""
    found: dict[str, dict[int, str]] = {}
    framework = catalog().frameworks.get(framework_id)
    if framework is not None:
        for competency in framework.competencies:
            if competency.descriptors:
                found[competency.id] = dict(competency.descriptors)
    for row in Descriptor.objects.for_user(user).filter(framework_id=framework_id):
        found.setdefault(row.competency_id, {})[row.level] = row.text
    return found


# --- Importing one's own descriptors -------------------------------------------------------------------------

DESCRIPTOR_COLUMNS = ("competency", "level", "descriptor")


def _descriptor_rows(text: str, kind: str) -> tuple[str | None, list[tuple[int, str, object, object]]]:
    """(framework id named in the file or None, [(line, competency, level, descriptor)]) from CSV or YAML text."""
    if kind == "yaml":
        try:
            document = yaml.compose(text)
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            raise RowsRejected([RowProblem(line, "file", f"not valid YAML: {getattr(error, 'problem', error)}")]) from None
        if not isinstance(data, dict) or not isinstance(data.get("descriptors"), list):
            raise RowsRejected([RowProblem(1, "file", "expected “framework:” and a list under “descriptors:”")])
        nodes = {}
        if document is not None:
            for key, value in document.value:
                if key.value == "descriptors":
                    nodes = {index: node.start_mark.line + 1 for index, node in enumerate(value.value)}
        rows: list[tuple[int, str, object, object]] = []
        for index, entry in enumerate(data["descriptors"]):
            line = nodes.get(index, 1)
            if not isinstance(entry, dict):
                rows.append((line, "", None, None))
                continue
            rows.append((line, str(entry.get("competency", "") or ""), entry.get("level"), entry.get("descriptor")))
        framework = data.get("framework")
        return (str(framework) if framework is not None else None), rows
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [column for column in DESCRIPTOR_COLUMNS if column not in header]
    if missing:
        raise RowsRejected(
            [RowProblem(1, "header", f"missing column(s): {', '.join(missing)} (need {', '.join(DESCRIPTOR_COLUMNS)})")]
        )
    reader.fieldnames = header
    rows = []
    for row in reader:
        line = reader.line_num  # the physical line where this row ended (a quoted cell may span lines)
        rows.append((line, (row.get("competency") or "").strip(), (row.get("level") or "").strip(), row.get("descriptor")))
    return None, rows


def descriptors_import(*, user: User, framework_id: str, text: str, kind: str) -> int:
    """Replace the person's descriptors for ``framework_id`` with those in a CSV or YAML file; all or nothing.

    Every bad row is reported with its line: an unknown competency, a level outside 1-5 (or not one the
    framework defines), an empty or over-long descriptor, the same competency and level twice.
    """
    framework = framework_of(framework_id)
    named, rows = _descriptor_rows(text, kind)
    problems: list[RowProblem] = []
    if named is not None and named != framework.id:
        problems.append(RowProblem(1, "framework", f"the file is for {named!r}, not {framework.id!r}"))
    known = set(framework.competency_ids())
    levels = set(self_rating_levels(framework))
    seen: dict[tuple[str, int], int] = {}
    cleaned: list[Descriptor] = []
    if len(rows) > MAX_DESCRIPTOR_FILE_ROWS:
        raise RowsRejected([RowProblem(1, "file", f"at most {MAX_DESCRIPTOR_FILE_ROWS:,} descriptors in one file")])
    for line, competency_id, raw_level, raw_text in rows:
        before = len(problems)
        if competency_id not in known:
            problems.append(RowProblem(line, "competency", f"{framework.name} has no competency {competency_id!r}"))
        try:
            level = int(str(raw_level).strip()) if not isinstance(raw_level, bool) else 0
        except ValueError:
            level = 0
        if level not in levels:
            problems.append(
                RowProblem(line, "level", f"a level is a whole number from {min(levels)} to {max(levels)}; got {raw_level!r}")
            )
        descriptor = str(raw_text).strip() if raw_text is not None else ""
        if not descriptor:
            problems.append(RowProblem(line, "descriptor", "empty: write what this level looks like"))
        elif len(descriptor) > MAX_DESCRIPTOR or "\x00" in descriptor:
            problems.append(RowProblem(line, "descriptor", f"at most {MAX_DESCRIPTOR:,} characters of text"))
        if len(problems) == before:
            key = (competency_id, level)
            if key in seen:
                problems.append(RowProblem(line, "level", f"{competency_id} level {level} is already on line {seen[key]}"))
            else:
                seen[key] = line
                cleaned.append(
                    Descriptor(owner=user, framework_id=framework.id, competency_id=competency_id, level=level, text=descriptor)
                )
    if not rows and not problems:
        problems.append(RowProblem(1, "file", "no descriptors in the file"))
    if problems:
        raise RowsRejected(problems)
    with transaction.atomic():
        lock_owner(user)  # a concurrent import's rows are invisible to this delete until it commits: queue instead
        Descriptor.objects.for_user(user).filter(framework_id=framework.id).delete()
        Descriptor.objects.for_user(user).bulk_create(cleaned)
    return len(cleaned)


def descriptor_save(*, user: User, framework_id: str, competency_id: str, level: int, text: str) -> Descriptor | None:
    """Set (or, with empty text, remove) one descriptor from the form."""
    framework = framework_of(framework_id)
    problems: dict[str, list[str]] = {}
    if competency_id not in framework.competency_ids():
        problems["competency_id"] = [f"{framework.name} has no competency {competency_id!r}."]
    levels = self_rating_levels(framework)
    if level not in levels:
        problems["level"] = [f"Choose a level from {min(levels)} to {max(levels)}."]
    if len(text) > MAX_DESCRIPTOR:
        problems["text"] = [f"At most {MAX_DESCRIPTOR:,} characters."]
    if problems:
        raise ValidationError(problems)
    rows = Descriptor.objects.for_user(user).filter(framework_id=framework.id, competency_id=competency_id, level=level)
    with transaction.atomic():
        lock_owner(user)  # as in descriptors_import: replace under the owner's lock, or two saves collide
        rows.delete()
        if not text.strip():
            return None
        row = Descriptor(owner=user, framework_id=framework.id, competency_id=competency_id, level=level, text=text.strip())
        row.save()
    return row
