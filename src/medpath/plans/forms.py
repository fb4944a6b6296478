"""Forms of the Education pillar."""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django import forms

from medpath.catalog.loader import Catalog
from medpath.catalog.schema import (
    ALLOWANCE_KINDS,
    CAREER_FAMILIES,
    EDUCATION_LEVELS,
    STAGE_KIND_LABELS,
    STAGE_KINDS,
    Career,
)
from medpath.plans.assumptions import DEFAULT_PART_TIME_FACTOR

FAMILY_LABELS = {
    "physician": "Physicians",
    "nursing": "Nursing",
    "advanced-practice": "Advanced practice",
    "pharmacy": "Pharmacy",
    "therapy": "Therapy and rehabilitation",
    "imaging": "Imaging",
    "laboratory": "Laboratory",
    "emergency": "Emergency medical services",
    "dental": "Dental",
    "allied": "Allied health",
    "other": "Other",
}
FAMILIES = [(family, FAMILY_LABELS.get(family, family)) for family in CAREER_FAMILIES]


class ExploreForm(forms.Form):
    """Search and filters of the career explorer (all optional)."""

    q = forms.CharField(label="Search", required=False, max_length=100)
    family = forms.ChoiceField(label="Field", required=False, choices=[("", "Any"), *FAMILIES])
    max_years = forms.DecimalField(label="At most this many years of study", required=False, min_value=0, max_value=20)
    min_pay = forms.IntegerField(label="Median pay at least (US$)", required=False, min_value=0, max_value=1_000_000)
    min_growth = forms.DecimalField(label="Projected growth at least (%)", required=False, min_value=-100, max_value=1000)
    education = forms.ChoiceField(
        label="Entry education at most", required=False, choices=[("", "Any"), *((level, level) for level in EDUCATION_LEVELS)]
    )


_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class MonthOrDateField(forms.DateField):
    """A month (2028-05) or a full date; a month means its first day, or its last for an end."""

    def __init__(self, *, month_means: Literal["first", "last"], **kwargs: Any) -> None:
        self.month_means = month_means
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"}, format="%Y-%m"))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        match = _MONTH.match(value.strip()) if isinstance(value, str) else None
        if match is None:
            return super().to_python(value)
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12 or year < 1:
            raise forms.ValidationError("Enter a month as YYYY-MM (e.g. 2028-05) or a full date.", code="invalid")
        return date(year, month, calendar.monthrange(year, month)[1] if self.month_means == "last" else 1)


class StageDatesForm(forms.Form):
    """When the stage under way started, and when the person expects it to end."""

    started_on = MonthOrDateField(
        month_means="first", label="Started", required=False, help_text="Month and year; empty keeps the date you gave."
    )
    ends_on = MonthOrDateField(
        month_means="last",
        label="Expected to end",
        required=False,
        help_text="Month and year (the end of that month is used); empty: its full length.",
    )

    def __init__(self, *args: Any, stored: dict[str, date | None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stored = stored or {}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name, stored in self.stored.items():
            # the page shows a stored full date as its month: sent back unchanged, it keeps its day
            raw = self.data.get(name, "")
            chosen = cleaned.get(name)
            if (
                stored
                and chosen
                and _MONTH.match(str(raw).strip())
                and (chosen.year, chosen.month) == (stored.year, stored.month)
            ):
                cleaned[name] = stored
        return cleaned


class TargetForm(forms.Form):
    """The target career (chosen first), then its route, specialty and where the person stands."""

    career_id = forms.ChoiceField(label="Target career")
    route_id = forms.ChoiceField(label="Route", required=False)
    specialty_id = forms.ChoiceField(label="Specialty", required=False)
    current_stage_id = forms.ChoiceField(
        label="Where you stand today", required=False, help_text="The stage under way now; the stages before it count as done."
    )
    start_date = forms.DateField(
        label="Plan from", required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Leave empty for today."
    )
    current_stage_ends_on = MonthOrDateField(
        month_means="last",
        label="The stage under way should end in",
        required=False,
        help_text="Month and year; leave empty to assume its full length from the date above.",
    )
    part_time = forms.BooleanField(label="I study part-time", required=False)
    part_time_factor = forms.DecimalField(
        label="Part-time stretch (your setting)",
        min_value=Decimal("1.0"),
        max_value=Decimal("4.0"),
        decimal_places=2,
        initial=Decimal(str(DEFAULT_PART_TIME_FACTOR)),
        help_text="How much longer study takes part-time, e.g. 1.5 = half as long again. Your estimate, not a catalog fact.",
    )
    gap_after_stage_id = forms.ChoiceField(label="Take a gap after", required=False)
    gap_months = forms.IntegerField(label="Gap length (months)", required=False, min_value=0, max_value=60, initial=0)

    def __init__(self, *args: Any, catalog: Catalog, career: Career | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        careers = sorted(catalog.careers.values(), key=lambda c: c.name.lower())
        # No career is chosen for the person: the list opens on "Choose a career", not on its first entry.
        self._choices(
            "career_id", [("", "Choose a career"), *((c.id, c.name + (" (yours)" if c.custom else "")) for c in careers)]
        )
        stages = [("", "—")]
        if career is not None:
            self._choices("route_id", [(r.id, r.name) for r in career.routes])
            self._choices("specialty_id", [("", "—"), *((s.id, s.name) for s in career.specialties)])
            stages += [(s.id, s.name) for s in career.stages]
        self._choices("current_stage_id", [("", "Not started yet"), *stages[1:]])
        self._choices("gap_after_stage_id", stages)

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class MilestoneForm(forms.Form):
    """Mark a stage done today or on another date, book it, or reopen it."""

    action = forms.ChoiceField(
        choices=[("done", "Done today"), ("complete", "Done on a date"), ("book", "Booked"), ("reopen", "Reopen")]
    )
    completed_on = forms.DateField(label="Done on", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    booked_for = forms.DateField(label="Booked for", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "complete" and not cleaned.get("completed_on"):
            self.add_error("completed_on", "Enter the date you completed this stage.")
        if cleaned.get("action") == "book" and not cleaned.get("booked_for"):
            self.add_error("booked_for", "Enter the date it is booked for.")
        return cleaned


class CustomImportForm(forms.Form):
    """Private careers as YAML, pasted or uploaded."""

    document = forms.CharField(
        label="Career YAML",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text="The same format as the catalog (see docs/catalog.md), with a sources: list of your own.",
    )
    upload = forms.FileField(label="…or upload a .yaml file", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        upload = cleaned.get("upload")
        if upload is not None:
            if upload.size > 256 * 1024:
                self.add_error("upload", "The file is larger than 256 KiB.")
                return cleaned
            try:
                cleaned["document"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", "The file is not UTF-8 text.")
        if not cleaned.get("document", "").strip() and not self.errors:
            self.add_error("document", "Paste YAML here or upload a file.")
        return cleaned


STAGE_ROWS = 6


class CustomCareerForm(forms.Form):
    """A private career with one route of up to six stages in order, all citing one source."""

    career_id = forms.SlugField(
        label="Short id", max_length=60, help_text="Lowercase letters, digits and hyphens, e.g. uk-nurse."
    )
    name = forms.CharField(label="Name", max_length=200)
    summary = forms.CharField(label="Summary", max_length=500)
    source_title = forms.CharField(label="Source title", max_length=200, help_text="Where the durations come from.")
    source_url = forms.URLField(label="Source address (URL)", assume_scheme="https")
    source_year = forms.IntegerField(label="Source year", min_value=1990, max_value=2100)
    confidence = forms.ChoiceField(label="Confidence", choices=[("high", "High"), ("medium", "Medium"), ("low", "Low")])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [(kind, STAGE_KIND_LABELS[kind]) for kind in STAGE_KINDS]
        for row in range(1, STAGE_ROWS + 1):
            required = row == 1
            self.fields[f"stage{row}_name"] = forms.CharField(label=f"Stage {row} name", max_length=200, required=required)
            self.fields[f"stage{row}_kind"] = forms.ChoiceField(label=f"Stage {row} kind", choices=kinds, required=required)
            self.fields[f"stage{row}_months"] = forms.DecimalField(
                label=f"Stage {row} typical months", min_value=0, max_value=240, required=False
            )

    def stage_rows(self) -> list[list[forms.BoundField]]:
        """The stage fields grouped per row, for the template."""
        return [[self[f"stage{row}_{part}"] for part in ("name", "kind", "months")] for row in range(1, STAGE_ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in range(1, STAGE_ROWS + 1):
            if cleaned.get(f"stage{row}_name") and cleaned.get(f"stage{row}_months") is None:
                kind = cleaned.get(f"stage{row}_kind", "")
                if kind and kind not in ALLOWANCE_KINDS:  # only exams, licences and certifications may go without
                    self.add_error(f"stage{row}_months", "Give the typical length in months.")
        return cleaned

    def to_document(self) -> dict[str, Any]:
        """The career as a catalog document (the same schema as the shipped catalog)."""
        data = self.cleaned_data
        source_id = f"{data['career_id']}-source"
        stages: list[dict[str, Any]] = []
        previous = ""
        for row in range(1, STAGE_ROWS + 1):
            name = data.get(f"stage{row}_name")
            if not name:
                continue
            stage: dict[str, Any] = {"id": f"stage-{row}", "name": name, "kind": data[f"stage{row}_kind"]}
            months = data.get(f"stage{row}_months")
            if months is not None:
                value = float(months)
                stage["duration"] = {
                    "min": value,
                    "typical": value,
                    "max": value,
                    "source": source_id,
                    "confidence": data["confidence"],
                }
            if previous:
                stage["requires"] = [previous]
            previous = stage["id"]
            stages.append(stage)
        return {
            "sources": [{"id": source_id, "title": data["source_title"], "url": data["source_url"], "year": data["source_year"]}],
            "careers": [
                {
                    "id": data["career_id"],
                    "name": data["name"],
                    "family": "other",
                    "summary": data["summary"],
                    "stages": stages,
                    "routes": [{"id": "main", "name": "Main route", "stages": [s["id"] for s in stages]}],
                }
            ],
        }
