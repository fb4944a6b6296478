"""The learned name detector (issue 15): its training never sees an evaluation sentence, it trains the same way
twice, it is opened once per process, and text in other scripts, emoji, control characters and very long fields
give bounded time and no name because of their script."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from medpath.privacy import guard, names, train

FOLDER = Path(__file__).resolve().parent
LABELLED_FILES = tuple(path.name for path in FOLDER.glob("eval_set*.jsonl"))


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def test_training_never_holds_an_evaluation_sentence() -> None:
    """No blind set is read for training, and no training sentence (generated ones included) is a blind one."""
    blind = {
        _normal(json.loads(line)["text"])
        for path in FOLDER.glob("eval_set_blind*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    assert len(blind) > 1500
    trained = {_normal(text) for text, _ in train.corpus(24000, 7)}
    assert not blind & trained


def test_training_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    """Two trainings with one seed write the same model, byte for byte (a small corpus keeps this quick)."""
    first, second = tmp_path / "a" / "names.crfsuite", tmp_path / "b" / "names.crfsuite"
    try:
        train.train(first, 300, 11, held_out=LABELLED_FILES)
        train.train(second, 300, 11, held_out=LABELLED_FILES)
    finally:
        names.VOCABULARY = names.MODEL.with_name("names-vocabulary.txt")  # training points it at its own output
        names.vocabulary.cache_clear()
    assert first.read_bytes() == second.read_bytes()
    assert first.with_name("names-vocabulary.txt").read_text() == second.with_name("names-vocabulary.txt").read_text()
    other = tmp_path / "c" / "names.crfsuite"
    try:
        train.train(other, 300, 12, held_out=LABELLED_FILES)
    finally:
        names.VOCABULARY = names.MODEL.with_name("names-vocabulary.txt")
        names.vocabulary.cache_clear()
    assert other.read_bytes() != first.read_bytes()  # the seed matters: the test could fail


def test_the_shipped_model_is_opened_once_per_process() -> None:
    """Every check uses the one tagger opened at the first (make test stays in its time budget)."""
    assert names.model_ready()
    assert names._tagger() is names._tagger()
    assert guard.find_identifiers("Walked Mrs. Okonkwo to x-ray.")[0].text == "Okonkwo"


@pytest.mark.parametrize(
    "text",
    [
        "我们下午三点开会。",  # a meeting at three
        "الطقس جميل اليوم",  # the weather is nice today
        "Завтра будет обход в восемь.",  # rounds at eight tomorrow
        "Η βάρδια ήταν ήσυχη.",  # the shift was quiet
        "오늘 교대 근무는 조용했어요",  # today's shift was quiet
        "आज बहुत काम था",  # a lot of work today
        "今日はとても忙しかったです",  # very busy today
        "วันนี้งานเยอะมาก",  # a lot of work today
        "Great shift 🎉🙂 learned so much 🏥",
        "\x07\x1b[31m\u200b\ufeff\x00" * 50,
    ],
)
def test_no_name_because_of_a_script_emoji_or_control_characters(text: str) -> None:
    """Phrases that hold no name, in scripts other than Latin, or emoji and control characters: no name flagged."""
    assert [span for span in guard.find_identifiers(text) if span.type == "name"] == []


def test_very_long_fields_take_bounded_time() -> None:
    """50,000 characters of mixed text are checked in bounded time and windows (no crash, no quadratic blow-up)."""
    text = ("Walked Mrs. Okonkwo to x-ray; 病人今天感觉好多了 🙂 " * 1200)[:50000]
    began = time.perf_counter()
    found = guard.find_identifiers(text)
    assert time.perf_counter() - began < 10
    assert sum(span.text == "Okonkwo" for span in found) > 1000


def test_without_the_model_the_rules_decide_names(monkeypatch: Any, tmp_path: Path) -> None:
    """A checkout without the model file still guards names, by the rules (the fallback the docs describe)."""
    monkeypatch.setattr(names, "MODEL", tmp_path / "missing.crfsuite")
    names._tagger.cache_clear()
    try:
        assert not names.model_ready()
        assert [span.text for span in guard.find_identifiers("Walked Mrs. Okonkwo to x-ray.")] == ["Okonkwo"]
    finally:
        names._tagger.cache_clear()


def test_a_name_the_model_misses_by_title_is_still_found() -> None:
    """The rules' names after a title or a relative's role stay beside the model's (their most precise kind)."""
    text = "Interpreted for Mrs. Quisquater today; her son Anselm kept answering for her."
    found = {span.text for span in guard.find_identifiers(text) if span.type == "name"}
    assert {"Quisquater", "Anselm"} <= found
