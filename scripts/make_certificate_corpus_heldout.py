"""Generate the held-out certificate evaluation corpus in tests/learning/certificates_heldout/.

Every certificate is drawn with reportlab in invariant mode, so re-running gives byte-identical files.
The truth (expected.json) is written from the same definitions that draw each page.

    .venv/bin/python scripts/make_certificate_corpus_heldout.py           # rewrite the folder
    .venv/bin/python scripts/make_certificate_corpus_heldout.py --check   # regenerate into a temp dir, fail on any difference
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import io
import json
import random
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

rl_config.invariant = 1

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "learning" / "certificates_heldout"

LETTER = (612.0, 792.0)
LETTER_L = (792.0, 612.0)
A4 = (595.28, 841.89)
A4_L = (841.89, 595.28)
CARD = (243.0, 153.0)

BLACK = (0.0, 0.0, 0.0)
GREY = (0.4, 0.4, 0.4)
NAVY = (0.07, 0.16, 0.36)
TEAL = (0.0, 0.42, 0.45)
MAROON = (0.45, 0.08, 0.12)
GREEN = (0.12, 0.38, 0.18)
GOLD = (0.72, 0.56, 0.18)
RED = (0.75, 0.1, 0.1)
PLUM = (0.36, 0.16, 0.42)
PALE = (0.93, 0.95, 0.98)
CREAM = (0.99, 0.97, 0.9)


@dataclass
class Page:
    """One page as a list of drawing operations, rendered to PDF or to a Pillow image."""

    size: tuple[float, float]
    ops: list[tuple] = field(default_factory=list)

    @property
    def w(self) -> float:
        """Page width in points."""
        return self.size[0]

    @property
    def h(self) -> float:
        """Page height in points."""
        return self.size[1]

    def text(self, x: float, y: float, s: str, font: str = "Helvetica", size: float = 11, align: str = "l", color=BLACK) -> None:
        """Draw one line of text; align is l, c or r."""
        self.ops.append(("text", x, y, s, font, size, align, color))

    def center(self, y: float, s: str, font: str = "Helvetica", size: float = 11, color=BLACK) -> None:
        """Draw one line centred on the page."""
        self.text(self.w / 2, y, s, font, size, "c", color)

    def lines(
        self,
        x: float,
        y: float,
        rows: list[str],
        font: str = "Helvetica",
        size: float = 11,
        lead: float = 0,
        align="l",
        color=BLACK,
    ) -> float:
        """Draw several lines downwards from y and return the baseline below the last one."""
        lead = lead or size * 1.3
        for row in rows:
            self.text(x, y, row, font, size, align, color)
            y -= lead
        return y

    def para(
        self, x: float, y: float, s: str, width: float, font="Helvetica", size=9.0, lead=0.0, align="l", color=BLACK
    ) -> float:
        """Wrap s to width and draw it; return the baseline below it."""
        return self.lines(x, y, simpleSplit(s, font, size, width), font, size, lead, align, color)

    def rect(self, x: float, y: float, w: float, h: float, lw: float = 1.0, color=BLACK, fill=None) -> None:
        """Draw a rectangle, optionally filled (lw 0 for no stroke)."""
        self.ops.append(("rect", x, y, w, h, lw, color, fill))

    def line(self, x1: float, y1: float, x2: float, y2: float, lw: float = 1.0, color=BLACK, dash: bool = False) -> None:
        """Draw a straight line."""
        self.ops.append(("line", x1, y1, x2, y2, lw, color, dash))

    def circle(self, x: float, y: float, r: float, lw: float = 1.0, color=BLACK, fill=None) -> None:
        """Draw a circle, optionally filled."""
        self.ops.append(("circle", x, y, r, lw, color, fill))


@dataclass
class Cert:
    """A certificate: its pages, how it is stored, and the truth a careful reader takes from it."""

    name: str
    layout: str
    pages: list[Page]
    title: str | None
    completed_on: str | None
    credits: list[tuple[str, str]]
    notes: str
    kind: str = "text"  # text, scan, encrypted, damaged
    scan: dict = field(default_factory=dict)


# ---------------------------------------------------------------- drawing helpers


def border(p: Page, style: str, color=NAVY) -> None:
    """Draw a page border: double, thick, corners, band, thin or none."""
    m = 22
    if style == "double":
        p.rect(m, m, p.w - 2 * m, p.h - 2 * m, 2.5, color)
        p.rect(m + 7, m + 7, p.w - 2 * m - 14, p.h - 2 * m - 14, 0.8, color)
    elif style == "thick":
        p.rect(m, m, p.w - 2 * m, p.h - 2 * m, 7, color)
    elif style == "corners":
        p.rect(m, m, p.w - 2 * m, p.h - 2 * m, 1.2, color)
        for cx, cy in ((m, m), (p.w - m, m), (m, p.h - m), (p.w - m, p.h - m)):
            p.circle(cx, cy, 11, 1.2, color, fill=CREAM)
            p.circle(cx, cy, 5, 0, color, fill=color)
    elif style == "band":
        p.rect(0, p.h - 70, p.w, 70, 0, color, fill=color)
        p.rect(0, 0, p.w, 14, 0, color, fill=color)
    elif style == "thin":
        p.rect(m, m, p.w - 2 * m, p.h - 2 * m, 0.6, color)


def seal(p: Page, x: float, y: float, r: float, letters: str, color=GOLD) -> None:
    """Draw a round seal with initials."""
    p.circle(x, y, r, 0, color, fill=color)
    p.circle(x, y, r - 4, 1, (1, 1, 1))
    p.text(x, y - r * 0.18, letters, "Times-Bold", r * 0.55, "c", (1, 1, 1))


def sign(p: Page, x: float, y: float, name: str, role: str, script: str | None = None) -> None:
    """Draw a signature in italics over a rule, with name and role beneath."""
    p.text(x, y + 5, script or name.split(",")[0], "Times-Italic", 15, "c", NAVY)
    p.line(x - 95, y, x + 95, y, 0.7)
    p.text(x, y - 12, name, "Helvetica", 8.5, "c")
    p.text(x, y - 23, role, "Helvetica", 8, "c", GREY)


def rows(
    p: Page, x: float, y: float, pairs: list[tuple[str, str]], col: float, size=10.5, lead=0.0, lfont="Helvetica-Bold"
) -> float:
    """Draw label/value pairs in two columns; return the baseline below them."""
    lead = lead or size * 1.75
    for label, value in pairs:
        p.text(x, y, label, lfont, size)
        p.text(x + col, y, value, "Helvetica", size)
        y -= lead
    return y


def table(
    p: Page, x: float, y: float, widths: list[float], cells: list[list[str]], size=9.5, head_fill=PALE, right_from=99
) -> float:
    """Draw a ruled table whose first row is a header; return the y of its bottom edge."""
    rh = size * 2.0
    total = sum(widths)
    for i, row in enumerate(cells):
        top = y - i * rh
        if i == 0:
            p.rect(x, top - rh, total, rh, 0, BLACK, fill=head_fill)
        cx = x
        for j, cell in enumerate(row):
            font = "Helvetica-Bold" if i == 0 else "Helvetica"
            if j >= right_from and i > 0:
                p.text(cx + widths[j] - 6, top - rh + size * 0.65, cell, font, size, "r")
            else:
                p.text(cx + 5, top - rh + size * 0.65, cell, font, size)
            cx += widths[j]
    bottom = y - len(cells) * rh
    p.rect(x, bottom, total, y - bottom, 0.7)
    for i in range(1, len(cells)):
        p.line(x, y - i * rh, x + total, y - i * rh, 0.4)
    cx = x
    for wdt in widths[:-1]:
        cx += wdt
        p.line(cx, y, cx, bottom, 0.4)
    return bottom


def long_date(d: dt.date, weekday: bool = False) -> str:
    """Format a date as 'October 15, 2026', optionally with the weekday in front."""
    s = f"{d:%B} {d.day}, {d.year}"
    return f"{d:%A}, {s}" if weekday else s


def iso(d: dt.date | None) -> str | None:
    """ISO date string or None."""
    return d.isoformat() if d else None


TM = "\u2122"
EM = "\u2014"
EN = "\u2013"
RSQ = "\u2019"
BUL = "\u2022"


# ---------------------------------------------------------------- state nursing associations


def sna_01() -> Cert:
    """Prairie state nurses association: landscape, contact hours in a details box, MM-DD-YYYY date."""
    p = Page(LETTER_L)
    border(p, "double", GREEN)
    title = "Sepsis Recognition in the First Hour"
    p.center(548, "PRAIRIE STATE NURSES ASSOCIATION", "Helvetica-Bold", 16, GREEN)
    p.center(532, "1180 Meridian Avenue, Suite 300  |  Cottonwood Falls, KS 66999  |  (785) 555-0142", "Helvetica", 8.5, GREY)
    p.center(478, "Certificate of Successful Completion", "Times-Bold", 32, GREEN)
    p.center(446, "is presented to", "Times-Italic", 13)
    p.center(414, "Delphine M. Okafor, RN, BSN, CCRN", "Times-BoldItalic", 24)
    p.center(396, "RN License #: KS-0417732", "Helvetica", 9, GREY)
    p.center(368, "for successful completion of", "Times-Italic", 13)
    p.center(338, title, "Helvetica-Bold", 19)
    p.rect(96, 214, 250, 92, 1, GREEN, fill=PALE)
    rows(
        p,
        110,
        284,
        [("Nursing Contact Hours: 1.5", ""), ("Completion Date: 10-15-2026", ""), ("Activity Code: PSNA-26-0311", "")],
        0,
        10.5,
        24,
    )
    p.para(
        380,
        292,
        "Prairie State Nurses Association is accredited as a provider of nursing continuing professional development by the "
        f"American Nurses Credentialing Center{RSQ}s Commission on Accreditation. Provider Number P0912.",
        310,
        size=8.5,
    )
    p.para(380, 244, "Keep this certificate for four (4) years for licensure audit purposes.", 310, "Helvetica-Oblique", 8.5)
    sign(p, 250, 120, "Marguerite L. Haskins, DNP, RN, NPD-BC", "Nurse Planner")
    sign(p, 542, 120, "Owen Farraday, MSN, RN", "Director of Education")
    seal(p, 396, 110, 30, "PSNA", GREEN)
    return Cert(
        "sna-01",
        "state nursing association; landscape, double border, details box",
        [p],
        title,
        "2026-10-15",
        [("contact_hours", "1.5")],
        "'Nursing Contact Hours: 1.5'; date printed 10-15-2026 (month first); license number, ZIP, phone, provider P0912, "
        "'four (4) years' retention note.",
    )


def sna_02() -> Cert:
    """Lakeshore nurses association: portrait letter, 'This program awards 2 contact hours', weekday date, wrapped title."""
    p = Page(LETTER)
    d = dt.date(2026, 2, 10)
    tl = ["Culturally Responsive Care for Patients", "with Limited English Proficiency"]
    p.rect(0, 712, 612, 80, 0, TEAL, fill=TEAL)
    p.text(56, 756, "LAKESHORE NURSES ASSOCIATION", "Helvetica-Bold", 17, "l", (1, 1, 1))
    p.text(56, 738, "Continuing Nursing Education  |  2290 Harbor Drive, Pine Landing, MI 49999", "Helvetica", 9, "l", (1, 1, 1))
    p.center(640, "Certificate of Attendance", "Times-Bold", 30, TEAL)
    p.center(600, "This certifies that", "Times-Roman", 13)
    p.center(568, "Rosalind Achterberg, MSN, RN-BC", "Times-Bold", 22)
    p.center(536, "attended the entire session and completed the evaluation for", "Times-Roman", 13)
    y = p.lines(p.w / 2, 502, tl, "Helvetica-Bold", 17, 22, "c")
    p.center(y - 10, f"Attended on {long_date(d, True)}", "Helvetica", 12)
    p.center(y - 30, "Harborview Conference Center, Room 2B  |  Program #: LNA-0226-14", "Helvetica", 9.5, GREY)
    y = p.para(
        80,
        y - 76,
        "This program awards 2 contact hours to nurses who attend the entire session and complete the evaluation. "
        "Lakeshore Nurses Association is approved as a provider of nursing continuing professional development by the "
        "Great Lakes Nurses Association Approver Unit, an accredited approver by the American Nurses Credentialing Center"
        f"{RSQ}s Commission on Accreditation.",
        452,
        size=10,
        lead=14,
    )
    sign(p, 190, 150, "Bernadette Kowalczyk, PhD, RN", "Lead Nurse Planner")
    sign(p, 422, 150, "Samuel Oyelaran, MSN, RN", "Program Chair")
    p.center(50, "Questions: education@lakeshore-nurses.example  |  (616) 555-0127", "Helvetica", 8, GREY)
    return Cert(
        "sna-02",
        "state nursing association; portrait, colour header band, centred text",
        [p],
        " ".join(tl),
        iso(d),
        [("contact_hours", "2")],
        "Integer '2 contact hours' inside a sentence ('This program awards ...'); she attended the whole session and "
        "completed the evaluation, so earned; date with weekday after 'Attended on'; title wrapped over two "
        "lines; program number LNA-0226-14.",
    )


def sna_03() -> Cert:
    """Evergreen coast nurses association: CNE wording, quoted title, printed-on date beside the earned date."""
    p = Page(LETTER_L)
    border(p, "thick", PLUM)
    title = "Navigating Difficult Conversations at the End of Life"
    seal(p, 110, 500, 36, "ECNA", PLUM)
    p.text(160, 512, "Evergreen Coast Nurses Association", "Times-Bold", 20, "l", PLUM)
    p.text(160, 494, "Continuing Nursing Education (CNE) Certificate", "Helvetica", 12)
    p.text(160, 430, "Awarded to", "Helvetica", 11, "l", GREY)
    p.text(160, 404, "Tomasz Wierzbicki, BSN, RN, CEN", "Times-Bold", 24)
    p.text(160, 370, "in recognition of completing", "Helvetica", 11, "l", GREY)
    p.text(160, 342, f"\u201c{title}\u201d", "Times-BoldItalic", 20)
    rows(
        p,
        160,
        290,
        [("CNE Contact Hours Earned:", "3.25"), ("Date Earned:", "Oct. 15, 2026"), ("Certificate #:", "ECNA-2026-08815")],
        170,
        11,
    )
    p.para(
        160,
        200,
        "Evergreen Coast Nurses Association is accredited with distinction as a provider of nursing continuing professional "
        "development by the American Nurses Credentialing Center's Commission on Accreditation (Provider #P0577).",
        520,
        size=8.5,
    )
    sign(p, 560, 110, "Ingrid Solvang, MN, RN", "Nurse Planner")
    p.text(60, 44, "Printed on 11/02/2026 4:17 PM", "Helvetica", 7.5, "l", GREY)
    p.text(732, 44, "Page 1 of 1", "Helvetica", 7.5, "r", GREY)
    return Cert(
        "sna-03",
        "state nursing association; landscape, thick border, seal left, label column",
        [p],
        title,
        "2026-10-15",
        [("contact_hours", "3.25")],
        "'CNE Contact Hours Earned: 3.25'; title in curly quotes after 'in recognition of completing'; "
        "'Date Earned: Oct. 15, 2026' vs 'Printed on 11/02/2026' (not completion); certificate number, provider number, "
        "'Page 1 of 1'.",
    )


def sna_04() -> Cert:
    """Heartland nurses association district: attendance certificate whose only credit statement is an approval maximum."""
    p = Page(LETTER)
    border(p, "corners", MAROON)
    title = "Wound Care Essentials: Staging, Dressings, and Documentation"
    p.center(700, "Heartland Nurses Association " + EN + " District 7", "Times-Bold", 18, MAROON)
    p.center(682, "407 Granary Street, Elm Bluff, NE 68999", "Helvetica", 9, GREY)
    p.center(610, "CERTIFICATE OF ATTENDANCE", "Helvetica-Bold", 24)
    p.center(566, "Jolene Petracca, LPN", "Times-BoldItalic", 22)
    p.center(540, "was in attendance at", "Times-Roman", 12)
    p.center(512, title, "Helvetica-Bold", 14)
    p.center(482, "Date of Activity: 03/09/2026   |   Location: Elm Bluff Public Library, Meeting Room A", "Helvetica", 10)
    p.para(
        90,
        420,
        "This activity has been approved for up to 4.0 nursing contact hours by the Heartland Nurses Association, an approved "
        "provider of nursing continuing professional development. Contact hours are issued separately, after the online "
        "evaluation is submitted, on a Statement of Contact Hours.",
        432,
        size=10,
        lead=14,
    )
    sign(p, 306, 200, "Clarice Vandermolen, RN", "District 7 Education Chair")
    return Cert(
        "sna-04",
        "state nursing association; portrait, ornate corners, attendance only",
        [p],
        title,
        "2026-03-09",
        [],
        "Only credit statement is 'approved for up to 4.0 nursing contact hours'; the page says hours are issued separately, "
        "so nothing earned is stated. Title has a colon subtitle.",
    )


# ---------------------------------------------------------------- hospital education departments


def hosp_01() -> Cert:
    """Hospital clinical education: ruled label/value grid with 'Program:' and 'Credit Hours', test score."""
    p = Page(LETTER)
    title = "Insulin Pump and CGM Management for Inpatients"
    p.rect(50, 700, 36, 36, 0, TEAL, fill=TEAL)
    p.rect(62, 706, 12, 24, 0, TEAL, fill=(1, 1, 1))
    p.rect(56, 712, 24, 12, 0, TEAL, fill=(1, 1, 1))
    p.text(96, 722, "St. Brigid Regional Medical Center", "Helvetica-Bold", 16, "l", TEAL)
    p.text(96, 706, "Department of Clinical Education & Professional Development", "Helvetica", 10)
    p.text(
        50, 684, "4400 Larkspur Parkway  |  Millbrook, OR 97999  |  Education Office (503) 555-0178", "Helvetica", 8.5, "l", GREY
    )
    p.line(50, 674, 562, 674, 1.5, TEAL)
    p.center(628, "Certificate of Completion", "Times-Bold", 28)
    cells = [
        ["Field", "Record"],
        ["Employee:", "Harriet Nwachukwu, RN"],
        ["Employee ID:", "00481273"],
        ["Unit:", "4 West Medical-Surgical"],
        ["Program:", title],
        ["Date Completed:", "August 3, 2026"],
        ["Credit Hours:", "2.0"],
        ["Post-test:", f"Passing score 80%  {BUL}  Your score 92%"],
    ]
    bottom = table(p, 70, 590, [130, 342], cells, 10.5)
    p.para(
        70,
        bottom - 30,
        "This nursing continuing professional development activity was approved by the St. Brigid Regional Medical Center "
        "Nurse Planner Committee (Approved Provider #OR-2209). Credit hours listed are continuing education hours.",
        472,
        size=9,
        lead=12,
    )
    sign(p, 190, 170, "Naomi Teshome, MSN, RN, NPD-BC", "Clinical Educator")
    sign(p, 422, 170, "Gareth Lindqvist, DNP, RN", "Director, Clinical Education")
    p.text(50, 40, "Form CE-14 rev. 03/2025", "Helvetica", 7, "l", GREY)
    return Cert(
        "hosp-01",
        "hospital education department; portrait, logo cross, ruled two-column grid",
        [p],
        title,
        "2026-08-03",
        [("contact_hours", "2.0")],
        "Generic continuing-education 'Credit Hours: 2.0' (contact hours); title under 'Program:' in a grid; employee ID, "
        "'Passing score 80%', 'Your score 92%', form revision date 03/2025, phone and ZIP.",
    )


def hosp_02() -> Cert:
    """Health system annual competency: completion and expiration dates, no credit."""
    p = Page(LETTER_L)
    border(p, "thin", NAVY)
    title = "Restraint and Seclusion: Safe Application and Monitoring"
    p.rect(22, 520, 748, 70, 0, NAVY, fill=NAVY)
    p.text(48, 548, "Valley Crossing Health System", "Helvetica-Bold", 22, "l", (1, 1, 1))
    p.text(744, 548, "Annual Competency Validation", "Helvetica", 13, "r", (1, 1, 1))
    p.center(450, "Marcus T. Delacroix-Bell, RRT", "Times-Bold", 26)
    p.center(420, "has completed", "Times-Italic", 13)
    p.center(388, title, "Helvetica-Bold", 18)
    p.center(340, "Completion Date: 09/30/2026", "Helvetica", 12)
    p.center(318, "This competency is valid for 12 months.  Expires: 09/30/2027", "Helvetica", 11)
    p.center(270, "No continuing education credit is awarded for this competency.", "Helvetica-Oblique", 10, GREY)
    sign(p, 396, 150, "Theresa Abernathy-Cole, MSN, RN", "Manager, Organizational Learning")
    p.text(48, 40, "Competency ID: VCHS-RS-2026  |  Employee #: 7715209", "Helvetica", 8, "l", GREY)
    return Cert(
        "hosp-02",
        "hospital education department; landscape, header bar, competency record",
        [p],
        title,
        "2026-09-30",
        [],
        "Competency without credit ('No continuing education credit is awarded'); completion 09/30/2026 vs expiration "
        "09/30/2027; 'valid for 12 months'; employee number.",
    )


def hosp_03() -> Cert:
    """Children's hospital professional development: ALL CAPS title, 'one (1) contact hour'."""
    p = Page(LETTER_L)
    border(p, "double", TEAL)
    title = "PEDIATRIC EARLY WARNING SCORE (PEWS) IMPLEMENTATION"
    for i, col in enumerate((RED, GOLD, GREEN, TEAL)):
        p.circle(84 + i * 22, 530, 9, 0, col, fill=col)
    p.text(190, 538, f"Children{RSQ}s Hospital of the Northern Valley", "Helvetica-Bold", 16, "l", TEAL)
    p.text(190, 522, "Nursing Professional Development", "Helvetica", 11)
    p.center(452, "C E R T I F I C A T E", "Helvetica-Bold", 30, TEAL)
    p.center(420, "PRESENTED TO", "Helvetica", 10, GREY)
    p.center(392, "Yesenia Calder\u00f3n-Ruiz, BSN, RN, CPN", "Times-Bold", 24)
    p.center(362, "FOR SUCCESSFULLY COMPLETING", "Helvetica", 10, GREY)
    p.center(334, title, "Helvetica-Bold", 17)
    p.center(298, "Awarded: May 6, 2026", "Helvetica", 11)
    p.para(
        120,
        262,
        "Participants who complete the session and the evaluation receive one (1) contact hour of nursing continuing "
        f"professional development. Children{RSQ}s Hospital of the Northern Valley is approved as a provider of nursing "
        "continuing professional development by the Northwest Multistate Approver Unit.",
        552,
        size=9.5,
        lead=13,
    )
    sign(p, 250, 110, "Annika Brevik, MSN, RN, CPN", "Nursing Professional Development Specialist")
    sign(p, 542, 110, "Darnell Whitcombe, DNP, RN", "Chief Nursing Officer")
    return Cert(
        "hosp-03",
        "hospital education department; landscape, coloured dots logo, spaced capitals",
        [p],
        title,
        "2026-05-06",
        [("contact_hours", "1")],
        "Title in ALL CAPS (truth as printed) with an acronym in parentheses; amount in words and digits 'one (1) contact hour' "
        "inside a sentence; the only date is 'Awarded: May 6, 2026'.",
    )


def hosp_04() -> Cert:
    """Hospital medical staff CME: series vs Topic, weekday date, 'Category 1 credit(s) claimed: 1' beside a 1.0 maximum."""
    p = Page(LETTER)
    d = dt.date(2026, 1, 14)
    title = "Anticoagulation Reversal in Intracranial Hemorrhage"
    border(p, "thin", MAROON)
    p.text(60, 730, "Mercy Ridge Hospital", "Times-Bold", 22, "l", MAROON)
    p.text(60, 712, f"Medical Staff Office {EM} Continuing Medical Education", "Helvetica", 10.5)
    p.text(552, 730, "CME", "Helvetica-Bold", 26, "r", MAROON)
    p.line(60, 700, 552, 700, 1, MAROON)
    p.center(648, "Certificate of Credit", "Times-Bold", 26)
    y = rows(
        p,
        80,
        596,
        [
            ("Physician:", "Arvind Subramaniam, MD"),
            ("Series:", "Neuroscience Case Conference (Session 14)"),
            ("Topic:", title),
            ("Date of Activity:", long_date(d, True)),
            ("Time:", "7:00 " + EN + " 8:00 AM"),
            ("Category 1 credit(s) claimed:", "1"),
        ],
        170,
        10.5,
        24,
    )
    p.para(
        80,
        y - 12,
        "Mercy Ridge Hospital is accredited by the Rocky Mountain Medical Society to provide continuing medical education for "
        f"physicians. Mercy Ridge Hospital designates this live activity for a maximum of 1.0 AMA PRA Category 1 Credit{TM}. "
        "Physicians should claim only the credit commensurate with the extent of their participation in the activity.",
        452,
        size=9.5,
        lead=13,
    )
    sign(p, 306, 170, "Leonora Castellanos-Reyes, MD", "Chair, CME Committee")
    p.center(
        60, "Mercy Ridge Hospital  |  9 Hospital Hill Road, Ridgecrest Falls, CO 80999  |  (970) 555-0163", "Helvetica", 8, GREY
    )
    return Cert(
        "hosp-04",
        "hospital medical staff CME; portrait, label column",
        [p],
        title,
        iso(d),
        [("ama_pra_cat1", "1")],
        "Title after 'Topic:' (series name is not the title); 'Category 1 credit(s) claimed: 1' (integer) "
        "beside 'maximum of 1.0'; date with weekday; time range 7:00-8:00 AM; session number 14.",
    )


def hosp_05() -> Cert:
    """APP fellowship: verified supervised practice hours, practice period, signature date later than completion."""
    p = Page(LETTER)
    title = "Adult-Gerontology Acute Care Fellowship Rotation"
    p.rect(40, 40, 532, 712, 1, GREEN)
    p.text(60, 720, "Summit Valley Medical Center", "Helvetica-Bold", 17, "l", GREEN)
    p.text(60, 703, "Advanced Practice Provider Fellowship Program", "Helvetica", 10.5)
    p.center(650, "Verification of Supervised Clinical Practice Hours", "Times-Bold", 20)
    y = rows(
        p,
        80,
        600,
        [
            ("Fellow:", "Priyanka Venkataraman, MSN, AGACNP-BC"),
            ("Practicum:", title),
            ("Practice period:", f"01/05/2026 {EN} 04/24/2026"),
            ("Practicum completed:", "April 24, 2026"),
            ("Verified clinical practice hours:", "240"),
            ("Minimum required:", "200 hours"),
            ("Preceptor:", "Olusegun Afolabi, MD  (License #: MD-55120)"),
        ],
        190,
        10.5,
        24,
    )
    p.para(
        80,
        y - 10,
        "I attest that the fellow named above completed the supervised clinical practice hours shown, "
        "under my direct supervision.",
        452,
        size=10,
    )
    sign(p, 200, 220, "Olusegun Afolabi, MD", "Preceptor")
    p.text(400, 225, "Signed: April 27, 2026", "Helvetica", 10)
    return Cert(
        "hosp-05",
        "hospital fellowship; portrait, attestation form",
        [p],
        title,
        "2026-04-24",
        [("practice_hours", "240")],
        "Supervised practice hours 240 vs minimum required 200; practice period 01/05-04/24/2026 with 'Practicum completed: "
        "April 24, 2026'; signature date April 27 is not completion; licence number.",
    )


# ---------------------------------------------------------------- specialty societies


def spec_01() -> Cert:
    """Emergency medicine college online: 'You have earned 1 AMA PRA Category 1 Credit' and an em-dash subtitle."""
    p = Page(LETTER_L)
    title = f"Pediatric Airway Emergencies {EM} A Case-Based Approach"
    p.rect(0, 0, 150, 612, 0, RED, fill=RED)
    p.text(75, 520, "CCEP", "Helvetica-Bold", 30, "c", (1, 1, 1))
    p.text(75, 500, "Online Learning", "Helvetica", 11, "c", (1, 1, 1))
    p.text(190, 540, "Cascade College of Emergency Physicians", "Helvetica-Bold", 18, "l", RED)
    p.text(190, 470, "Certificate of Completion", "Times-Bold", 30)
    p.text(190, 420, "Isabela Fontaine-Whitaker, MD, FACEP", "Times-Bold", 22)
    p.text(190, 390, f"You have earned 1 AMA PRA Category 1 Credit{TM} for", "Helvetica", 12)
    p.text(190, 360, title, "Helvetica-Bold", 17)
    p.text(190, 320, "Completed: 02/27/2026", "Helvetica", 11)
    p.text(190, 302, f"Release date: 09/01/2025  {BUL}  Expiration date: 08/31/2028", "Helvetica", 9, "l", GREY)
    p.para(
        190,
        260,
        "The Cascade College of Emergency Physicians is accredited by the Accreditation Council for Continuing Medical "
        f"Education (ACCME) to provide continuing medical education for physicians. CCEP designates this enduring material "
        f"for a maximum of 1 AMA PRA Category 1 Credit{TM}.",
        540,
        size=8.5,
    )
    sign(p, 620, 110, "Roderick Ng, MD", "Chair, Education Committee")
    p.text(190, 40, "Transaction 7781-20260227-0093  |  Page 1 of 1", "Helvetica", 7.5, "l", GREY)
    return Cert(
        "spec-01",
        "specialty society (emergency medicine); landscape, red sidebar",
        [p],
        title,
        "2026-02-27",
        [("ama_pra_cat1", "1")],
        "'You have earned 1 AMA PRA Category 1 Credit™' (integer, singular); subtitle after an em dash is part of the title; "
        "release/expiration dates vs 'Completed:'; maximum also 1; transaction number.",
    )


def spec_02() -> Cert:
    """Regional anesthesia society workshop: certificate number, two-day dates, maximum 6.0 vs claimed 4.5."""
    p = Page(LETTER_L)
    border(p, "corners", NAVY)
    title = "Hands-On Ultrasound-Guided Peripheral Nerve Blocks"
    p.text(60, 560, "Certificate #2026-00417", "Helvetica", 9, "l", GREY)
    p.center(530, "SOUTHWEST SOCIETY OF REGIONAL ANESTHESIA", "Helvetica-Bold", 15, NAVY)
    p.center(470, "Certificate of Participation", "Times-Bold", 30)
    p.center(436, "Kenji Moritani, MD", "Times-BoldItalic", 24)
    p.center(410, "participated in the workshop", "Times-Roman", 12)
    p.center(382, title, "Helvetica-Bold", 18)
    p.center(350, f"Workshop dates: March 6{EN}7, 2026  |  Mesa Verde Simulation Center, Sandstone, AZ 85999", "Helvetica", 10)
    p.center(330, "Completion date: March 7, 2026", "Helvetica", 11)
    p.para(
        110,
        292,
        "The Southwest Society of Regional Anesthesia (SSRA) is accredited by the ACCME to provide continuing medical "
        f"education for physicians. The SSRA designates this live activity for a maximum of 6.0 AMA PRA Category 1 Credits{TM}. "
        "Physicians should claim only the credit commensurate with the extent of their participation in the activity.",
        572,
        size=9,
        lead=12,
    )
    p.rect(316, 196, 160, 40, 1, NAVY, fill=PALE)
    p.text(396, 211, "Credits claimed: 4.5", "Helvetica-Bold", 12, "c")
    sign(p, 220, 110, "Evangeline Ashworth, MD", "SSRA President")
    sign(p, 572, 110, "Tobias Reinholt, MD", "Workshop Director")
    return Cert(
        "spec-02",
        "specialty society (anesthesia); landscape, corners, claimed box",
        [p],
        title,
        "2026-03-07",
        [("ama_pra_cat1", "4.5")],
        "Maximum 6.0 designated, 'Credits claimed: 4.5' in a box (type from the designation statement); two-day workshop "
        "'March 6–7, 2026' with a separate completion date; 'Certificate #2026-00417'; ZIP.",
    )


def spec_03() -> Cert:
    """Pediatric society: 'for attending', credits table with headers, AMA PRA plus MOC points."""
    p = Page(LETTER)
    title = "Adolescent Mental Health in Primary Care: From Screening to Referral"
    border(p, "double", GREEN)
    seal(p, 306, 690, 32, "MPS", GREEN)
    p.center(636, "Midlands Pediatric Society", "Times-Bold", 22, GREEN)
    p.center(580, "This certificate is awarded to", "Times-Italic", 12)
    p.center(552, "Colette Baptiste-Morrow, MD, FAAP", "Times-Bold", 22)
    p.center(524, "for attending", "Times-Italic", 12)
    y = p.lines(
        306, 496, ["Adolescent Mental Health in Primary Care:", "From Screening to Referral"], "Helvetica-Bold", 15, 20, "c"
    )
    p.center(y - 6, "Date of Activity: 04/25/2026   |   ABP ID: 1048821", "Helvetica", 10)
    cells = [
        ["Credits Awarded", "Amount"],
        [f"AMA PRA Category 1 Credits{TM}", "2.00"],
        ["ABP MOC Part 2 points", "2"],
    ]
    bottom = table(p, 130, y - 40, [260, 92], cells, 10.5, right_from=1)
    p.para(
        90,
        bottom - 28,
        "The Midlands Pediatric Society is accredited by the ACCME to provide continuing medical education for physicians. "
        f"The Society designates this live activity for a maximum of 2.00 AMA PRA Category 1 Credits{TM}. Successful "
        "completion of this activity, which includes participation in the evaluation component, enables the participant to "
        "earn up to 2 MOC points in the American Board of Pediatrics' (ABP) Maintenance of Certification program.",
        432,
        size=8.5,
        lead=11,
    )
    sign(p, 306, 110, "Francesca Adeyemi, MD", "CME Director")
    return Cert(
        "spec-03",
        "specialty society (pediatrics); portrait, seal, awards table with header",
        [p],
        title,
        "2026-04-25",
        [("ama_pra_cat1", "2.00"), ("moc_points", "2")],
        "Title wrapped over two lines after 'for attending'; table 'Credits Awarded | Amount' with AMA PRA 2.00 and ABP MOC "
        "points 2; designation/up-to statements below repeat the same numbers; ABP ID.",
    )


def spec_04() -> Cert:
    """Oncology nursing chapter: three-line title, M/D/YYYY date, contact hours plus an ILNA area that is not an award."""
    p = Page(LETTER)
    tl = [
        "Immune Checkpoint Inhibitor Toxicities:",
        "Early Recognition, Grading, and Nursing",
        "Management in the Ambulatory Setting",
    ]
    p.rect(0, 742, 612, 50, 0, PLUM, fill=PLUM)
    p.text(40, 760, "Northern Plains Oncology Nursing Chapter", "Helvetica-Bold", 15, "l", (1, 1, 1))
    p.center(680, "Certificate of Completion", "Times-Bold", 28, PLUM)
    p.center(640, "Marguerite Oyelowo-Banks, RN, OCN", "Times-Bold", 20)
    p.center(614, "has completed the educational activity", "Times-Roman", 12)
    y = p.lines(306, 584, tl, "Helvetica-Bold", 15, 20, "c")
    y = rows(
        p,
        150,
        y - 20,
        [("Date:", "6/11/2026"), ("NCPD contact hours:", "3.0"), ("ILNA subject area:", "Symptom Management (3.0)")],
        150,
        11,
        22,
    )
    p.para(
        80,
        y - 16,
        "Northern Plains Oncology Nursing Chapter is approved as a provider of nursing continuing professional development by "
        "the Dakota Nurses Association, an accredited approver by the American Nurses Credentialing Center's Commission on "
        "Accreditation. ILNA: Individual Learning Needs Assessment category for certification renewal.",
        452,
        size=8.5,
    )
    sign(p, 306, 150, "Harriet Oduya, MSN, RN, AOCNS", "Chapter Education Chair")
    p.text(40, 40, "NPONC, PO Box 8810, Bismarck Flats, ND 58999", "Helvetica", 7.5, "l", GREY)
    return Cert(
        "spec-04",
        "specialty society (oncology nursing); portrait, header band, label column",
        [p],
        " ".join(tl),
        "2026-06-11",
        [("contact_hours", "3.0")],
        "Title wrapped over three lines; 'Date: 6/11/2026' (single date); 'ILNA subject area: Symptom Management (3.0)' "
        "is a certification category for the same hours, not another award; PO Box and ZIP.",
    )


def spec_05() -> Cert:
    """Respiratory care society: CRCE contact hours, activity date vs issued date, licence numbers."""
    p = Page(LETTER_L)
    border(p, "double", TEAL)
    title = "High-Flow Nasal Cannula in Adults: Evidence and Practice"
    p.text(60, 540, "Great Basin Society for Respiratory Care", "Helvetica-Bold", 18, "l", TEAL)
    p.text(60, 522, "A chartered affiliate  |  3310 Juniper Way, Silver Sage, NV 89999", "Helvetica", 9, "l", GREY)
    p.text(732, 540, "CRCE", "Helvetica-Bold", 24, "r", TEAL)
    p.center(456, "Continuing Education Certificate", "Times-Bold", 28)
    p.center(418, "Rafael Quintero-Lund, RRT, RCP", "Times-Bold", 22)
    p.center(398, "CA RCP License # 33091", "Helvetica", 9, GREY)
    p.center(372, "successfully completed", "Times-Italic", 12)
    p.center(344, title, "Helvetica-Bold", 17)
    rows(
        p,
        180,
        300,
        [
            ("Activity Date:", "08/20/2026"),
            ("CRCE contact hours:", "1.5"),
            ("AARC Approval #:", "154321099"),
            ("Issued:", "08/21/2026"),
        ],
        150,
        10.5,
        20,
    )
    p.para(
        430,
        300,
        "This program has been approved for Continuing Respiratory Care Education (CRCE) credit by the American Association "
        "for Respiratory Care.",
        290,
        size=8.5,
    )
    sign(p, 560, 130, "Wendell Okonkwo, MEd, RRT-NPS", "Education Coordinator")
    return Cert(
        "spec-05",
        "specialty society (respiratory therapy); landscape, label column plus statement column",
        [p],
        title,
        "2026-08-20",
        [("contact_hours", "1.5")],
        "'CRCE contact hours: 1.5'; 'Activity Date: 08/20/2026' is completion, 'Issued: 08/21/2026' is not; approval number "
        "154321099, licence number, ZIP.",
    )


def spec_06() -> Cert:
    """Vascular sonography society: approved-for statement and credits earned, ARRT Category A."""
    p = Page(LETTER)
    title = "Carotid Duplex Velocity Criteria: 2026 Update"
    border(p, "thin", NAVY)
    p.circle(90, 712, 24, 0, NAVY, fill=NAVY)
    p.circle(90, 712, 12, 2, (1, 1, 1))
    p.text(126, 718, "Atlantic Society of Vascular Sonography", "Helvetica-Bold", 15, "l", NAVY)
    p.text(126, 702, "Education Committee  |  Tidewater Point, VA 23999", "Helvetica", 9, "l", GREY)
    p.center(630, "CERTIFICATE OF CONTINUING EDUCATION", "Times-Bold", 19)
    p.center(590, "Awarded to Beatrix Holloway-Nguyen, RVT, RDMS", "Helvetica", 13)
    p.center(570, "ARRT #: 601234  |  ARDMS #: 220817", "Helvetica", 9, GREY)
    p.center(538, "for completion of the webinar", "Times-Italic", 12)
    p.center(512, title, "Helvetica-Bold", 16)
    p.center(470, "This activity is approved for 3.0 ARRT Category A credits.", "Helvetica", 11)
    p.center(448, "Credits earned: 3.0", "Helvetica-Bold", 12)
    p.center(426, "Date Earned: 11/05/2026", "Helvetica", 11)
    p.para(
        100,
        380,
        "Approved by the Mid-Atlantic Imaging Education Council, a Recognized Continuing Education Evaluation Mechanism (RCEEM). "
        "Approval #: MAIEC-2026-3321, approval valid through 10/31/2028.",
        412,
        size=8.5,
        align="l",
    )
    sign(p, 306, 200, "Leopold Varga, BS, RVT", "Education Chair")
    return Cert(
        "spec-06",
        "specialty society (sonography); portrait, circle logo, centred statements",
        [p],
        title,
        "2026-11-05",
        [("arrt_ce", "3.0")],
        "'approved for 3.0 ARRT Category A credits' (approval) and 'Credits earned: 3.0' (earned, same number); '2026 Update' "
        "in the title; ARRT and ARDMS numbers; approval valid through 10/31/2028.",
    )


def spec_07() -> Cert:
    """Dental hygienists association: 'Course Title:', dashed US date, 'CE Hours Earned: 2', AGD code and PACE number."""
    p = Page(LETTER_L)
    title = "Local Anesthesia Refresher for the Dental Hygienist"
    border(p, "band", TEAL)
    p.text(48, 560, f"Coastal Dental Hygienists{RSQ} Association", "Helvetica-Bold", 20, "l", (1, 1, 1))
    p.text(744, 560, "Continuing Education Verification", "Helvetica", 11, "r", (1, 1, 1))
    y = rows(
        p,
        90,
        470,
        [
            ("Participant:", "Mei-Ling Ashford, RDH, BS"),
            ("RDH License #:", "DH 7731"),
            ("Course Title:", title),
            ("Course Date:", "04-18-2026"),
            ("Instructor:", "Gwendolyn Pruitt, RDH, MS"),
            ("CE Hours Earned:", "2"),
            ("AGD Subject Code:", "340"),
        ],
        150,
        12,
        28,
    )
    p.para(
        90,
        y - 6,
        "Coastal Dental Hygienists' Association, PACE Program Provider ID# 219876, is nationally approved for continuing "
        "education credit. Approval does not imply acceptance by a state board of dentistry.",
        612,
        size=9,
    )
    sign(p, 620, 80, "Gwendolyn Pruitt, RDH, MS", "Course Instructor")
    return Cert(
        "spec-07",
        "specialty society (dental hygiene); landscape, top and bottom bands, label column",
        [p],
        title,
        "2026-04-18",
        [("contact_hours", "2")],
        "'CE Hours Earned: 2' (generic CE hours); 'Course Date: 04-18-2026'; AGD Subject Code 340, PACE provider ID 219876, "
        "licence number DH 7731.",
    )


def spec_08() -> Cert:
    """Physical therapy association: 'Number of Contact Hours', course date range and completion date."""
    p = Page(LETTER)
    title = "Vestibular Rehabilitation: Assessment and Treatment of BPPV"
    border(p, "corners", GREEN)
    p.center(700, "Rocky Ridge Physical Therapy Association", "Times-Bold", 20, GREEN)
    p.center(682, "1450 Aspen Court, Timberline, CO 80998  |  (719) 555-0119", "Helvetica", 8.5, GREY)
    p.center(620, "Certificate of Course Completion", "Helvetica-Bold", 20)
    p.center(580, "Dominic Ferreira-Shaw, PT, DPT, OCS", "Times-Bold", 20)
    p.center(558, "PT License #: PT 22871", "Helvetica", 9, GREY)
    p.center(530, "Course:", "Helvetica", 10, GREY)
    p.center(508, title, "Helvetica-Bold", 14)
    y = rows(
        p,
        150,
        460,
        [
            ("Course Dates:", f"June 13{EN}14, 2026"),
            ("Completion Date:", "06/14/2026"),
            ("Number of Contact Hours:", "7.5"),
            ("Approval #:", "2026-PT-0318"),
        ],
        170,
        11,
        24,
    )
    p.para(
        90,
        y - 10,
        "This course meets the criteria for 7.5 contact hours of continuing competence for physical therapists and physical "
        "therapist assistants as approved by the Rocky Ridge Physical Therapy Association (Approval #2026-PT-0318).",
        432,
        size=9,
    )
    sign(p, 306, 150, "Adaeze Whitlock, PT, PhD", "Course Director")
    return Cert(
        "spec-08",
        "specialty society (physical therapy); portrait, corners, label column",
        [p],
        title,
        "2026-06-14",
        [("contact_hours", "7.5")],
        "'Number of Contact Hours: 7.5' (also in the statement); two-day course 'June 13–14, 2026' with 'Completion Date: "
        "06/14/2026'; approval number 2026-PT-0318, licence number, 'BPPV' in the title.",
    )


def spec_09() -> Cert:
    """Speech-language-hearing association: offered for 0.3 CEUs, partial attendance awarded 0.2 CEUs."""
    p = Page(A4)
    title = "Dysphagia Screening After Acute Stroke"
    border(p, "double", PLUM)
    p.center(770, "Tri-County Speech-Language-Hearing Association", "Helvetica-Bold", 16, PLUM)
    p.center(700, "Certificate of Participation", "Times-Bold", 26)
    p.center(660, "Anneliese Korhonen, MS, CCC-SLP", "Times-Bold", 20)
    p.center(634, "participated in", "Times-Italic", 12)
    p.center(606, title, "Helvetica-Bold", 16)
    p.center(576, "Date: September 12, 2026", "Helvetica", 11)
    p.para(
        90,
        530,
        "This course is offered for 0.3 ASHA CEUs (Intermediate level, Professional area). ASHA CE Provider #: AADQ-0417.",
        415,
        size=10,
        align="l",
    )
    p.rect(150, 440, 295, 50, 1, PLUM, fill=PALE)
    p.text(297, 468, "Continuing Education Units awarded: 0.2", "Helvetica-Bold", 12, "c")
    p.text(297, 450, "Partial attendance: 2 of 3 hours", "Helvetica", 9.5, "c", GREY)
    sign(p, 297, 300, "Thaddeus Mbeki-Lawson, PhD, CCC-SLP", "CE Administrator")
    p.center(60, "ASHA account #: 14482209", "Helvetica", 8, GREY)
    return Cert(
        "spec-09",
        "specialty society (speech-language pathology); A4 portrait, double border, awarded box",
        [p],
        title,
        "2026-09-12",
        [("ceu", "0.2")],
        "'offered for 0.3 ASHA CEUs' (offer) vs 'Continuing Education Units awarded: 0.2' (earned, partial attendance 2 of 3 "
        "hours); provider code and account number.",
    )


def spec_10() -> Cert:
    """Osteopathic family physicians society: AOA Category 1-A earned beside a larger designation."""
    p = Page(LETTER_L)
    title = "Osteopathic Manipulative Treatment for Low Back Pain"
    border(p, "thick", MAROON)
    seal(p, 120, 480, 40, "GLS", MAROON)
    p.text(186, 500, "Great Lakes Society of Osteopathic Family Physicians", "Times-Bold", 19, "l", MAROON)
    p.text(186, 480, "Certificate of Attendance", "Helvetica", 13)
    p.text(186, 420, "Jonah Petrakis-Ilunga, DO", "Times-Bold", 24)
    p.text(186, 398, "AOA #: 00-91827", "Helvetica", 9, "l", GREY)
    p.text(186, 366, "attended the hands-on workshop", "Times-Italic", 12)
    p.text(186, 340, title, "Helvetica-Bold", 17)
    p.text(186, 306, "Date: 10/03/2026", "Helvetica", 11)
    p.text(186, 280, "AOA Category 1-A Credits Earned: 5.5", "Helvetica-Bold", 13)
    p.para(
        186,
        246,
        "The GLSOFP is accredited by the American Osteopathic Association to provide osteopathic continuing medical education "
        "for physicians. The GLSOFP designates this program for a maximum of 6.0 AOA Category 1-A credits and will report "
        f"CME and specialty credits commensurate with the extent of the physician{RSQ}s participation in this activity.",
        520,
        size=8.5,
    )
    sign(p, 620, 110, "Bettina Oyelaran-Kroll, DO, FACOFP", "Program Chair")
    return Cert(
        "spec-10",
        "specialty society (osteopathic family medicine); landscape, thick border, seal left",
        [p],
        title,
        "2026-10-03",
        [("aoa_cat1a", "5.5")],
        "'AOA Category 1-A Credits Earned: 5.5' vs 'maximum of 6.0 AOA Category 1-A credits'; AOA member number.",
    )


# ---------------------------------------------------------------- online CE platforms


def online_01() -> Cert:
    """Online nursing CE platform receipt: '.5' contact hours, generated-on date, page and copyright footer."""
    p = Page(LETTER)
    title = "Hand Hygiene Compliance: Beyond the Basics"
    p.rect(0, 732, 612, 60, 0, TEAL, fill=TEAL)
    p.text(40, 756, "NurseStride", "Helvetica-Bold", 22, "l", (1, 1, 1))
    p.text(572, 756, "CE", "Helvetica-Bold", 22, "r", (1, 1, 1))
    p.text(40, 690, "Certificate of Completion", "Helvetica-Bold", 24)
    p.line(40, 676, 572, 676, 0.8, TEAL)
    rows(
        p,
        40,
        640,
        [
            ("Learner", "Abigail S\u00f8rensen, RN"),
            ("Course", title),
            ("Contact Hours", ".5"),
            ("Completed", "03/22/2026"),
            ("Certificate ID", "NS-8842-1190"),
        ],
        140,
        11,
        26,
    )
    p.para(
        40,
        480,
        "NurseStride Learning is accredited as a provider of nursing continuing professional development by the American "
        "Nurses Credentialing Center's Commission on Accreditation.",
        532,
        size=9,
    )
    p.line(40, 60, 572, 60, 0.5, GREY)
    p.text(40, 46, "Generated on 03/30/2026 09:14 AM", "Helvetica", 7.5, "l", GREY)
    p.text(306, 46, "Page 1 of 1", "Helvetica", 7.5, "c", GREY)
    p.text(572, 46, "\u00a9 2026 NurseStride Learning, Inc.", "Helvetica", 7.5, "r", GREY)
    return Cert(
        "online-01",
        "online CE platform; portrait receipt, labels without colons",
        [p],
        title,
        "2026-03-22",
        [("contact_hours", ".5")],
        "Amount printed '.5' (no leading zero); labels without colons; 'Completed 03/22/2026' vs 'Generated on 03/30/2026'; "
        "certificate ID, 'Page 1 of 1', '© 2026'.",
    )


def online_02() -> Cert:
    """Online physician podcast CME: quoted title, 'Sept.' date, credits claimed in a sentence."""
    p = Page(LETTER_L)
    title = "Statin Intolerance: Myths and Management"
    border(p, "thin", NAVY)
    p.rect(48, 520, 40, 40, 0, NAVY, fill=NAVY)
    p.text(68, 532, "M", "Helvetica-Bold", 24, "c", (1, 1, 1))
    p.text(98, 532, "MedLearn Hub", "Helvetica-Bold", 22, "l", NAVY)
    p.text(744, 532, "Podcast CME", "Helvetica", 12, "r", GREY)
    p.text(60, 450, "This is to certify that", "Helvetica", 12)
    p.text(60, 420, "Oluwaseun Bergstrom, MD", "Times-Bold", 26)
    p.text(60, 386, "claimed 0.25 AMA PRA Category 1 Credits" + TM + " for the episode", "Helvetica", 12)
    p.text(60, 356, f"\u201c{title}\u201d", "Times-BoldItalic", 20)
    p.text(60, 316, "Date Earned: Sept. 3, 2026", "Helvetica", 11)
    p.para(
        60,
        270,
        "MedLearn Hub is accredited by the Accreditation Council for Continuing Medical Education to provide continuing medical "
        f"education for physicians. MedLearn Hub designates this enduring audio activity for a maximum of 0.25 "
        f"AMA PRA Category 1 Credits{TM}. Episode 112, released 08/14/2026.",
        670,
        size=8.5,
    )
    p.text(60, 60, "support@medlearnhub.example  |  1-800-555-0199", "Helvetica", 8, "l", GREY)
    return Cert(
        "online-02",
        "online CE platform (podcast); landscape, left-aligned sentence",
        [p],
        title,
        "2026-09-03",
        [("ama_pra_cat1", "0.25")],
        "'claimed 0.25 AMA PRA Category 1 Credits™' inside a sentence; title in curly quotes after 'for the episode'; "
        "'Sept. 3, 2026'; episode number 112 and release date 08/14/2026 are not completion; toll-free phone.",
    )


def online_03() -> Cert:
    """Online PA CE: 'Participant claimed 1.00 AAPA Category 1 CME credit', approval validity window."""
    p = Page(LETTER)
    title = "Antibiotic Stewardship in Urgent Care"
    p.rect(36, 36, 540, 720, 2, GOLD)
    p.text(60, 710, "PA CE Academy", "Times-Bold", 24, "l", GOLD)
    p.text(552, 714, "www.pa-ce-academy.example", "Helvetica", 8.5, "r", GREY)
    p.text(60, 640, "CERTIFICATE OF COMPLETION", "Helvetica-Bold", 18)
    y = rows(
        p,
        60,
        600,
        [
            ("Name", "Desmond Achebe-Larsen, PA-C"),
            ("NCCPA #", "1201337"),
            ("Activity", title),
            ("Completed on", "07/19/2026"),
        ],
        120,
        11,
        24,
    )
    p.text(60, y - 10, "Participant claimed 1.00 AAPA Category 1 CME credit.", "Helvetica-Bold", 12)
    p.para(
        60,
        y - 50,
        "This activity has been reviewed and is approved for a maximum of 1.00 AAPA Category 1 CME credit by the AAPA Review "
        "Panel. Approval is valid from 01/15/2026 to 01/15/2027. PAs should only claim credit commensurate with the extent of "
        "their participation.",
        492,
        size=9,
    )
    p.text(60, 70, "PA CE Academy, 55 Lantern Row, Suite 4, Brookhollow, TN 37999", "Helvetica", 7.5, "l", GREY)
    return Cert(
        "online-03",
        "online CE platform (PA); portrait, gold frame, label column",
        [p],
        title,
        "2026-07-19",
        [("aapa_cat1", "1.00")],
        "'Participant claimed 1.00 AAPA Category 1 CME credit' vs the same maximum in the approval statement; approval window "
        "01/15/2026-01/15/2027 is not completion; NCCPA number.",
    )


def online_04() -> Cert:
    """Online NP pharmacology course: ISO completion date, release/expiration dates, pharmacology subset."""
    p = Page(LETTER_L)
    title = "Managing Hypertension in Pregnancy"
    p.rect(0, 0, 792, 612, 0, CREAM, fill=CREAM)
    border(p, "double", GREEN)
    p.center(540, "NP Pharm Update", "Times-BoldItalic", 24, GREEN)
    p.center(520, "An online continuing education service for advanced practice nurses", "Helvetica", 9, GREY)
    p.center(460, "Certificate of Completion", "Times-Bold", 28)
    p.center(424, "Sunniva Abernathy-Okoro, DNP, APRN, FNP-BC", "Times-Bold", 20)
    p.center(396, "completed the self-paced module", "Times-Italic", 12)
    p.center(368, title, "Helvetica-Bold", 18)
    p.center(330, "Contact hours: 2.0 (including 2.0 pharmacology hours)", "Helvetica-Bold", 12)
    p.center(308, "Date completed: 2026-01-31", "Helvetica", 11)
    p.center(284, "Release date: 11/01/2025   Expiration date: 10/31/2027", "Helvetica", 9, GREY)
    p.para(
        150,
        250,
        "NP Pharm Update is accredited as a provider of nursing continuing professional development by the American Nurses "
        "Credentialing Center's Commission on Accreditation. Provider #P0788.",
        492,
        size=8.5,
        align="l",
    )
    sign(p, 396, 120, "Imogen Castellano, PhD, APRN", "Lead Nurse Planner")
    return Cert(
        "online-04",
        "online CE platform (NP); landscape, cream background, centred",
        [p],
        title,
        "2026-01-31",
        [("contact_hours", "2.0")],
        "'Contact hours: 2.0 (including 2.0 pharmacology hours)' is one award; ISO date 2026-01-31; release/expiration dates; "
        "provider number P0788.",
    )


def online_05() -> Cert:
    """Minimal online certificate with a course number but no course title."""
    p = Page(LETTER_L)
    border(p, "thin", GREY)
    p.text(60, 540, "QuickCE", "Helvetica-Bold", 26, "l", RED)
    p.text(60, 522, "Fast, accredited nursing CE", "Helvetica-Oblique", 10, "l", GREY)
    p.center(430, "Certificate of Completion", "Helvetica-Bold", 26)
    p.para(
        130,
        380,
        "This certifies that Ngozi Eze-Harrington, LPN, completed course #QC-2231 and earned 1.0 contact hour of nursing "
        "continuing professional development.",
        532,
        size=13,
        lead=18,
        align="l",
    )
    p.center(300, "Completion date: 02/02/2026", "Helvetica", 12)
    p.para(
        130,
        240,
        "QuickCE is accredited as a provider of nursing continuing professional development by the American Nurses "
        "Credentialing Center's Commission on Accreditation.",
        532,
        size=8.5,
    )
    p.text(60, 50, "Verify at quickce.example/verify  |  Code 7QX-22M", "Helvetica", 8, "l", GREY)
    return Cert(
        "online-05",
        "online CE platform; landscape, one-sentence body",
        [p],
        None,
        "2026-02-02",
        [("contact_hours", "1.0")],
        "No course title, only 'course #QC-2231' (title null); 'earned 1.0 contact hour' inside a sentence; verification code.",
    )


def online_06() -> Cert:
    """Online learning certificate whose credit statement is only in the footer small print."""
    p = Page(LETTER_L)
    title = "Delirium Prevention in Older Adults"
    border(p, "corners", TEAL)
    p.center(520, "Bright Harbor Learning", "Times-Bold", 22, TEAL)
    p.center(460, "Certificate of Achievement", "Times-Bold", 32)
    p.center(420, "Leilani Kahananui, RN", "Times-BoldItalic", 24)
    p.center(392, "has completed the online course", "Times-Roman", 12)
    p.center(362, title, "Helvetica-Bold", 19)
    p.center(322, "Issued: 07/07/2026", "Helvetica", 11)
    sign(p, 396, 210, "Marisol Whitfield-Tanaka, MSN, RN", "Director of Accreditation")
    p.line(60, 100, 732, 100, 0.4, GREY)
    p.para(
        60,
        86,
        "This certificate documents 1.25 contact hours of continuing nursing education. Bright Harbor Learning is accredited "
        "as a provider of nursing continuing professional development by the American Nurses Credentialing Center's "
        "Commission on Accreditation, Provider #P7731. Certificate valid for 24 months from issue for employer records.",
        672,
        size=7,
        color=GREY,
    )
    return Cert(
        "online-06",
        "online CE platform; landscape, corners, credit only in the footer small print",
        [p],
        title,
        "2026-07-07",
        [("contact_hours", "1.25")],
        "Credit stated only in the 7-point footer ('documents 1.25 contact hours'); the only date is 'Issued: 07/07/2026'; "
        "'valid for 24 months'; provider number P7731.",
    )


# ---------------------------------------------------------------- university CME offices


def univ_01() -> Cert:
    """University CME office: table Designated (maximum) vs Claimed, non-physician hours row not claimed."""
    p = Page(LETTER_L)
    title = "Advances in Heart Failure Management 2026"
    border(p, "double", MAROON)
    p.text(60, 540, "University of Westbrook School of Medicine", "Times-Bold", 20, "l", MAROON)
    p.text(60, 522, "Office of Continuing Medical Education", "Helvetica", 11)
    seal(p, 710, 528, 30, "UW", MAROON)
    p.center(460, "Certificate of Credit", "Times-Bold", 28)
    p.center(430, "Participant: H\u00e9l\u00e8ne Marchetti-Osei, MD", "Helvetica", 13)
    p.center(406, "for participation in", "Times-Italic", 12)
    p.center(380, title, "Helvetica-Bold", 18)
    p.center(354, "Activity date: 03/28/2026   |   Activity ID: UWSOM-26-0412", "Helvetica", 10)
    cells = [
        ["Credit Type", "Designated (maximum)", "Claimed"],
        [f"AMA PRA Category 1 Credits{TM}", "8.00", "6.50"],
        ["Hours of Participation (non-physicians)", "8.00", EM],
    ]
    bottom = table(p, 166, 326, [240, 130, 90], cells, 10, right_from=1)
    p.para(
        110,
        bottom - 22,
        "The University of Westbrook School of Medicine is accredited by the ACCME to provide continuing medical education for "
        f"physicians and designates this live activity for a maximum of 8.00 AMA PRA Category 1 Credits{TM}.",
        572,
        size=8.5,
    )
    sign(p, 396, 90, "Cornelius Adebayo-Strand, MD", "Associate Dean for CME")
    return Cert(
        "univ-01",
        "university CME office; landscape, designated/claimed table",
        [p],
        title,
        "2026-03-28",
        [("ama_pra_cat1", "6.50")],
        "Table 'Designated (maximum) 8.00 | Claimed 6.50'; the non-physician participation row is '—' (not claimed); '2026' in "
        "the title; activity ID.",
    )


def univ_02() -> Cert:
    """University enduring CME: 'Credit designation' maximum, claimed amount equal, completed vs claim-submitted dates."""
    p = Page(LETTER)
    title = "Opioid Use Disorder Treatment in Primary Care"
    p.rect(0, 752, 612, 40, 0, NAVY, fill=NAVY)
    p.text(40, 766, "HARLAN STATE UNIVERSITY COLLEGE OF MEDICINE", "Helvetica-Bold", 13, "l", (1, 1, 1))
    p.text(40, 726, "Continuing Medical Education", "Helvetica", 11, "l", GREY)
    p.text(40, 670, "Certificate of Completion: Enduring Material", "Times-Bold", 22)
    y = rows(
        p,
        40,
        626,
        [
            ("Participant", "Thaddeus Okonjo-Reyes, DO"),
            ("Activity", title),
            ("Release date", "06/01/2026"),
            ("Expiration date", "05/31/2029"),
            ("Date Completed", "11/30/2026"),
            ("Claim submitted", "12/01/2026"),
            ("Credits claimed by participant", "3.00"),
        ],
        200,
        11,
        24,
    )
    p.text(40, y - 8, "Credit designation", "Helvetica-Bold", 11)
    p.para(
        40,
        y - 26,
        "Harlan State University College of Medicine designates this enduring material for a maximum of 3.00 AMA PRA "
        f"Category 1 Credits{TM}. Physicians should claim only the credit commensurate with the extent of their participation "
        "in the activity.",
        532,
        size=9.5,
    )
    p.text(40, 60, "HSU CME Office  |  Box 118, Harlan, KY 40999  |  (606) 555-0150  |  Page 1 of 1", "Helvetica", 8, "l", GREY)
    return Cert(
        "univ-02",
        "university CME office; portrait, header bar, label column, designation paragraph",
        [p],
        title,
        "2026-11-30",
        [("ama_pra_cat1", "3.00")],
        "'Credits claimed by participant: 3.00' (type from the 'Credit designation' paragraph, same maximum); 'Date Completed' "
        "vs release, expiration and 'Claim submitted' dates.",
    )


def univ_03() -> Cert:
    """University extension course: academic 'Credit Hours' (semester), course number beside the title."""
    p = Page(LETTER_L)
    title = "Applied Biostatistics for Clinicians"
    border(p, "corners", NAVY)
    p.center(530, "Westfield University Extension", "Times-Bold", 24, NAVY)
    p.center(508, "Division of Health Sciences", "Helvetica", 11)
    p.center(450, "Certificate of Course Completion", "Times-Bold", 26)
    p.center(410, "Corazon Dimaculangan-Price, BSN, RN", "Times-Bold", 22)
    p.center(382, "has satisfactorily completed the university course", "Times-Italic", 12)
    rows(
        p,
        230,
        344,
        [
            ("Course:", title),
            ("Course No.:", "HSCI X 410.7"),
            ("Term:", "Spring 2026"),
            ("Credit Hours:", "3 (semester)"),
            ("Grade:", "A"),
            ("Date Awarded:", "06/12/2026"),
        ],
        120,
        11,
        22,
    )
    sign(p, 250, 90, "Rupert Alvarado-Finch, PhD", "Dean of Extension")
    sign(p, 542, 90, "Maren Sigurdsdottir", "Registrar")
    return Cert(
        "univ-03",
        "university extension; landscape, corners, label column",
        [p],
        title,
        "2026-06-12",
        [("academic_credits", "3")],
        "'Credit Hours: 3 (semester)' here are academic credit hours, not CE hours; course number printed on its own line; "
        "term 'Spring 2026', grade; 'Date Awarded: 06/12/2026'.",
    )


def univ_04() -> Cert:
    """University online board review: two-line title, AMA PRA claimed plus MOC points reported, 'up to' MOC statement."""
    p = Page(LETTER)
    tl = ["Internal Medicine Board Review Intensive:", "Hematology and Oncology Modules"]
    border(p, "thin", TEAL)
    p.text(60, 720, "Lakemont University", "Times-Bold", 22, "l", TEAL)
    p.text(60, 702, "Office of Continuing Medical Education  |  Online Learning", "Helvetica", 10)
    p.center(640, "Certificate of Completion", "Times-Bold", 26)
    p.center(604, "Ifeoma Lindgren-Achterberg, MD", "Times-Bold", 20)
    p.center(584, "ABIM ID: 338812", "Helvetica", 9, GREY)
    y = p.lines(306, 552, tl, "Helvetica-Bold", 15, 20, "c")
    p.center(y - 6, "Date of Completion: 2026-05-31", "Helvetica", 11)
    y = rows(
        p,
        130,
        y - 50,
        [(f"AMA PRA Category 1 Credits{TM} claimed:", "10.25"), ("ABIM MOC Medical Knowledge points reported:", "10")],
        290,
        10.5,
        22,
    )
    p.para(
        80,
        y - 12,
        "Lakemont University is accredited by the ACCME to provide continuing medical education for physicians and designates "
        f"this enduring material for a maximum of 12.00 AMA PRA Category 1 Credits{TM}. Successful completion of this CME "
        "activity enables the participant to earn up to 12 Medical Knowledge MOC points in the American Board of Internal "
        "Medicine's (ABIM) Maintenance of Certification (MOC) program.",
        452,
        size=8.5,
    )
    sign(p, 306, 130, "Percival Nakamura-Holt, MD", "Course Director")
    return Cert(
        "univ-04",
        "university CME office; portrait, thin border, two-column claimed lines",
        [p],
        " ".join(tl),
        "2026-05-31",
        [("ama_pra_cat1", "10.25"), ("moc_points", "10")],
        "Claimed 10.25 AMA PRA and 10 MOC points reported, against a maximum of 12.00 and 'up to 12' MOC points; title over two "
        "lines ending in a colon line; ISO date; ABIM ID.",
    )


# ---------------------------------------------------------------- EMS agencies


def ems_01() -> Cert:
    """County EMS training division: CAPCE 'hrs', NREMT and state numbers, course ID."""
    p = Page(LETTER)
    title = "Prehospital Stroke Scales and Destination Decisions"
    p.rect(30, 30, 552, 732, 3, RED)
    p.circle(90, 700, 30, 0, RED, fill=RED)
    p.rect(84, 680, 12, 40, 0, RED, fill=(1, 1, 1))
    p.rect(70, 694, 40, 12, 0, RED, fill=(1, 1, 1))
    p.text(136, 708, f"Three Rivers County EMS {EN} Training Division", "Helvetica-Bold", 15)
    p.text(136, 692, "600 Confluence Road, Three Rivers, PA 15999  |  (412) 555-0104", "Helvetica", 8.5, "l", GREY)
    p.center(620, "Continuing Education Certificate", "Times-Bold", 24)
    y = rows(
        p,
        80,
        570,
        [
            ("Provider:", "Dakota R. Whitfield, Paramedic"),
            ("NREMT #:", "P2219874"),
            ("State Cert #:", "EMT-P 40417"),
            ("Course:", title),
            ("CAPCE Course #:", "26-TRC-F3-0042"),
            ("Completion Date:", "01/08/2026"),
            ("CAPCE Credit:", "2.0 hrs"),
        ],
        130,
        11,
        26,
    )
    p.para(
        80,
        y - 10,
        "This continuing education activity is accredited by the Commission on Accreditation for Pre-Hospital Continuing "
        "Education (CAPCE). Format: F3 (live, virtual instructor-led).",
        452,
        size=9,
    )
    sign(p, 200, 150, "Lt. Wesley Okafor-Brandt, NRP", "Training Officer")
    sign(p, 412, 150, "Dr. Annelise Whitcombe, MD", "EMS Medical Director")
    return Cert(
        "ems-01",
        "EMS agency; portrait, red star-of-life style logo, label column",
        [p],
        title,
        "2026-01-08",
        [("capce_hours", "2.0")],
        "'CAPCE Credit: 2.0 hrs'; NREMT and state certification numbers, course ID with 'F3', ZIP and phone.",
    )


def ems_02() -> Cert:
    """Fire & EMS academy refresher: session table summing 8.5 but a stated total of 8.0 CAPCE hours."""
    p = Page(LETTER)
    title = "NCCP Paramedic Refresher"
    border(p, "double", MAROON)
    p.center(722, "Sagebrush Valley Fire & EMS Academy", "Helvetica-Bold", 17, MAROON)
    p.center(660, "Certificate of Completion", "Times-Bold", 26)
    p.center(624, "Esperanza Villalobos-King, NRP", "Times-Bold", 20)
    p.center(598, "completed the", "Times-Italic", 12)
    p.center(572, title, "Helvetica-Bold", 18)
    p.center(546, f"Course Dates: 02/02/2026 {EN} 02/05/2026   |   Completion Date: 02/05/2026", "Helvetica", 10)
    cells = [
        ["Session", "Date", "Hours"],
        ["Airway, Respiration & Ventilation", "02/02/2026", "2.0"],
        ["Cardiovascular", "02/03/2026", "3.0"],
        ["Trauma", "02/04/2026", "2.0"],
        ["Medical & Operations", "02/05/2026", "1.5"],
    ]
    bottom = table(p, 106, 520, [220, 100, 80], cells, 10, right_from=2)
    p.text(506, bottom - 24, "Total CAPCE Hours Awarded: 8.0", "Helvetica-Bold", 12, "r")
    p.para(
        106,
        bottom - 50,
        "Medical & Operations includes 0.5 hours of skills verification that is not CAPCE-accredited. CAPCE Course #: "
        "26-SVF-F1-0118.",
        400,
        size=8.5,
        color=GREY,
    )
    sign(p, 306, 140, "Capt. Roland Esterhuizen, NRP, FP-C", "Academy Coordinator")
    return Cert(
        "ems-02",
        "EMS agency; portrait, double border, session table and total",
        [p],
        title,
        "2026-02-05",
        [("capce_hours", "8.0")],
        "Session hours add up to 8.5 but the stated total is 'Total CAPCE Hours Awarded: 8.0' (footnote explains); course date "
        "range plus a completion date; course number.",
    )


def ems_03() -> Cert:
    """EMS drill attendance: only an 'approved for up to 3.0 CAPCE hours' statement."""
    p = Page(LETTER_L)
    title = "Mass Casualty Triage Drill and Debrief"
    border(p, "thick", NAVY)
    p.center(520, "Pine Hollow Regional EMS Council", "Helvetica-Bold", 18, NAVY)
    p.center(450, "Certificate of Attendance", "Times-Bold", 30)
    p.center(410, "Hollis Aberdeen-Moss, AEMT", "Times-Bold", 22)
    p.center(382, "attended", "Times-Italic", 12)
    p.center(354, title, "Helvetica-Bold", 18)
    p.center(320, "Date: 05/16/2026", "Helvetica", 11)
    p.para(
        150,
        280,
        "This activity is approved for up to 3.0 CAPCE hours. Hours are posted to the National Registry by the council after "
        "attendance records are reconciled; see your NRCP transcript.",
        492,
        size=10,
        lead=13,
    )
    sign(p, 396, 120, "Gideon Farquharson, NRP", "Council Education Chair")
    return Cert(
        "ems-03",
        "EMS agency; landscape, thick border, attendance only",
        [p],
        title,
        "2026-05-16",
        [],
        "Only credit statement is 'approved for up to 3.0 CAPCE hours'; nothing earned is stated.",
    )


# ---------------------------------------------------------------- cards


def card_01() -> Cert:
    """AHA-style Heartsaver eCard, front and back, with month/year issue date only."""
    front = Page(CARD)
    front.rect(0, 0, 243, 153, 0, RED, fill=(1, 1, 1))
    front.rect(0, 118, 243, 35, 0, RED, fill=RED)
    front.text(10, 132, "American Heart Association", "Helvetica-Bold", 10, "l", (1, 1, 1))
    front.text(121, 98, "Heartsaver First Aid CPR AED", "Helvetica-Bold", 11, "c")
    front.text(121, 80, "Kwabena Lindholm", "Helvetica", 10, "c")
    front.para(
        12,
        62,
        "has successfully completed the cognitive and skills evaluations in accordance with the curriculum of the American "
        "Heart Association Heartsaver First Aid CPR AED Program.",
        219,
        size=5.5,
    )
    front.text(12, 22, "Issue Date 06/2026", "Helvetica", 7)
    front.text(231, 22, "Recommended Renewal Date 06/2028", "Helvetica", 7, "r")
    back = Page(CARD)
    back.rect(4, 4, 235, 145, 0.6)
    rows(
        back,
        12,
        132,
        [
            ("Training Center Name", "Pinecrest Safety Training"),
            ("TC ID #", "WA20931"),
            ("TC Info", "Olympia Ridge, WA 98999"),
            ("Course Location", "Pinecrest Community Hall"),
            ("Instructor Name", "Reuben Castellanos"),
            ("Instructor ID #", "04117223991"),
            ("eCard Code", "226H7Q4K9LZ2"),
        ],
        90,
        6.5,
        13,
    )
    back.text(121, 14, "Holder's Signature _______________________", "Helvetica", 6, "c")
    return Cert(
        "card-01",
        "resuscitation eCard; card size, two pages (front and back)",
        [front, back],
        "Heartsaver First Aid CPR AED",
        None,
        [],
        "Only month/year dates: 'Issue Date 06/2026' and 'Recommended Renewal Date 06/2028', so no day can be read "
        "(completed_on null); no credit; training center and instructor IDs, eCard code.",
    )


def card_02() -> Cert:
    """Red Cross-style printable wallet card on a letter page with cut lines: completed date and expiry."""
    p = Page(LETTER)
    p.text(306, 740, "Print this page and cut out your wallet card along the dashed line.", "Helvetica", 10, "c", GREY)
    x, y, w, h = 126, 470, 360, 220
    p.line(x - 10, y - 10, x + w + 10, y - 10, 0.6, GREY, True)
    p.line(x - 10, y + h + 10, x + w + 10, y + h + 10, 0.6, GREY, True)
    p.line(x - 10, y - 10, x - 10, y + h + 10, 0.6, GREY, True)
    p.line(x + w + 10, y - 10, x + w + 10, y + h + 10, 0.6, GREY, True)
    p.rect(x, y, w, h, 1.2)
    p.rect(x + 22, y + h - 44, 10, 26, 0, RED, fill=RED)
    p.rect(x + 14, y + h - 36, 26, 10, 0, RED, fill=RED)
    p.text(x + 50, y + h - 32, "Blue Harbor Lifesaving Society", "Helvetica-Bold", 13)
    p.text(x + w / 2, y + h - 72, "Adult and Pediatric First Aid/CPR/AED", "Helvetica-Bold", 13, "c")
    p.text(x + w / 2, y + h - 92, "Mateus Okonkwo-Lindqvist", "Helvetica", 12, "c")
    rows(
        p,
        x + 20,
        y + 98,
        [("Completed:", "08/29/2026"), ("Valid:", "2 Years"), ("Expires:", "08/29/2028"), ("Certificate ID:", "BH-5R7K2Q")],
        90,
        9.5,
        16,
    )
    p.text(x + w - 16, y + 16, "Instructor: Carla Benevides", "Helvetica", 8, "r", GREY)
    p.text(
        306,
        400,
        "Scan the code on the back of your card or visit blueharbor.example/verify to confirm.",
        "Helvetica",
        9,
        "c",
        GREY,
    )
    return Cert(
        "card-02",
        "first aid wallet card; printable letter page with a dashed cut-out card",
        [p],
        "Adult and Pediatric First Aid/CPR/AED",
        "2026-08-29",
        [],
        "Completed 08/29/2026 vs Expires 08/29/2028; 'Valid: 2 Years'; no credit; certificate ID.",
    )


def card_03() -> Cert:
    """Hospital training center neonatal resuscitation card: course completion, eCard issued and renew-by dates."""
    p = Page((360.0, 230.0))
    p.rect(6, 6, 348, 218, 1.5, PLUM)
    p.rect(6, 184, 348, 40, 0, PLUM, fill=PLUM)
    p.text(18, 204, f"Riverbend Women{RSQ}s & Infants Hospital", "Helvetica-Bold", 11, "l", (1, 1, 1))
    p.text(18, 191, "Resuscitation Training Center", "Helvetica", 8.5, "l", (1, 1, 1))
    p.text(180, 160, "Neonatal Resuscitation Provider", "Helvetica-Bold", 14, "c")
    p.text(180, 140, "Farida Oyelaran-Nystrom, RNC-NIC", "Helvetica", 10.5, "c")
    rows(
        p,
        30,
        112,
        [("Course completion:", "10/29/2026"), ("eCard issued:", "11/03/2026"), ("Renew by:", "10/31/2028")],
        110,
        9,
        16,
    )
    p.text(30, 50, "Instructor: Beatrice Halvorsen, RN  |  Card #: RTC-88-1204", "Helvetica", 7.5, "l", GREY)
    p.text(30, 38, "No continuing education credit is associated with this card.", "Helvetica-Oblique", 7, "l", GREY)
    return Cert(
        "card-03",
        "hospital resuscitation card; small page, purple header",
        [p],
        "Neonatal Resuscitation Provider",
        "2026-10-29",
        [],
        "Three dates: labelled 'Course completion: 10/29/2026' wins over 'eCard issued: 11/03/2026' and 'Renew by: "
        "10/31/2028'; explicitly no credit; card number.",
    )


# ---------------------------------------------------------------- conferences


def conf_01() -> Cert:
    """Emergency nursing symposium: four-day date range and a separate date of completion."""
    p = Page(LETTER_L)
    title = "Great Lakes Emergency Nursing Symposium 2026"
    border(p, "band", NAVY)
    p.text(396, 560, "GLENS 2026", "Helvetica-Bold", 26, "c", (1, 1, 1))
    p.center(480, "Certificate of Attendance", "Times-Bold", 30)
    p.center(444, "Ingeborg Mwangi-Fairfax, BSN, RN, CEN, TCRN", "Times-Bold", 20)
    p.center(418, "attended the", "Times-Italic", 12)
    p.center(390, title, "Helvetica-Bold", 20)
    p.center(362, f"October 5{EN}8, 2026  {BUL}  Lakeport Convention Center, Lakeport, OH 44999", "Helvetica", 10.5)
    p.center(322, "Date of completion: October 8, 2026", "Helvetica", 11.5)
    p.center(300, "Contact hours awarded: 14.25", "Helvetica-Bold", 13)
    p.para(
        140,
        262,
        "Great Lakes Emergency Nurses Council is approved as a provider of nursing continuing professional development by the "
        "Buckeye Nurses Association, an accredited approver by the American Nurses Credentialing Center's Commission on "
        "Accreditation. Conference ID: GLENS-26.",
        512,
        size=8.5,
    )
    sign(p, 250, 120, "Philippa Grantham, MSN, RN, CEN", "Conference Chair")
    sign(p, 542, 120, "Ezekiel Montoya, DNP, RN", "Nurse Planner")
    return Cert(
        "conf-01",
        "conference; landscape, top and bottom bands, centred",
        [p],
        title,
        "2026-10-08",
        [("contact_hours", "14.25")],
        "Four-day range 'October 5–8, 2026' with a separate 'Date of completion: October 8, 2026'; 'Contact hours awarded: "
        "14.25'; '2026' in the title; ZIP.",
    )


def conf_02() -> Cert:
    """Hospital medicine summit: date range only (completion unclear), maximum 18.00 vs claimed 15.75, printed date."""
    p = Page(LETTER)
    title = "Rocky Mountain Hospital Medicine Summit"
    border(p, "double", NAVY)
    p.center(710, "Front Range Society of Hospital Medicine", "Helvetica-Bold", 15, NAVY)
    p.center(640, "CME Certificate", "Times-Bold", 28)
    p.center(600, "Santiago Eriksen-Obi, MD, SFHM", "Times-Bold", 20)
    p.center(574, "attended the", "Times-Italic", 12)
    p.center(548, title, "Helvetica-Bold", 17)
    p.center(524, f"September 17{EN}19, 2026  |  Summit Lodge, Granite Pass, CO 80997", "Helvetica", 10.5)
    p.center(480, f"AMA PRA Category 1 Credits{TM} claimed: 15.75", "Helvetica-Bold", 13)
    p.para(
        90,
        440,
        "The Front Range Society of Hospital Medicine is accredited by the ACCME to provide continuing medical education for "
        f"physicians. The Society designates this live activity for a maximum of 18.00 AMA PRA Category 1 Credits{TM}.",
        432,
        size=9,
    )
    sign(p, 306, 220, "Annika Rosales-Whitby, MD", "Summit Course Director")
    p.text(60, 48, "Certificate printed: 10/02/2026", "Helvetica", 7.5, "l", GREY)
    return Cert(
        "conf-02",
        "conference; portrait, double border, centred",
        [p],
        title,
        None,
        [("ama_pra_cat1", "15.75")],
        "Only the three-day range 'September 17–19, 2026' and a printed date 10/02/2026: no completion date can be told "
        "(completed_on null); claimed 15.75 vs maximum 18.00.",
    )


def conf_03() -> Cert:
    """Pediatric nurses conference: session list adds to 6.5 but the stated total is 6.0 contact hours."""
    p = Page(LETTER)
    d = dt.date(2026, 3, 21)
    title = "Spring Pediatric Nursing Update"
    p.rect(0, 720, 612, 72, 0, GREEN, fill=GREEN)
    p.text(40, 752, "Gulf Coast Pediatric Nurses Alliance", "Helvetica-Bold", 18, "l", (1, 1, 1))
    p.text(40, 734, "Annual conference  |  Bayou Crossing, LA 70999", "Helvetica", 9.5, "l", (1, 1, 1))
    p.text(40, 680, "Statement of Contact Hours", "Times-Bold", 24)
    y = rows(
        p,
        40,
        646,
        [("Name:", "Mireille Thibodeaux-Oduya, RN, CPN"), ("Conference:", title), ("Attended on", long_date(d, True))],
        110,
        11,
        22,
    )
    cells = [
        ["Session", "Contact hours"],
        ["Keynote: Family-Centered Rounds", "1.0"],
        ["Pediatric Sepsis Bundles", "1.5"],
        ["Bronchiolitis Without the Extras", "1.0"],
        ["Safe Sleep Counseling", "1.5"],
        ["Child Life Partnerships", "1.5"],
    ]
    bottom = table(p, 40, y - 10, [380, 152], cells, 10, right_from=1)
    p.text(572, bottom - 24, "Total contact hours awarded: 6.0", "Helvetica-Bold", 12, "r")
    p.para(
        40,
        bottom - 50,
        "Contact hours are capped at 6.0 per conference day. Gulf Coast Pediatric Nurses Alliance is approved as a provider of "
        "nursing continuing professional development by the Delta Nurses Association.",
        532,
        size=8.5,
        color=GREY,
    )
    sign(p, 450, 120, "Josephine Landry-Mbatha, MSN, RN", "Nurse Planner")
    return Cert(
        "conf-03",
        "conference; portrait, header band, session table with total",
        [p],
        title,
        iso(d),
        [("contact_hours", "6.0")],
        "Session hours add up to 6.5 but 'Total contact hours awarded: 6.0' (capped per day) is the stated total; weekday date "
        "after 'Attended on'; the keynote title in the table is not the activity title.",
    )


def conf_04() -> Cert:
    """Jointly accredited interprofessional conference: maximum/claimed table with several awards, claimed later."""
    p = Page(LETTER_L)
    title = "Pacific Northwest Sepsis and Critical Care Conference"
    border(p, "thin", TEAL)
    p.text(50, 560, "Cascadia Center for Interprofessional Education", "Helvetica-Bold", 16, "l", TEAL)
    p.text(742, 560, f"JOINTLY ACCREDITED PROVIDER{TM}", "Helvetica-Bold", 9, "r", TEAL)
    p.text(742, 548, "INTERPROFESSIONAL CONTINUING EDUCATION", "Helvetica", 7, "r", TEAL)
    p.center(500, "Certificate of Participation", "Times-Bold", 26)
    p.center(470, "Augustin Varela-Nakashima, MD", "Times-Bold", 19)
    p.center(446, title, "Helvetica-Bold", 15)
    p.center(424, f"May 4{EN}6, 2026  |  Completion Date: 05/06/2026  |  Claimed on 05/20/2026", "Helvetica", 10)
    cells = [
        ["Credit Type", "Maximum", "Claimed"],
        [f"AMA PRA Category 1 Credits{TM}", "12.00", "10.50"],
        ["ABIM MOC Points (Medical Knowledge)", "12.00", "10.50"],
        ["ANCC Nursing Contact Hours", "12.00", EM],
        ["ACPE Contact Hours (UAN JA0009931-0000-26-041-L01-P)", "12.00", EM],
        ["AAPA Category 1 CME Credits", "12.00", EM],
        [f"IPCE Credits{TM}", "12.00", "10.50"],
    ]
    bottom = table(p, 126, 404, [340, 100, 100], cells, 9, right_from=1)
    p.para(
        80,
        bottom - 18,
        "In support of improving patient care, Cascadia Center for Interprofessional Education is jointly accredited by the "
        "Accreditation Council for Continuing Medical Education (ACCME), the Accreditation Council for Pharmacy Education "
        "(ACPE), and the American Nurses Credentialing Center (ANCC), to provide continuing education for the healthcare team. "
        "Joint Accreditation Provider #: JA0009931.",
        632,
        size=7.5,
    )
    return Cert(
        "conf-04",
        "conference, jointly accredited; landscape, maximum/claimed table with six award rows",
        [p],
        title,
        "2026-05-06",
        [("ama_pra_cat1", "10.50"), ("moc_points", "10.50")],
        "Six award rows: AMA PRA and ABIM MOC claimed 10.50 each; nursing, ACPE and AAPA rows claimed '—' (not earned); IPCE "
        "credit has no type id (left out); range May 4–6 with 'Completion Date: 05/06/2026' and 'Claimed on 05/20/2026'; UAN.",
    )


# ---------------------------------------------------------------- multi-module


def mod_01() -> Cert:
    """Online bundle: module table with dates and hours, 'Total Credits Earned', bundle completion date."""
    p = Page(LETTER)
    title = "Advanced Pharmacology Update for Nurse Practitioners"
    p.rect(40, 40, 532, 712, 1.5, PLUM)
    p.text(60, 712, "ClinicianPath", "Helvetica-Bold", 22, "l", PLUM)
    p.text(552, 716, "Learning Transcript Certificate", "Helvetica", 10, "r", GREY)
    p.center(650, "Certificate of Completion", "Times-Bold", 24)
    p.center(616, "Temperance Oyelowo-Lindahl, MSN, APRN, PMHNP-BC", "Times-Bold", 16)
    p.center(592, "in recognition of completing the", "Times-Italic", 11)
    p.center(568, title, "Helvetica-Bold", 15)
    cells = [
        ["Module", "Completed", "Contact Hours"],
        ["1. Direct Oral Anticoagulants", "01/04/2026", "1.5"],
        ["2. GLP-1 and SGLT2 Agents", "01/11/2026", "1.5"],
        ["3. Psychotropics Across the Lifespan", "01/18/2026", "1.5"],
    ]
    bottom = table(p, 76, 536, [250, 110, 100], cells, 10, right_from=2)
    p.text(76, bottom - 26, "Total Credits Earned: 4.5 contact hours (4.5 pharmacology)", "Helvetica-Bold", 11.5)
    p.text(76, bottom - 46, "Bundle completed: 01/18/2026", "Helvetica", 11)
    p.para(
        76,
        bottom - 80,
        "ClinicianPath is accredited as a provider of nursing continuing professional development by the American Nurses "
        "Credentialing Center's Commission on Accreditation.",
        460,
        size=8.5,
    )
    p.text(60, 56, f"\u00a9 2026 ClinicianPath LLC  {BUL}  Transcript #CP-00093317", "Helvetica", 7.5, "l", GREY)
    return Cert(
        "mod-01",
        "multi-module online bundle; portrait, module table with dates and total",
        [p],
        title,
        "2026-01-18",
        [("contact_hours", "4.5")],
        "Three modules of 1.5 with their own dates; 'Total Credits Earned: 4.5 contact hours (4.5 pharmacology)' is one award; "
        "'Bundle completed: 01/18/2026'; transcript number, '© 2026'.",
    )


def mod_02() -> Cert:
    """Two-page PA module series: certificate page refers to the transcript page, which states the total."""
    p1 = Page(LETTER_L)
    title = "Dermatology Essentials for Primary Care PAs"
    border(p1, "corners", GOLD)
    p1.center(520, "Summit PA Education Collaborative", "Times-Bold", 20, GOLD)
    p1.center(452, "Certificate of Completion", "Times-Bold", 30)
    p1.center(410, "This certifies that Marisol Quintanilla, PA-C", "Helvetica", 14)
    p1.center(386, "has completed all three modules of", "Times-Italic", 12)
    p1.center(356, title, "Helvetica-Bold", 19)
    p1.center(316, "Date of Completion: 12/18/2026", "Helvetica", 12)
    p1.center(292, "AAPA Category 1 CME credits earned: see transcript (page 2)", "Helvetica", 10.5, GREY)
    sign(p1, 396, 150, "Lucinda Harrow-Obi, MPAS, PA-C", "Program Director")
    p1.text(742, 40, "Page 1 of 2", "Helvetica", 8, "r", GREY)
    p2 = Page(LETTER_L)
    p2.text(60, 540, "Transcript", "Times-Bold", 22)
    p2.text(60, 520, f"Marisol Quintanilla, PA-C  {BUL}  NCCPA #: 1109988  {BUL}  {title}", "Helvetica", 10)
    cells = [
        ["Module", "Date completed", "AAPA Category 1 CME credits"],
        ["Module 1: Common Rashes", "11/20/2026", "1.0"],
        ["Module 2: Pigmented Lesions", "12/04/2026", "1.0"],
        ["Module 3: Procedures in the Office", "12/18/2026", "1.0"],
    ]
    bottom = table(p2, 60, 490, [320, 140, 200], cells, 10, right_from=2)
    p2.text(720, bottom - 26, "Total AAPA Category 1 CME credits: 3.0", "Helvetica-Bold", 12, "r")
    p2.para(
        60,
        bottom - 60,
        "This activity has been reviewed by the AAPA Review Panel and is compliant with AAPA CME Criteria. It is designated "
        "for a maximum of 3.0 AAPA Category 1 CME credits. Approval is valid until 09/30/2027.",
        660,
        size=8.5,
    )
    p2.text(742, 40, "Page 2 of 2", "Helvetica", 8, "r", GREY)
    return Cert(
        "mod-02",
        "multi-module, two pages: landscape certificate plus transcript table",
        [p1, p2],
        title,
        "2026-12-18",
        [("aapa_cat1", "3.0")],
        "Page 1 points to the transcript; page 2 has three 1.0 modules with dates and 'Total AAPA Category 1 CME credits: "
        "3.0'; the maximum is also 3.0; approval valid until 09/30/2027; 'Page 1 of 2'.",
    )


# ---------------------------------------------------------------- European-style dates


def eu_01() -> Cert:
    """A4 European nursing workshop: day.month.year date with the format printed in the label."""
    p = Page(A4)
    title = "Perioperative Hypothermia Prevention Workshop"
    border(p, "double", TEAL)
    p.center(770, "Nordic Forum for Perioperative Nursing", "Helvetica-Bold", 16, TEAL)
    p.center(754, "Fjordgata 12, 5999 Havnvik", "Helvetica", 9, GREY)
    p.center(680, "Certificate of Participation", "Times-Bold", 26)
    p.center(640, "Solveig Haugland-Mensah, RN, MSc", "Times-Bold", 19)
    p.center(614, "took part in the", "Times-Italic", 12)
    p.center(588, title, "Helvetica-Bold", 16)
    rows(p, 130, 540, [("Date of activity (DD.MM.YYYY):", "15.10.2026"), ("Nursing contact hours awarded:", "6.0")], 210, 11, 24)
    p.para(
        90,
        470,
        "Contact hours are awarded by the Forum's continuing education office in accordance with the international criteria "
        "for nursing continuing professional development. Registration no. NFPN-2026-0077.",
        415,
        size=9,
    )
    sign(p, 297, 300, "Torunn Aasgaard, RN, PhD", "Chair, Education Committee")
    return Cert(
        "eu-01",
        "European A4 portrait; double border, label column",
        [p],
        title,
        "2026-10-15",
        [("contact_hours", "6.0")],
        "Date '15.10.2026' with the format '(DD.MM.YYYY)' in the label, so unambiguous; registration number; postcode.",
    )


def eu_02() -> Cert:
    """A4 landscape programme certificate with an ambiguous dotted date and no format given."""
    p = Page(A4_L)
    title = "Mechanical Ventilation Weaning Protocols"
    border(p, "thin", NAVY)
    p.text(60, 530, "Alpine Institute for Critical Care Nursing", "Times-Bold", 20, "l", NAVY)
    p.center(450, "Certificate", "Times-Bold", 30)
    p.center(410, "Elif Brunner-Adeyemi, RN", "Times-Bold", 20)
    y = rows(p, 250, 360, [("Programme:", title), ("Date:", "04.05.2026"), ("Credit Hours:", "3")], 110, 11.5, 24)
    p.para(
        250,
        y - 6,
        "Continuing education hours for critical care nurses. Reference AICCN/2026/114.",
        400,
        size=9,
        color=GREY,
    )
    sign(p, 421, 130, "Matthias Oberholzer, RN, MAS", "Head of Education")
    return Cert(
        "eu-02",
        "European A4 landscape; thin border, label column",
        [p],
        title,
        None,
        [("contact_hours", "3")],
        "'Date: 04.05.2026' with no format stated: 4 May or April 5 cannot be told (completed_on null); generic continuing "
        "education 'Credit Hours: 3'; title under 'Programme:'; reference number.",
    )


# ---------------------------------------------------------------- no text layer


def scan_01() -> Cert:
    """Image-only scan of a nursing association certificate."""
    c = sna_01()
    return Cert(
        "scan-01",
        "image only (scanned-like); nursing landscape certificate",
        c.pages,
        None,
        None,
        [],
        "Picture shows a nursing certificate: 'Sepsis Recognition in the First Hour', 'Nursing Contact Hours: 1.5', "
        "'Completion Date: 10-15-2026'. No text layer.",
        "scan",
        {"dpi": 90, "rotate": 0.0, "noise": 0, "contrast": 1.0, "seed": 1},
    )


def scan_02() -> Cert:
    """Image-only scan of a university CME certificate, slightly rotated and speckled."""
    c = univ_01()
    return Cert(
        "scan-02",
        "image only (scanned-like); CME credit table, rotated and speckled",
        c.pages,
        None,
        None,
        [],
        "Picture shows the CME certificate 'Advances in Heart Failure Management 2026', designated 8.00 / claimed 6.50 AMA "
        "PRA Category 1 Credits™, 03/28/2026; rotated about 1.5 degrees with speckles. No text layer.",
        "scan",
        {"dpi": 90, "rotate": 1.5, "noise": 900, "contrast": 1.0, "seed": 2},
    )


def scan_03() -> Cert:
    """Image-only, low-contrast scan of an EMS certificate."""
    c = ems_01()
    return Cert(
        "scan-03",
        "image only (scanned-like); EMS portrait certificate, low contrast",
        c.pages,
        None,
        None,
        [],
        "Picture shows the EMS certificate 'Prehospital Stroke Scales and Destination Decisions', 'CAPCE Credit: 2.0 hrs', "
        "01/08/2026, in washed-out grey. No text layer.",
        "scan",
        {"dpi": 80, "rotate": -0.7, "noise": 300, "contrast": 0.45, "seed": 3},
    )


def locked_01() -> Cert:
    """Encrypted copy of a specialty-society CME certificate (user password 'secret')."""
    c = spec_02()
    return Cert(
        "locked-01",
        "encrypted (user password 'secret'); anesthesia workshop certificate",
        c.pages,
        None,
        None,
        [],
        "Opened with the password it is the regional anesthesia workshop certificate (claimed 4.5 AMA PRA Category 1 "
        "Credits™, 03/07/2026). Nothing readable without the password.",
        "encrypted",
    )


def broken_01() -> Cert:
    """Truncated copy of a dental hygiene certificate."""
    c = spec_07()
    return Cert(
        "broken-01",
        "damaged (truncated) dental hygiene certificate",
        c.pages,
        None,
        None,
        [],
        "A valid PDF cut off 300 bytes into its first content stream: no end of stream, no xref, no trailer.",
        "damaged",
    )


CERTS = [
    sna_01,
    sna_02,
    sna_03,
    sna_04,
    hosp_01,
    hosp_02,
    hosp_03,
    hosp_04,
    hosp_05,
    spec_01,
    spec_02,
    spec_03,
    spec_04,
    spec_05,
    spec_06,
    spec_07,
    spec_08,
    spec_09,
    spec_10,
    online_01,
    online_02,
    online_03,
    online_04,
    online_05,
    online_06,
    univ_01,
    univ_02,
    univ_03,
    univ_04,
    ems_01,
    ems_02,
    ems_03,
    card_01,
    card_02,
    card_03,
    conf_01,
    conf_02,
    conf_03,
    conf_04,
    mod_01,
    mod_02,
    eu_01,
    eu_02,
    scan_01,
    scan_02,
    scan_03,
    locked_01,
    broken_01,
]


# ---------------------------------------------------------------- rendering


def draw_ops(c: canvas.Canvas, page: Page) -> None:
    """Replay a page's operations on a reportlab canvas."""
    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, s, font, size, align, color = op
            c.setFillColorRGB(*color)
            c.setFont(font, size)
            {"l": c.drawString, "c": c.drawCentredString, "r": c.drawRightString}[align](x, y, s)
        elif kind == "rect":
            _, x, y, w, h, lw, color, fill = op
            c.setLineWidth(lw)
            c.setStrokeColorRGB(*color)
            if fill is not None:
                c.setFillColorRGB(*fill)
            c.rect(x, y, w, h, stroke=1 if lw > 0 else 0, fill=1 if fill is not None else 0)
        elif kind == "line":
            _, x1, y1, x2, y2, lw, color, dash = op
            c.setLineWidth(lw)
            c.setStrokeColorRGB(*color)
            if dash:
                c.setDash(4, 3)
            c.line(x1, y1, x2, y2)
            c.setDash()
        elif kind == "circle":
            _, x, y, r, lw, color, fill = op
            c.setLineWidth(lw)
            c.setStrokeColorRGB(*color)
            if fill is not None:
                c.setFillColorRGB(*fill)
            c.circle(x, y, r, stroke=1 if lw > 0 else 0, fill=1 if fill is not None else 0)


def pdf_bytes(pages: list[Page], encrypt: str | None = None, images: list[Image.Image] | None = None) -> bytes:
    """Render pages (or one full-page image per page) to PDF bytes in invariant mode."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pages[0].size, invariant=1, encrypt=encrypt, pageCompression=1)
    c.setCreator("MedPath held-out certificate corpus")
    for i, page in enumerate(pages):
        c.setPageSize(page.size)
        if images:
            jpg = io.BytesIO()
            images[i].save(jpg, "JPEG", quality=55)
            jpg.seek(0)
            c.drawImage(ImageReader(jpg), 0, 0, page.w, page.h)
        else:
            draw_ops(c, page)
        c.showPage()
    c.save()
    return buf.getvalue()


FONT_DIR = Path(reportlab.__file__).parent / "fonts"
FONT_FILES = {"": "Vera.ttf", "Bold": "VeraBd.ttf", "Italic": "VeraIt.ttf", "BoldItalic": "VeraBI.ttf"}


def pil_font(name: str, px: float) -> ImageFont.FreeTypeFont:
    """A Vera TrueType font standing in for a standard PDF font at a pixel size."""
    style = ""
    if "Bold" in name:
        style = "Bold"
    if "Italic" in name or "Oblique" in name:
        style += "Italic"
    return ImageFont.truetype(str(FONT_DIR / FONT_FILES[style]), max(round(px), 4))


def grey(color: tuple[float, float, float], contrast: float) -> int:
    """Luminance of an RGB colour as an 8-bit grey, pulled towards white by low contrast."""
    lum = 0.299 * color[0] + 0.587 * color[1] + 0.114 * color[2]
    return round(255 * (1 - (1 - lum) * contrast))


def page_image(page: Page, dpi: int, rotate: float, noise: int, contrast: float, seed: int) -> Image.Image:
    """Draw a page into a greyscale Pillow image (a 'scan') with optional rotation, speckles and low contrast."""
    k = dpi / 72.0
    img = Image.new("L", (int(page.w * k), int(page.h * k)), 255)
    d = ImageDraw.Draw(img)

    def pt(x: float, y: float) -> tuple[float, float]:
        """Map PDF points to image pixels."""
        return x * k, (page.h - y) * k

    for op in page.ops:
        kind = op[0]
        if kind == "text":
            _, x, y, s, font, size, align, color = op
            f = pil_font(font, size * k)
            target = stringWidth(s, font, size) * k
            actual = f.getlength(s) or 1.0
            if actual > target * 1.02:  # Vera runs wider than Helvetica/Times: shrink to the PDF width
                f = pil_font(font, size * k * target / actual)
            d.text(pt(x, y), s, fill=grey(color, contrast), font=f, anchor={"l": "ls", "c": "ms", "r": "rs"}[align])
        elif kind == "rect":
            _, x, y, w, h, lw, color, fill = op
            box = [pt(x, y + h), pt(x + w, y)]
            d.rectangle(
                box,
                fill=grey(fill, contrast) if fill is not None else None,
                outline=grey(color, contrast) if lw > 0 else None,
                width=max(1, int(lw * k)),
            )
        elif kind == "line":
            _, x1, y1, x2, y2, lw, color, _dash = op
            d.line([pt(x1, y1), pt(x2, y2)], fill=grey(color, contrast), width=max(1, int(lw * k)))
        elif kind == "circle":
            _, x, y, r, lw, color, fill = op
            box = [pt(x - r, y + r), pt(x + r, y - r)]
            d.ellipse(
                box,
                fill=grey(fill, contrast) if fill is not None else None,
                outline=grey(color, contrast) if lw > 0 else None,
                width=max(1, int(lw * k)),
            )
    rnd = random.Random(seed)  # noqa: S311 - deterministic speckle, not security
    for _ in range(noise):
        x, y = rnd.randrange(img.width), rnd.randrange(img.height)
        d.point((x, y), fill=rnd.randrange(60, 180))
    if rotate:
        img = img.rotate(rotate, resample=Image.Resampling.BILINEAR, fillcolor=255)
    return img


def render(cert: Cert) -> bytes:
    """PDF bytes for one certificate according to its kind."""
    if cert.kind == "scan":
        s = cert.scan
        imgs = [page_image(pg, s["dpi"], s["rotate"], s["noise"], s["contrast"], s["seed"]) for pg in cert.pages]
        return pdf_bytes(cert.pages, images=imgs)
    if cert.kind == "encrypted":
        return pdf_bytes(cert.pages, encrypt="secret")
    data = pdf_bytes(cert.pages)
    if cert.kind == "damaged":
        start = data.index(b"stream", data.index(b"/Contents")) + len(b"stream\n")
        return data[: start + 300]
    return data


def truth(cert: Cert) -> dict:
    """The expected.json object for one certificate."""
    readable = cert.kind == "text"
    return {
        "file": f"{cert.name}.pdf",
        "layout": cert.layout,
        "text_layer": readable,
        "title": cert.title if readable else None,
        "completed_on": cert.completed_on if readable else None,
        "credits": [{"credit_type": t, "amount": a} for t, a in cert.credits] if readable else [],
        "notes": cert.notes,
    }


def build(out: Path) -> list[str]:
    """Write every PDF and expected.json into out; return the file names written."""
    out.mkdir(parents=True, exist_ok=True)
    names = []
    expected = []
    for make in CERTS:
        cert = make()
        (out / f"{cert.name}.pdf").write_bytes(render(cert))
        names.append(f"{cert.name}.pdf")
        expected.append(truth(cert))
    (out / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    names.append("expected.json")
    return names


def check() -> int:
    """Regenerate into a temp dir and compare with the committed folder; return an exit status."""
    with tempfile.TemporaryDirectory() as tmp:
        names = build(Path(tmp))
        present = {p.name for p in OUT.iterdir() if p.suffix in (".pdf", ".json")} if OUT.exists() else set()
        problems = sorted(present - set(names))
        problems = [f"unexpected file {n}" for n in problems]
        for n in names:
            if not (OUT / n).exists():
                problems.append(f"missing {n}")
            elif not filecmp.cmp(Path(tmp) / n, OUT / n, shallow=False):
                problems.append(f"differs {n}")
    for line in problems:
        print(line)
    print("held-out corpus up to date" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="regenerate into a temp dir and fail on any difference")
    args = ap.parse_args()
    if args.check:
        return check()
    names = build(OUT)
    print(f"wrote {len(names) - 1} PDFs and expected.json to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
