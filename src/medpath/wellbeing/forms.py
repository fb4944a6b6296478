"""The check-in form: five taps and one number on a phone. Each scale is a row of big buttons (radio inputs
styled as buttons); a value outside its scale gets the field's own message. The note passes the privacy guard."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.privacy.forms import PrivacyGuardMixin
from medpath.wellbeing.models import NOTE_LENGTH
from medpath.wellbeing.services import FUTURE_DAY, SCALE_MESSAGES, SLEEP_MESSAGE

MOOD = [(1, "Very low"), (2, "Low"), (3, "OK"), (4, "Good"), (5, "Very good")]
ENERGY = [(1, "Drained"), (2, "Low"), (3, "OK"), (4, "Good"), (5, "Full")]
STRESS = [(1, "None"), (2, "Mild"), (3, "Some"), (4, "High"), (5, "Extreme")]
SCALE_LABELS: dict[str, dict[int, str]] = {"mood": dict(MOOD), "energy": dict(ENERGY), "stress": dict(STRESS)}


def _scale(name: str, label: str, choices: list[tuple[int, str]], css: str = "tap-row") -> forms.TypedChoiceField:
    message = SCALE_MESSAGES[name]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": css}),
        error_messages={"required": message, "invalid_choice": message},
    )


class CheckInForm(PrivacyGuardMixin, forms.Form):
    """One day's check-in."""

    guarded_fields = ("note",)

    mood = _scale("mood", "Mood", MOOD)
    energy = _scale("energy", "Energy", ENERGY)
    stress = _scale("stress", "Stress", STRESS)
    sleep_hours = forms.DecimalField(
        label="Hours slept last night",
        min_value=Decimal(0),
        max_value=Decimal(24),
        step_size=Decimal("0.5"),
        max_digits=3,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5", "min": "0", "max": "24"}),
        error_messages={
            key: SLEEP_MESSAGE
            for key in (
                "required",
                "invalid",
                "min_value",
                "max_value",
                "step_size",
                "max_digits",
                "max_decimal_places",
                "max_whole_digits",
            )
        },
    )
    burnout = _scale("burnout", "Burnout", [], css="tap-list")
    day = forms.DateField(
        label="Day",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": f"Enter a date: {RANGE_MESSAGE}.", "required": "Enter the day of the check-in."},
        help_text="Today unless you change it; saving again on the same day replaces that day's check-in.",
    )
    note = forms.CharField(
        label="Private note",
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by you alone. Never a patient's details.",
    )

    def __init__(self, *args: Any, question: str, answers: dict[int, str], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        burnout = self.fields["burnout"]
        assert isinstance(burnout, forms.TypedChoiceField)
        burnout.label = question
        burnout.choices = sorted(answers.items())

    def clean_day(self) -> date:
        day: date = self.cleaned_data["day"]
        if day > self.today:
            raise ValidationError(FUTURE_DAY)
        if not year_in_range(day):
            raise ValidationError(f"Enter {RANGE_MESSAGE}.")
        return day
