"""Forms of the portfolio. Free text (titles, authors, abstracts, summaries) goes through the privacy guard; the
services check again and name each field."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from medpath.bounds import EARLIEST_YEAR, LATEST_YEAR, RANGE_MESSAGE, year_in_range
from medpath.portfolio.calendar import FEED_PILLARS
from medpath.portfolio.models import PublicationKind
from medpath.privacy.forms import PrivacyGuardMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def within_years(value: date) -> None:
    """A day a record can hold."""
    if not year_in_range(value):
        raise ValidationError(f"Enter {RANGE_MESSAGE}.")


class PublicationForm(PrivacyGuardMixin, forms.Form):
    """A publication, abstract, poster or talk."""

    guarded_fields = ("title", "authors", "venue", "abstract")

    kind = forms.ChoiceField(label="Kind", choices=PublicationKind.choices, initial=PublicationKind.JOURNAL_ARTICLE)
    title = forms.CharField(label="Title", max_length=300)
    authors = forms.CharField(label="Authors", max_length=1000, required=False, help_text="As cited, e.g. Rivera A, Park E.")
    venue = forms.CharField(label="Journal, book or meeting", max_length=300, required=False)
    year = forms.IntegerField(label="Year", min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)
    published_on = forms.DateField(label="Day", widget=DATE, validators=[within_years], required=False, help_text="When known.")
    doi = forms.CharField(label="DOI", max_length=200, required=False, help_text="For example 10.1000/xyz123.")
    url = forms.URLField(label="Web address", max_length=500, required=False, assume_scheme="https")
    abstract = forms.CharField(label="Abstract", max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 4}))


class AwardForm(PrivacyGuardMixin, forms.Form):
    """An award, honour or scholarship."""

    guarded_fields = ("title", "awarder", "summary")

    title = forms.CharField(label="Award", max_length=300)
    awarder = forms.CharField(label="Given by", max_length=300, required=False)
    awarded_on = forms.DateField(label="Awarded on", widget=DATE, validators=[within_years])
    summary = forms.CharField(label="Summary", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CalendarFeedForm(forms.Form):
    """The parts of MedPath one calendar link shows."""

    pillars = forms.MultipleChoiceField(
        label="Show in the calendar",
        choices=list(FEED_PILLARS.items()),
        widget=forms.CheckboxSelectMultiple,
        initial=list(FEED_PILLARS),
        error_messages={"required": "Choose at least one part of MedPath for the calendar."},
    )
