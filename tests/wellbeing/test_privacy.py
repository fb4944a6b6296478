"""Wellbeing is private by construction: every shared view, link, export and e-mail that exists is opened for
people whose check-ins hold distinctive values and notes, and none of it shows a wellbeing field, value, count or
date. The lists below are checked against the code: a new link purpose, or a new file download, fails this file
until it is added here (and shown to carry no wellbeing content) or exempted with its reason."""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader
from typer.testing import CliRunner

from medpath.accounts import links
from medpath.accounts.models import User
from medpath.cli import app
from medpath.demo import DEMO_PEOPLE, demo_load
from medpath.usertime import user_today
from medpath.wellbeing.models import CheckIn
from medpath.wellbeing.services import checkin_save
from tests.conftest import body_of

NOTE = "ZEBRAFINCH private note"
SLEEP = Decimal("13.5")
# What must never appear where others can see: the note, the odd sleep figure, and the pillar's words.
TELLTALES = ("zebrafinch", "13.5", "check-in", "checked in", "wellbeing", "burnout", "resilience", "mood", "sleep")

LINK_SURFACES = {  # purpose -> what opening its link shows
    "skills-mentor-share": "a mentor's snapshot",
    "experience-verification": "a supervisor's verification page",
    "skills-feedback": "a colleague's feedback form",
    "roadmap-calendar": "the roadmap calendar feed",
    "deadlines-calendar": "the deadlines calendar feed",
    "reminders-unsubscribe": "the page that stops reminder e-mails",
    "network-events-calendar": "the events calendar feed",
    "portfolio-calendar": "the combined calendar feed of the pillars chosen",
    "match-couple-invite": "an invitation to match as a couple (who invites; nothing of their records)",
}
LINKS_EXEMPT = {"password-reset": "sets a new password; shows no records of anyone"}
DOWNLOADS = {  # file -> how many downloads it makes (Content-Disposition, FileResponse, csv_download)
    "learning/views.py": 5,  # audit PDF and packet (opened below), the transcript sample, a certificate (the file
    # uploaded), the activities list as CSV/XLSX (opened below)
    "plans/views.py": 1,  # the roadmap calendar feed (opened below)
    "skills/views/assessment.py": 2,  # the descriptor sample, CSV and YAML (opened below)
    "experience/views/work_hours.py": 2,  # the schedule sample, the shifts list as CSV/XLSX (opened below)
    "experience/views/log.py": 2,  # the experience import sample, the experience log as CSV/XLSX (opened below)
    "experience/views/procedure_log.py": 1,  # the case log as CSV/XLSX (opened below)
    "skills/views/journal.py": 2,  # goals and reflections as CSV/XLSX (opened below)
    "tables.py": 1,  # table_download itself
    "uploads.py": 1,  # csv_download itself
    # the contacts' vCard file, the contacts import sample, the contact list as CSV/XLSX (opened below)
    "network/views/contacts.py": 3,
    "network/views/events.py": 3,  # the events' calendar feed and download, the list as CSV/XLSX (opened below)
    "network/views/memberships.py": 1,  # the memberships as CSV/XLSX (opened below)
    "applications/views.py": 1,  # an application draft as text (built from experiences, events, memberships only)
    # a rank list as CSV/XLSX and a simulated match's answer (programs, and the instance the person uploaded)
    "match/views.py": 3,  # and a couple's paired list as CSV/XLSX
    "portfolio/files.py": 1,  # download(): the CV in each format, the FHIR file, the combined calendar feed (opened below)
    # Exempt, not opened below: the person's own full archive (page download and GET /api/v1/archive) is the one
    # file that holds the check-ins by design, so a person who leaves takes everything with them. It is never shared
    # and answers only its signed-in owner; tests/archive/test_coverage.py asserts the check-ins ARE in it.
    "archive/views.py": 1,
    "archive/api.py": 1,
}
SRC = Path(__file__).resolve().parents[2] / "src" / "medpath"


def _telltales(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in TELLTALES if word in lowered]


def _check_in_everyone() -> list[User]:
    """Every demo person gets two check-ins with the distinctive note and sleep figure."""
    people = list(User.objects.filter(email__in=[person.email for person in DEMO_PEOPLE]))
    for person in people:
        today = user_today(person)
        for back in (0, 1):
            checkin_save(
                user=person,
                day=today - timedelta(days=back),
                mood=1,
                energy=1,
                stress=5,
                burnout=5,
                sleep_hours=SLEEP,
                note=NOTE,
                privacy_confirmed=True,
            )
    return people


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def _text_of(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "pdf" in kind:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(body))
        try:
            return " ".join(
                str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None
            )
        finally:
            book.close()
    if "zip" in kind:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            parts = []
            for name in archive.namelist():
                data = archive.read(name)
                parts.append(name)
                if name.endswith(".pdf"):
                    parts.append(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
                else:
                    parts.append(data.decode("utf-8", "replace"))
            return " ".join(parts)
    return body.decode("utf-8", "replace")


def test_the_lists_below_cover_every_link_purpose_and_download() -> None:
    """Every registered link purpose is opened below or exempted with its reason; every download is known."""
    registered = {name for name in links._PURPOSES if not name.startswith("test-")}  # other tests register test-*
    assert registered == set(LINK_SURFACES) | set(LINKS_EXEMPT)
    found = {}
    for path in SRC.rglob("*.py"):
        if "wellbeing" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        count = sum(text.count(call) for call in ('["Content-Disposition"]', "FileResponse(", "csv_download(", "table_download("))
        count -= text.count("def csv_download(") + text.count("def table_download(")
        if count:
            found[str(path.relative_to(SRC))] = count
    assert found == DOWNLOADS


def test_no_shared_view_export_or_email_shows_wellbeing(db, smtp_server, settings) -> None:
    """Open every shared link as a stranger, every export as its owner, and read every e-mail sent: nothing of the
    check-ins (note, values, even the words) appears."""
    from medpath.applications.models import ApplicationDraft
    from medpath.deadlines import run_reminder_jobs
    from medpath.experience.models import ExperienceEntry
    from medpath.experience.services.verification import verification_request
    from medpath.learning.links import DEADLINES_CALENDAR, UNSUBSCRIBE
    from medpath.learning.models import Credential
    from medpath.network.links import EVENTS_CALENDAR, EVENTS_CALENDAR_LIFETIME
    from medpath.plans.links import CALENDAR, CALENDAR_LIFETIME
    from medpath.portfolio.calendar import FEED_PILLARS
    from medpath.portfolio.cv import SECTIONS as CV_SECTIONS
    from medpath.portfolio.links import CALENDAR as PORTFOLIO_CALENDAR
    from medpath.portfolio.services import calendar_link_issue
    from medpath.skills.models import Reflection
    from medpath.skills.services.feedback import RaterIn, feedback_request_create
    from medpath.skills.services.sharing import SECTIONS, share_create

    settings.MEDPATH_BASE_URL = "http://testserver"
    demo_load()
    people = _check_in_everyone()
    by_email = {person.email: person for person in people}
    resident, premed = by_email["resident@demo.medpath.test"], by_email["premed@demo.medpath.test"]
    stranger = Client()
    opened: dict[str, list[str]] = {}

    def look(what: str, response: Any) -> None:
        assert response.status_code < 500, what
        text = _text_of(response)
        assert not _telltales(text), f"{what} shows {_telltales(text)}"
        opened.setdefault(what, []).append(text)

    reflections = list(Reflection.objects.for_user(resident).values_list("pk", flat=True))
    assert reflections, "the demo resident has reflections: share them too"
    shared = share_create(user=resident, sections=SECTIONS, reflection_ids=reflections, mentor_label="Dr Mentor")
    look("skills-mentor-share", stranger.get(_path(shared.url)))
    entry = ExperienceEntry.objects.for_user(premed).first()
    assert entry is not None
    sent = verification_request(user=premed, entry_ids=[entry.pk], supervisor_email="supervisor@example.org")
    look("experience-verification", stranger.get(_path(sent.url)))
    feedback_request_create(
        user=resident,
        title="Night float",
        raters=[
            RaterIn("kim@example.org", "nurse"),
            RaterIn("lopez@example.org", "peer"),
            RaterIn("osei@example.org", "supervisor"),
        ],
    )
    answer_url = re.search(r"http\S+/skills/feedback/answer/\S+/", body_of(smtp_server.last_to("kim@example.org")))
    assert answer_url is not None
    look("skills-feedback", stranger.get(_path(answer_url.group(0))))
    from medpath.match.models import RankList
    from medpath.match.services import couple_invite

    rank_list = RankList.objects.for_user(resident).first()
    assert rank_list is not None, "the demo resident keeps a rank list"
    _, invitation = couple_invite(user=resident, list_id=rank_list.pk)
    look("match-couple-invite", stranger.get(_path(invitation.url)))  # the logged-in partner's view: tests/match
    for person in people:
        for purpose, lifetime in (
            (CALENDAR, CALENDAR_LIFETIME),
            (DEADLINES_CALENDAR, DEADLINES_CALENDAR.max_lifetime),
            (EVENTS_CALENDAR, EVENTS_CALENDAR_LIFETIME),
        ):
            issued = links.link_issue(owner=person, purpose=purpose.name, lifetime=lifetime, label="Calendar app")
            look(purpose.name, stranger.get(_path(issued.url)))
        issued = links.link_issue(owner=person, purpose=UNSUBSCRIBE.name, lifetime=timedelta(days=30), label="Reminder e-mail")
        look(UNSUBSCRIBE.name, stranger.get(_path(issued.url)))
        issued = calendar_link_issue(user=person, pillars=list(FEED_PILLARS))  # every pillar the feed offers
        look(PORTFOLIO_CALENDAR.name, stranger.get(_path(issued.url)))
    assert set(opened) == set(LINK_SURFACES)

    packets = drafts = 0
    for person in people:
        owner = Client()
        owner.force_login(person)
        for credential in Credential.objects.for_user(person):
            look("audit PDF", owner.get(reverse("learning:packet_pdf", args=[credential.pk])))
            look("audit packet", owner.get(reverse("learning:packet_zip", args=[credential.pk])))
            packets += 1
        look("descriptor sample", owner.get(reverse("skills:descriptors_sample")))
        look("descriptor sample", owner.get(reverse("skills:descriptors_sample"), {"format": "yaml"}))
        look("transcript sample", owner.get(reverse("learning:activity_import_sample")))
        look("schedule sample", owner.get(reverse("experience:hours_import_sample")))
        look("experience import sample", owner.get(reverse("experience:entries_import_sample")))
        look("contacts import sample", owner.get(reverse("network:contacts_import_sample")))
        look("contacts vCard", owner.get(reverse("network:vcard_export")))
        look("events calendar", owner.get(reverse("network:events_ics")))
        lists = ("experience:entries", "experience:shifts", "experience:procedures", "learning:activities", "skills:goals")
        for route in (*lists, "skills:reflections", "network:contacts", "network:events", "network:memberships"):
            for fmt in ("csv", "xlsx"):
                look(f"{route} as {fmt}", owner.get(reverse(route), {"format": fmt}))
        for draft in ApplicationDraft.objects.for_user(person):
            look("application draft", owner.get(reverse("applications:draft_download", args=[draft.pk])))
            look("application export", owner.get(f"/api/v1/applications/drafts/{draft.pk}/export"))
            drafts += 1
        every_section = ",".join(CV_SECTIONS)  # reflections and released feedback too
        for file_format in ("pdf", "md", "json"):
            look(f"CV ({file_format})", owner.get("/api/v1/portfolio/cv", {"format": file_format, "sections": every_section}))
        look("FHIR practitioner", owner.get(reverse("portfolio:fhir")))
    assert packets, "the demo has credentials: their audit packets must be opened"
    assert drafts, "the demo has an application draft: its download and export must be opened"

    run_reminder_jobs()
    assert smtp_server.messages, "the verification and feedback e-mails at least"
    for message in smtp_server.messages:
        text = f"{message['Subject']} {body_of(message)}"
        assert not _telltales(text), f"e-mail {message['Subject']!r} shows {_telltales(text)}"


def test_no_wellbeing_content_reaches_the_logs(alice, alice_client, caplog) -> None:
    """Saving through the page, the API and the command, and reading the trend, log no value and no note."""
    caplog.set_level(logging.DEBUG)
    form = {"mood": "1", "energy": "1", "stress": "5", "burnout": "5", "sleep_hours": "13.5", "note": NOTE}
    alice_client.post(reverse("wellbeing:checkin"), form | {"day": user_today(alice).isoformat()})
    alice_client.post(reverse("wellbeing:checkin"), form | {"mood": "9"})  # a refused one too
    alice_client.post(
        "/api/v1/wellbeing/check-ins",
        json.dumps({"mood": 1, "energy": 1, "stress": 5, "burnout": 5, "sleep_hours": 13.5, "note": NOTE, "day": "2026-01-02"}),
        content_type="application/json",
    )
    alice_client.post(
        "/api/v1/wellbeing/check-ins",
        json.dumps({"mood": 7, "energy": 1, "stress": 5, "burnout": 5, "sleep_hours": 13.5, "note": NOTE}),
        content_type="application/json",
    )
    CliRunner().invoke(
        app,
        [
            "wellbeing",
            "check-in",
            "--user",
            alice.email,
            "--mood",
            "1",
            "--energy",
            "1",
            "--stress",
            "5",
            "--burnout",
            "5",
            "--sleep",
            "13.5",
            "--note",
            NOTE,
            "--day",
            "2026-01-03",
        ],
    )
    alice_client.get(reverse("wellbeing:overview"))
    alice_client.get("/api/v1/wellbeing/trend")
    alice_client.get("/wellbeing/check-ins/987654/")  # a 404: Django logs "Not Found: <path>"
    alice_client.delete("/api/v1/wellbeing/check-ins/987654")
    assert CheckIn.objects.for_user(alice).count() == 3
    assert "Not Found: /wellbeing/[private]" in caplog.text  # the warning stays, without the path
    assert "/api/v1/wellbeing/[private]" in caplog.text
    assert not re.search(r"/wellbeing/(?!\[private\])", caplog.text), caplog.text
    assert "ZEBRAFINCH" not in caplog.text
    assert "13.5" not in caplog.text
    assert str(CheckIn.objects.for_user(alice).first()).startswith("check-in ")
