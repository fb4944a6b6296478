"""Pages of the learning pillar: credentials and their renewal status, activities, certificates, rules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form as DjangoForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts import links
from medpath.accounts.models import User
from medpath.accounts.ratelimit import over_limit, public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.catalog.loader import catalog
from medpath.deadlines import deadlines_for
from medpath.importing import ImportPage, import_page
from medpath.learning import forms, selectors, services
from medpath.learning.certificates import READS_PER_WINDOW
from medpath.learning.links import DEADLINES_CALENDAR, UNSUBSCRIBE
from medpath.learning.models import Certificate, Credential, CreditAward, LearningActivity
from medpath.learning.packet import packet_zip, summary_pdf
from medpath.learning.selectors import (
    CredentialStatus,
    credential_status,
    credential_statuses,
    engine_activities,
    requirement_specs,
)
from medpath.learning.transcripts import FIELDS, transcript_sample_csv
from medpath.scoping import get_owned
from medpath.tables import Column, download_format, download_links, table_download
from medpath.uploads import csv_download
from medpath.usertime import user_today

LIST_LIMIT = 500  # activities shown on one page; filters narrow the list


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Every credential with its renewal status, most urgent first."""
    user = signed_in_user(request)
    statuses = credential_statuses(user)
    return render(request, "learning/overview.html", {"statuses": statuses, "today": user_today(user)})


def _credential_form_page(request: HttpRequest, credential: Credential | None) -> HttpResponse:
    user = signed_in_user(request)
    form = forms.CredentialForm(request.POST or None, instance=credential, user=user)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            saved = services.credential_save(user=user, credential=credential, **values)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("learning:credential", pk=saved.pk)
    return render(request, "learning/credential_form.html", {"form": form, "credential": credential})


@login_required
@require_http_methods(["GET", "POST"])
def credential_new(request: HttpRequest) -> HttpResponse:
    """Add a licence, certification, card or registration."""
    return _credential_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def credential_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a credential."""
    return _credential_form_page(request, get_owned(Credential, signed_in_user(request), pk=pk))


def _status_for(
    user: User, pk: int, cycle_end: date | None = None
) -> tuple[Credential, CredentialStatus, dict[str, LearningActivity]]:
    credential = get_owned(Credential, user, pk=pk)
    specs = requirement_specs(user)
    status = credential_status(
        credential, specs.get(credential.requirement_set_id), engine_activities(user), user_today(user), cycle_end
    )
    activities = selectors.activities_by_key(user)
    return credential, status, activities


def _cycle_end(request: HttpRequest) -> date | None:
    """?cycle_end=YYYY-MM-DD picks an earlier cycle for an audit packet (404 if malformed)."""
    raw = request.GET.get("cycle_end", "")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Http404("cycle_end must be a date (YYYY-MM-DD)") from None


@login_required
def credential_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A credential's status explained rule by rule, with the activities counted where."""
    credential, status, activities = _status_for(signed_in_user(request), pk)
    source = catalog().sources.get(status.spec.source) if status.spec else None
    counted = {}
    if status.evaluation:
        for rule in status.evaluation.rules:
            counted[rule.id] = [(activities[a].title if a in activities else a, amount) for a, amount in rule.allocation]
    previous = selectors.previous_cycle(status.cycle, status.spec) if status.cycle and status.spec else None
    held_since = credential.first_licensed_on
    if credential.renewal_number <= 1 or (previous and held_since and held_since > previous.end):
        previous = None  # the current cycle is the first: there is no earlier one to audit
    context = {"credential": credential, "status": status, "counted": counted, "source": source, "previous": previous}
    return render(request, "learning/credential_detail.html", context)


@login_required
@require_POST
def credential_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a credential."""
    services.credential_delete(user=signed_in_user(request), pk=pk)
    messages.success(request, "Credential deleted.")
    return redirect("learning:overview")


@login_required
def packet_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit summary of one credential and cycle, as PDF."""
    user = signed_in_user(request)
    credential, status, activities = _status_for(user, pk, _cycle_end(request))
    body = summary_pdf(status, activities, generated=user_today(user))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="audit-{credential.pk}.pdf"'
    return response


@login_required
def packet_archive(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit packet: the summary PDF, a CSV of counted activities and their certificate files."""
    user = signed_in_user(request)
    credential, status, activities = _status_for(user, pk, _cycle_end(request))
    certificates = selectors.certificates_by_id(user)
    awards = selectors.awards_by_activity(user)
    body = packet_zip(status, activities, awards, certificates, generated=user_today(user))
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="audit-packet-{credential.pk}.zip"'
    return response


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    """Activities with filters."""
    user = signed_in_user(request)
    form = forms.ActivityFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    fmt = download_format(request)
    rows_with_awards = selectors.activities_with_awards(
        user,
        q=filters.get("q", ""),
        year=filters.get("year"),
        credit_type=filters.get("credit_type", ""),
        topic=filters.get("topic", ""),
        limit=None if fmt else LIST_LIMIT,  # a download holds every activity the filters keep
    )
    credit_types, topics, formats = _labels()
    rows = [
        (activity, _awards_in_words(awards, credit_types), [topics.get(t, t) for t in activity.topics or []])
        for activity, awards in rows_with_awards
    ]
    if fmt:
        columns = (
            Column("Completed on", lambda row: row[0].completed_on),
            Column("Title", lambda row: row[0].title),
            Column("Provider", lambda row: row[0].provider),
            Column("Accreditor", lambda row: row[0].accreditor),
            Column("Format", lambda row: formats.get(row[0].format, row[0].format)),
            Column("Credits", lambda row: "; ".join(f"{amount} {label}" for label, amount in row[1])),
            Column("Topics", lambda row: ", ".join(row[2])),
            Column("Certificate", lambda row: "yes" if row[0].certificate_id else "no"),
            Column("Notes", lambda row: row[0].notes),
        )
        return table_download(fmt, name="learning-activities", columns=columns, rows=rows, today=user_today(user))
    context = {"form": form, "rows": rows, "downloads": download_links(request)}
    return render(request, "learning/activity_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    """Record an activity; a PDF certificate's text can fill in the form first."""
    user = signed_in_user(request)
    form = forms.ActivityForm(request.POST or None, request.FILES or None)
    prefilled = False
    if request.method == "POST" and "read-certificate" in request.POST:
        form, prefilled = _read_certificate(request, user)
        return render(request, "learning/activity_form.html", {"form": form, "prefilled": prefilled})
    if request.method == "POST" and form.is_valid():
        data = form.to_input()
        problems = services.activity_check(user=user, data=data)
        if problems:
            for name, messages_ in problems.items():
                form.add_error(
                    name
                    if name in form.fields
                    else ("credit_type_1" if name == "credit_type" else "amount_1" if name == "amount" else None),
                    messages_,
                )
        else:
            try:
                certificate = None
                if form.cleaned_data.get("certificate"):  # a file chosen now wins over one read earlier
                    certificate = services.certificate_store(user=user, upload=form.cleaned_data["certificate"])
                services.activity_create(
                    user=user,
                    data=data,
                    certificate=certificate,
                    waiting_certificate=form.cleaned_data.get("pending_certificate"),
                )
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, "Activity recorded; your credentials' status is updated.")
                return redirect("learning:activities")
    return render(request, "learning/activity_form.html", {"form": form, "prefilled": prefilled})


def _read_certificate(request: HttpRequest, user: User) -> tuple[forms.ActivityForm, bool]:
    """Keep the uploaded certificate and prefill the form with what it states, each value with its evidence."""
    upload = request.FILES.get("certificate")
    initial: dict[str, object] = {key: value for key, value in request.POST.dict().items() if key != "pending_certificate"}
    form = forms.ActivityForm(initial=initial)
    if upload is None:
        form.add_error("certificate", "Choose a PDF certificate to read.")
        return form, False
    if over_limit(request, "certificate-read", READS_PER_WINDOW, per_user=True):
        form.add_error("certificate", "Too many certificates read in the last 10 minutes; fill in the form, or try later.")
        return form, False
    try:
        certificate, reading = services.certificate_read_and_keep(user=user, upload=upload)
    except ValidationError as error:
        show_errors(form, error)
        return form, False
    form.initial["pending_certificate"] = certificate.pk
    form.fields[
        "certificate"
    ].help_text = f"Attached: {certificate.original_name} (it is saved with the activity; choose another file to replace it)."
    form.show_reading(reading)
    prefilled = bool(reading.title or reading.completed_on or reading.awards)
    if prefilled:
        messages.info(
            request, "Check each value read from the certificate (under each field are the words it came from), then save."
        )
    else:
        messages.info(request, reading.message or "Nothing could be read from this certificate: fill in the form.")
    return form, prefilled


def _labels() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Credit types, topics and formats in words."""
    vocabulary = catalog().vocabulary
    assert vocabulary is not None
    return (
        {t.id: t.label for t in vocabulary.credit_types},
        {t.id: t.label for t in vocabulary.topics},
        {t.id: t.label for t in vocabulary.formats},
    )


def _awards_in_words(awards: Iterable[CreditAward], credit_types: dict[str, str]) -> list[tuple[str, Decimal]]:
    """Each award as (its credit type's label, amount), in the order of the types' ids."""
    return [(credit_types.get(a.credit_type, a.credit_type), a.amount) for a in sorted(awards, key=lambda a: a.credit_type)]


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One activity in full: its awards, certificate, notes and the credentials' rules it counts toward."""
    user = signed_in_user(request)
    activity, rows = selectors.activity_with_awards(user, pk)
    credit_types, topics, formats = _labels()
    awards = _awards_in_words(rows, credit_types)
    key = str(activity.pk)
    counted = [
        (status.credential, rule.label, amount)
        for status in credential_statuses(user)
        if status.evaluation is not None
        for rule in status.evaluation.rules
        for activity_id, amount in rule.allocation
        if activity_id == key
    ]
    context = {
        "activity": activity,
        "awards": awards,
        "topics": [topics.get(t, t) for t in activity.topics or []],
        "format": formats.get(activity.format, activity.format),
        "counted": counted,
    }
    return render(request, "learning/activity_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an activity with the checks of a new one; its awards are replaced, its certificate kept unless
    replaced or removed."""
    user = signed_in_user(request)
    activity, awards = selectors.activity_with_awards(user, pk)
    form = forms.ActivityEditForm(request.POST or None, request.FILES or None, activity=activity, awards=awards)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(
                user=user,
                pk=activity.pk,
                data=form.to_input(),
                certificate=form.certificate_change(),  # type: ignore[arg-type]
                upload=form.cleaned_data.get("certificate"),
                privacy_confirmed=True,  # the form's own guard asked already
            )
        except ValidationError as error:
            _problems_to_form(form, error.message_dict)
        else:
            messages.success(request, "Activity saved; your credentials' status is updated.")
            return redirect("learning:activity", pk=activity.pk)
    return render(request, "learning/activity_form.html", {"form": form, "activity": activity, "prefilled": False})


def _problems_to_form(form: DjangoForm, problems: dict[str, list[str]]) -> None:
    """The service's problems next to their fields (the first award's are credit_type / amount)."""
    for name, messages_ in problems.items():
        target = {"credit_type": "credit_type_1", "amount": "amount_1"}.get(name, name)
        form.add_error(target if target in form.fields else None, messages_)


@login_required
@require_http_methods(["GET", "POST"])
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask before deleting an activity (its credits stop counting, its certificate goes unless shared); delete on POST."""
    user = signed_in_user(request)
    activity = get_owned(LearningActivity, user, pk=pk)
    if request.method == "POST":
        services.activity_delete(user=user, pk=activity.pk)
        messages.success(request, "Activity deleted.")
        return redirect("learning:activities")
    _, rows = selectors.activity_with_awards(user, pk)
    awards = _awards_in_words(rows, _labels()[0])
    return render(request, "learning/activity_delete.html", {"activity": activity, "awards": awards})


@login_required
@require_http_methods(["GET", "POST"])
def activity_import(request: HttpRequest) -> HttpResponse:
    """Import a transcript (CSV or XLSX): columns, a check that shows what would be added, then all rows or none."""
    page = ImportPage(
        FIELDS, services.activities_import, "learning/activity_import.html", "learning:activities", "activities", one="activity"
    )
    return import_page(request, page)


@login_required
def activity_import_sample(request: HttpRequest) -> HttpResponse:
    """A small transcript CSV in the import's own columns, to fill in or copy from."""
    return csv_download(transcript_sample_csv(), "medpath-transcript-sample.csv")


@login_required
def certificate_file(request: HttpRequest, pk: int) -> FileResponse:
    """A certificate, to its owner only."""
    certificate = get_owned(Certificate, signed_in_user(request), pk=pk)
    response = FileResponse(
        certificate.file.open("rb"), content_type=certificate.content_type, filename=certificate.original_name
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: HttpRequest) -> HttpResponse:
    """The requirement sets MedPath knows, and sets of your own."""
    user = signed_in_user(request)
    simple = "simple-submit" in request.POST
    form = forms.CustomSetForm(request.POST if request.method == "POST" and not simple else None, prefix="yaml")
    simple_form = forms.SimpleSetForm(request.POST if simple else None, prefix="simple")
    text = None
    target: DjangoForm = simple_form if simple else form
    if request.method == "POST" and target.is_valid():
        text = simple_form.to_yaml(user_today(user)) if simple else form.cleaned_data["document"]
    if text is not None:
        try:
            rows = services.custom_set_import(user=user, text=text)
        except ValidationError as error:
            for problems in error.message_dict.values():
                target.add_error("document" if not simple else None, problems)
        else:
            messages.success(request, f"Added {', '.join(row.name for row in rows)}.")
            return redirect("learning:rules")
    specs = sorted(requirement_specs(user).items(), key=lambda pair: pair[1].name)
    context = {"specs": specs, "form": form, "simple_form": simple_form, "sources": catalog().sources}
    return render(request, "learning/rules.html", context)


@login_required
@require_POST
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """Turn reminder e-mails on or off."""
    user = signed_in_user(request)
    user.email_reminders = request.POST.get("email_reminders") == "on"
    user.save(update_fields=["email_reminders"])
    messages.success(request, "Reminder e-mails are " + ("on." if user.email_reminders else "off."))
    return redirect("learning:overview")


@login_required
@require_POST
def calendar_link(request: HttpRequest) -> HttpResponse:
    """Issue a private calendar link of every deadline and show it once."""
    user = signed_in_user(request)
    issued = links.link_issue(
        owner=user,
        purpose=DEADLINES_CALENDAR.name,
        lifetime=DEADLINES_CALENDAR.max_lifetime,
        label="Calendar app",
        request=request,
    )
    return render(
        request, "learning/overview.html", {"statuses": credential_statuses(user), "today": user_today(user), "issued": issued}
    )


@public_page_limit("learning-calendar", factor=10)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """Every deadline as iCalendar, for whoever holds the private link."""
    from icalendar import Calendar, Event

    try:
        link = links.link_consume(token=token, purpose=DEADLINES_CALENDAR.name, request=request)
    except links.LinkError as error:
        return HttpResponse(str(error), status=404 if error.reason == "invalid" else 410, content_type="text/plain")
    owner = link.owner
    if not owner.is_active:
        return HttpResponse("This calendar is no longer available.", status=410, content_type="text/plain")
    calendar = Calendar()
    calendar.add("prodid", "-//MedPath//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "MedPath deadlines")
    host = settings.MEDPATH_BASE_URL.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0]
    today = user_today(owner)
    for deadline in deadlines_for(owner, today):
        event = Event()
        event.add("uid", f"{deadline.key}@{host}")
        event.add("dtstamp", timezone.now())
        event.add("dtstart", deadline.due)
        event.add("dtend", date.fromordinal(deadline.due.toordinal() + 1))
        event.add("summary", deadline.title)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@public_page_limit("learning-unsubscribe")
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Stop reminder e-mails from a link in one of them (no login needed)."""
    try:
        link = links.link_check(token=token, purpose=UNSUBSCRIBE.name, request=request)
    except links.LinkError as error:
        message = str(error)
        if error.reason == "revoked":  # the owner withdrew it on their Shared links page
            message = (
                "This unsubscribe link was revoked by the account's owner, so it changes nothing. "
                "Reminder e-mails can be turned off on the Continuous learning page after logging in."
            )
        return render(
            request, "accounts/link_refused.html", {"message": message}, status=404 if error.reason == "invalid" else 410
        )
    if request.method == "POST":
        links.link_consume(token=token, purpose=UNSUBSCRIBE.name, request=request)
        owner = link.owner
        owner.email_reminders = False
        owner.save(update_fields=["email_reminders"])
        return render(request, "learning/unsubscribed.html")
    return render(request, "learning/unsubscribe.html")
