"""The guard on a form: free-text fields that hold likely patient identifiers are pointed at before saving.

A form lists its free-text fields in ``guarded_fields``. When one holds something
that looks like a patient identifier, the form does not save: the field's error
quotes each span and why, and a checkbox appears to save the text as written
when the user is sure it identifies no patient. Nothing is sent anywhere.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from medpath.privacy.guard import Span, find_identifiers

CONFIRM_FIELD = "privacy_confirmed"
CONFIRM_LABEL = "None of the quoted text identifies a patient: save it as written"
CONFIRM_HINT = "Remove it, or confirm below."


def identifier_message(spans: list[Span], then: str = CONFIRM_HINT) -> str:
    """The error shown next to a field (or in the API's ``fields``) that may identify a patient."""
    listed = "; ".join(f"“{span.text}” ({span.reason})" for span in spans)
    return f"This may identify a patient: {listed}. {then}"


API_THEN = "Remove it, or send privacy_confirmed: true if it identifies no patient."
# For a spreadsheet import, whose page has a tick box and whose command has --privacy-confirmed.
IMPORT_THEN = "Remove it, or confirm that the file names no patient to import it as written."


def guard_texts(texts: dict[str, str], *, confirmed: bool, then: str = API_THEN) -> None:
    """For services and the API: refuse texts holding likely patient identifiers unless the user confirmed them.

    Raises a ValidationError naming each field; the API answers it as 422 with
    ``privacy_confirmed`` to send once the user has checked the text.
    """
    from django.core.exceptions import ValidationError

    if confirmed:
        return
    problems = {
        name: [identifier_message(spans, then)] for name, text in texts.items() if text and (spans := find_identifiers(text))
    }
    if problems:
        problems[CONFIRM_FIELD] = ["Send privacy_confirmed: true to save the text as written."]
        raise ValidationError(problems, code="privacy")


class PrivacyGuardMixin(forms.BaseForm):
    """Mix into a Form or ModelForm (before it) and set ``guarded_fields``."""

    guarded_fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.privacy_spans: dict[str, list[Span]] = {}
        self.fields[CONFIRM_FIELD] = forms.BooleanField(
            label=CONFIRM_LABEL,
            required=False,
            widget=forms.HiddenInput,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.guarded_fields:
            value = cleaned.get(name)
            if self.is_bound and self.initial.get(name) == value:
                continue  # saved before (and confirmed then): editing other fields does not ask again
            if isinstance(value, str) and value.strip():
                spans = find_identifiers(value)
                if spans:
                    self.privacy_spans[name] = spans
        if self.privacy_spans and not cleaned.get(CONFIRM_FIELD):
            self.add_error(None, "Some text may identify a patient: see the quoted parts below each field.")
            for name, spans in self.privacy_spans.items():
                self.add_error(name, identifier_message(spans))
            self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()
        return cleaned
