"""Pages of contacts: the list (filtered and sorted), a contact with its interactions, the forms, the person's
follow-up rules, and vCard import and export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts.requests import show_errors, signed_in_user
from medpath.importing import ImportPage, import_page
from medpath.network import selectors
from medpath.network.contact_rows import FIELDS as CONTACT_FIELDS
from medpath.network.contact_rows import contacts_sample_csv
from medpath.network.forms import ContactFilterForm, ContactForm, InteractionForm, RuleForm, VcardForm
from medpath.network.models import Contact, FollowUpRule, Interaction
from medpath.network.services import contacts as service
from medpath.network.services import held_vcards
from medpath.network.vcards import MAX_VCARD_BYTES, VcardsRejected, write_vcards
from medpath.scoping import get_owned
from medpath.tables import Column, download_format, download_links, table_download
from medpath.uploads import csv_download
from medpath.usertime import user_today
from medpath.wording import count, day


def filter_form(request: HttpRequest) -> ContactFilterForm:
    """The list's filters from the query string, checked (``quiet_days``; the page's earlier name ``quiet`` still
    works)."""
    query = request.GET.copy()
    if "quiet" in query and "quiet_days" not in query:
        query["quiet_days"] = request.GET["quiet"]
    form = ContactFilterForm(query or None, tags=selectors.all_tags(signed_in_user(request)))
    form.is_valid()
    return form


CONTACT_COLUMNS = (
    Column("Name", lambda row: row.contact.name),
    Column("Role", lambda row: row.contact.role),
    Column("Organization", lambda row: row.contact.organization),
    Column("E-mail", lambda row: row.contact.email),
    Column("Phone", lambda row: row.contact.phone),
    Column("Mentor", lambda row: row.contact.is_mentor),
    Column("Tags", lambda row: ", ".join(row.tags)),
    Column("How you met", lambda row: row.contact.how_met),
    Column("Last contact", lambda row: row.last_contact),
    Column("Follow up every (days)", lambda row: row.follow_up.rhythm.days),
    Column("Next follow-up", lambda row: row.follow_up.due_on),
    Column("Notes", lambda row: row.contact.notes),
)


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    """The person's contacts with last contact and next follow-up, filtered and sorted."""
    user = signed_in_user(request)
    today = user_today(user)
    form = filter_form(request)
    filters = form.filters()
    rows = selectors.contact_rows(user, today=today, **filters)
    fmt = download_format(request)
    if fmt:
        return table_download(fmt, name="contacts", columns=CONTACT_COLUMNS, rows=rows, today=today)
    filtered = bool(filters["tag"] or filters["mentor"] is not None or filters["quiet_days"] is not None)
    context = {
        "rows": [(row, row.follow_up.days_left(today)) for row in rows],
        "form": form,
        "shown": count(len(rows), "contact"),
        "filtered": filtered,
        "asked": bool(request.GET),
        "downloads": download_links(request),
        "any_contact": bool(rows) or (filtered and Contact.objects.for_user(user).exists()),
    }
    return render(request, "network/contact_list.html", context)


def _contact_form_page(request: HttpRequest, contact: Contact | None) -> HttpResponse:
    user = signed_in_user(request)
    initial: dict[str, Any] = {}
    if contact is not None:
        initial = {
            name: getattr(contact, name)
            for name in ("name", "role", "organization", "how_met", "email", "phone", "is_mentor", "rhythm_days", "notes")
        }
        initial["tags"] = ", ".join(tag.name for tag in contact.tag_rows.all())
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = service.contact_save(
                user=user, pk=contact.pk if contact else None, **form.cleaned_data | {"privacy_confirmed": True}
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("network:contact_detail", saved.pk)
    return render(request, "network/contact_form.html", {"form": form, "contact": contact})


@login_required
@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    """Add a contact or mentor."""
    return _contact_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a contact."""
    return _contact_form_page(request, get_owned(Contact, signed_in_user(request), pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact, their next follow-up and interactions, and "Log an interaction" (today by default)."""
    user = signed_in_user(request)
    contact = get_owned(Contact, user, pk=pk)
    today = user_today(user)
    form = InteractionForm(request.POST or None, initial={"occurred_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.interaction_save(
                user=user,
                contact_id=contact.pk,
                occurred_on=data["occurred_on"],
                channel=data["channel"],
                notes=data["notes"],
                privacy_confirmed=True,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            row = selectors.contact_row(user, contact, today)
            due = row.follow_up.due_on
            messages.success(request, "Interaction logged." + (f" Next follow-up {day(due)}." if due else ""))
            return redirect("network:contact_detail", contact.pk)
    row = selectors.contact_row(user, contact, today)
    interactions = Interaction.objects.for_user(user).filter(contact=contact).order_by("-occurred_on", "-id")
    context = {
        "row": row,
        "contact": contact,
        "days_left": row.follow_up.days_left(today),
        "form": form,
        "interactions": interactions,
    }
    return render(request, "network/contact_detail.html", context)


@login_required
@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a contact and their interactions."""
    service.contact_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Contact deleted.")
    return redirect("network:contacts")


@login_required
@require_POST
def interaction_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a logged interaction."""
    user = signed_in_user(request)
    interaction = get_owned(Interaction, user, pk=pk)
    service.interaction_delete(user=user, pk=pk)
    messages.success(request, "Interaction deleted.")
    return redirect("network:contact_detail", interaction.contact_id)


@login_required
@require_http_methods(["GET", "POST"])
def rule_list(request: HttpRequest) -> HttpResponse:
    """The person's follow-up rules per tag, and a form to add or change one."""
    user = signed_in_user(request)
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = service.rule_save(user=user, **form.cleaned_data)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"Contacts tagged “{rule.tag}”: follow up every {rule.rhythm_days} days.")
            return redirect("network:rules")
    rules = FollowUpRule.objects.for_user(user).order_by("tag")
    return render(request, "network/rule_list.html", {"form": form, "rules": rules, "tags": selectors.all_tags(user)})


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a follow-up rule."""
    service.rule_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Rule removed.")
    return redirect("network:rules")


PAGE_PRIVACY_HINT = "Remove it from the file, or tick the box below if it identifies no patient."


def _vcard_data(request: HttpRequest, form: VcardForm) -> bytes | None:
    """The chosen file's bytes, else those of the file kept for the preview; None with the form's error."""
    upload = form.cleaned_data["file"]
    held = form.cleaned_data["held"]
    if upload is not None:
        if upload.size > MAX_VCARD_BYTES:
            form.add_error("file", f"The file is larger than {MAX_VCARD_BYTES // (1024 * 1024)} MB; split it.")
            return None
        data: bytes = upload.read(MAX_VCARD_BYTES + 1)
        return data
    if held:
        kept = held_vcards.vcard_held(user=signed_in_user(request), held=held)
        if kept is None:
            form.add_error("file", "The file read for the preview is no longer kept (an hour at most): choose the file again.")
        return kept
    form.add_error("file", "Choose the vCard file (.vcf) to import.")
    return None


@login_required
@require_http_methods(["GET", "POST"])
def vcard_import(request: HttpRequest) -> HttpResponse:
    """Import contacts from a vCard file: first what would be added, then all of them or none, without choosing
    the file again (it is kept on the server for up to an hour, for this person only)."""
    user = signed_in_user(request)
    form = VcardForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    data = _vcard_data(request, form) if request.method == "POST" and form.is_valid() else None
    if data is not None:
        dry_run, confirmed = form.cleaned_data["dry_run"], form.cleaned_data["privacy_confirmed"]
        try:
            preview = service.vcards_import(
                user=user, data=data, dry_run=dry_run, privacy_confirmed=confirmed, privacy_hint=PAGE_PRIVACY_HINT
            )
        except VcardsRejected as rejected:
            form.add_error("file", f"Nothing was imported: {count(len(rejected.problems), 'problem')} in the file.")
            context["problems"] = rejected.problems
            if rejected.to_confirm:
                form.offer_confirmation()
            if rejected.to_confirm == len(rejected.problems):  # only the box to tick: keep the file for it
                context["held"] = held_vcards.vcard_hold(user=user, data=data)
        else:
            if not dry_run:
                if form.cleaned_data["held"]:
                    held_vcards.vcard_release(user=user, held=form.cleaned_data["held"])
                messages.success(
                    request, f"{count(len(preview.added), 'contact')} added; {len(preview.already_there)} already there."
                )
                return redirect("network:contacts")
            context |= {"preview": preview, "confirmed": confirmed}
            if preview.added:
                context["held"] = held_vcards.vcard_hold(user=user, data=data)
    if context.get("held"):  # the next press uses the kept file unless another is chosen
        if form.cleaned_data["held"]:
            held_vcards.vcard_release(user=user, held=form.cleaned_data["held"])
        posted = request.POST.copy()
        posted["held"] = context["held"]
        form.data = posted
    return render(request, "network/vcard_import.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def contacts_import(request: HttpRequest) -> HttpResponse:
    """Import contacts from a CSV or XLSX file: columns, a check that shows who would be added, then all or none."""
    page = ImportPage(
        CONTACT_FIELDS,
        service.contacts_table_import,
        "network/contacts_import.html",
        "network:contacts",
        "contacts",
    )
    return import_page(request, page)


@login_required
def contacts_import_sample(request: HttpRequest) -> HttpResponse:
    """A small contact list in the import's own columns, to fill in or copy from."""
    return csv_download(contacts_sample_csv(), "medpath-contacts-sample.csv")


@login_required
def vcard_export(request: HttpRequest) -> HttpResponse:
    """The person's contacts (the list's filters apply) as a vCard 4.0 file to save."""
    user = signed_in_user(request)
    rows = selectors.contact_rows(user, today=user_today(user), **filter_form(request).filters())
    text = write_vcards(service.contact_card(row.contact) for row in rows)
    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="medpath-contacts.vcf"'
    return response


urlpatterns = [
    path("network/", contact_list, name="contacts"),
    path("network/contacts/new/", contact_new, name="contact_new"),
    path("network/contacts/<int:pk>/", contact_detail, name="contact_detail"),
    path("network/contacts/<int:pk>/edit/", contact_edit, name="contact_edit"),
    path("network/contacts/<int:pk>/delete/", contact_delete, name="contact_delete"),
    path("network/interactions/<int:pk>/delete/", interaction_delete, name="interaction_delete"),
    path("network/follow-up-rules/", rule_list, name="rules"),
    path("network/follow-up-rules/<int:pk>/delete/", rule_delete, name="rule_delete"),
    path("network/contacts/import/", vcard_import, name="vcard_import"),
    path("network/contacts/import-spreadsheet/", contacts_import, name="contacts_import"),
    path("network/contacts/import-spreadsheet/sample.csv", contacts_import_sample, name="contacts_import_sample"),
    path("network/contacts/download/", vcard_export, name="vcard_export"),  # a file, not a page
]
