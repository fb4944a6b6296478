"""JSON API of the learning pillar: credentials with their renewal status, activities, rules, deadlines."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from medpath.accounts.ratelimit import over_limit
from medpath.accounts.requests import signed_in_user
from medpath.bounds import ApiId, ApiYear
from medpath.catalog.loader import catalog
from medpath.deadlines import deadlines_for
from medpath.importing import SpreadsheetImportOut, api_import
from medpath.learning import services
from medpath.learning.certificates import MAX_CERTIFICATE_BYTES, READS_PER_WINDOW, read_certificate
from medpath.learning.models import Credential, CreditAward, LearningActivity
from medpath.learning.schemas import (
    ActivityIn,
    ActivityOut,
    ActivityUpdateIn,
    AwardIO,
    CertificateReadingOut,
    CredentialIn,
    CredentialOut,
    DeadlineOut,
    RequirementSetOut,
    evaluation_out,
    requirement_set_out,
)
from medpath.learning.selectors import (
    CredentialStatus,
    activities_with_awards,
    activity_with_awards,
    credential_status,
    credential_statuses,
    engine_activities,
    requirement_specs,
)
from medpath.scoping import get_owned
from medpath.usertime import user_today

router = Router(tags=["credentials and learning"])


def credential_out(status: CredentialStatus) -> CredentialOut:
    """A credential with its status and, when rules govern it, the evaluation."""
    row = status.credential
    evaluation = None
    if status.evaluation is not None and status.spec is not None:
        evaluation = evaluation_out(
            status.evaluation,
            set_id=row.requirement_set_id,
            set_name=status.spec.name,
            last_verified=status.spec.last_verified,
        )
    return CredentialOut(
        id=row.pk,
        kind=row.kind,
        name=row.name,
        issuer=row.issuer,
        number=row.number,
        jurisdiction=row.jurisdiction,
        issued_on=row.issued_on,
        expires_on=row.expires_on,
        requirement_set_id=row.requirement_set_id,
        status=status.status,
        deadline=status.deadline,
        days_left=status.days_left,
        evaluation=evaluation,
    )


@router.get("/learning/credentials", response=list[CredentialOut], summary="Your credentials with their status")
def credentials(request: HttpRequest) -> list[CredentialOut]:
    """Every credential, most urgent first, each with its renewal evaluation."""
    return [credential_out(status) for status in credential_statuses(signed_in_user(request))]


@router.post("/learning/credentials", response={201: CredentialOut}, summary="Add a credential")
def credential_create(request: HttpRequest, payload: CredentialIn) -> Status[CredentialOut]:
    """Add a licence, certification, card or registration; bad fields answer 422."""
    user = signed_in_user(request)
    row = services.credential_save(user=user, **payload.model_dump())
    status = credential_status(
        row, requirement_specs(user).get(row.requirement_set_id), engine_activities(user), user_today(user)
    )
    return Status(201, credential_out(status))


@router.get("/learning/credentials/{credential_id}", response=CredentialOut, summary="One credential")
def credential_detail(request: HttpRequest, credential_id: ApiId) -> CredentialOut:
    """A credential with every rule's counted, required and missing amounts."""
    user = signed_in_user(request)
    row = get_owned(Credential, user, pk=credential_id)
    return credential_out(
        credential_status(row, requirement_specs(user).get(row.requirement_set_id), engine_activities(user), user_today(user))
    )


@router.delete("/learning/credentials/{credential_id}", response={204: None}, summary="Delete a credential")
def credential_delete(request: HttpRequest, credential_id: ApiId) -> Status[None]:
    """Delete one of your credentials."""
    services.credential_delete(user=signed_in_user(request), pk=credential_id)
    return Status(204, None)


def _activity_out(row: LearningActivity, awards: list[CreditAward]) -> ActivityOut:
    return ActivityOut(
        id=row.pk,
        title=row.title,
        provider=row.provider,
        accreditor=row.accreditor,
        format=row.format,
        completed_on=row.completed_on,
        topics=list(row.topics or []),
        awards=[AwardIO(credit_type=a.credit_type, amount=a.amount) for a in awards],
        certificate_id=row.certificate_id,
        notes=row.notes,
    )


def _activity_input(payload: ActivityIn) -> services.ActivityInput:
    return services.ActivityInput(
        title=payload.title,
        completed_on=payload.completed_on,
        awards=[(a.credit_type, a.amount) for a in payload.awards],
        topics=payload.topics,
        format=payload.format,
        provider=payload.provider,
        accreditor=payload.accreditor,
        notes=payload.notes,
        keep_outside_cycles=payload.keep_outside_cycles,
    )


def _unknown_terms(*, credit_type: str, topic: str) -> dict[str, list[str]]:
    """A credit type or topic filter the vocabulary lacks, by field (the page's form offers only known ones)."""
    vocabulary = catalog().vocabulary
    problems: dict[str, list[str]] = {}
    if credit_type and vocabulary is not None and credit_type not in {t.id for t in vocabulary.credit_types}:
        problems["credit_type"] = [f"“{credit_type}” is not a credit type MedPath knows."]
    if topic and vocabulary is not None and topic not in {t.id for t in vocabulary.topics}:
        problems["topic"] = [f"“{topic}” is not a topic MedPath knows."]
    return problems


@router.get("/learning/activities", response=list[ActivityOut], summary="Your activities")
def activities(
    request: HttpRequest, q: str = "", year: ApiYear | None = None, credit_type: str = "", topic: str = ""
) -> list[ActivityOut]:
    """Every activity with its credit awards, newest first; narrowed as the Activities page's filters do (a word of
    the title, a year, a credit type, a topic)."""
    problems = _unknown_terms(credit_type=credit_type, topic=topic)
    if problems:
        raise ValidationError(problems)
    rows = activities_with_awards(signed_in_user(request), q=q, year=year, credit_type=credit_type, topic=topic)
    return [_activity_out(row, awards) for row, awards in rows]


@router.post("/learning/activities", response={201: ActivityOut}, summary="Record an activity")
def activity_create(request: HttpRequest, payload: ActivityIn) -> Status[ActivityOut]:
    """Record an activity with its credits; bad credits, dates, types or topics answer 422 naming the field."""
    user = signed_in_user(request)
    row = services.activity_create(user=user, data=_activity_input(payload), privacy_confirmed=payload.privacy_confirmed)
    return Status(201, _activity_out(*activity_with_awards(user, row.pk)))


@router.post("/learning/activities/import", response=SpreadsheetImportOut, summary="Import a transcript from CSV or XLSX")
def activities_import(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = False,
    mapping: Form[list[str]] = [],  # noqa: B006  (“File column=field”, repeated; ninja copies defaults)
    sheet: Form[str] = "",
    privacy_confirmed: Form[bool] = False,
) -> SpreadsheetImportOut:
    """All or nothing, as multipart/form-data: every bad row is answered (422) with its line and column; with
    dry_run, what would be added. Without ``mapping`` every column must be one the import reads."""
    return api_import(
        request,
        services.activities_import,
        file,
        dry_run=dry_run,
        mapping=mapping,
        sheet=sheet,
        privacy_confirmed=privacy_confirmed,
    )


@router.get("/learning/activities/{activity_id}", response=ActivityOut, summary="One activity")
def activity_detail(request: HttpRequest, activity_id: ApiId) -> ActivityOut:
    """One of your activities with its credit awards, certificate id and notes."""
    return _activity_out(*activity_with_awards(signed_in_user(request), activity_id))


@router.put("/learning/activities/{activity_id}", response=ActivityOut, summary="Change an activity")
def activity_update(request: HttpRequest, activity_id: ApiId, payload: ActivityUpdateIn) -> ActivityOut:
    """Replace an activity's values and awards with the checks of POST (422 naming each field); the certificate is
    kept unless ``remove_certificate``; changed title or notes that may name a patient need ``privacy_confirmed``."""
    user = signed_in_user(request)
    row = services.activity_update(
        user=user,
        pk=activity_id,
        data=_activity_input(payload),
        certificate="remove" if payload.remove_certificate else "keep",
        privacy_confirmed=payload.privacy_confirmed,
    )
    return _activity_out(*activity_with_awards(user, row.pk))


@router.delete("/learning/activities/{activity_id}", response={204: None}, summary="Delete an activity")
def activity_delete(request: HttpRequest, activity_id: ApiId) -> Status[None]:
    """Delete one of your activities."""
    services.activity_delete(user=signed_in_user(request), pk=activity_id)
    return Status(204, None)


@router.post("/learning/certificates/read", response=CertificateReadingOut, summary="Read a certificate PDF")
def certificate_read(request: HttpRequest, file: File[UploadedFile]) -> CertificateReadingOut:
    """What an uploaded certificate PDF states — title, completion date, credits earned — each with the words it was
    read from; a field the certificate does not state explicitly is null. Nothing is stored. Scans, password-protected
    and damaged files answer 200 with every field null and a ``message``; files over 10 MB answer 413."""
    signed_in_user(request)
    if over_limit(request, "certificate-read", READS_PER_WINDOW, per_user=True):
        raise HttpError(429, "Too many certificates read in the last 10 minutes; try again later.")
    data = file.read(MAX_CERTIFICATE_BYTES + 1)
    if len(data) > MAX_CERTIFICATE_BYTES:
        raise HttpError(413, f"A certificate is at most {MAX_CERTIFICATE_BYTES // (1024 * 1024)} MB.")
    return CertificateReadingOut.model_validate(read_certificate(data).as_dict())


@router.get("/learning/deadlines", response=list[DeadlineOut], summary="Everything due, soonest first")
def deadlines(request: HttpRequest) -> list[DeadlineOut]:
    """Expiries and renewal deadlines of every credential."""
    user = signed_in_user(request)
    return [DeadlineOut(key=d.key, title=d.title, due=d.due, detail=d.detail) for d in deadlines_for(user, user_today(user))]


@router.get("/learning/requirement-sets", response=list[RequirementSetOut], summary="Renewal rule sets")
def requirement_sets(request: HttpRequest) -> list[RequirementSetOut]:
    """The catalog's requirement sets and your own, with sources and last-verified dates."""
    known = catalog().sources
    return [requirement_set_out(key, spec, known) for key, spec in sorted(requirement_specs(signed_in_user(request)).items())]


@router.get("/learning/requirement-sets/{set_id}", response=RequirementSetOut, summary="One rule set")
def requirement_set(request: HttpRequest, set_id: str) -> RequirementSetOut:
    """One requirement set in full."""
    for item in requirement_sets(request):
        if item.id == set_id:
            return item
    raise HttpError(404, f"No requirement set {set_id!r}")
