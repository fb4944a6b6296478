"""The rank-list advisor's checks: what a list's shape means under the NRMP's rules, with the NRMP's own words and
figures (catalog: match/nrmp.yaml). Pure.

It never estimates a person's chance of matching: the figures that would allow it (NRMP's Charting Outcomes curves)
are not in the catalog, and the advisor says so instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from medpath.catalog.match_schema import APPLICANT_TYPE_LABELS, ListLength, MatchFacts, MatchRate, Missing


@dataclass(frozen=True)
class ProgramRow:
    """What the advisor reads of a program on a list."""

    name: str
    specialty: str = ""
    city: str = ""
    ranked: bool = True


@dataclass(frozen=True)
class Advice:
    """One thing to know about the list, with the NRMP sentence behind it."""

    id: str
    level: Literal["info", "warning"]
    message: str
    quote: str = ""
    source: str = ""  # a catalog source id
    program: str = ""


@dataclass
class Report:
    """The advisor's reading of one list."""

    ranked: int
    left_off: int
    preferred_specialty: str
    contiguous: int | None  # None: a specialty is missing at the top, so it cannot be counted
    advice: list[Advice] = field(default_factory=list)
    match_rates: list[MatchRate] = field(default_factory=list)
    list_lengths: list[ListLength] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)

    @property
    def warnings(self) -> list[Advice]:
        return [item for item in self.advice if item.level == "warning"]


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _specialty_key(text: str) -> str:
    """A specialty compared across British and American spelling (orthopaedic = orthopedic, paediatrics = pediatrics,
    anaesthesiology = anesthesiology, haematology = hematology, gynaecology = gynecology)."""
    return _key(text).replace("ae", "e").replace("oe", "e")


def contiguous_ranks(ranked: list[ProgramRow]) -> tuple[str, int | None]:
    """(preferred specialty, contiguous ranks): NRMP's preferred specialty is that of the first program ranked, and
    the contiguous ranks are the programs in it before a program of another specialty appears."""
    preferred, count, _ = _contiguous(ranked)
    return preferred, count


def _contiguous(ranked: list[ProgramRow]) -> tuple[str, int | None, int]:
    """(preferred specialty, contiguous ranks or None, how many were counted before a program without a specialty)."""
    if not ranked or not ranked[0].specialty.strip():
        return "", None, 0
    preferred = ranked[0].specialty.strip()
    count = 0
    for row in ranked:
        if not row.specialty.strip():
            return preferred, None, count
        if _specialty_key(row.specialty) != _specialty_key(preferred):
            break
        count += 1
    return preferred, count, count


def _quoted(facts: MatchFacts, guidance_id: str) -> dict[str, str]:
    item = facts.quote(guidance_id)
    return {"quote": item.quote, "source": item.source}


def advise(facts: MatchFacts, programs: list[ProgramRow], applicant_type: str) -> Report:
    """The checks of a list whose programs are in rank order (left-off ones anywhere)."""
    ranked = [row for row in programs if row.ranked]
    left_off = [row for row in programs if not row.ranked]
    preferred, contiguous, counted = _contiguous(ranked)
    report = Report(ranked=len(ranked), left_off=len(left_off), preferred_specialty=preferred, contiguous=contiguous)
    advice = report.advice
    if not ranked:
        advice.append(
            Advice(
                "empty",
                "warning",
                "Nothing is ranked yet: add the programs where you would accept a position, most preferred first.",
                **_quoted(facts, "include-all"),
            )
        )
    advice.append(
        Advice(
            "true-preference",
            "info",
            "Rank programs in the order you would like to train there. The algorithm tries your first choice first; "
            "ranking a program higher because you think it likes you cannot raise your chance of matching, and "
            "ranking a program lower cannot protect you.",
            **_quoted(facts, "true-preference"),
        )
    )
    for row in left_off:
        advice.append(
            Advice(
                "left-off",
                "warning",
                f"{row.name} is not on your list, so it can never be your match. If you would accept a position "
                "there, rank it: a program lower on the list never takes a place from one higher up.",
                program=row.name,
                **_quoted(facts, "tentative-match"),
            )
        )
    seen: dict[tuple[str, str], int] = {}
    for position, row in enumerate(ranked, start=1):
        key = (_key(row.name), _key(row.city))
        if key in seen:
            advice.append(
                Advice(
                    "duplicate",
                    "warning",
                    f"{row.name} is ranked twice (ranks {seen[key]} and {position}); the lower rank can never matter.",
                    program=row.name,
                )
            )
        else:
            seen[key] = position
    if ranked and contiguous is None:
        missing = ranked[counted]
        so_far = f" (at least {counted} so far)" if counted else ""
        advice.append(
            Advice(
                "contiguous-unknown",
                "info",
                f"Add the specialty of {missing.name} (rank {counted + 1}) to count your contiguous ranks{so_far}: the "
                "programs of your preferred specialty before another specialty appears, the measure NRMP reports by.",
                program=missing.name,
                **_quoted(facts, "preferred-specialty"),
            )
        )
    elif ranked:
        advice.append(
            Advice(
                "contiguous",
                "info",
                f"{contiguous} contiguous rank{'s' if contiguous != 1 else ''} in {preferred}, your preferred specialty "
                f"(the specialty of your first choice), out of {len(ranked)} program{'s' if len(ranked) != 1 else ''} "
                "ranked.",
                **_quoted(facts, "longer-lists"),
            )
        )
    report.list_lengths = [
        length
        for length in facts.list_lengths
        if (not length.specialty or (preferred and _specialty_key(length.specialty) == _specialty_key(preferred)))
        and length.applicant_type in {"all", applicant_type}
    ]
    report.match_rates = sorted(
        (rate for rate in facts.match_rates if rate.applicant_type in {"all", applicant_type}),
        key=lambda rate: (rate.applicant_type != applicant_type, -rate.year),
    )
    report.missing = list(facts.missing)
    return report


def couple_rank_problems(facts: MatchFacts, pairs: int) -> list[Advice]:
    """A paired list longer than each partner may submit."""
    limit = facts.couple_max_ranks
    if pairs <= limit.value:
        return []
    return [
        Advice(
            "couple-too-long",
            "warning",
            f"The paired list has {pairs} pairs; each partner can submit at most {limit.value} ranks, so only the "
            f"first {limit.value} can be entered.",
            quote=limit.note,
            source=limit.source,
        )
    ]


def applicant_type_label(applicant_type: str) -> str:
    return APPLICANT_TYPE_LABELS.get(applicant_type, "Other, or not sure")
