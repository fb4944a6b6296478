"""JSON API of the full archive (download, import into an empty account) and of account deletion."""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib.auth import SESSION_KEY, logout
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from ninja import File, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from medpath.accounts import forms as account_forms
from medpath.accounts.ratelimit import over_limit
from medpath.accounts.requests import signed_in_user
from medpath.accounts.services import account_delete
from medpath.archive import services
from medpath.archive.package import ArchiveRefused
from medpath.archive.schemas import AccountDeleteIn, ArchiveImportedOut
from medpath.errors import error_response

router = Router(tags=["archive"])

# Wrong passwords a caller may send to DELETE /account in the rate-limit window (10 minutes), per user: a stolen token
# must not turn the API into a fast password guesser.
DELETE_ATTEMPTS_PER_WINDOW = 5

_ERROR = {"$ref": "#/components/schemas/Error"}
# The statuses an import refusal answers, by the refusal's code; every other code is a 422.
REFUSAL_STATUS = {"not_empty": 409, "too_large": 413}


@router.get(
    "/archive",
    summary="Download your full archive",
    openapi_extra={
        "responses": {
            200: {
                "description": "The full archive: a zip of one JSON file per kind of record, every uploaded file, and a "
                "manifest with checksums (docs/portfolio.md, Archive format)",
                "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def archive_download(request: HttpRequest) -> FileResponse:
    """Everything in your account as one zip, for a session or a token; wellbeing check-ins included (it is your own
    archive), feedback only as its counters."""
    user = signed_in_user(request)
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it, which deletes it)
    services.archive_export(user=user, target=spool)
    spool.seek(0)
    response = FileResponse(spool, as_attachment=True, filename=services.archive_filename(user), content_type="application/zip")
    response["Cache-Control"] = "no-store"
    return response


@router.post(
    "/archive",
    response={201: ArchiveImportedOut},
    summary="Import an archive into your empty account",
    openapi_extra={
        "responses": {
            409: {
                "description": "Your account already has records: nothing was imported",
                "content": {"application/json": {"schema": _ERROR}},
            },
        }
    },
)
def archive_upload(request: HttpRequest, archive: File[UploadedFile]) -> Any:
    """Import a MedPath archive (multipart/form-data, field ``archive``) into the signed-in account, which must have
    no records yet. All or nothing: a refusal (409 not_empty, 413 too_large, 422 with the reason's code) imports
    nothing and says why, as the page does. The size limit is ``MEDPATH_ARCHIVE_MAX_MB``."""
    user = signed_in_user(request)
    try:
        services.archive_import(source=archive, into=user)
    except ArchiveRefused as error:
        status = REFUSAL_STATUS.get(error.code, 422)
        return error_response(status, error.code, f"Nothing was imported. {error}", {"archive": [str(error)]})
    return Status(201, ArchiveImportedOut(**services.imported_summary(user=user)))


@router.delete(
    "/account",
    response={204: None},
    summary="Delete your account",
    openapi_extra={
        "responses": {
            429: {"description": "Too many attempts; try again later", "content": {"application/json": {"schema": _ERROR}}}
        }
    },
)
def me_delete(request: HttpRequest, payload: AccountDeleteIn) -> Status[None]:
    """Delete your account and everything in it, at once and for good, as the page does: send your current password
    and your e-mail address typed out (a JSON body). With a token as with a session, the token alone is not enough.
    At most 5 attempts per 10 minutes. Download your archive first (``GET /archive``)."""
    user = signed_in_user(request)
    if over_limit(request, "account-delete", DELETE_ATTEMPTS_PER_WINDOW, per_user=True):
        raise HttpError(429, "Too many attempts to delete this account; try again in 10 minutes.")
    form = account_forms.DeleteAccountForm({"password": payload.password, "confirm": payload.confirm_email}, user=user)
    if not form.is_valid():
        names = {"password": "password", "confirm": "confirm_email"}
        fields = {names.get(name, name): [str(m) for m in messages] for name, messages in form.errors.items()}
        raise ValidationError(fields)
    if request.session.get(SESSION_KEY) == str(user.pk):
        logout(request)  # this session ends now, not after its row is gone (which would fail the response)
    account_delete(user=user)
    return Status(204, None)
