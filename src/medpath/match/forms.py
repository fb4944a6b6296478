"""Forms of the Match pages: a rank list, a program on it, and an instance to simulate."""

from __future__ import annotations

from django import forms

from medpath.match.models import MAX_NOTES, ApplicantType
from medpath.match.pairing import POLICIES, UNMATCHED
from medpath.privacy.forms import PrivacyGuardMixin


class RankListForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, help_text="For you, e.g. 2027 Main Match.")
    season = forms.IntegerField(
        label="Match year",
        min_value=2000,
        max_value=2100,
        help_text="The year of the Match (residency starts that summer), e.g. 2027.",
    )
    applicant_type = forms.ChoiceField(
        label="You apply as",
        choices=ApplicantType.choices,
        initial=ApplicantType.OTHER,
        help_text="Only used to show the NRMP's match rate for applicants like you.",
    )


class ProgramForm(PrivacyGuardMixin, forms.Form):
    guarded_fields = ("notes",)

    name = forms.CharField(label="Program", max_length=200, help_text="E.g. City General Hospital, Internal Medicine.")
    specialty = forms.CharField(
        label="Specialty",
        max_length=100,
        required=False,
        help_text="Used to count your contiguous ranks in your preferred specialty.",
    )
    city = forms.CharField(label="City", max_length=100, required=False)
    region = forms.CharField(
        label="State or region", max_length=100, required=False, help_text="Used by a couple's distance bands."
    )
    notes = forms.CharField(label="Notes", max_length=MAX_NOTES, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    ranked = forms.BooleanField(
        label="On my rank order list",
        required=False,
        initial=True,
        help_text="Untick to keep a program you interviewed at without ranking it.",
    )


class SimulateForm(forms.Form):
    instance = forms.FileField(
        label="Instance (JSON)",
        help_text="Applicants, programs, capacities and couples in the format of docs/match.md; at most 10 MB here "
        "(larger ones: medpath match run).",
    )
    seed = forms.IntegerField(
        label="Seed",
        min_value=0,
        max_value=2**31 - 1,
        initial=0,
        required=False,
        help_text="The order singles and couples enter in; the same seed gives the same matching.",
    )
    download = forms.BooleanField(label="Download the answer as JSON instead of showing it", required=False)


class InviteForm(forms.Form):
    rank_list = forms.TypedChoiceField(label="The list you share", coerce=int)

    def __init__(self, *args: object, lists: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["rank_list"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = lists
        field.help_text = "Your partner sees its ranked programs (name, specialty, city, region), never your notes."


class CoupleSettingsForm(InviteForm):
    policy = forms.ChoiceField(label="How pairs are ordered", choices=list(POLICIES.items()))
    unmatched = forms.ChoiceField(label="Where one partner goes unmatched", choices=list(UNMATCHED.items()))


class PairForm(forms.Form):
    first = forms.TypedChoiceField(label="First partner's program", coerce=int)
    second = forms.TypedChoiceField(label="Second partner's program", coerce=int)

    def __init__(self, *args: object, first: list[tuple[int, str]], second: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, options in (("first", first), ("second", second)):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = [*options, (0, "Unmatched (No Match)")]
