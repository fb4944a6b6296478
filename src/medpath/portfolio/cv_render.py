"""The CV in files: Markdown, PDF (reportlab, the engine of the audit packet) and JSON Resume. Pure: a composed
``Cv`` (and, for JSON Resume, the material it came from) in, bytes or a dict out; no Django.

JSON Resume (https://jsonresume.org/schema) has no field for a credential's expiry or number, verified hours,
memberships, procedures or continuing education: MedPath puts them in ``x-medpath`` objects, an extension the
schema allows (its objects accept extra keys) and that readers which do not know it ignore. docs/portfolio.md
("JSON Resume mapping") documents every field.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from medpath.portfolio.cv import Cv, CvMaterial, experience_totals, hours_text
from medpath.wording import day

# Stage kinds that are schooling (education[]); every other reached milestone (an exam, a licence) is a
# certificate without an issuer.
SCHOOLING = frozenset({"degree", "certificate_program", "prerequisite_coursework", "supervised_training"})


def _md(text: str) -> str:
    """Text safe inside Markdown: characters that would start markup are escaped."""
    for char in ("\\", "`", "*", "_", "[", "]", "#", "<", ">", "|"):
        text = text.replace(char, "\\" + char)
    return text


def markdown(cv: Cv) -> str:
    """The CV as Markdown: a heading per section, a list item per entry."""
    lines = [f"# {_md(cv.person.name)}", "", _md(cv.person.email), ""]
    for section in cv.filled():
        lines += [f"## {section.title}", ""]
        if section.note:
            lines += [_md(section.note), ""]
        for entry in section.entries:
            head = f"**{_md(entry.heading)}**" + (f" ({_md(entry.when)})" if entry.when else "")
            # Each detail on a line of its own: a backslash at a line's end is CommonMark's hard break (an indent
            # alone makes a viewer join the lines into one paragraph).
            rows = [head, *(_md(detail) for detail in entry.details)]
            text = "\\\n  ".join(row.replace("\n", "\\\n  ") for row in rows)
            lines.append(f"- {text}")
        lines.append("")
    lines.append(f"Generated with MedPath on {day(cv.generated_on)}.")
    return "\n".join(lines) + "\n"


def _styles() -> dict[str, ParagraphStyle]:
    sheet = getSampleStyleSheet()
    return {
        "title": sheet["Title"],
        "section": sheet["Heading2"],
        "heading": ParagraphStyle("CvHeading", parent=sheet["BodyText"], fontName="Helvetica-Bold", spaceAfter=0),
        "body": ParagraphStyle("CvBody", parent=sheet["BodyText"], leftIndent=4 * mm, spaceBefore=0, spaceAfter=1),
        "note": ParagraphStyle("CvNote", parent=sheet["BodyText"], textColor="#444444"),
    }


def pdf(cv: Cv) -> bytes:
    """The CV as an A4 PDF with text a reader can search and copy."""
    styles = _styles()
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, title=f"CV of {cv.person.name}", author=cv.person.name
    )
    story: list[Any] = [Paragraph(escape(cv.person.name), styles["title"]), Paragraph(escape(cv.person.email), styles["note"])]
    for section in cv.filled():
        story.append(Spacer(1, 3 * mm))
        # The heading (and its note) stay with the first entry: never a heading alone at a page's foot.
        opening: list[Any] = [Paragraph(escape(section.title), styles["section"])]
        if section.note:
            opening.append(Paragraph(escape(section.note), styles["note"]))
        for number, entry in enumerate(section.entries):
            head = escape(entry.heading) + (f" <font color='#444444'>({escape(entry.when)})</font>" if entry.when else "")
            block = [Paragraph(head, styles["heading"])]
            block += [Paragraph(escape(detail).replace("\n", "<br/>"), styles["body"]) for detail in entry.details]
            story.append(KeepTogether(opening + block if number == 0 else block))
        if not section.entries:
            story += opening
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(f"Generated with MedPath on {day(cv.generated_on)}.", styles["note"]))
    document.build(story)
    return out.getvalue()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(item: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values: JSON Resume fields are optional, and an empty string is not a date."""
    return {key: value for key, value in item.items() if value not in (None, "", [], {})}


def json_resume(cv: Cv, material: CvMaterial) -> dict[str, Any]:
    """The chosen sections as a JSON Resume document (only what was chosen; ``x-medpath`` holds the rest)."""
    chosen = {section.id for section in cv.sections}
    resume: dict[str, Any] = {
        "basics": _clean({"name": cv.person.name, "email": cv.person.email}),
    }
    extension: dict[str, Any] = {}
    if "experience" in chosen:
        work: list[dict[str, Any]] = []
        volunteer: list[dict[str, Any]] = []
        for e in material.experiences:
            item = _clean(
                {
                    ("organization" if e.volunteer else "name"): e.organization or None,
                    "position": e.title,
                    "startDate": _iso(e.started_on),
                    "endDate": _iso(e.ended_on),
                    "summary": e.description,
                    "highlights": [f"{hours_text(e.hours)} hours, {'verified' if e.verified else 'self-reported'}"],
                    "x-medpath": _clean(
                        {
                            "kind": e.kind_label,
                            "hours": hours_text(e.hours),
                            "verified": e.verified,
                            "verifiedBy": e.verified_by if e.verified else None,
                        }
                    ),
                }
            )
            (volunteer if e.volunteer else work).append(item)
        resume["work"], resume["volunteer"] = work, volunteer
        verified, reported = experience_totals(material.experiences)
        extension["hours"] = {"verified": hours_text(verified), "selfReported": hours_text(reported)}
    if "education" in chosen:
        resume["education"] = [
            _clean({"studyType": m.kind_label, "area": m.name, "endDate": _iso(m.completed_on)})
            for m in material.milestones
            if m.kind in SCHOOLING
        ]
    certificates = []
    if "education" in chosen:
        certificates += [
            _clean({"name": m.name, "date": _iso(m.completed_on), "x-medpath": {"kind": m.kind_label}})
            for m in material.milestones
            if m.kind not in SCHOOLING
        ]
    if "credentials" in chosen:
        certificates += [
            _clean(
                {
                    "name": c.name,
                    "date": _iso(c.issued_on),
                    "issuer": c.issuer,
                    "x-medpath": _clean(
                        {"kind": c.kind_label, "expires": _iso(c.expires_on), "number": c.number, "jurisdiction": c.jurisdiction}
                    ),
                }
            )
            for c in material.credentials
        ]
    if certificates:
        resume["certificates"] = certificates
    publications = []
    if "publications" in chosen:
        publications += [
            _clean(
                {
                    "name": p.title,
                    "publisher": p.venue,
                    "releaseDate": _iso(p.published_on) or str(p.year),
                    "url": f"https://doi.org/{p.doi}" if p.doi else p.url,
                    "x-medpath": _clean({"kind": p.kind_label, "authors": p.authors, "doi": p.doi}),
                }
            )
            for p in material.publications
        ]
    if "presentations" in chosen:
        publications += [
            _clean(
                {
                    "name": p.title,
                    "publisher": p.where,
                    "releaseDate": _iso(p.on) or str(p.year),
                    "x-medpath": {"kind": p.role},
                }
            )
            for p in material.presentations
            if not ("publications" in chosen and p.role in {"Poster", "Oral presentation"})  # listed once
        ]
    if publications:
        resume["publications"] = publications
    if "awards" in chosen:
        resume["awards"] = [
            _clean({"title": a.title, "date": _iso(a.awarded_on), "awarder": a.awarder, "summary": a.summary})
            for a in material.awards
        ]
    if "procedures" in chosen:
        resume["skills"] = [
            {"name": p.category, "level": f"{p.cases} case{'s' if p.cases != 1 else ''} logged", "keywords": ["procedures"]}
            for p in material.procedures
        ]
    if "learning" in chosen:
        extension["continuingEducation"] = [
            {"year": t.year, "creditType": t.credit_type, "amount": hours_text(t.amount), "activities": t.activities}
            for t in material.learning
        ]
    if "memberships" in chosen:
        extension["memberships"] = [_clean({"association": m.association, "level": m.level}) for m in material.memberships]
    if "reflections" in chosen:
        extension["reflections"] = [
            {"title": r.title, "date": r.written_on.isoformat(), "text": r.text} for r in material.reflections
        ]
    if "feedback" in chosen:
        extension["feedback"] = [
            {
                "title": f.title,
                "date": f.closed_on.isoformat(),
                "answers": f.answers,
                "statements": [
                    _clean({"text": s.text, "mean": round(s.mean, 2) if s.mean is not None else None, "rated": s.rated})
                    for s in f.statements
                ],
            }
            for f in material.feedback
        ]
    # An empty section is left out, as in the PDF and the Markdown (docs/portfolio.md).
    for holder in (resume, extension):
        for key in [key for key, value in holder.items() if value == []]:
            del holder[key]
    extension["sections"] = [section.id for section in cv.filled()]
    resume["x-medpath"] = extension
    resume["meta"] = {"lastModified": cv.generated_on.isoformat()}
    return resume
