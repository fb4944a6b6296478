"""Forms of application drafts. The entry form is built for its format (AMCAS: up to four date ranges with hours;
ERAS: one, with frequency and setting); its long texts carry their limit so the page can count them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from medpath.applications.limits import Limits, count_characters, over_message
from medpath.applications.models import MAX_TEXT, ApplicationEntry, Format
from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.catalog.application_schema import ApplicationFormat
from medpath.privacy.forms import PrivacyGuardMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _within_years(value: date) -> None:
    if not year_in_range(value):
        raise ValidationError(f"Enter {RANGE_MESSAGE}.")


class DraftForm(forms.Form):
    """A new draft: which application, which season, a title."""

    format = forms.ChoiceField(label="Application", choices=Format.choices)
    season = forms.IntegerField(
        label="Season",
        min_value=2020,
        max_value=2100,
        help_text="The year the cycle is named for: for AMCAS the year you would start medical school, for ERAS the "
        "year residency would start (e.g. 2027).",
    )
    title = forms.CharField(label="Title", max_length=200, help_text="For you, e.g. AMCAS 2027, first draft.")


class DraftChangeForm(forms.Form):
    """A draft's season and title."""

    season = forms.IntegerField(label="Season", min_value=2020, max_value=2100)
    title = forms.CharField(label="Title", max_length=200)


class PickForm(forms.Form):
    """One record to copy into the draft, as "kind:id"."""

    record = forms.CharField(max_length=40)

    def clean_record(self) -> tuple[str, int | None]:
        kind, _, number = self.cleaned_data["record"].partition(":")
        if kind == "none":
            return kind, None
        if kind not in {"experience", "event", "membership"} or not number.isdigit() or len(number) > 15:
            raise ValidationError("Pick one of your records.")
        return kind, int(number)


def _choices(vocabulary: Any) -> list[tuple[str, str]]:
    return [("", "—")] + [(item.id, item.name) for item in vocabulary.items] if vocabulary else [("", "—")]


class EntryForm(PrivacyGuardMixin, forms.Form):
    """An entry of a draft: the fields its application asks for."""

    guarded_fields = ("title", "organization", "description", "most_meaningful_text")

    def __init__(self, *args: Any, found: ApplicationFormat, limits: Limits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.found, self.limits = found, limits
        amcas = found.id == "amcas"
        fields: dict[str, forms.Field] = {
            "type_id": forms.ChoiceField(label="Experience type", choices=[(i.id, i.name) for i in found.experience_types.items]),
            "title": forms.CharField(label="Experience name" if amcas else "Position title", max_length=300),
            "organization": forms.CharField(label="Organization", max_length=200, required=False),
            "location": forms.CharField(
                label="Location", max_length=200, required=False, help_text="City, state or province, country."
            ),
        }
        for number in range(1, limits.max_date_ranges + 1):
            suffix = f" ({number})" if limits.max_date_ranges > 1 else ""
            fields[f"start_{number}"] = forms.DateField(
                label=f"Start{suffix}", required=False, widget=DATE, validators=[_within_years]
            )
            fields[f"end_{number}"] = forms.DateField(
                label=f"End{suffix}", required=False, widget=DATE, validators=[_within_years]
            )
            fields[f"hours_{number}"] = forms.IntegerField(
                label=f"Completed hours{suffix}" if amcas else "Hours (kept in MedPath, not exported)",
                required=False,
                min_value=0,
                max_value=20_000,
            )
        if found.frequencies:
            fields["frequency"] = forms.ChoiceField(label="Frequency", choices=_choices(found.frequencies), required=False)
        if found.settings:
            fields["setting"] = forms.CharField(
                label="Setting", max_length=60, required=False, help_text="E.g. rural, suburban or urban."
            )
        if found.focus_areas:
            fields["focus_area"] = forms.CharField(label="Primary focus area", max_length=100, required=False)
        if found.key_characteristics:
            fields["key_characteristic"] = forms.CharField(label="Key characteristic", max_length=100, required=False)
        fields["description"] = forms.CharField(
            label="Description",
            max_length=MAX_TEXT,
            required=False,
            widget=forms.Textarea(attrs={"rows": 8}),
            help_text="You may save without it; it is needed before the draft can be marked ready.",
        )
        fields["description"].needed_later = True  # type: ignore[attr-defined]
        fields["most_meaningful"] = forms.BooleanField(label="Most meaningful", required=False)
        fields["most_meaningful_text"] = forms.CharField(
            label="Why it was most meaningful" if amcas else "Most meaningful reflection",
            max_length=MAX_TEXT,
            required=False,
            widget=forms.Textarea(attrs={"rows": 8 if amcas else 4}),
            help_text="Needed when the experience is marked most meaningful.",
        )
        fields["most_meaningful_text"].needed_later = True  # type: ignore[attr-defined]
        self.suggestions: list[tuple[str, list[str]]] = []
        for name, vocabulary in (
            ("setting", found.settings),
            ("focus_area", found.focus_areas),
            ("key_characteristic", found.key_characteristics),
        ):
            if vocabulary is not None and name in fields:
                fields[name].widget.attrs["list"] = f"id_{name}_options"
                self.suggestions.append((f"id_{name}_options", [item.name for item in vocabulary.items]))
        confirm = self.fields.pop("privacy_confirmed")
        self.fields.update(fields)
        self.fields["privacy_confirmed"] = confirm
        for name, limit in (("description", limits.description_chars), ("most_meaningful_text", limits.most_meaningful_chars)):
            self.fields[name].widget.attrs.update(
                {
                    "data-limit": str(limit),
                    "data-limit-name": limits.name,
                    "aria-describedby": f"id_{name}_count id_{name}_helptext",
                }
            )

    def counts(self) -> dict[str, tuple[str, str, str]]:
        """Each long text's (used, limit, how far over) as submitted or saved, written as the page shows them."""
        found: dict[str, tuple[str, str, str]] = {}
        for name, limit in (
            ("description", self.limits.description_chars),
            ("most_meaningful_text", self.limits.most_meaningful_chars),
        ):
            text = str(self[name].value() or "")
            used = count_characters(text, line_break=self.limits.line_break)
            found[name] = (f"{used:,}", f"{limit:,}", over_message(used - limit, limit, self.limits.name) if used > limit else "")
        return found

    def ranges(self) -> list[dict[str, Any]]:
        """The date ranges as the service takes them."""
        data = self.cleaned_data
        return [
            {"start": data.get(f"start_{n}"), "end": data.get(f"end_{n}"), "hours": data.get(f"hours_{n}")}
            for n in range(1, self.limits.max_date_ranges + 1)
        ]

    def service_values(self) -> dict[str, Any]:
        """The cleaned values as ``entry_save`` takes them."""
        data = self.cleaned_data
        names = (
            "type_id",
            "title",
            "organization",
            "location",
            "frequency",
            "setting",
            "focus_area",
            "key_characteristic",
            "description",
            "most_meaningful",
            "most_meaningful_text",
        )
        values = {name: data.get(name) or ("" if name != "most_meaningful" else False) for name in names}
        return values | {"ranges": self.ranges(), "privacy_confirmed": bool(data.get("privacy_confirmed"))}


def entry_initial(entry: ApplicationEntry) -> dict[str, Any]:
    """A saved entry as the form's initial values."""
    initial: dict[str, Any] = {
        name: getattr(entry, name)
        for name in (
            "type_id",
            "title",
            "organization",
            "location",
            "frequency",
            "setting",
            "focus_area",
            "key_characteristic",
            "description",
            "most_meaningful",
            "most_meaningful_text",
        )
    }
    for number, span in enumerate(entry.ranges if isinstance(entry.ranges, list) else [], start=1):
        initial[f"start_{number}"] = span.get("start")
        initial[f"end_{number}"] = span.get("end")
        initial[f"hours_{number}"] = span.get("hours")
    return initial
