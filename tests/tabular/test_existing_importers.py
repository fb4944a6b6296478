"""The transcript and schedule imports, moved onto the shared reader, accept XLSX and report physical lines."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from medpath.experience.models import Shift
from medpath.experience.schedule import ScheduleRejected, read_schedule
from medpath.learning.models import LearningActivity
from medpath.learning.transcripts import parse_activities_csv
from tests.import_steps import import_through_page
from tests.tabular.xlsx import workbook


def test_a_transcript_workbook_reads_like_its_csv() -> None:
    """A date cell becomes YYYY-MM-DD and a number cell its amount; a formula is refused with its cell."""
    rows: list[list[object]] = [
        ["title", "completed_on", "credit_type", "amount"],
        ["Ethics", datetime(2025, 3, 1), "contact_hours", 1.5],
    ]
    read, problems = parse_activities_csv(workbook(rows))
    assert problems == []
    assert str(read[0][1].completed_on) == "2025-03-01"
    assert str(read[0][1].awards[0][1]) == "1.5"
    _, formula = parse_activities_csv(workbook([*rows, ["Law", "2025-03-02", "contact_hours", "=A1"]]))
    assert [(p.line, p.field) for p in formula] == [(3, "amount")]


def test_a_schedule_reports_the_first_physical_line_of_a_multi_line_record() -> None:
    """A quoted rotation over two lines: the bad row after it is at its physical line 4, not the third record."""
    text = (
        "resident,start,end,kind,rotation\n"
        'R1,2026-01-05T07:00-05:00,2026-01-05T19:00-05:00,clinical,"Internal\nmedicine"\n'
        "R1,2026-01-06T07:00-05:00,2026-01-06T19:00-05:00,surfing,\n"
    )
    with pytest.raises(ScheduleRejected) as rejected:
        read_schedule(text)
    assert [(p.line, p.field) for p in rejected.value.problems] == [(4, "kind")]


def test_the_schedule_page_imports_a_workbook(alice_client, alice, time_machine) -> None:
    """A rota saved as .xlsx with date-time cells (local times) imports from the schedule page."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)
    rows: list[list[object]] = [
        ["resident", "start", "end", "kind"],
        ["Alice", datetime(2026, 11, 2, 7), datetime(2026, 11, 2, 19), "clinical"],
    ]
    response = alice_client.post(
        reverse("experience:hours_import"),
        {"file": SimpleUploadedFile("rota.xlsx", workbook(rows)), "local_times": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Shift.objects.for_user(alice).count() == 1


def test_the_transcript_page_imports_a_workbook_and_refuses_a_fake_one(alice_client, alice, time_machine) -> None:
    """An .xlsx transcript imports; a text file named .xlsx is refused with a clear message and nothing saved."""
    time_machine.move_to("2026-11-25 15:00:00+00:00", tick=False)
    url = reverse("learning:activity_import")
    fake = import_through_page(alice_client, url, "t.xlsx", b"title,completed_on\n")
    assert "not an Excel workbook" in fake.content.decode()
    rows: list[list[object]] = [
        ["title", "completed_on", "credit_type", "amount"],
        ["Ethics", datetime(2025, 3, 1), "contact_hours", 1],
    ]
    response = import_through_page(alice_client, url, "t.xlsx", workbook(rows))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LearningActivity.objects.for_user(alice).count() == 1
