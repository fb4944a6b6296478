"""Files in and out of the pages, the same for every import: an upload read as text or bytes, or refused at its
field, and a sample or export sent as a download."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse

MAX_CSV_BYTES = 5 * 1024 * 1024


def uploaded_csv_text(form: forms.Form, field: str = "file") -> str | None:
    """The uploaded CSV of a valid ``form`` as text; None, with the error at the field, if it is over 5 MB or not
    UTF-8 (a byte-order mark is dropped)."""
    upload = form.cleaned_data[field]
    if upload.size > MAX_CSV_BYTES:
        form.add_error(field, "The file is larger than 5 MB; split it (by year, for instance).")
        return None
    try:
        text: str = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        form.add_error(field, "The file is not UTF-8 text; save it as CSV (UTF-8).")
        return None
    return text


def uploaded_bytes(form: forms.Form, field: str = "file") -> tuple[bytes, str] | None:
    """The uploaded file of a valid ``form`` (CSV or XLSX, read by ``medpath.tabular``) and its name; None, with
    the error at the field, if it is over the shared reader's size limit."""
    from medpath.tabular import LIMITS

    upload = form.cleaned_data[field]
    if upload.size > LIMITS.max_bytes:
        form.add_error(
            field, f"The file is larger than {LIMITS.max_bytes // (1024 * 1024)} MB; split it (by year, for instance)."
        )
        return None
    return upload.read(LIMITS.max_bytes + 1), upload.name or ""


def csv_download(text: str, filename: str) -> HttpResponse:
    """``text`` as a CSV file to save."""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
