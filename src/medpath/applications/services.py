"""Writes of application drafts: create and change a draft, pick a record into it (a copy), edit, move and remove
entries, and mark the draft ready only when nothing is over a limit."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from medpath.accounts.models import User
from medpath.applications import selectors
from medpath.applications.limits import normalize_text
from medpath.applications.models import MAX_TEXT, ApplicationDraft, ApplicationEntry, Format, SourceKind
from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned, one_at_a_time_per_user

MIN_SEASON, MAX_SEASON = 2020, 2100
MAX_HOURS = 20_000


def _draft_fields(format: str, season: int, title: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if format not in Format.values:
        problems["format"] = ["Choose AMCAS or ERAS."]
    if not MIN_SEASON <= season <= MAX_SEASON:
        problems["season"] = [f"A season between {MIN_SEASON} and {MAX_SEASON}."]
    if not title.strip():
        problems["title"] = ["Give the draft a title, e.g. AMCAS 2027."]
    elif len(title.strip()) > 200:
        problems["title"] = ["At most 200 characters."]
    return problems


def draft_create(*, user: User, format: str, season: int, title: str) -> ApplicationDraft:
    """A new, empty draft of an AMCAS or ERAS experiences section."""
    problems = _draft_fields(format, season, title)
    if problems:
        raise ValidationError(problems)
    draft = ApplicationDraft(owner=user, format=format, season=season, title=title.strip())
    draft.save()
    return draft


def draft_update(*, user: User, pk: int, season: int, title: str) -> ApplicationDraft:
    """Change a draft's season and title (its format stays: the entries were written for it)."""
    draft = get_owned(ApplicationDraft, user, pk=pk)
    problems = _draft_fields(draft.format, season, title)
    if problems:
        raise ValidationError(problems)
    draft.season, draft.title = season, title.strip()
    draft.save(update_fields=["season", "title", "updated_at"])
    return draft


def draft_delete(*, user: User, pk: int) -> None:
    """Delete a draft and its entries (the records they were copied from stay as they are)."""
    get_owned(ApplicationDraft, user, pk=pk).delete()


def _settle(user: User, draft: ApplicationDraft) -> None:
    """A draft marked ready stays ready only while nothing is over a limit."""
    if draft.ready and not selectors.verdict(draft, selectors.draft_entries(user, draft)).ready:
        draft.ready = False
        draft.save(update_fields=["ready", "updated_at"])


@one_at_a_time_per_user
def entry_pick(*, user: User, draft_id: int, source_kind: str, source_id: int | None = None) -> ApplicationEntry:
    """Copy one of the person's records into the draft (or start an empty entry with source_kind "none"): the
    experience type comes from the format's default mapping; editing the copy never changes the record."""
    draft = get_owned(ApplicationDraft, user, pk=draft_id)
    limits = selectors.limits_of(draft.format)
    entries = selectors.draft_entries(user, draft)
    if len(entries) >= limits.max_entries:
        raise ValidationError(
            {"source_id": [f"{limits.name} takes at most {limits.max_entries} experiences; this draft is full."]}
        )
    if source_kind == SourceKind.NONE:
        copied: dict[str, Any] | None = {
            "type_id": "other" if "other" in limits.type_ids else sorted(limits.type_ids)[0],
            "title": "New experience",
            "ranges": [],
        }
    elif source_kind in SourceKind.values and source_id is not None:
        if any(entry.source_kind == source_kind and entry.source_id == source_id for entry in entries):
            raise ValidationError({"source_id": ["This record is already in the draft."]})
        copied = selectors.record_copy(user, draft, source_kind, source_id)
    else:
        raise ValidationError({"source_kind": ["Pick an experience, an event or a membership."]})
    if copied is None:
        raise ValidationError({"source_id": ["You have no such record."]})
    position = max((entry.position for entry in entries), default=0) + 1
    entry = ApplicationEntry(
        owner=user,
        draft=draft,
        position=position,
        source_kind=source_kind,
        source_id=source_id if source_kind != SourceKind.NONE else None,
        **copied,
    )
    entry.save()
    _settle(user, draft)
    return entry


def _clean_ranges(raw: list[dict[str, Any]], max_ranges: int, problems: dict[str, list[str]]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    for number, span in enumerate(raw, start=1):
        start, end, hours = span.get("start"), span.get("end"), span.get("hours")
        if start is None and end is None and hours is None:
            continue
        where = f"Date range {number}: "
        for value in (start, end):
            if value is not None and (not isinstance(value, date) or not year_in_range(value)):
                problems.setdefault("ranges", []).append(where + f"enter {RANGE_MESSAGE}.")
        if hours is not None and (isinstance(hours, bool) or not isinstance(hours, int) or not 0 <= hours <= MAX_HOURS):
            problems.setdefault("ranges", []).append(where + f"hours are a whole number from 0 to {MAX_HOURS:,}.")
        kept.append(
            {
                "start": start.isoformat() if isinstance(start, date) else None,
                "end": end.isoformat() if isinstance(end, date) else None,
                "hours": hours,
            }
        )
    if len(kept) > max_ranges:
        problems.setdefault("ranges", []).append(f"At most {max_ranges} date range{'s' if max_ranges > 1 else ''}.")
    return kept


@one_at_a_time_per_user
def entry_save(
    *,
    user: User,
    pk: int,
    type_id: str,
    title: str,
    organization: str = "",
    location: str = "",
    ranges: list[dict[str, Any]] | None = None,
    frequency: str = "",
    setting: str = "",
    focus_area: str = "",
    key_characteristic: str = "",
    description: str = "",
    most_meaningful: bool = False,
    most_meaningful_text: str = "",
    privacy_confirmed: bool = False,
) -> ApplicationEntry:
    """Change an entry of a draft. Text over the application's limit is kept (the page says how far over, and the
    draft cannot be marked ready); the number of most-meaningful entries and date ranges is refused outright."""
    entry = get_owned(ApplicationEntry, user, pk=pk)
    draft = entry.draft
    found = selectors.application_format(draft.format)
    limits = selectors.limits_of(draft.format)
    title, organization, location = title.strip(), organization.strip(), location.strip()
    setting, focus_area, key_characteristic = setting.strip(), focus_area.strip(), key_characteristic.strip()
    description, most_meaningful_text = normalize_text(description), normalize_text(most_meaningful_text)
    problems: dict[str, list[str]] = {}
    if type_id not in limits.type_ids:
        problems["type_id"] = [f"Choose one of {limits.name}'s experience types."]
    if not title:
        problems["title"] = ["Give the experience a name."]
    for name, value, bound in (
        ("title", title, 300),
        ("organization", organization, 200),
        ("location", location, 200),
        ("setting", setting, 60),
        ("focus_area", focus_area, 100),
        ("key_characteristic", key_characteristic, 100),
        ("description", description, MAX_TEXT),
        ("most_meaningful_text", most_meaningful_text, MAX_TEXT),
    ):
        if len(value) > bound:
            problems[name] = [f"At most {bound:,} characters here."]
    frequencies = {item.id for item in found.frequencies.items} if found.frequencies else set()
    if frequency and frequency not in frequencies:
        problems["frequency"] = ["Choose how often from the list."]
    if most_meaningful and not entry.most_meaningful:
        marked = sum(1 for other in selectors.draft_entries(user, draft) if other.most_meaningful and other.pk != entry.pk)
        if marked >= limits.most_meaningful_max:
            problems["most_meaningful"] = [
                f"{limits.name} takes at most {limits.most_meaningful_max} most meaningful experiences; unmark another first."
            ]
    kept = _clean_ranges(ranges or [], limits.max_date_ranges, problems)
    if problems:
        raise ValidationError(problems)
    texts = {
        "title": title,
        "organization": organization,
        "description": description,
        "most_meaningful_text": most_meaningful_text,
    }
    changed = {name: text for name, text in texts.items() if text != getattr(entry, name)}
    guard_texts(changed, confirmed=privacy_confirmed)
    with transaction.atomic():
        entry.type_overridden = entry.type_overridden or type_id != entry.type_id
        entry.type_id, entry.title, entry.organization, entry.location = type_id, title, organization, location
        entry.ranges, entry.frequency, entry.setting = kept, frequency, setting
        entry.focus_area, entry.key_characteristic = focus_area, key_characteristic
        entry.description, entry.most_meaningful, entry.most_meaningful_text = description, most_meaningful, most_meaningful_text
        entry.full_clean()
        entry.save()
        _settle(user, draft)
    return entry


@one_at_a_time_per_user
def entry_move(*, user: User, pk: int, up: bool) -> ApplicationEntry:
    """Move an entry one place up or down in its draft."""
    entry = get_owned(ApplicationEntry, user, pk=pk)
    entries = selectors.draft_entries(user, entry.draft)
    index = next(i for i, other in enumerate(entries) if other.pk == entry.pk)
    swap = index - 1 if up else index + 1
    if 0 <= swap < len(entries):
        entries[index], entries[swap] = entries[swap], entries[index]
        for position, other in enumerate(entries, start=1):
            if other.position != position:
                other.position = position
                other.save(update_fields=["position"])
    return entry


@one_at_a_time_per_user
def entry_delete(*, user: User, pk: int) -> None:
    """Remove an entry from its draft (the record it was copied from stays)."""
    entry = get_owned(ApplicationEntry, user, pk=pk)
    draft = entry.draft
    entry.delete()
    _settle(user, draft)


@one_at_a_time_per_user
def draft_mark_ready(*, user: User, pk: int, ready: bool = True) -> ApplicationDraft:
    """Mark the draft ready to paste, refused while anything is over a limit or missing; or mark it not ready."""
    draft = get_owned(ApplicationDraft, user, pk=pk)
    if ready:
        checked = selectors.verdict(draft, selectors.draft_entries(user, draft))
        if not checked.ready:
            messages = [
                (f"Experience {problem.entry + 1}: " if problem.entry is not None else "") + problem.message
                for problem in checked.problems
            ]
            raise ValidationError({"ready": messages})
    draft.ready = ready
    draft.save(update_fields=["ready", "updated_at"])
    return draft
