"""Frameworks and self-assessment: choosing a framework, saving and replacing assessments, history, deletion, bad
input, one's own level descriptors (file import and form), pages, API and commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from typer.testing import CliRunner

from medpath.cli import app
from medpath.skills.models import Descriptor, FrameworkChoice, SelfAssessment, SelfRating
from medpath.skills.services.assessment import assessment_save, descriptor_save, descriptors_import, framework_choose
from tests.concurrency import failed, race, racing
from tests.pagetext import visible_text

runner = CliRunner()
ACGME = "acgme-core-competencies"
# Alice has no career stage: she starts on MedPath's interpersonal set (the general 1-5 scale, no levels of its own).
GENERAL = "medpath-interpersonal"


@pytest.fixture(autouse=True)
def _frozen_today(time_machine: Any) -> None:
    """Saturday 5 December 2026, noon in Chicago (Alice's zone)."""
    time_machine.move_to("2026-12-05 18:00:00+00:00", tick=False)


def _ratings(**levels: int) -> dict[str, str]:
    return {f"rating_{competency.replace('_', '-')}": str(level) for competency, level in levels.items()}


def _upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def _import_page(client: Any, name: str, text: str) -> Any:
    return client.post(reverse("skills:descriptors"), {"form": "import", "i-file": _upload(name, text)})


# --- Outsiders -------------------------------------------------------------------------------------------------


def test_outsiders_are_refused_every_page(client, charlie_client, alice_client, alice, refused) -> None:
    """Without an account every page sends to the log-in page; Charlie cannot delete Alice's self-assessment."""
    for name in ("overview", "framework", "assess", "history", "descriptors", "descriptors_sample"):
        refused(client, "get", reverse(name if ":" in name else f"skills:{name}"))
    refused(client, "post", reverse("skills:framework"), data={"framework_id": "qsen"})
    mine = assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 3})
    refused(charlie_client, "post", reverse("skills:assessment_delete", args=[mine.pk]), owner=alice_client)
    assert SelfAssessment.objects.for_user(alice).filter(pk=mine.pk).exists()


def test_outsiders_are_refused_every_api_operation(client, charlie_client, alice_client, alice, refused) -> None:
    """Each operation answers 401 without a token or session; Charlie's DELETE of Alice's assessment answers 404."""
    body = {"framework_id": GENERAL, "ratings": {"empathy": 3}}
    refused(client, "get", "/api/v1/skills/frameworks")
    refused(client, "get", f"/api/v1/skills/frameworks/{ACGME}", shared_data=True)
    refused(client, "get", "/api/v1/skills/framework")
    refused(client, "put", "/api/v1/skills/framework", data={"framework_id": "qsen"}, content_type="application/json")
    refused(client, "get", "/api/v1/skills/assessments")
    refused(client, "post", "/api/v1/skills/assessments", data=body, content_type="application/json")
    refused(client, "get", "/api/v1/skills/profile")
    refused(client, "get", "/api/v1/skills/descriptors")
    refused(
        client,
        "put",
        "/api/v1/skills/descriptors",
        data={"framework_id": GENERAL, "format": "csv", "text": "competency,level,descriptor\nempathy,1,Notices.\n"},
        content_type="application/json",
    )
    mine = assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 3})
    refused(charlie_client, "delete", f"/api/v1/skills/assessments/{mine.pk}", owner=alice_client)
    assert SelfAssessment.objects.for_user(alice).filter(pk=mine.pk).exists()
    assert charlie_client.get("/api/v1/skills/assessments").json() == []


# --- Frameworks ------------------------------------------------------------------------------------------------


def test_the_framework_page_lists_each_framework_with_its_facts(alice_client) -> None:
    """Each framework shows its issuer, version, licence note and whether it has levels; the current one is checked."""
    page = alice_client.get(reverse("skills:framework"))
    text = visible_text(page.content)
    assert "Accreditation Council for Graduate Medical Education" in text
    assert "Quality and Safety Education for Nurses" in text
    assert "level 4 the graduation target" in text
    assert "MedPath's general scale of 1 to 5" in text
    assert "Licence: Milestones documents are (c) ACGME" in text
    checked = [line for line in page.content.decode().splitlines() if "checked" in line]
    assert len(checked) == 1
    assert f'value="{GENERAL}"' in checked[0]  # Alice has not chosen: the general set is hers until she does


def test_choosing_a_framework_on_the_page_and_through_the_api(alice, alice_client) -> None:
    """The choice is saved, shown on the profile, and read back by the API; PUT changes it again."""
    answer = alice_client.post(reverse("skills:framework"), {"framework_id": ACGME})
    assert answer.status_code == 302
    assert FrameworkChoice.objects.for_user(alice).get().framework_id == ACGME
    profile = visible_text(alice_client.get(reverse("skills:overview")).content)
    assert "You work against ACGME core competencies and Milestones levels" in profile
    assert alice_client.get("/api/v1/skills/framework").json()["id"] == ACGME
    changed = alice_client.put("/api/v1/skills/framework", {"framework_id": "qsen"}, content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["name"].startswith("QSEN")
    assert FrameworkChoice.objects.for_user(alice).get().framework_id == "qsen"


def test_an_unknown_framework_is_refused(alice, alice_client) -> None:
    """An id the catalog lacks: 422 naming framework_id, a field error on the page, and nothing saved."""
    answer = alice_client.put("/api/v1/skills/framework", {"framework_id": "nope"}, content_type="application/json")
    assert answer.status_code == 422
    assert "There is no framework" in answer.json()["fields"]["framework_id"][0]
    page = alice_client.post(reverse("skills:framework"), {"framework_id": "nope"})
    assert page.status_code == 200
    assert "Select a valid choice" in visible_text(page.content)
    assert not FrameworkChoice.objects.for_user(alice).exists()
    assert alice_client.get("/api/v1/skills/frameworks/nope").status_code == 404


def test_the_frameworks_api_gives_levels_and_parents(alice_client) -> None:
    """ACGME comes with its own levels (4 the target) and subcompetencies under their parents; QSEN with the general scale."""
    frameworks = {row["id"]: row for row in alice_client.get("/api/v1/skills/frameworks").json()}
    acgme = frameworks[ACGME]
    assert acgme["has_levels"] is True
    assert [level["number"] for level in acgme["levels"] if level["graduation_target"]] == [4]
    children = [c for c in acgme["competencies"] if c["parent"] == "professionalism"]
    assert len(children) == 3
    assert all(c["rateable"] for c in children)
    assert not next(c for c in acgme["competencies"] if c["id"] == "professionalism")["rateable"]
    assert frameworks["qsen"]["has_levels"] is False
    assert [level["number"] for level in frameworks["qsen"]["levels"]] == [1, 2, 3, 4, 5]
    assert alice_client.get(f"/api/v1/skills/frameworks/{ACGME}").json() == acgme


# --- Saving, replacing, history, deleting ----------------------------------------------------------------------


def test_saving_an_assessment_on_the_page(alice, alice_client) -> None:
    """Two competencies rated, the rest "not rated this time": two ratings saved, shown on the profile with labels."""
    assess = alice_client.get(reverse("skills:assess"))
    assert assess.status_code == 200
    page = assess.content.decode()
    assert 'value="2026-12-05"' in page  # the date defaults to today, in Alice's zone
    assert "Not rated this time" in page
    answer = alice_client.post(
        reverse("skills:assess"),
        {"assessed_on": "2026-12-05", "note": "After the team debrief.", **_ratings(empathy=3, teamwork=4)},
    )
    assert answer.status_code == 302, answer.content
    saved = SelfAssessment.objects.for_user(alice).get()
    assert saved.framework_id == GENERAL
    assert saved.note == "After the team debrief."
    assert {r.competency_id: r.level for r in saved.ratings.all()} == {"empathy": 3, "teamwork": 4}
    profile = visible_text(alice_client.get(reverse("skills:overview")).content)
    assert "3: Capable: I manage on my own in usual situations" in profile
    assert "not rated yet" in profile


def test_the_assess_page_groups_subcompetencies_and_shows_the_last_rating(alice, alice_client) -> None:
    """Under ACGME the subcompetencies are grouped by their competency, each showing the previous level and date."""
    framework_choose(user=alice, framework_id=ACGME)
    assessment_save(
        user=alice, framework_id=ACGME, ratings={"prof-2-accountability-and-conscientiousness": 2}, assessed_on=date(2026, 6, 1)
    )
    text = visible_text(alice_client.get(reverse("skills:assess")).content)
    page = alice_client.get(reverse("skills:assess")).content.decode()
    assert "<h2>Professionalism</h2>" in page
    assert page.index("<h2>Professionalism</h2>") < page.index("Accountability and Conscientiousness")
    assert page.index("Accountability and Conscientiousness") < page.index("<h2>Systems-Based Practice</h2>")
    assert "Last time (1 Jun 2026): level 2, Increased achievement beyond entry." in text
    assert "Not rated before." in text
    assert "Interpersonal and Communication Skills" in text


def test_the_same_day_replaces_and_other_days_are_kept(alice, alice_client) -> None:
    """A second save on one day replaces that day's ratings; another day adds to the history (API)."""
    url = "/api/v1/skills/assessments"
    first = alice_client.post(
        url, {"framework_id": GENERAL, "assessed_on": "2026-11-01", "ratings": {"empathy": 2}}, content_type="application/json"
    )
    assert first.status_code == 201, first.content
    again = alice_client.post(
        url,
        {"framework_id": GENERAL, "assessed_on": "2026-11-01", "ratings": {"empathy": 3, "teamwork": 3}},
        content_type="application/json",
    )
    assert again.status_code == 201
    assert again.json()["ratings"] == {"empathy": 3, "teamwork": 3}
    today = alice_client.post(
        url, {"framework_id": GENERAL, "ratings": {"empathy": 4, "teamwork": None}}, content_type="application/json"
    )
    assert today.json()["assessed_on"] == "2026-12-05"
    assert today.json()["ratings"] == {"empathy": 4}
    listed = alice_client.get(url).json()
    assert [(row["assessed_on"], row["ratings"]) for row in listed] == [
        ("2026-12-05", {"empathy": 4}),
        ("2026-11-01", {"empathy": 3, "teamwork": 3}),
    ]
    empathy = next(c for c in alice_client.get("/api/v1/skills/profile").json()["competencies"] if c["id"] == "empathy")
    assert empathy["points"] == [{"assessed_on": "2026-11-01", "level": 3}, {"assessed_on": "2026-12-05", "level": 4}]
    assert empathy["latest_level"] == 4


def test_the_assess_page_starts_from_todays_assessment(alice, alice_client) -> None:
    """Opening the form again on the same day shows what was saved, and says saving replaces it."""
    assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 2}, note="First go.")
    page = alice_client.get(reverse("skills:assess")).content.decode()
    assert "saving again replaces" in page
    assert 'value="2" id="id_rating_empathy_2" checked' in page
    assert "First go." in page


def test_history_lists_every_assessment_newest_first_and_deletes(alice, alice_client) -> None:
    """The history shows each day's ratings newest first; its delete button removes that one with its ratings."""
    older = assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 2}, assessed_on=date(2026, 5, 1))
    assessment_save(user=alice, framework_id="qsen", ratings={"safety": 4}, assessed_on=date(2026, 11, 1))
    text = visible_text(alice_client.get(reverse("skills:history")).content)
    assert text.index("1 Nov 2026") < text.index("1 May 2026")
    assert "QSEN competencies" in text
    assert "Safety: level 4 (Proficient: I manage well, also in hard situations)" in text
    answer = alice_client.post(reverse("skills:assessment_delete", args=[older.pk]))
    assert answer.status_code == 302
    assert not SelfAssessment.objects.for_user(alice).filter(pk=older.pk).exists()
    assert not SelfRating.objects.for_user(alice).filter(assessment_id=older.pk).exists()
    assert "1 May 2026" not in visible_text(alice_client.get(reverse("skills:history")).content)


def test_deleting_through_the_api(alice, alice_client) -> None:
    """DELETE answers 204 and the assessment is gone; again, 404."""
    mine = assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 3})
    assert alice_client.delete(f"/api/v1/skills/assessments/{mine.pk}").status_code == 204
    assert not SelfAssessment.objects.for_user(alice).exists()
    assert alice_client.delete(f"/api/v1/skills/assessments/{mine.pk}").status_code == 404


# --- Bad input -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 6, -1, 99])
def test_a_level_outside_the_scale_is_refused_by_the_api(alice, alice_client, level) -> None:
    """A level outside 1-5: 422 naming ratings.<competency>, and nothing saved (not even the good rating beside it)."""
    answer = alice_client.post(
        "/api/v1/skills/assessments",
        {"framework_id": GENERAL, "ratings": {"empathy": 3, "teamwork": level}},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["fields"] == {"ratings.teamwork": ["Choose a level from 1 to 5."]}
    assert not SelfAssessment.objects.for_user(alice).exists()


@pytest.mark.parametrize("level", ["0", "6"])
def test_a_level_outside_the_scale_is_refused_on_the_page(alice, alice_client, level) -> None:
    """A forged radio value is refused next to its competency; nothing is saved."""
    answer = alice_client.post(
        reverse("skills:assess"), {"assessed_on": "2026-12-05", **_ratings(empathy=3), "rating_teamwork": level}
    )
    assert answer.status_code == 400
    assert answer.context["form"].errors["rating_teamwork"]
    assert not SelfAssessment.objects.for_user(alice).exists()


def test_a_competency_of_another_framework_is_refused(alice, alice_client) -> None:
    """QSEN's "safety" is not in MedPath's interpersonal set: 422 naming it, nothing saved."""
    answer = alice_client.post(
        "/api/v1/skills/assessments",
        {"framework_id": GENERAL, "ratings": {"safety": 3, "empathy": 2}},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "has no competency 'safety' to rate" in answer.json()["fields"]["ratings.safety"][0]
    parent = alice_client.post(
        "/api/v1/skills/assessments", {"framework_id": ACGME, "ratings": {"professionalism": 3}}, content_type="application/json"
    )
    assert "ratings.professionalism" in parent.json()["fields"]  # rated through its subcompetencies
    assert not SelfAssessment.objects.for_user(alice).exists()


def test_a_future_date_is_refused(alice, alice_client) -> None:
    """Tomorrow, in Alice's zone: refused on the page and in the API, nothing saved."""
    page = alice_client.post(reverse("skills:assess"), {"assessed_on": "2026-12-06", **_ratings(empathy=3)})
    assert page.status_code == 400
    assert page.context["form"].errors["assessed_on"] == ["A self-assessment is of today or an earlier day."]
    answer = alice_client.post(
        "/api/v1/skills/assessments",
        {"framework_id": GENERAL, "assessed_on": "2026-12-06", "ratings": {"empathy": 3}},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert "assessed_on" in answer.json()["fields"]
    assert not SelfAssessment.objects.for_user(alice).exists()


def test_nothing_rated_is_refused(alice, alice_client) -> None:
    """Every competency "not rated this time": the page asks for one rating, the API names ratings."""
    page = alice_client.post(reverse("skills:assess"), {"assessed_on": "2026-12-05"})
    assert "Rate at least one competency." in visible_text(page.content)
    answer = alice_client.post(
        "/api/v1/skills/assessments", {"framework_id": GENERAL, "ratings": {}}, content_type="application/json"
    )
    assert answer.json()["fields"] == {"ratings": ["Rate at least one competency."]}
    assert not SelfAssessment.objects.for_user(alice).exists()


def test_a_note_naming_a_patient_needs_confirmation(alice, alice_client) -> None:
    """The privacy guard points at a record number in the note; saved only once Alice confirms."""
    data = {"assessed_on": "2026-12-05", "note": "Handled MRN 12345678 well.", **_ratings(empathy=3)}
    flagged = alice_client.post(reverse("skills:assess"), data)
    assert flagged.status_code == 400
    assert "This may identify a patient" in visible_text(flagged.content)
    assert not SelfAssessment.objects.for_user(alice).exists()
    assert alice_client.post(reverse("skills:assess"), {**data, "privacy_confirmed": "on"}).status_code == 302
    assert SelfAssessment.objects.for_user(alice).get().note == "Handled MRN 12345678 well."
    body = {"framework_id": GENERAL, "assessed_on": "2026-12-01", "ratings": {"empathy": 2}, "note": "MRN 12345678"}
    api = alice_client.post("/api/v1/skills/assessments", body, content_type="application/json")
    assert set(api.json()["fields"]) == {"note", "privacy_confirmed"}


# --- Descriptors -----------------------------------------------------------------------------------------------

CSV_GOOD = (
    "competency,level,descriptor\n"
    'empathy,1,"Notices distress when it is pointed out,\nand says so."\n'
    "empathy,2,Notices distress unprompted.\n"
    "teamwork,3,Shares work without being asked.\n"
)
YAML_GOOD = f"""framework: {GENERAL}
descriptors:
  - competency: empathy
    level: 1
    descriptor: Notices distress when it is pointed out.
  - competency: teamwork
    level: 3
    descriptor: Shares work without being asked.
"""


def test_importing_descriptors_from_csv_and_yaml(alice, alice_client) -> None:
    """A CSV (with a quoted cell over two lines) and then a YAML file; each replaces the framework's descriptors."""
    answer = _import_page(alice_client, "mine.csv", CSV_GOOD)
    assert answer.status_code == 302, answer.content
    rows = {(d.competency_id, d.level): d.text for d in Descriptor.objects.for_user(alice)}
    assert rows[("empathy", 1)] == "Notices distress when it is pointed out,\nand says so."
    assert len(rows) == 3
    assert _import_page(alice_client, "mine.yaml", YAML_GOOD).status_code == 302
    assert {(d.competency_id, d.level) for d in Descriptor.objects.for_user(alice)} == {("empathy", 1), ("teamwork", 3)}
    page = visible_text(alice_client.get(reverse("skills:descriptors")).content)
    assert "Shares work without being asked." in page


def test_descriptors_are_shown_on_the_assess_page(alice, alice_client) -> None:
    """Each level's own descriptor appears under its radio button."""
    descriptors_import(user=alice, framework_id=GENERAL, text=CSV_GOOD, kind="csv")
    page = alice_client.get(reverse("skills:assess")).content.decode()
    empathy = page[page.index("id_rating_empathy_1") :]
    assert "Notices distress when it is pointed out,<br>and says so." in empathy[: empathy.index("id_rating_empathy_3")]
    assert "Shares work without being asked." in page
    assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 2})
    profile = visible_text(alice_client.get(reverse("skills:overview")).content)
    assert "Notices distress unprompted." in profile  # the descriptor of the level last chosen


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "competency,level,descriptor\nempathy,1,One.\nteamwork,2,Two.\nempathy,1,Again.\n",
            [(4, "level", "empathy level 1 is already on line 2")],
        ),
        (
            "competency,level,descriptor\nempathy,0,Zero.\nempathy,6,Six.\nempathy,x,Ex.\n",
            [(2, "level", ""), (3, "level", ""), (4, "level", "")],
        ),
        ("competency,level,descriptor\nsafety,1,Not ours.\n", [(2, "competency", "has no competency 'safety'")]),
        ("competency,level,descriptor\nempathy,1,\nteamwork,2,   \n", [(2, "descriptor", "empty"), (3, "descriptor", "empty")]),
        (
            'competency,level,descriptor\nempathy,1,"Spans\ntwo lines"\nsafety,2,Bad.\n',
            [(4, "competency", "has no competency 'safety'")],
        ),
    ],
    ids=["duplicate", "level outside 1-5", "unknown competency", "empty text", "after a quoted cell over two lines"],
)
def test_bad_csv_rows_are_each_reported_with_their_line(alice, alice_client, text, expected) -> None:
    """Every bad row is listed with its line and column; nothing is imported, the earlier descriptors are kept."""
    descriptors_import(user=alice, framework_id=GENERAL, text="competency,level,descriptor\nfeedback,5,Kept.\n", kind="csv")
    page = _import_page(alice_client, "bad.csv", text)
    assert page.status_code == 400
    problems = page.context["problems"]
    assert [(p.line, p.field) for p in problems] == [(line, field) for line, field, _ in expected]
    for problem, (_, _, words) in zip(problems, expected, strict=True):
        assert words in problem.message
    shown = visible_text(page.content)
    assert f"Nothing was imported: {len(expected)} problem" in shown
    assert f"Line {expected[0][0]}," in shown
    assert [d.text for d in Descriptor.objects.for_user(alice)] == ["Kept."]


def test_a_yaml_file_for_another_framework_or_with_bad_entries_is_refused(alice, alice_client) -> None:
    """The framework named in the file must be the one imported into; bad entries are named by their line."""
    wrong = YAML_GOOD.replace(f"framework: {GENERAL}", "framework: qsen")
    page = _import_page(alice_client, "wrong.yml", wrong)
    assert [(p.line, p.field) for p in page.context["problems"]] == [(1, "framework")]
    assert "the file is for 'qsen'" in visible_text(page.content)
    bad = f"framework: {GENERAL}\ndescriptors:\n  - competency: empathy\n    level: 7\n    descriptor: Too high.\n  - competency: empathy\n    level: 2\n    descriptor: ''\n"
    answer = alice_client.put(
        "/api/v1/skills/descriptors", {"framework_id": GENERAL, "format": "yaml", "text": bad}, content_type="application/json"
    )
    assert answer.status_code == 422
    fields = answer.json()["fields"]
    assert set(fields) == {"line 3", "line 6"}
    assert fields["line 3"][0].startswith("level: a level is a whole number from 1 to 5")
    assert fields["line 6"][0].startswith("descriptor: empty")
    assert not Descriptor.objects.for_user(alice).exists()


def test_a_file_that_is_neither_csv_nor_yaml_is_refused_at_its_field(alice, alice_client) -> None:
    """A .txt file: the field says which kinds are read."""
    page = _import_page(alice_client, "notes.txt", CSV_GOOD)
    assert page.context["import_form"].errors["file"] == ["Choose a .csv, .yaml or .yml file."]
    assert not Descriptor.objects.for_user(alice).exists()


def test_descriptors_through_the_api(alice, alice_client) -> None:
    """PUT replaces the framework's descriptors from CSV text; GET reads them back (default: the chosen framework)."""
    body = {"framework_id": GENERAL, "format": "csv", "text": CSV_GOOD}
    answer = alice_client.put("/api/v1/skills/descriptors", body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    assert len(answer.json()["descriptors"]) == 3
    assert alice_client.get("/api/v1/skills/descriptors").json() == answer.json()
    assert alice_client.get("/api/v1/skills/descriptors?framework_id=qsen").json() == {"framework_id": "qsen", "descriptors": []}
    duplicate = {**body, "text": "competency,level,descriptor\nempathy,1,A.\nempathy,1,B.\n"}
    refused = alice_client.put("/api/v1/skills/descriptors", duplicate, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"line 3": ["level: empathy level 1 is already on line 2"]}
    assert Descriptor.objects.for_user(alice).count() == 3


def test_one_descriptor_set_and_removed_with_the_form(alice, alice_client) -> None:
    """The small form sets one level's text; saving it empty removes it."""
    url = reverse("skills:descriptors")
    saved = alice_client.post(
        url, {"form": "one", "d-competency_id": "teamwork", "d-level": "2", "d-text": "Asks for help early."}
    )
    assert saved.status_code == 302
    assert Descriptor.objects.for_user(alice).get().text == "Asks for help early."
    assert alice_client.post(url, {"form": "one", "d-competency_id": "teamwork", "d-level": "2", "d-text": ""}).status_code == 302
    assert not Descriptor.objects.for_user(alice).exists()
    bad = alice_client.post(url, {"form": "one", "d-competency_id": "safety", "d-level": "9", "d-text": "x"})
    assert bad.status_code == 400
    assert set(bad.context["one_form"].errors) == {"competency_id", "level"}


@pytest.mark.parametrize("kind", ["csv", "yaml"])
def test_the_sample_files_import_as_they_are(alice, alice_client, kind) -> None:
    """The downloadable samples are for the chosen framework and import without a change."""
    framework_choose(user=alice, framework_id=ACGME)
    sample = alice_client.get(reverse("skills:descriptors_sample") + ("?format=yaml" if kind == "yaml" else ""))
    assert sample.status_code == 200
    assert "attachment" in sample["Content-Disposition"]
    assert descriptors_import(user=alice, framework_id=ACGME, text=sample.content.decode(), kind=kind) == 4


# --- Commands --------------------------------------------------------------------------------------------------


def _cli(*args: str) -> Any:
    return runner.invoke(app, list(args))


def test_profile_json_is_the_apis(alice, alice_client) -> None:
    """`medpath skills profile --json` prints what GET /skills/profile answers."""
    descriptors_import(user=alice, framework_id=GENERAL, text=CSV_GOOD, kind="csv")
    assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 1, "teamwork": 3}, assessed_on=date(2026, 10, 1))
    assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 2})
    result = _cli("skills", "profile", "--user", alice.email, "--json")
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.output)
    assert from_cli == alice_client.get("/api/v1/skills/profile").json()
    empathy = next(c for c in from_cli["competencies"] if c["id"] == "empathy")
    assert empathy["descriptor"] == "Notices distress unprompted."
    assert len(empathy["points"]) == 2


def test_frameworks_json_is_the_apis(alice_client) -> None:
    """`medpath skills frameworks --json` needs no account and prints the API's list."""
    result = _cli("skills", "frameworks", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == alice_client.get("/api/v1/skills/frameworks").json()
    table = _cli("skills", "frameworks")
    assert "qsen" in table.output


def test_assess_and_import_from_the_command_line(alice, tmp_path: Path) -> None:
    """`skills assess` saves ratings; a bad level exits 1 naming it; `skills descriptors import` reads the extension."""
    ok = _cli("skills", "assess", "--user", alice.email, "--rating", "empathy=3", "--rating", "teamwork=4", "--on", "2026-12-01")
    assert ok.exit_code == 0, ok.output
    saved = SelfAssessment.objects.for_user(alice).get()
    assert saved.assessed_on == date(2026, 12, 1)
    assert {r.competency_id: r.level for r in saved.ratings.all()} == {"empathy": 3, "teamwork": 4}
    bad = _cli("skills", "assess", "--user", alice.email, "--framework", "qsen", "--rating", "safety=6")
    assert bad.exit_code == 1
    assert "rating_safety: Choose a level from 1 to 5." in bad.output
    assert SelfAssessment.objects.for_user(alice).count() == 1
    shapeless = _cli("skills", "assess", "--user", alice.email, "--rating", "empathy")
    assert shapeless.exit_code == 2
    csv_file = tmp_path / "descriptors.csv"
    csv_file.write_text(CSV_GOOD, encoding="utf-8")
    imported = _cli("skills", "descriptors", "import", "--user", alice.email, str(csv_file))
    assert imported.exit_code == 0, imported.output
    assert Descriptor.objects.for_user(alice).count() == 3
    wrong = tmp_path / "descriptors.yaml"
    wrong.write_text(YAML_GOOD, encoding="utf-8")
    refused = _cli("skills", "descriptors", "import", "--user", alice.email, "--framework", "qsen", str(wrong))
    assert refused.exit_code == 1
    assert "line 1, framework" in refused.output
    assert Descriptor.objects.for_user(alice).count() == 3


# --- Races: each write replaces rows, so calls at once must queue, never collide ----------------------------------


@racing
def test_choosing_a_framework_at_once_leaves_one_choice(alice) -> None:
    """Eight choices at once (two tabs, a script): none fails, one choice remains."""
    frameworks = [GENERAL, "qsen", "canmeds-2015", "acgme-core-competencies"]
    outcomes = race(lambda i: framework_choose(user=alice, framework_id=frameworks[i % 4]), times=8)
    assert failed(outcomes) == []
    assert FrameworkChoice.objects.for_user(alice).count() == 1


@racing
def test_importing_descriptors_at_once_leaves_one_files_descriptors(alice) -> None:
    """Concurrent imports each replace the whole set: none fails, and what remains is one file's, whole."""
    files = [f"competency,level,descriptor\nempathy,1,File {i}.\nteamwork,2,File {i}.\n" for i in range(6)]
    outcomes = race(lambda i: descriptors_import(user=alice, framework_id=GENERAL, text=files[i], kind="csv"), times=6)
    assert failed(outcomes) == []
    texts = {row.text for row in Descriptor.objects.for_user(alice)}
    assert Descriptor.objects.for_user(alice).count() == 2
    assert len(texts) == 1


@racing
def test_setting_one_descriptor_at_once_keeps_one(alice) -> None:
    """The same level set from several tabs at once: none fails, one row."""
    outcomes = race(
        lambda i: descriptor_save(user=alice, framework_id=GENERAL, competency_id="empathy", level=3, text=f"Tab {i}."), times=6
    )
    assert failed(outcomes) == []
    assert Descriptor.objects.for_user(alice).count() == 1


@racing
def test_saving_the_same_day_at_once_keeps_one_assessment(alice) -> None:
    """A double-submitted form: one self-assessment of the day remains, with one set of ratings."""
    outcomes = race(lambda i: assessment_save(user=alice, framework_id=GENERAL, ratings={"empathy": 1 + i % 5}), times=6)
    assert failed(outcomes) == []
    saved = SelfAssessment.objects.for_user(alice).get()
    assert saved.ratings.count() == 1
