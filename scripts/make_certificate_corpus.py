"""Generate the blind evaluation corpus of continuing-education certificate PDFs and its expected.json.

Every certificate is drawn with reportlab (invariant mode, so re-running gives byte-identical files); the
"scanned" ones are rasterised with Pillow (a reportlab dependency) using the Vera fonts shipped with reportlab,
so their PDFs carry an image and no text. The truth for each file sits next to the code that draws it.

Usage:
    .venv/bin/python scripts/make_certificate_corpus.py           # (re)write tests/learning/certificates/
    .venv/bin/python scripts/make_certificate_corpus.py --check   # regenerate into a temp dir, fail on any difference
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as rl_canvas

rl_config.invariant = 1

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "learning" / "certificates"
FONT_DIR = Path(rl_config.__file__).resolve().parent / "fonts"

LANDSCAPE = (letter[1], letter[0])
PORTRAIT = letter
A4_PORTRAIT = A4
A4_LANDSCAPE = (A4[1], A4[0])

NAVY = colors.HexColor("#1F3A5F")
MAROON = colors.HexColor("#6B1D2A")
GREEN = colors.HexColor("#245C3A")
TEAL = colors.HexColor("#1C6E74")
GOLD = colors.HexColor("#A8862B")
RED = colors.HexColor("#B0192B")
GREY = colors.HexColor("#5A5A5A")
LIGHT = colors.HexColor("#E9EEF4")
BLACK = colors.black
WHITE = colors.white

FAMILIES = {
    "times": ("Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic"),
    "helv": ("Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique"),
    "courier": ("Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique"),
}


# --------------------------------------------------------------------------------------------------------------
# Pens: one drawing vocabulary, two back ends (a PDF canvas with a text layer, and a raster "scan" with none)
# --------------------------------------------------------------------------------------------------------------


class PdfPen:
    """Draw on a reportlab canvas, so the page keeps a real text layer."""

    def __init__(self, canvas: rl_canvas.Canvas) -> None:
        """Wrap a canvas."""
        self.c = canvas
        self.fname, self.fsize = "Helvetica", 10.0

    def font(self, name: str, size: float) -> None:
        """Select a standard font."""
        self.fname, self.fsize = name, size
        self.c.setFont(name, size)

    def width(self, text: str) -> float:
        """Width of text in the current font."""
        return stringWidth(text, self.fname, self.fsize)

    def fill(self, color: colors.Color) -> None:
        """Set the fill (and text) colour."""
        self.c.setFillColor(color)

    def stroke(self, color: colors.Color, width: float = 1.0) -> None:
        """Set the stroke colour and width."""
        self.c.setStrokeColor(color)
        self.c.setLineWidth(width)

    def text(self, x: float, y: float, s: str, align: str = "left") -> None:
        """Draw one line of text with its baseline at y."""
        if align == "center":
            self.c.drawCentredString(x, y, s)
        elif align == "right":
            self.c.drawRightString(x, y, s)
        else:
            self.c.drawString(x, y, s)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """Draw a straight line."""
        self.c.line(x1, y1, x2, y2)

    def rect(self, x: float, y: float, w: float, h: float, fill: bool = False, stroke: bool = True) -> None:
        """Draw a rectangle from its lower-left corner."""
        self.c.rect(x, y, w, h, fill=int(fill), stroke=int(stroke))

    def circle(self, x: float, y: float, r: float, fill: bool = False, stroke: bool = True) -> None:
        """Draw a circle."""
        self.c.circle(x, y, r, fill=int(fill), stroke=int(stroke))

    def poly(self, points: list[tuple[float, float]], fill: bool = False, stroke: bool = True) -> None:
        """Draw a closed polygon."""
        path = self.c.beginPath()
        path.moveTo(*points[0])
        for p in points[1:]:
            path.lineTo(*p)
        path.close()
        self.c.drawPath(path, fill=int(fill), stroke=int(stroke))

    def new_page(self) -> None:
        """Finish this page and start another."""
        self.c.showPage()


class RasterPen:
    """Draw into a greyscale Pillow image, standing in for a scanned paper certificate."""

    def __init__(self, w: float, h: float, dpi: int = 100) -> None:
        """Start a white page image w x h points."""
        self.s = dpi / 72.0
        self.h = h
        self.img = Image.new("L", (round(w * self.s), round(h * self.s)), 255)
        self.d = ImageDraw.Draw(self.img)
        self.fname, self.fsize = "Helvetica", 10.0
        self._fill = 0
        self._stroke = 0
        self._lw = 1.0
        self._fonts: dict[tuple[str, float], ImageFont.FreeTypeFont] = {}

    def _ttf(self) -> ImageFont.FreeTypeFont:
        """The Vera face standing in for the current font."""
        key = (self.fname, self.fsize)
        if key not in self._fonts:
            bold = "Bold" in self.fname
            italic = "Italic" in self.fname or "Oblique" in self.fname
            face = {
                (False, False): "Vera.ttf",
                (True, False): "VeraBd.ttf",
                (False, True): "VeraIt.ttf",
                (True, True): "VeraBI.ttf",
            }
            self._fonts[key] = ImageFont.truetype(str(FONT_DIR / face[(bold, italic)]), round(self.fsize * self.s))
        return self._fonts[key]

    @staticmethod
    def _grey(color: colors.Color) -> int:
        """Luminance of a colour, 0-255."""
        return round(255 * (0.299 * color.red + 0.587 * color.green + 0.114 * color.blue))

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        """Page points to image pixels."""
        return x * self.s, (self.h - y) * self.s

    def font(self, name: str, size: float) -> None:
        """Select a font."""
        self.fname, self.fsize = name, size

    def width(self, text: str) -> float:
        """Width of text in points (reportlab metrics, so layouts match the PDF ones)."""
        return stringWidth(text, self.fname, self.fsize)

    def fill(self, color: colors.Color) -> None:
        """Set the fill colour."""
        self._fill = self._grey(color)

    def stroke(self, color: colors.Color, width: float = 1.0) -> None:
        """Set the stroke colour and width."""
        self._stroke = self._grey(color)
        self._lw = width

    def text(self, x: float, y: float, s: str, align: str = "left") -> None:
        """Draw one line of text with its baseline at y."""
        anchor = {"left": "ls", "center": "ms", "right": "rs"}[align]
        self.d.text(self._xy(x, y), s, font=self._ttf(), fill=self._fill, anchor=anchor)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        """Draw a straight line."""
        self.d.line([self._xy(x1, y1), self._xy(x2, y2)], fill=self._stroke, width=max(1, round(self._lw * self.s)))

    def rect(self, x: float, y: float, w: float, h: float, fill: bool = False, stroke: bool = True) -> None:
        """Draw a rectangle from its lower-left corner."""
        (x1, y1), (x2, y2) = self._xy(x, y + h), self._xy(x + w, y)
        width = max(1, round(self._lw * self.s)) if stroke else 0
        self.d.rectangle(
            [x1, y1, x2, y2], fill=self._fill if fill else None, outline=self._stroke if stroke else None, width=width
        )

    def circle(self, x: float, y: float, r: float, fill: bool = False, stroke: bool = True) -> None:
        """Draw a circle."""
        (x1, y1), (x2, y2) = self._xy(x - r, y + r), self._xy(x + r, y - r)
        width = max(1, round(self._lw * self.s)) if stroke else 0
        self.d.ellipse([x1, y1, x2, y2], fill=self._fill if fill else None, outline=self._stroke if stroke else None, width=width)

    def poly(self, points: list[tuple[float, float]], fill: bool = False, stroke: bool = True) -> None:
        """Draw a closed polygon."""
        pts = [self._xy(x, y) for x, y in points]
        self.d.polygon(pts, fill=self._fill if fill else None, outline=self._stroke if stroke else None)

    def new_page(self) -> None:
        """Scans here are single pages."""
        raise NotImplementedError("raster certificates have one page")


# --------------------------------------------------------------------------------------------------------------
# Decorations
# --------------------------------------------------------------------------------------------------------------


def draw_border(pen: Any, w: float, h: float, kind: str, color: colors.Color) -> None:
    """Frame the page: double, thick, ornate, band (coloured top band) or none."""
    if kind == "none":
        return
    if kind == "band":
        pen.fill(color)
        pen.rect(0, h - 46, w, 46, fill=True, stroke=False)
        pen.rect(0, 0, w, 10, fill=True, stroke=False)
        return
    pen.stroke(color, 3 if kind == "thick" else 1.2)
    pen.rect(18, 18, w - 36, h - 36)
    if kind in ("double", "ornate"):
        pen.stroke(color, 0.6)
        pen.rect(25, 25, w - 50, h - 50)
    if kind == "ornate":
        pen.fill(color)
        for cx, cy in ((25, 25), (w - 25, 25), (25, h - 25), (w - 25, h - 25)):
            pen.poly([(cx - 7, cy), (cx, cy + 7), (cx + 7, cy), (cx, cy - 7)], fill=True, stroke=False)
            pen.circle(cx, cy, 11, fill=False, stroke=True)


def draw_logo(pen: Any, cx: float, cy: float, size: float, kind: str, color: colors.Color, initials: str = "") -> None:
    """A made-up organisation mark drawn with shapes (and optionally initials)."""
    r = size / 2
    pen.stroke(color, 1.5)
    pen.fill(color)
    if kind == "cross":
        pen.circle(cx, cy, r)
        a, b = r * 0.22, r * 0.65
        pen.poly(
            [
                (cx - a, cy + b),
                (cx + a, cy + b),
                (cx + a, cy + a),
                (cx + b, cy + a),
                (cx + b, cy - a),
                (cx + a, cy - a),
                (cx + a, cy - b),
                (cx - a, cy - b),
                (cx - a, cy - a),
                (cx - b, cy - a),
                (cx - b, cy + a),
                (cx - a, cy + a),
            ],
            fill=True,
        )
    elif kind == "shield":
        pen.poly([(cx - r, cy + r), (cx + r, cy + r), (cx + r, cy), (cx, cy - r), (cx - r, cy)], fill=False)
        pen.poly(
            [
                (cx - r * 0.7, cy + r * 0.7),
                (cx + r * 0.7, cy + r * 0.7),
                (cx + r * 0.7, cy + r * 0.05),
                (cx, cy - r * 0.65),
                (cx - r * 0.7, cy + r * 0.05),
            ],
            fill=True,
        )
    elif kind == "seal":
        pts = []
        for i in range(24):
            rad = r if i % 2 == 0 else r * 0.82
            ang = math.pi * 2 * i / 24
            pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
        pen.poly(pts, fill=True)
        pen.fill(WHITE)
        pen.circle(cx, cy, r * 0.62, fill=True, stroke=False)
        pen.fill(color)
    elif kind == "bars":
        for i, frac in enumerate((0.5, 0.8, 1.0, 0.65)):
            bw = size / 5
            pen.rect(cx - r + i * (bw + size / 15), cy - r, bw, size * frac, fill=True, stroke=False)
    elif kind == "heart":
        pen.circle(cx - r * 0.45, cy + r * 0.2, r * 0.5, fill=True, stroke=False)
        pen.circle(cx + r * 0.45, cy + r * 0.2, r * 0.5, fill=True, stroke=False)
        pen.poly([(cx - r * 0.93, cy + r * 0.05), (cx + r * 0.93, cy + r * 0.05), (cx, cy - r)], fill=True, stroke=False)
    elif kind == "hex":
        pen.poly(
            [
                (cx - r, cy),
                (cx - r / 2, cy + r * 0.87),
                (cx + r / 2, cy + r * 0.87),
                (cx + r, cy),
                (cx + r / 2, cy - r * 0.87),
                (cx - r / 2, cy - r * 0.87),
            ],
            fill=False,
        )
        pen.circle(cx, cy, r * 0.35, fill=True, stroke=False)
    elif kind == "waves":
        for i in range(3):
            y = cy - r + i * r * 0.7
            pen.poly(
                [
                    (cx - r, y),
                    (cx - r / 2, y + r * 0.35),
                    (cx, y),
                    (cx + r / 2, y + r * 0.35),
                    (cx + r, y),
                    (cx + r, y + r * 0.15),
                    (cx + r / 2, y + r * 0.5),
                    (cx, y + r * 0.15),
                    (cx - r / 2, y + r * 0.5),
                    (cx - r, y + r * 0.15),
                ],
                fill=True,
                stroke=False,
            )
    if initials and kind in ("seal", "hex"):
        pen.fill(color if kind == "seal" else WHITE)
        pen.font("Helvetica-Bold", size * 0.22)
        pen.text(cx, cy - size * 0.08, initials, "center")
    pen.fill(BLACK)
    pen.stroke(BLACK, 1)


# --------------------------------------------------------------------------------------------------------------
# A small block layout engine: blocks are tuples drawn top-down from a cursor
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Style:
    """Page geometry, fonts and colours of one certificate."""

    size: tuple[float, float] = LANDSCAPE
    body: str = "times"
    head: str = "times"
    border: str = "double"
    color: colors.Color = NAVY
    margin: float = 60
    top: float = 50


def resolve_font(token: str, style: Style) -> str:
    """Font token (R, B, I, BI, HR, HB, HI, HBI) to a reportlab font name."""
    index = {"R": 0, "B": 1, "I": 2, "BI": 3}
    if token.startswith("H") and token[1:] in index:
        return FAMILIES[style.head][index[token[1:]]]
    if token in index:
        return FAMILIES[style.body][index[token]]
    return token


def render(pen: Any, blocks: list[tuple], x0: float, width: float, y: float, style: Style, spread: float = 0.0) -> float:
    """Draw blocks from y downwards between x0 and x0 + width (spread: extra space after each block); return the cursor."""
    cx = x0 + width / 2
    for index, block in enumerate(blocks):
        kind, args = block[0], block[1:]
        if index and kind != "at":
            y -= spread
        if kind == "gap":
            y -= args[0]
        elif kind == "logo":
            logo_kind, size, *rest = args
            draw_logo(pen, cx, y - size / 2, size, logo_kind, style.color, rest[0] if rest else "")
            y -= size + 8
        elif kind in ("c", "l", "r"):
            font, size, text, *rest = args
            pen.font(resolve_font(font, style), size)
            pen.fill(rest[0] if rest else BLACK)
            y -= size
            x = {"c": cx, "l": x0, "r": x0 + width}[kind]
            pen.text(x, y, text, {"c": "center", "l": "left", "r": "right"}[kind])
            y -= size * 0.35
            pen.fill(BLACK)
        elif kind == "csup":
            font, size, text, sup, tail = args
            name = resolve_font(font, style)
            total = stringWidth(text, name, size) + stringWidth(sup, name, size * 0.5) + stringWidth(tail, name, size)
            y -= size
            x = cx - total / 2
            pen.font(name, size)
            pen.text(x, y, text)
            x += stringWidth(text, name, size)
            pen.font(name, size * 0.5)
            pen.text(x, y + size * 0.45, sup)
            x += stringWidth(sup, name, size * 0.5)
            pen.font(name, size)
            pen.text(x, y, tail)
            y -= size * 0.35
        elif kind in ("cl", "ll"):
            font, size, lines, *rest = args
            for line in lines:
                y = render(pen, [("c" if kind == "cl" else "l", font, size, line, *rest)], x0, width, y, style)
        elif kind in ("p", "lp"):
            font, size, text, *rest = args
            frac = rest[0] if rest else 1.0
            name = resolve_font(font, style)
            lines = simpleSplit(text, name, size, width * frac)
            pen.font(name, size)
            for line in lines:
                y -= size * 1.25
                if kind == "p":
                    pen.text(cx, y, line, "center")
                else:
                    pen.text(x0, y, line)
            y -= size * 0.4
        elif kind == "kv":
            rows, size, label_w, *rest = args
            label_font = resolve_font(rest[0] if rest else "B", style)
            value_font = resolve_font(rest[1] if len(rest) > 1 else "R", style)
            for label, value in rows:
                values = value if isinstance(value, list) else [value]
                y -= size * 1.3
                pen.font(label_font, size)
                pen.text(x0, y, label)
                pen.font(value_font, size)
                for i, v in enumerate(values):
                    if i:
                        y -= size * 1.2
                    pen.text(x0 + label_w, y, v)
            y -= size * 0.4
        elif kind == "table":
            columns, rows, size, *rest = args
            head_fill = rest[0] if rest else LIGHT
            row_h = size * 1.9
            widths = [frac * width for _, frac, _ in columns]
            xs = [x0 + sum(widths[:i]) for i in range(len(widths))]
            pen.stroke(GREY, 0.6)
            pen.fill(head_fill)
            pen.rect(x0, y - row_h, width, row_h, fill=True, stroke=True)
            pen.fill(BLACK)
            for r_index, row in enumerate([[c[0] for c in columns], *rows]):
                top = y - r_index * row_h
                pen.rect(x0, top - row_h, width, row_h, fill=False, stroke=True)
                pen.font(resolve_font("B" if r_index == 0 else "R", style), size)
                for (_, _, align), x, w, cell in zip(columns, xs, widths, row, strict=True):
                    if align == "right":
                        pen.text(x + w - 5, top - row_h + size * 0.62, cell, "right")
                    elif align == "center":
                        pen.text(x + w / 2, top - row_h + size * 0.62, cell, "center")
                    else:
                        pen.text(x + 5, top - row_h + size * 0.62, cell)
            for x in xs[1:]:
                pen.line(x, y, x, y - row_h * (len(rows) + 1))
            pen.stroke(BLACK, 1)
            y -= row_h * (len(rows) + 1) + 6
        elif kind == "big":
            number, unit, size = args
            pen.font(resolve_font("HB", style), size)
            pen.fill(style.color)
            y -= size
            pen.text(cx, y, number, "center")
            pen.font(resolve_font("R", style), size * 0.38)
            pen.fill(BLACK)
            y -= size * 0.55
            pen.text(cx, y, unit, "center")
            y -= size * 0.25
        elif kind == "sigs":
            (sigs,) = args
            n = len(sigs)
            y -= 30
            for i, (script, printed, role) in enumerate(sigs):
                sx = x0 + width * (i + 0.5) / n
                pen.font("Times-Italic", 17)
                pen.fill(NAVY)
                pen.text(sx, y + 4, script, "center")
                pen.fill(BLACK)
                pen.stroke(BLACK, 0.7)
                pen.line(sx - 95, y, sx + 95, y)
                pen.font(resolve_font("R", style), 9)
                pen.text(sx, y - 11, printed, "center")
                pen.font(resolve_font("I", style), 8)
                pen.text(sx, y - 21, role, "center")
            y -= 30
        elif kind == "cols":
            (columns,) = args
            low = y
            for frac_x, frac_w, sub in columns:
                low = min(low, render(pen, sub, x0 + width * frac_x, width * frac_w, y, style))
            y = low
        elif kind == "rule":
            pen.stroke(style.color, args[0] if args else 0.8)
            pen.line(x0, y - 4, x0 + width, y - 4)
            pen.stroke(BLACK, 1)
            y -= 10
        elif kind == "box":
            sub, pad = args
            top = y
            y = render(pen, sub, x0 + pad, width - 2 * pad, y - pad, style) - pad
            pen.stroke(style.color, 1)
            pen.rect(x0, y, width, top - y)
            pen.stroke(BLACK, 1)
        elif kind == "at":
            x, yy, font, size, text, *rest = args
            pen.font(resolve_font(font, style), size)
            pen.fill(rest[1] if len(rest) > 1 else BLACK)
            pen.text(x, yy, text, rest[0] if rest else "left")
            pen.fill(BLACK)
        else:
            raise ValueError(f"unknown block {kind}")
    return y


class NullPen:
    """Measures a layout without drawing anything."""

    def __init__(self) -> None:
        """No canvas."""
        self.fname, self.fsize = "Helvetica", 10.0

    def font(self, name: str, size: float) -> None:
        """Remember the font for widths."""
        self.fname, self.fsize = name, size

    def width(self, text: str) -> float:
        """Width of text in the current font."""
        return stringWidth(text, self.fname, self.fsize)

    def __getattr__(self, name: str) -> Callable[..., None]:
        """Every drawing call is a no-op."""
        return lambda *args, **kwargs: None


def draw_page(pen: Any, style: Style, blocks: list[tuple]) -> None:
    """Border plus blocks on one page; framed pages spread and centre their content vertically."""
    w, h = style.size
    draw_border(pen, w, h, style.border, style.color)
    x0, width, y = style.margin, w - 2 * style.margin, h - style.top
    if style.border == "band":
        y = render(pen, blocks[:1], x0, width, y, style) - 30
        blocks = blocks[1:]
    if style.border in ("none",):
        render(pen, blocks, x0, width, y, style)
        return
    bottom = 62
    free = (y - bottom) - (y - render(NullPen(), blocks, x0, width, y, style))
    movable = sum(1 for b in blocks[1:] if b[0] != "at")
    spread = max(0.0, min(9.0, free * 0.5 / max(movable, 1)))
    used = y - render(NullPen(), blocks, x0, width, y, style, spread)
    y -= max(0.0, (y - bottom - used) / 2)
    render(pen, blocks, x0, width, y, style, spread)


# --------------------------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Cert:
    """One certificate: how it is drawn and what a careful human reads off it."""

    file: str
    layout: str
    title: str | None
    completed_on: str | None
    credits: list[tuple[str, float]]
    notes: str
    pages: list[list[tuple]] = field(default_factory=list)
    style: Style = field(default_factory=Style)
    mode: str = "text"  # text | scan | encrypted | damaged
    custom: Callable[[Any], None] | None = None
    scan_angle: float = 0.0

    @property
    def text_layer(self) -> bool:
        """Whether a text extractor can get anything from the file."""
        return self.mode == "text"

    def truth(self) -> dict[str, Any]:
        """The expected.json object for this file."""
        blank = not self.text_layer
        return {
            "file": self.file,
            "layout": self.layout,
            "text_layer": self.text_layer,
            "title": None if blank else self.title,
            "completed_on": None if blank else self.completed_on,
            "credits": [] if blank else [{"credit_type": t, "amount": float(a)} for t, a in self.credits],
            "notes": self.notes,
        }


CERTS: list[Cert] = []


def add(cert: Cert) -> None:
    """Register a certificate."""
    CERTS.append(cert)


ANCC_APPROVED = (
    "This nursing continuing professional development activity was approved by the Cascadia Nurses Association, "
    "an accredited approver by the American Nurses Credentialing Center's Commission on Accreditation."
)
ANCC_PROVIDER = (
    "Summit Valley Health System is accredited as a provider of nursing continuing professional development by the "
    "American Nurses Credentialing Center's Commission on Accreditation."
)
JOINT = (
    "In support of improving patient care, {org} is jointly accredited by the Accreditation Council for Continuing Medical "
    "Education (ACCME), the Accreditation Council for Pharmacy Education (ACPE), and the American Nurses Credentialing "
    "Center (ANCC), to provide continuing education for the healthcare team."
)


def ama_designation(org: str, fmt: str, amount: str, credit: str = "AMA PRA Category 1 Credits™") -> str:
    """The ACCME designation statement (a maximum, not what was earned)."""
    return (
        f"{org} designates this {fmt} for a maximum of {amount} {credit}. Physicians should claim only the credit "
        "commensurate with the extent of their participation in the activity."
    )


# ---------------------------------------------------------------- ANCC / NCPD nursing
def build_ancc() -> None:
    """Nursing continuing professional development certificates."""
    s = Style(size=LANDSCAPE, body="helv", head="times", border="double", color=NAVY, margin=50)
    add(
        Cert(
            "ancc-01.pdf",
            "ANCC/NCPD nursing, two-column",
            "Sepsis Recognition in the Emergency Department",
            "2026-10-15",
            [("contact_hours", 3.0)],
            "provider number P0423 and course number 2026-118 on the page; phone number and ZIP code in the address; "
            "recipient name directly under 'This certifies that'",
            style=s,
            pages=[
                [
                    (
                        "cols",
                        [
                            (
                                0.0,
                                0.58,
                                [
                                    ("logo", "cross", 46),
                                    ("l", "HB", 26, "Certificate of Completion", NAVY),
                                    ("gap", 14),
                                    ("l", "R", 11, "This certifies that"),
                                    ("l", "HB", 20, "Maria T. Okafor, BSN, RN"),
                                    ("l", "R", 11, "has successfully completed"),
                                    ("gap", 6),
                                    ("l", "HBI", 16, "Sepsis Recognition in the Emergency Department"),
                                    ("gap", 12),
                                    ("lp", "R", 8.5, ANCC_APPROVED, 0.95),
                                ],
                            ),
                            (
                                0.64,
                                0.36,
                                [
                                    ("gap", 60),
                                    (
                                        "box",
                                        [
                                            ("l", "B", 10, "ACTIVITY DETAILS", NAVY),
                                            (
                                                "kv",
                                                [
                                                    ("Course #", "2026-118"),
                                                    ("Provider Number", "P0423"),
                                                    ("Date of Completion", "10/15/2026"),
                                                    ("Contact Hours Awarded", "3.0"),
                                                    ("Format", "Live, in person"),
                                                ],
                                                9,
                                                125,
                                            ),
                                        ],
                                        10,
                                    ),
                                ],
                            ),
                        ],
                    ),
                    ("sigs", [("Elaine R. Vasquez", "Elaine R. Vasquez, MSN, RN, CEN", "Nurse Planner, Clinical Education")]),
                    (
                        "at",
                        50,
                        40,
                        "R",
                        7.5,
                        "Riverbend Health Education Institute  ·  1840 Alder Street, Suite 300, Portland, OR 97209  ·  "
                        "(503) 555-0142",
                    ),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="times", head="times", border="ornate", color=GREEN, margin=70, top=60)
    add(
        Cert(
            "ancc-02.pdf",
            "ANCC/NCPD nursing, portrait, wrapped title",
            "Safe Handling of High-Alert Medications in Pediatric Inpatient Units: A Nurse-Led Double-Check Model",
            "2026-10-03",
            [("contact_hours", 1.25)],
            "title wrapped over three lines; contact hours in a two-cell table (label cell, value cell); '© 2026' footer; "
            "provider statement (not approver) wording",
            style=s2,
            pages=[
                [
                    ("logo", "shield", 50),
                    ("c", "HB", 13, "SUMMIT VALLEY HEALTH SYSTEM", GREEN),
                    ("c", "R", 10, "Center for Professional Nursing Practice"),
                    ("gap", 18),
                    ("c", "HBI", 28, "Certificate of Attendance"),
                    ("gap", 12),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Lucía Fernández-Ortega, BSN, RN"),
                    ("c", "R", 12, "participated in and completed"),
                    ("gap", 8),
                    (
                        "cl",
                        "HB",
                        15,
                        [
                            "Safe Handling of High-Alert Medications in",
                            "Pediatric Inpatient Units:",
                            "A Nurse-Led Double-Check Model",
                        ],
                    ),
                    ("gap", 14),
                    ("c", "R", 12, "Completed: October 3, 2026"),
                    ("gap", 12),
                    ("cols", [(0.2, 0.6, [("table", [("Contact Hours", 0.6, "left"), ("1.25", 0.4, "center")], [], 12, WHITE)])]),
                    ("gap", 8),
                    ("p", "I", 9, ANCC_PROVIDER, 0.9),
                    ("sigs", [("Deborah Kline", "Deborah Kline, DNP, RN, NPD-BC", "Lead Nurse Planner")]),
                    ("gap", 30),
                    (
                        "c",
                        "R",
                        7.5,
                        "© 2026 Summit Valley Health System. All rights reserved.  ·  Certificate ID SV-NCPD-55871",
                        GREY,
                    ),
                ]
            ],
        )
    )
    s3 = Style(size=LANDSCAPE, body="helv", head="helv", border="band", color=TEAL, margin=70, top=18)
    add(
        Cert(
            "ancc-03.pdf",
            "ANCC/NCPD nursing, banner, big number",
            "Opioid Stewardship for Advanced Practice Nurses",
            "2026-03-14",
            [("contact_hours", 2.5)],
            "the amount '2.5' is on one line and 'NCPD Contact Hours' on the next; 'including 1.0 pharmacology hours' is a "
            "subset "
            "of the 2.5, not a separate award; date as 14 Mar 2026",
            style=s3,
            pages=[
                [
                    ("c", "HB", 16, "CASCADIA NURSES ASSOCIATION  ·  CONTINUING PROFESSIONAL DEVELOPMENT", WHITE),
                    ("gap", 40),
                    ("c", "HB", 30, "Certificate of Successful Completion", TEAL),
                    ("gap", 10),
                    ("c", "R", 12, "Awarded to"),
                    ("c", "HB", 22, "Grace Whitaker, MSN, APRN, FNP-C"),
                    ("c", "R", 12, "for completing"),
                    ("c", "HB", 17, "Opioid Stewardship for Advanced Practice Nurses"),
                    ("gap", 6),
                    (
                        "cols",
                        [
                            (
                                0.0,
                                0.33,
                                [("big", "2.5", "NCPD Contact Hours", 40), ("c", "I", 9, "including 1.0 pharmacology hours")],
                            ),
                            (
                                0.33,
                                0.34,
                                [
                                    ("gap", 14),
                                    (
                                        "kv",
                                        [
                                            ("Date awarded:", "14 Mar 2026"),
                                            ("Activity code:", "CNA-26-0314-A"),
                                            ("Approver #:", "ANCC A-2217"),
                                        ],
                                        10,
                                        90,
                                    ),
                                ],
                            ),
                            (0.67, 0.33, [("sigs", [("Marcus Hale", "Marcus Hale, PhD, RN", "Director, Approver Unit")])]),
                        ],
                    ),
                    ("gap", 4),
                    ("p", "R", 8, ANCC_APPROVED, 0.95),
                ]
            ],
        )
    )
    s4 = Style(size=PORTRAIT, body="helv", head="helv", border="none", color=NAVY, margin=60, top=50)
    add(
        Cert(
            "ancc-04.pdf",
            "ANCC/NCPD nursing, online enduring module",
            "Recognizing Delirium in Hospitalized Older Adults",
            "2026-02-09",
            [("contact_hours", 1.0)],
            "enduring activity release date 01/01/2025 and expiration date 12/31/2027 printed beside the completion date "
            "(2026-02-09, ISO format); 'ANCC Provider #P0611'; post-test score 90% on the page",
            style=s4,
            pages=[
                [
                    ("l", "HB", 11, "NURSELEARN ONLINE", NAVY),
                    ("rule", 2),
                    ("gap", 20),
                    ("l", "HB", 22, "Certificate of Completion"),
                    ("gap", 8),
                    (
                        "kv",
                        [
                            ("Learner", "Hannah Lindqvist, RN"),
                            ("Activity", "Recognizing Delirium in Hospitalized Older Adults"),
                            ("Activity type", "Enduring material (online, self-paced)"),
                            ("Post-test score", "90% (passing 80%)"),
                            ("Date completed", "2026-02-09"),
                        ],
                        11,
                        120,
                    ),
                    ("gap", 6),
                    ("l", "R", 10, "Release date: 01/01/2025      Expiration date: 12/31/2027"),
                    ("gap", 16),
                    (
                        "box",
                        [
                            ("l", "B", 12, "Contact hours awarded: 1.0"),
                            (
                                "lp",
                                "R",
                                9,
                                "ANCC Provider #P0611. "
                                + ANCC_PROVIDER.replace("Summit Valley Health System", "NurseLearn Online"),
                            ),
                        ],
                        10,
                    ),
                    ("gap", 30),
                    ("l", "R", 8, "Questions? support@nurselearn.example  ·  1-800-555-0199  ·  Page 1 of 1", GREY),
                ]
            ],
        )
    )
    s5 = Style(size=LANDSCAPE, body="times", head="times", border="thick", color=MAROON, margin=60)
    add(
        Cert(
            "ancc-05.pdf",
            "ANCC/NCPD nursing, two-column",
            "Nurse Residency Program: Transition to Critical Care Practice",
            "2026-06-05",
            [("contact_hours", 6.5)],
            "'Class of 2026' cohort line; labels in the left column and values in the right ('Contact Hours Awarded' / '6.5'); "
            "'has successfully completed' on its own line",
            style=s5,
            pages=[
                [
                    ("logo", "seal", 54, "LRMC"),
                    ("c", "HB", 14, "LAKEMONT REGIONAL MEDICAL CENTER", MAROON),
                    ("c", "HBI", 30, "Certificate of Completion"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 22, "Tomas Ibarra-Reyes, RN"),
                    ("c", "R", 12, "has successfully completed"),
                    ("c", "HB", 16, "Nurse Residency Program: Transition to Critical Care Practice"),
                    ("c", "I", 11, "Class of 2026"),
                    ("gap", 8),
                    (
                        "cols",
                        [
                            (0.18, 0.3, [("ll", "B", 11, ["Date", "Contact Hours Awarded", "Provider Number", "Course Number"])]),
                            (0.5, 0.3, [("ll", "R", 11, ["June 5, 2026", "6.5", "P0789", "NR-CC-2026-04"])]),
                        ],
                    ),
                    ("gap", 4),
                    (
                        "p",
                        "I",
                        8.5,
                        ANCC_PROVIDER.replace("Summit Valley Health System", "Lakemont Regional Medical Center"),
                        0.85,
                    ),
                    (
                        "sigs",
                        [
                            ("Patricia Owusu", "Patricia Owusu, MSN, RN-BC", "Nurse Planner"),
                            ("R. J. Caldwell", "Robert J. Caldwell, DNP, RN", "Chief Nursing Officer"),
                        ],
                    ),
                ]
            ],
        )
    )
    s6 = Style(size=A4_LANDSCAPE, body="helv", head="times", border="double", color=GREEN, margin=70)
    add(
        Cert(
            "ancc-06.pdf",
            "ANCC/NCPD nursing, enduring, no completion date",
            "Wound Care Essentials: Pressure Injury Staging and Prevention",
            None,
            [("contact_hours", 2.0)],
            "only the activity's availability window '03/01/2026 - 02/28/2028' is printed (two unlabelled dates); no completion "
            "date, so completed_on is null; 'valid for 2 years' refers to the activity, not the learner",
            style=s6,
            pages=[
                [
                    ("logo", "waves", 40),
                    ("c", "HB", 28, "Certificate of Completion", GREEN),
                    ("c", "R", 12, "presented to"),
                    ("c", "HB", 20, "Kwame Asante-Boateng, RN"),
                    ("c", "R", 12, "for the self-study activity"),
                    ("cl", "HB", 16, ["Wound Care Essentials:", "Pressure Injury Staging and Prevention"]),
                    ("gap", 6),
                    ("c", "B", 13, "2.0 contact hours"),
                    ("c", "R", 10, "03/01/2026 - 02/28/2028"),
                    ("c", "I", 9, "This enduring activity is valid for 2 years from its release."),
                    ("gap", 4),
                    ("p", "R", 8.5, ANCC_APPROVED, 0.85),
                    ("sigs", [("Janet Morrow", "Janet Morrow, MSN, RN, CWOCN", "Nurse Planner, Greenway Wound Academy")]),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- ACCME / AMA PRA physician CME
def build_cme() -> None:
    """Physician CME certificates with designation statements and claimed credits."""
    org = "Northfield University School of Medicine"
    s = Style(size=LANDSCAPE, body="times", head="times", border="ornate", color=NAVY)
    add(
        Cert(
            "cme-01.pdf",
            "ACCME physician CME, designation + claimed",
            "27th Annual Update in Hospital Medicine",
            "2026-10-16",
            [("ama_pra_cat1", 3.0)],
            "designation 'a maximum of 12.5 AMA PRA Category 1 Credits™' is not what was earned; 'Credits claimed: 3.0'; "
            "activity "
            "dates 'October 13-16, 2026' and a separate 'Date of completion: 10/16/2026'; '27th' in the title",
            style=s,
            pages=[
                [
                    ("logo", "shield", 44),
                    ("c", "HB", 13, "NORTHFIELD UNIVERSITY SCHOOL OF MEDICINE", NAVY),
                    ("c", "I", 10, "Office of Continuing Medical Education"),
                    ("gap", 6),
                    ("c", "HB", 26, "Certificate of Participation"),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 20, "Daniel R. Whitcombe, MD"),
                    ("c", "R", 11, "participated in the live activity"),
                    ("c", "HB", 16, "27th Annual Update in Hospital Medicine"),
                    ("c", "R", 10.5, "Activity dates: October 13-16, 2026  ·  Northfield Conference Center, Duluth, Minnesota"),
                    ("gap", 4),
                    ("p", "I", 9, ama_designation(org, "live activity", "12.5"), 0.85),
                    (
                        "cols",
                        [(0.25, 0.5, [("kv", [("Credits claimed:", "3.0"), ("Date of completion:", "10/16/2026")], 11, 140)])],
                    ),
                    ("sigs", [("Helen Marsh", "Helen Marsh, MD, MEd", "Director, Continuing Medical Education")]),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="helv", head="helv", border="none", color=NAVY, margin=60, top=50)
    add(
        Cert(
            "cme-02.pdf",
            "ACCME physician CME, designation only",
            "Anticoagulation Reversal in Intracranial Hemorrhage",
            "2026-04-22",
            [],
            "only the designation statement 'a maximum of 1.0 AMA PRA Category 1 Credit™' is printed; nothing states what was "
            "claimed or awarded, so credits is empty",
            style=s2,
            pages=[
                [
                    ("l", "HB", 10, "NEUROCRITICAL CARE LEARNING NETWORK", NAVY),
                    ("rule", 1.5),
                    ("gap", 16),
                    ("l", "HB", 20, "CME Certificate"),
                    ("gap", 6),
                    (
                        "kv",
                        [
                            ("Name", "Ingrid Solberg, MD"),
                            ("Activity", "Anticoagulation Reversal in Intracranial Hemorrhage"),
                            ("Format", "Enduring material (web-based)"),
                            ("Date completed", "2026-04-22"),
                        ],
                        11,
                        110,
                    ),
                    ("gap", 12),
                    (
                        "lp",
                        "R",
                        9.5,
                        "The Neurocritical Care Learning Network is accredited by the Accreditation Council for Continuing "
                        "Medical "
                        "Education (ACCME) to provide continuing medical education for physicians.",
                    ),
                    (
                        "lp",
                        "R",
                        9.5,
                        ama_designation(
                            "The Neurocritical Care Learning Network", "enduring material", "1.0", "AMA PRA Category 1 Credit™"
                        ),
                    ),
                    ("gap", 30),
                    ("l", "R", 8, "Activity ID 26-NCLN-0412  ·  Page 1 of 1", GREY),
                ]
            ],
        )
    )
    s3 = Style(size=PORTRAIT, body="times", head="helv", border="double", color=MAROON, margin=70, top=60)
    add(
        Cert(
            "cme-03.pdf",
            "ACCME physician CME, credit table",
            "Pulmonary Embolism Response Teams: Building a PERT From the Ground Up",
            "2026-04-22",
            [("ama_pra_cat1", 4.25)],
            "credit type spelled 'AMA PRA Category 1 Credit(s)™' in a table cell with the claimed value in the next cell; "
            "designation "
            "maximum 6.0 elsewhere; 'Activity ID 24-1234-H01-P'; date '22 Apr 2026'; title on two lines",
            style=s3,
            pages=[
                [
                    ("logo", "hex", 48, "CPS"),
                    ("c", "HB", 12, "CAPITOL PULMONARY SOCIETY", MAROON),
                    ("gap", 10),
                    ("c", "HB", 24, "Certificate of CME Credit"),
                    ("gap", 6),
                    ("c", "R", 12, "Presented to"),
                    ("c", "B", 18, "Anjali Mehta-Rhodes, MD"),
                    ("c", "R", 12, "for participation in"),
                    ("cl", "B", 15, ["Pulmonary Embolism Response Teams:", "Building a PERT From the Ground Up"]),
                    ("c", "R", 11, "22 Apr 2026  ·  Activity ID 24-1234-H01-P"),
                    ("gap", 8),
                    (
                        "table",
                        [("Credit Type", 0.65, "left"), ("Credits Claimed", 0.35, "center")],
                        [["AMA PRA Category 1 Credit(s)™", "4.25"]],
                        11,
                    ),
                    (
                        "p",
                        "I",
                        8.5,
                        ama_designation("The Capitol Pulmonary Society", "live activity", "6.0", "AMA PRA Category 1 Credit(s)™"),
                        0.95,
                    ),
                    ("sigs", [("Oren Blackwell", "Oren Blackwell, MD, FCCP", "Course Director")]),
                ]
            ],
        )
    )
    s4 = Style(size=LANDSCAPE, body="helv", head="times", border="thick", color=GOLD)
    add(
        Cert(
            "cme-04.pdf",
            "ACCME physician CME, awarded statement",
            "Top 10 ECG Patterns Every Internist Should Recognize",
            "2026-03-14",
            [("ama_pra_cat1", 1.0)],
            "singular 'AMA PRA Category 1 Credit™' in an 'awarded' sentence; '10' in the title; 'Date: 3/14/2026'; 'Page 1 of 1'",
            style=s4,
            pages=[
                [
                    ("logo", "seal", 50, "SIM"),
                    ("c", "HB", 30, "Certificate of Credit"),
                    ("c", "R", 12, "This is to certify that"),
                    ("c", "HB", 22, "Samuel O. Adeyemi, MD"),
                    ("c", "R", 12, "has been awarded 1.0 AMA PRA Category 1 Credit™ for"),
                    ("cl", "HBI", 17, ["Top 10 ECG Patterns Every Internist", "Should Recognize"]),
                    ("c", "R", 11, "Date: 3/14/2026"),
                    ("gap", 4),
                    (
                        "p",
                        "R",
                        8.5,
                        "The Society of Internal Medicine of the Great Lakes is accredited by the ACCME to provide continuing "
                        "medical education for physicians.",
                        0.8,
                    ),
                    ("sigs", [("Rachel Dunmore", "Rachel Dunmore, MD", "CME Committee Chair")]),
                    ("at", 396, 32, "R", 7, "Page 1 of 1", "center"),
                ]
            ],
        )
    )
    s5 = Style(size=A4_PORTRAIT, body="helv", head="helv", border="band", color=NAVY, margin=60, top=16)
    add(
        Cert(
            "cme-05.pdf",
            "ACCME physician CME, designation only + MOC statement",
            "Management of Type 2 Diabetes: 2026 Standards in Practice",
            "2026-08-30",
            [],
            "designation maximum (8.0 AMA PRA Category 1 Credits™) and 'earn up to 8 MOC points' are both maxima; no claimed or "
            "awarded line, so credits is empty; '2026' and '2' inside the title",
            style=s5,
            pages=[
                [
                    ("c", "HB", 14, "ENDOCRINE ACADEMY OF THE MIDWEST", WHITE),
                    ("gap", 44),
                    ("c", "HB", 24, "Certificate of Completion", NAVY),
                    ("gap", 6),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 18, "Victor Almeida, MD"),
                    ("c", "R", 11, "has completed"),
                    ("cl", "HB", 14, ["Management of Type 2 Diabetes:", "2026 Standards in Practice"]),
                    ("gap", 6),
                    ("c", "R", 11, "Completion Date: 08/30/2026"),
                    ("gap", 10),
                    ("p", "R", 9, ama_designation("The Endocrine Academy of the Midwest", "enduring material", "8.0"), 0.9),
                    (
                        "p",
                        "R",
                        9,
                        "Successful completion of this CME activity, which includes participation in the evaluation component, "
                        "enables the participant to earn up to 8 MOC points in the American Board of Internal Medicine's "
                        "(ABIM) Maintenance "
                        "of Certification (MOC) program.",
                        0.9,
                    ),
                    ("sigs", [("Lena Hartmann", "Lena Hartmann, MD", "Activity Director")]),
                    ("gap", 40),
                    (
                        "c",
                        "R",
                        8,
                        "Endocrine Academy of the Midwest  ·  PO Box 4471  ·  Madison, WI 53703  ·  (608) 555-0178",
                        GREY,
                    ),
                ]
            ],
        )
    )
    s6 = Style(size=LANDSCAPE, body="times", head="times", border="double", color=TEAL)
    add(
        Cert(
            "cme-06.pdf",
            "ACCME physician CME, claimed sentence",
            "Advances in Pediatric Sepsis: From Triage to PICU",
            "2026-09-18",
            [("ama_pra_cat1", 7.75)],
            "'You claimed 7.75' in a sentence, credit type named in the same sentence; the designation maximum (14.0) sits "
            "above it; "
            "the trademark sign drawn as a separate small raised 'TM'; date 'September 18, 2026'",
            style=s6,
            pages=[
                [
                    ("logo", "cross", 40),
                    ("c", "HB", 12, "WESTBROOK CHILDREN'S HOSPITAL  ·  MEDICAL EDUCATION", TEAL),
                    ("c", "HB", 28, "Certificate of Attendance"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Mei-Lin Zhao, MD"),
                    ("c", "R", 12, "attended"),
                    ("c", "HB", 17, "Advances in Pediatric Sepsis: From Triage to PICU"),
                    ("c", "R", 11, "September 18, 2026  ·  Westbrook Children's Hospital, Auditorium B"),
                    ("gap", 6),
                    (
                        "p",
                        "I",
                        9,
                        ama_designation("Westbrook Children's Hospital", "live activity", "14.0", "AMA PRA Category 1 Credits"),
                        0.85,
                    ),
                    ("csup", "B", 12, "You claimed 7.75 AMA PRA Category 1 Credits", "TM", " for this activity."),
                    ("sigs", [("A. Kowalczyk", "Anna Kowalczyk, MD", "Chair, CME Committee")]),
                ]
            ],
        )
    )
    s7 = Style(size=LANDSCAPE, body="helv", head="helv", border="none", color=NAVY, margin=70, top=60)
    add(
        Cert(
            "cme-07.pdf",
            "ACCME physician CME, enduring, no completion date",
            "Hepatitis C Elimination in Primary Care",
            None,
            [("ama_pra_cat1", 0.5)],
            "only 'Release date: 01/01/2025' and 'Expiration date: 12/31/2027' of the enduring activity; no completion date, so "
            "completed_on is null; '0.50' on one line and 'AMA PRA Category 1 Credits™ claimed' on the next",
            style=s7,
            pages=[
                [
                    (
                        "cols",
                        [
                            (
                                0.0,
                                0.6,
                                [
                                    ("l", "HB", 11, "PRIMARYCARE CME HUB", NAVY),
                                    ("gap", 20),
                                    ("l", "HB", 26, "Statement of Credit"),
                                    ("gap", 8),
                                    ("l", "R", 12, "Issued to"),
                                    ("l", "HB", 18, "Farah Qureshi, DO"),
                                    ("gap", 6),
                                    ("l", "R", 12, "Activity"),
                                    ("l", "HB", 15, "Hepatitis C Elimination in Primary Care"),
                                    ("gap", 10),
                                    ("l", "R", 10, "Release date: 01/01/2025    Expiration date: 12/31/2027"),
                                ],
                            ),
                            (
                                0.65,
                                0.35,
                                [("gap", 40), ("box", [("big", "0.50", "AMA PRA Category 1 Credits™ claimed", 44)], 12)],
                            ),
                        ],
                    ),
                    ("gap", 16),
                    (
                        "lp",
                        "R",
                        8.5,
                        "PrimaryCare CME Hub is accredited by the Accreditation Council for Continuing Medical Education to "
                        "provide "
                        "continuing medical education for physicians. "
                        + ama_designation("PrimaryCare CME Hub", "enduring material", "0.50"),
                    ),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- AAPA
def build_aapa() -> None:
    """Physician assistant CME certificates."""
    s = Style(size=LANDSCAPE, body="helv", head="times", border="double", color=MAROON)
    add(
        Cert(
            "aapa-01.pdf",
            "AAPA Category 1 CME for PAs",
            "Dermatology Rounds for the Primary Care PA",
            "2026-05-02",
            [("aapa_cat1", 2.0)],
            "review-panel statement designates 2.0 (a designation); the earned line 'AAPA Category 1 CME credits earned: 2.0' is "
            "separate; date '05/02/2026'",
            style=s,
            pages=[
                [
                    ("logo", "hex", 46, "CAPA"),
                    ("c", "HB", 13, "COASTAL ACADEMY OF PHYSICIAN ASSISTANTS", MAROON),
                    ("c", "HB", 28, "Certificate of Completion"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Priya Ramanathan, PA-C"),
                    ("c", "R", 12, "has successfully completed"),
                    ("c", "HB", 17, "Dermatology Rounds for the Primary Care PA"),
                    ("c", "R", 11, "held on 05/02/2026 in Charleston, South Carolina"),
                    ("gap", 6),
                    (
                        "p",
                        "I",
                        8.5,
                        "This activity has been reviewed by the AAPA Review Panel and is compliant with AAPA CME Criteria. This "
                        "activity is designated for 2.0 AAPA Category 1 CME credits. PAs should only claim credit "
                        "commensurate with the extent "
                        "of their participation.",
                        0.85,
                    ),
                    ("c", "B", 12, "AAPA Category 1 CME credits earned: 2.0"),
                    ("sigs", [("Nathan Crowe", "Nathan Crowe, MPAS, PA-C", "Education Chair")]),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="helv", head="helv", border="thick", color=TEAL, margin=65, top=60)
    add(
        Cert(
            "aapa-02.pdf",
            "AAPA Category 1 CME for PAs, designation + claimed",
            "Emergency Orthopedics for PAs and NPs: Splinting Workshop",
            "2026-05-11",
            [("aapa_cat1", 5.5)],
            "approved for 'a maximum of 8.0' but 'Credits claimed: 5.5'; 'Approval is valid until 06/30/2027' (not a "
            "completion date); "
            "ISO date 2026-05-11",
            style=s2,
            pages=[
                [
                    ("logo", "bars", 40),
                    ("c", "HB", 11, "SIERRA ORTHOPEDIC EDUCATION GROUP", TEAL),
                    ("gap", 10),
                    ("c", "HB", 24, "CME Certificate"),
                    ("gap", 8),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 18, "Jordan Ellery, PA-C"),
                    ("c", "R", 11, "completed the workshop"),
                    ("cl", "HB", 14, ["Emergency Orthopedics for PAs and NPs:", "Splinting Workshop"]),
                    ("gap", 10),
                    (
                        "cols",
                        [
                            (
                                0.15,
                                0.7,
                                [
                                    (
                                        "kv",
                                        [
                                            ("Date of completion", "2026-05-11"),
                                            ("Credits claimed", "5.5"),
                                            ("Credit type", "AAPA Category 1 CME"),
                                        ],
                                        11,
                                        150,
                                    )
                                ],
                            )
                        ],
                    ),
                    ("gap", 6),
                    (
                        "p",
                        "R",
                        8.5,
                        "This activity has been reviewed by the AAPA Review Panel and is compliant with AAPA CME Criteria. This "
                        "activity is designated for a maximum of 8.0 AAPA Category 1 CME credits. Approval is valid until "
                        "06/30/2027. PAs should "
                        "only claim credit commensurate with the extent of their participation.",
                        0.95,
                    ),
                    ("sigs", [("Carla Benitez", "Carla Benitez, PA-C, DMSc", "Workshop Director")]),
                ]
            ],
        )
    )
    s3 = Style(size=LANDSCAPE, body="times", head="times", border="ornate", color=GREEN)
    add(
        Cert(
            "aapa-03.pdf",
            "AAPA Category 1 + Category 2 for PAs",
            "Point-of-Care Ultrasound Skills Lab for PAs",
            "2026-11-07",
            [("aapa_cat1", 1.5), ("aapa_cat2", 1.0)],
            "two awards: 1.5 AAPA Category 1 (the lab) and 1.0 AAPA Category 2 (pre-lab reading); 'PA Residency Class of 2026'; "
            "date '7 November 2026'",
            style=s3,
            pages=[
                [
                    ("logo", "waves", 36),
                    ("c", "HB", 13, "GREAT LAKES PA RESIDENCY CONSORTIUM", GREEN),
                    ("c", "HBI", 26, "Certificate of Participation"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Marisol Tavares, PA-C"),
                    ("c", "R", 12, "PA Residency Class of 2026"),
                    ("c", "R", 12, "completed"),
                    ("c", "HB", 17, "Point-of-Care Ultrasound Skills Lab for PAs"),
                    ("c", "R", 11, "on 7 November 2026"),
                    ("gap", 4),
                    ("c", "R", 12, "and was awarded 1.5 AAPA Category 1 CME credits"),
                    ("c", "R", 12, "plus 1.0 AAPA Category 2 CME credit for the pre-lab reading."),
                    ("sigs", [("Owen Farrugia", "Owen Farrugia, MHS, PA-C", "Program Director")]),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- Jointly accredited
def build_joint() -> None:
    """Jointly accredited certificates with several awards."""
    org = "Halvorsen Institute for Clinical Learning"
    s = Style(size=LANDSCAPE, body="helv", head="helv", border="band", color=NAVY, margin=55, top=16)
    add(
        Cert(
            "joint-01.pdf",
            "Jointly accredited, several awards",
            "Heart Failure With Preserved Ejection Fraction: A Team Approach",
            "2026-10-15",
            [("ama_pra_cat1", 1.5), ("contact_hours", 1.5)],
            "'Joint Accreditation #4008163'; two awards in a two-row table (AMA PRA Category 1 Credits™ 1.5, ANCC contact "
            "hours 1.5); "
            "'JOINTLY ACCREDITED PROVIDER™' logo text",
            style=s,
            pages=[
                [
                    ("c", "HB", 14, "HALVORSEN INSTITUTE FOR CLINICAL LEARNING", WHITE),
                    ("gap", 40),
                    (
                        "cols",
                        [
                            (
                                0.0,
                                0.7,
                                [
                                    ("l", "HB", 24, "Certificate of Participation", NAVY),
                                    ("l", "R", 11, "This certifies that"),
                                    ("l", "HB", 18, "Eleanor J. Pryce, MD"),
                                    ("l", "R", 11, "participated in"),
                                    ("ll", "HB", 14, ["Heart Failure With Preserved Ejection Fraction:", "A Team Approach"]),
                                    ("l", "R", 11, "October 15, 2026  ·  Live webinar"),
                                ],
                            ),
                            (
                                0.75,
                                0.25,
                                [
                                    ("gap", 10),
                                    (
                                        "box",
                                        [
                                            ("c", "HB", 9, "JOINTLY ACCREDITED"),
                                            ("c", "HB", 9, "PROVIDER™"),
                                            ("c", "R", 6.5, "INTERPROFESSIONAL CONTINUING EDUCATION"),
                                        ],
                                        6,
                                    ),
                                ],
                            ),
                        ],
                    ),
                    ("gap", 6),
                    (
                        "cols",
                        [
                            (
                                0.0,
                                0.6,
                                [
                                    (
                                        "table",
                                        [("Credit awarded", 0.72, "left"), ("Amount", 0.28, "right")],
                                        [["AMA PRA Category 1 Credits™", "1.5"], ["ANCC contact hours", "1.5"]],
                                        10,
                                    )
                                ],
                            )
                        ],
                    ),
                    ("lp", "R", 8, JOINT.format(org=org) + " Joint Accreditation #4008163."),
                    ("sigs", [("Stefan Lindgren", "Stefan Lindgren, MD", "Medical Director, Halvorsen Institute")]),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="times", head="helv", border="double", color=NAVY, margin=55, top=55)
    add(
        Cert(
            "joint-02.pdf",
            "Jointly accredited, several awards",
            "Antimicrobial Stewardship Across the Continuum of Care",
            "2026-06-19",
            [("ama_pra_cat1", 2.0), ("contact_hours", 2.0), ("aapa_cat1", 2.0)],
            "table lists four credit types with the designated maximum and the claimed amount; the ACPE row has '—' in "
            "Claimed and is "
            "not earned; UAN 'JA4008163-0000-26-045-L01-P' is a number trap",
            style=s2,
            pages=[
                [
                    ("logo", "hex", 44, "HI"),
                    ("c", "HB", 12, "HALVORSEN INSTITUTE FOR CLINICAL LEARNING", NAVY),
                    ("c", "HB", 9, "JOINTLY ACCREDITED PROVIDER™"),
                    ("gap", 8),
                    ("c", "HB", 22, "Certificate of Credit"),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "B", 17, "Rafael Ortiz-Campos, MD"),
                    ("c", "R", 11, "completed"),
                    ("c", "B", 14, "Antimicrobial Stewardship Across the Continuum of Care"),
                    ("c", "R", 11, "Date of participation: June 19, 2026"),
                    ("gap", 6),
                    (
                        "table",
                        [("Credit type", 0.52, "left"), ("Designated (max)", 0.24, "center"), ("Claimed", 0.24, "center")],
                        [
                            ["AMA PRA Category 1 Credits™", "2.0", "2.0"],
                            ["ANCC contact hours", "2.0", "2.0"],
                            ["ACPE contact hours", "2.0", "—"],
                            ["AAPA Category 1 CME credits", "2.0", "2.0"],
                        ],
                        10,
                    ),
                    ("p", "R", 8, JOINT.format(org=org), 0.95),
                    (
                        "p",
                        "R",
                        8,
                        "ACPE UAN: JA4008163-0000-26-045-L01-P. This activity was planned by and for the healthcare team.",
                        0.95,
                    ),
                    ("sigs", [("Stefan Lindgren", "Stefan Lindgren, MD", "Medical Director")]),
                ]
            ],
        )
    )
    s3 = Style(size=LANDSCAPE, body="helv", head="times", border="ornate", color=MAROON)
    add(
        Cert(
            "joint-03.pdf",
            "Jointly accredited, AMA + ANCC + MOC",
            "Chronic Kidney Disease in Primary Care",
            "2026-12-02",
            [("ama_pra_cat1", 3.25), ("contact_hours", 3.25), ("moc_points", 3.25)],
            "three awards stated as label/value pairs in two columns; nursing contact hours include 1.0 pharmacotherapeutic "
            "hour (a "
            "subset, not another award); date 'Dec 2, 2026'",
            style=s3,
            pages=[
                [
                    ("logo", "seal", 50, "MKF"),
                    ("c", "HB", 13, "MIDLANDS KIDNEY FOUNDATION", MAROON),
                    ("c", "HBI", 28, "Certificate of Completion"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Beatrix Holloway, MD"),
                    ("c", "R", 12, "has completed"),
                    ("c", "HB", 17, "Chronic Kidney Disease in Primary Care"),
                    ("c", "R", 11, "Dec 2, 2026"),
                    (
                        "cols",
                        [
                            (
                                0.12,
                                0.45,
                                [
                                    (
                                        "ll",
                                        "B",
                                        10,
                                        ["AMA PRA Category 1 Credits™ claimed:", "Nursing contact hours:", "ABIM MOC points:"],
                                    )
                                ],
                            ),
                            (0.57, 0.35, [("ll", "R", 10, ["3.25", "3.25 (includes 1.0 pharmacotherapeutic)", "3.25"])]),
                        ],
                    ),
                    ("p", "R", 7.5, JOINT.format(org="the Midlands Kidney Foundation") + " Joint Accreditation #4008163.", 0.9),
                    ("sigs", [("Imogen Tate", "Imogen Tate, MD", "Course Director")]),
                ]
            ],
        )
    )
    s4 = Style(size=LANDSCAPE, body="helv", head="helv", border="double", color=TEAL, margin=60)
    add(
        Cert(
            "joint-04.pdf",
            "Jointly accredited, awards in columns",
            "Interprofessional Management of Acute Pain After Surgery",
            "2026-07-08",
            [("ama_pra_cat1", 1.0), ("contact_hours", 1.0), ("aapa_cat1", 1.0)],
            "four awards laid out in columns, each number above its unit; the fourth, '1.0 IPCE credit™', has no credit "
            "type id here "
            "and is left out; date '2026-07-08'",
            style=s4,
            pages=[
                [
                    ("logo", "cross", 38),
                    ("c", "HB", 12, "RIVERBEND HEALTH EDUCATION INSTITUTE  ·  JOINTLY ACCREDITED PROVIDER™", TEAL),
                    ("c", "HB", 26, "Certificate of Participation"),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 19, "Theo Papadakis, PharmD"),
                    ("c", "R", 11, "participated in"),
                    ("c", "HB", 16, "Interprofessional Management of Acute Pain After Surgery"),
                    ("c", "R", 11, "Completed 2026-07-08"),
                    ("gap", 4),
                    (
                        "cols",
                        [
                            (0.0, 0.25, [("big", "1.0", "AMA PRA Category 1 Credit™", 30)]),
                            (0.25, 0.25, [("big", "1.0", "ANCC contact hour", 30)]),
                            (0.5, 0.25, [("big", "1.0", "AAPA Category 1 CME credit", 30)]),
                            (0.75, 0.25, [("big", "1.0", "IPCE credit™", 30)]),
                        ],
                    ),
                    ("gap", 4),
                    ("p", "R", 7.5, JOINT.format(org="Riverbend Health Education Institute"), 0.9),
                    ("sigs", [("Marguerite Sola", "Marguerite Sola, PharmD, BCPS", "Planning Committee Chair")]),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- Pharmacy (ACPE)
def build_acpe() -> None:
    """Pharmacy continuing education statements."""
    s = Style(size=PORTRAIT, body="helv", head="helv", border="none", color=GREEN, margin=60, top=50)
    add(
        Cert(
            "acpe-01.pdf",
            "ACPE pharmacy statement of credit",
            "Biosimilars in Community Pharmacy Practice",
            "2026-07-22",
            [("contact_hours", 2.0)],
            "ACPE contact hours = contact_hours; UAN '0412-0000-26-118-H01-P', 'NABP e-Profile ID 3318274' and birth "
            "month/day '04/17' "
            "are number/date traps; date of participation 07/22/2026",
            style=s,
            pages=[
                [
                    ("l", "HB", 11, "MERIDIAN PHARMACY EDUCATION NETWORK", GREEN),
                    ("rule", 1.5),
                    ("gap", 14),
                    ("l", "HB", 20, "Statement of Continuing Pharmacy Education Credit"),
                    ("gap", 10),
                    (
                        "kv",
                        [
                            ("Participant", "Hiroshi Tanabe, PharmD"),
                            ("NABP e-Profile ID", "3318274"),
                            ("Birth month/day (MM/DD)", "04/17"),
                            ("Program title", "Biosimilars in Community Pharmacy Practice"),
                            ("UAN", "0412-0000-26-118-H01-P"),
                            ("Activity type", "Knowledge-based"),
                            ("Date of participation", "07/22/2026"),
                            ("Contact hours", "2.0"),
                        ],
                        10.5,
                        160,
                    ),
                    ("gap", 14),
                    (
                        "lp",
                        "R",
                        9,
                        "Meridian Pharmacy Education Network is accredited by the Accreditation Council for Pharmacy "
                        "Education as a "
                        "provider of continuing pharmacy education. Credit has been reported to CPE Monitor within 60 days "
                        "of participation.",
                    ),
                    ("gap", 40),
                    ("l", "R", 8, "Meridian PEN  ·  2200 Commerce Parkway, Columbus, OH 43215  ·  Page 1 of 1", GREY),
                ]
            ],
        )
    )
    s2 = Style(size=LANDSCAPE, body="times", head="times", border="double", color=GREEN)
    add(
        Cert(
            "acpe-02.pdf",
            "ACPE pharmacy, contact hours with CEU equivalent",
            "Pharmacogenomics in Anticoagulation Therapy",
            "2026-09-24",
            [("contact_hours", 1.5), ("ceu", 0.15)],
            "'1.5 contact hours (0.15 CEUs)': both units are printed, both recorded unconverted (same credit stated two ways); "
            "date 'Sept. 24, 2026'",
            style=s2,
            pages=[
                [
                    ("logo", "bars", 36),
                    ("c", "HB", 13, "MERIDIAN PHARMACY EDUCATION NETWORK", GREEN),
                    ("c", "HBI", 26, "Certificate of Completion"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Adaeze Nwosu, RPh"),
                    ("c", "R", 12, "successfully completed the home-study program"),
                    ("c", "HB", 17, "Pharmacogenomics in Anticoagulation Therapy"),
                    ("c", "R", 11, "Completed Sept. 24, 2026"),
                    ("gap", 6),
                    ("c", "B", 13, "1.5 contact hours (0.15 CEUs)"),
                    ("c", "R", 9, "UAN 0412-9999-26-201-H04-P  ·  Knowledge-based"),
                    ("sigs", [("Gordon Pike", "Gordon Pike, PharmD", "Director of Continuing Education")]),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- CEU / IACET
def build_ceu() -> None:
    """IACET CEU certificates."""
    s = Style(size=LANDSCAPE, body="helv", head="times", border="thick", color=NAVY)
    add(
        Cert(
            "ceu-01.pdf",
            "IACET CEU certificate",
            "Infection Prevention Fundamentals for Sterile Processing",
            "2026-01-27",
            [("ceu", 0.2)],
            "'0.2 CEU' (do not convert to contact hours); IACET accreditation statement; date 'January 27, 2026'",
            style=s,
            pages=[
                [
                    ("logo", "hex", 44, "LLC"),
                    ("c", "HB", 13, "LAKEMONT LEARNING COLLABORATIVE", NAVY),
                    ("c", "HB", 28, "Certificate of Achievement"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Dwayne Castellanos, CRCST"),
                    ("c", "R", 12, "has satisfactorily completed"),
                    ("c", "HB", 16, "Infection Prevention Fundamentals for Sterile Processing"),
                    ("c", "R", 12, "on January 27, 2026 and is awarded 0.2 CEU"),
                    ("gap", 4),
                    (
                        "p",
                        "I",
                        8.5,
                        "The Lakemont Learning Collaborative is accredited by the International Accreditor for Continuing "
                        "Education "
                        "and Training (IACET) and offers IACET CEUs for its learning events that comply with the ANSI/IACET "
                        "Continuing Education "
                        "and Training Standard.",
                        0.85,
                    ),
                    ("sigs", [("Yolanda Ferris", "Yolanda Ferris, MEd", "Training Manager")]),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="helv", head="helv", border="double", color=TEAL, margin=70, top=60)
    add(
        Cert(
            "ceu-02.pdf",
            "IACET CEU certificate, hours and CEUs",
            "Motivational Interviewing for Care Coordinators",
            "2026-02-18",
            [("contact_hours", 2.0), ("ceu", 0.2)],
            "'2.0 Contact Hours / 0.2 CEUs' states the same credit in both units; both recorded as printed; date '2/18/2026'",
            style=s2,
            pages=[
                [
                    ("logo", "waves", 40),
                    ("c", "HB", 12, "CARE COORDINATION INSTITUTE", TEAL),
                    ("gap", 12),
                    ("c", "HB", 24, "Certificate of Completion"),
                    ("gap", 10),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 18, "Naomi Birchfield, CCM"),
                    ("c", "R", 12, "completed"),
                    ("c", "HB", 15, "Motivational Interviewing for Care Coordinators"),
                    ("gap", 12),
                    ("c", "B", 14, "2.0 Contact Hours / 0.2 CEUs"),
                    ("c", "R", 11, "Date: 2/18/2026"),
                    ("gap", 10),
                    ("p", "R", 8.5, "Care Coordination Institute is an IACET Accredited Provider (Provider ID 7204519).", 0.9),
                    ("sigs", [("Lars Eklund", "Lars Eklund, MSW", "Program Coordinator")]),
                ]
            ],
        )
    )
    s3 = Style(size=LANDSCAPE, body="helv", head="helv", border="none", color=NAVY, margin=60, top=55)
    add(
        Cert(
            "ceu-03.pdf",
            "IACET CEU certificate, table",
            "Crisis Prevention and De-escalation Instructor Course",
            "2026-03-10",
            [("ceu", 1.2)],
            "CEUs in a table cell; course dates 'March 9-10, 2026' and 'Course length: 2 days' beside 'Completion date: "
            "March 10, 2026'",
            style=s3,
            pages=[
                [
                    ("l", "HB", 11, "SAFEGUARD TRAINING SOLUTIONS", NAVY),
                    ("rule", 2),
                    ("gap", 10),
                    ("l", "HB", 26, "Certificate of Completion"),
                    ("l", "R", 12, "Awarded to Celeste Marchetti"),
                    ("gap", 10),
                    (
                        "table",
                        [
                            ("Course", 0.46, "left"),
                            ("Course dates", 0.18, "left"),
                            ("Course length", 0.14, "center"),
                            ("CEUs", 0.1, "center"),
                            ("Completion date", 0.12, "left"),
                        ],
                        [
                            [
                                "Crisis Prevention and De-escalation Instructor Course",
                                "March 9-10, 2026",
                                "2 days",
                                "1.2",
                                "March 10, 2026",
                            ]
                        ],
                        9.5,
                    ),
                    ("gap", 12),
                    (
                        "lp",
                        "R",
                        9,
                        "SafeGuard Training Solutions has been accredited as an Authorized Provider by the International "
                        "Accreditor "
                        "for Continuing Education and Training (IACET).",
                    ),
                    (
                        "sigs",
                        [("Ruth Amsel", "Ruth Amsel", "Lead Instructor"), ("D. Greaves", "Dominic Greaves", "Training Director")],
                    ),
                ]
            ],
        )
    )
    s4 = Style(size=A4_LANDSCAPE, body="times", head="times", border="ornate", color=GOLD)
    add(
        Cert(
            "ceu-04.pdf",
            "IACET CEU certificate, big number",
            "Ethics and Boundaries in Behavioral Health Practice",
            "2026-10-15",
            [("ceu", 0.6)],
            "'0.6' alone on one line and 'IACET CEUs' on the next; 'valid for 2 years' (the certificate, not credits); date "
            "'15 Oct 2026'",
            style=s4,
            pages=[
                [
                    ("logo", "seal", 48, "BHA"),
                    ("c", "HB", 12, "BEHAVIORAL HEALTH ALLIANCE OF THE NORTHEAST", GOLD),
                    ("c", "HBI", 28, "Certificate of Completion"),
                    ("c", "R", 12, "presented to"),
                    ("c", "HB", 20, "Oluwaseun Adebayo, LCSW"),
                    ("c", "R", 12, "for completing"),
                    ("c", "HB", 16, "Ethics and Boundaries in Behavioral Health Practice"),
                    ("c", "R", 11, "15 Oct 2026"),
                    ("big", "0.6", "IACET CEUs", 34),
                    ("c", "I", 9, "This certificate is valid for 2 years for agency training records."),
                    ("sigs", [("Miriam Costa", "Miriam Costa, PhD", "Education Director")]),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- ARRT / CAPCE
def build_arrt_capce() -> None:
    """Radiologic technology (ARRT Category A) and EMS (CAPCE) certificates."""
    s = Style(size=LANDSCAPE, body="helv", head="times", border="double", color=NAVY)
    add(
        Cert(
            "arrt-01.pdf",
            "ARRT Category A credit",
            "Radiation Safety in Fluoroscopy-Guided Procedures",
            "2026-04-09",
            [("arrt_ce", 1.5)],
            "'ARRT ID 512347' and 'RCEEM approval # PIS-26-0093' are number traps; the approval statement and the earned "
            "line agree",
            style=s,
            pages=[
                [
                    ("logo", "bars", 38),
                    ("c", "HB", 13, "PINECREST IMAGING SOCIETY", NAVY),
                    ("c", "HB", 28, "Certificate of Continuing Education"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Tomasz Wierzbicki, R.T.(R)(ARRT)"),
                    ("c", "R", 11, "ARRT ID 512347"),
                    ("c", "R", 12, "has completed"),
                    ("c", "HB", 16, "Radiation Safety in Fluoroscopy-Guided Procedures"),
                    ("c", "R", 11, "Date completed: 04/09/2026"),
                    ("c", "B", 12, "Credits earned: 1.5 Category A"),
                    (
                        "p",
                        "I",
                        8.5,
                        "This activity has been approved by the Pinecrest Imaging Society, a Recognized Continuing "
                        "Education Evaluation "
                        "Mechanism (RCEEM), for 1.5 ARRT Category A credits. RCEEM approval # PIS-26-0093.",
                        0.85,
                    ),
                    ("sigs", [("Gwen Halloran", "Gwen Halloran, MS, R.T.(R)(CT)", "CE Coordinator")]),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="helv", head="helv", border="band", color=TEAL, margin=60, top=16)
    add(
        Cert(
            "arrt-02.pdf",
            "ARRT Category A+ credit",
            "Cardiac CT Angiography Protocols",
            "2026-06-30",
            [("arrt_ce", 3.0)],
            "'Category A+ credits: 3.0' in a label/value list; 'Expiration date of approval: 05/31/2028' is not the "
            "completion date",
            style=s2,
            pages=[
                [
                    ("c", "HB", 13, "ADVANCED IMAGING EDUCATION ONLINE", WHITE),
                    ("gap", 44),
                    ("c", "HB", 24, "Certificate of Completion", TEAL),
                    ("gap", 8),
                    (
                        "kv",
                        [
                            ("Technologist", "Renée Baptiste, R.T.(R)(CT)"),
                            ("Course", "Cardiac CT Angiography Protocols"),
                            ("Completed", "2026-06-30"),
                            ("Category A+ credits", "3.0"),
                            ("Approval reference", "AIEO-CT-2291"),
                            ("Expiration date of approval", "05/31/2028"),
                        ],
                        11,
                        190,
                    ),
                    ("gap", 14),
                    (
                        "lp",
                        "R",
                        9,
                        "This continuing education activity is approved by a Recognized Continuing Education Evaluation "
                        "Mechanism "
                        "(RCEEM) for Category A+ credit and meets the continuing education requirements of The American "
                        "Registry of Radiologic "
                        "Technologists (ARRT).",
                    ),
                    ("sigs", [("Paul Ngata", "Paul Ngata, MHA, R.T.(R)", "Education Manager")]),
                ]
            ],
        )
    )
    s3 = Style(size=LANDSCAPE, body="times", head="helv", border="thick", color=MAROON)
    add(
        Cert(
            "arrt-03.pdf",
            "ARRT Category A, approval maximum only",
            "MRI Safety Zones and Screening",
            "2026-01-12",
            [],
            "only 'approved for a maximum of 4.0 ARRT Category A credits'; no earned/awarded amount, so credits is empty; "
            "post-test "
            "score 85% and passed 01/12/2026 (the only learner date)",
            style=s3,
            pages=[
                [
                    ("logo", "shield", 40),
                    ("c", "HB", 13, "NORTHERN PLAINS SOCIETY OF RADIOLOGIC TECHNOLOGISTS", MAROON),
                    ("c", "HB", 26, "Certificate of Completion"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Keisha Monroe, R.T.(R)(MR)"),
                    ("c", "R", 12, "has completed the self-study module"),
                    ("c", "HB", 16, "MRI Safety Zones and Screening"),
                    ("c", "R", 11, "Post-test passed 01/12/2026 with a score of 85%"),
                    ("gap", 4),
                    (
                        "p",
                        "I",
                        9,
                        "This activity is approved for a maximum of 4.0 ARRT Category A credits by the NPSRT, a Recognized "
                        "Continuing "
                        "Education Evaluation Mechanism.",
                        0.8,
                    ),
                    ("sigs", [("L. Sorensen", "Linnea Sorensen, R.T.(R)(MR)", "Education Chair")]),
                ]
            ],
        )
    )
    s4 = Style(size=LANDSCAPE, body="helv", head="helv", border="double", color=RED)
    add(
        Cert(
            "capce-01.pdf",
            "CAPCE EMS certificate",
            "Pediatric Airway Management for EMS Providers",
            "2026-08-14",
            [("capce_hours", 2.0)],
            "CAPCE approval statement states 2.0 and 'Hours awarded: 2.0'; course number '26-GPEA-F3-0417'; date 08/14/2026",
            style=s4,
            pages=[
                [
                    ("logo", "cross", 40),
                    ("c", "HB", 13, "GREAT PLAINS EMS ACADEMY", RED),
                    ("c", "HB", 26, "Continuing Education Certificate"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Kendra L. Ashby, NRP"),
                    ("c", "R", 12, "completed"),
                    ("c", "HB", 16, "Pediatric Airway Management for EMS Providers"),
                    (
                        "cols",
                        [
                            (
                                0.3,
                                0.4,
                                [
                                    (
                                        "kv",
                                        [("Date", "08/14/2026"), ("Hours awarded", "2.0"), ("Course number", "26-GPEA-F3-0417")],
                                        10.5,
                                        120,
                                    )
                                ],
                            )
                        ],
                    ),
                    (
                        "p",
                        "I",
                        8.5,
                        "This continuing education activity is approved by the Commission on Accreditation for Pre-Hospital "
                        "Continuing Education (CAPCE) for 2.0 CAPCE hours.",
                        0.85,
                    ),
                    ("sigs", [("Brent Yoder", "Brent Yoder, NRP, FP-C", "Education Coordinator")]),
                ]
            ],
        )
    )
    s5 = Style(size=PORTRAIT, body="helv", head="helv", border="thick", color=RED, margin=60, top=60)
    add(
        Cert(
            "capce-02.pdf",
            "CAPCE EMS certificate, portrait",
            "Trauma Triage and Mass Casualty Incidents",
            "2026-10-15",
            [("capce_hours", 4.0)],
            "'NREMT ID: E4471903' and 'CAPCE Course ID 26-CC-F1-1015' are traps; 'CAPCE Credit Hours: 4.0'; date '15 Oct 2026'; "
            "'Course Level: Advanced'",
            style=s5,
            pages=[
                [
                    ("logo", "shield", 44),
                    ("c", "HB", 12, "COUNTY LINE FIRE & RESCUE TRAINING DIVISION", RED),
                    ("gap", 10),
                    ("c", "HB", 24, "Certificate of Completion"),
                    ("gap", 8),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 18, "Nikolai Petrov, EMT"),
                    ("c", "R", 11, "NREMT ID: E4471903"),
                    ("c", "R", 11, "has successfully completed"),
                    ("c", "HB", 15, "Trauma Triage and Mass Casualty Incidents"),
                    ("gap", 10),
                    (
                        "cols",
                        [
                            (
                                0.1,
                                0.8,
                                [
                                    (
                                        "kv",
                                        [
                                            ("Course Date", "15 Oct 2026"),
                                            ("CAPCE Credit Hours", "4.0"),
                                            ("Course Level", "Advanced"),
                                            ("CAPCE Course ID", "26-CC-F1-1015"),
                                        ],
                                        11,
                                        160,
                                    )
                                ],
                            )
                        ],
                    ),
                    ("gap", 10),
                    (
                        "sigs",
                        [
                            ("Chief A. Morales", "Alejandro Morales", "Training Chief"),
                            ("Dr. P. Quinn", "Patricia Quinn, MD", "EMS Medical Director"),
                        ],
                    ),
                ]
            ],
        )
    )
    s6 = Style(size=LANDSCAPE, body="times", head="helv", border="band", color=NAVY, margin=70, top=16)
    add(
        Cert(
            "capce-03.pdf",
            "CAPCE EMS certificate, big number",
            "Prehospital 12-Lead ECG Acquisition and Transmission",
            "2026-10-15",
            [("capce_hours", 8.0)],
            "'8.0' on one line and 'CAPCE Hours' on the next; '12-Lead' in the title; ISO date 2026-10-15; phone and ZIP in "
            "footer",
            style=s6,
            pages=[
                [
                    ("c", "HB", 14, "TRI-COUNTY PARAMEDIC PROGRAM", WHITE),
                    ("gap", 40),
                    ("c", "HB", 26, "Certificate of Course Completion", NAVY),
                    ("c", "R", 12, "Awarded to Darnell Whitfield, Paramedic"),
                    ("c", "R", 12, "for successfully completing"),
                    ("c", "HB", 16, "Prehospital 12-Lead ECG Acquisition and Transmission"),
                    ("c", "R", 11, "Completion date 2026-10-15"),
                    ("big", "8.0", "CAPCE Hours", 36),
                    ("sigs", [("Harriet Blum", "Harriet Blum, NRP", "Program Director")]),
                    (
                        "at",
                        396,
                        24,
                        "R",
                        7,
                        "Tri-County Paramedic Program  ·  41 Depot Road, Ames, IA 50010  ·  (515) 555-0123",
                        "center",
                    ),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- AHA eCards
def aha_card(title: str, name: str, statement: str, fields: list[tuple[str, str]], tc: str) -> Callable[[Any], None]:
    """An AHA-style provider eCard: front and back of the card on a portrait page."""

    def draw(pen: Any) -> None:
        """Draw the card."""
        h = PORTRAIT[1]
        x, cw, ch = 126, 360, 216
        top_y = h - 80 - ch
        pen.stroke(GREY, 0.8)
        pen.rect(x, top_y, cw, ch)
        pen.fill(RED)
        pen.rect(x, top_y + ch - 40, cw, 40, fill=True, stroke=False)
        draw_logo(pen, x + 24, top_y + ch - 20, 26, "heart", WHITE)
        pen.fill(WHITE)
        pen.font("Helvetica-Bold", 17)
        pen.text(x + 46, top_y + ch - 26, title)
        pen.fill(BLACK)
        pen.font("Helvetica-Bold", 14)
        pen.text(x + 16, top_y + ch - 64, name)
        pen.font("Helvetica", 7.5)
        yy = top_y + ch - 82
        for line in simpleSplit(statement, "Helvetica", 7.5, cw - 32):
            pen.text(x + 16, yy, line)
            yy -= 9.5
        yy -= 4
        for label, value in fields[:2]:
            pen.font("Helvetica", 7)
            pen.text(x + 16, yy, label)
            pen.font("Helvetica-Bold", 10)
            pen.text(x + 16, yy - 12, value)
            x += 150
        x = 126
        pen.font("Helvetica", 6.5)
        pen.fill(GREY)
        pen.text(x + cw - 10, top_y + 8, "© 2025 American Heart Association", "right")
        pen.fill(BLACK)
        back_y = top_y - 30 - ch
        pen.stroke(GREY, 0.8)
        pen.rect(x, back_y, cw, ch)
        yy = back_y + ch - 22
        pen.font("Helvetica-Bold", 9)
        pen.text(x + 16, yy, tc)
        yy -= 18
        for label, value in fields[2:]:
            pen.font("Helvetica", 8)
            pen.text(x + 16, yy, label)
            pen.font("Helvetica-Bold", 8)
            pen.text(x + 150, yy, value)
            yy -= 12
        pen.font("Helvetica-Oblique", 7)
        pen.text(
            x + 16,
            back_y + 14,
            "To view or verify authenticity, students and employers should scan the QR code or visit the eCard site.",
        )
        pen.fill(BLACK)
        for i in range(7):
            for j in range(7):
                if (i * 3 + j * 5) % 4 < 2:
                    pen.rect(x + cw - 50 + i * 5, back_y + 26 + j * 5, 5, 5, fill=True, stroke=False)

    return draw


def build_aha() -> None:
    """AHA provider eCards: completion is the issue date; no credits are earned on the card."""
    std = (
        "has successfully completed the cognitive and skills evaluations in accordance with the curriculum of the "
        "American Heart Association "
    )
    add(
        Cert(
            "aha-01.pdf",
            "AHA provider eCard",
            "BLS Provider",
            "2026-03-14",
            [],
            "'Issue Date 03/14/2026' is the completion; 'Recommended Renewal Date 03/2028' is not; eCard code, training "
            "center ID "
            "and phone number are number traps; no credits on an AHA card",
            custom=aha_card(
                "BLS Provider",
                "Aisha Bello-Martins",
                std + "Basic Life Support (CPR and AED) Program.",
                [
                    ("Issue Date", "03/14/2026"),
                    ("Recommended Renewal Date", "03/2028"),
                    ("Training Center Name", "Lakemont Regional Medical Center"),
                    ("TC ID #", "WA20591"),
                    ("TC Info", "Olympia, WA 98501  (360) 555-0137"),
                    ("Course Location", "Lakemont Sim Lab 2"),
                    ("Instructor Name", "Corey Nakamura"),
                    ("Instructor ID #", "01234567890"),
                    ("eCard Code", "215608123456"),
                    ("Holder's Signature", "Aisha Bello-Martins"),
                ],
                "Training Center Information",
            ),
        )
    )
    add(
        Cert(
            "aha-02.pdf",
            "AHA provider eCard",
            "ACLS Provider",
            "2026-01-22",
            [],
            "'Issue Date 2026-01-22' (ISO) vs 'Renew by 01/31/2028'; card code and instructor ID are long digit runs",
            custom=aha_card(
                "ACLS Provider",
                "Jonah Feldstein, DO",
                std + "Advanced Cardiovascular Life Support (ACLS) Program.",
                [
                    ("Issue Date", "2026-01-22"),
                    ("Renew by", "01/31/2028"),
                    ("Training Center Name", "Bayshore Resuscitation Training"),
                    ("TC ID #", "FL11874"),
                    ("TC Info", "Tampa, FL 33606  (813) 555-0164"),
                    ("Instructor Name", "Deirdre Lowell"),
                    ("Instructor ID #", "09876543210"),
                    ("eCard Code", "236014887102"),
                ],
                "Training Center Information",
            ),
        )
    )
    add(
        Cert(
            "aha-03.pdf",
            "AHA provider eCard",
            "PALS Provider",
            "2026-09-09",
            [],
            "'Issue Date September 9, 2026' vs 'Recommended Renewal Date September 2028'; 'Card valid for 2 years' is not credit",
            custom=aha_card(
                "PALS Provider",
                "Hannah Lindqvist, RN",
                std + "Pediatric Advanced Life Support (PALS) Program. Card valid for 2 years.",
                [
                    ("Issue Date", "September 9, 2026"),
                    ("Recommended Renewal Date", "September 2028"),
                    ("Training Center Name", "Westbrook Children's Hospital"),
                    ("TC ID #", "OR30412"),
                    ("Instructor ID #", "05511223344"),
                    ("eCard Code", "246309117358"),
                ],
                "Training Center Information",
            ),
        )
    )
    s = Style(size=LANDSCAPE, body="helv", head="helv", border="thick", color=RED)
    add(
        Cert(
            "aha-04.pdf",
            "AHA course completion certificate (full page)",
            "Heartsaver First Aid CPR AED",
            "2025-11-02",
            [],
            "full-page course completion certificate; 'Issue date: 11/02/2025' and 'Renew by: 11/2027'; 'valid for 2 "
            "years'; course "
            "length '5 hours' is not a credit award",
            style=s,
            pages=[
                [
                    ("logo", "heart", 40),
                    ("c", "HB", 26, "Course Completion Certificate", RED),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Gustavo Rinaldi"),
                    ("c", "R", 12, "has successfully completed the American Heart Association"),
                    ("c", "HB", 18, "Heartsaver First Aid CPR AED"),
                    ("c", "R", 11, "course (course length 5 hours) according to the current guidelines."),
                    (
                        "cols",
                        [
                            (
                                0.3,
                                0.4,
                                [
                                    (
                                        "kv",
                                        [
                                            ("Issue date:", "11/02/2025"),
                                            ("Renew by:", "11/2027"),
                                            ("eCard Code:", "225306649021"),
                                        ],
                                        10.5,
                                        100,
                                    )
                                ],
                            )
                        ],
                    ),
                    ("c", "I", 9, "Completion of this course is valid for 2 years."),
                    ("sigs", [("Corey Nakamura", "Corey Nakamura", "AHA Instructor #01234567890")]),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- Grand rounds
def build_rounds() -> None:
    """Grand rounds attendance letters and sheets."""
    s = Style(size=PORTRAIT, body="times", head="times", border="none", color=NAVY, margin=80, top=60)
    add(
        Cert(
            "rounds-01.pdf",
            "Grand rounds attendance letter",
            "Rethinking Hyponatremia in Older Adults",
            "2026-10-15",
            [("ama_pra_cat1", 1.0)],
            "business letter; the letter's own date (October 20, 2026) and the rounds date (October 15, 2026) both appear; "
            "the title is "
            "in quotation marks; 'Credit awarded: 1.0 AMA PRA Category 1 Credit™'; street address and phone",
            style=s,
            pages=[
                [
                    ("logo", "cross", 36),
                    ("c", "HB", 12, "LAKEMONT REGIONAL MEDICAL CENTER", NAVY),
                    ("c", "R", 9, "Department of Medicine  ·  900 Harbor Avenue, Lakemont, MI 49301  ·  (616) 555-0190"),
                    ("gap", 24),
                    ("l", "R", 11, "October 20, 2026"),
                    ("gap", 14),
                    ("l", "R", 11, "To whom it may concern:"),
                    ("gap", 6),
                    (
                        "lp",
                        "R",
                        11,
                        "This letter confirms that Dr. Samuel O. Adeyemi attended Medicine Grand Rounds on October 15, 2026, "
                        '"Rethinking Hyponatremia in Older Adults", presented by Dr. Constance Farrow, Division of Nephrology.',
                    ),
                    (
                        "lp",
                        "R",
                        11,
                        "Lakemont Regional Medical Center is accredited by the Michigan State Medical Society to provide "
                        "continuing "
                        "medical education for physicians.",
                    ),
                    ("l", "B", 11, "Credit awarded: 1.0 AMA PRA Category 1 Credit™"),
                    ("gap", 14),
                    ("l", "R", 11, "Sincerely,"),
                    ("gap", 22),
                    ("l", "Times-Italic", 16, "Beverly Ng", NAVY),
                    ("l", "R", 11, "Beverly Ng, CME Coordinator"),
                ]
            ],
        )
    )
    s2 = Style(size=LANDSCAPE, body="helv", head="helv", border="none", color=GREEN, margin=50, top=45)
    add(
        Cert(
            "rounds-02.pdf",
            "Grand rounds attendance sheet",
            "Bronchiolitis: Less Is More",
            "2026-03-14",
            [("ama_pra_cat1", 1.0)],
            "attendance verification form with boxes; 'Date: 3/14/2026' is the only full date; 'Time: 12:00-1:00 PM'; "
            "credit in a "
            "table cell",
            style=s2,
            pages=[
                [
                    ("l", "HB", 16, "Pediatric Grand Rounds — Attendance Verification", GREEN),
                    ("l", "R", 9, "Westbrook Children's Hospital  ·  Office of Medical Education"),
                    ("rule", 1.5),
                    (
                        "table",
                        [
                            ("Attendee", 0.22, "left"),
                            ("Department", 0.16, "left"),
                            ("Session", 0.27, "left"),
                            ("Date", 0.1, "left"),
                            ("Time", 0.11, "left"),
                            ("Credit", 0.14, "left"),
                        ],
                        [
                            [
                                "Mei-Lin Zhao, MD",
                                "Pediatrics",
                                "Bronchiolitis: Less Is More",
                                "3/14/2026",
                                "12:00-1:00 PM",
                                "1.0 AMA PRA Cat 1",
                            ]
                        ],
                        9,
                    ),
                    ("gap", 8),
                    (
                        "lp",
                        "R",
                        8.5,
                        "Credit type: AMA PRA Category 1 Credit™. Westbrook Children's Hospital is accredited by the ACCME to "
                        "provide continuing medical education for physicians.",
                    ),
                    ("gap", 20),
                    (
                        "ll",
                        "R",
                        10,
                        ["Attendee signature: ______________________", "Verified by: Office of Medical Education (ext. 4471)"],
                    ),
                ]
            ],
        )
    )
    s3 = Style(size=LANDSCAPE, body="times", head="times", border="double", color=MAROON)
    add(
        Cert(
            "rounds-03.pdf",
            "Grand rounds certificate of attendance, no credit",
            "Damage Control Laparotomy: Twenty Years On",
            "2026-01-14",
            [],
            "'This activity is not certified for credit.' so credits is empty; date as 'Wednesday, 14 January 2026'; "
            "'Surgical Grand Rounds' is the series, the talk title is the title",
            style=s3,
            pages=[
                [
                    ("logo", "shield", 40),
                    ("c", "HB", 13, "DEPARTMENT OF SURGERY  ·  OSTRANDER UNIVERSITY HOSPITAL", MAROON),
                    ("c", "HBI", 28, "Certificate of Attendance"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Imran Chaudhry, MBBS"),
                    ("c", "R", 12, "attended Surgical Grand Rounds"),
                    ("c", "HB", 17, "Damage Control Laparotomy: Twenty Years On"),
                    ("c", "R", 11, "Wednesday, 14 January 2026  ·  07:00 - 08:00"),
                    ("gap", 6),
                    ("c", "I", 10, "This activity is not certified for credit."),
                    ("sigs", [("Harold Vance", "Harold Vance, MD, FACS", "Chair, Department of Surgery")]),
                ]
            ],
        )
    )
    s4 = Style(size=PORTRAIT, body="helv", head="times", border="thick", color=TEAL, margin=70, top=70)
    add(
        Cert(
            "rounds-04.pdf",
            "Certificate of attendance, no title",
            None,
            "2026-05-20",
            [("contact_hours", 1.0)],
            "names no activity title (only 'the educational session'), so title is null; '1.0 contact hour' earned; nursing "
            "grand "
            "rounds series number 'Session 14' is a trap; date 2026-05-20",
            style=s4,
            pages=[
                [
                    ("logo", "waves", 40),
                    ("c", "HB", 12, "SUMMIT VALLEY HEALTH SYSTEM  ·  NURSING GRAND ROUNDS", TEAL),
                    ("gap", 16),
                    ("c", "HB", 26, "Certificate of Attendance"),
                    ("gap", 14),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 18, "Rosalind Achterberg, RN"),
                    ("c", "R", 12, "attended the educational session held on 2026-05-20 (Session 14)"),
                    ("c", "R", 12, "and earned 1.0 contact hour."),
                    ("gap", 14),
                    ("p", "I", 8.5, ANCC_PROVIDER, 0.9),
                    ("sigs", [("Deborah Kline", "Deborah Kline, DNP, RN, NPD-BC", "Lead Nurse Planner")]),
                ]
            ],
        )
    )


# ---------------------------------------------------------------- Multi-module
def build_modules() -> None:
    """Certificates with a table of modules."""
    s = Style(size=PORTRAIT, body="helv", head="times", border="double", color=NAVY, margin=65, top=60)
    add(
        Cert(
            "mod-01.pdf",
            "Multi-module certificate with total",
            "Foundations of Perioperative Nursing",
            "2026-12-01",
            [("contact_hours", 4.5)],
            "four modules each with hours (1.0, 1.5, 0.75, 1.25) and a printed total 'Total contact hours: 4.5'; use the "
            "total; module "
            "numbers 1-4",
            style=s,
            pages=[
                [
                    ("logo", "cross", 36),
                    ("c", "HB", 12, "RIVERBEND HEALTH EDUCATION INSTITUTE", NAVY),
                    ("c", "HB", 24, "Certificate of Completion"),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 18, "Maria T. Okafor, BSN, RN"),
                    ("c", "R", 11, "has completed the program"),
                    ("c", "HB", 15, "Foundations of Perioperative Nursing"),
                    ("c", "R", 11, "Completed: 12/01/2026"),
                    ("gap", 6),
                    (
                        "table",
                        [("Module", 0.15, "center"), ("Topic", 0.6, "left"), ("Contact hours", 0.25, "right")],
                        [
                            ["1", "The Surgical Patient and Informed Consent", "1.0"],
                            ["2", "Asepsis and the Sterile Field", "1.5"],
                            ["3", "Surgical Counts and Retained Items", "0.75"],
                            ["4", "Positioning and Pressure Injury Prevention", "1.25"],
                        ],
                        9.5,
                    ),
                    ("r", "B", 11, "Total contact hours: 4.5"),
                    ("p", "I", 8, ANCC_APPROVED, 0.95),
                    ("sigs", [("Elaine R. Vasquez", "Elaine R. Vasquez, MSN, RN, CEN", "Nurse Planner")]),
                ]
            ],
        )
    )
    s2 = Style(size=LANDSCAPE, body="helv", head="helv", border="none", color=MAROON, margin=55, top=45)
    add(
        Cert(
            "mod-02.pdf",
            "Multi-module certificate with total and module dates",
            "Palliative Care Communication Skills Series",
            "2026-11-30",
            [("ama_pra_cat1", 6.0)],
            "each module row has its own completion date; the program completion date 'Program completed on: 2026-11-30' is the "
            "one to use; total 'Total: 6.0 AMA PRA Category 1 Credits™'",
            style=s2,
            pages=[
                [
                    ("l", "HB", 11, "OSTRANDER UNIVERSITY  ·  CONTINUING MEDICAL EDUCATION", MAROON),
                    ("rule", 1.5),
                    ("l", "HB", 22, "Transcript and Certificate of Completion"),
                    ("l", "R", 11, "Physician: Olamide Fashola, MD"),
                    ("l", "R", 11, "Series: Palliative Care Communication Skills Series"),
                    ("gap", 6),
                    (
                        "table",
                        [("Module", 0.5, "left"), ("Completed", 0.25, "left"), ("Credits", 0.25, "right")],
                        [
                            ["Delivering Serious News", "09/14/2026", "1.5"],
                            ["Prognostic Uncertainty", "10/02/2026", "1.5"],
                            ["Goals-of-Care Conversations", "10/28/2026", "1.5"],
                            ["Family Meetings in the ICU", "11/30/2026", "1.5"],
                        ],
                        9.5,
                    ),
                    ("r", "B", 11, "Total: 6.0 AMA PRA Category 1 Credits™"),
                    ("l", "R", 11, "Program completed on: 2026-11-30"),
                    ("gap", 4),
                    ("lp", "R", 8, ama_designation("Ostrander University", "enduring material", "6.0")),
                ]
            ],
        )
    )
    s3 = Style(size=PORTRAIT, body="times", head="times", border="ornate", color=GREEN, margin=70, top=60)
    add(
        Cert(
            "mod-03.pdf",
            "Multi-module certificate without total",
            "Diabetes Educator Core Curriculum",
            "2026-09-12",
            [],
            "module table lists hours per module but no total is printed, so credits is empty (do not add them up)",
            style=s3,
            pages=[
                [
                    ("logo", "seal", 44, "CDI"),
                    ("c", "HB", 12, "CAROLINA DIABETES INSTITUTE", GREEN),
                    ("c", "HBI", 24, "Certificate of Completion"),
                    ("c", "R", 11, "awarded to"),
                    ("c", "HB", 18, "Patience Okonkwo, RD"),
                    ("c", "R", 11, "for completing"),
                    ("c", "HB", 15, "Diabetes Educator Core Curriculum"),
                    ("c", "R", 11, "Date completed: 09/12/2026"),
                    ("gap", 8),
                    (
                        "table",
                        [("Module", 0.7, "left"), ("Contact hours", 0.3, "center")],
                        [
                            ["A. Pathophysiology and Classification", "2.0"],
                            ["B. Medical Nutrition Therapy", "3.0"],
                            ["C. Insulin and Non-Insulin Agents", "2.5"],
                            ["D. Technology: CGM and Pumps", "1.5"],
                        ],
                        10,
                    ),
                    ("gap", 6),
                    ("sigs", [("Wanda Pruitt", "Wanda Pruitt, MS, RD, CDCES", "Program Director")]),
                ]
            ],
        )
    )
    s4 = Style(size=PORTRAIT, body="helv", head="times", border="double", color=TEAL, margin=65, top=60)
    add(
        Cert(
            "mod-04.pdf",
            "Multi-module certificate, two pages",
            "Critical Care Nursing Review Course",
            "2026-04-24",
            [("contact_hours", 12.0)],
            "two pages: the certificate (total '12.0' / 'Contact Hours' split over two lines) and a transcript of eight "
            "modules with "
            "dates; 'Page 1 of 2' / 'Page 2 of 2'; course dates April 21-24, 2026 with 'Completion date: 04/24/2026'",
            style=s4,
            pages=[
                [
                    ("logo", "bars", 40),
                    ("c", "HB", 12, "CASCADIA NURSES ASSOCIATION", TEAL),
                    ("c", "HB", 26, "Certificate of Completion"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 19, "Hannah Lindqvist, RN"),
                    ("c", "R", 12, "has successfully completed"),
                    ("c", "HB", 16, "Critical Care Nursing Review Course"),
                    ("c", "R", 11, "Course dates: April 21-24, 2026"),
                    ("c", "R", 11, "Completion date: 04/24/2026"),
                    ("big", "12.0", "Contact Hours", 38),
                    ("c", "R", 9, "See page 2 for the module transcript."),
                    ("p", "I", 8, ANCC_APPROVED, 0.95),
                    ("sigs", [("Marcus Hale", "Marcus Hale, PhD, RN", "Director, Approver Unit")]),
                    ("at", 306, 32, "R", 8, "Page 1 of 2", "center"),
                ],
                [
                    ("l", "HB", 16, "Module Transcript"),
                    ("l", "R", 10, "Learner: Hannah Lindqvist, RN"),
                    ("gap", 6),
                    (
                        "table",
                        [("#", 0.08, "center"), ("Module", 0.6, "left"), ("Date", 0.17, "left"), ("Hours", 0.15, "right")],
                        [
                            [str(i + 1), name, date, hrs]
                            for i, (name, date, hrs) in enumerate(
                                [
                                    ("Hemodynamic Monitoring", "04/21/2026", "1.5"),
                                    ("Mechanical Ventilation", "04/21/2026", "1.5"),
                                    ("Shock States", "04/22/2026", "1.5"),
                                    ("Acute Kidney Injury and CRRT", "04/22/2026", "1.5"),
                                    ("Neurological Emergencies", "04/23/2026", "1.5"),
                                    ("Endocrine Crises", "04/23/2026", "1.5"),
                                    ("Multisystem Trauma", "04/24/2026", "1.5"),
                                    ("Ethics at the End of Life", "04/24/2026", "1.5"),
                                ]
                            )
                        ],
                        9.5,
                    ),
                    ("r", "B", 10, "Total: 12.0"),
                    ("at", 306, 32, "R", 8, "Page 2 of 2", "center"),
                ],
            ],
        )
    )


# ---------------------------------------------------------------- AOA, MOC, practice hours, academic credit
def build_other() -> None:
    """AOA, MOC, practice-hour and academic-credit certificates."""
    s = Style(size=LANDSCAPE, body="times", head="times", border="ornate", color=NAVY)
    add(
        Cert(
            "aoa-01.pdf",
            "AOA Category 1-A for DOs",
            "Osteopathic Manipulative Treatment for Low Back Pain",
            "2026-02-21",
            [("aoa_cat1a", 6.0)],
            "designation 'a maximum of 6.0 AOA Category 1-A credits' plus 'AOA Category 1-A credits awarded: 6.0'; 'AOA # "
            "0123456'",
            style=s,
            pages=[
                [
                    ("logo", "seal", 50, "BCOM"),
                    ("c", "HB", 13, "BAYSHORE COLLEGE OF OSTEOPATHIC MEDICINE", NAVY),
                    ("c", "HBI", 28, "Certificate of Attendance"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Jonah Feldstein, DO"),
                    ("c", "R", 11, "AOA # 0123456"),
                    ("c", "R", 12, "attended"),
                    ("c", "HB", 16, "Osteopathic Manipulative Treatment for Low Back Pain"),
                    ("c", "R", 11, "February 21, 2026"),
                    (
                        "p",
                        "I",
                        8.5,
                        "The Bayshore College of Osteopathic Medicine is accredited by the American Osteopathic Association "
                        "to provide "
                        "osteopathic continuing medical education for physicians. BCOM designates this program for a "
                        "maximum of 6.0 AOA Category "
                        "1-A credits and will report CME and specialty credits commensurate with the extent of the "
                        "physician's participation.",
                        0.88,
                    ),
                    ("c", "B", 12, "AOA Category 1-A credits awarded: 6.0"),
                    ("sigs", [("Renata Kovacs", "Renata Kovacs, DO", "Associate Dean, CME")]),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="helv", head="helv", border="double", color=GREEN, margin=65, top=60)
    add(
        Cert(
            "aoa-02.pdf",
            "AOA Category 1-A and AMA PRA, credit table",
            "Sports Concussion: Sideline to Return-to-Learn",
            "2026-08-08",
            [("aoa_cat1a", 2.5), ("ama_pra_cat1", 2.5)],
            "two awards in a table, 'Category 1-A' (AOA) and 'AMA PRA Category 1 Credits™'; date '8/8/2026'",
            style=s2,
            pages=[
                [
                    ("logo", "hex", 44, "OSM"),
                    ("c", "HB", 12, "OSTEOPATHIC SPORTS MEDICINE SOCIETY", GREEN),
                    ("gap", 8),
                    ("c", "HB", 22, "CME Certificate"),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 17, "Caroline Wexford, DO"),
                    ("c", "R", 11, "participated in"),
                    ("c", "HB", 14, "Sports Concussion: Sideline to Return-to-Learn"),
                    ("c", "R", 11, "8/8/2026"),
                    ("gap", 6),
                    (
                        "table",
                        [("Credit", 0.7, "left"), ("Hours", 0.3, "center")],
                        [["AOA Category 1-A", "2.5"], ["AMA PRA Category 1 Credits™", "2.5"]],
                        10.5,
                    ),
                    ("sigs", [("Miles Brannigan", "Miles Brannigan, DO", "Program Chair")]),
                ]
            ],
        )
    )
    s3 = Style(size=LANDSCAPE, body="helv", head="times", border="thick", color=NAVY)
    add(
        Cert(
            "aoa-03.pdf",
            "AOA Category 1-B for DOs",
            "Journal Review: Osteopathic Family Physician, Volume 18",
            "2026-06-30",
            [("aoa_cat1b", 4.0)],
            "'Volume 18' in the title and 'Issues 1-4' are numbers, not credits; '4.0 AOA Category 1-B credits' earned; "
            "date 'June 30, 2026'",
            style=s3,
            pages=[
                [
                    ("logo", "shield", 40),
                    ("c", "HB", 12, "AMERICAN COLLEGE OF OSTEOPATHIC GENERALISTS (ACOG-FP)", NAVY),
                    ("c", "HB", 26, "Certificate of CME Credit"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Desmond Achebe, DO"),
                    ("c", "R", 12, "has completed"),
                    ("c", "HB", 16, "Journal Review: Osteopathic Family Physician, Volume 18"),
                    ("c", "R", 11, "Issues 1-4  ·  Completed June 30, 2026"),
                    ("c", "B", 12, "and has earned 4.0 AOA Category 1-B credits."),
                    ("sigs", [("Lorraine Pettit", "Lorraine Pettit, DO", "CME Director")]),
                ]
            ],
        )
    )
    s4 = Style(size=LANDSCAPE, body="helv", head="helv", border="double", color=MAROON, margin=60)
    add(
        Cert(
            "moc-01.pdf",
            "ABIM MOC points with AMA PRA",
            "Hospital Medicine Knowledge Check 2026",
            "2026-11-12",
            [("ama_pra_cat1", 10.0), ("moc_points", 10.0)],
            "two awards: 'AMA PRA Category 1 Credits™ claimed: 10.0' and 'ABIM MOC points earned: 10'; '2026' in the title; "
            "'ABIM ID 228194' trap; 'up to 20' in the statement is a maximum",
            style=s4,
            pages=[
                [
                    ("logo", "bars", 36),
                    ("c", "HB", 12, "SOCIETY OF INTERNAL MEDICINE OF THE GREAT LAKES", MAROON),
                    ("c", "HB", 26, "Certificate of Completion"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 19, "Samuel O. Adeyemi, MD"),
                    ("c", "R", 11, "ABIM ID 228194"),
                    ("c", "R", 12, "completed"),
                    ("c", "HB", 16, "Hospital Medicine Knowledge Check 2026"),
                    ("c", "R", 11, "Completed on 11/12/2026"),
                    (
                        "cols",
                        [
                            (
                                0.25,
                                0.5,
                                [
                                    (
                                        "kv",
                                        [("AMA PRA Category 1 Credits™ claimed:", "10.0"), ("ABIM MOC points earned:", "10")],
                                        10.5,
                                        220,
                                    )
                                ],
                            )
                        ],
                    ),
                    (
                        "p",
                        "I",
                        8,
                        "Successful completion of this CME activity enables the participant to earn up to 20 MOC points in "
                        "the ABIM "
                        "Maintenance of Certification program.",
                        0.85,
                    ),
                ]
            ],
        )
    )
    s5 = Style(size=PORTRAIT, body="times", head="times", border="double", color=TEAL, margin=70, top=60)
    add(
        Cert(
            "moc-02.pdf",
            "ABMS board MOC points",
            "Quality Improvement in Asthma Care: Practice Improvement Module",
            "2026-07-31",
            [("moc_points", 25.0)],
            "'MOC Part 4 credit: 25 points' (ABMS member board); designation 'up to 25' also present; no AMA credit claimed; "
            "date '31 Jul 2026'",
            style=s5,
            pages=[
                [
                    ("logo", "seal", 44, "PQC"),
                    ("c", "HB", 12, "PEDIATRIC QUALITY COLLABORATIVE", TEAL),
                    ("c", "HBI", 24, "Certificate of Completion"),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 18, "Yusuf Karimi, MD, FAAP"),
                    ("c", "R", 11, "has completed"),
                    ("cl", "HB", 15, ["Quality Improvement in Asthma Care:", "Practice Improvement Module"]),
                    ("c", "R", 11, "31 Jul 2026"),
                    ("gap", 6),
                    (
                        "p",
                        "R",
                        9,
                        "This activity is approved by the American Board of Pediatrics for up to 25 MOC Part 4 points.",
                        0.9,
                    ),
                    ("c", "B", 12, "MOC Part 4 credit: 25 points"),
                    ("sigs", [("Greta Solvang", "Greta Solvang, MD, MPH", "QI Program Lead")]),
                ]
            ],
        )
    )
    s6 = Style(size=A4_PORTRAIT, body="helv", head="helv", border="none", color=NAVY, margin=60, top=55)
    add(
        Cert(
            "misc-01.pdf",
            "Supervised practice hours record",
            "Return to Practice: Adult Nursing",
            "2026-08-28",
            [("practice_hours", 150.0)],
            "'Supervised practice hours completed: 150' (practice_hours); 'Placement dates: 06/01/2026 to 08/28/2026' beside "
            "'Date signed off: August 28, 2026' (the same day, written differently); 'Minimum required: 150 hours' is a "
            "requirement, "
            "not another award; assessor PIN '09A1234E'",
            style=s6,
            pages=[
                [
                    ("l", "HB", 11, "NORTHFIELD UNIVERSITY  ·  SCHOOL OF NURSING", NAVY),
                    ("rule", 1.5),
                    ("l", "HB", 20, "Record of Supervised Clinical Practice"),
                    ("gap", 6),
                    (
                        "kv",
                        [
                            ("Student", "Evelyn Marsh-Tiwari"),
                            ("Programme", "Return to Practice: Adult Nursing"),
                            ("Placement", "Ward 7B, Northfield General Hospital"),
                            ("Placement dates", "06/01/2026 to 08/28/2026"),
                            ("Minimum required", "150 hours"),
                            ("Supervised practice hours completed", "150"),
                            ("Date signed off", "August 28, 2026"),
                        ],
                        10.5,
                        210,
                    ),
                    ("gap", 10),
                    (
                        "lp",
                        "R",
                        9,
                        "I confirm that the student named above has completed the supervised practice hours shown and has "
                        "met the "
                        "practice assessment outcomes of the programme.",
                    ),
                    ("gap", 20),
                    ("l", "Times-Italic", 16, "Olivia Brandt", NAVY),
                    ("l", "R", 10, "Olivia Brandt, RN, Practice Assessor (NMC-style PIN 09A1234E)"),
                ]
            ],
        )
    )
    s7 = Style(size=LANDSCAPE, body="times", head="times", border="ornate", color=MAROON)
    add(
        Cert(
            "misc-02.pdf",
            "University course certificate, academic credit",
            "Advanced Pathophysiology",
            "2026-12-18",
            [("academic_credits", 3.0)],
            "course code 'NURS 612' printed on the title's line (not part of the title) and 'Fall 2026' term; "
            "'3 semester credit hours' is the academic credit; grade 'A'; "
            "'Date conferred: December 18, 2026'",
            style=s7,
            pages=[
                [
                    ("logo", "shield", 44),
                    ("c", "HB", 16, "OSTRANDER UNIVERSITY", MAROON),
                    ("c", "I", 11, "Graduate School of Nursing"),
                    ("c", "HBI", 26, "Certificate of Course Completion"),
                    ("c", "R", 12, "This is to certify that"),
                    ("c", "HB", 20, "Benjamin Oyelaran, BSN, RN"),
                    ("c", "R", 12, "has completed the graduate course"),
                    ("c", "HB", 17, "NURS 612  Advanced Pathophysiology"),
                    ("c", "R", 11, "Fall 2026  ·  3 semester credit hours  ·  Grade: A"),
                    ("c", "R", 11, "Date conferred: December 18, 2026"),
                    (
                        "sigs",
                        [
                            ("Regina Holt", "Regina Holt, PhD, RN", "Dean, Graduate School of Nursing"),
                            ("T. Alvarez", "Teresa Alvarez", "University Registrar"),
                        ],
                    ),
                ]
            ],
        )
    )


def build_unreadable() -> None:
    """Scanned-like certificates (image only), an encrypted one and a damaged one."""
    s = Style(size=LANDSCAPE, body="helv", head="times", border="double", color=NAVY, margin=50)
    add(
        Cert(
            "scan-01.pdf",
            "Scanned ANCC/NCPD nursing certificate (image only)",
            None,
            None,
            [],
            "image of a nursing certificate (Trauma Nursing Core Concepts, 4.0 contact hours, 09/30/2026) with no text "
            "layer; all "
            "fields null/empty because no text can be extracted",
            style=s,
            mode="scan",
            scan_angle=0.6,
            pages=[
                [
                    ("logo", "cross", 46),
                    ("c", "HB", 26, "Certificate of Completion", NAVY),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Rosalind Achterberg, RN"),
                    ("c", "R", 12, "has successfully completed"),
                    ("c", "HB", 17, "Trauma Nursing Core Concepts"),
                    ("c", "R", 12, "Date of Completion: 09/30/2026"),
                    ("c", "B", 13, "Contact Hours Awarded: 4.0"),
                    ("p", "R", 8.5, ANCC_APPROVED, 0.85),
                    ("sigs", [("Elaine R. Vasquez", "Elaine R. Vasquez, MSN, RN, CEN", "Nurse Planner")]),
                ]
            ],
        )
    )
    s2 = Style(size=PORTRAIT, body="times", head="times", border="ornate", color=MAROON, margin=70, top=60)
    add(
        Cert(
            "scan-02.pdf",
            "Scanned physician CME certificate (image only)",
            None,
            None,
            [],
            "photocopy-like image (slightly rotated, speckled) of a CME certificate claiming 2.0 AMA PRA Category 1 Credits™ on "
            "05/06/2026; no text layer, so all fields null/empty",
            style=s2,
            mode="scan",
            scan_angle=-1.1,
            pages=[
                [
                    ("logo", "shield", 44),
                    ("c", "HB", 12, "NORTHFIELD UNIVERSITY SCHOOL OF MEDICINE", MAROON),
                    ("c", "HBI", 24, "Certificate of Participation"),
                    ("c", "R", 11, "This certifies that"),
                    ("c", "HB", 18, "Victor Almeida, MD"),
                    ("c", "R", 11, "participated in"),
                    ("c", "HB", 15, "Lipid Management After Acute Coronary Syndrome"),
                    ("c", "R", 11, "May 6, 2026"),
                    ("p", "I", 8.5, ama_designation("Northfield University School of Medicine", "live activity", "2.0"), 0.9),
                    ("c", "B", 11, "Credits claimed: 2.0"),
                    ("sigs", [("Helen Marsh", "Helen Marsh, MD, MEd", "Director, CME")]),
                ]
            ],
        )
    )
    add(
        Cert(
            "scan-03.pdf",
            "Scanned AHA provider eCard (image only)",
            None,
            None,
            [],
            "image of a BLS Provider eCard (issue date 11/20/2025); no text layer, so all fields null/empty",
            mode="scan",
            scan_angle=0.3,
            style=Style(size=PORTRAIT),
            custom=aha_card(
                "BLS Provider",
                "Kendra L. Ashby",
                "has successfully completed the cognitive and skills evaluations in accordance "
                "with the curriculum of the American Heart Association Basic Life Support (CPR and AED) Program.",
                [
                    ("Issue Date", "11/20/2025"),
                    ("Recommended Renewal Date", "11/2027"),
                    ("Training Center Name", "Great Plains EMS Academy"),
                    ("TC ID #", "KS40077"),
                    ("eCard Code", "255311904467"),
                ],
                "Training Center Information",
            ),
        )
    )
    s4 = Style(size=LANDSCAPE, body="helv", head="helv", border="thick", color=RED)
    add(
        Cert(
            "scan-04.pdf",
            "Scanned CAPCE EMS certificate (image only)",
            None,
            None,
            [],
            "low-contrast grey image of an EMS certificate (Hazardous Materials Awareness, 3.0 CAPCE hours, 2026-02-02); no text "
            "layer, so all fields null/empty",
            style=s4,
            mode="scan",
            scan_angle=0.0,
            pages=[
                [
                    ("logo", "cross", 40),
                    ("c", "HB", 13, "GREAT PLAINS EMS ACADEMY", RED),
                    ("c", "HB", 26, "Continuing Education Certificate"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Nikolai Petrov, EMT"),
                    ("c", "R", 12, "completed"),
                    ("c", "HB", 16, "Hazardous Materials Awareness"),
                    ("c", "R", 11, "Date 2026-02-02  ·  3.0 CAPCE hours"),
                    ("sigs", [("Brent Yoder", "Brent Yoder, NRP, FP-C", "Education Coordinator")]),
                ]
            ],
        )
    )
    s5 = Style(size=LANDSCAPE, body="times", head="times", border="double", color=NAVY)
    add(
        Cert(
            "encrypted-01.pdf",
            "Password-protected physician CME certificate",
            None,
            None,
            [],
            "encrypted with a user password ('secret'); a reader without the password sees nothing, so all fields "
            "null/empty (the "
            "page itself is a CME certificate for 'Stroke Thrombolysis Update', 1.5 credits claimed, 2026-03-03)",
            style=s5,
            mode="encrypted",
            pages=[
                [
                    ("logo", "shield", 44),
                    ("c", "HB", 26, "Certificate of Participation"),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Ingrid Solberg, MD"),
                    ("c", "R", 12, "participated in"),
                    ("c", "HB", 16, "Stroke Thrombolysis Update"),
                    ("c", "R", 11, "Date of completion: 2026-03-03"),
                    ("c", "B", 12, "AMA PRA Category 1 Credits™ claimed: 1.5"),
                ]
            ],
        )
    )
    s6 = Style(size=LANDSCAPE, body="helv", head="times", border="double", color=GREEN)
    add(
        Cert(
            "damaged-01.pdf",
            "Damaged (truncated) nursing certificate",
            None,
            None,
            [],
            "a valid nursing certificate PDF cut off part-way through its page content (no cross-reference table or trailer); "
            "treated as unreadable, so all fields null/empty",
            style=s6,
            mode="damaged",
            pages=[
                [
                    ("logo", "waves", 40),
                    ("c", "HB", 26, "Certificate of Completion", GREEN),
                    ("c", "R", 12, "This certifies that"),
                    ("c", "HB", 20, "Lucía Fernández-Ortega, BSN, RN"),
                    ("c", "R", 12, "has successfully completed"),
                    ("c", "HB", 16, "Falls Prevention in Acute Care"),
                    ("c", "R", 11, "Date of Completion: 07/07/2026"),
                    ("c", "B", 12, "Contact Hours Awarded: 1.5"),
                    ("p", "R", 8.5, ANCC_APPROVED, 0.85),
                ]
            ],
        )
    )


# --------------------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------------------


def page_size(cert: Cert) -> tuple[float, float]:
    """The page size of a certificate."""
    return PORTRAIT if cert.custom else cert.style.size


def draw_on(pen: Any, cert: Cert) -> None:
    """Draw all pages of a certificate with a pen."""
    if cert.custom:
        cert.custom(pen)
        return
    for i, blocks in enumerate(cert.pages):
        if i:
            pen.new_page()
        draw_page(pen, cert.style, blocks)


def pdf_bytes(cert: Cert) -> bytes:
    """Render a certificate to PDF bytes according to its mode."""
    buf = io.BytesIO()
    size = page_size(cert)
    encrypt = "secret" if cert.mode == "encrypted" else None
    c = rl_canvas.Canvas(buf, pagesize=size, invariant=1, encrypt=encrypt)
    c.setTitle("Certificate")
    c.setAuthor("MedPath certificate corpus")
    c.setCreator("scripts/make_certificate_corpus.py")
    if cert.mode == "scan":
        pen = RasterPen(*size, dpi=100)
        draw_on(pen, cert)
        img = pen.img
        if cert.scan_angle:
            img = img.rotate(cert.scan_angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
        if cert.file == "scan-04.pdf":
            img = img.point(lambda v: 110 + v * 145 // 255)
        rng = random.Random(cert.file)  # noqa: S311 - deterministic speckle, not security
        px = img.load()
        for _ in range(900 if cert.file == "scan-02.pdf" else 250):
            x, y = rng.randrange(img.width), rng.randrange(img.height)
            px[x, y] = rng.randrange(60, 180)
        c.drawImage(ImageReader(img), 0, 0, width=size[0], height=size[1])
    else:
        draw_on(PdfPen(c), cert)
    c.showPage()
    c.save()
    data = buf.getvalue()
    if cert.mode == "damaged":
        start = data.index(b"stream", data.index(b"/Contents")) if b"/Contents" in data else len(data) // 3
        data = data[: start + 220]
    return data


def build_all() -> list[Cert]:
    """Define the whole corpus."""
    CERTS.clear()
    for builder in (
        build_ancc,
        build_cme,
        build_aapa,
        build_joint,
        build_acpe,
        build_ceu,
        build_arrt_capce,
        build_aha,
        build_rounds,
        build_modules,
        build_other,
        build_unreadable,
    ):
        builder()
    names = [c.file for c in CERTS]
    if len(names) != len(set(names)):
        raise SystemExit("duplicate file names in the corpus")
    return list(CERTS)


def write_corpus(out: Path) -> list[str]:
    """Write every PDF and expected.json into out; return the file names written."""
    out.mkdir(parents=True, exist_ok=True)
    certs = build_all()
    written = []
    for cert in certs:
        (out / cert.file).write_bytes(pdf_bytes(cert))
        written.append(cert.file)
    expected = json.dumps([c.truth() for c in certs], indent=2, ensure_ascii=False) + "\n"
    (out / "expected.json").write_text(expected, encoding="utf-8")
    written.append("expected.json")
    return written


def check() -> int:
    """Regenerate into a temp dir and compare with the committed files; 1 on any difference."""
    with tempfile.TemporaryDirectory() as tmp:
        names = write_corpus(Path(tmp))
        problems = []
        for name in names:
            committed = OUT / name
            if not committed.exists():
                problems.append(f"missing: {name}")
            elif committed.read_bytes() != (Path(tmp) / name).read_bytes():
                problems.append(f"differs: {name}")
        for extra in sorted(p.name for p in OUT.glob("*.pdf")):
            if extra not in names:
                problems.append(f"not generated by this script: {extra}")
    for problem in problems:
        print(problem)
    print(f"{len(names) - 1} certificates checked, {len(problems)} problem(s)")
    return 1 if problems else 0


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="regenerate into a temp dir and fail if any committed file differs")
    args = parser.parse_args()
    if args.check:
        return check()
    names = write_corpus(OUT)
    print(f"wrote {len(names) - 1} certificates and expected.json to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
