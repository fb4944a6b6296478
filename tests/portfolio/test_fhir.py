"""The FHIR R4B Practitioner of a person's credentials: built and validated by fhir.resources, codes only where
MedPath knows them, the state-licence identifier type only for a US state licence."""

from __future__ import annotations

import json
from datetime import date

import pytest
from fhir.resources.R4B.practitioner import Practitioner
from pydantic import ValidationError

from medpath.portfolio import fhir
from medpath.portfolio.selectors import fhir_practitioner, qualification_codes

RN = fhir.Code("http://terminology.hl7.org/CodeSystem/v2-0360", "RN", "Registered Nurse")


def _resource(*qualifications: fhir.Qualification) -> Practitioner:
    return fhir.practitioner(
        resource_id="medpath-practitioner-1", full_name="Alice Adams", email="a@example.org", qualifications=list(qualifications)
    )


def test_a_state_licence_has_the_sl_type_its_code_issuer_and_expiry() -> None:
    """v2-0203 SL on the number, v2-0360 on the level, the board as issuer, expiry as period end."""
    licence = fhir.Qualification(
        "California RN licence", "licence", "RN123456", "US-CA", "California BRN", date(2025, 8, 1), date(2027, 7, 31), RN
    )
    item = json.loads(fhir.practitioner_json(_resource(licence)))["qualification"][0]
    assert item["identifier"] == [
        {"type": {"coding": [{"system": fhir.V2_0203, "code": "SL", "display": "State license number"}]}, "value": "RN123456"}
    ]
    assert item["code"] == {
        "coding": [{"system": RN.system, "code": "RN", "display": "Registered Nurse"}],
        "text": "California RN licence",
    }
    assert item["period"] == {"start": "2025-08-01", "end": "2027-07-31"}
    assert item["issuer"] == {"display": "California BRN"}


@pytest.mark.parametrize(("kind", "jurisdiction"), [("licence", "US"), ("licence", "CA-ON"), ("board_certification", "US-CA")])
def test_no_identifier_type_unless_a_us_state_licence(kind: str, jurisdiction: str) -> None:
    """A national licence, a province's, or a certification: the number without a type."""
    q = fhir.Qualification("X", kind, "A-1", jurisdiction, "", None, None, None)
    item = json.loads(fhir.practitioner_json(_resource(q)))["qualification"][0]
    assert item["identifier"] == [{"value": "A-1"}]
    assert item["code"] == {"text": "X"}  # no code known: the name as text, nothing guessed
    assert "period" not in item
    assert "issuer" not in item


def test_the_output_round_trips_through_the_library() -> None:
    """What MedPath writes, fhir.resources reads back to the same resource."""
    resource = _resource(fhir.Qualification("ACLS", "life_support", "", "US", "AHA", None, date(2027, 2, 1), None))
    text = fhir.practitioner_json(resource)
    again = Practitioner.model_validate_json(text)
    assert again.model_dump() == resource.model_dump()
    assert json.loads(text)["resourceType"] == "Practitioner"


def test_the_library_rejects_a_qualification_without_a_code() -> None:
    """code is 1..1 in R4B: the validation MedPath relies on is real."""
    with pytest.raises(ValidationError, match=r"qualification\.0\.code"):
        Practitioner.model_validate({"resourceType": "Practitioner", "qualification": [{"period": {"end": "2027-01-01"}}]})


def test_the_code_table_cites_its_sources_and_codes_only_known_levels() -> None:
    """Every coded rule set names a v2-0360 code; a physician licence that an MD or a DO may hold stays uncoded."""
    codes = qualification_codes()
    assert codes["mi-md-licence"].code == "MD"
    assert codes["mi-do-licence"].code == "DO"
    assert codes["ca-rn-licence"].code == "RN"
    assert "tx-physician-licence" not in codes
    assert {code.system for code in codes.values()} == {"http://terminology.hl7.org/CodeSystem/v2-0360"}


def test_a_persons_practitioner_lists_licences_and_certifications_only(alice) -> None:
    """Credentials from the learning pillar: the licence coded through its rule set, a TB test left out."""
    from medpath.learning import services as learning

    learning.credential_save(
        user=alice,
        kind="licence",
        name="California RN licence",
        number="RN99",
        jurisdiction="US-CA",
        issuer="BRN",
        expires_on=date(2027, 3, 1),
        requirement_set_id="ca-rn-licence",
    )
    learning.credential_save(user=alice, kind="health_requirement", name="TB screening", expires_on=date(2027, 3, 1))
    document = json.loads(fhir.practitioner_json(fhir_practitioner(alice)))
    assert [q["code"]["text"] for q in document["qualification"]] == ["California RN licence"]
    assert document["qualification"][0]["code"]["coding"][0]["code"] == "RN"
    assert document["qualification"][0]["identifier"][0]["value"] == "RN99"
    assert document["name"] == [{"text": "Alice Adams"}]
