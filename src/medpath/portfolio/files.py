"""The portfolio's files, one path for the page, the API and the command: the CV in each format, and the response
that carries a file."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

from django.http import HttpResponse

from medpath.accounts.models import User
from medpath.portfolio import selectors
from medpath.portfolio.cv_render import json_resume, markdown, pdf

CV_TYPES = {"pdf": "application/pdf", "md": "text/markdown; charset=utf-8", "json": "application/json"}
CV_NAMES = {"pdf": "cv.pdf", "md": "cv.md", "json": "resume.json"}


def cv_filename(name: str, on: date, file_format: str) -> str:
    """“Priya-Shah-cv-2026-12-05.pdf”: the person's name (ASCII letters and digits only, so every browser and mail
    program keeps it) and the day, so that a CV sent on is easy to find; “cv-….pdf” when the name gives nothing."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", plain)[:6]
    stem, suffix = CV_NAMES[file_format].split(".")
    return "-".join([*words, stem, on.isoformat()]) + "." + suffix


def download(body: bytes | str, content_type: str, filename: str, *, inline: bool = False) -> HttpResponse:
    """A file to save (or, for a calendar feed, to read inline), never cached by a shared cache."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300" if inline else "private, no-store"
    return response


def cv_file(user: User, file_format: str, sections: list[str] | None = None) -> tuple[bytes, str, str]:
    """(body, content type, file name) of the person's CV in ``file_format``: one path for page, API and CLI."""
    composed, material = selectors.cv_for(user, sections)
    if file_format == "pdf":
        body = pdf(composed)
    elif file_format == "md":
        body = markdown(composed).encode()
    elif file_format == "json":
        body = (json.dumps(json_resume(composed, material), indent=2, ensure_ascii=False) + "\n").encode()
    else:
        raise ValueError(f"unknown CV format {file_format!r}")
    return body, CV_TYPES[file_format], cv_filename(composed.person.name, composed.generated_on, file_format)
