"""The CV through the page (choose, order, save, download), the API (each format) and `medpath cv`: one code path;
check-ins never appear; reflections and feedback only when chosen, feedback as released aggregates only."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.urls import reverse
from typer.testing import CliRunner

from medpath.cli import app
from medpath.portfolio import cv, services
from medpath.portfolio.models import CvChoice
from tests.portfolio.jsonresume import Resume

NOTE = "zebrafinch night, slept 13.5"
REFLECTION = "The family meeting taught me to pause"


@pytest.fixture
def career(alice) -> dict[str, Any]:
    """Alice's records across the pillars, a private check-in and a released feedback request."""
    from django.utils import timezone

    from medpath.experience import services as experience
    from medpath.experience.models import ExperienceEntry
    from medpath.learning import services as learning
    from medpath.network.services import events, memberships
    from medpath.skills.models import FeedbackRequest, Reflection
    from medpath.skills.services.feedback import instrument_of
    from medpath.wellbeing.models import CheckIn

    verified = experience.entry_save(
        user=alice,
        kind="clinical_work",
        title="ED scribe",
        organization="County ED",
        started_on=date(2026, 1, 5),
        ended_on=date(2026, 6, 30),
        hours=100,
    )
    ExperienceEntry.objects.for_user(alice).filter(pk=verified.pk).update(verification="verified", verified_by="Dr. Ruiz")
    experience.entry_save(user=alice, kind="shadowing", title="Shadowing", started_on=date(2026, 2, 5), hours=8)
    learning.credential_save(
        user=alice,
        kind="licence",
        name="California RN licence",
        number="RN123456",
        jurisdiction="US-CA",
        expires_on=date(2027, 7, 31),
    )
    events.event_save(
        user=alice,
        title="Regional nursing conference",
        starts_on=date(2026, 9, 3),
        role="presenter",
        presentation_title="Sepsis huddles",
    )
    memberships.membership_save(user=alice, association="American Nurses Association")
    services.publication_save(user=alice, title="Hand-off errors", year=2026, venue="J Nurs Care")
    services.award_save(user=alice, title="Daisy award", awarded_on=date(2026, 11, 2))
    Reflection(
        owner=alice, written_on=date(2026, 10, 1), title="Family meeting", text=REFLECTION, framework_id="medpath-interpersonal"
    ).save()
    instrument = instrument_of("medpath-colleague-feedback")
    FeedbackRequest(
        owner=alice,
        title="Ward rotation",
        instrument_id=instrument.id,
        framework_id="medpath-interpersonal",
        minimum_answers=3,
        closes_on=date(2026, 11, 24),
        closes_at=timezone.now(),
        closed_at=timezone.now(),
        answers=3,
        tally={item.id: {"nurse": [0, 0, 0, 0, 3, 0]} for item in instrument.items},
        comments=["Always kind to families"],
    ).save()
    CheckIn(owner=alice, day=date(2026, 12, 1), mood=1, energy=1, stress=5, burnout=5, sleep_hours=13.5, note=NOTE).save()
    return {"instrument": instrument}


def _text(response: Any) -> str:
    if response["Content-Type"] == "application/pdf":
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    text: str = response.content.decode()
    return text


def _form(order: list[str]) -> dict[str, str]:
    form = {f"include_{key}": "on" for key in order}
    form.update({f"order_{key}": str(place) for place, key in enumerate(order, start=1)})
    return form


def test_the_page_previews_the_saved_choice_and_saves_a_new_order(alice, alice_client, career) -> None:
    """The default preview leaves reflections out; a posted choice is saved in the order of its numbers."""
    page = alice_client.get(reverse("portfolio:overview"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "ED scribe" in text
    assert "Verified hours: 100" in text
    assert REFLECTION not in text
    form = {
        "include_awards": "on",
        "order_awards": "2",
        "include_education": "on",
        "order_education": "1",
        "order_feedback": "3",
        "action": "save",
    }
    assert alice_client.post(reverse("portfolio:cv_submit"), form).status_code == 302
    assert CvChoice.objects.for_user(alice).get().sections == ["education", "awards"]


def test_a_bad_order_number_is_shown_beside_its_section(alice, alice_client) -> None:
    """Order 0 or a word: 422, the message beside that section, nothing saved; no section at all: said at the top."""
    response = alice_client.post(
        reverse("portfolio:cv_submit"), {"include_awards": "on", "order_awards": "zero", "action": "save"}
    )
    assert response.status_code == 422
    assert "A whole number from 1 to 11." in response.content.decode()
    assert not CvChoice.objects.for_user(alice).exists()
    nothing = alice_client.post(reverse("portfolio:cv_submit"), {"action": "pdf"})
    assert nothing.status_code == 422
    assert "Choose at least one section." in nothing.content.decode()


def test_downloading_saves_the_choice_and_records_when(alice, alice_client, career, time_machine) -> None:
    """The PDF holds the chosen sections (reflections included because chosen) and never a check-in."""
    time_machine.move_to("2027-01-10 15:00:00+00:00", tick=False)
    alice_client.force_login(alice)  # a session of that day
    response = alice_client.post(reverse("portfolio:cv_submit"), _form(["reflections", "awards"]) | {"action": "pdf"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Alice-Adams-cv-2027-01-10.pdf"'
    text = _text(response)
    assert "Reflections" in text
    assert "Daisy award" in text
    assert "ED scribe" not in text
    assert "zebrafinch" not in text
    assert "13.5" not in text
    choice = CvChoice.objects.for_user(alice).get()
    assert choice.sections == ["reflections", "awards"]
    assert choice.generated_format == "pdf"
    assert choice.generated_at is not None
    assert choice.generated_at.date() == date(2027, 1, 10)


@pytest.mark.parametrize("file_format", ["pdf", "md", "json"])
def test_the_api_answers_each_format_and_records_nothing(alice, alice_client, career, file_format: str) -> None:
    """GET /portfolio/cv: the file in the format asked for, with the sections asked for; no write on a read."""
    response = alice_client.get("/api/v1/portfolio/cv", {"format": file_format, "sections": "awards,feedback"})
    assert response.status_code == 200, response.content
    text = _text(response)
    assert "Daisy award" in text
    assert "Always kind to families" not in text
    assert "Hand-off errors" not in text
    if file_format == "json":
        document = json.loads(text)
        Resume.model_validate(document)
        assert document["x-medpath"]["feedback"][0]["answers"] == 3
    assert not CvChoice.objects.for_user(alice).exists()


def test_the_api_refuses_an_unknown_section_naming_it(alice_client) -> None:
    """422 with the field and the section's name."""
    response = alice_client.get("/api/v1/portfolio/cv", {"format": "md", "sections": "awards,wellbeing"})
    assert response.status_code == 422
    assert "wellbeing" in response.json()["fields"]["sections"][0]
    bad = alice_client.put("/api/v1/portfolio/cv/sections", {"sections": ["mood"]}, content_type="application/json")
    assert bad.status_code == 422
    assert "sections" in bad.json()["fields"]


def test_every_section_chosen_still_shows_no_check_in(alice, alice_client, career) -> None:
    """All eleven sections in every format: nothing of the resilience pillar, not even its words."""
    every = ",".join(cv.SECTIONS)
    for file_format in ("md", "json", "pdf"):
        text = _text(alice_client.get("/api/v1/portfolio/cv", {"format": file_format, "sections": every})).lower()
        for word in ("zebrafinch", "13.5", "check-in", "wellbeing", "burnout", "mood", "sleep", "resilience"):
            assert word not in text, (file_format, word)
        assert "sepsis huddles" in text
        assert "ed scribe" in text


def test_the_command_writes_the_file_the_api_gives(alice, alice_client, career, tmp_path: Path) -> None:
    """`medpath cv --format md --sections …` writes the same Markdown the API answers and records the making."""
    out = tmp_path / "cv.md"
    result = CliRunner().invoke(
        app, ["cv", "--user", alice.email, "--format", "md", "--sections", "credentials,memberships", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    api = alice_client.get("/api/v1/portfolio/cv", {"format": "md", "sections": "credentials,memberships"})
    assert out.read_bytes() == api.content
    assert "****3456" not in out.read_text()
    assert "Number ending 3456" in out.read_text()
    assert CvChoice.objects.for_user(alice).get().generated_format == "md"
    refused = CliRunner().invoke(app, ["cv", "--user", alice.email, "--format", "md", "--sections", "mood"])
    assert refused.exit_code == 2
    assert "Unknown section 'mood'" in refused.output


def test_the_fhir_download_and_command(alice, alice_client, career, tmp_path: Path) -> None:
    """The page's file, the API's and the command's are one resource."""
    from fhir.resources.R4B.practitioner import Practitioner

    page = alice_client.get(reverse("portfolio:fhir"))
    assert page["Content-Type"] == "application/fhir+json"
    resource = Practitioner.model_validate_json(page.content)
    assert [q.code.text for q in resource.qualification or []] == ["California RN licence"]
    assert alice_client.get("/api/v1/portfolio/fhir").content == page.content
    out = tmp_path / "p.json"
    assert CliRunner().invoke(app, ["fhir", "--user", alice.email, "--out", str(out)]).exit_code == 0
    assert json.loads(out.read_text()) == json.loads(page.content)


def test_the_card_says_sections_and_the_last_cv(alice, alice_client, career, time_machine) -> None:
    """The Portfolio card follows the pillars' cards on the dashboard."""
    time_machine.move_to("2027-01-10 15:00:00+00:00", tick=False)
    alice_client.force_login(alice)  # a session of that day
    services.cv_generated(user=alice, file_format="pdf")
    cards = alice_client.get(reverse("home:dashboard")).context["cards"]
    card = cards[-1]
    assert card.pillar == "portfolio"
    assert card.summary == "9 CV sections chosen. 1 publication and 1 award kept. Last CV made 10 Jan 2027."
