"""The shipped career catalog and its checks: every fact sourced, bad files named precisely."""

import re
from datetime import date
from pathlib import Path

import pytest

from medpath.catalog.loader import CatalogError, catalog, citations, load_catalog, parse_custom_careers
from medpath.plans.pathways import pathway
from medpath.plans.roadmap import PlanOptions, build_plan

REQUIRED = [
    "physician",
    "licensed-practical-nurse",
    "registered-nurse",
    "nurse-practitioner",
    "nurse-anesthetist",
    "nurse-midwife",
    "physician-assistant",
    "pharmacist",
    "physical-therapist",
    "occupational-therapist",
    "respiratory-therapist",
    "radiologic-technologist",
    "sonographer",
    "medical-laboratory-scientist",
    "surgical-technologist",
    "emt",
    "paramedic",
    "dental-hygienist",
]


def test_catalog_has_the_required_careers() -> None:
    """At least 30 careers, including every one the Education pillar promises."""
    known = catalog()
    assert len(known.careers) >= 30
    missing = [career_id for career_id in REQUIRED if career_id not in known.careers]
    assert not missing


def test_physician_routes_and_specialties() -> None:
    """Physicians by MD and DO, with at least 15 specialties and their residency lengths."""
    physician = catalog().career("physician")
    assert {route.id for route in physician.routes} >= {"md", "do"}
    assert len(physician.specialties) >= 15
    assert catalog().career("registered-nurse").routes[0].id in {"adn", "bsn"}
    assert {route.id for route in catalog().career("registered-nurse").routes} == {"adn", "bsn"}


def test_every_fact_cites_an_existing_primary_source() -> None:
    """Each sourced fact points at a registered source with a URL; none cites the team's research notes."""
    known = catalog()
    for career in known.careers.values():
        cited = citations(career)
        assert cited, career.id
        for path, source_id in cited:
            source = known.source(source_id)
            url = str(source.url)
            assert url.startswith(("http://", "https://")), (career.id, path)
            assert "shared/reference" not in url, (career.id, path, url)
            assert "/tmp/" not in url, (career.id, path, url)
            assert 1990 <= source.year <= 2100


def test_every_route_and_specialty_can_be_planned() -> None:
    """The planner accepts every career, route and specialty in the catalog."""
    start = date(2026, 9, 1)
    count = 0
    for career in catalog().careers.values():
        for route in career.routes:
            specialties: list[str | None] = [s.id for s in career.specialties] or [None]
            for specialty in specialties:
                path = pathway(career, route.id, specialty)
                plan = build_plan(path.stages, PlanOptions(start=start, today=start))
                assert plan.typical_finish >= start
                count += 1
    assert count >= 40


def _write(root: Path, careers: str, sources: str | None = None) -> Path:
    (root / "careers").mkdir(parents=True, exist_ok=True)
    (root / "sources").mkdir(parents=True, exist_ok=True)
    (root / "sources" / "main.yaml").write_text(
        sources or "sources:\n  - {id: s1, title: Some official page, url: 'https://example.org/a', year: 2024}\n"
    )
    (root / "careers" / "one.yaml").write_text(careers)
    return root


GOOD = """
careers:
  - id: tech
    name: Technician
    family: allied
    summary: Does technical work.
    stages:
      - {id: course, name: Course, kind: degree, duration: {min: 6, typical: 9, max: 12, source: s1, confidence: high}}
      - {id: exam, name: Exam, kind: certification_exam, requires: [course]}
    routes:
      - {id: main, name: Main, stages: [course, exam]}
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    """A small valid catalog loads with its career."""
    known = load_catalog(_write(tmp_path, GOOD))
    assert list(known.careers) == ["tech"]


@pytest.mark.parametrize(
    ("change", "entry", "field", "message"),
    [
        (("typical: 9", "typical: 19"), "tech", "stages[course].duration", "min <= typical <= max"),
        (("source: s1", "source: nowhere"), "tech", "stages[course].duration.source", "unknown source"),
        (("confidence: high", "confidence: sure"), "tech", "stages[course].duration.confidence", "high"),
        (("requires: [course]", "requires: [lab]"), "tech", "", "unknown stage 'lab'"),
        (("stages: [course, exam]", "stages: [course, exam, exam]"), "tech", "", "duplicate stage in route"),
        (("family: allied", "family: wizardry"), "tech", "family", "Input should be"),
        (("    summary: Does technical work.\n", ""), "tech", "summary", "Field required"),
    ],
)
def test_bad_entries_are_named_by_file_entry_and_field(
    tmp_path: Path, change: tuple[str, str], entry: str, field: str, message: str
) -> None:
    """Each mistake stops loading with the file, the entry and the field."""
    with pytest.raises(CatalogError) as error:
        load_catalog(_write(tmp_path, GOOD.replace(*change)))
    assert error.value.file == "careers/one.yaml"
    assert error.value.entry == entry
    assert error.value.field_path.startswith(field)
    assert message in str(error.value)


def test_duplicate_career_id_across_files(tmp_path: Path) -> None:
    """The same id in two files is refused, naming both."""
    root = _write(tmp_path, GOOD)
    (root / "careers" / "two.yaml").write_text(GOOD)
    with pytest.raises(CatalogError, match="duplicate career id"):
        load_catalog(root)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    """Broken YAML says which line."""
    with pytest.raises(CatalogError) as error:
        load_catalog(_write(tmp_path, "careers:\n  - id: [unclosed\n"))
    assert "line" in error.value.field_path


def test_offset_needs_a_source(tmp_path: Path) -> None:
    """'Step 1 after 22 months of school' is a fact; without a source it is refused."""
    text = GOOD.replace("requires: [course]", "requires: [{stage: course, mode: during, offset_months: 3}]")
    with pytest.raises(CatalogError, match="needs a source"):
        load_catalog(_write(tmp_path, text))


def test_residency_starts_on_1_july_with_the_nrmp_as_source() -> None:
    """Residency starts on 1 July, cited to the NRMP; medical school's month is marked as not in the catalog."""
    known = catalog()
    stages = {stage.id: stage for stage in known.career("physician").stages}
    starts = stages["residency"].starts
    assert starts is not None
    assert (starts.month, starts.day, starts.confidence) == (7, 1, "high")
    assert starts.source is not None
    assert str(known.source(starts.source).url).startswith("https://www.nrmp.org/")
    assert ("stages[residency].starts", starts.source) in citations(known.career("physician"))
    for school in ("md-school", "do-school"):
        unknown = stages[school].starts
        assert unknown is not None
        assert unknown.month is None
        assert "month not in catalog" in unknown.note


@pytest.mark.parametrize(
    ("starts", "message"),
    [
        ("{month: 7, day: 1}", "give its source and confidence"),
        ("{month: 2, day: 30, source: s1, confidence: high}", "has no day 30"),
        ("{month: 2, day: 29, source: s1, confidence: high}", "has no day 29"),
        ("{}", "say in note what is unknown"),
        ("{day: 1, note: x}", "a day needs its month"),
        ("{month: 7, source: nowhere, confidence: high}", "unknown source"),
    ],
)
def test_calendar_start_is_sourced_or_marked_unknown(tmp_path: Path, starts: str, message: str) -> None:
    """A calendar month is a fact with a source; without one the note must say the month is unknown."""
    text = GOOD.replace("requires: [course]}", f"requires: [course], starts: {starts}}}")
    with pytest.raises(CatalogError, match=message):
        load_catalog(_write(tmp_path, text))


def test_prerequisite_cycle_is_refused(tmp_path: Path) -> None:
    """Stages that require each other cannot form a route."""
    text = GOOD.replace("kind: degree, duration", "kind: degree, requires: [exam], duration")
    with pytest.raises(CatalogError, match="cycle"):
        load_catalog(_write(tmp_path, text))


def test_sources_may_not_cite_the_research_notes(tmp_path: Path) -> None:
    """A source pointing at the team's reference notes is refused."""
    sources = "sources:\n  - {id: s1, title: Our notes, url: 'https://example.org/shared/reference/x.md', year: 2024}\n"
    with pytest.raises(CatalogError, match="primary source"):
        load_catalog(_write(tmp_path, GOOD, sources))


def test_custom_careers_use_the_same_schema() -> None:
    """A private career parses with its own sources; ids may not clash."""
    known = catalog()
    text = GOOD.replace("id: tech", "id: uk-tech").replace("source: s1", "source: my-src")
    text = "sources:\n  - {id: my-src, title: NHS careers page, url: 'https://www.healthcareers.nhs.uk/', year: 2025}\n" + text
    parsed = parse_custom_careers(text, sources=known.sources, taken=set(known.careers))
    assert [c.id for c in parsed.careers] == ["uk-tech"]
    assert parsed.careers[0].custom
    with pytest.raises(CatalogError, match="already used"):
        parse_custom_careers(text.replace("id: uk-tech", "id: physician"), sources=known.sources, taken=set(known.careers))


def test_every_stage_kind_has_words() -> None:
    """Each stage kind a career may use has the label pages show for it."""
    from medpath.catalog.schema import STAGE_KIND_LABELS, STAGE_KINDS

    assert set(STAGE_KIND_LABELS) == set(STAGE_KINDS)


def test_a_support_line_citing_an_unknown_further_source_is_refused(tmp_path: Path) -> None:
    """Every page a support line's wording rests on must exist in sources/, the further ones too."""
    root = _write(tmp_path, GOOD)
    (root / "support").mkdir()
    line = (
        "country: US\ncountry_name: United States\nresources:\n"
        "  - {id: us-line, name: A line, kind: crisis, for_whom: Anyone, phone: '988', hours: 24 hours a day,"
        " source: s1, also_sources: [%s], primary_source: true, confidence: high, verified_on: 2026-12-06}\n"
    )
    (root / "support" / "us.yaml").write_text(line % "s1")
    assert [resource.also_sources for resource in load_catalog(root).support["US"].resources] == [["s1"]]
    (root / "support" / "us.yaml").write_text(line % "nowhere")
    with pytest.raises(CatalogError, match=r"also_sources.*unknown source 'nowhere'"):
        load_catalog(root)


def test_a_source_read_in_a_copy_names_the_site_it_links_to() -> None:
    """A source whose text was read in a copy on another site says which site its link opens, so that nobody takes
    a link to an unrelated domain for the publisher's own page (trial finding: "Association of American Medical
    Colleges (copy)" links opened two unrelated sites); AAMC's application pages link to aamc.org itself."""
    from urllib.parse import urlsplit

    sources = list(catalog().sources.values())
    unnamed = []
    for source in sources:
        words = f"{source.title} {source.publisher}".lower()
        if "copy" not in words or "not linked" in words:
            continue
        host = (urlsplit(str(source.url)).hostname or "").removeprefix("www.")
        site = host.rsplit(".", 1)[0]  # "docstoc" of docstoc.com, "vdocuments" of vdocuments.net
        publisher = re.sub(r"[^a-z0-9]", "", source.publisher.lower())
        if site not in words and not (publisher and publisher in host.replace(".", "")):
            unnamed.append(f"{source.id}: {host}")
    assert not unnamed
    aamc = [s for s in sources if s.id.startswith("amcas-")]
    assert aamc
    assert all((urlsplit(str(s.url)).hostname or "").endswith("aamc.org") for s in aamc), [s.id for s in aamc]
