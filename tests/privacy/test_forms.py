"""PrivacyGuardMixin on a plain form: flag, confirm, and unchanged saved text."""

from django import forms

from medpath.privacy.forms import PrivacyGuardMixin


class NoteForm(PrivacyGuardMixin, forms.Form):
    guarded_fields = ("note",)
    note = forms.CharField(required=False)


def test_flagged_text_needs_confirmation() -> None:
    """An identifier blocks saving, with the span quoted at the field; confirming lets it through."""
    flagged = NoteForm(data={"note": "Called his wife Linda at 617-555-0142."})
    confirmed = NoteForm(data={"note": "Called his wife Linda at 617-555-0142.", "privacy_confirmed": "on"})

    assert not flagged.is_valid()
    assert "“Linda”" in flagged.errors["note"][0]
    assert "“617-555-0142”" in flagged.errors["note"][0]
    assert confirmed.is_valid()


def test_clean_text_and_unchanged_saved_text_pass() -> None:
    """Text without identifiers saves; text already saved (the form's initial value) is not asked about again."""
    saved = "Called his wife Linda at 617-555-0142."

    assert NoteForm(data={"note": "Dr. Lee showed me a Foley insertion."}).is_valid()
    assert NoteForm(data={"note": saved}, initial={"note": saved}).is_valid()
    assert not NoteForm(data={"note": saved + " Also Mr. Ortiz."}, initial={"note": saved}).is_valid()
