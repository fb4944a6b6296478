"""Forms of the learning pillar."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from medpath.accounts.models import User
from medpath.bounds import EARLIEST_YEAR, LATEST_YEAR
from medpath.catalog.loader import catalog
from medpath.formchoices import WordedBlankChoice
from medpath.learning.certificate_reading import Reading
from medpath.learning.models import Credential, CreditAward, LearningActivity
from medpath.learning.services import CREDENTIAL_FIELDS, ActivityInput, normalize_jurisdiction, spec_choices
from medpath.privacy.forms import PrivacyGuardMixin

AWARD_ROWS = 3


def _vocabulary() -> Any:
    vocabulary = catalog().vocabulary
    assert vocabulary is not None
    return vocabulary


class CredentialForm(WordedBlankChoice, PrivacyGuardMixin, forms.ModelForm[Credential]):
    """A licence, certification, card or registration."""

    guarded_fields = ("notes",)

    requirement_set_id = forms.ChoiceField(label="Renewal rules", required=False)
    # Wider than the stored ISO code, and without a length limit of its own: "California" is accepted and
    # stored as US-CA, and anything that is no place gets the same clear message, whatever its length.
    jurisdiction = forms.CharField(label="Jurisdiction", required=False, help_text="US, or a state: US-CA, CA or California.")

    class Meta:
        model = Credential
        fields = list(CREDENTIAL_FIELDS)
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

    def clean_jurisdiction(self) -> str:
        """The ISO code, before the model checks its length (US-CA fits where “California” would not)."""
        return normalize_jurisdiction(self.cleaned_data.get("jurisdiction") or "")


class ActivityForm(PrivacyGuardMixin, forms.Form):
    """A learning activity with up to three kinds of credit, its topics and certificate."""

    guarded_fields = ("title", "notes")

    title = forms.CharField(max_length=300)
    completed_on = forms.DateField(label="Completed on", widget=forms.DateInput(attrs={"type": "date"}), required=False)
    format = forms.ChoiceField()
    provider = forms.CharField(max_length=200, required=False)
    accreditor = forms.CharField(max_length=120, required=False)
    topics = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    certificate = forms.FileField(required=False, help_text="PDF, PNG or JPEG, up to 10 MB. A PDF's text can fill in this form.")
    # A certificate already uploaded by "Read the certificate": kept, so it need not be attached again.
    pending_certificate = forms.IntegerField(required=False, widget=forms.HiddenInput)
    notes = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    keep_outside_cycles = forms.BooleanField(label="Keep it anyway if it falls outside every renewal cycle", required=False)

    def __init__(self, *args: Any, award_rows: int = AWARD_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = max(award_rows, AWARD_ROWS)  # an activity with more awards (from the API) shows them all
        vocabulary = _vocabulary()
        self._choose("format", [(t.id, t.label) for t in vocabulary.formats])
        self._choose("topics", [(t.id, t.label) for t in vocabulary.topics])
        types = [("", "—"), *((t.id, t.label) for t in vocabulary.credit_types)]
        for row in range(1, self.rows + 1):
            self.fields[f"credit_type_{row}"] = forms.ChoiceField(label=f"Credit type {row}", choices=types, required=row == 1)
            self.fields[f"amount_{row}"] = forms.DecimalField(
                label=f"Credits {row}", required=row == 1, max_digits=6, decimal_places=2
            )

    def _choose(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def show_reading(self, reading: Reading) -> None:
        """Prefill what a certificate states, each field saying under it the words it was read from."""
        read_from = "Read from the certificate: “{}”. Check it."
        if reading.title:
            self.initial["title"] = reading.title
            self.fields["title"].help_text = read_from.format(reading.title_evidence)
        if reading.completed_on:
            self.initial["completed_on"] = reading.completed_on
            self.fields["completed_on"].help_text = read_from.format(reading.date_evidence)
        for row, award in enumerate(reading.awards[: self.rows], start=1):
            if award.credit_type:
                self.initial[f"credit_type_{row}"] = award.credit_type
            self.initial[f"amount_{row}"] = award.amount
            self.fields[f"amount_{row}"].help_text = read_from.format(award.evidence)

    def award_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        """The credit fields in pairs, for the template."""
        return [(self[f"credit_type_{row}"], self[f"amount_{row}"]) for row in range(1, self.rows + 1)]

    main_names: tuple[str, ...] = (
        "title",
        "completed_on",
        "format",
        "provider",
        "accreditor",
        "topics",
        "certificate",
        "pending_certificate",
        "notes",
        "privacy_confirmed",
        "keep_outside_cycles",
    )

    def main_fields(self) -> list[forms.BoundField]:
        """Fields other than the credit rows, in order."""
        return [self[name] for name in self.main_names]

    def to_input(self) -> ActivityInput:
        """The checked values as the service's input."""
        data = self.cleaned_data
        awards: list[tuple[str, Decimal]] = []
        for row in range(1, self.rows + 1):
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


class ActivityEditForm(ActivityForm):
    """An activity's values to change: its saved ones to start with; a new file replaces the certificate."""

    remove_certificate = forms.BooleanField(label="Remove the certificate", required=False)
    main_names = (*ActivityForm.main_names[:7], "remove_certificate", *ActivityForm.main_names[7:])

    def __init__(self, *args: Any, activity: LearningActivity, awards: list[CreditAward], **kwargs: Any) -> None:
        initial = {
            "title": activity.title,
            "completed_on": activity.completed_on,
            "format": activity.format,
            "provider": activity.provider,
            "accreditor": activity.accreditor,
            "topics": list(activity.topics or []),
            "notes": activity.notes,
        }
        for row, award in enumerate(awards, start=1):
            initial[f"credit_type_{row}"] = award.credit_type
            initial[f"amount_{row}"] = award.amount
        super().__init__(*args, award_rows=len(awards), initial=initial, **kwargs)
        self.has_certificate = activity.certificate_id is not None
        self.fields["certificate"].label = "Replace the certificate" if self.has_certificate else "Certificate"
        self.fields["certificate"].help_text = "PDF, PNG or JPEG, up to 10 MB." + (
            " Leave empty to keep the one attached." if self.has_certificate else ""
        )
        if not self.has_certificate:
            del self.fields["remove_certificate"]
            self.main_names = tuple(name for name in self.main_names if name != "remove_certificate")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("remove_certificate") and cleaned.get("certificate"):
            self.add_error("remove_certificate", "Either remove the certificate or choose a new file, not both.")
        return cleaned

    def certificate_change(self) -> str:
        """keep, replace or remove, as the service takes it."""
        if self.cleaned_data.get("certificate"):
            return "replace"
        return "remove" if self.cleaned_data.get("remove_certificate") else "keep"


class ActivityFilterForm(forms.Form):
    """Filters of the activity list."""

    q = forms.CharField(label="Search", required=False, max_length=100)
    year = forms.IntegerField(required=False, min_value=EARLIEST_YEAR, max_value=LATEST_YEAR)
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


TOPIC_ROWS = 3


class SimpleSetForm(forms.Form):
    """A board's rules the catalog lacks: a total per cycle and up to three topic minimums, with their source."""

    set_id = forms.SlugField(label="Short id", max_length=60, help_text="e.g. nv-rn-licence")
    name = forms.CharField(label="Name", max_length=200)
    issuer = forms.CharField(label="Board or issuer", max_length=200)
    credential_kind = forms.ChoiceField(
        label="Kind",
        choices=[
            ("licence", "Licence"),
            ("board_certification", "Certification"),
            ("life_support", "Life-support card"),
            ("training", "Mandatory training"),
            ("other", "Other"),
        ],
    )
    unit = forms.ChoiceField(label="Credit type")
    cycle_months = forms.IntegerField(label="Cycle length (months)", min_value=1, max_value=240)
    total = forms.DecimalField(label="Credits required per cycle", min_value=0, max_value=1000, decimal_places=2)
    source_title = forms.CharField(label="Source title", max_length=200, help_text="The board's page these rules come from.")
    source_url = forms.URLField(label="Source address (URL)", assume_scheme="https")
    source_year = forms.IntegerField(label="Source year", min_value=1990, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        vocabulary = _vocabulary()
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ChoiceField)
        unit.choices = [(t.id, t.label) for t in vocabulary.credit_types]
        topics = [("", "—"), *((t.id, t.label) for t in vocabulary.topics)]
        for row in range(1, TOPIC_ROWS + 1):
            self.fields[f"topic_{row}"] = forms.ChoiceField(label=f"Topic minimum {row}", choices=topics, required=False)
            self.fields[f"topic_{row}_hours"] = forms.DecimalField(
                label=f"Credits for topic {row}", required=False, min_value=0, max_value=1000
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for row in range(1, TOPIC_ROWS + 1):
            if cleaned.get(f"topic_{row}") and cleaned.get(f"topic_{row}_hours") is None:
                self.add_error(f"topic_{row}_hours", "Give the credits this topic needs.")
        return cleaned

    def to_yaml(self, today: Any) -> str:
        """The set in the catalog's format, ready for the same checks as an import."""
        import yaml

        data = self.cleaned_data
        source_id = f"{data['set_id']}-source"
        rules: list[dict[str, Any]] = [
            {"id": "total", "label": f"{data['total']:g} credits per cycle", "kind": "total", "amount": float(data["total"])}
        ]
        for row in range(1, TOPIC_ROWS + 1):
            topic = data.get(f"topic_{row}")
            if topic:
                amount = float(data[f"topic_{row}_hours"])
                rules.append(
                    {
                        "id": f"topic-{row}",
                        "label": f"{amount:g} credits in {topic}",
                        "kind": "minimum",
                        "amount": amount,
                        "topics": [topic],
                    }
                )
        document = {
            "sources": [{"id": source_id, "title": data["source_title"], "url": data["source_url"], "year": data["source_year"]}],
            "requirement_sets": [
                {
                    "id": data["set_id"],
                    "name": data["name"],
                    "issuer": data["issuer"],
                    "credential_kind": data["credential_kind"],
                    "unit": data["unit"],
                    "cycle_months": data["cycle_months"],
                    "effective_from": today.isoformat(),
                    "last_verified": today.isoformat(),
                    "source": source_id,
                    "confidence": "medium",
                    "rules": rules,
                }
            ],
        }
        return yaml.safe_dump(document, sort_keys=False)
