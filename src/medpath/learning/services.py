"""Writes for the learning pillar: credentials, activities with credits and certificates, imports."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Literal

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.importing import Preview
from medpath.learning.certificate_reading import Reading
from medpath.learning.certificates import MAX_CERTIFICATE_BYTES  # one limit for the page, the API and the CLI
from medpath.learning.models import Certificate, Credential, CreditAward, LearningActivity
from medpath.learning.selectors import cycle_of, requirement_specs
from medpath.learning.transcripts import (
    CSV_COLUMNS,
    ActivityInput,
    ImportRejected,
    parse_activities_csv,
    read_activities,
)
from medpath.rows import RowProblem
from medpath.scoping import one_at_a_time_per_user
from medpath.usertime import user_today
from medpath.wording import day

__all__ = [
    "CSV_COLUMNS",
    "ActivityInput",
    "ImportRejected",
    "RowProblem",
    "activities_import",
    "activity_check",
    "activity_create",
    "activity_delete",
    "activity_update",
    "certificate_read_and_keep",
    "certificate_store",
    "certificate_waiting",
    "credential_delete",
    "credential_save",
    "custom_set_import",
    "parse_activities_csv",
    "spec_choices",
]

MAX_CUSTOM_SETS = 50
FIRST_DATE = date(1950, 1, 1)
LAST_DATE = date(2100, 12, 31)


MAX_JURISDICTION_TEXT = 80  # longer than any country's or state's name: a paste, not a place


def normalize_jurisdiction(value: str) -> str:
    """The ISO code of what a person types: "US", "US-CA", "CA", "California" (any case, spaces around) or a
    country's name. Two letters that are a US state's abbreviation are that state ("PA" is Pennsylvania, not
    Panama; "CA" California, not Canada); other two letters are a country code."""
    import pycountry

    from medpath.accounts.places import normalize_place

    text = " ".join(value.split())
    if not text:
        return ""
    shown = text if len(text) <= 40 else f"{text[:40]}…"
    problem = ValidationError(
        f"“{shown}” is not a country or US state MedPath knows. Use a country code (US) or a state, e.g. US-CA, CA or California."
    )
    if len(text) > MAX_JURISDICTION_TEXT:
        raise problem
    country, dash, region = text.partition("-")
    if dash and len(country.strip()) == 2:  # an ISO 3166-2 code: US-CA, GB-ENG
        try:
            return normalize_place(country, region)[1]
        except ValidationError:
            raise problem from None
    try:
        return normalize_place("US", text)[1]  # a state's abbreviation or name
    except ValidationError:
        pass
    if len(text) == 2 and text.isalpha() and pycountry.countries.get(alpha_2=text.upper()) is not None:
        return text.upper()
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        raise problem from None


MAX_AWARD = Decimal("200")  # no single activity awards more; a "900-hour course" is a typo
CERTIFICATE_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def vocabulary_ids() -> tuple[set[str], set[str], set[str]]:
    """Known credit types, topics and formats."""
    vocabulary = catalog().vocabulary
    assert vocabulary is not None
    return vocabulary.credit_type_ids(), vocabulary.topic_ids(), vocabulary.format_ids()


def activity_check(*, user: User, data: ActivityInput, today: date | None = None) -> dict[str, list[str]]:
    """Every problem with an activity, by field (empty when it can be saved)."""
    credit_types, topics, formats = vocabulary_ids()
    today = today or user_today(user)
    problems: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        problems.setdefault(name, []).append(message)

    if not data.title.strip():
        add("title", "Give the activity's title.")
    for name, value, limit in (
        ("title", data.title, 300),
        ("provider", data.provider, 200),
        ("accreditor", data.accreditor, 120),
        ("notes", data.notes, 2000),
    ):
        if len(value) > limit:
            add(name, f"At most {limit} characters (this has {len(value)}).")
    if "\x00" in data.title + data.notes + data.provider:
        add("title", "Null characters are not allowed.")
    if data.completed_on is None:
        add("completed_on", "Give the date you completed it (YYYY-MM-DD).")
    elif data.completed_on > today:
        add("completed_on", f"{day(data.completed_on)} is in the future; record an activity once it is done.")
    elif data.completed_on.year < 1950:
        add("completed_on", "Enter the real completion date.")
    if data.format not in formats:
        add("format", f"“{data.format}” is not a known format ({', '.join(sorted(formats))}).")
    for topic in data.topics:
        if topic not in topics:
            add("topics", f"“{topic}” is not a known topic.")
    seen: set[str] = set()
    if not data.awards:
        add("credit_type", "Give at least one kind of credit with its amount.")
    for index, (credit_type, amount) in enumerate(data.awards):
        suffix = "" if index == 0 else f"_{index + 1}"  # the second award is credit_type_2 / amount_2
        if credit_type not in credit_types:
            add(f"credit_type{suffix}", f"“{credit_type}” is not a known credit type ({', '.join(sorted(credit_types))}).")
        if credit_type in seen:
            add(f"credit_type{suffix}", f"{credit_type} is given twice; give each credit type once.")
        seen.add(credit_type)
        if amount <= 0:
            add(f"amount{suffix}", "Credits must be more than zero.")
        elif amount > MAX_AWARD:
            add(f"amount{suffix}", f"{amount} is more credit than one activity awards (at most {MAX_AWARD}); check the figure.")
        elif amount.as_tuple().exponent < -2:  # type: ignore[operator]
            add(f"amount{suffix}", "Give credits with at most two decimals (e.g. 1.25).")
    if data.completed_on and not problems.get("completed_on") and not data.keep_outside_cycles:
        specs = requirement_specs(user)
        rows = Credential.objects.for_user(user)
        cycles = [c for c in (cycle_of(row, specs.get(row.requirement_set_id)) for row in rows) if c is not None]
        if cycles and not any(c.start <= data.completed_on <= c.end for c in cycles):
            first = min(c.start for c in cycles)
            add(
                "completed_on",
                f"{day(data.completed_on)} is outside every renewal cycle of your credentials (the earliest starts "
                f"{day(first)}), so it would count nowhere. Tick “keep it anyway” if it is for a one-time requirement.",
            )
    return problems


@one_at_a_time_per_user  # beside a deletion or a clean-up of certificates read earlier, never in between
def activity_create(
    *,
    user: User,
    data: ActivityInput,
    certificate: Certificate | None = None,
    waiting_certificate: int | None = None,
    privacy_confirmed: bool | None = None,
) -> LearningActivity:
    """Save an activity and its awards in one transaction, after every check. ``waiting_certificate`` attaches a
    certificate read earlier on the form (see ``certificate_read_and_keep``). With ``privacy_confirmed`` given
    (the API), a title or notes that may name a patient are refused unless it is true; the page's form checks first."""
    if waiting_certificate is not None and certificate is None:
        certificate = certificate_waiting(user=user, pk=waiting_certificate)
    problems = activity_check(user=user, data=data)
    if problems:
        raise ValidationError(problems)
    if privacy_confirmed is not None:
        from medpath.privacy.forms import guard_texts

        guard_texts({name: getattr(data, name) for name in GUARDED_ACTIVITY_TEXTS}, confirmed=privacy_confirmed)
    assert data.completed_on is not None
    with transaction.atomic():
        activity = LearningActivity(
            owner=user,
            title=data.title.strip(),
            provider=data.provider.strip(),
            accreditor=data.accreditor.strip(),
            format=data.format,
            completed_on=data.completed_on,
            topics=sorted(set(data.topics)),
            certificate=certificate,
            notes=data.notes,
        )
        activity.full_clean()
        activity.save()
        for credit_type, amount in data.awards:
            award = CreditAward(owner=user, activity=activity, credit_type=credit_type, amount=amount)
            award.full_clean()
            award.save()
    return activity


@one_at_a_time_per_user  # two deletions sharing a certificate must not both leave it behind
def activity_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's activities, its awards, and its certificate unless another activity uses it."""
    from medpath.scoping import get_owned

    activity = get_owned(LearningActivity, user, pk=pk)
    certificate_id = activity.certificate_id
    with transaction.atomic():
        activity.delete()
        if certificate_id and not LearningActivity.objects.for_user(user).filter(certificate_id=certificate_id).exists():
            Certificate.objects.for_user(user).filter(pk=certificate_id).delete()


CertificateChange = Literal["keep", "replace", "remove"]
GUARDED_ACTIVITY_TEXTS = ("title", "notes")  # what the privacy guard reads, as on the create form


@one_at_a_time_per_user  # replacing or removing a shared certificate is decided from the other activities
def activity_update(
    *,
    user: User,
    pk: int,
    data: ActivityInput,
    certificate: CertificateChange = "keep",
    upload: UploadedFile[Any] | None = None,
    privacy_confirmed: bool = False,
) -> LearningActivity:
    """Change one of the user's activities after the same checks as creating one: its awards are replaced all or
    nothing, and its certificate kept, replaced by ``upload`` or removed — the old file is deleted only when no
    other activity uses it. Changed title or notes that may name a patient need ``privacy_confirmed``."""
    if certificate == "replace" and upload is None:
        raise ValidationError({"certificate": ["Choose the new certificate file."]})
    if certificate != "replace" and upload is not None:
        raise ValidationError({"certificate": ["A new file replaces the certificate: do not also keep or remove it."]})
    problems = activity_check(user=user, data=data)
    if problems:
        raise ValidationError(problems)
    stored: list[Certificate] = []
    try:
        return _activity_update(user, pk, data, certificate, upload, privacy_confirmed, stored_to=stored)
    except BaseException:
        for new in stored:  # its row rolled back: the file must not stay behind
            new.file.delete(save=False)
        raise


def _activity_update(
    user: User,
    pk: int,
    data: ActivityInput,
    certificate: CertificateChange,
    upload: UploadedFile[Any] | None,
    privacy_confirmed: bool,
    *,
    stored_to: list[Certificate],
) -> LearningActivity:
    """The writes of ``activity_update``, in one transaction; new certificates are listed in ``stored_to``."""
    from django.http import Http404

    from medpath.privacy.forms import guard_texts

    assert data.completed_on is not None
    with transaction.atomic():
        # Locked, so two edits at once cannot both replace the awards or both drop the old certificate.
        activity: LearningActivity | None = LearningActivity.objects.for_user(user).select_for_update().filter(pk=pk).first()
        if activity is None:  # another user's activity answers exactly like a missing one
            raise Http404("No learning activity matches the given query.")
        guard_texts(
            {name: getattr(data, name) for name in GUARDED_ACTIVITY_TEXTS if getattr(data, name) != getattr(activity, name)},
            confirmed=privacy_confirmed,
        )
        previous = activity.certificate_id
        activity.title = data.title.strip()
        activity.provider = data.provider.strip()
        activity.accreditor = data.accreditor.strip()
        activity.format = data.format
        activity.completed_on = data.completed_on
        activity.topics = sorted(set(data.topics))
        activity.notes = data.notes
        if certificate == "remove":
            activity.certificate = None
        elif certificate == "replace" and upload is not None:
            activity.certificate = certificate_store(user=user, upload=upload)
            stored_to.append(activity.certificate)
        activity.full_clean()
        activity.save()
        CreditAward.objects.for_user(user).filter(activity=activity).delete()
        for credit_type, amount in data.awards:
            award = CreditAward(owner=user, activity=activity, credit_type=credit_type, amount=amount)
            award.full_clean()
            award.save()
        if previous and previous != activity.certificate_id:
            _certificate_drop_if_unused(user=user, pk=previous)
    return activity


def _certificate_drop_if_unused(*, user: User, pk: int) -> None:
    """Delete a certificate (its file once the transaction commits) unless an activity still uses it."""
    if not LearningActivity.objects.for_user(user).filter(certificate_id=pk).exists():
        Certificate.objects.for_user(user).filter(pk=pk).delete()


UNATTACHED_CERTIFICATE_DAYS = 2  # a certificate read but never saved with an activity is deleted after this


def certificate_read_and_keep(*, user: User, upload: UploadedFile[Any]) -> tuple[Certificate, Reading]:
    """Keep an uploaded certificate (checked as on saving) and read what it states, so the form can be prefilled
    and the file stays attached through the confirmation step. Certificates read earlier and never saved with an
    activity are deleted once they are ``UNATTACHED_CERTIFICATE_DAYS`` old. The reading (bounded, but up to a
    few seconds) runs after the user's lock is released."""
    from medpath.learning.certificates import NOT_PDF, read_certificate

    certificate = _certificate_keep(user=user, upload=upload)
    if certificate.content_type != "application/pdf":
        return certificate, Reading(message=NOT_PDF)
    with certificate.file.open("rb") as stored:
        data = stored.read(MAX_CERTIFICATE_BYTES + 1)
    return certificate, read_certificate(data)


@one_at_a_time_per_user  # its clean-up of old unattached certificates never races a save that attaches one
def _certificate_keep(*, user: User, upload: UploadedFile[Any]) -> Certificate:
    from datetime import timedelta

    from django.utils import timezone

    stale = _unattached(user).filter(uploaded_at__lt=timezone.now() - timedelta(days=UNATTACHED_CERTIFICATE_DAYS))
    for old in stale:
        old.file.delete(save=False)
        old.delete()
    return certificate_store(user=user, upload=upload)


def _unattached(user: User) -> QuerySet[Certificate]:
    used = LearningActivity.objects.for_user(user).filter(certificate__isnull=False).values("certificate_id")
    return Certificate.objects.for_user(user).exclude(pk__in=used)


def certificate_waiting(*, user: User, pk: int) -> Certificate:
    """A certificate of the user's that was read but is not yet attached to any activity."""
    certificate = _unattached(user).filter(pk=pk).first()
    if certificate is None:
        raise ValidationError({"certificate": ["The certificate read earlier is no longer here: attach it again."]})
    return certificate


def certificate_store(*, user: User, upload: UploadedFile[Any]) -> Certificate:
    """Keep a certificate after checking its size and that its content is a PDF, PNG or JPEG as its name says."""
    if upload.size is None or upload.size > MAX_CERTIFICATE_BYTES:
        raise ValidationError({"certificate": f"The file is larger than {MAX_CERTIFICATE_BYTES // (1024 * 1024)} MB."})
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in CERTIFICATE_TYPES:
        raise ValidationError({"certificate": "A certificate must be a PDF, PNG or JPEG file; this file is none of them."})
    name = upload.name or "certificate"
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = {"pdf": {"pdf"}, "png": {"png"}, "jpg": {"jpg", "jpeg"}}[CERTIFICATE_TYPES[kind.mime]]
    if extension not in expected:
        raise ValidationError(
            {"certificate": f"The file is named “{name}” but its content is {kind.extension.upper()}; rename or re-export it."}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    certificate = Certificate(
        owner=user, original_name=name[:200], content_type=kind.mime, size=upload.size, sha256=digest.hexdigest()
    )
    certificate.file.save(name, upload, save=False)
    certificate.save()
    return certificate


def activities_import(
    *,
    user: User,
    data: str | bytes,
    filename: str = "",
    mapping: Mapping[str, str] | None = None,
    sheet: str = "",
    dry_run: bool = False,
    privacy_confirmed: bool = False,
) -> Preview:
    """Import a transcript (CSV text or bytes, or an XLSX file) into the user's learning activities: all rows or
    none; every bad row is reported with its line and column (``ImportRejected``). Each row gets the activity form's
    checks and the privacy guard (titles and notes), unless ``privacy_confirmed``. With ``dry_run`` nothing is saved;
    the preview says what would be added."""
    from medpath.privacy.forms import IMPORT_THEN, guard_texts

    rows, problems, where = read_activities(data, filename, sheet, mapping)
    today = user_today(user)
    already = {(p.line, p.field) for p in problems}
    added: list[tuple[str, str]] = []
    for record, activity in rows:
        found = activity_check(user=user, data=activity, today=today)
        if not found:
            try:
                guard_texts(
                    {name: getattr(activity, name) for name in GUARDED_ACTIVITY_TEXTS},
                    confirmed=privacy_confirmed,
                    then=IMPORT_THEN,
                )
            except ValidationError as error:
                found = {name: texts for name, texts in error.message_dict.items() if name != "privacy_confirmed"}
        for name, texts in found.items():
            if (record.line, name) not in already:  # one mistake, one message
                problems.extend(record.problem(name, text) for text in texts)
        added.append((record.lines, _activity_summary(activity)))
    if problems:
        raise ImportRejected(sorted(problems, key=lambda p: (p.line, p.field)))
    if dry_run:
        return Preview(added, applied=False, where=where)
    with transaction.atomic():
        for _, activity in rows:
            activity_create(user=user, data=activity)
    return Preview(added, applied=True, where=where)


def _activity_summary(activity: ActivityInput) -> str:
    credits = "; ".join(f"{amount.normalize():f} {credit_type}" for credit_type, amount in activity.awards)
    completed = activity.completed_on.isoformat() if activity.completed_on else "?"
    return f"{activity.title.strip()}, {completed}" + (f" ({credits})" if credits else "")


# ---- credentials -------------------------------------------------------------------------------------------

# What a credential's owner may set, in the order the form shows it.
CREDENTIAL_FIELDS = (
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
)


def credential_save(*, user: User, credential: Credential | None = None, **values: Any) -> Credential:
    """Create or change a credential; the requirement set must exist and the dates make sense."""
    unknown = set(values) - set(CREDENTIAL_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be set." for name in sorted(unknown)})
    row = credential or Credential(owner=user)
    for name, value in values.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    problems: dict[str, list[str]] = {}
    specs = requirement_specs(user)
    if row.requirement_set_id and row.requirement_set_id not in specs:
        problems["requirement_set_id"] = [f"“{row.requirement_set_id}” is not a known requirement set."]
    elif row.requirement_set_id and specs[row.requirement_set_id].credential_kind != row.kind:
        from medpath.learning.models import CredentialKind

        labels = dict(CredentialKind.choices)
        problems["requirement_set_id"] = [
            f"These rules are for a {labels.get(specs[row.requirement_set_id].credential_kind, 'different kind').lower()}, "
            f"not a {labels.get(row.kind, row.kind).lower()}."
        ]
    for name in ("issued_on", "expires_on", "first_licensed_on", "cycle_start", "cycle_end"):
        value = getattr(row, name)
        if value is not None and not FIRST_DATE <= value <= LAST_DATE:
            problems[name] = [f"Enter a date between {FIRST_DATE.year} and {LAST_DATE.year}."]
    try:
        row.jurisdiction = normalize_jurisdiction(row.jurisdiction)
    except ValidationError as error:
        problems["jurisdiction"] = error.messages
    if row.issued_on and row.expires_on and row.expires_on <= row.issued_on:
        problems["expires_on"] = ["The expiry date must come after the issue date."]
    if row.cycle_start and row.cycle_end and row.cycle_end <= row.cycle_start:
        problems["cycle_end"] = ["The cycle must end after it starts."]
    if row.requirement_set_id and not (row.cycle_end or row.expires_on):
        problems["expires_on"] = ["Give the expiry date (or the cycle's end) so the renewal rules can be checked."]
    if problems:
        raise ValidationError(problems)
    row.full_clean()
    row.save()
    return row


def credential_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's credentials."""
    from medpath.scoping import get_owned

    get_owned(Credential, user, pk=pk).delete()


def spec_choices(user: User) -> Iterable[tuple[str, str]]:
    """(id, name) of every requirement set the user may link a credential to."""
    return sorted(((key, spec.name) for key, spec in requirement_specs(user).items()), key=lambda pair: pair[1])


@one_at_a_time_per_user  # the cap and the ids taken are read before writing
def custom_set_import(*, user: User, text: str) -> list[Any]:
    """Add requirement sets of the user's own from YAML (the catalog's format, with its own sources)."""
    from medpath.learning.models import CustomRequirementSet
    from medpath.learning.rulesets import RulesFileError, parse_own_rule_sets

    if custom_set_count(user) >= MAX_CUSTOM_SETS:
        raise ValidationError(
            {"document": f"You have {MAX_CUSTOM_SETS} rule sets of your own, the most MedPath keeps; delete one first."}
        )
    try:
        parsed = parse_own_rule_sets(text, taken=set(requirement_specs(user)))
    except RulesFileError as error:
        raise ValidationError({"document": str(error)}) from None
    brought = parsed.sources
    rows = []
    with transaction.atomic():
        for spec in parsed.sets:
            cited = {source_id for _, source_id in _citations(spec)}
            row = CustomRequirementSet(
                owner=user,
                set_id=spec.id,
                name=spec.name,
                document={
                    "set": spec.model_copy(update={"custom": True}).model_dump(mode="json"),
                    "sources": [s.model_dump(mode="json") for s in brought if s.id in cited],
                },
            )
            row.full_clean()
            row.save()
            rows.append(row)
    return rows


def custom_set_count(user: User) -> int:
    """How many rule sets of their own the user keeps."""
    from medpath.learning.models import CustomRequirementSet

    return CustomRequirementSet.objects.for_user(user).count()


def _citations(spec: Any) -> list[tuple[str, str]]:
    from medpath.catalog.loader import requirement_citations

    return requirement_citations(spec)
