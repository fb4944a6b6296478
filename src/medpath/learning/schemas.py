"""API shapes of the learning pillar."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ninja import Schema
from pydantic import ConfigDict, Field

if TYPE_CHECKING:
    from collections.abc import Mapping

    from medpath.catalog.requirement_schema import RequirementSetSpec
    from medpath.catalog.schema import Source
    from medpath.learning.requirements import Evaluation


class CountedOut(Schema):
    """Credit of one activity counted toward a rule: the activity's id (a line number in the CLI) and the amount."""

    item: str
    amount: float


class RuleOut(Schema):
    """One rule's verdict."""

    id: str
    label: str
    kind: str
    applies: bool
    required: float
    counted: float
    missing: float
    met: bool
    allocation: list[CountedOut]
    note: str = ""


class EvaluationOut(Schema):
    """The status of a credential's renewal, explained."""

    set_id: str
    set_name: str
    last_verified: date
    status: str
    deadline: date
    days_left: int
    rules: list[RuleOut]
    confirm: str = "Confirm these rules with the board; MedPath's copy may lag."


def evaluation_out(result: Evaluation, *, set_id: str, set_name: str, last_verified: date) -> EvaluationOut:
    """The one JSON shape of a verdict, for the API and the CLI's ``--json`` alike."""
    return EvaluationOut(
        set_id=set_id,
        set_name=set_name,
        last_verified=last_verified,
        status=result.status,
        deadline=result.deadline,
        days_left=result.days_left,
        rules=[
            RuleOut(
                id=r.id,
                label=r.label,
                kind=r.kind,
                applies=r.applies,
                required=r.required,
                counted=r.counted,
                missing=r.missing,
                met=r.met,
                allocation=[CountedOut(item=item, amount=amount) for item, amount in r.allocation],
                note=r.note,
            )
            for r in result.rules
        ],
    )


class CredentialOut(Schema):
    """A credential with its status."""

    id: int
    kind: str
    name: str
    issuer: str
    number: str
    jurisdiction: str
    issued_on: date | None
    expires_on: date | None
    requirement_set_id: str
    status: str
    deadline: date | None
    days_left: int | None
    evaluation: EvaluationOut | None


class CredentialIn(Schema):
    """A credential to add."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "kind": "licence",
                    "name": "Registered nurse licence",
                    "issuer": "California Board of Registered Nursing",
                    "jurisdiction": "US-CA",
                    "issued_on": "2024-07-01",
                    "expires_on": "2028-06-30",
                }
            ]
        },
    )

    kind: str = Field(max_length=32)
    name: str = Field(min_length=1, max_length=200)
    issuer: str = Field(default="", max_length=200)
    number: str = Field(default="", max_length=80)
    # No length limit here: "California" is stored as US-CA, and a wrong value of any length gets the service's
    # clear message instead of pydantic's "at most N characters".
    jurisdiction: str = Field(default="", description="US, or a state: US-CA, CA or California; stored as the ISO code")
    multistate: bool = False
    issued_on: date | None = None
    expires_on: date | None = None
    first_licensed_on: date | None = None
    renewal_number: int = Field(default=1, ge=1, le=60)
    requirement_set_id: str = Field(default="", max_length=80)
    cycle_start: date | None = None
    cycle_end: date | None = None
    prescriber: bool = False
    aprn: bool = False
    direct_patient_care: bool = True
    nationally_certified: bool = False
    in_fellowship: bool = False
    notes: str = Field(default="", max_length=2000)


class AwardIO(Schema):
    """Credits of one type."""

    credit_type: str = Field(max_length=40)
    amount: Decimal = Field(max_digits=6, decimal_places=2)


class ActivityOut(Schema):
    """A learning activity."""

    id: int
    title: str
    provider: str
    accreditor: str
    format: str
    completed_on: date
    topics: list[str]
    awards: list[AwardIO]
    certificate_id: int | None
    notes: str = ""


class ActivityIn(Schema):
    """An activity to record."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Sepsis recognition update",
                    "completed_on": "2026-10-14",
                    "awards": [{"credit_type": "contact_hours", "amount": "1.5"}],
                    "provider": "Lakeside Hospital education",
                }
            ]
        },
    )

    title: str = Field(min_length=1, max_length=300)
    completed_on: date
    awards: list[AwardIO] = Field(min_length=1, max_length=5)
    topics: list[str] = Field(default_factory=list, max_length=20)
    format: str = "live"
    provider: str = Field(default="", max_length=200)
    accreditor: str = Field(default="", max_length=120)
    notes: str = Field(default="", max_length=2000)
    keep_outside_cycles: bool = False
    privacy_confirmed: bool = Field(
        default=False, description="Send true to save text the privacy guard pointed at (answered 422 first)"
    )


class ActivityUpdateIn(ActivityIn):
    """An activity's new values, all of them (its awards are replaced); the certificate is kept unless removed."""

    remove_certificate: bool = Field(default=False, description="Unlink the certificate (its file goes unless shared)")


class CertificateEvidenceOut(Schema):
    """The words each value was read from (null when the field was left empty)."""

    title: str | None
    completed_on: str | None
    credit_type: str | None
    amount: str | None


class CertificateAwardOut(Schema):
    """One award the certificate states was earned."""

    credit_type: str | None
    amount: float
    evidence: str


class CertificateReadingOut(Schema):
    """What a certificate states; a field is null unless the certificate states it explicitly."""

    title: str | None
    completed_on: date | None
    credit_type: str | None
    amount: float | None
    evidence: CertificateEvidenceOut
    awards: list[CertificateAwardOut]
    message: str = Field(description="Why nothing could be read (a scan, a password, a damaged file), or empty")


class DeadlineOut(Schema):
    """Something due."""

    key: str
    title: str
    due: date
    detail: str


class RequirementSetOut(Schema):
    """A requirement set with its source."""

    id: str
    name: str
    issuer: str
    credential_kind: str
    jurisdiction: str
    cycle_months: int
    unit: str
    last_verified: date
    confidence: str
    source_url: str
    rules: list[dict[str, object]]


def requirement_set_out(key: str, spec: RequirementSetSpec, sources: Mapping[str, Source]) -> RequirementSetOut:
    """The one JSON shape of a rule set, for the API and ``medpath requirements list --json`` alike."""
    source = sources.get(spec.source)
    return RequirementSetOut(
        id=key,
        name=spec.name,
        issuer=spec.issuer,
        credential_kind=spec.credential_kind,
        jurisdiction=spec.jurisdiction,
        cycle_months=spec.cycle_months,
        unit=spec.unit,
        last_verified=spec.last_verified,
        confidence=spec.confidence,
        source_url=str(source.url) if source else "",
        rules=[rule.model_dump(mode="json") for rule in spec.rules],
    )
