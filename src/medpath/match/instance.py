"""A Match instance: who ranks whom, how many positions each program has, and the couples. Pure.

The JSON format (docs/match.md)::

    {"applicants": {APPLICANT: [PROGRAM, ...]},
     "programs": {PROGRAM: [APPLICANT, ...]},
     "capacities": {PROGRAM: n},
     "couples": [{"members": [A, B], "ranks": [[PROGRAM or null, PROGRAM or null], ...]}]}

Applicants in a couple have no single list (an empty one is allowed); null in a couple's pair is "unmatched" for
that partner. ``read`` checks everything before anything runs and reports every bad entry by name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

UNMATCHED = -1  # a partner's place in a couple's pair that leaves that partner unmatched
MAX_ERRORS = 50  # reported at most; the count says how many there were
MAX_BYTES = 64 * 1024 * 1024  # the largest instance file read (a national-scale instance is about 12 MB)
MAX_CAPACITY = 1_000_000  # positions of one program; far above any real program
MAX_NAME = 300  # characters of a name


class InstanceError(ValueError):
    """The instance cannot be matched; ``errors`` names each bad entry."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = errors[:MAX_ERRORS]
        more = f"\n… and {len(errors) - MAX_ERRORS} more" if len(errors) > MAX_ERRORS else ""
        super().__init__("\n".join(shown) + more)


@dataclass(frozen=True)
class Couple:
    members: tuple[int, int]
    pairs: tuple[tuple[int, int], ...]  # program ids, UNMATCHED for "this partner unmatched"


@dataclass(frozen=True)
class Instance:
    """An instance with names replaced by ids (index into ``applicants`` and ``programs``)."""

    applicants: tuple[str, ...]
    programs: tuple[str, ...]
    capacities: tuple[int, ...]
    lists: tuple[tuple[int, ...], ...]  # each applicant's list of program ids (empty for a couple's member)
    ranks: tuple[dict[int, int], ...]  # each program's rank of each applicant it ranks (0 is its first choice)
    couples: tuple[Couple, ...]
    couple_of: tuple[int, ...]  # each applicant's couple index, or -1

    @property
    def positions(self) -> int:
        return sum(self.capacities)


def _name(value: Any) -> bool:
    """A name: text, not blank, not too long, and valid Unicode (a JSON escape can make a lone surrogate)."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _name_problem(owner: str, value: Any) -> str:
    if isinstance(value, str) and value.strip() and len(value) <= MAX_NAME:
        return f"{owner}: {value.encode('utf-8', 'replace').decode()!r} is not valid text"
    return f"{owner}: {value!r} is not a name (text of 1 to {MAX_NAME} characters)"


def _ordered(owner: str, kind: str, values: Any, known: dict[str, int], errors: list[str]) -> list[int]:
    """A list of names as ids, each named entry checked: known, a name, not twice."""
    if not isinstance(values, list):
        errors.append(f"{owner}: the list must be a JSON array of {kind} names, not {type(values).__name__}")
        return []
    ids: list[int] = []
    seen: dict[str, int] = {}
    for position, value in enumerate(values, start=1):
        if not _name(value):
            errors.append(f"{owner}, rank {position}: {value!r} is not a {kind} name")
        elif value in seen:
            errors.append(f"{owner} ranks {kind} {value!r} twice (ranks {seen[value]} and {position})")
        elif value not in known:
            errors.append(f"{owner}, rank {position}: unknown {kind} {value!r}")
        else:
            seen[value] = position
            ids.append(known[value])
    return ids


def parse(data: Any) -> Instance:
    """The instance of a decoded JSON document; InstanceError naming every bad entry."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise InstanceError(["the instance must be a JSON object with applicants, programs, capacities and couples"])
    unknown_keys = sorted((key for key in data if key not in {"applicants", "programs", "capacities", "couples"}), key=str)
    errors.extend(f"unknown key {key!r} (expected applicants, programs, capacities, couples)" for key in unknown_keys)
    errors.extend(f"{key!r} is missing" for key in ("programs", "capacities") if key not in data)
    if errors:
        raise InstanceError(errors)
    singles = data.get("applicants", {})
    program_lists = data.get("programs")
    capacities = data.get("capacities")
    couples_in = data.get("couples", [])
    for key, value, kind in (
        ("applicants", singles, dict),
        ("programs", program_lists, dict),
        ("capacities", capacities, dict),
        ("couples", couples_in, list),
    ):
        if not isinstance(value, kind):
            errors.append(f"{key!r} must be a JSON {'object' if kind is dict else 'array'}")
    if errors:
        raise InstanceError(errors)
    assert isinstance(singles, dict)
    assert isinstance(program_lists, dict)
    assert isinstance(capacities, dict)
    assert isinstance(couples_in, list)

    programs = list(program_lists)
    program_id = {name: index for index, name in enumerate(programs)}
    errors.extend(_name_problem("program", name) for name in programs if not _name(name))

    # Applicants: the singles' keys, then couple members not listed there.
    applicants = list(singles)
    applicant_id = {name: index for index, name in enumerate(applicants)}
    couple_members: list[tuple[Any, Any]] = []
    for number, couple in enumerate(couples_in, start=1):
        members = couple.get("members") if isinstance(couple, dict) else None
        if not isinstance(couple, dict) or set(couple) - {"members", "ranks"}:
            errors.append(f"couple {number}: must be an object with only 'members' and 'ranks'")
            couple_members.append((None, None))
            continue
        if not isinstance(members, list) or len(members) != 2 or not all(_name(m) for m in members):
            errors.append(f"couple {number}: 'members' must be two applicant names")
            couple_members.append((None, None))
            continue
        if members[0] == members[1]:
            errors.append(f"couple {number}: {members[0]!r} cannot be their own partner")
        couple_members.append((members[0], members[1]))
        for member in members:
            if member not in applicant_id:
                applicant_id[member] = len(applicants)
                applicants.append(member)

    couple_of = [-1] * len(applicants)
    for number, (first, second) in enumerate(couple_members, start=1):
        for member in (first, second):
            if member is None:
                continue
            index = applicant_id[member]
            if couple_of[index] not in (-1, number - 1):
                errors.append(f"applicant {member!r} is in two couples (couples {couple_of[index] + 1} and {number})")
            else:
                couple_of[index] = number - 1
            if singles.get(member):
                errors.append(
                    f"applicant {member!r} is in couple {number} and also has a single list; a couple's members rank only pairs"
                )

    lists: list[tuple[int, ...]] = []
    for name in applicants:
        if not _name(name):
            errors.append(_name_problem("applicant", name))
        raw = singles.get(name, [])
        lists.append(tuple(_ordered(f"applicant {name!r}", "program", raw, program_id, errors)))

    ranks: list[dict[int, int]] = []
    for name in programs:
        ordered = _ordered(f"program {name!r}", "applicant", program_lists[name], applicant_id, errors)
        ranks.append({applicant: rank for rank, applicant in enumerate(ordered)})

    capacity_list: list[int] = []
    for name in programs:
        value = capacities.get(name)
        if name not in capacities:
            errors.append(f"program {name!r} has no capacity")
        elif isinstance(value, bool) or not isinstance(value, int):
            errors.append(f"program {name!r}: capacity {value!r} is not a whole number")
        elif value < 0:
            errors.append(f"program {name!r}: capacity {value} is negative")
        elif value > MAX_CAPACITY:
            errors.append(
                f"program {name!r}: a capacity of {len(str(value))} digits is more than MedPath takes (at most {MAX_CAPACITY:,})"
            )
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_CAPACITY:
            capacity_list.append(value)
        else:
            capacity_list.append(0)
    errors.extend(f"capacities: unknown program {name!r}" for name in capacities if name not in program_id)

    couples: list[Couple] = []
    for number, (couple, (first, second)) in enumerate(zip(couples_in, couple_members, strict=True), start=1):
        if first is None:
            continue
        raw_pairs = couple.get("ranks", [])
        if not isinstance(raw_pairs, list):
            errors.append(f"couple {number} ({first}, {second}): 'ranks' must be an array of pairs")
            continue
        pairs: list[tuple[int, int]] = []
        seen: dict[tuple[Any, Any], int] = {}
        for position, pair in enumerate(raw_pairs, start=1):
            where = f"couple {number} ({first}, {second}), rank {position}"
            if not isinstance(pair, list) or len(pair) != 2:
                errors.append(f"{where}: a rank must be a pair [PROGRAM or null, PROGRAM or null]")
                continue
            if pair[0] is None and pair[1] is None:
                errors.append(f"{where}: [null, null] (both unmatched) needs no rank; leave it out")
                continue
            pair_key = (pair[0], pair[1])
            if all(isinstance(p, str) or p is None for p in pair) and pair_key in seen:
                errors.append(f"{where}: the pair {pair} is ranked twice (ranks {seen[pair_key]} and {position})")
                continue
            ids = []
            for program in pair:
                if program is None:
                    ids.append(UNMATCHED)
                elif not _name(program):
                    errors.append(f"{where}: {program!r} is not a program name")
                elif program not in program_id:
                    errors.append(f"{where}: unknown program {program!r}")
                else:
                    ids.append(program_id[program])
            if len(ids) == 2:
                seen[pair_key] = position
                pairs.append((ids[0], ids[1]))
        couples.append(Couple((applicant_id[first], applicant_id[second]), tuple(pairs)))

    if errors:
        raise InstanceError(errors)
    return Instance(
        applicants=tuple(applicants),
        programs=tuple(programs),
        capacities=tuple(capacity_list),
        lists=tuple(lists),
        ranks=tuple(ranks),
        couples=tuple(couples),
        couple_of=tuple(couple_of),
    )


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (JSON would silently keep the last one)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKeyError(key)
        found[key] = value
    return found


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def loads(text: str | bytes) -> Instance:
    """The instance of a JSON text; InstanceError when it is not JSON, too large or not a valid instance."""
    if len(text) > MAX_BYTES:
        raise InstanceError([f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB"])
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKeyError as error:
        raise InstanceError([f"the key {error.key!r} twice in one object: give each name once"]) from None
    except RecursionError:
        raise InstanceError(["the file is nested too deeply to be an instance"]) from None
    except (ValueError, UnicodeDecodeError) as error:  # JSONDecodeError, and numbers too long to read
        raise InstanceError([f"the file is not JSON: {error}"]) from None
    return parse(data)
