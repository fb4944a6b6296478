"""The CV engine: what each section holds, which sections a person chose and in what order, and the sections as
plain entries any format can render. Pure: dataclasses in (gathered by ``selectors.cv_material``), no Django.

What a CV never holds, whatever is chosen: anything of the resilience pillar (there is no section for it and the
material has no field for it); feedback only as released aggregate results, never an answer or a comment;
reflections and feedback only when the person chooses their sections.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from medpath import wording

# Every section a CV can hold, in the default order, with its heading.
SECTIONS: dict[str, str] = {
    "education": "Education and milestones",
    "experience": "Experience",
    "procedures": "Procedures",
    "credentials": "Licences and certifications",
    "learning": "Continuing education",
    "presentations": "Presentations and posters",
    "publications": "Publications",
    "awards": "Awards and honours",
    "memberships": "Memberships",
    "reflections": "Reflections",
    "feedback": "Colleague feedback",
}
# Shown only when the person chooses them; never part of the default.
OPT_IN: frozenset[str] = frozenset({"reflections", "feedback"})
DEFAULT_SECTIONS: tuple[str, ...] = tuple(key for key in SECTIONS if key not in OPT_IN)
# Publication kinds that are presentations (listed under presentations when that section is chosen).
PRESENTATION_KINDS = frozenset({"poster", "oral_presentation"})


class SectionError(ValueError):
    """A choice of sections that cannot be used, with the reason in words."""


def parse_sections(chosen: Iterable[str]) -> list[str]:
    """The chosen section ids in order, each once; SectionError for an unknown one or an empty choice."""
    found: list[str] = []
    for raw in chosen:
        key = raw.strip().lower()
        if not key:
            continue
        if key not in SECTIONS:
            raise SectionError(f"Unknown section {raw.strip()!r}: choose from {', '.join(SECTIONS)}.")
        if key not in found:
            found.append(key)
    if not found:
        raise SectionError("Choose at least one section.")
    return found


def mask_number(number: str) -> str:
    """A credential number as a CV shows it: its last four characters only (the full number stays in MedPath and
    in the FHIR file, a credentialing document)."""
    number = number.strip()
    if not number:
        return ""
    shown = number[-4:] if len(number) > 4 else number[-1:]
    return "****" + shown  # always four stars: the mask does not give away the number's length


@dataclass(frozen=True)
class Person:
    name: str
    email: str


@dataclass(frozen=True)
class Milestone:
    """A roadmap stage the person has reached."""

    name: str
    kind: str  # the catalog's stage kind (degree, licensing_exam, …)
    kind_label: str
    completed_on: date | None


@dataclass(frozen=True)
class Experience:
    """An experience entry; ``verified`` only when its supervisor verified it."""

    title: str
    organization: str
    kind: str
    kind_label: str
    volunteer: bool
    started_on: date
    ended_on: date | None
    hours: Decimal
    verified: bool
    verified_by: str
    description: str


@dataclass(frozen=True)
class ProcedureCount:
    category: str
    cases: int


@dataclass(frozen=True)
class Credential:
    """A licence, certification, registration or card; ``number`` is already masked for a CV."""

    name: str
    kind_label: str
    issuer: str
    number: str
    jurisdiction: str
    issued_on: date | None
    expires_on: date | None


@dataclass(frozen=True)
class CeTotal:
    """Continuing-education credits of one type earned in one year."""

    year: int
    credit_type: str
    amount: Decimal
    activities: int


@dataclass(frozen=True)
class Presentation:
    title: str
    where: str
    on: date | None
    year: int
    role: str  # "Presenter", "Poster presenter", "Oral presentation", "Poster"
    authors: str = ""  # a poster or talk recorded as a publication keeps its authors and DOI on the CV
    doi: str = ""


@dataclass(frozen=True)
class Membership:
    association: str
    level: str


@dataclass(frozen=True)
class Publication:
    kind: str
    kind_label: str
    title: str
    authors: str
    venue: str
    year: int
    published_on: date | None
    doi: str
    url: str


@dataclass(frozen=True)
class Award:
    title: str
    awarder: str
    awarded_on: date
    summary: str


@dataclass(frozen=True)
class Reflection:
    title: str
    written_on: date
    text: str


@dataclass(frozen=True)
class FeedbackStatement:
    text: str
    mean: float | None
    rated: int


@dataclass(frozen=True)
class FeedbackResult:
    """Released aggregate results of one feedback request: the mean per statement over everyone who answered."""

    title: str
    closed_on: date
    answers: int
    statements: tuple[FeedbackStatement, ...]


@dataclass(frozen=True)
class CvMaterial:
    """Everything a CV may show, gathered for the chosen sections only (the others stay empty)."""

    person: Person
    generated_on: date
    milestones: tuple[Milestone, ...] = ()
    experiences: tuple[Experience, ...] = ()
    procedures: tuple[ProcedureCount, ...] = ()
    credentials: tuple[Credential, ...] = ()
    learning: tuple[CeTotal, ...] = ()
    presentations: tuple[Presentation, ...] = ()
    memberships: tuple[Membership, ...] = ()
    publications: tuple[Publication, ...] = ()
    awards: tuple[Award, ...] = ()
    reflections: tuple[Reflection, ...] = ()
    feedback: tuple[FeedbackResult, ...] = ()


@dataclass(frozen=True)
class Entry:
    """One line of a section: a heading with its date, then details."""

    heading: str
    when: str = ""
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    entries: tuple[Entry, ...] = ()
    note: str = ""  # a line under the heading (the experience section's hour totals)


@dataclass(frozen=True)
class Cv:
    """The CV as sections in the chosen order; empty sections are kept so a preview can say so."""

    person: Person
    generated_on: date
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def filled(self) -> tuple[Section, ...]:
        """The sections that have something to show (what a document prints)."""
        return tuple(section for section in self.sections if section.entries)


def hours_text(hours: Decimal) -> str:
    """12, 12.5 — never 12.00."""
    text = f"{hours.normalize():f}"
    return text


def _day(value: date | None) -> str:
    return wording.day(value) if value else ""


def _span(start: date, end: date | None) -> str:
    if end is None or (start.year, start.month) == (end.year, end.month):
        return wording.month(start)
    return f"{wording.month(start)} to {wording.month(end)}"


def _education(material: CvMaterial) -> Section:
    entries = tuple(
        Entry(m.name, _day(m.completed_on), (m.kind_label,))
        for m in sorted(material.milestones, key=lambda m: m.completed_on or date.min, reverse=True)
    )
    return Section("education", SECTIONS["education"], entries)


def experience_totals(experiences: Sequence[Experience]) -> tuple[Decimal, Decimal]:
    """(verified hours, self-reported hours): only a supervisor's verification makes hours verified."""
    verified = sum((e.hours for e in experiences if e.verified), Decimal(0))
    reported = sum((e.hours for e in experiences if not e.verified), Decimal(0))
    return verified, reported


def _experience(material: CvMaterial) -> Section:
    entries = []
    for e in sorted(material.experiences, key=lambda e: (e.started_on, e.title), reverse=True):
        hours = f"{hours_text(e.hours)} hours, " + (
            f"verified by {e.verified_by}" if e.verified and e.verified_by else "verified" if e.verified else "self-reported"
        )
        details = [f"{e.kind_label}; {hours}"]
        if e.description:
            details.append(e.description)
        heading = f"{e.title}, {e.organization}" if e.organization else e.title
        entries.append(Entry(heading, _span(e.started_on, e.ended_on), tuple(details)))
    verified, reported = experience_totals(material.experiences)
    note = ""
    if entries:
        note = f"Verified hours: {hours_text(verified)}. Self-reported hours, not verified: {hours_text(reported)}."
    return Section("experience", SECTIONS["experience"], tuple(entries), note)


def _procedures(material: CvMaterial) -> Section:
    entries = tuple(
        Entry(p.category, "", (f"{p.cases} case{'s' if p.cases != 1 else ''} logged",))
        for p in sorted(material.procedures, key=lambda p: (-p.cases, p.category))
    )
    total = sum(p.cases for p in material.procedures)
    return Section("procedures", SECTIONS["procedures"], entries, f"{total} cases in all." if entries else "")


def _credentials(material: CvMaterial) -> Section:
    entries = []
    for c in sorted(material.credentials, key=lambda c: (c.kind_label, c.name)):
        details = [c.kind_label + (f", {c.issuer}" if c.issuer else "") + (f" ({c.jurisdiction})" if c.jurisdiction else "")]
        if c.number:
            details.append(f"Number ending {c.number[-4:].lstrip('*')}")
        dates = []
        if c.issued_on:
            dates.append(f"issued {_day(c.issued_on)}")
        if c.expires_on:
            dates.append(f"expires {_day(c.expires_on)}")
        entries.append(Entry(c.name, "; ".join(dates), tuple(details)))
    return Section("credentials", SECTIONS["credentials"], tuple(entries))


def _learning(material: CvMaterial) -> Section:
    years: dict[int, list[CeTotal]] = {}
    for total in material.learning:
        years.setdefault(total.year, []).append(total)
    entries = tuple(
        Entry(
            str(year),
            "",
            tuple(
                f"{hours_text(t.amount)} {t.credit_type} ({t.activities} activit{'y' if t.activities == 1 else 'ies'})"
                for t in sorted(rows, key=lambda t: t.credit_type)
            ),
        )
        for year, rows in sorted(years.items(), reverse=True)
    )
    return Section("learning", SECTIONS["learning"], entries)


def _presentations(material: CvMaterial) -> Section:
    def details(p: Presentation) -> tuple[str, ...]:
        found = [f"{p.role}" + (f", {p.where}" if p.where else "")]
        if p.authors:
            found.append(p.authors)
        if p.doi:
            found.append(f"doi:{p.doi}")
        return tuple(found)

    entries = tuple(
        Entry(p.title, _day(p.on) if p.on else str(p.year), details(p))
        for p in sorted(material.presentations, key=lambda p: (p.on or date(p.year, 1, 1), p.title), reverse=True)
    )
    return Section("presentations", SECTIONS["presentations"], entries)


def citation(p: Publication) -> str:
    """The publication as one citation line."""
    parts = [p.authors] if p.authors else []
    parts.append(p.title)
    if p.venue:
        parts.append(p.venue)
    parts.append(str(p.year))
    text = ". ".join(part.rstrip(".") for part in parts) + "."
    if p.doi:
        text += f" doi:{p.doi}"
    elif p.url:
        text += f" {p.url}"
    return text


def _publications(material: CvMaterial) -> Section:
    entries = tuple(
        Entry(p.title, str(p.year), (p.kind_label, citation(p)))
        for p in sorted(material.publications, key=lambda p: (p.year, p.published_on or date.min), reverse=True)
    )
    return Section("publications", SECTIONS["publications"], entries)


def _awards(material: CvMaterial) -> Section:
    entries = tuple(
        Entry(a.title, _day(a.awarded_on), tuple(x for x in (a.awarder, a.summary) if x))
        for a in sorted(material.awards, key=lambda a: a.awarded_on, reverse=True)
    )
    return Section("awards", SECTIONS["awards"], entries)


def _memberships(material: CvMaterial) -> Section:
    entries = tuple(Entry(m.association, "", (m.level,) if m.level else ()) for m in material.memberships)
    return Section("memberships", SECTIONS["memberships"], entries)


def _reflections(material: CvMaterial) -> Section:
    entries = tuple(Entry(r.title, _day(r.written_on), (r.text,)) for r in material.reflections)
    return Section("reflections", SECTIONS["reflections"], entries)


def _feedback(material: CvMaterial) -> Section:
    entries = []
    for result in material.feedback:
        lines = tuple(
            f"{s.text.rstrip('.')}: mean {s.mean:.1f} of 5 ({s.rated} rated)"
            if s.mean is not None
            else f"{s.text.rstrip('.')}: not rated"
            for s in result.statements
        )
        entries.append(Entry(result.title, _day(result.closed_on), (f"{result.answers} colleagues answered", *lines)))
    return Section("feedback", SECTIONS["feedback"], tuple(entries), "Released results only: the mean of everyone's scores.")


_BUILDERS = {
    "education": _education,
    "experience": _experience,
    "procedures": _procedures,
    "credentials": _credentials,
    "learning": _learning,
    "presentations": _presentations,
    "publications": _publications,
    "awards": _awards,
    "memberships": _memberships,
    "reflections": _reflections,
    "feedback": _feedback,
}


def compose(material: CvMaterial, sections: Sequence[str]) -> Cv:
    """The CV of ``material`` with ``sections`` (ids, checked with ``parse_sections``) in that order."""
    chosen = parse_sections(sections)
    if "presentations" in chosen:  # a poster or talk is listed once, under presentations
        material = replace(material, publications=tuple(p for p in material.publications if p.kind not in PRESENTATION_KINDS))
    return Cv(material.person, material.generated_on, tuple(_BUILDERS[key](material) for key in chosen))
