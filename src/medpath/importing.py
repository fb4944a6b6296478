"""Spreadsheet imports on the pages, the same for every importer: upload, match the columns, see what would be
added (a dry run), then apply all of it or nothing.

The uploaded bytes stay on the server between the steps (``pending_keep``): a file under the data directory named
by a random id, in a folder of the user's own, for ``PENDING_MINUTES``; each step reads the same bytes again, so
what is applied is exactly what was checked, and a client never sends a copy back.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from ninja import Schema
from pydantic import Field as ApiField

from medpath.accounts.models import User
from medpath.accounts.requests import signed_in_user
from medpath.privacy.forms import API_THEN, IMPORT_THEN
from medpath.rows import RowProblem, RowsRejected
from medpath.tabular import LIMITS, Field, Record, TableRejected, auto_mapping, open_grid

PENDING_MINUTES = 60  # a setting, not a fact: long enough to fix a mapping, short enough not to keep files around
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,60}$")
_SUFFIXES = (".xlsx", ".csv", ".txt", ".tsv")


def _folder(user: User) -> Path:
    return Path(settings.DATA_DIR) / "pending-imports" / str(user.pk)


def pending_keep(user: User, data: bytes, filename: str) -> str:
    """Keep an upload for the next steps; its id. Older uploads of the user past their time are removed."""
    folder = _folder(user)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    cutoff = time.time() - PENDING_MINUTES * 60
    for old in folder.iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    suffix = next((s for s in _SUFFIXES if filename.lower().endswith(s)), ".csv")
    token = secrets.token_urlsafe(24)
    path = folder / f"{token}{suffix}"
    path.write_bytes(data)
    path.chmod(0o600)
    now = time.time()
    os.utime(path, (now, now))  # its age is read against the same clock that stamps it
    return token


def _pending_path(user: User, token: str) -> Path | None:
    if not _TOKEN.match(token or ""):
        return None
    for suffix in _SUFFIXES:
        path = _folder(user) / f"{token}{suffix}"
        if path.is_file():
            if path.stat().st_mtime < time.time() - PENDING_MINUTES * 60:
                path.unlink(missing_ok=True)
                return None
            return path
    return None


def pending_read(user: User, token: str) -> tuple[bytes, str] | None:
    """The bytes and a file name of one of the user's kept uploads; None when unknown, another's, or expired."""
    path = _pending_path(user, token)
    return (path.read_bytes(), path.name) if path is not None else None


@dataclass
class Claim:
    """A kept upload taken by one request to be applied: moved aside, so that a second request with the same id
    (a double click, a resubmit while a long import runs) finds nothing to apply."""

    data: bytes
    name: str
    original: Path
    taken: Path

    def finish(self, applied: bool) -> None:
        """Applied: the upload is gone for good. Not applied (refused, failed): put back for another try."""
        if applied:
            self.taken.unlink(missing_ok=True)
        else:
            with contextlib.suppress(OSError):
                self.taken.rename(self.original)


def pending_claim(user: User, token: str) -> Claim | None:
    """Take one of the user's kept uploads to apply it; None when unknown, expired, or taken by another request."""
    path = _pending_path(user, token)
    if path is None:
        return None
    taken = path.with_name(f".applying-{path.name}")
    try:
        path.rename(taken)  # atomic: of two requests, one wins
    except FileNotFoundError:
        return None
    return Claim(taken.read_bytes(), path.name, path, taken)


def parse_mapping(pairs: Sequence[str]) -> dict[str, str]:
    """``["File column=field", …]`` as {file column: field}; ValueError names a pair without ``=``."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip():
            raise ValueError(f"“{pair}”: write File column=field")
        mapping[column.strip()] = target.strip()
    return mapping


@dataclass(frozen=True)
class Preview:
    """What an import adds (``added``: where in the file, in words) and skips; ``applied`` when it was saved."""

    added: list[tuple[str, str]]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    applied: bool = False
    where: str = ""


class UploadForm(forms.Form):
    """A spreadsheet to import."""

    file = forms.FileField(
        label="File (CSV or Excel .xlsx)",
        help_text=f"CSV saved as UTF-8, or an Excel workbook (the first sheet is read), at most "
        f"{LIMITS.max_bytes // (1024 * 1024)} MB and {LIMITS.max_rows:,} rows.",
    )
    sheet = forms.CharField(
        label="Sheet", required=False, max_length=100, help_text="For a workbook: the sheet to read, if not the first."
    )


def mapping_form(header: Sequence[str], fields: Sequence[Field], data: Mapping[str, Any] | None = None) -> forms.Form:
    """A select per file column, each offering MedPath's fields, pre-filled by the automatic match."""
    found = auto_mapping(header, fields)
    choices = [("", "Not imported"), *((one.name, one.label) for one in fields)]
    form = forms.Form(data)
    form.fields["token"] = forms.CharField(widget=forms.HiddenInput, max_length=60)
    form.fields["sheet"] = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    for index, column in enumerate(header):
        if column:
            form.fields[f"column_{index}"] = forms.ChoiceField(
                label=f"“{column[:80]}” is", choices=choices, required=False, initial=found.get(column, "")
            )
    form.fields["privacy_confirmed"] = forms.BooleanField(
        label="None of the text in the file identifies a patient: import it as written",
        required=False,
        help_text="Tick this only if the check flagged text that is not about a patient.",
    )
    return form


def _chosen(form: forms.Form, header: Sequence[str]) -> dict[str, str]:
    return {
        column: form.cleaned_data.get(f"column_{index}") or ""
        for index, column in enumerate(header)
        if column and f"column_{index}" in form.fields
    }


Run = Callable[..., Preview]


@dataclass(frozen=True)
class ImportPage:
    """One importer's page: its fields, what runs it (the service), where to go after, and words."""

    fields: Sequence[Field]
    run: Run  # run(user=, data=, filename=, mapping=, sheet=, dry_run=, privacy_confirmed=) -> Preview
    template: str
    done: str  # a URL name
    noun: str  # "experiences"; the page says "Imported 1 experience" with ``one``
    extra: Mapping[str, Any] = field(default_factory=dict)
    one: str = ""  # the noun for one row: "experience" (the default: ``noun`` less its final "s")

    def count(self, number: int) -> str:
        """“1 experience”, “2 experiences”."""
        return f"{number} {self.noun if number != 1 else (self.one or self.noun.removesuffix('s'))}"


def import_page(request: HttpRequest, page: ImportPage) -> HttpResponse:
    """Upload → columns → check (dry run) → import, every step on one page; bad files list every problem."""
    user = signed_in_user(request)
    context: dict[str, Any] = {"fields": page.fields, "noun": page.noun, **page.extra}
    step = request.POST.get("step", "")
    status = 200
    if request.method == "POST" and step in {"check", "apply"}:
        token = request.POST.get("token", "")
        claim = pending_claim(user, token) if step == "apply" else None
        kept = (claim.data, claim.name) if claim else None if step == "apply" else pending_read(user, token)
        if kept is None:
            messages.error(request, "That upload has expired, was imported already, or is not yours: choose the file again.")
            return redirect(request.path)
        try:
            return _check_or_apply(request, page, context, kept, step)
        finally:
            if claim is not None:
                claim.finish(applied=bool(context.get("applied")))
    upload = UploadForm(request.POST or None, request.FILES or None)
    context["form"] = upload
    if request.method == "POST" and upload.is_valid():
        file = upload.cleaned_data["file"]
        data = file.read(LIMITS.max_bytes + 1)
        sheet = upload.cleaned_data["sheet"].strip()
        try:
            grid = open_grid(data, filename=file.name or "", sheet=sheet)
        except TableRejected as rejected:
            context["problems"] = rejected.problems
            status = 400
        else:
            token = pending_keep(user, data, file.name or "")
            context.update(
                mapping=mapping_form(grid.header, page.fields, None),
                header=grid.header,
                where=_where(grid.kind, grid.sheet),
                rows=len(grid.rows),
            )
            context["mapping"].initial.update(token=token, sheet=sheet)
    elif request.method == "POST":
        status = 400
    return render(request, page.template, context, status=status)


def _check_or_apply(
    request: HttpRequest, page: ImportPage, context: dict[str, Any], kept: tuple[bytes, str], step: str
) -> HttpResponse:
    """The columns step posted: check the file (dry run) or apply it; ``context["applied"]`` says if it was saved."""
    user = signed_in_user(request)
    data, filename = kept
    status = 200
    sheet = request.POST.get("sheet", "")[:100]
    try:
        grid = open_grid(data, filename=filename, sheet=sheet)
    except TableRejected as rejected:
        context.update(form=UploadForm(), problems=rejected.problems)
        return render(request, page.template, context, status=400)
    form = mapping_form(grid.header, page.fields, request.POST)
    context.update(mapping=form, header=grid.header, where=_where(grid.kind, grid.sheet))
    if form.is_valid():
        try:
            preview = page.run(
                user=user,
                data=data,
                filename=filename,
                mapping=_chosen(form, grid.header),
                sheet=sheet,
                dry_run=step == "check",
                privacy_confirmed=form.cleaned_data["privacy_confirmed"],
            )
        except RowsRejected as rejected:
            context["problems"] = rejected.problems
            status = 400
        else:
            if preview.applied:
                context["applied"] = True
                messages.success(request, f"Imported {page.count(len(preview.added))}.")
                return redirect(page.done)
            context["preview"] = preview
    return render(request, page.template, context, status=status)


def _where(kind: str, sheet: str) -> str:
    return "the CSV file" if kind == "csv" else f"the sheet “{sheet}” of the workbook"


def problems_of(error: Any, labels: Mapping[str, str], record: Record, already: set[str]) -> list[RowProblem]:
    """A service's ValidationError for one row as problems at its line, by field label, leaving out the privacy
    confirmation field and fields ``already`` reported."""
    found: list[RowProblem] = []
    by_field: dict[str, list[str]] = error.message_dict if hasattr(error, "error_dict") else {"": list(error.messages)}
    for name, texts in by_field.items():
        if name == "privacy_confirmed":
            continue
        label = labels.get(name, name or "row")
        if label in already:
            continue
        # the services word the privacy guard's refusal for the API; an import's page and command confirm otherwise
        found += [record.problem(label, text.replace(API_THEN, IMPORT_THEN)) for text in texts]
    return found


# ---- the API's side: one shape for every spreadsheet import ----


class SpreadsheetRowOut(Schema):
    """One row of the file and what it adds (or why it is skipped)."""

    lines: str = ApiField(description="Where in the file: “line 4”, or “lines 4–5” for a record spanning two lines")
    summary: str


class SpreadsheetImportOut(Schema):
    """What a spreadsheet import added (or, with dry_run, would add)."""

    dry_run: bool
    read_from: str = ApiField(description="The CSV file, or which sheet of the workbook was read")
    added: list[SpreadsheetRowOut]
    skipped: list[SpreadsheetRowOut] = ApiField(default_factory=list)


def api_import(
    request: HttpRequest, run: Run, file: Any, *, dry_run: bool, mapping: Sequence[str], sheet: str, privacy_confirmed: bool
) -> SpreadsheetImportOut:
    """Run an import from a multipart upload: ``mapping`` as ``File column=field`` pairs; a bad file answers 422
    with every problem (``RowsRejected``)."""
    from django.core.exceptions import ValidationError

    try:
        chosen = parse_mapping(mapping)
    except ValueError as error:
        raise ValidationError({"mapping": [str(error)]}) from None
    data = file.read(LIMITS.max_bytes + 1)
    preview = run(
        user=signed_in_user(request),
        data=data,
        filename=file.name or "",
        mapping=chosen,
        sheet=sheet,
        dry_run=dry_run,
        privacy_confirmed=privacy_confirmed,
    )
    return SpreadsheetImportOut(
        dry_run=dry_run,
        read_from=preview.where,
        added=[SpreadsheetRowOut(lines=lines, summary=summary) for lines, summary in preview.added],
        skipped=[SpreadsheetRowOut(lines=lines, summary=summary) for lines, summary in preview.skipped],
    )


def pending_forget(sender: object, instance: User, **_: object) -> None:
    """On account deletion (the User's post_delete signal): drop every upload waiting for the person's confirm."""
    shutil.rmtree(Path(settings.DATA_DIR) / "pending-imports" / str(instance.pk), ignore_errors=True)


models.signals.post_delete.connect(pending_forget, sender=settings.AUTH_USER_MODEL, dispatch_uid="pending_imports_forget")
