"""The experience log: hours from times or given, ranges, totals by period, targets, versions of verified entries."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from medpath.accounts.models import AuditEvent
from medpath.experience import services
from medpath.experience.models import ExperienceEntry, ExperienceVersion, Verification
from medpath.experience.selectors import spread, target_progress, totals, user_totals
from tests.experience.conftest import entry


def test_hours_come_from_the_times_in_the_users_zone(alice, shadowing) -> None:
    """08:00-13:00 is 5 hours; a night across the November DST change in Chicago is its real length (13 h)."""
    assert shadowing.hours == Decimal("5.00")
    night = services.entry_save(
        user=alice,
        kind="clinical_work",
        title="ED tech night",
        started_on=date(2026, 10, 31),
        start_time=time(19),
        end_time=time(7),
    )
    assert night.hours == Decimal("13.00")  # clocks fell back at 02:00 on 1 Nov 2026


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"started_on": date(2026, 5, 2), "ended_on": date(2026, 5, 1), "hours": Decimal(3)}, "ended_on"),
        ({"started_on": date(2026, 5, 1)}, "hours"),
        ({"started_on": date(2026, 5, 1), "start_time": time(9)}, "end_time"),
        (
            {"started_on": date(2026, 5, 1), "ended_on": date(2026, 5, 9), "start_time": time(9), "end_time": time(10)},
            "start_time",
        ),
        ({"started_on": date(2026, 5, 1), "hours": Decimal(25)}, "hours"),
        ({"started_on": date(2026, 5, 1), "start_time": time(9), "end_time": time(11), "hours": Decimal(5)}, "hours"),
        ({"started_on": date(2026, 5, 1), "hours": Decimal(2), "supervisor_email": "ALICE@example.org"}, "supervisor_email"),
        ({"started_on": date(2026, 5, 1), "hours": Decimal(2), "tags": ["x" * 41]}, "tags"),
    ],
)
def test_impossible_entries_are_refused_naming_the_field(alice, values, field) -> None:
    """Ends before it starts, no hours, one time only, times on a range, more hours than the days hold, hours that
    contradict the times, one's own address as supervisor, an over-long tag: each names its field and saves nothing."""
    with pytest.raises(ValidationError) as error:
        services.entry_save(user=alice, kind="research", title="Lab", **values)
    assert field in error.value.message_dict
    assert not ExperienceEntry.objects.for_user(alice).exists()


def test_tags_are_trimmed_and_deduplicated(alice) -> None:
    row = entry(alice, tags="Cardiology,  spanish , cardiology,")
    assert row.tags == ["cardiology", "spanish"]


def test_a_range_spreads_its_hours_over_the_months_it_covers() -> None:
    """300 hours from 15 June to 14 August: shared by days, and no hour lost to rounding."""
    shares = spread(date(2026, 6, 15), date(2026, 8, 14), Decimal(300), "month")
    assert set(shares) == {"2026-06", "2026-07", "2026-08"}
    assert sum(shares.values()) == Decimal(300)
    assert shares["2026-07"] == Decimal("152.46")  # 31 of 61 days


def test_totals_by_kind_and_year_count_verified_hours_apart(alice) -> None:
    entry(alice, "shadowing", "5", date(2025, 3, 1))
    entry(alice, "shadowing", "7", date(2026, 3, 1))
    verified = entry(alice, "clinical_work", "20", date(2026, 4, 1))
    ExperienceEntry.objects.for_user(alice).filter(pk=verified.pk).update(verification=Verification.VERIFIED)
    summary = user_totals(alice)
    assert summary.periods == ["2025", "2026"]
    assert summary.by_kind["shadowing"] == {"2025": Decimal(5), "2026": Decimal(7)}
    assert summary.total == Decimal(32)
    assert summary.verified == Decimal(20)
    assert [row[0] for row in summary.rows()] == ["clinical_work", "shadowing"]  # the kinds' order
    assert totals([], "month").total == 0


def test_catalog_target_progress_counts_its_kinds_only(alice) -> None:
    """UMMC's 35 shadowing hours (sourced in the catalog): clinical hours do not count toward it."""
    services.target_save(user=alice, catalog_id="umc-md-shadowing")
    entry(alice, "shadowing", "20")
    entry(alice, "clinical_work", "100", date(2026, 10, 2), ended_on=date(2026, 10, 20))
    [progress] = target_progress(alice)
    assert progress.counted == Decimal(20)
    assert progress.missing == Decimal(15)
    assert not progress.met
    assert progress.spec is not None
    assert progress.source is not None
    assert "umc.edu" in str(progress.source.url)
    with pytest.raises(ValidationError):
        services.target_save(user=alice, catalog_id="umc-md-shadowing")  # followed already
    with pytest.raises(ValidationError):
        services.target_save(user=alice, catalog_id="no-such-target")


def test_own_target_can_count_verified_hours_only(alice) -> None:
    target = services.target_save(
        user=alice, label="Verified clinical", kinds=["clinical_work"], hours=Decimal(10), verified_only=True
    )
    entry(alice, "clinical_work", "12")
    [progress] = target_progress(alice)
    assert progress.target == target
    assert progress.missing == Decimal(10)
    with pytest.raises(ValidationError) as error:
        services.target_save(user=alice, label="X", kinds=["juggling"], hours=Decimal(1))
    assert "kinds" in error.value.message_dict


def test_editing_a_verified_entry_keeps_the_verified_version_and_clears_it(alice, shadowing) -> None:
    ExperienceEntry.objects.for_user(alice).filter(pk=shadowing.pk).update(
        verification=Verification.VERIFIED, verified_by="Elena Ruiz", verified_email="eruiz@clinic.example.org"
    )
    row = ExperienceEntry.objects.for_user(alice).get()
    with pytest.raises(ValidationError) as locked:
        services.entry_save(user=alice, entry=row, end_time=time(14))
    assert "unlock_verified" in locked.value.message_dict
    assert not ExperienceVersion.objects.for_user(alice).exists()
    changed = services.entry_save(user=alice, entry=row, end_time=time(14), unlock_verified=True)
    assert changed.hours == Decimal("6.00")
    assert changed.verification == Verification.UNVERIFIED
    assert changed.revision == 2
    assert changed.verified_by == ""
    [version] = ExperienceVersion.objects.for_user(alice)
    assert version.revision == 1
    assert version.content["end_time"] == "13:00:00"
    assert version.verified_by == "Elena Ruiz"
    assert AuditEvent.objects.for_user(alice).filter(kind=AuditEvent.Kind.VERIFICATION_CLEARED).count() == 1
    # Saving without a change keeps everything as it is.
    again = services.entry_save(user=alice, entry=changed, end_time=time(14))
    assert again.revision == 2


def test_entry_pages_log_and_edit_with_the_lock_explained(alice_client, alice, shadowing) -> None:
    response = alice_client.post(
        reverse("experience:entry_new"),
        {
            "kind": "clinical_volunteering",
            "title": "Hospice volunteer",
            "started_on": "2026-11-20",
            "hours": "4",
            "tags": "hospice",
        },
    )
    created = ExperienceEntry.objects.for_user(alice).get(title="Hospice volunteer")
    assert response["Location"] == reverse("experience:entry", args=[created.pk])
    ExperienceEntry.objects.for_user(alice).filter(pk=shadowing.pk).update(verification=Verification.VERIFIED)
    form = {
        "kind": "shadowing",
        "title": "Shadowing a family physician",
        "started_on": "2026-11-02",
        "start_time": "08:00",
        "end_time": "12:00",
    }
    refused = alice_client.post(reverse("experience:entry_edit", args=[shadowing.pk]), form)
    assert "confirm_unlock" in refused.context["form"].errors
    assert ExperienceEntry.objects.for_user(alice).get(pk=shadowing.pk).verification == Verification.VERIFIED
    accepted = alice_client.post(reverse("experience:entry_edit", args=[shadowing.pk]), {**form, "confirm_unlock": "on"})
    assert accepted.status_code == 302
    page = alice_client.get(reverse("experience:entry", args=[shadowing.pk])).content.decode()
    assert "Earlier verified versions" in page
    overview = alice_client.get(reverse("experience:overview")).content.decode()
    assert "Hours by kind" in overview
    assert "Hospice volunteer" in overview


def test_the_privacy_guard_points_at_patient_identifiers_before_saving(alice_client, alice) -> None:
    """A patient's name in the reflection stops the save with the span quoted; confirming saves it as written."""
    form = {
        "kind": "shadowing",
        "title": "Shadowing in the ED",
        "started_on": "2026-11-20",
        "hours": "4",
        "reflection": "Pt John Carter, MRN 4481234, was scared before the scan.",
    }
    first = alice_client.post(reverse("experience:entry_new"), form)
    assert first.status_code == 200
    message = " ".join(first.context["form"].errors["reflection"])
    assert "John Carter" in message
    assert "4481234" in message
    assert not ExperienceEntry.objects.for_user(alice).exists()
    confirmed = alice_client.post(reverse("experience:entry_new"), {**form, "privacy_confirmed": "on"})
    assert confirmed.status_code == 302


def test_api_asks_for_privacy_confirmation_and_reports_fields(alice_client, alice) -> None:
    body = {
        "kind": "shadowing",
        "title": "Clinic",
        "started_on": "2026-11-20",
        "hours": "3",
        "description": "Mrs. Alvarez's visit",
    }
    refused = alice_client.post("/api/v1/experience/entries", body, content_type="application/json")
    assert refused.status_code == 422
    assert "description" in refused.json()["fields"]
    assert "privacy_confirmed" in refused.json()["fields"]
    created = alice_client.post(
        "/api/v1/experience/entries", {**body, "privacy_confirmed": True}, content_type="application/json"
    )
    assert created.status_code == 201
    assert Decimal(created.json()["hours"]) == 3
    entry_id = created.json()["id"]
    listed = alice_client.get("/api/v1/experience/entries?kind=shadowing").json()
    assert [row["id"] for row in listed] == [entry_id]
    assert alice_client.get("/api/v1/experience/entries?kind=juggling").status_code == 422
    put = alice_client.put(
        f"/api/v1/experience/entries/{entry_id}", {**body, "description": "", "hours": "4"}, content_type="application/json"
    )
    assert put.status_code == 200
    assert put.json()["revision"] == 2
    ExperienceEntry.objects.for_user(alice).filter(pk=entry_id).update(verification=Verification.VERIFIED)
    locked = alice_client.put(
        f"/api/v1/experience/entries/{entry_id}", {**body, "description": "", "hours": "5"}, content_type="application/json"
    )
    assert locked.status_code == 422
    assert "unlock_verified" in locked.json()["fields"]
    unlocked = alice_client.put(
        f"/api/v1/experience/entries/{entry_id}",
        {**body, "description": "", "hours": "5", "unlock_verified": True},
        content_type="application/json",
    )
    assert unlocked.json()["verification"] == "unverified"
    assert ExperienceVersion.objects.for_user(alice).filter(entry_id=entry_id).count() == 1
    totals_body = alice_client.get("/api/v1/experience/totals?period=month").json()
    assert {k: Decimal(v) for k, v in totals_body["by_kind"]["shadowing"].items()} == {"2026-11": Decimal(5)}
    assert alice_client.delete(f"/api/v1/experience/entries/{entry_id}").status_code == 204
