"""Forms for frameworks and self-assessment: choosing a framework, rating oneself, one's own level descriptors."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Any

from django import forms

from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.catalog.framework_schema import Framework, self_rating_levels
from medpath.catalog.loader import catalog
from medpath.privacy.forms import PrivacyGuardMixin
from medpath.skills.services.assessment import MAX_DESCRIPTOR, rateable

NOT_RATED = ""
DESCRIPTOR_FORMATS = {".csv": "csv", ".yaml": "yaml", ".yml": "yaml"}


def rating_field_name(competency_id: str) -> str:
    """The form field of one competency's rating (the name the service's errors use)."""
    return f"rating_{competency_id}"


def level_choices(framework: Framework) -> list[tuple[str, str]]:
    """The framework's levels 1-5 with their labels."""
    return [(str(number), f"{number}: {label}") for number, label in self_rating_levels(framework).items()]


class FrameworkChoiceForm(forms.Form):
    """Which framework to work against."""

    framework_id = forms.ChoiceField(label="Framework", widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["framework_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(framework.id, framework.name) for framework in catalog().frameworks.values()]


class SelfAssessmentForm(PrivacyGuardMixin, forms.Form):
    """One level per rateable competency (or "not rated this time"), the day, and a private note."""

    guarded_fields = ("note",)

    assessed_on = forms.DateField(
        label="Date of this self-assessment",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Today, or the day you rated yourself. A second one on the same day replaces the first.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For you: what you based the ratings on. Do not name patients.",
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.framework = framework
        choices = [(NOT_RATED, "Not rated this time"), *level_choices(framework)]
        names = {competency.id: competency.name for competency in framework.competencies}
        for competency_id in rateable(framework):
            self.fields[rating_field_name(competency_id)] = forms.ChoiceField(
                label=names[competency_id], choices=choices, required=False, widget=forms.RadioSelect
            )

    def clean_assessed_on(self) -> date:
        """A day MedPath can hold (the service refuses a day after today)."""
        value: date = self.cleaned_data["assessed_on"]
        if not year_in_range(value):
            raise forms.ValidationError(f"Give {RANGE_MESSAGE}.")
        return value

    def ratings(self) -> dict[str, int | None]:
        """Competency id -> the chosen level, or None where it is not rated this time."""
        found: dict[str, int | None] = {}
        for competency_id in rateable(self.framework):
            value = self.cleaned_data.get(rating_field_name(competency_id)) or NOT_RATED
            found[competency_id] = int(value) if value != NOT_RATED else None
        return found


class DescriptorImportForm(forms.Form):
    """A CSV or YAML file of one's own level descriptors."""

    file = forms.FileField(
        label="Descriptor file",
        help_text="CSV (.csv) or YAML (.yaml or .yml), up to 5 MB. It replaces your descriptors for this framework.",
    )

    def clean_file(self) -> Any:
        """Only .csv, .yaml and .yml: the extension says how to read it."""
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in DESCRIPTOR_FORMATS:
            raise forms.ValidationError("Choose a .csv, .yaml or .yml file.")
        return upload

    def kind(self) -> str:
        """ "csv" or "yaml", from the file's extension."""
        return DESCRIPTOR_FORMATS[PurePath(self.cleaned_data["file"].name).suffix.lower()]


class DescriptorForm(forms.Form):
    """Set one descriptor: a competency, a level and its text (empty text removes it)."""

    competency_id = forms.ChoiceField(label="Competency")
    level = forms.TypedChoiceField(label="Level", coerce=int)
    text = forms.CharField(
        label="What this level looks like",
        required=False,
        max_length=MAX_DESCRIPTOR,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="In your program's words. Leave it empty to remove the descriptor.",
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = {competency.id: competency.name for competency in framework.competencies}
        competency = self.fields["competency_id"]
        level = self.fields["level"]
        assert isinstance(competency, forms.ChoiceField)
        assert isinstance(level, forms.TypedChoiceField)
        competency.choices = [(competency_id, names[competency_id]) for competency_id in rateable(framework)]
        level.choices = level_choices(framework)
