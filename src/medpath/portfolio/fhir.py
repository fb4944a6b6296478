"""A person's licences and certifications as a FHIR R4B Practitioner (``fhir.resources.R4B``): one
``qualification`` per credential. Pure: plain dataclasses in, a validated model out; no Django.

- ``code``: a v2-0360 coding only where MedPath knows the credential's level (data/fhir_qualification_codes.yaml);
  otherwise the credential's name as text, never a guessed code.
- ``identifier``: the credential's number; typed v2-0203 ``SL`` (state licence number) only for a licence issued
  by a US state (jurisdiction US-XX). No system: no national URI exists for state licence numbers.
- ``period``: issued (start) and expiry (end); ``issuer.display``: the board or body that issued it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from fhir.resources.R4B.practitioner import Practitioner

V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
US_STATE = re.compile(r"^US-[A-Z]{2}$")


@dataclass(frozen=True)
class Code:
    system: str
    code: str
    display: str


@dataclass(frozen=True)
class Qualification:
    """A credential as the FHIR export needs it (the full number: this is a credentialing document)."""

    name: str
    kind: str  # licence, board_certification, …
    number: str
    jurisdiction: str
    issuer: str
    issued_on: date | None
    expires_on: date | None
    code: Code | None


def _qualification(q: Qualification) -> dict[str, Any]:
    code: dict[str, Any] = {"text": q.name}
    if q.code is not None:
        code["coding"] = [{"system": q.code.system, "code": q.code.code, "display": q.code.display}]
    item: dict[str, Any] = {"code": code}
    if q.number.strip():
        identifier: dict[str, Any] = {"value": q.number.strip()}
        if q.kind == "licence" and US_STATE.match(q.jurisdiction):
            identifier["type"] = {"coding": [{"system": V2_0203, "code": "SL", "display": "State license number"}]}
        item["identifier"] = [identifier]
    period = {key: value.isoformat() for key, value in (("start", q.issued_on), ("end", q.expires_on)) if value}
    if period:
        item["period"] = period
    if q.issuer.strip():
        item["issuer"] = {"display": q.issuer.strip()}
    return item


def practitioner(*, resource_id: str, full_name: str, email: str, qualifications: list[Qualification]) -> Practitioner:
    """The Practitioner, validated by the library as it is built (a ValidationError means a bug here). The name is
    given as text only: MedPath keeps one name field and does not guess which part is the family name."""
    name: dict[str, Any] = {"text": full_name}
    document: dict[str, Any] = {"resourceType": "Practitioner", "id": resource_id, "active": True, "name": [name]}
    if email:
        document["telecom"] = [{"system": "email", "value": email}]
    if qualifications:
        document["qualification"] = [_qualification(q) for q in qualifications]
    return Practitioner.model_validate(document)


def practitioner_json(resource: Practitioner) -> str:
    """The resource as FHIR JSON."""
    text: str = resource.model_dump_json(indent=2)
    return text
