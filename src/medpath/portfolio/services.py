"""Writes of the portfolio: publications and awards, the CV choice (and when a CV was last generated), and the
private link of the combined calendar."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone

from medpath.accounts import links
from medpath.accounts.models import User
from medpath.bounds import EARLIEST_YEAR, LATEST_YEAR, RANGE_MESSAGE, year_in_range
from medpath.portfolio import cv
from medpath.portfolio.calendar import FeedChoiceError, parse_pillars
from medpath.portfolio.links import CALENDAR, CALENDAR_LIFETIME
from medpath.portfolio.models import Award, CvChoice, Publication, PublicationKind
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned
from medpath.usertime import user_today

# A DOI is "10." then a registrant code, "/", and a suffix (the DOI Handbook's syntax); a https://doi.org/ prefix
# is accepted and dropped.
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
CV_FORMATS = ("pdf", "md", "json")


def _limit(problems: dict[str, list[str]], name: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems[name] = [f"At most {limit:,} characters."]


def publication_save(
    *,
    user: User,
    title: str,
    year: int,
    kind: str = PublicationKind.JOURNAL_ARTICLE,
    authors: str = "",
    venue: str = "",
    published_on: date | None = None,
    doi: str = "",
    url: str = "",
    abstract: str = "",
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Publication:
    """Add a publication, or change one of the user's (``pk``)."""
    row = get_owned(Publication, user, pk=pk) if pk is not None else Publication(owner=user)
    title, authors, venue, abstract, url = title.strip(), authors.strip(), venue.strip(), abstract.strip(), url.strip()
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", doi.strip(), flags=re.IGNORECASE)
    problems: dict[str, list[str]] = {}
    if not title:
        problems["title"] = ["Give the title."]
    for name, value, limit in (
        ("title", title, 300),
        ("authors", authors, 1000),
        ("venue", venue, 300),
        ("abstract", abstract, 5000),
    ):
        _limit(problems, name, value, limit)
    if kind not in PublicationKind.values:
        problems["kind"] = [f"Choose one of: {', '.join(PublicationKind.labels).lower()}."]
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        problems["year"] = [f"A year between {EARLIEST_YEAR} and {LATEST_YEAR}."]
    if published_on is not None:
        if not year_in_range(published_on):
            problems["published_on"] = [f"Enter {RANGE_MESSAGE}."]
        elif published_on.year != year:
            problems["published_on"] = [f"This day is in {published_on.year}, not in {year}: change the day or the year."]
    if doi and not DOI.match(doi):
        problems["doi"] = ["A DOI looks like 10.1000/xyz123 (the https://doi.org/ part may be left out)."]
    if len(doi) > 200:
        problems["doi"] = ["At most 200 characters."]
    if problems:
        raise ValidationError(problems)
    changed = {
        name: text
        for name, text in (("title", title), ("authors", authors), ("venue", venue), ("abstract", abstract))
        if text != getattr(row, name)
    }
    guard_texts(changed, confirmed=privacy_confirmed)
    row.kind, row.title, row.authors, row.venue, row.year = kind, title, authors, venue, year
    row.published_on, row.doi, row.url, row.abstract = published_on, doi, url, abstract
    row.full_clean()
    row.save()
    return row


def publication_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's publications."""
    get_owned(Publication, user, pk=pk).delete()


def award_save(
    *,
    user: User,
    title: str,
    awarded_on: date,
    awarder: str = "",
    summary: str = "",
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Award:
    """Add an award, or change one of the user's (``pk``)."""
    row = get_owned(Award, user, pk=pk) if pk is not None else Award(owner=user)
    title, awarder, summary = title.strip(), awarder.strip(), summary.strip()
    problems: dict[str, list[str]] = {}
    if not title:
        problems["title"] = ["Give the award's name."]
    for name, value, limit in (("title", title, 300), ("awarder", awarder, 300), ("summary", summary, 2000)):
        _limit(problems, name, value, limit)
    if not year_in_range(awarded_on):
        problems["awarded_on"] = [f"Enter {RANGE_MESSAGE}."]
    elif awarded_on > user_today(user):
        problems["awarded_on"] = ["This day is still to come: record an award once it is given."]
    if problems:
        raise ValidationError(problems)
    changed = {
        name: text for name, text in (("title", title), ("awarder", awarder), ("summary", summary)) if text != getattr(row, name)
    }
    guard_texts(changed, confirmed=privacy_confirmed)
    row.title, row.awarder, row.awarded_on, row.summary = title, awarder, awarded_on, summary
    row.full_clean()
    row.save()
    return row


def award_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's awards."""
    get_owned(Award, user, pk=pk).delete()


def cv_choice_save(*, user: User, sections: list[str]) -> CvChoice:
    """Save the sections the person chose, in their order (ValidationError naming ``sections`` if unusable)."""
    try:
        chosen = cv.parse_sections(sections)
    except cv.SectionError as error:
        raise ValidationError({"sections": [str(error)]}) from None
    choice: CvChoice
    choice, _ = CvChoice.objects.for_user(user).update_or_create(
        owner=user, defaults={"sections": chosen, "updated_at": timezone.now()}
    )
    return choice


def cv_generated(*, user: User, file_format: str) -> None:
    """Record that a CV file was made now (the Portfolio card says when)."""
    if file_format not in CV_FORMATS:
        raise ValueError(f"unknown CV format {file_format!r}")
    CvChoice.objects.for_user(user).update_or_create(
        owner=user, defaults={"generated_at": timezone.now(), "generated_format": file_format}
    )


def calendar_link_issue(*, user: User, pillars: list[str], request: HttpRequest | None = None) -> links.IssuedLink:
    """A private link to one calendar of the chosen pillars (kept with the link; revocable under Shared links)."""
    try:
        chosen = parse_pillars(pillars)
    except FeedChoiceError as error:
        raise ValidationError({"pillars": [str(error)]}) from None
    return links.link_issue(
        owner=user,
        purpose=CALENDAR.name,
        lifetime=CALENDAR_LIFETIME,
        subject=",".join(chosen),
        label="Calendar app",
        request=request,
    )


def calendar_link_revoke(*, user: User, link_id: int, request: HttpRequest | None = None) -> None:
    """Withdraw one of the user's combined calendar links (404 for any other link)."""
    from django.http import Http404

    from medpath.accounts.models import SignedLink

    if not SignedLink.objects.for_user(user).filter(pk=link_id, purpose=CALENDAR.name).exists():
        raise Http404("No calendar link matches the given query.")
    links.link_revoke(owner=user, link_id=link_id, request=request)
