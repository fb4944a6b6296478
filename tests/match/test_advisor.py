"""The advisor's checks of a rank list, from the catalog's NRMP facts."""

from __future__ import annotations

from medpath.catalog.loader import catalog
from medpath.catalog.match_schema import MatchFacts
from medpath.match.advisor import ProgramRow, Report, advise, contiguous_ranks, couple_rank_problems


def _facts() -> MatchFacts:
    facts = catalog().match_facts
    assert facts is not None
    return facts


def _ids(report: Report) -> list[str]:
    return [item.id for item in report.advice]


def test_contiguous_ranks_follow_nrmps_definition() -> None:
    rows = [
        ProgramRow("A", "Internal Medicine"),
        ProgramRow("B", "internal  medicine"),
        ProgramRow("C", "Pediatrics"),
        ProgramRow("D", "Internal Medicine"),
    ]
    assert contiguous_ranks(rows) == ("Internal Medicine", 2)
    assert contiguous_ranks([ProgramRow("A", "")]) == ("", None)
    assert contiguous_ranks([ProgramRow("A", "IM"), ProgramRow("B", "")]) == ("IM", None)
    assert contiguous_ranks([]) == ("", None)


def test_every_advice_quotes_the_nrmp_with_a_known_source() -> None:
    facts = _facts()
    report = advise(facts, [ProgramRow("A", "Internal Medicine"), ProgramRow("B", "", ranked=False)], "us-md-senior")
    sources = catalog().sources
    for item in report.advice:
        if item.quote:
            assert item.source in sources
            assert any(item.quote == g.quote for g in facts.guidance)


def test_an_empty_list_is_told_to_add_programs() -> None:
    report = advise(_facts(), [], "other")
    assert _ids(report)[:2] == ["empty", "true-preference"]
    assert report.ranked == 0
    assert report.contiguous is None


def test_a_program_left_off_can_never_be_the_match() -> None:
    report = advise(_facts(), [ProgramRow("Lakeside IM", "Internal Medicine"), ProgramRow("Hillcrest IM", ranked=False)], "other")
    left = [item for item in report.warnings if item.id == "left-off"]
    assert len(left) == 1
    assert left[0].program == "Hillcrest IM"
    assert "can never be your match" in left[0].message
    assert report.left_off == 1


def test_a_program_ranked_twice_is_pointed_at() -> None:
    rows = [ProgramRow("City IM", "IM", "Boston"), ProgramRow("Other", "IM"), ProgramRow("city im", "IM", "boston")]
    duplicate = [item for item in advise(_facts(), rows, "other").advice if item.id == "duplicate"]
    assert len(duplicate) == 1
    assert "ranks 1 and 3" in duplicate[0].message


def test_figures_are_those_of_the_applicant_type_and_specialty_and_nothing_is_a_chance() -> None:
    report = advise(_facts(), [ProgramRow("A", "Orthopaedic Surgery"), ProgramRow("B", "Orthopaedic Surgery")], "us-md-senior")
    assert {rate.applicant_type for rate in report.match_rates} == {"us-md-senior", "all"}
    assert report.match_rates[0].applicant_type == "us-md-senior"
    assert report.match_rates[0].year == 2025
    assert any(length.specialty == "Orthopaedic Surgery" for length in report.list_lengths)
    assert report.missing  # the chance by length is said to be missing
    other = advise(_facts(), [ProgramRow("A", "Pediatrics")], "us-img")
    assert all(length.specialty in {"", "Pediatrics"} for length in other.list_lengths)
    assert {rate.applicant_type for rate in other.match_rates} == {"us-img", "all"}
    for item in report.advice + other.advice:
        assert "chance of matching is" not in item.message


def test_a_paired_list_longer_than_nrmp_takes_is_pointed_at() -> None:
    facts = _facts()
    assert couple_rank_problems(facts, 300) == []
    problems = couple_rank_problems(facts, 301)
    assert len(problems) == 1
    assert "300" in problems[0].message


def test_british_and_american_spellings_are_one_specialty() -> None:
    """Found by a new-user trial: "Orthopedic Surgery" counted apart from "Orthopaedic Surgery" and missed its figure."""
    rows = [ProgramRow("A", "Orthopedic Surgery"), ProgramRow("B", "Orthopaedic surgery"), ProgramRow("C", "Pediatrics")]
    assert contiguous_ranks(rows) == ("Orthopedic Surgery", 2)
    report = advise(_facts(), rows, "us-md-senior")
    assert any(length.specialty == "Orthopaedic Surgery" for length in report.list_lengths)


def test_the_program_without_a_specialty_is_named() -> None:
    """Found by a new-user trial: the note asked for a specialty without saying which program lacked one."""
    rows = [ProgramRow("A", "IM"), ProgramRow("B", "IM"), ProgramRow("Gap General", ""), ProgramRow("D", "IM")]
    note = next(item for item in advise(_facts(), rows, "other").advice if item.id == "contiguous-unknown")
    assert "Gap General (rank 3)" in note.message
    assert "at least 2" in note.message
