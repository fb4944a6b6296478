"""Pages of the portfolio: the CV (sections chosen and ordered, a preview, the files), the FHIR download, the
combined calendar link, publications and awards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from medpath.accounts import links
from medpath.accounts.models import SignedLink, User
from medpath.accounts.ratelimit import public_page_limit
from medpath.accounts.requests import show_errors, signed_in_user
from medpath.portfolio import cv, selectors, services
from medpath.portfolio.calendar import FEED_PILLARS, FeedChoiceError, combined_calendar, parse_pillars
from medpath.portfolio.fhir import practitioner_json
from medpath.portfolio.files import cv_file, download
from medpath.portfolio.forms import AwardForm, CalendarFeedForm, PublicationForm
from medpath.portfolio.links import CALENDAR
from medpath.portfolio.models import Award, Publication
from medpath.scoping import get_owned

app_name = "portfolio"


@dataclass(frozen=True)
class ChooserRow:
    key: str
    title: str
    included: bool
    order: str
    opt_in: bool
    error: str = ""


def _rows(
    chosen: list[str], posted: dict[str, tuple[bool, str]] | None = None, errors: dict[str, str] | None = None
) -> list[ChooserRow]:
    """Every section for the chooser: the chosen ones first in their order, then the rest."""
    keys = chosen + [key for key in cv.SECTIONS if key not in chosen]
    rows = []
    for position, key in enumerate(keys, start=1):
        included, order = posted[key] if posted else (key in chosen, str(position))
        rows.append(ChooserRow(key, cv.SECTIONS[key], included, order, key in cv.OPT_IN, (errors or {}).get(key, "")))
    return rows


def _posted_sections(request: HttpRequest) -> tuple[list[str], dict[str, tuple[bool, str]], dict[str, str]]:
    """The ticked sections sorted by their order numbers (ties keep the page's order), what was posted, errors."""
    posted: dict[str, tuple[bool, str]] = {}
    errors: dict[str, str] = {}
    ranked: list[tuple[int, int, str]] = []
    for index, key in enumerate(cv.SECTIONS):
        included = request.POST.get(f"include_{key}") == "on"
        raw = request.POST.get(f"order_{key}", "").strip()[:6]
        posted[key] = (included, raw)
        if not included:
            continue
        try:
            order = int(raw) if raw else index + 1
        except ValueError:
            errors[key] = f"A whole number from 1 to {len(cv.SECTIONS)}."
            continue
        if not 1 <= order <= len(cv.SECTIONS):
            errors[key] = f"A whole number from 1 to {len(cv.SECTIONS)}."
            continue
        ranked.append((order, index, key))
    return [key for _, _, key in sorted(ranked)], posted, errors


def _overview_context(user: User, chosen: list[str], **extra: Any) -> dict[str, Any]:
    composed, _ = selectors.cv_for(user, chosen)
    return {
        "rows": _rows(chosen),
        "cv": composed,
        "choice": selectors.cv_choice(user),
        "calendar_form": CalendarFeedForm(),
        "calendar_links": _calendar_links(user),
        "pillar_labels": FEED_PILLARS,
        "publication_count": len(selectors.publications(user)),
        "award_count": len(selectors.awards(user)),
    } | extra


def _calendar_links(user: User) -> list[tuple[object, list[str]]]:
    from medpath.accounts.selectors import link_list

    return [
        (link, [FEED_PILLARS[key].split(":")[0] for key in link.subject.split(",") if key in FEED_PILLARS])
        for link, state, _ in link_list(user=user)
        if link.purpose == CALENDAR.name and state == "active"
    ]


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The CV: choose and order its sections, preview it, download it; the FHIR file and the calendar feed."""
    user = signed_in_user(request)
    shown = request.session.pop(ISSUED_KEY, None)  # a link made on the last request, shown once
    issued = None
    if isinstance(shown, dict):
        link = SignedLink.objects.for_user(user).filter(pk=shown.get("link")).first()
        issued = links.IssuedLink(link, "", str(shown.get("url", ""))) if link is not None else None
    response = render(request, "portfolio/overview.html", _overview_context(user, selectors.chosen_sections(user), issued=issued))
    if issued is not None:
        response["Cache-Control"] = "no-store"
    return response


ISSUED_KEY = "portfolio_calendar_issued"


@login_required
@require_POST
def cv_submit(request: HttpRequest) -> HttpResponse:
    """Save the chosen sections, or download the CV with them (which saves them too)."""
    user = signed_in_user(request)
    action = request.POST.get("action", "save")
    chosen, posted, errors = _posted_sections(request)
    if not chosen and not errors:
        errors["all"] = "Choose at least one section."
    if errors or action not in {"save", *services.CV_FORMATS}:
        if action not in {"save", *services.CV_FORMATS}:
            errors["all"] = "Choose save, PDF, Markdown or JSON Resume."
        context = _overview_context(user, selectors.chosen_sections(user), chooser_errors=errors)
        context["rows"] = _rows(selectors.chosen_sections(user), posted, errors)
        return render(request, "portfolio/overview.html", context, status=422)
    services.cv_choice_save(user=user, sections=chosen)
    if action == "save":
        messages.success(request, "Your CV sections are saved.")
        return redirect("portfolio:overview")
    body, content_type, filename = cv_file(user, action, chosen)
    services.cv_generated(user=user, file_format=action)
    return download(body, content_type, filename)


@login_required
def fhir_download(request: HttpRequest) -> HttpResponse:
    """Your licences and certifications as a FHIR R4B Practitioner (JSON)."""
    user = signed_in_user(request)
    return download(practitioner_json(selectors.fhir_practitioner(user)), "application/fhir+json", "practitioner.json")


@login_required
@require_POST
def calendar_link(request: HttpRequest) -> HttpResponse:
    """Issue a private calendar link of the ticked pillars and show it once."""
    user = signed_in_user(request)
    form = CalendarFeedForm(request.POST)
    if form.is_valid():
        try:
            issued = services.calendar_link_issue(user=user, pillars=form.cleaned_data["pillars"], request=request)
        except ValidationError as error:
            show_errors(form, error)
        else:
            # Post, redirect, get: the link is shown once on the page the browser lands on, so reloading it
            # cannot make a second link.
            request.session[ISSUED_KEY] = {"url": issued.url, "link": issued.link.pk}
            return redirect(reverse("portfolio:overview") + "#calendar-title")
    context = _overview_context(user, selectors.chosen_sections(user), calendar_form=form)
    return render(request, "portfolio/overview.html", context, status=422)


@login_required
@require_POST
def calendar_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw one of your combined calendar links."""
    services.calendar_link_revoke(user=signed_in_user(request), link_id=pk, request=request)
    messages.success(request, "The calendar link is withdrawn: calendar apps holding it get nothing more.")
    return redirect("portfolio:overview")


@public_page_limit("portfolio-calendar", factor=10)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The chosen pillars' dated things as iCalendar, for whoever holds the private link."""
    try:
        link = links.link_consume(token=token, purpose=CALENDAR.name, request=request)
    except links.LinkError as error:
        return HttpResponse(str(error), status=404 if error.reason == "invalid" else 410, content_type="text/plain")
    if not link.owner.is_active:
        return HttpResponse("This calendar is no longer available.", status=410, content_type="text/plain")
    try:
        pillars = parse_pillars(link.subject)
    except FeedChoiceError:  # a link of this purpose made without a choice (not by MedPath's own service)
        return HttpResponse("This calendar link holds no choice of calendars.", status=404, content_type="text/plain")
    host = urlsplit(settings.MEDPATH_BASE_URL).hostname or "medpath"
    body = combined_calendar(link.owner, pillars, host=host, generated_at=timezone.now())
    return download(body, "text/calendar; charset=utf-8", "medpath.ics", inline=True)


# Publications and awards: a list, a form to add or change one, and deleting one.


@dataclass(frozen=True)
class RecordPages:
    """What the form and delete pages of one simple kind of record need."""

    model: type[Publication] | type[Award]
    form: type[forms.Form]
    fields: tuple[str, ...]
    save: Callable[..., Publication | Award]
    delete: Callable[..., None]
    thing: str  # "publication"
    list_url: str
    delete_url: str

    @property
    def noun(self) -> str:
        """The thing with its article: "an award"."""
        return f"{'an' if self.thing[0] in 'aeiou' else 'a'} {self.thing}"


PUBLICATIONS = RecordPages(
    Publication,
    PublicationForm,
    ("kind", "title", "authors", "venue", "year", "published_on", "doi", "url", "abstract"),
    services.publication_save,
    services.publication_delete,
    "publication",
    "portfolio:publications",
    "portfolio:publication_delete",
)
AWARDS = RecordPages(
    Award,
    AwardForm,
    ("title", "awarder", "awarded_on", "summary"),
    services.award_save,
    services.award_delete,
    "award",
    "portfolio:awards",
    "portfolio:award_delete",
)


def _record_form(request: HttpRequest, pages: RecordPages, pk: int | None) -> HttpResponse:
    user = signed_in_user(request)
    row = get_owned(pages.model, user, pk=pk) if pk is not None else None
    initial = {name: getattr(row, name) for name in pages.fields} if row else {}
    form = pages.form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = pages.save(user=user, pk=pk, **form.cleaned_data | {"privacy_confirmed": True})
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, f"“{saved.title}” saved.")
            return redirect(pages.list_url)
    return render(request, "portfolio/record_form.html", {"form": form, "row": row, "pages": pages})


def _record_delete(request: HttpRequest, pages: RecordPages, pk: int) -> HttpResponse:
    pages.delete(user=signed_in_user(request), pk=pk)
    messages.success(request, f"{pages.thing.capitalize()} deleted.")
    return redirect(pages.list_url)


@login_required
def publication_list(request: HttpRequest) -> HttpResponse:
    """Your publications, abstracts, posters and talks."""
    return render(request, "portfolio/publication_list.html", {"rows": selectors.publications(signed_in_user(request))})


@login_required
@require_http_methods(["GET", "POST"])
def publication_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add a publication, or change one."""
    return _record_form(request, PUBLICATIONS, pk)


@login_required
@require_POST
def publication_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a publication."""
    return _record_delete(request, PUBLICATIONS, pk)


@login_required
def award_list(request: HttpRequest) -> HttpResponse:
    """Your awards and honours."""
    return render(request, "portfolio/award_list.html", {"rows": selectors.awards(signed_in_user(request))})


@login_required
@require_http_methods(["GET", "POST"])
def award_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Add an award, or change one."""
    return _record_form(request, AWARDS, pk)


@login_required
@require_POST
def award_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an award."""
    return _record_delete(request, AWARDS, pk)


urlpatterns = [
    path("portfolio/", overview, name="overview"),
    path("portfolio/cv/", cv_submit, name="cv_submit"),
    path("portfolio/practitioner.json", fhir_download, name="fhir"),
    path("portfolio/calendar-link/", calendar_link, name="calendar_link"),
    path("portfolio/calendar-link/<int:pk>/revoke/", calendar_revoke, name="calendar_revoke"),
    path("portfolio/calendar/<str:token>.ics", calendar_feed, name="calendar_feed"),
    path("portfolio/publications/", publication_list, name="publications"),
    path("portfolio/publications/new/", publication_form, name="publication_new"),
    path("portfolio/publications/<int:pk>/edit/", publication_form, name="publication_edit"),
    path("portfolio/publications/<int:pk>/delete/", publication_delete, name="publication_delete"),
    path("portfolio/awards/", award_list, name="awards"),
    path("portfolio/awards/new/", award_form, name="award_new"),
    path("portfolio/awards/<int:pk>/edit/", award_form, name="award_edit"),
    path("portfolio/awards/<int:pk>/delete/", award_delete, name="award_delete"),
]
