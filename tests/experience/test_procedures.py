"""The procedure and case log against the catalog's ACGME general surgery minimums and the user's own targets."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from medpath.catalog.loader import catalog
from medpath.experience import services
from medpath.experience.models import ProcedureEntry
from medpath.experience.selectors import minimums_progress, procedure_target_progress

GS = "acgme-general-surgery-2017"


def case(user, category: str, role: str = "performed", name: str = "Case", chief: bool = False) -> ProcedureEntry:
    return services.procedure_save(
        user=user,
        procedure=name,
        category=f"{GS}:{category}" if category else "",
        performed_on=date(2026, 11, 1),
        role=role,
        chief_year=chief,
    )


def test_minimums_are_sourced_catalog_data() -> None:
    minimums = catalog().case_minimums[GS]
    by_id = {c.id: c for c in minimums.categories}
    assert by_id["total-major"].minimum == 850
    assert by_id["chief-year-major"].minimum == 200
    assert by_id["mastectomy"].parent == "breast"
    assert by_id["teaching-assistant"].roles == ["supervised"]
    assert minimums.source in catalog().sources


def test_a_case_counts_toward_its_category_its_parents_and_the_totals(alice) -> None:
    """A mastectomy performed counts for Mastectomy, Breast and Total; an assisted one counts nowhere; a chief-year case
    also counts for the chief-year total; a teaching-assistant case only for the TA minimum."""
    case(alice, "mastectomy")
    case(alice, "mastectomy", role="assisted")
    case(alice, "hernia", chief=True)
    case(alice, "appendix", role="supervised")
    case(alice, "", name="Central line")
    rows = {row.id: row for row in minimums_progress(catalog().case_minimums[GS], ProcedureEntry.objects.for_user(alice))}
    assert rows["mastectomy"].counted == 1
    assert rows["breast"].counted == 1
    assert rows["axilla"].counted == 0
    assert rows["hernia"].counted == 1
    assert rows["abdominal"].counted == 1
    assert rows["appendix"].counted == 0
    assert rows["teaching-assistant"].counted == 1
    assert rows["total-major"].counted == 2
    assert rows["chief-year-major"].counted == 1
    assert rows["breast"].missing == 39
    assert rows["mastectomy"].depth == 1


def test_own_targets_match_by_name_or_category(alice) -> None:
    case(alice, "", name="Central line placement")
    case(alice, "", name="central line placement")
    case(alice, "", name="Central line placement", role="observed")
    case(alice, "upper-endoscopy")
    by_name = services.procedure_target_save(user=alice, label="Lines", procedure="Central line placement", minimum=10)
    by_category = services.procedure_target_save(
        user=alice, label="Scopes", category=f"{GS}:endoscopy", minimum=5, roles=["performed"]
    )
    progress = {p.target.pk: p.counted for p in procedure_target_progress(alice, list(ProcedureEntry.objects.for_user(alice)))}
    assert progress == {by_name.pk: 2, by_category.pk: 1}


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"category": "acgme-general-surgery-2017:juggling"}, "category"),
        ({"category": "acgme-general-surgery-2017:total-major"}, "category"),
        ({"role": "watched"}, "role"),
        ({"performed_on": date(1900, 1, 1)}, "performed_on"),
    ],
)
def test_bad_procedures_are_refused(alice, values, field) -> None:
    data = {"procedure": "Appendectomy", "performed_on": date(2026, 11, 1), "role": "performed", **values}
    with pytest.raises(ValidationError) as error:
        services.procedure_save(user=alice, **data)
    assert field in error.value.message_dict


def test_procedure_pages_and_api(alice_client, alice) -> None:
    response = alice_client.post(
        reverse("experience:procedure_new"),
        {
            "procedure": "Laparoscopic cholecystectomy",
            "category": f"{GS}:biliary",
            "performed_on": "2026-11-20",
            "role": "performed",
            "supervision": "direct",
        },
    )
    assert response.status_code == 302
    page = alice_client.get(reverse("experience:procedures")).content.decode()
    assert "ACGME general surgery defined category minimums" in page
    assert "1 of 85" in page
    flagged = alice_client.post(
        "/api/v1/experience/procedures",
        {
            "procedure": "Appendectomy",
            "performed_on": "2026-11-21",
            "role": "performed",
            "notes": "Patient Mary Jones, DOB 3/4/1950",
        },
        content_type="application/json",
    )
    assert flagged.status_code == 422
    assert "notes" in flagged.json()["fields"]
    progress = alice_client.get("/api/v1/experience/procedures/progress").json()
    biliary = next(c for c in progress["minimums"][0]["categories"] if c["id"] == f"{GS}:biliary")
    assert biliary["counted"] == 1
    assert biliary["minimum"] == 85
    target = alice_client.post(
        "/api/v1/experience/procedure-targets",
        {"label": "Choles", "category": f"{GS}:biliary", "minimum": 20},
        content_type="application/json",
    )
    assert target.status_code == 201
    assert target.json()["counted"] == 1
    case = ProcedureEntry.objects.for_user(alice).get()
    changed = alice_client.post(
        reverse("experience:procedure_edit", args=[case.pk]),
        {"procedure": "Open cholecystectomy", "category": f"{GS}:biliary", "performed_on": "2026-11-20", "role": "assisted"},
    )
    assert changed.status_code == 302
    assert ProcedureEntry.objects.for_user(alice).get().role == "assisted"
    put = alice_client.put(
        f"/api/v1/experience/procedures/{case.pk}",
        {"procedure": "Open cholecystectomy", "performed_on": "2026-11-20", "role": "performed", "category": f"{GS}:biliary"},
        content_type="application/json",
    )
    assert put.json()["role"] == "performed"
