"""The CV engine and its files, without a database: sections chosen and ordered, verified hours apart from
self-reported ones, opt-in sections, and each format (Markdown, PDF read back with pypdf, JSON Resume checked
against an independent model of the schema)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pypdf
import pytest
from pydantic import ValidationError

from medpath.portfolio import cv
from medpath.portfolio.cv_render import json_resume, markdown, pdf
from tests.portfolio.jsonresume import Resume


def material() -> cv.CvMaterial:
    """One of each record a CV shows."""
    return cv.CvMaterial(
        person=cv.Person("Alice Adams", "alice@example.org"),
        generated_on=date(2027, 1, 10),
        milestones=(
            cv.Milestone("Bachelor of Science in Nursing", "degree", "Degree", date(2025, 5, 20)),
            cv.Milestone("NCLEX-RN", "licensing_exam", "Licensing exam", date(2025, 7, 1)),
        ),
        experiences=(
            cv.Experience(
                "Scribe",
                "County ED",
                "clinical_work",
                "Clinical work",
                False,
                date(2026, 1, 5),
                date(2026, 6, 30),
                Decimal("120.5"),
                True,
                "Dr. Ruiz",
                "Charted for two attendings.",
            ),
            cv.Experience(
                "Food bank",
                "",
                "nonclinical_volunteering",
                "Non-clinical volunteering",
                True,
                date(2026, 3, 1),
                None,
                Decimal("12"),
                False,
                "",
                "",
            ),
        ),
        procedures=(cv.ProcedureCount("General surgery: Biliary", 3), cv.ProcedureCount("Other procedures", 1)),
        credentials=(
            cv.Credential(
                "California RN licence",
                "Licence",
                "California BRN",
                cv.mask_number("RN123456"),
                "US-CA",
                date(2025, 8, 1),
                date(2027, 7, 31),
            ),
        ),
        learning=(cv.CeTotal(2026, "Contact hours", Decimal("12.5"), 3),),
        presentations=(cv.Presentation("Sepsis huddles", "Regional nursing conference", date(2026, 9, 3), 2026, "Presenter"),),
        memberships=(cv.Membership("American Nurses Association", "Member"),),
        publications=(
            cv.Publication(
                "journal_article",
                "Journal article",
                "Hand-off errors",
                "Adams A, Lee M",
                "J Nurs Care",
                2026,
                None,
                "10.1000/xyz123",
                "",
            ),
            cv.Publication("poster", "Poster", "Falls audit", "Adams A", "Spring meeting", 2026, date(2026, 4, 2), "", ""),
        ),
        awards=(cv.Award("Daisy award", "University Hospital", date(2026, 11, 2), "Nominated by a family."),),
        reflections=(cv.Reflection("A hard night", date(2026, 10, 1), "What I learned about handoffs."),),
        feedback=(
            cv.FeedbackResult("Ward rotation", date(2026, 11, 24), 3, (cv.FeedbackStatement("Listens to patients", 4.0, 3),)),
        ),
    )


def test_sections_keep_the_chosen_order_and_refuse_unknown_ones() -> None:
    """The order given is the order of the CV; duplicates collapse; an unknown or empty choice is refused."""
    assert cv.parse_sections(["awards", " Education ", "awards"]) == ["awards", "education"]
    composed = cv.compose(material(), ["awards", "education"])
    assert [s.id for s in composed.sections] == ["awards", "education"]
    with pytest.raises(cv.SectionError, match="Unknown section 'wellbeing'"):
        cv.parse_sections(["education", "wellbeing"])
    with pytest.raises(cv.SectionError, match="at least one"):
        cv.parse_sections(["", " "])


def test_reflections_and_feedback_are_not_in_the_default() -> None:
    """Only a choice brings reflections or feedback in; there is no section for check-ins at all."""
    assert "reflections" not in cv.DEFAULT_SECTIONS
    assert "feedback" not in cv.DEFAULT_SECTIONS
    assert set(cv.SECTIONS) - set(cv.DEFAULT_SECTIONS) == cv.OPT_IN
    text = markdown(cv.compose(material(), list(cv.DEFAULT_SECTIONS)))
    assert "A hard night" not in text
    assert "Listens to patients" not in text
    chosen = markdown(cv.compose(material(), ["reflections", "feedback"]))
    assert "A hard night" in chosen
    assert "Listens to patients: mean 4.0 of 5 (3 rated)" in chosen


def test_only_verified_hours_are_called_verified() -> None:
    """A supervisor's verification makes hours verified; the rest are totalled apart as self-reported."""
    section = cv.compose(material(), ["experience"]).sections[0]
    assert section.note == "Verified hours: 120.5. Self-reported hours, not verified: 12."
    lines = [detail for entry in section.entries for detail in entry.details]
    assert "Clinical work; 120.5 hours, verified by Dr. Ruiz" in lines
    assert "Non-clinical volunteering; 12 hours, self-reported" in lines


def test_a_credential_number_shows_its_last_four_characters_only() -> None:
    """The CV masks numbers (the FHIR file, a credentialing document, carries them whole)."""
    assert cv.mask_number("RN123456") == "****3456"
    assert cv.mask_number("123") == "****3"
    assert cv.mask_number("  ") == ""
    text = markdown(cv.compose(material(), ["credentials"]))
    assert "RN123456" not in text
    assert "Number ending 3456" in text
    assert "expires 31 Jul 2027" in text


def test_a_poster_is_listed_once_when_presentations_are_chosen() -> None:
    """Posters and talks go under presentations when that section is chosen, else under publications."""
    both = cv.compose(material(), ["publications", "presentations"])
    assert [e.heading for e in both.sections[0].entries] == ["Hand-off errors"]
    alone = cv.compose(material(), ["publications"])
    assert [e.heading for e in alone.sections[0].entries] == ["Falls audit", "Hand-off errors"]  # the dated one first


def test_markdown_escapes_what_a_person_typed() -> None:
    """A title with Markdown characters stays text."""
    m = material()
    odd = cv.CvMaterial(
        person=m.person, generated_on=m.generated_on, awards=(cv.Award("*Best* [intern]", "", date(2026, 1, 2), ""),)
    )
    assert r"\*Best\* \[intern\]" in markdown(cv.compose(odd, ["awards"]))


def test_the_pdf_holds_the_chosen_sections_only() -> None:
    """Read back with pypdf: the chosen sections' headings and records are there, an unchosen one is not."""
    data = pdf(cv.compose(material(), ["awards", "credentials"]))
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Alice Adams" in text
    assert "Awards and honours" in text
    assert "Daisy award" in text
    assert "Licences and certifications" in text
    assert "California RN licence" in text
    assert "Publications" not in text
    assert "Hand-off errors" not in text
    assert text.index("Daisy award") < text.index("California RN licence")


def test_json_resume_matches_the_schema_and_keeps_extras_in_x_medpath() -> None:
    """Every section maps to its JSON Resume field; expiry and masked number go to the documented extension."""
    composed = cv.compose(material(), [*cv.SECTIONS])
    document = json_resume(composed, material())
    Resume.model_validate(document)
    assert [w["position"] for w in document["work"]] == ["Scribe"]
    assert [v["position"] for v in document["volunteer"]] == ["Food bank"]
    assert document["education"] == [{"studyType": "Degree", "area": "Bachelor of Science in Nursing", "endDate": "2025-05-20"}]
    licence = next(c for c in document["certificates"] if c["name"] == "California RN licence")
    assert licence["x-medpath"] == {"kind": "Licence", "expires": "2027-07-31", "number": "****3456", "jurisdiction": "US-CA"}
    assert licence["date"] == "2025-08-01"
    names = [p["name"] for p in document["publications"]]
    assert sorted(names) == ["Falls audit", "Hand-off errors", "Sepsis huddles"]  # each once
    article = next(p for p in document["publications"] if p["name"] == "Hand-off errors")
    assert article["url"] == "https://doi.org/10.1000/xyz123"
    assert article["releaseDate"] == "2026"
    assert document["skills"][0] == {"name": "General surgery: Biliary", "level": "3 cases logged", "keywords": ["procedures"]}
    assert document["x-medpath"]["hours"] == {"verified": "120.5", "selfReported": "12"}
    assert document["x-medpath"]["feedback"][0]["statements"] == [{"text": "Listens to patients", "mean": 4.0, "rated": 3}]


def test_json_resume_leaves_out_what_was_not_chosen() -> None:
    """Awards only: no work, no certificates, no reflections."""
    document = json_resume(cv.compose(material(), ["awards"]), material())
    Resume.model_validate(document)
    assert set(document) == {"basics", "awards", "x-medpath", "meta"}
    assert document["x-medpath"] == {"sections": ["awards"]}


def test_the_independent_model_catches_a_bad_date_and_an_unknown_field() -> None:
    """The test's model is not a rubber stamp: a non-ISO date or a misspelt field fails it."""
    with pytest.raises(ValidationError):
        Resume.model_validate({"basics": {"name": "A"}, "awards": [{"title": "X", "date": "02/11/2026"}]})
    with pytest.raises(ValidationError):
        Resume.model_validate({"basics": {"name": "A"}, "awards": [{"title": "X", "date": "2026-02-30"}]})
    with pytest.raises(ValidationError):
        Resume.model_validate({"basics": {"name": "A"}, "certificates": [{"name": "X", "expires": "2027-01-01"}]})


def test_a_markdown_viewer_shows_each_detail_on_its_own_line() -> None:
    """Rendered by a CommonMark parser (markdown-it, as GitHub-like viewers), an entry's details are separate lines
    and the text reads back as written (trial finding D9: they ran together into one paragraph)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(markdown(cv.compose(material(), ["experience"])))
    item = next(part for part in html.split("<li>") if "Clinical work; 120.5 hours" in part)
    assert "<br />\nClinical work; 120.5 hours, verified by Dr. Ruiz" in item
    assert "\\" not in item  # the break marks are not shown


def test_a_poster_under_presentations_keeps_its_authors_and_doi() -> None:
    """A poster recorded as a publication and listed under presentations still shows who wrote it and its DOI
    (trial finding C1: they appeared nowhere with the default sections)."""
    m = material()
    poster = cv.Presentation(
        "Sepsis screening", "State symposium", date(2026, 4, 12), 2026, "Poster", "Shah P, Ruiz E", "10.1234/abc"
    )
    text = markdown(cv.compose(replace(m, presentations=(poster,)), ["presentations"]))
    assert "Shah P, Ruiz E" in text
    assert "doi:10.1234/abc" in text


def test_json_resume_leaves_out_empty_sections() -> None:
    """Chosen sections with nothing in them are not in the JSON Resume, as in the PDF and Markdown (trial C9)."""
    m = material()
    empty = replace(m, memberships=(), learning=())
    data = json_resume(cv.compose(empty, ["memberships", "learning", "awards"]), empty)
    extension = data["x-medpath"]
    assert "memberships" not in extension
    assert "continuingEducation" not in extension
    assert extension["sections"] == ["awards"]


def test_a_cv_file_is_named_after_the_person_and_the_day() -> None:
    """The name travels in plain ASCII (every mail program keeps it); a name with nothing to keep gives “cv-…”."""
    from medpath.portfolio.files import cv_filename

    assert cv_filename("Priya Shah", date(2026, 12, 5), "pdf") == "Priya-Shah-cv-2026-12-05.pdf"
    assert cv_filename("Zoë O'Connor-Ní Bhriain", date(2026, 12, 5), "md") == "Zoe-O-Connor-Ni-Bhriain-cv-2026-12-05.md"
    assert cv_filename("王小明", date(2026, 12, 5), "json") == "resume-2026-12-05.json"
