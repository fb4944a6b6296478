"""The privacy guard: patient identifiers are pointed out; staff, eponyms and the log's own dates are not."""

from pathlib import Path

import pytest

from medpath.privacy.evaluation import STRUCTURED, load, score
from medpath.privacy.guard import TYPES, find_identifiers

EVAL_SET = Path(__file__).resolve().parent / "eval_set.jsonl"


def _found(text: str) -> list[tuple[str, str]]:
    return [(span.type, span.text) for span in find_identifiers(text)]


def test_a_patient_line_is_flagged_field_by_field() -> None:
    """Name, record number and admission date of a patient, with exact offsets."""
    text = "Pt Jane Doe (MRN 4471823) was admitted on 3/2/2025 with chest pain."

    spans = find_identifiers(text)

    assert [(s.type, s.text) for s in spans] == [("name", "Jane Doe"), ("mrn", "4471823"), ("date", "3/2/2025")]
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert spans[0].reason


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Lee supervised my first central line.",
        "Nurse Patel showed me how to prime an IV pump.",
        "On March 3 I shadowed in the cardiology clinic.",
        "The attending walked me through staging on our new Parkinson's disease admission.",
        "Gave Keppra 500 mg IV push after the seizure.",
        "A 67-year-old man with a Foley catheter and a Glasgow Coma Scale of 14.",
        "BP 142/88, HR 110, SpO2 94% on 2 L; PGY-2 on nights.",
        "Followed section 4.2.1.3 of the sepsis policy.",
    ],
)
def test_hard_negatives_are_left_alone(text: str) -> None:
    """Staff in staff context, the log's own dates, eponyms, drugs, ages up to 89, vitals."""
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Helped Mr. Hernandez call his daughter Rosa at 617-555-0142.",
            [("name", "Hernandez"), ("name", "Rosa"), ("phone", "617-555-0142")],
        ),
        (
            "A 93-year-old from 22 Elm Street, Springfield 01103.",
            [("age-over-89", "93-year-old"), ("address", "22 Elm Street"), ("zip", "01103")],
        ),
        ("Family e-mailed kim.r@example.com from 10.0.4.17.", [("email", "kim.r@example.com"), ("ip", "10.0.4.17")]),
        ("SSN 123-45-6789 on the form; pacemaker serial SN-PM4471902.", [("ssn", "123-45-6789"), ("device", "SN-PM4471902")]),
        (
            "His car, plate 7XK-392, and his blog www.example.com/my-journey.",
            [("plate", "7XK-392"), ("url", "www.example.com/my-journey")],
        ),
    ],
)
def test_structured_identifiers(text: str, expected: list[tuple[str, str]]) -> None:
    """Each Safe Harbor type that has a shape is found by it."""
    assert _found(text) == expected


def test_held_out_scores_meet_the_aims() -> None:
    """On the held-out half: structured recall >= 0.95, precision >= 0.8; names recall stays >= 0.75 (aim 0.8)."""
    result = score(load(EVAL_SET, "heldout"))

    assert result.recall(STRUCTURED) >= 0.95, "\n".join(result.errors)
    assert result.precision(list(result.hits | result.alarms)) >= 0.8, "\n".join(result.errors)
    assert result.recall(["name"]) >= 0.75, "\n".join(result.errors)


def test_the_evaluation_set_is_sound() -> None:
    """At least 300 sentences, 40% hard negatives, both splits, offsets that point at the identifier."""
    rows = load(EVAL_SET, "all")

    assert len(rows) >= 300
    assert sum(row["hard_negative"] for row in rows) >= 0.4 * len(rows)
    assert {row["split"] for row in rows} == {"tune", "heldout"}
    for row in rows:
        assert row["hard_negative"] == (not row["spans"])
        for span in row["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(row["text"])


def test_the_fresh_evaluation_set_is_sound() -> None:
    """The set written blind after the held-out half was seen: same format, 40% hard negatives, every type."""
    rows = load(EVAL_SET.with_name("eval_set_fresh.jsonl"), "fresh")

    assert len(rows) >= 250
    assert sum(row["hard_negative"] for row in rows) >= 0.4 * len(rows)
    assert {span["type"] for row in rows for span in row["spans"]} == set(TYPES)
    for row in rows:
        assert row["hard_negative"] == (not row["spans"])
        for span in row["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(row["text"])


@pytest.mark.parametrize("split", ["fresh", "fresh2", "fresh3", "fresh4"])
def test_the_seen_fresh_sets_do_not_regress(split: str) -> None:
    """Regression guard (not a blind figure: these sets were read after their first run, see EVAL_SET.md)."""
    result = score(load(EVAL_SET.with_name(f"eval_set_{split}.jsonl"), split))

    assert result.recall(STRUCTURED) >= 0.95, "\n".join(result.errors)
    assert result.recall(["name"]) >= 0.9, "\n".join(result.errors)
    assert result.precision(list(result.hits | result.alarms)) >= 0.98, "\n".join(result.errors)


@pytest.mark.parametrize(
    "text",
    [
        "Trauma activation: car vs pedestrian, GCS 14 on arrival.",
        "Labs: plt 85x10e9 and Hgb 7.9 this morning.",
        "Gave the newborn Vitamin K and erythromycin ointment.",
        "Gave the baby Tylenol drops for fever.",
        "Discussed the plan with wife today.",
        "Sam Ortiz gave me feedback on my presentation.",
        "Emily Watson presented a case at grand rounds.",
        "Helped Maria Gonzalez, the unit clerk, sort the charts.",
        "The Johnson family foundation funded our clinic.",
        pytest.param(
            "Hannah's hand hygiene audit was perfect.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="a known false alarm of the learned name detector: a first name with 's at a sentence's start "
                "reads as a patient's (benchmarks/README.md, privacy guard); strict, so a fix shows here",
            ),
        ),
        "Reviewed CGM A1c trends with the diabetes educator.",
        "Set the insulin pump 24-hour basal rate with the nurse.",
    ],
)
def test_a_reviewers_hard_negatives_stay_unflagged(text: str) -> None:
    """Staff, drugs, scores and time words a reviewer wrote after the widening rounds (regression guard)."""
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Her insulin pump PX-20-7731 needed a new cartridge.", "device", "PX-20-7731"),
        ("The pacemaker serial is MD7-441-2093 per the card.", "device", "MD7-441-2093"),
        ("He parks his pickup is TX KLM-2204 by the ED doors.", "plate", "KLM-2204"),
        ("Sister drove the sedan, RTY-5581, to the pharmacy.", "plate", "RTY-5581"),
        ("Moved to 18 Camino Alto, Unit 3 last month.", "address", "18 Camino Alto, Unit 3"),
        ("Family lives at 77 Willow Bend near the school.", "address", "77 Willow Bend"),
    ],
)
def test_serials_plates_and_streets_of_more_shapes(text: str, kind: str, value: str) -> None:
    """Hyphenated device serials after the device's kind, plates after a vehicle with "is" or a state, streets
    that lead with their kind (Calle, Camino) or end in Bend, Pike, Loop (issue 15: structured recall)."""
    assert (kind, value) in [(span.type, span.text) for span in find_identifiers(text)]
