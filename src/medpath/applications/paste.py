"""Ready to paste: an entry's fields in the order the application asks for them, as plain text, and the whole
draft as Markdown. Pure: dataclasses in, text out; no Django, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medpath.applications.limits import DateRange, Limits, count_characters, over_message


@dataclass(frozen=True)
class PasteIn:
    """An entry's values, with the names (not ids) of its chosen types."""

    type_name: str
    title: str
    organization: str
    location: str
    ranges: tuple[DateRange, ...]
    single_date: bool
    description: str
    most_meaningful: bool
    most_meaningful_text: str
    frequency: str = ""
    setting: str = ""
    focus_area: str = ""
    key_characteristic: str = ""


@dataclass(frozen=True)
class PasteField:
    """One field to copy into the application: its label there, the text, and its count when it has a limit."""

    key: str
    label: str
    value: str
    limit: int | None = None
    used: int | None = None
    over_message: str = ""


def month(day: date | None) -> str:
    """A date as the applications ask for it: month/year (MM/YYYY)."""
    return f"{day.month:02d}/{day.year}" if day else ""


def _counted(key: str, label: str, text: str, limit: int, limits: Limits) -> PasteField:
    used = count_characters(text, line_break=limits.line_break)
    over = over_message(used - limit, limit, limits.name) if used > limit else ""
    return PasteField(key, label, text, limit, used, over)


def _ranges(entry: PasteIn, with_hours: bool) -> list[PasteField]:
    spans = [span for span in entry.ranges if span.start is not None]
    fields: list[PasteField] = []
    for number, span in enumerate(spans, start=1):
        suffix = f" ({number} of {len(spans)})" if len(spans) > 1 else ""
        if entry.single_date:
            fields.append(PasteField(f"date_{number}", f"Date{suffix}", month(span.start)))
        else:
            fields.append(PasteField(f"start_{number}", f"Start date{suffix}", month(span.start)))
            end = month(span.end) if span.end else "ongoing"
            fields.append(PasteField(f"end_{number}", f"End date{suffix}", end))
        if with_hours:
            hours = "" if span.hours is None else str(span.hours)  # pasted into a number field: digits only, no "1,200"
            fields.append(PasteField(f"hours_{number}", f"Completed hours{suffix}", hours))
    return fields


def amcas_fields(entry: PasteIn, limits: Limits) -> list[PasteField]:
    """AMCAS Work/Activities: type, name, dates with completed hours per range, organization, description,
    most meaningful and its essay."""
    fields = [
        PasteField("type", "Experience type", entry.type_name),
        PasteField("title", "Experience name", entry.title),
        *_ranges(entry, with_hours=True),
        PasteField("organization", "Organization name", entry.organization),
    ]
    if entry.location:
        fields.append(PasteField("location", "Location", entry.location))
    fields.append(_counted("description", "Experience description", entry.description, limits.description_chars, limits))
    fields.append(PasteField("most_meaningful", "Most meaningful", "Yes" if entry.most_meaningful else "No"))
    if entry.most_meaningful:
        fields.append(
            _counted(
                "most_meaningful_text", "Most meaningful essay", entry.most_meaningful_text, limits.most_meaningful_chars, limits
            )
        )
    return fields


def eras_fields(entry: PasteIn, limits: Limits) -> list[PasteField]:
    """ERAS Experiences, in MyERAS order: position, organization, dates, frequency, location, setting, then type,
    focus area and key characteristic, the description, most meaningful and its reflection. No hours."""
    fields = [
        PasteField("title", "Position title", entry.title),
        PasteField("organization", "Organization name", entry.organization),
        *_ranges(entry, with_hours=False),
        PasteField("frequency", "Frequency of participation", entry.frequency),
        PasteField("location", "Location", entry.location),
        PasteField("setting", "Setting", entry.setting),
        PasteField("type", "Experience type", entry.type_name),
        PasteField("focus_area", "Primary focus area", entry.focus_area),
        PasteField("key_characteristic", "Key characteristic", entry.key_characteristic),
        _counted("description", "Description", entry.description, limits.description_chars, limits),
        PasteField("most_meaningful", "Most meaningful", "Yes" if entry.most_meaningful else "No"),
    ]
    if entry.most_meaningful:
        fields.append(
            _counted(
                "most_meaningful_text",
                "Most meaningful reflection",
                entry.most_meaningful_text,
                limits.most_meaningful_chars,
                limits,
            )
        )
    return fields


def fields_for(format_id: str, entry: PasteIn, limits: Limits) -> list[PasteField]:
    """The paste fields of one entry in the given format."""
    return amcas_fields(entry, limits) if format_id == "amcas" else eras_fields(entry, limits)


def as_markdown(title: str, heading: str, entries: list[tuple[str, list[PasteField]]]) -> str:
    """The whole draft as Markdown: one section per entry, one field per paragraph, long texts as they are."""
    lines = [f"# {title}", "", heading, ""]
    for number, (name, fields) in enumerate(entries, start=1):
        lines += [f"## {number}. {name}", ""]
        for field in fields:
            if field.limit is not None:
                lines += [f"**{field.label}** ({field.used:,} / {field.limit:,} characters)", "", field.value or "—", ""]
            else:
                lines += [f"**{field.label}:** {field.value or '—'}", ""]
    return "\n".join(lines).rstrip() + "\n"
