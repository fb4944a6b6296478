"""Drive a spreadsheet import page (medpath.importing.import_page) through its steps as a browser would: upload,
keep the columns as the page matched them (or as given), check, and import."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile


def matched_columns(response: Any) -> dict[str, str]:
    """The column selects of the mapping step with the field the page pre-selected for each ("" when none)."""
    form = response.context["mapping"]
    return {name: str(field.initial or "") for name, field in form.fields.items() if name.startswith("column_")}


def upload(client: Any, url: str, name: str, data: bytes) -> tuple[Any, str]:
    """The upload step's response and the token of the kept upload ("" when the file was refused)."""
    response = client.post(url, {"step": "upload", "file": SimpleUploadedFile(name, data)})
    found = re.search(r'name="token" value="([^"]+)"', response.content.decode())
    return response, found.group(1) if found else ""


def import_through_page(
    client: Any, url: str, name: str, data: bytes, *, columns: dict[str, str] | None = None, step: str = "apply", **extra: str
) -> Any:
    """Upload ``data`` and go on to ``step`` ("check" or "apply") with the matched columns (updated by ``columns``).
    Returns the last response; the upload's own response when the file was refused at upload."""
    response, token = upload(client, url, name, data)
    if not token:
        return response
    chosen = matched_columns(response) | (columns or {})
    return client.post(url, {"step": step, "token": token, **chosen, **extra})
