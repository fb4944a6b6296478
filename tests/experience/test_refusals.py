"""Every page and API operation of the experience pillar refuses a visitor and another user."""

from datetime import date

from django.urls import reverse

from medpath.experience import services, shifts
from medpath.experience.models import ProcedureTarget
from tests.experience.conftest import entry

PAGES = [
    "overview",
    "entries",
    "entry_new",
    "verifications",
    "verification_new",
    "targets",
    "procedures",
    "procedure_new",
    "hours",
    "hours_report",
    "shifts",
    "hours_settings",
    "hours_import",
]


def test_pages_refuse_a_visitor(client, refused) -> None:
    for name in PAGES:
        refused(client, "get", reverse(f"experience:{name}"))
    refused(client, "post", reverse("experience:procedure_target_new"))


def test_records_of_another_user_are_refused(alice, alice_client, charlie_client, refused, shadowing) -> None:
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", send=False
    )
    target = services.target_save(user=alice, label="Mine", kinds=["shadowing"], hours=10)
    procedure = services.procedure_save(user=alice, procedure="Appendectomy", performed_on=date(2026, 11, 1), role="performed")
    own_target = services.procedure_target_save(user=alice, label="Appys", procedure="Appendectomy", minimum=3)
    [shift] = shifts.shifts_save(alice, shifts.from_template(alice, shifts.BUILT_IN[0], date(2026, 11, 2), 1))
    other = entry(alice, "research", "3")
    refused(charlie_client, "get", reverse("experience:entry", args=[shadowing.pk]), owner=alice_client)
    refused(charlie_client, "get", reverse("experience:entry_edit", args=[shadowing.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("experience:entry_delete", args=[other.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("experience:verification_withdraw", args=[sent.request.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("experience:target_delete", args=[target.pk]), owner=alice_client)
    refused(charlie_client, "get", reverse("experience:procedure_edit", args=[procedure.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("experience:procedure_delete", args=[procedure.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("experience:procedure_target_delete", args=[own_target.pk]), owner=alice_client)
    refused(charlie_client, "post", reverse("experience:shift_delete", args=[shift.pk]), owner=alice_client)
    assert ProcedureTarget.objects.for_user(alice).count() == 1
    # Charlie's own lists never show Alice's records.
    assert "Shadowing a family physician" not in charlie_client.get(reverse("experience:entries")).content.decode()
    assert "Appendectomy" not in charlie_client.get(reverse("experience:procedures")).content.decode()


API = [
    ("get", "/api/v1/experience/entries"),
    ("post", "/api/v1/experience/entries"),
    ("get", "/api/v1/experience/totals"),
    ("get", "/api/v1/experience/targets"),
    ("post", "/api/v1/experience/targets"),
    ("get", "/api/v1/experience/hour-targets"),
    ("get", "/api/v1/experience/verifications"),
    ("post", "/api/v1/experience/verifications"),
    ("get", "/api/v1/experience/procedures"),
    ("post", "/api/v1/experience/procedures"),
    ("get", "/api/v1/experience/procedures/progress"),
    ("post", "/api/v1/experience/procedure-targets"),
    ("get", "/api/v1/experience/shifts"),
    ("post", "/api/v1/experience/shifts"),
    ("get", "/api/v1/experience/shift-templates"),
    ("post", "/api/v1/experience/shifts/from-template"),
    ("post", "/api/v1/experience/shifts/import"),
    ("get", "/api/v1/experience/work-hours/report"),
    ("get", "/api/v1/experience/work-hours/settings"),
    ("put", "/api/v1/experience/work-hours/settings"),
    ("post", "/api/v1/experience/work-hours/check"),
]


def test_api_refuses_a_visitor(client, refused) -> None:
    for method, path in API:
        if method in {"post", "put"}:
            refused(client, method, path, data={}, content_type="application/json")
        else:
            refused(client, method, path)


def test_api_refuses_another_users_records(alice, alice_client, charlie_client, refused, shadowing) -> None:
    sent = services.verification_request(
        user=alice, entry_ids=[shadowing.pk], supervisor_email="e@clinic.example.org", send=False
    )
    target = services.target_save(user=alice, label="Mine", kinds=["shadowing"], hours=10)
    procedure = services.procedure_save(user=alice, procedure="Appendectomy", performed_on=date(2026, 11, 1), role="performed")
    own_target = services.procedure_target_save(user=alice, label="Appys", procedure="Appendectomy", minimum=3)
    [shift] = shifts.shifts_save(alice, shifts.from_template(alice, shifts.BUILT_IN[0], date(2026, 11, 2), 1))
    body = {"kind": "shadowing", "title": "Changed", "started_on": "2026-11-02", "hours": "2"}
    refused(charlie_client, "get", f"/api/v1/experience/entries/{shadowing.pk}", owner=alice_client)
    refused(
        charlie_client,
        "put",
        f"/api/v1/experience/entries/{shadowing.pk}",
        owner=alice_client,
        data=body,
        content_type="application/json",
    )
    refused(charlie_client, "delete", f"/api/v1/experience/entries/{shadowing.pk}", owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/experience/verifications/{sent.request.pk}", owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/experience/targets/{target.pk}", owner=alice_client)
    refused(
        charlie_client,
        "put",
        f"/api/v1/experience/procedures/{procedure.pk}",
        owner=alice_client,
        data={"procedure": "X", "performed_on": "2026-11-01", "role": "observed"},
        content_type="application/json",
    )
    refused(charlie_client, "delete", f"/api/v1/experience/procedures/{procedure.pk}", owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/experience/procedure-targets/{own_target.pk}", owner=alice_client)
    refused(charlie_client, "delete", f"/api/v1/experience/shifts/{shift.pk}", owner=alice_client)
    # A verification request naming Alice's entry is refused to Charlie like an unknown entry.
    attempt = charlie_client.post(
        "/api/v1/experience/verifications",
        {"entry_ids": [shadowing.pk], "supervisor_email": "x@example.org"},
        content_type="application/json",
    )
    assert attempt.status_code == 422
    assert "entry_ids" in attempt.json()["fields"]
    assert charlie_client.get("/api/v1/experience/entries").json() == []
    assert charlie_client.get("/api/v1/experience/shifts").json() == []
