"""The form to share a snapshot with a mentor: which parts, which reflections, for how long, and for whom."""

from __future__ import annotations

from typing import Any

from django import forms

from medpath.skills.services.sharing import DEFAULT_SECTIONS, DEFAULT_SHARE_DAYS, MAX_SHARE_DAYS

SECTION_CHOICES = [
    ("profile", "Competency profile: your latest self-rating of each competency"),
    ("goals", "Goals: open and done (dropped goals are left out)"),
    ("feedback", "Released feedback results: the averages per statement, never the comments"),
    ("reflections", "Reflections: only the ones you tick below"),
]


class ShareForm(forms.Form):
    """What the mentor's snapshot holds, and how long the link works."""

    mentor_label = forms.CharField(
        label="For",
        max_length=120,
        required=False,
        help_text="Your mentor's name, to recognise the link later (they do not see it).",
    )
    sections = forms.MultipleChoiceField(
        label="What to share",
        choices=SECTION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=list(DEFAULT_SECTIONS),
        help_text="The mentor sees these as they are now; later changes do not reach them. Wellbeing is never shared.",
    )
    reflection_ids = forms.TypedMultipleChoiceField(
        label="Reflections to share",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None is chosen for you.",
    )
    days = forms.IntegerField(
        label="Link valid for (days)",
        min_value=1,
        max_value=MAX_SHARE_DAYS,
        initial=DEFAULT_SHARE_DAYS,
        help_text=f"1 to {MAX_SHARE_DAYS} days; you can withdraw it sooner.",
    )

    def __init__(self, *args: Any, reflection_choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        chosen = self.fields["reflection_ids"]
        assert isinstance(chosen, forms.TypedMultipleChoiceField)
        if reflection_choices:
            chosen.choices = reflection_choices
        else:
            del self.fields["reflection_ids"]
            sections = self.fields["sections"]
            assert isinstance(sections, forms.MultipleChoiceField)
            sections.choices = [choice for choice in SECTION_CHOICES if choice[0] != "reflections"]
