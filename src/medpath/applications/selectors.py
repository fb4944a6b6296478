"""Reads of application drafts: the catalog's limits for a format, the records a person can pick from (read through
the experience and network pillars' selectors), each draft's verdict and its ready-to-paste export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from medpath.accounts.models import User
from medpath.applications.limits import DateRange, EntryIn, Limits, Verdict, check_draft
from medpath.applications.models import ApplicationDraft, ApplicationEntry, SourceKind
from medpath.applications.paste import PasteField, PasteIn, as_markdown, fields_for
from medpath.catalog.application_schema import ApplicationFormat
from medpath.catalog.loader import catalog


def application_format(format_id: str) -> ApplicationFormat:
    """The catalog's description of AMCAS or ERAS."""
    return catalog().application_formats[format_id]


def limits_of(format_id: str) -> Limits:
    """The engine's limits for a format, from the catalog."""
    found = application_format(format_id)
    figures = found.limits
    types = found.experience_types.items
    required = figures.most_meaningful_required_from
    return Limits(
        name=found.name,
        max_entries=figures.max_entries.value,
        description_chars=figures.description_chars.value,
        most_meaningful_max=figures.most_meaningful_max.value,
        most_meaningful_chars=figures.most_meaningful_chars.value,
        most_meaningful_required_from=required.value if required else None,
        max_date_ranges=figures.max_date_ranges.value,
        line_break=found.counting.line_break,
        single_date_types=frozenset(item.id for item in types if item.single_date),
        zero_hours_types=frozenset(item.id for item in types if item.zero_hours),
        type_ids=frozenset(item.id for item in types),
        hours_required=found.hours_exported,
    )


def season_note(format_id: str, season: int) -> str:
    """What the catalog knows about this season's figures: confirmed, assumed (with the source), or not covered."""
    found = application_format(format_id)
    confirmed = max(limit.confirmed_season for name in type(found.limits).model_fields if (limit := getattr(found.limits, name)))
    later = {item.season: item for item in found.later_seasons}
    if season <= confirmed:
        return f"The limits below are confirmed for the {confirmed} season."
    if season in later:
        return f"For {season}: {later[season].note}"
    newest = max([confirmed, *later])
    return (
        f"MedPath has no source for the {season} season yet: the figures of {newest} are used. "
        f"Check them against the {season} {found.name} instructions."
    )


def drafts(user: User) -> list[ApplicationDraft]:
    """The user's drafts, newest first."""
    return list(ApplicationDraft.objects.for_user(user).order_by("-created_at", "-id"))


def draft_entries(user: User, draft: ApplicationDraft) -> list[ApplicationEntry]:
    """A draft's entries in their order."""
    return list(ApplicationEntry.objects.for_user(user).filter(draft=draft).order_by("position", "id"))


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def date_ranges(entry: ApplicationEntry) -> tuple[DateRange, ...]:
    """The entry's date ranges as the engine reads them."""
    spans = entry.ranges if isinstance(entry.ranges, list) else []
    return tuple(
        DateRange(
            _day(span.get("start")), _day(span.get("end")), span.get("hours") if isinstance(span.get("hours"), int) else None
        )
        for span in spans
        if isinstance(span, dict)
    )


def engine_entry(entry: ApplicationEntry) -> EntryIn:
    """An entry as the limits engine sees it."""
    return EntryIn(
        type_id=entry.type_id,
        title=entry.title,
        description=entry.description,
        ranges=date_ranges(entry),
        most_meaningful=entry.most_meaningful,
        most_meaningful_text=entry.most_meaningful_text,
        label=entry.title,
    )


def verdict(draft: ApplicationDraft, entries: list[ApplicationEntry]) -> Verdict:
    """Everything that stops the draft from being ready."""
    return check_draft([engine_entry(entry) for entry in entries], limits_of(draft.format))


@dataclass(frozen=True)
class Pickable:
    """A record the person can copy into a draft."""

    kind: str
    id: int
    label: str
    detail: str
    picked: bool


def pickable_records(user: User, draft: ApplicationDraft) -> list[Pickable]:
    """The person's experience entries, events and memberships, each saying whether this draft already holds it."""
    from medpath.experience.selectors import entries_as_seen
    from medpath.network.selectors import events, memberships
    from medpath.wording import day

    taken = {(entry.source_kind, entry.source_id) for entry in draft_entries(user, draft)}
    found = [
        Pickable(
            SourceKind.EXPERIENCE,
            row.pk,
            row.title,
            f"{row.get_kind_display()}, {day(row.started_on)}, {_hours(row.hours):,} hours",
            (SourceKind.EXPERIENCE, row.pk) in taken,
        )
        for row in entries_as_seen(user)
    ]
    found += [
        Pickable(
            SourceKind.EVENT,
            row.pk,
            row.presentation_title or row.title,
            f"{row.get_role_display()}, {day(row.starts_on)}",
            (SourceKind.EVENT, row.pk) in taken,
        )
        for row in events(user)
    ]
    found += [
        Pickable(
            SourceKind.MEMBERSHIP, row.pk, row.association, row.level or "Membership", (SourceKind.MEMBERSHIP, row.pk) in taken
        )
        for row in memberships(user)
    ]
    return found


def _hours(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def record_copy(user: User, draft: ApplicationDraft, kind: str, record_id: int) -> dict[str, Any] | None:
    """The fields of a new entry copied from one of the person's records (None: no such record of theirs)."""
    from medpath.experience.selectors import entries_as_seen
    from medpath.network.selectors import events, memberships

    mapping = application_format(draft.format).default_mapping
    if kind == SourceKind.EXPERIENCE:
        experience = next((row for row in entries_as_seen(user) if row.pk == record_id), None)
        if experience is None:
            return None
        return {
            "type_id": mapping.get(f"experience.{experience.kind.replace('_', '-')}", "other"),
            "title": experience.title,
            "organization": experience.organization,
            "ranges": [
                {
                    "start": experience.started_on.isoformat(),
                    "end": experience.last_day.isoformat(),
                    "hours": _hours(experience.hours),
                }
            ],
            "description": experience.description,
        }
    if kind == SourceKind.EVENT:
        event = next((row for row in events(user) if row.pk == record_id), None)
        if event is None:
            return None
        presenting = event.role in {"presenter", "poster"} and event.presentation_title
        return {
            "type_id": mapping.get(f"event.{event.role}", "other"),
            "title": event.presentation_title if presenting else event.title,
            "organization": event.title if presenting else "",
            "location": event.place,
            "ranges": [{"start": event.starts_on.isoformat(), "end": event.ends_on.isoformat(), "hours": None}],
            "description": "",
        }
    if kind == SourceKind.MEMBERSHIP:
        membership = next((row for row in memberships(user) if row.pk == record_id), None)
        if membership is None:
            return None
        return {
            "type_id": mapping.get("membership", "other"),
            "title": membership.level or "Member",
            "organization": membership.association,
            "ranges": [],
            "description": "",
        }
    return None


def paste_in(draft: ApplicationDraft, entry: ApplicationEntry) -> PasteIn:
    """An entry's values with the names the application shows."""
    found = application_format(draft.format)

    def name_in(vocabulary: Any, value: str) -> str:
        if vocabulary is None or not value:
            return value
        return next((item.name for item in vocabulary.items if item.id == value), value)

    return PasteIn(
        type_name=found.type_name(entry.type_id),
        title=entry.title,
        organization=entry.organization,
        location=entry.location,
        ranges=date_ranges(entry),
        single_date=entry.type_id in limits_of(draft.format).single_date_types,
        description=entry.description,
        most_meaningful=entry.most_meaningful,
        most_meaningful_text=entry.most_meaningful_text,
        frequency=name_in(found.frequencies, entry.frequency),
        setting=name_in(found.settings, entry.setting),
        focus_area=name_in(found.focus_areas, entry.focus_area),
        key_characteristic=name_in(found.key_characteristics, entry.key_characteristic),
    )


@dataclass(frozen=True)
class ExportEntry:
    """One entry, ready to paste."""

    id: int
    number: int
    title: str
    fields: list[PasteField]


@dataclass(frozen=True)
class DraftExport:
    """A whole draft, ready to paste: its entries' fields in the application's order, and what still stops it."""

    draft: ApplicationDraft
    heading: str
    entries: list[ExportEntry]
    problems: list[str]


def draft_export(user: User, draft: ApplicationDraft) -> DraftExport:
    """The draft ready to paste (the page, the download, the API and the command all show this)."""
    entries = draft_entries(user, draft)
    limits = limits_of(draft.format)
    found = application_format(draft.format)
    rows = [
        ExportEntry(entry.pk, number, entry.title, fields_for(draft.format, paste_in(draft, entry), limits))
        for number, entry in enumerate(entries, start=1)
    ]
    checked = verdict(draft, entries)
    problems = [
        (f"Experience {problem.entry + 1}: " if problem.entry is not None else "") + problem.message
        for problem in checked.problems
    ]
    heading = f"{found.name} {found.section}, {draft.season} season. {len(rows)} of {limits.max_entries} experiences."
    if not found.hours_exported:
        heading += f" {found.name} asks no hours: MedPath keeps them but leaves them out."
    return DraftExport(draft, heading, rows, problems)


def export_markdown(export: DraftExport) -> str:
    """The plain-text (Markdown) download."""
    return as_markdown(export.draft.title, export.heading, [(entry.title, entry.fields) for entry in export.entries])
