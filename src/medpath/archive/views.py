"""The archive page: download the full archive; import one into this account while it has no records."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from medpath.accounts.requests import signed_in_user
from medpath.archive import services
from medpath.archive.forms import ArchiveImportForm
from medpath.archive.package import ArchiveRefused


@login_required
@require_http_methods(["GET", "POST"])
def archive_page(request: HttpRequest) -> HttpResponse:
    """What the archive holds, its download, and the import form (only an account with no records takes one)."""
    user = signed_in_user(request)
    empty = services.account_is_empty(user=user)
    form = ArchiveImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.archive_import(source=form.cleaned_data["archive"], into=user)
        except ArchiveRefused as error:
            form.add_error("archive", f"Nothing was imported. {error}")
            empty = services.account_is_empty(user=user)  # another import may have filled it meanwhile
        else:
            messages.success(
                request,
                "The archive is imported: every record and file is in your account, and your profile (name, time "
                "zone, country, career stage) is the archive's.",
            )
            return redirect("archive:archive")
    context = {"form": form, "empty": empty, "max_mb": services.archive_max_bytes() // (1024 * 1024)}
    return render(request, "archive/archive.html", context, status=422 if form.errors else 200)


@login_required
@require_GET
def archive_download(request: HttpRequest) -> FileResponse:
    """The full archive as a zip, built in a temporary file and streamed from it (memory stays flat)."""
    user = signed_in_user(request)
    spool = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it, which deletes it)
    services.archive_export(user=user, target=spool)
    spool.seek(0)
    response = FileResponse(spool, as_attachment=True, filename=services.archive_filename(user), content_type="application/zip")
    response["Cache-Control"] = "no-store"
    return response
