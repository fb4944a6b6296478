"""The audit packet of one credential and cycle: a PDF summary and a ZIP with the certificates."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from medpath.catalog.loader import catalog
from medpath.learning.models import Certificate, CreditAward, LearningActivity
from medpath.learning.selectors import CredentialStatus
from medpath.rows import spreadsheet_safe


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def summary_pdf(status: CredentialStatus, activities: dict[str, LearningActivity], *, generated: date) -> bytes:
    """A printable summary: status, each rule's counted/required/missing, the counted activities, the rule's source."""
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, title="MedPath audit packet")
    credential = status.credential
    story = [Paragraph(_escape(f"Audit packet: {credential.name}"), styles["Title"])]
    facts = [
        f"Holder: {_escape(credential.owner.get_full_name())}",
        f"Issuer: {_escape(credential.issuer or '—')}; number: {_escape(credential.number or '—')}",
        f"Expires: {credential.expires_on or '—'}",
    ]
    if status.cycle:
        facts.append(f"Cycle: {status.cycle.start} to {status.cycle.end} (renewal {status.cycle.renewal_number})")
    for line in facts:
        story.append(Paragraph(line, styles["Normal"]))
    story.append(Spacer(1, 4 * mm))
    result = status.evaluation
    spec = status.spec
    if result is None or spec is None:
        story.append(Paragraph("No renewal rules are linked to this credential.", styles["Normal"]))
    else:
        story.append(Paragraph(f"Status on {generated}: <b>{result.status}</b>; deadline {result.deadline}.", styles["Normal"]))
        rows = [["Rule", "Required", "Counted", "Missing"]]
        rows += [
            [
                Paragraph(_escape(r.label), styles["BodyText"]),
                f"{r.required:g}",
                f"{r.counted:g}",
                f"{r.missing:g}" if r.applies else "n/a",
            ]
            for r in result.rules
            if r.kind != "cap"
        ]
        story.append(_table(rows, [99 * mm, 25 * mm, 25 * mm, 25 * mm]))
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph("Counted activities", styles["Heading2"]))
        counted = [["Activity", "Completed", "Counted toward", "Amount"]]
        for rule in result.rules:
            for activity_id, amount in rule.allocation:
                activity = activities.get(activity_id)
                if activity is not None:
                    counted.append(
                        [
                            Paragraph(_escape(activity.title), styles["BodyText"]),
                            str(activity.completed_on),
                            Paragraph(_escape(rule.label), styles["BodyText"]),  # wraps; a plain string was cut off
                            f"{amount:g}",
                        ]
                    )
        story.append(
            _table(counted, [62 * mm, 24 * mm, 70 * mm, 18 * mm])  # 174 mm: A4 less the 18 mm margins
            if len(counted) > 1
            else Paragraph("None yet.", styles["Normal"])
        )
        story.append(Spacer(1, 4 * mm))
        source = catalog().sources.get(spec.source)
        cited = f"{source.title} ({source.year}), {source.url}" if source else spec.source
        story.append(
            Paragraph(
                _escape(f"Rules: {spec.name} by {spec.issuer}. Source: {cited}. Last verified {spec.last_verified}."),
                styles["Normal"],
            )
        )
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            "Prepared with MedPath. Confirm every rule with your board; MedPath's copy of the rules may lag.", styles["Italic"]
        )
    )
    document.build(story)
    return out.getvalue()


def _table(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3eef1")),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa7b2")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


CSV_HEADER = (
    "title",
    "completed_on",
    "provider",
    "accreditor",
    "format",
    "credit_amount",
    "credit_type",
    "counted_toward",
    "certificate",
)


def _counted_toward(status: CredentialStatus) -> dict[str, list[str]]:
    """Per activity, each rule it counted toward with the amount in the set's unit: "30 contact hours …: 2.5 contact hours"."""
    unit = status.spec.unit.replace("_", " ") if status.spec else ""
    counted: dict[str, list[str]] = {}
    for rule in status.evaluation.rules if status.evaluation else ():
        for activity_id, amount in rule.allocation:
            counted.setdefault(activity_id, []).append(f"{rule.label}: {amount:g} {unit}".rstrip())
    return counted


def packet_zip(
    status: CredentialStatus,
    activities: dict[str, LearningActivity],
    awards: dict[int, list[CreditAward]],
    certificates: dict[int, Certificate],
    *,
    generated: date,
) -> bytes:
    """summary.pdf, activities.csv (each counted activity with its credits and the rules it counted toward) and every
    counted activity's certificate file. An activity with several awards lists them "; "-separated, in the order
    entered, in credit_amount and credit_type alike."""
    out = io.BytesIO()
    counted_toward = _counted_toward(status)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.pdf", summary_pdf(status, activities, generated=generated))
        table = io.StringIO()
        writer = csv.writer(table)
        writer.writerow(CSV_HEADER)
        for activity_id in sorted(counted_toward, key=lambda a: activities[a].completed_on if a in activities else date.min):
            activity = activities.get(activity_id)
            if activity is None:
                continue
            certificate = certificates.get(activity.certificate_id) if activity.certificate_id else None
            name = f"certificates/{activity.completed_on}-{activity.pk}-{certificate.original_name}" if certificate else ""
            credits = awards.get(activity.pk, [])
            row = [
                activity.title,
                activity.completed_on,
                activity.provider,
                activity.accreditor,
                activity.format,
                "; ".join(f"{award.amount.normalize():f}" for award in credits),
                "; ".join(award.credit_type for award in credits),
                "; ".join(counted_toward[activity_id]),
                name,
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in row])  # boards open it in a spreadsheet
            if certificate is not None:
                with certificate.file.open("rb") as handle:
                    archive.writestr(name, handle.read())
        archive.writestr("activities.csv", table.getvalue())
    return out.getvalue()
