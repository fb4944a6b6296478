"""Forms of the learning pillar."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.learning.models import Credential
from medpath.learning.services import ActivityInput, spec_choices

AWARD_ROWS = 3


def _vocabulary() -> Any:
    vocabulary = catalog().vocabulary
    assert vocabulary is not None
    return vocabulary


class CredentialForm(forms.ModelForm[Credential]):
    """A licence, certification, card or registration."""

    requirement_set_id = forms.ChoiceField(label="Renewal rules", required=False)

    class Meta:
        model = Credential
        fields = [
            "kind",
            "name",
            "issuer",
            "number",
            "jurisdiction",
            "multistate",
            "issued_on",
            "expires_on",
            "requirement_set_id",
            "cycle_start",
            "cycle_end",
            "renewal_number",
            "first_licensed_on",
            "prescriber",
            "aprn",
            "direct_patient_care",
            "nationally_certified",
            "in_fellowship",
            "notes",
        ]
        widgets = {
            name: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for name in ("issued_on", "expires_on", "cycle_start", "cycle_end", "first_licensed_on")
        }
        help_texts = {
            "cycle_start": "Leave empty: the cycle is counted back from the expiry by the rules' cycle length.",
            "cycle_end": "Leave empty when the renewal deadline is the expiry date.",
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["requirement_set_id"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "None (just track the expiry)"), *spec_choices(user)]


class ActivityForm(forms.Form):
    """A learning activity with up to three kinds of credit, its topics and certificate."""

    title = forms.CharField(max_length=300)
    completed_on = forms.DateField(label="Completed on", widget=forms.DateInput(attrs={"type": "date"}), required=False)
    format = forms.ChoiceField()
    provider = forms.CharField(max_length=200, required=False)
    accreditor = forms.CharField(max_length=120, required=False)
    topics = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    certificate = forms.FileField(required=False, help_text="PDF, PNG or JPEG, up to 10 MB. A PDF's text can fill in this form.")
    notes = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    keep_outside_cycles = forms.BooleanField(label="Keep it anyway if it falls outside every renewal cycle", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vocabulary = _vocabulary()
        self._choose("format", [(t.id, t.label) for t in vocabulary.formats])
        self._choose("topics", [(t.id, t.label) for t in vocabulary.topics])
        types = [("", "—"), *((t.id, t.label) for t in vocabulary.credit_types)]
        for row in range(1, AWARD_ROWS + 1):
            self.fields[f"credit_type_{row}"] = forms.ChoiceField(label=f"Credit type {row}", choices=types, required=row == 1)
            self.fields[f"amount_{row}"] = forms.DecimalField(
                label=f"Credits {row}", required=row == 1, max_digits=6, decimal_places=2
            )

    def _choose(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def award_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """The credit fields in pairs, for the template."""
        return [(self[f"credit_type_{row}"], self[f"amount_{row}"]) for row in range(1, AWARD_ROWS + 1)]

    def main_fields(self) -> list[forms.BoundField]:
        """Fields other than the credit rows, in order."""
        return [
            self[name]
            for name in (
                "title",
                "completed_on",
                "format",
                "provider",
                "accreditor",
                "topics",
                "certificate",
                "notes",
                "keep_outside_cycles",
            )
        ]

    def to_input(self) -> ActivityInput:
        """The checked values as the service's input."""
        data = self.cleaned_data
        awards: list[tuple[str, Decimal]] = []
        for row in range(1, AWARD_ROWS + 1):
            if data.get(f"credit_type_{row}") and data.get(f"amount_{row}") is not None:
                awards.append((data[f"credit_type_{row}"], data[f"amount_{row}"]))
        return ActivityInput(
            title=data["title"],
            completed_on=data.get("completed_on"),
            awards=awards,
            topics=list(data.get("topics") or []),
            format=data["format"],
            provider=data.get("provider", ""),
            accreditor=data.get("accreditor", ""),
            notes=data.get("notes", ""),
            keep_outside_cycles=bool(data.get("keep_outside_cycles")),
        )


class ActivityImportForm(forms.Form):
    """A transcript CSV."""

    file = forms.FileField(
        label="CSV file",
        help_text="Columns: title, completed_on, credit_type, amount; optional format, topics, provider, accreditor, "
        "notes, credit_type_2, amount_2.",
    )
    dry_run = forms.BooleanField(label="Check only (save nothing)", required=False)


class ActivityFilterForm(forms.Form):
    """Filters of the activity list."""

    q = forms.CharField(label="Search", required=False, max_length=100)
    year = forms.IntegerField(required=False, min_value=1950, max_value=2100)
    credit_type = forms.ChoiceField(label="Credit type", required=False)
    topic = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vocabulary = _vocabulary()
        credit = self.fields["credit_type"]
        topic = self.fields["topic"]
        assert isinstance(credit, forms.ChoiceField)
        assert isinstance(topic, forms.ChoiceField)
        credit.choices = [("", "Any"), *((t.id, t.label) for t in vocabulary.credit_types)]
        topic.choices = [("", "Any"), *((t.id, t.label) for t in vocabulary.topics)]


class CustomSetForm(forms.Form):
    """A requirement set of your own, in the catalog's YAML format."""

    document = forms.CharField(label="Rules (YAML)", widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}))
