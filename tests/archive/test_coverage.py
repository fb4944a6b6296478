"""Every model linked to a user is exported or deliberately left out, and the privacy rules hold in the archive."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from medpath.archive.records import kinds, label_of, user_model
from medpath.archive.registry import LEFT_OUT, PROFILE_FIELDS, PROFILE_LEFT_OUT, soft_references
from medpath.skills.models import FeedbackRequest
from medpath.wellbeing.models import CheckIn
from tests.archive.helpers import contents, export_bytes

# Models that hold no foreign key to the user but name a person by address or inside their data.
NAMES_A_PERSON_WITHOUT_A_KEY = {
    "sessions.session",
    "accounts.loginthrottle",
    "accounts.ratelimitbucket",
    "accounts.pendingsignup",
}


def linked_to_user() -> set[str]:
    """Every model (through tables included) with a chain of foreign keys to the user."""
    every = apps.get_models(include_auto_created=True)
    linked = {label_of(user_model())}
    changed = True
    while changed:
        changed = False
        for model in every:
            if label_of(model) in linked:
                continue
            if any(
                f.is_relation and f.related_model and label_of(f.related_model) in linked for f in model._meta.concrete_fields
            ):
                linked.add(label_of(model))
                changed = True
    return (linked - {label_of(user_model())}) | NAMES_A_PERSON_WITHOUT_A_KEY


def test_every_user_linked_model_is_exported_or_left_out_with_a_reason() -> None:
    """A new model with a path to the user fails here until it travels or is listed in LEFT_OUT."""
    exported = {kind.label for kind in kinds()}
    through = {label_of(f.remote_field.through) for k in kinds() for f in k.model._meta.many_to_many}  # type: ignore[arg-type]
    unaccounted = sorted(linked_to_user() - exported - set(LEFT_OUT) - through)
    assert not unaccounted, f"neither exported nor in medpath.archive.registry.LEFT_OUT: {unaccounted}"
    assert not exported & set(LEFT_OUT)
    assert all(reason.strip() for reason in LEFT_OUT.values())


def test_the_left_out_list_names_real_models() -> None:
    """No stale entry: each left-out label is a model of this instance."""
    labels = {label_of(m) for m in apps.get_models(include_auto_created=True)}
    assert set(LEFT_OUT) <= labels


def test_every_profile_field_travels_or_is_left_out() -> None:
    """A new field on the user row must be placed in PROFILE_FIELDS or PROFILE_LEFT_OUT."""
    names = {f.name for f in user_model()._meta.concrete_fields if not f.primary_key}
    assert names == set(PROFILE_FIELDS) | set(PROFILE_LEFT_OUT)


def test_every_id_kept_as_a_number_is_declared_so_it_travels_remapped() -> None:
    """An integer field named like an id (``…_id`` without a foreign key) holds another record's id: it must be
    registered as a soft reference, or the imported copy would point at the original instance's rows."""
    kind_labels = {kind.label for kind in kinds()}
    undeclared = sorted(
        f"{kind.label}.{f.name}"
        for kind in kinds()
        for f in kind.model._meta.concrete_fields
        if isinstance(f, models.IntegerField)
        and f.name.endswith("_id")
        and not f.is_relation
        and f.name not in {reference.field for reference in soft_references(kind.label)}
    )
    assert not undeclared, f"register with medpath.archive.registry.register_soft_reference: {undeclared}"
    for kind in kinds():
        for reference in soft_references(kind.label):
            assert set(reference.targets) <= kind_labels, reference
            position = [k.label for k in kinds()].index
            assert all(position(target) < position(kind.label) for target in reference.targets), reference


@pytest.mark.django_db
def test_wellbeing_travels_in_the_archive_and_feedback_only_as_released_counters(alice: Any) -> None:
    """Check-ins are in the person's own archive; feedback comments, open counters and raters never are."""
    CheckIn.all_owners.create(owner=alice, day="2026-12-01", mood=3, energy=3, stress=2, sleep_hours=7, burnout=1, note="tired")
    now = timezone.now()
    tally = {"acts-on-feedback": {"peer": [0, 0, 0, 1, 1, 1], "supervisor": [1, 0, 0, 0, 0, 0]}}
    FeedbackRequest.all_owners.create(
        owner=alice,
        title="Open",
        instrument_id="medpath-colleague-feedback",
        framework_id="acgme-core-competencies",
        minimum_answers=3,
        closes_on=now.date(),
        closes_at=now + timedelta(days=3),
        answers=4,
        tally=tally,
        comments=["Dr Kim here: great week"],
    )
    data = export_bytes(alice)
    _, records, _ = contents(data)
    assert records["records/wellbeing.checkin.json"]["records"][0]["note"] == "tired"
    request = records["records/skills.feedbackrequest.json"]["records"][0]
    assert request["tally"] is None
    assert "comments" not in request
    assert b"Dr Kim" not in data
    assert b"peer" not in data
    assert b"supervisor" not in data
    assert not any(name.startswith("records/skills.feedbackrater") for name in records)


def test_left_out_kinds_do_not_appear_in_the_import_order() -> None:
    """Tokens, links, audit rows and secrets are never among the kinds written or read."""
    exported = {kind.label for kind in kinds()}
    for secret in ("accounts.apitoken", "accounts.signedlink", "accounts.recoverycode", "accounts.auditevent"):
        assert secret not in exported
    assert all(issubclass(kind.model, models.Model) for kind in kinds())


def test_the_docs_list_every_kind_of_record() -> None:
    """docs/portfolio.md names every kind the archive carries."""
    from pathlib import Path

    text = " ".join((Path(__file__).parents[2] / "docs" / "portfolio.md").read_text().split())
    listed = text.split("Kinds today:", 1)[1].split("Open any record file", 1)[0]
    assert not [kind.label for kind in kinds() if f"`{kind.label}`" not in listed]


def test_the_fields_block_describes_fields_in_words() -> None:
    """Each record file's ``fields`` block says what a field holds in plain words, never a Django class name
    (trial: “burnout (PositiveSmallIntegerField)”), with the range a 1–5 answer takes."""
    from medpath.archive.records import field_description
    from medpath.wellbeing.models import CheckIn

    labels = {kind.label for kind in kinds()}
    texts = [field_description(f, labels) for kind in kinds() for f in kind.model._meta.concrete_fields]
    assert not [text for text in texts if "Field" in text]
    assert field_description(CheckIn._meta.get_field("burnout"), labels) == "burnout: number from 1 to 5"
