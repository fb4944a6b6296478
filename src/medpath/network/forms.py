"""Forms of the network pillar. Free text (notes, how you met) goes through the privacy guard; services check
again and name each field."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.network.followups import MAX_RHYTHM_DAYS, RHYTHM_MESSAGE, normal_tag
from medpath.network.models import Channel, EventKind, EventRole
from medpath.network.selectors import SORTS
from medpath.network.services.memberships import currency_problem
from medpath.network.vcards import MAX_CARDS, MAX_VCARD_BYTES
from medpath.privacy.forms import CONFIRM_FIELD, CONFIRM_LABEL, PrivacyGuardMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def within_years(value: date) -> None:
    """A day a record can hold."""
    if not year_in_range(value):
        raise ValidationError(f"Enter {RANGE_MESSAGE}.")


def _rhythm_field(required: bool) -> forms.IntegerField:
    return forms.IntegerField(
        label="Follow up every (days)",
        required=required,
        min_value=1,
        max_value=MAX_RHYTHM_DAYS,
        error_messages={"min_value": RHYTHM_MESSAGE, "max_value": RHYTHM_MESSAGE},
        help_text="42 is every six weeks, 182 every six months."
        + ("" if required else " Empty: the shortest rhythm of its tags' rules, or none."),
    )


class ContactForm(PrivacyGuardMixin, forms.Form):
    """A contact or mentor."""

    guarded_fields = ("how_met", "notes")

    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Give the person's name."})
    role = forms.CharField(
        label="Role", max_length=200, required=False, help_text="Attending surgeon, charge nurse, program director."
    )
    organization = forms.CharField(label="Organization", max_length=200, required=False)
    how_met = forms.CharField(label="How you met", max_length=300, required=False)
    email = forms.EmailField(label="E-mail", max_length=254, required=False)
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    tags = forms.CharField(
        label="Tags", max_length=600, required=False, help_text="Separated by commas: mentor, former attending."
    )
    is_mentor = forms.BooleanField(label="A mentor of mine", required=False)
    rhythm_days = _rhythm_field(required=False)
    notes = forms.CharField(
        label="Notes",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What you talk about, what they advised. Never a patient's details.",
    )

    def clean_tags(self) -> list[str]:
        text: str = self.cleaned_data.get("tags") or ""
        return [part for part in (tag.strip() for tag in text.split(",")) if part]


MAX_QUIET_DAYS = 36_500
QUIET_MESSAGE = f"Give a number of days from 0 to {MAX_QUIET_DAYS:,}, or leave it empty."


class ContactFilterForm(forms.Form):
    """Filters and order of the contact list (the API's names: ``quiet_days`` too)."""

    tag = forms.CharField(label="Tag", required=False, max_length=60, widget=forms.Select)
    mentor = forms.ChoiceField(
        label="Mentors", required=False, choices=[("", "Everyone"), ("yes", "Mentors only"), ("no", "Not mentors")]
    )
    quiet_days = forms.IntegerField(
        label="Not contacted for at least (days)",
        required=False,
        min_value=0,
        max_value=MAX_QUIET_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": QUIET_MESSAGE, "min_value": QUIET_MESSAGE, "max_value": QUIET_MESSAGE},
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=list(SORTS.items()))

    def __init__(self, *args: Any, tags: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        asked = str(self.data.get("tag", ""))[:60]
        # Any tag filters (one nobody has matches no contact); the list offers the person's own.
        widget = self.fields["tag"].widget
        assert isinstance(widget, forms.Select)
        offered = [*tags, asked] if asked and asked not in tags else tags
        widget.choices = [("", "Any tag"), *((tag, tag) for tag in offered)]

    def filters(self) -> dict[str, Any]:
        """The valid filters, for ``selectors.contact_rows``; a field with an error (shown beside it) is left out."""
        cleaned = self.cleaned_data if self.is_bound else {}
        return {
            "tag": normal_tag(cleaned.get("tag") or ""),
            "mentor": {"yes": True, "no": False}.get(cleaned.get("mentor") or ""),
            "quiet_days": cleaned.get("quiet_days"),
            "sort": cleaned.get("sort") or "name",
        }


class RuleForm(forms.Form):
    """A follow-up rhythm for every contact with a tag."""

    tag = forms.CharField(label="Tag", max_length=60, help_text="mentor, former attending, co-resident.")
    rhythm_days = _rhythm_field(required=True)


class InteractionForm(PrivacyGuardMixin, forms.Form):
    """A time the person was in touch with a contact."""

    guarded_fields = ("notes",)

    occurred_on = forms.DateField(label="Date", widget=DATE, validators=[within_years])
    channel = forms.ChoiceField(label="How", choices=Channel.choices, initial=Channel.IN_PERSON)
    notes = forms.CharField(
        label="Notes",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you discussed, what to do next. Never a patient's details.",
    )


class VcardForm(forms.Form):
    """A vCard file to import, or the one read for the preview (``held``, kept on the server for an hour)."""

    file = forms.FileField(
        label="vCard file (.vcf)",
        required=False,
        help_text=f"vCard 3.0 or 4.0, at most {MAX_VCARD_BYTES // (1024 * 1024)} MB and {MAX_CARDS:,} contacts.",
    )
    held = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)
    dry_run = forms.BooleanField(label="Only show what would be added", required=False, initial=True)
    privacy_confirmed = forms.BooleanField(label=CONFIRM_LABEL, required=False, widget=forms.HiddenInput)

    def offer_confirmation(self) -> None:
        """Show the "save as written" box, as the forms guarded by ``PrivacyGuardMixin`` do."""
        self.fields[CONFIRM_FIELD].widget = forms.CheckboxInput()


COUNTED_HELP = (
    "Locked: these credits already count in Continuous learning as an activity of their own. To change them, edit "
    "that activity there, or delete it to un-count this event and count it again with new credits."
)


class EventForm(PrivacyGuardMixin, forms.Form):
    """An event, the people met there, and the credits it gave."""

    guarded_fields = ("title", "presentation_title", "place", "notes")  # a case-report title can hold a patient

    kind = forms.ChoiceField(label="Kind", choices=EventKind.choices)
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Give the event's title."})
    starts_on = forms.DateField(label="Starts", widget=DATE, validators=[within_years])
    ends_on = forms.DateField(
        label="Ends", widget=DATE, validators=[within_years], required=False, help_text="Empty: the same day."
    )
    place = forms.CharField(label="Place", max_length=200, required=False)
    role = forms.ChoiceField(label="Your role", choices=EventRole.choices)
    presentation_title = forms.CharField(
        label="Presentation or poster title", max_length=300, required=False, help_text="Kept for your CV."
    )
    contact_ids = forms.TypedMultipleChoiceField(
        label="People you met or worked with", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    credit_amount = forms.DecimalField(label="Credits it gave", required=False, min_value=0, max_digits=6, decimal_places=2)
    credit_type = forms.ChoiceField(label="Kind of credit", required=False)
    notes = forms.CharField(label="Notes", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(
        self,
        *args: Any,
        contact_choices: list[tuple[int, str]],
        credit_types: list[tuple[str, str]],
        credits_counted: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if credits_counted:  # the service refuses a change too; locked here, the form says why and how
            for name in ("credit_amount", "credit_type"):
                self.fields[name].disabled = True
                self.fields[name].help_text = COUNTED_HELP
        contacts = self.fields["contact_ids"]
        assert isinstance(contacts, forms.TypedMultipleChoiceField)
        if contact_choices:
            contacts.choices = contact_choices
        else:
            del self.fields["contact_ids"]
        kinds = self.fields["credit_type"]
        assert isinstance(kinds, forms.ChoiceField)
        kinds.choices = [("", "—"), *credit_types]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "An event ends on or after the day it starts.")
        return cleaned


class CountCreditsForm(forms.Form):
    """Turn an event's credits into a continuing-learning activity."""

    certificate = forms.FileField(
        label="Certificate (PDF, PNG or JPEG)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )
    # The words of Continuous learning's own form, which its refusal quotes ("Tick “keep it anyway” …").
    keep_outside_cycles = forms.BooleanField(label="Keep it anyway if it falls outside every renewal cycle", required=False)


class MembershipForm(PrivacyGuardMixin, forms.Form):
    """A membership of a professional association."""

    guarded_fields = ("notes",)

    association = forms.CharField(label="Association", max_length=200)
    member_number = forms.CharField(label="Member number", max_length=80, required=False)
    level = forms.CharField(label="Level", max_length=80, required=False, help_text="Student, resident, full member.")
    renews_on = forms.DateField(label="Renews on", widget=DATE, validators=[within_years], required=False)
    dues_amount = forms.DecimalField(label="Dues", required=False, min_value=0, max_digits=9, decimal_places=2)
    dues_currency = forms.CharField(
        label="Currency", max_length=3, required=False, initial="USD", help_text="Its three-letter code: USD, EUR, CAD."
    )
    notes = forms.CharField(label="Notes", max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_dues_currency(self) -> str:
        code: str = (self.cleaned_data.get("dues_currency") or "").strip().upper()
        if code and (problem := currency_problem(code)):
            raise ValidationError(problem)
        return code


class RenewForm(forms.Form):
    """The day a renewed membership runs until."""

    renewed_until = forms.DateField(
        label="Renewed until",
        widget=DATE,
        validators=[within_years],
        error_messages={"required": "Give the day the membership now runs until."},
    )
