"""Forms of multi-source feedback: the request (colleagues and their roles) and a rater's answer."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms

from medpath.catalog.framework_schema import FeedbackInstrument
from medpath.privacy.forms import PrivacyGuardMixin
from medpath.skills.models import RaterRole
from medpath.skills.services.feedback import MAX_COMMENT, MAX_OPEN_DAYS, RaterIn

RATER_ROWS = 10
MORE_RATER_ROWS = 30
CANNOT_ASSESS = "0"


class FeedbackRequestForm(forms.Form):
    """A name for the request, its last day, and up to ten (or thirty) colleagues with their roles."""

    title = forms.CharField(
        max_length=120,
        label="Name of the request",
        help_text="For you alone, e.g. “Medicine wards, autumn”. Colleagues see your name, not this.",
    )
    closes_on = forms.DateField(
        label="Last day for answers",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=f"Up to {MAX_OPEN_DAYS} days from today. Results appear after this day, if enough colleagues answered.",
    )

    def __init__(self, *args: Any, rows: int = RATER_ROWS, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.fields["closes_on"].widget.attrs.update(
            {"min": (today + timedelta(days=1)).isoformat(), "max": (today + timedelta(days=MAX_OPEN_DAYS)).isoformat()}
        )
        for number in range(1, rows + 1):
            self.fields[f"email_{number}"] = forms.EmailField(
                required=False, label=f"Colleague {number}: e-mail", widget=forms.EmailInput(attrs={"autocomplete": "off"})
            )
            self.fields[f"role_{number}"] = forms.ChoiceField(
                required=False, label=f"Colleague {number}: role", choices=[("", "Choose a role"), *RaterRole.choices]
            )

    def rater_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """Each row's e-mail and role fields, for the template."""
        return [(self[f"email_{n}"], self[f"role_{n}"]) for n in range(1, self.rows + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for number in range(1, self.rows + 1):
            email, role = cleaned.get(f"email_{number}"), cleaned.get(f"role_{number}")
            if email and not role:
                self.add_error(f"role_{number}", "Choose this colleague's role.")
            if role and not email and f"email_{number}" not in self.errors:
                self.add_error(f"email_{number}", "Give this colleague's e-mail address, or clear the role.")
        return cleaned

    def raters(self) -> list[RaterIn]:
        """The filled rows, in order."""
        data = self.cleaned_data
        return [
            RaterIn(data[f"email_{n}"], data[f"role_{n}"])
            for n in range(1, self.rows + 1)
            if data.get(f"email_{n}") and data.get(f"role_{n}")
        ]


class FeedbackAnswerForm(PrivacyGuardMixin, forms.Form):
    """One rater's answer: every statement scored 1-5 or "cannot assess", and optional comments."""

    # An instrument has one to three comment prompts (catalog schema); the guard skips the names it lacks.
    guarded_fields = ("comment_0", "comment_1", "comment_2")

    def __init__(self, *args: Any, instrument: FeedbackInstrument, **kwargs: Any) -> None:
        self.instrument = instrument
        super().__init__(*args, **kwargs)
        scale = [(str(point), f"{point} – {label}") for point, label in sorted(instrument.scale.items())]
        for item in instrument.items:
            self.fields[f"item_{item.id}"] = forms.ChoiceField(
                label=item.text,
                choices=[*scale, (CANNOT_ASSESS, "Cannot assess: I have not seen this")],
                widget=forms.RadioSelect,
                error_messages={"required": "Choose a point on the scale, or “cannot assess”."},
            )
        for number, prompt in enumerate(instrument.comment_prompts):
            self.fields[f"comment_{number}"] = forms.CharField(
                label=prompt,
                required=False,
                max_length=MAX_COMMENT,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Shown to them word for word, mixed with others' comments. Leave out anything that "
                "would tell them who wrote it, and never name a patient.",
            )
        self.comment_fields = [f"comment_{n}" for n in range(len(instrument.comment_prompts))]
        # The privacy checkbox is added by the mixin; keep it after the comments.
        self.order_fields([*(f"item_{item.id}" for item in instrument.items), *self.comment_fields])

    def scores(self) -> dict[str, int | None]:
        """Statement id -> 0 (cannot assess) or 1-5."""
        return {item.id: int(self.cleaned_data[f"item_{item.id}"]) for item in self.instrument.items}

    def comments(self) -> list[str]:
        """The comments, one per prompt (empty when left blank)."""
        return [self.cleaned_data.get(name, "") for name in self.comment_fields]
