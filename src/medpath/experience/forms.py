"""Forms of the experience pillar. Free text that could name a patient goes through the privacy guard."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.experience.models import (
    Decision,
    ExperienceEntry,
    ExperienceKind,
    LeaveMode,
    ProcedureEntry,
    ProcedureRole,
    ShiftKind,
    WindowMode,
    WorkHourSettings,
)
from medpath.experience.schedule import LOCAL_OPTIONAL, OPTIONAL, REQUIRED
from medpath.experience.services import DEFAULT_LINK_DAYS, ENTRY_FIELDS, MAX_LINK_DAYS, category_choices, hours_text
from medpath.experience.shifts import MAX_REPEAT, Template, same_time_problem
from medpath.formchoices import WordedBlankChoice
from medpath.privacy.forms import PrivacyGuardMixin
from medpath.wording import day

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def within_years(value: date) -> None:
    """A day a record can hold (9999-12-31 as a template's first day overflowed when the shifts were made)."""
    if not year_in_range(value):
        raise ValidationError(f"Enter {RANGE_MESSAGE}.")


class EntryForm(WordedBlankChoice, PrivacyGuardMixin, forms.ModelForm[ExperienceEntry]):
    """An experience entry."""

    guarded_fields = ("title", "description", "reflection")

    hours = forms.DecimalField(
        required=False, max_digits=7, decimal_places=2, min_value=0.01, help_text="Leave empty when you give the times."
    )
    tags = forms.CharField(required=False, max_length=500, help_text="Comma-separated, e.g. cardiology, spanish")
    confirm_unlock = forms.BooleanField(
        label="Change this verified entry: keep the verified version and ask again", required=False
    )

    class Meta:
        model = ExperienceEntry
        fields = [name for name in ENTRY_FIELDS if name not in {"hours", "tags"}]
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "start_time": TIME,
            "end_time": TIME,
            "description": forms.Textarea(attrs={"rows": 4}),
            "reflection": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "started_on": "Date (first day)",
            "ended_on": "Last day",
            "title": "Role or title",
            "supervisor_name": "Supervisor's name",
            "supervisor_email": "Supervisor's e-mail",
        }
        help_texts = {
            "ended_on": "For a date range (a summer job); then give the total hours.",
            "reflection": "What you learned; for your application essays. Never a patient's details.",
            "description": "What you did. AMCAS allows 700 characters, ERAS 750.",
        }

    field_order = [*ENTRY_FIELDS, "confirm_unlock"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["tags"] = ", ".join(self.instance.tags)
            self.initial["hours"] = self.instance.hours
        if not self.instance.locked:
            del self.fields["confirm_unlock"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, last = cleaned.get("started_on"), cleaned.get("ended_on")
        if first and last and last < first:
            self.add_error("ended_on", "The last day cannot come before the first.")
        if self.instance.locked and self.has_changed() and not cleaned.get("confirm_unlock"):
            self.add_error(
                "confirm_unlock",
                "This entry is verified. Tick the box to change it: the verified version is kept and the verification cleared.",
            )
        return cleaned

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments."""
        return {name: self.cleaned_data.get(name) for name in ENTRY_FIELDS}


class VerificationRequestForm(forms.Form):
    """Whom to ask, and how long the link lasts."""

    supervisor_name = forms.CharField(max_length=200, required=False, label="Supervisor's name")
    supervisor_email = forms.EmailField(label="Supervisor's e-mail")
    days = forms.IntegerField(label="Link valid for (days)", min_value=1, max_value=MAX_LINK_DAYS, initial=DEFAULT_LINK_DAYS)
    send = forms.BooleanField(label="E-mail the link to the supervisor now", required=False, initial=True)
    entry_ids = forms.TypedMultipleChoiceField(coerce=int, widget=forms.CheckboxSelectMultiple, label="Entries")

    def __init__(self, *args: Any, entries: list[ExperienceEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["entry_ids"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            (
                e.pk,
                f"{day(e.started_on)} · {e.title} · {hours_text(e.hours)} h"
                + (f" · {e.supervisor_name}" if e.supervisor_name else ""),
            )
            for e in entries
        ]


class AnswerForm(forms.Form):
    """The supervisor's answers: one decision and comment per entry waiting."""

    name = forms.CharField(max_length=200, label="Your name")

    def __init__(self, *args: Any, item_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_ids = item_ids
        for pk in item_ids:
            self.fields[f"decision_{pk}"] = forms.ChoiceField(
                label="Your answer",
                choices=[(Decision.CONFIRMED, "Confirm"), (Decision.DECLINED, "Decline")],
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"comment_{pk}"] = forms.CharField(
                label="Comment", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def answers(self) -> dict[int, tuple[str, str]]:
        """Item id -> (decision, comment)."""
        return {
            pk: (self.cleaned_data.get(f"decision_{pk}") or "", self.cleaned_data.get(f"comment_{pk}") or "")
            for pk in self.item_ids
        }


class OwnTargetForm(forms.Form):
    """A target of the user's own."""

    label = forms.CharField(max_length=200, label="Name")
    kinds = forms.MultipleChoiceField(choices=ExperienceKind.choices, widget=forms.CheckboxSelectMultiple, label="Counts")
    hours = forms.DecimalField(min_value=0.5, max_value=20000, max_digits=7, decimal_places=1)
    due_on = forms.DateField(required=False, widget=DATE, label="By", validators=[within_years])
    verified_only = forms.BooleanField(required=False, label="Count verified hours only")


class ProcedureForm(WordedBlankChoice, PrivacyGuardMixin, forms.ModelForm[ProcedureEntry]):
    """One procedure or case."""

    guarded_fields = ("procedure", "notes")

    category = forms.ChoiceField(required=False, help_text="A defined category counts toward the case minimums.")

    class Meta:
        model = ProcedureEntry
        fields = ["procedure", "category", "performed_on", "setting", "role", "supervision", "chief_year", "notes"]
        widgets = {"performed_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"procedure": "e.g. Laparoscopic cholecystectomy. Never a patient's name or record number."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "None"), *category_choices()]


class ProcedureTargetForm(forms.Form):
    """The user's own count to reach."""

    label = forms.CharField(max_length=200, label="Name")
    procedure = forms.CharField(max_length=200, required=False, help_text="Counts cases with exactly this name")
    category = forms.ChoiceField(required=False, help_text="Or: counts cases in this category and its children")
    roles = forms.MultipleChoiceField(
        choices=ProcedureRole.choices, widget=forms.CheckboxSelectMultiple, initial=[ProcedureRole.PERFORMED]
    )
    minimum = forms.IntegerField(min_value=1, max_value=10000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *category_choices()]


class TemplateShiftsForm(forms.Form):
    """Shifts from a template: "Night 19:00-07:00 × 7 from Monday"."""

    template = forms.ChoiceField(label="Shift")
    first_day = forms.DateField(widget=DATE, label="First day", validators=[within_years])
    repeat = forms.IntegerField(min_value=1, max_value=MAX_REPEAT, initial=1, label="How many")
    every = forms.IntegerField(min_value=1, max_value=14, initial=1, label="Days apart", help_text="1 for consecutive days")
    rotation = forms.CharField(max_length=80, required=False, help_text="e.g. MICU; used when averaging by rotation")

    def __init__(self, *args: Any, templates: list[Template], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.templates = templates
        field = self.fields["template"]
        assert isinstance(field, forms.ChoiceField)
        # Chosen by name, not position: a template saved in another tab cannot shift the choice.
        field.choices = list(dict.fromkeys((template.name, template.label) for template in templates))

    def chosen(self) -> Template:
        return next(template for template in self.templates if template.name == self.cleaned_data["template"])


class CustomShiftForm(forms.Form):
    """One shift with its own times, optionally saved as a template."""

    day = forms.DateField(widget=DATE, label="Day", validators=[within_years])
    start_time = forms.TimeField(widget=TIME, label="Starts")
    end_time = forms.TimeField(widget=TIME, label="Ends", help_text="Before the start: the next day")
    full_day = forms.BooleanField(required=False, label="Lasts 24 hours, until the same time next day")
    kind = forms.ChoiceField(choices=ShiftKind.choices)
    repeat = forms.IntegerField(min_value=1, max_value=MAX_REPEAT, initial=1, label="How many days in a row")
    rotation = forms.CharField(max_length=80, required=False)
    save_as = forms.CharField(max_length=80, required=False, label="Save as a template named")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start is not None and end is not None:
            if start == end and not cleaned.get("full_day"):
                self.add_error("end_time", same_time_problem(start))
            elif start != end and cleaned.get("full_day"):
                self.add_error(
                    "full_day", f"A shift of 24 hours ends at the time it starts ({start:%H:%M}): change the end, or untick."
                )
        return cleaned


class WorkHourSettingsForm(forms.ModelForm[WorkHourSettings]):
    """How the schedule is checked."""

    pgy = forms.IntegerField(label="PGY (postgraduate year)", min_value=1, max_value=12, required=False)

    class Meta:
        model = WorkHourSettings
        fields = ["pgy", "window", "leave", "continuity_gap_hours"]
        labels = {"continuity_gap_hours": "Gap that still counts as continuous (hours)", "pgy": "PGY (postgraduate year)"}
        widgets = {"window": forms.RadioSelect(choices=WindowMode.choices), "leave": forms.RadioSelect(choices=LeaveMode.choices)}


class ScheduleImportForm(forms.Form):
    """A schedule CSV and, when its columns have other names, the mapping to ours."""

    file = forms.FileField(
        help_text="CSV (UTF-8) or Excel .xlsx (the first sheet), up to 5 MB: resident,start,end,kind and optional pgy,rotation"
    )
    resident = forms.CharField(max_length=200, required=False, help_text="When the file lists several residents: which is you")
    dry_run = forms.BooleanField(
        required=False, label="Check only (save nothing)", help_text="Lists the shifts the file would add."
    )
    local_times = forms.BooleanField(
        required=False,
        label="Times without a UTC offset are in my time zone",
        help_text=(
            "Then a date column (YYYY-MM-DD) may hold the day, start and end the times (7:00); "
            "an end before the start is next day; for a 24-hour shift give the end with its date."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for column in (*REQUIRED, *OPTIONAL, *LOCAL_OPTIONAL):
            self.fields[f"column_{column}"] = forms.CharField(
                max_length=80, required=False, label=f"Your column for “{column}”", help_text="Leave empty if it is named so"
            )

    def mapping(self) -> dict[str, str]:
        """Their column name -> ours."""
        return {
            self.cleaned_data[f"column_{column}"].strip(): column
            for column in (*REQUIRED, *OPTIONAL, *LOCAL_OPTIONAL)
            if self.cleaned_data.get(f"column_{column}", "").strip()
        }
