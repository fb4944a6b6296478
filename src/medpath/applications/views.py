"""Pages of application drafts: the list, a draft with its entries and what stops it, picking records, editing an
entry with its characters counted, and the ready-to-paste view and download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.applications import selectors, services
from medpath.applications.forms import DraftChangeForm, DraftForm, EntryForm, PickForm, entry_initial
from medpath.applications.models import ApplicationDraft, ApplicationEntry
from medpath.catalog.loader import catalog
from medpath.scoping import get_owned
from medpath.usertime import user_today


@login_required
@require_http_methods(["GET", "POST"])
def draft_list(request: HttpRequest) -> HttpResponse:
    """The person's drafts, and a form to start one."""
    user = signed_in_user(request)
    form = DraftForm(request.POST or None, initial={"season": user_today(user).year + 1, "format": "amcas"})
    if request.method == "POST" and form.is_valid():
        try:
            draft = services.draft_create(user=user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Draft “{draft.title}” started: pick the experiences it should hold.")
            return redirect("applications:draft", pk=draft.pk)
    formats = [selectors.application_format(code) for code in ("amcas", "eras")]
    return render(request, "applications/draft_list.html", {"drafts": selectors.drafts(user), "form": form, "formats": formats})


def _draft_page(request: HttpRequest, draft: ApplicationDraft, *, change_form: DraftChangeForm | None = None) -> HttpResponse:
    user = signed_in_user(request)
    entries = selectors.draft_entries(user, draft)
    checked = selectors.verdict(draft, entries)
    found = selectors.application_format(draft.format)
    rows = [(entry, found.type_name(entry.type_id), checked.for_entry(index)) for index, entry in enumerate(entries)]
    limits = found.limits
    figures = [
        ("Experiences, at most", limits.max_entries),
        ("Characters in a description", limits.description_chars),
        ("Most meaningful, at most", limits.most_meaningful_max),
        ("Characters of each most-meaningful text", limits.most_meaningful_chars),
        ("Date ranges per experience", limits.max_date_ranges),
    ]
    if limits.most_meaningful_required_from:
        figures.append(("With this many experiences, one must be most meaningful", limits.most_meaningful_required_from))
    return render(
        request,
        "applications/draft.html",
        {
            "draft": draft,
            "found": found,
            "rows": rows,
            "draft_problems": checked.for_draft(),
            "ready_possible": checked.ready,
            "records": selectors.pickable_records(user, draft),
            "full": len(entries) >= limits.max_entries.value,
            "figures": [(label, limit, catalog().source(limit.source)) for label, limit in figures],
            "season_note": selectors.season_note(draft.format, draft.season),
            "change_form": change_form or DraftChangeForm(initial={"season": draft.season, "title": draft.title}),
        },
    )


@login_required
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft: its entries with what is over a limit, the records to pick from, and marking it ready."""
    return _draft_page(request, get_owned(ApplicationDraft, signed_in_user(request), pk=pk))


@login_required
@require_POST
def draft_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft's season and title."""
    user = signed_in_user(request)
    draft = get_owned(ApplicationDraft, user, pk=pk)
    form = DraftChangeForm(request.POST)
    if form.is_valid():
        try:
            services.draft_update(user=user, pk=draft.pk, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, "Draft saved.")
            return redirect("applications:draft", pk=draft.pk)
    return _draft_page(request, draft, change_form=form)


@login_required
@require_POST
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a draft (the records its entries were copied from stay)."""
    services.draft_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Draft deleted.")
    return redirect("applications:drafts")


@login_required
@require_POST
def draft_pick(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy one of the person's records into the draft."""
    user = signed_in_user(request)
    draft = get_owned(ApplicationDraft, user, pk=pk)
    form = PickForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Pick one of your records.")
        return redirect("applications:draft", pk=draft.pk)
    kind, record_id = form.cleaned_data["record"]
    try:
        entry = services.entry_pick(user=user, draft_id=draft.pk, source_kind=kind, source_id=record_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("applications:draft", pk=draft.pk)
    if kind == "none":
        messages.success(request, f"“{entry.title}” is in the draft: open it below (its title is the link) to write it.")
    else:
        messages.success(
            request,
            f"“{entry.title}” copied into the draft: open it below (its title is the link) to edit the copy; your "
            "record stays as it is.",
        )
    return redirect("applications:draft", pk=draft.pk)


@login_required
@require_POST
def draft_ready(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the draft ready (refused while anything is over a limit), or not ready."""
    user = signed_in_user(request)
    draft = get_owned(ApplicationDraft, user, pk=pk)
    ready = request.POST.get("ready") != "no"
    try:
        services.draft_mark_ready(user=user, pk=draft.pk, ready=ready)
    except ValidationError as error:
        messages.error(request, "Not ready yet: " + " ".join(error.messages))
    else:
        messages.success(request, "Marked ready to paste." if ready else "Marked not ready.")
    return redirect("applications:draft", pk=draft.pk)


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an entry; each long text shows its count, and how far over the application's limit it is."""
    user = signed_in_user(request)
    entry = get_owned(ApplicationEntry, user, pk=pk)
    draft = entry.draft
    found, limits = selectors.application_format(draft.format), selectors.limits_of(draft.format)
    form = EntryForm(request.POST or None, initial=entry_initial(entry), found=found, limits=limits)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.entry_save(user=user, pk=entry.pk, **form.service_values())
        except ValidationError as error:
            show_errors(form, error)
        else:
            # What the draft's check says of the saved entry (not of the form's raw text): the same verdict as the
            # draft page and the API, so a text that does not count (an essay on an entry not marked most
            # meaningful) is never called over, and an end before the start is said here, not later.
            entries = selectors.draft_entries(user, draft)
            position = next((i for i, other in enumerate(entries) if other.pk == saved.pk), 0)
            left = [p.message for p in selectors.verdict(draft, entries).for_entry(position)]
            if left:
                messages.warning(request, f"Saved, but before the draft can be ready: {' '.join(left)}")
                return redirect("applications:entry", pk=saved.pk)
            messages.success(request, f"“{saved.title}” saved.")
            return redirect("applications:draft", pk=draft.pk)
    checked = selectors.verdict(draft, selectors.draft_entries(user, draft))
    index = next((i for i, other in enumerate(selectors.draft_entries(user, draft)) if other.pk == entry.pk), 0)
    other_problems = [p.message for p in checked.for_entry(index) if p.field not in {"description", "most_meaningful_text"}]
    return render(
        request,
        "applications/entry_form.html",
        {"form": form, "entry": entry, "draft": draft, "found": found, "counts": form.counts(), "problems": other_problems},
    )


@login_required
@require_POST
def entry_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an entry up or down."""
    entry = services.entry_move(user=signed_in_user(request), pk=pk, up=request.POST.get("direction") != "down")
    return redirect("applications:draft", pk=entry.draft_id)


@login_required
@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an entry from its draft."""
    user = signed_in_user(request)
    entry = get_owned(ApplicationEntry, user, pk=pk)
    draft_id = entry.draft_id
    services.entry_delete(user=user, pk=entry.pk)
    messages.success(request, "Removed from the draft; the record it came from stays.")
    return redirect("applications:draft", pk=draft_id)


@login_required
def draft_paste(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft ready to paste, field by field, each with a copy button."""
    user = signed_in_user(request)
    export = selectors.draft_export(user, get_owned(ApplicationDraft, user, pk=pk))
    return render(request, "applications/paste.html", {"export": export, "draft": export.draft})


@login_required
def draft_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft as a plain-text (Markdown) file."""
    user = signed_in_user(request)
    export = selectors.draft_export(user, get_owned(ApplicationDraft, user, pk=pk))
    response = HttpResponse(selectors.export_markdown(export), content_type="text/markdown; charset=utf-8")
    name = slugify(export.draft.title) or "application"
    response["Content-Disposition"] = f'attachment; filename="{name}.md"'
    return response


app_name = "applications"

urlpatterns = [
    path("applications/", draft_list, name="drafts"),
    path("applications/<int:pk>/", draft_detail, name="draft"),
    path("applications/<int:pk>/change/", draft_change, name="draft_change"),
    path("applications/<int:pk>/delete/", draft_delete, name="draft_delete"),
    path("applications/<int:pk>/pick/", draft_pick, name="draft_pick"),
    path("applications/<int:pk>/ready/", draft_ready, name="draft_ready"),
    path("applications/<int:pk>/paste/", draft_paste, name="draft_paste"),
    path("applications/<int:pk>/download/", draft_download, name="draft_download"),
    path("applications/entries/<int:pk>/", entry_edit, name="entry"),
    path("applications/entries/<int:pk>/move/", entry_move, name="entry_move"),
    path("applications/entries/<int:pk>/delete/", entry_delete, name="entry_delete"),
]
