"""The learned name detector: a linear-chain CRF (python-crfsuite) that tags each word of a sentence as the start
of a patient's or relative's name, a word inside one, or neither. Pure, apart from reading its model file.

It decides names for the guard (``guard.find_identifiers``); the rules stay for structured identifiers and
their opinion on names is one of the CRF's features, so the two work as one. The model is trained by
``medpath.privacy.train`` (``make train-guard``) and shipped in ``data/names.crfsuite``; it is loaded once per process.

Features of a word: its own form (lower case, affixes, shape, script), membership of first-name and surname lists
of many origins (Faker's person providers, loaded once), of the guard's lists of words that are not names here
(eponyms, drugs, places), and the same for the words around it, with the words themselves.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

MODEL = Path(__file__).resolve().parent / "data" / "names.crfsuite"
# The words the training sentences use, other than names, at least three times (written with the model): a word
# outside it that is written like a name, where names stand, is most likely one.
VOCABULARY = MODEL.with_name("names-vocabulary.txt")

# Combining marks (vowel signs of Devanagari, Arabic harakat, accents): part of the word they follow.
_MARKS = "".join(chr(c) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M"))
# A word (letters, digits and marks, joined by inner apostrophes or hyphens), or one other mark.
_TOKEN = re.compile(rf"[^\W_](?:[\w{re.escape(_MARKS)}]|['’\-](?=\w))*|[^\w\s]", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
MAX_TOKENS = 400  # longer text is tagged in windows of this many words (bounded time and memory)

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sr", "jr", "mister", "señor", "señora", "sra", "sr."})
STAFF_WORDS = frozenset(
    {
        "attending",
        "resident",
        "intern",
        "nurse",
        "rn",
        "np",
        "pa",
        "preceptor",
        "doctor",
        "charge",
        "tech",
        "therapist",
        "pharmacist",
        "chaplain",
        "interpreter",
        "fellow",
        "surgeon",
        "scribe",
        "mentor",
        "professor",
        "instructor",
        "supervisor",
        "medic",
        "paramedic",
        "cna",
        "lpn",
        "md",
        "do",
        "classmate",
        "colleague",
        "coordinator",
        "manager",
        "dietitian",
        "pt",  # also "patient": the CRF weighs it by its neighbours
    }
)
RELATIVES = frozenset(
    {
        "son",
        "daughter",
        "wife",
        "husband",
        "mother",
        "father",
        "mom",
        "dad",
        "mum",
        "sister",
        "brother",
        "grandson",
        "granddaughter",
        "grandmother",
        "grandfather",
        "grandma",
        "grandpa",
        "aunt",
        "uncle",
        "niece",
        "nephew",
        "cousin",
        "partner",
        "fiancé",
        "fiance",
        "boyfriend",
        "girlfriend",
        "caregiver",
        "spouse",
        "child",
        "baby",
        "twin",
        "stepdaughter",
        "stepson",
    }
)


@dataclass(frozen=True)
class Token:
    """One word or mark of the text and where it is."""

    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """The words and marks of ``text`` with their offsets; a possessive ’s is a token of its own."""
    found: list[Token] = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start()
        possessive = _POSSESSIVE.search(word)
        if possessive and len(word) > 2:
            cut = start + possessive.start()
            found.append(Token(word[: possessive.start()], start, cut))
            found.append(Token(word[possessive.start() :], cut, match.end()))
        else:
            found.append(Token(word, start, match.end()))
    return found


@cache
def gazetteers() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), case-folded, from every locale of Faker's person provider (names of many origins
    and scripts; MIT licence). Loaded once per process (about 0.2 s)."""
    import faker.providers.person as people

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        provider = getattr(importlib.import_module(f"{people.__name__}.{module.name}"), "Provider", None)
        for attribute, into in (
            ("first_names", first),
            ("first_names_male", first),
            ("first_names_female", first),
            ("first_names_nonbinary", first),
            ("last_names", last),
        ):
            values = getattr(provider, attribute, None)
            if isinstance(values, tuple | list | dict | set | frozenset):
                into.update(str(value).casefold() for value in values)
    return frozenset(first), frozenset(last)


@cache
def vocabulary() -> frozenset[str]:
    """The known words (see VOCABULARY); empty before the first training."""
    if not VOCABULARY.exists():
        return frozenset()
    return frozenset(VOCABULARY.read_text(encoding="utf-8").split())


CARE_VERBS = frozenset(
    (
        "gave",
        "walked",
        "taught",
        "helped",
        "fed",
        "showed",
        "discharged",
        "admitted",
        "saw",
        "seen",
        "bathed",
        "turned",
        "repositioned",
        "transferred",
        "drew",
        "examined",
        "assessed",
        "transported",
        "wheeled",
        "educated",
        "sat",
        "held",
        "called",
        "told",
        "asked",
        "met",
        "visited",
        "treated",
        "for",
        "with",
        "on",
        "to",
        "about",
        "named",
    )
)


@cache
def not_names() -> frozenset[str]:
    """Words the guard's rules know are not names in a log (eponyms, drugs, places, months…), case-folded."""
    from medpath.privacy import guard

    return frozenset(word.casefold() for word in guard.NOT_NAME_WORDS)


def _shape(word: str) -> str:
    shape = re.sub(r"[A-ZÀ-ÖØ-Þ]", "X", word)
    shape = re.sub(r"[a-zß-öø-ÿ]", "x", shape)
    shape = re.sub(r"\d", "d", shape)
    return re.sub(r"(.)\1{2,}", r"\1\1", shape)[:8]


def _script(word: str) -> str:
    """latin, digit, mark, or the Unicode script family of its first letter (CJK, ARABIC, CYRILLIC, …)."""
    if word.isdigit():
        return "digit"
    letter = next((c for c in word if c.isalpha()), "")
    if not letter:
        return "mark"
    if letter.isascii():
        return "latin"
    name = unicodedata.name(letter, "")
    return name.split(" ")[0] if name else "other"


def _word_features(
    word: str, prefix: str, first: frozenset[str], last: frozenset[str], other: frozenset[str]
) -> dict[str, float | str]:
    folded = word.casefold()
    found: dict[str, float | str] = {
        f"{prefix}w": folded,
        f"{prefix}shape": _shape(word),
    }
    if folded in first:
        found[f"{prefix}first"] = 1.0
    if folded in last:
        found[f"{prefix}last"] = 1.0
    if folded in other:
        found[f"{prefix}notname"] = 1.0
    if folded.rstrip(".") in TITLES:
        found[f"{prefix}title"] = 1.0
    if folded in STAFF_WORDS:
        found[f"{prefix}staff"] = 1.0
    if folded in RELATIVES or folded.rstrip("s") in RELATIVES:
        found[f"{prefix}relative"] = 1.0
    return found


def features(words: list[Token], rule_names: list[tuple[int, int]] | None = None) -> list[dict[str, float | str]]:
    """The features of each word of one sentence (``rule_names``: the spans the rules call names)."""
    first, last = gazetteers()
    other = not_names()
    known = vocabulary()
    rules = rule_names or []
    rows: list[dict[str, float | str]] = []
    for index, token in enumerate(words):
        word = token.text
        row: dict[str, float | str] = {"bias": 1.0}
        row.update(_word_features(word, "", first, last, other))
        row["suffix3"] = word[-3:].casefold()
        row["suffix2"] = word[-2:].casefold()
        row["prefix3"] = word[:3].casefold()
        row["script"] = _script(word)
        row["len"] = str(min(len(word), 12))
        if word[:1].isupper():
            row["capital"] = 1.0
        if word.isupper() and len(word) > 1:
            row["allcaps"] = 1.0
        if word.islower():
            row["lower"] = 1.0
        if index == 0:
            row["first_word"] = 1.0
        script = row["script"]
        if script == "latin" and known and word.casefold() not in known:  # the vocabulary is of Latin-script words
            row["unknown"] = 1.0
            if word[:1].isupper():
                row["unknown_capital"] = 1.0
        if script in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "THAI"}:  # written without spaces between words
            row["unspaced_length"] = str(min(len(word), 6))
        if index > 0 and words[index - 1].text.casefold() in CARE_VERBS:
            row["after_care_verb"] = 1.0
        if any(start <= token.start < end for start, end in rules):
            row["rule_name"] = 1.0
        for offset in (-2, -1, 1, 2):
            at = index + offset
            if 0 <= at < len(words):
                neighbour = words[at].text
                row.update(_word_features(neighbour, f"{offset}:", first, last, other))
                if neighbour[:1].isupper():
                    row[f"{offset}:capital"] = 1.0
            else:
                row[f"{offset}:edge"] = 1.0
        rows.append(row)
    return rows


def windows(words: list[Token]) -> Iterator[list[Token]]:
    """The words in runs of at most MAX_TOKENS, cut at sentence ends where one is near."""
    start = 0
    while start < len(words):
        end = min(len(words), start + MAX_TOKENS)
        if end < len(words):
            cut = max((i + 1 for i in range(start + MAX_TOKENS // 2, end) if words[i].text in {".", "!", "?", ";"}), default=end)
            end = cut
        yield words[start:end]
        start = end


@cache
def _tagger() -> Any:
    """The trained model (a ``pycrfsuite.Tagger``), opened once per process; None when the file is missing."""
    import pycrfsuite

    if not MODEL.exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def model_ready() -> bool:
    """Whether the shipped model could be opened."""
    return _tagger() is not None


THRESHOLD = (
    0.95  # a word is part of a name when the model gives it at least this probability (chosen on fresh4 and fresh5 held out)
)


def name_probabilities(words: list[Token], rule_names: list[tuple[int, int]] | None = None) -> list[float]:
    """For each word, the model's probability that it is part of a name (0 throughout without a model)."""
    tagger = _tagger()
    if tagger is None or not words:
        return [0.0] * len(words)
    found: list[float] = []
    for window in windows(words):
        tagger.set(features(window, rule_names))
        labels = tagger.labels()
        found += [
            sum(tagger.marginal(label, position) for label in ("B", "I") if label in labels) for position in range(len(window))
        ]
    return found


def tag(words: list[Token], rule_names: list[tuple[int, int]] | None = None, threshold: float | None = None) -> list[str]:
    """B, I or O for each word: I continues a name begun by the word before ("O" throughout without a model)."""
    cut = THRESHOLD if threshold is None else threshold
    labels: list[str] = []
    for probability in name_probabilities(words, rule_names):
        if probability < cut:
            labels.append("O")
        else:
            labels.append("I" if labels and labels[-1] != "O" else "B")
    return labels


def name_spans(
    text: str, rule_names: list[tuple[int, int]] | None = None, threshold: float | None = None
) -> list[tuple[int, int]]:
    """(start, end) of each name the model finds: consecutive name words make one span."""
    words = tokens(text)
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for token, label in zip(words, tag(words, rule_names, threshold), strict=True):
        if label == "B" or (label == "I" and current is None):
            if current:
                spans.append(current)
            current = (token.start, token.end)
        elif label == "I" and current is not None:
            current = (current[0], token.end)
        else:
            if current:
                spans.append(current)
            current = None
    if current:
        spans.append(current)
    return spans
