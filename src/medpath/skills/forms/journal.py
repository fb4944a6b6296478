"""Forms of goals and reflections. Free text goes through the privacy guard; competencies are ticked from the
framework the goal or reflection is written against; the choices that read the person's records (their feedback
requests, their experience entries) are given by the view."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.catalog.framework_schema import Framework
from medpath.privacy.forms import PrivacyGuardMixin
from medpath.skills.models import GoalStatus
from medpath.skills.services.journal import MAX_COMPETENCIES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
Choices = list[tuple[Any, Any]]


def within_years(value: date) -> None:
    """A day a record can hold."""
    if not year_in_range(value):
        raise ValidationError(f"Enter {RANGE_MESSAGE}.")


def competency_choices(framework: Framework) -> Choices:
    """The framework's competencies as checkbox choices: a competency with subcompetencies becomes a group
    holding itself (as a whole) and its subcompetencies."""
    choices: Choices = []
    for competency in framework.top_level():
        children = framework.children(competency.id)
        if children:
            group = [(competency.id, f"{competency.name} as a whole"), *((child.id, child.name) for child in children)]
            choices.append((competency.name, group))
        else:
            choices.append((competency.id, competency.name))
    return choices


def competency_names(framework: Framework | None) -> dict[str, str]:
    """Competency id -> name, to show what a goal or reflection links to."""
    return {competency.id: competency.name for competency in framework.competencies} if framework else {}


class _CompetencyForm(PrivacyGuardMixin, forms.Form):
    """Competencies ticked from one framework."""

    competency_ids = forms.MultipleChoiceField(
        label="Competencies",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Tick up to {MAX_COMPETENCIES}.",
    )

    def __init__(self, *args: Any, framework: Framework, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["competency_ids"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = competency_choices(framework)
        field.label = f"Competencies ({framework.name})"

    def clean_competency_ids(self) -> list[str]:
        chosen: list[str] = self.cleaned_data.get("competency_ids") or []
        if len(chosen) > MAX_COMPETENCIES:
            raise ValidationError(f"Tick at most {MAX_COMPETENCIES}; a goal or reflection is clearer about a few.")
        return chosen


class GoalForm(_CompetencyForm):
    """A goal: what, by when, and the competencies it works on."""

    guarded_fields = ("title", "detail")

    title = forms.CharField(
        label="Goal",
        max_length=200,
        error_messages={"required": "Say what you will do, specifically: “Ask one nurse for feedback after each night shift”."},
        help_text="Specific and checkable: “Ask one nurse for feedback after each night shift this month”.",
    )
    detail = forms.CharField(
        label="How you will know it is done",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Steps, who can help, what “done” looks like. Never a patient's details.",
    )
    due_on = forms.DateField(
        label="Due",
        widget=DATE,
        validators=[within_years],
        error_messages={"required": "Give a due date; a month is a good start."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=GoalStatus.choices,
        widget=forms.RadioSelect,
        initial=GoalStatus.OPEN,
        help_text="Done goals leave your next actions; dropped goals are kept here but never shared.",
    )
    feedback_request_id = forms.TypedChoiceField(
        label="Set after this feedback",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Links the goal to the feedback it answers.",
    )

    field_order = ["title", "detail", "due_on", "competency_ids", "feedback_request_id", "status"]

    def __init__(self, *args: Any, feedback_choices: Choices, new: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if new:
            del self.fields["status"]  # a new goal is open
        feedback = self.fields["feedback_request_id"]
        assert isinstance(feedback, forms.TypedChoiceField)
        if feedback_choices:
            feedback.choices = [("", "—"), *feedback_choices]
        else:
            del self.fields["feedback_request_id"]


class ReflectionForm(_CompetencyForm):
    """A private journal entry, linked to competencies and, where chosen, to one experience entry."""

    guarded_fields = ("title", "text")

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="A few words you will recognise later.",
        error_messages={"required": "Give the reflection a title."},
    )
    written_on = forms.DateField(label="Date", widget=DATE, validators=[within_years])
    text = forms.CharField(
        label="Reflection",
        max_length=10_000,
        error_messages={"required": "Write the reflection: a few lines are enough."},
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="What happened, what you felt and thought, what you will do next time. Never a patient's name, "
        "dates, record numbers or other details that could identify them.",
    )
    experience_id = forms.TypedChoiceField(
        label="About this experience",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="One of your logged experiences.",
    )

    field_order = ["title", "written_on", "text", "competency_ids", "experience_id"]

    def __init__(self, *args: Any, experience_choices: Choices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        experience = self.fields["experience_id"]
        assert isinstance(experience, forms.TypedChoiceField)
        if experience_choices:
            experience.choices = [("", "—"), *experience_choices]
        else:
            del self.fields["experience_id"]
