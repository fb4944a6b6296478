"""Contacts, the person's follow-up rules per tag, interactions and vCard import/export. Free text passes the
privacy guard; every check names its field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from medpath.accounts.models import User
from medpath.importing import Preview
from medpath.network.contact_rows import FIELDS as CONTACT_FIELDS
from medpath.network.contact_rows import contact_card as contact_row_card
from medpath.network.followups import normal_tag, rhythm_problem
from medpath.network.models import Channel, Contact, ContactTag, FollowUpRule, Interaction
from medpath.network.vcards import FIELD_LABELS, LIMITS, MAX_TAGS, ContactCard, VcardsRejected, read_vcards
from medpath.privacy.forms import CONFIRM_HINT, guard_texts, identifier_message
from medpath.privacy.guard import find_identifiers
from medpath.rows import RowProblem, RowsRejected
from medpath.scoping import get_owned, one_at_a_time_per_user
from medpath.tabular import Record, read_table
from medpath.usertime import user_today

MAX_INTERACTION_NOTES = 2000
# What to do about text the privacy guard points at, in the words of the API (pages and commands pass their own).
PRIVACY_HINT = "Remove it, or send privacy_confirmed: true if it identifies no patient."


def clean_tags(tags: Sequence[str]) -> list[str]:
    """Tags as stored: normalised, without blanks or repeats, in the order given."""
    return list(dict.fromkeys(tag for tag in (normal_tag(t) for t in tags) if tag))


def _card_problems(card: ContactCard) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not card.name.strip():
        problems["name"] = ["Give the person's name."]
    for name, limit in LIMITS.items():
        if len(getattr(card, name)) > limit:
            problems[name] = [f"At most {limit:,} characters."]
    if card.email:
        try:
            validate_email(card.email)
        except ValidationError:
            problems["email"] = ["Enter an e-mail address such as ana.ruiz@hospital.org."]
    if len(card.tags) > MAX_TAGS:
        problems["tags"] = [f"At most {MAX_TAGS} tags."]
    elif any(len(tag) > 60 for tag in card.tags):
        problems["tags"] = ["A tag is at most 60 characters."]
    if problem := rhythm_problem(card.rhythm_days):
        problems["rhythm_days"] = [problem]
    return problems


def _set_tags(user: User, contact: Contact, tags: list[str]) -> None:
    ContactTag.objects.for_user(user).filter(contact=contact).exclude(name__in=tags).delete()
    have = set(ContactTag.objects.for_user(user).filter(contact=contact).values_list("name", flat=True))
    ContactTag.objects.for_user(user).bulk_create(
        [ContactTag(owner=user, contact=contact, name=tag) for tag in tags if tag not in have]
    )


def contact_save(
    *,
    user: User,
    name: str,
    role: str = "",
    organization: str = "",
    how_met: str = "",
    email: str = "",
    phone: str = "",
    tags: Sequence[str] = (),
    is_mentor: bool = False,
    notes: str = "",
    rhythm_days: int | None = None,
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Contact:
    """Add a contact, or change one of the user's (``pk``)."""
    card = ContactCard(
        name=name.strip(),
        role=role.strip(),
        organization=organization.strip(),
        how_met=how_met.strip(),
        email=email.strip(),
        phone=phone.strip(),
        tags=clean_tags(tags),
        is_mentor=is_mentor,
        notes=notes.strip(),
        rhythm_days=rhythm_days,
    )
    problems = _card_problems(card)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        contact = Contact.objects.for_user(user).select_for_update().filter(pk=pk).first() if pk is not None else None
        if pk is not None and contact is None:
            get_owned(Contact, user, pk=pk)  # 404, as for a missing one
        guarded = {"notes": card.notes, "how_met": card.how_met}
        if contact is not None:
            guarded = {key: value for key, value in guarded.items() if getattr(contact, key) != value}
        guard_texts(guarded, confirmed=privacy_confirmed)
        contact = contact or Contact(owner=user, added_on=user_today(user))
        for attribute in ("name", "role", "organization", "how_met", "email", "phone", "is_mentor", "notes", "rhythm_days"):
            setattr(contact, attribute, getattr(card, attribute))
        contact.full_clean()
        contact.save()
        _set_tags(user, contact, card.tags)
    return contact


def contact_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's contacts with its interactions (events keep happening without it)."""
    get_owned(Contact, user, pk=pk).delete()


def rule_save(*, user: User, tag: str, rhythm_days: int) -> FollowUpRule:
    """Set the rhythm for every contact with ``tag`` (replacing the tag's earlier rule)."""
    tag = normal_tag(tag)
    problems: dict[str, list[str]] = {}
    if not tag:
        problems["tag"] = ["Name the tag, e.g. mentor."]
    elif len(tag) > 60:
        problems["tag"] = ["A tag is at most 60 characters."]
    if problem := rhythm_problem(rhythm_days):
        problems["rhythm_days"] = [problem]
    if problems:
        raise ValidationError(problems)
    rule: FollowUpRule
    rule, _ = FollowUpRule.objects.for_user(user).update_or_create(owner=user, tag=tag, defaults={"rhythm_days": rhythm_days})
    return rule


def rule_delete(*, user: User, pk: int) -> None:
    """Remove one of the user's follow-up rules."""
    get_owned(FollowUpRule, user, pk=pk).delete()


def interaction_save(
    *,
    user: User,
    contact_id: int,
    occurred_on: date,
    channel: str = Channel.IN_PERSON,
    notes: str = "",
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Interaction:
    """Log a time the user was in touch with one of their contacts, or change one such entry (``pk``)."""
    contact = get_owned(Contact, user, pk=contact_id)
    interaction = get_owned(Interaction, user, pk=pk, contact=contact) if pk is not None else None
    notes = notes.strip()
    problems: dict[str, list[str]] = {}
    if channel not in Channel.values:
        problems["channel"] = [f"One of {', '.join(Channel.values)}."]
    if occurred_on > user_today(user):
        problems["occurred_on"] = ["Log an interaction once it happened: today or earlier."]
    if len(notes) > MAX_INTERACTION_NOTES:
        problems["notes"] = [f"At most {MAX_INTERACTION_NOTES:,} characters."]
    if problems:
        raise ValidationError(problems)
    if interaction is None or interaction.notes != notes:
        guard_texts({"notes": notes}, confirmed=privacy_confirmed)
    interaction = interaction or Interaction(owner=user, contact=contact)
    interaction.occurred_on, interaction.channel, interaction.notes = occurred_on, channel, notes
    interaction.full_clean()
    interaction.save()
    return interaction


def interaction_delete(*, user: User, pk: int) -> None:
    """Delete one logged interaction."""
    get_owned(Interaction, user, pk=pk).delete()


@dataclass(frozen=True)
class VcardPreview:
    """What an import adds, and the cards it skips because one of the user's contacts has their name and e-mail."""

    added: list[ContactCard]
    already_there: list[ContactCard]


def _known(user: User) -> Counter[tuple[str, str]]:
    """How many of the user's contacts have each name and e-mail (in lower case)."""
    return Counter((name.lower(), email.lower()) for name, email in Contact.objects.for_user(user).values_list("name", "email"))


@one_at_a_time_per_user  # two imports of one file at once add each contact once
def vcards_import(
    *, user: User, data: bytes, dry_run: bool = False, privacy_confirmed: bool = False, privacy_hint: str = PRIVACY_HINT
) -> VcardPreview:
    """Add the contacts of a vCard file, all or nothing (``VcardsRejected`` lists every bad card with its line).
    A card with the same name and e-mail as one of the user's contacts is skipped, each contact matching one card
    at most; cards of the file are never merged with each other (two people may share a name and have no e-mail
    on record). ``dry_run`` saves nothing. Text the privacy guard points at is a problem ending in ``privacy_hint``
    until ``privacy_confirmed``."""
    return _cards_import(user, read_vcards(data), [], {}, VcardsRejected, dry_run, privacy_confirmed, privacy_hint)


class ContactRowsRejected(RowsRejected):
    """The contacts spreadsheet was refused; nothing was imported."""

    summary = "{count} problem(s) in the contacts file"

    def __init__(self, problems: list[RowProblem], *, to_confirm: int = 0) -> None:
        super().__init__(problems)
        self.to_confirm = to_confirm  # problems that are text the privacy guard pointed at (the person may confirm)


@one_at_a_time_per_user  # two imports of one file at once add each contact once
def contacts_table_import(
    *,
    user: User,
    data: bytes | str,
    filename: str = "",
    mapping: Mapping[str, str] | None = None,
    sheet: str = "",
    dry_run: bool = False,
    privacy_confirmed: bool = False,
) -> Preview:
    """Add the contacts of a CSV or XLSX file, all or nothing, as a vCard import does (the same checks, the same
    skipping of a person already there by name and e-mail); ``ContactRowsRejected`` lists every bad row."""
    table = read_table(data, CONTACT_FIELDS, mapping=mapping, filename=filename, sheet=sheet)
    if not table.records:
        raise ContactRowsRejected([RowProblem(0, "file", f"{table.where} has a header but no contacts")])
    cards: list[ContactCard] = []
    problems: list[RowProblem] = []
    spans: dict[int, Record] = {}
    for record in table.records:
        card, found = contact_row_card(record)
        cards.append(card)
        problems += found
        spans[record.line] = record
    preview = _cards_import(user, cards, problems, spans, ContactRowsRejected, dry_run, privacy_confirmed)
    return Preview(
        [(spans[card.line].lines, _card_words(card)) for card in preview.added],
        [
            (spans[card.line].lines, f"{_card_words(card)}: one of your contacts has this name and e-mail")
            for card in preview.already_there
        ],
        applied=not dry_run,
        where=table.where,
    )


def _card_words(card: ContactCard) -> str:
    return ", ".join(part for part in (card.name, card.email, card.organization) if part)


def _cards_import(
    user: User,
    cards: list[ContactCard],
    problems: list[RowProblem],
    records: Mapping[int, Record],
    rejected: type[VcardsRejected] | type[ContactRowsRejected],
    dry_run: bool,
    privacy_confirmed: bool,
    privacy_hint: str = CONFIRM_HINT,
) -> VcardPreview:
    """Check every card (as ``contact_save`` does), then add the new ones in one transaction, or none. Text the
    privacy guard points at is a problem ending in ``privacy_hint`` (counted in ``to_confirm``) until
    ``privacy_confirmed``."""

    def problem(card: ContactCard, label: str, message: str) -> RowProblem:
        record = records.get(card.line)
        return record.problem(label, message) if record is not None else RowProblem(card.line, label, message)

    reported = {(p.line, p.field) for p in problems}
    to_confirm = 0
    for card in cards:
        card.tags = clean_tags(card.tags)
        for name, messages in _card_problems(card).items():
            label = FIELD_LABELS.get(name, name)
            if (card.line, label) not in reported:
                problems += [problem(card, label, message) for message in messages]
        if not privacy_confirmed:
            for name in ("notes", "how_met"):
                if spans := find_identifiers(getattr(card, name)):
                    problems.append(problem(card, FIELD_LABELS[name], identifier_message(spans, privacy_hint)))
                    to_confirm += 1
    if problems:
        raise rejected(sorted(problems, key=lambda found: found.line), to_confirm=to_confirm)
    known = _known(user)
    added: list[ContactCard] = []
    already: list[ContactCard] = []
    for card in cards:
        key = (card.name.lower(), card.email.lower())
        if known[key]:  # an import of the same file again adds nothing
            known[key] -= 1
            already.append(card)
        else:
            added.append(card)
    if dry_run:
        return VcardPreview(added, already)
    today = user_today(user)
    with transaction.atomic():
        rows = Contact.objects.for_user(user).bulk_create(
            [
                Contact(
                    owner=user,
                    added_on=today,
                    **{name: getattr(card, name) for name in (*LIMITS, "is_mentor", "rhythm_days")},
                )
                for card in added
            ]
        )
        tags = [ContactTag(owner=user, contact=row, name=tag) for row, card in zip(rows, added, strict=True) for tag in card.tags]
        ContactTag.objects.for_user(user).bulk_create(tags)
    return VcardPreview(added, already)


def contact_card(contact: Contact) -> ContactCard:
    """One contact as a vCard holds it (its tags prefetched or read)."""
    return ContactCard(
        name=contact.name,
        role=contact.role,
        organization=contact.organization,
        how_met=contact.how_met,
        email=contact.email,
        phone=contact.phone,
        tags=[tag.name for tag in contact.tag_rows.all()],
        is_mentor=contact.is_mentor,
        notes=contact.notes,
        rhythm_days=contact.rhythm_days,
    )
