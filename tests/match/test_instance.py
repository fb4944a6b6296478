"""Bad instances are refused before anything runs, with a message naming each bad entry."""

from __future__ import annotations

import json

import pytest

from medpath.match.instance import MAX_BYTES, InstanceError, loads, parse

GOOD = {
    "applicants": {"ana": ["P", "Q"]},
    "programs": {"P": ["ana", "ben"], "Q": ["ana", "cy"]},
    "capacities": {"P": 1, "Q": 2},
    "couples": [{"members": ["ben", "cy"], "ranks": [["P", "Q"], [None, "Q"]]}],
}


def _with(**changes: object) -> dict[str, object]:
    data: dict[str, object] = json.loads(json.dumps(GOOD))
    data.update(changes)
    return data


def test_a_good_instance_reads() -> None:
    instance = parse(GOOD)
    assert instance.applicants == ("ana", "ben", "cy")
    assert instance.capacities == (1, 2)
    assert instance.couples[0].pairs == ((0, 1), (-1, 1))
    assert instance.ranks[0] == {0: 0, 1: 1}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with(applicants={"ana": ["P", "Nowhere"]}), "applicant 'ana', rank 2: unknown program 'Nowhere'"),
        (_with(programs={"P": ["ana", "zed"], "Q": []}), "program 'P', rank 2: unknown applicant 'zed'"),
        (_with(applicants={"ana": ["P", "P"]}), "applicant 'ana' ranks program 'P' twice (ranks 1 and 2)"),
        (_with(programs={"P": ["ana", "ana"], "Q": []}), "program 'P' ranks applicant 'ana' twice"),
        (_with(capacities={"P": -1, "Q": 2}), "program 'P': capacity -1 is negative"),
        (_with(capacities={"P": 1.5, "Q": 2}), "program 'P': capacity 1.5 is not a whole number"),
        (_with(capacities={"P": True, "Q": 2}), "program 'P': capacity True is not a whole number"),
        (_with(capacities={"P": 1}), "program 'Q' has no capacity"),
        (_with(capacities={"P": 1, "Q": 1, "Z": 1}), "capacities: unknown program 'Z'"),
        (
            _with(couples=[{"members": ["ben", "cy"], "ranks": []}, {"members": ["cy", "ana"], "ranks": []}]),
            "applicant 'cy' is in two couples (couples 1 and 2)",
        ),
        (
            _with(couples=[{"members": ["ana", "ben"], "ranks": []}]),
            "applicant 'ana' is in couple 1 and also has a single list",
        ),
        (
            _with(couples=[{"members": ["ben", "cy"], "ranks": [["P", "Q"], ["P", "Q"]]}]),
            "couple 1 (ben, cy), rank 2: the pair ['P', 'Q'] is ranked twice (ranks 1 and 2)",
        ),
        (
            _with(couples=[{"members": ["ben", "cy"], "ranks": [[None, None]]}]),
            "couple 1 (ben, cy), rank 1: [null, null] (both unmatched) needs no rank",
        ),
        (_with(couples=[{"members": ["ben", "cy"], "ranks": [["P"]]}]), "couple 1 (ben, cy), rank 1: a rank must be a pair"),
        (_with(couples=[{"members": ["ben", "ben"], "ranks": []}]), "couple 1: 'ben' cannot be their own partner"),
        (_with(couples=[{"members": ["ben"], "ranks": []}]), "couple 1: 'members' must be two applicant names"),
        (_with(couples=[{"members": ["ben", "cy"], "ranks": [["P", "X"]]}]), "couple 1 (ben, cy), rank 1: unknown program 'X'"),
        (_with(applicants=["ana"]), "'applicants' must be a JSON object"),
        (_with(extra=1), "unknown key 'extra'"),
        ([], "the instance must be a JSON object"),
    ],
)
def test_bad_entries_are_named(data: object, message: str) -> None:
    with pytest.raises(InstanceError) as raised:
        parse(data)
    assert any(message in line for line in raised.value.errors), raised.value.errors


def test_every_bad_entry_is_reported_not_only_the_first() -> None:
    data = _with(applicants={"ana": ["X", "Y"]}, capacities={"P": -2, "Q": "two"})
    with pytest.raises(InstanceError) as raised:
        parse(data)
    assert len(raised.value.errors) == 4


def test_not_json_and_too_large_are_refused() -> None:
    with pytest.raises(InstanceError, match="not JSON"):
        loads(b"\xff\xfe not json")
    with pytest.raises(InstanceError, match="larger than"):
        loads(b" " * (MAX_BYTES + 1))


# Defects found by a fresh-eyes review: each of these escaped as a crash instead of a refusal.


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"[" * 100_000, "nested too deeply"),
        (b'{"applicants": {}, "programs": {"P": []}, "capacities": {"P": ' + b"9" * 5000 + b"}}", "not JSON"),
        (b'{"applicants": {"a": ["P"], "a": []}, "programs": {"P": ["a"]}, "capacities": {"P": 1}}', "'a' twice"),
        (b'{"applicants": {"\\ud800": []}, "programs": {}, "capacities": {}}', "not valid text"),
        (b'{"applicants": {}, "capacities": {}}', "'programs' is missing"),
    ],
    ids=["deep", "huge-number", "duplicate-key", "lone-surrogate", "missing-key"],
)
def test_hostile_files_are_refused_with_a_message(text: bytes, message: str) -> None:
    with pytest.raises(InstanceError) as raised:
        loads(text)
    assert any(message in line for line in raised.value.errors), raised.value.errors


def test_capacities_are_bounded() -> None:
    data = _with(capacities={"P": 10**40, "Q": 2})
    with pytest.raises(InstanceError) as raised:
        parse(data)
    assert any("capacity" in line and "at most" in line for line in raised.value.errors)


def test_keys_that_are_not_text_are_refused() -> None:
    with pytest.raises(InstanceError):
        parse({1: 2, "x": 3, "applicants": {}, "programs": {}, "capacities": {}})
