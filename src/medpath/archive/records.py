"""Which models hold a person's records, found by walking Django's app registry, and how one row becomes a JSON
object of the archive and back.

A model is a *kind of record* when it has an ``owner`` foreign key to the user, or a required foreign key to a
kind of record (a child row, reached through its parent), and it is not in ``registry.LEFT_OUT``. Foreign keys
between records become archive-local ids (1, 2, … per kind, in the order of the original ids); the user is
``"me"``; a link to a left-out signed link travels as its dates and state.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.duration import duration_iso_string

from medpath.archive.registry import LEFT_OUT, soft_references

ME = "me"
LINK_FIELDS = ("purpose", "created_at", "expires_at", "single_use", "used_at", "use_count", "last_used_at", "revoked_at")


@dataclass(frozen=True)
class Kind:
    """One kind of record: its model, and the lookup from its rows to their owner."""

    label: str
    model: type[models.Model]
    owner_path: str  # e.g. "owner" or "request__owner"

    @property
    def filename(self) -> str:
        return f"records/{self.label}.json"


def label_of(model: type[models.Model]) -> str:
    """``app_label.model_name``, as Django spells it."""
    return str(model._meta.label_lower)


def user_model() -> type[models.Model]:
    return apps.get_model(settings.AUTH_USER_MODEL)


def _is_user(model: Any) -> bool:
    return model is user_model()


def data_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The concrete fields a record carries: all but the primary key and the owner."""
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name != "owner"]


def m2m_fields(model: type[models.Model]) -> list[models.ManyToManyField[Any, Any]]:
    return [f for f in model._meta.many_to_many if isinstance(f, models.ManyToManyField)]


def kinds() -> list[Kind]:
    """Every kind of record, parents before the children that point at them (import order)."""
    found: dict[str, Kind] = {}
    candidates = [m for m in apps.get_models() if label_of(m) not in LEFT_OUT and not _is_user(m)]
    for model in candidates:
        owner = next((f for f in model._meta.concrete_fields if f.name == "owner"), None)
        if owner is not None and _is_user(owner.related_model):
            found[label_of(model)] = Kind(label_of(model), model, "owner")
    changed = True
    while changed:  # children without an owner of their own, reached through a required key to a record
        changed = False
        for model in candidates:
            if label_of(model) in found:
                continue
            for f in model._meta.concrete_fields:
                target = label_of(f.related_model) if f.is_relation and f.related_model else None
                if target in found and not f.null:
                    found[label_of(model)] = Kind(label_of(model), model, f"{f.name}__{found[target].owner_path}")
                    changed = True
                    break
    return _in_dependency_order(found)


def _in_dependency_order(found: dict[str, Kind]) -> list[Kind]:
    ordered: list[Kind] = []
    placed: set[str] = set()
    pending = sorted(found)
    while pending:
        progress = False
        for label in list(pending):
            needs = {
                label_of(f.related_model)
                for f in data_fields(found[label].model)
                if f.is_relation and f.related_model and label_of(f.related_model) in found
            }
            needs |= {target for reference in soft_references(label) for target in reference.targets if target in found}
            needs -= {label}
            if needs <= placed:
                ordered.append(found[label])
                placed.add(label)
                pending.remove(label)
                progress = True
        if not progress:
            raise RuntimeError(f"records point at each other in a cycle: {pending}")
    return ordered


def member_path(kind: Kind, local_id: int, field: str, name: str) -> str:
    """Where an uploaded file travels in the zip."""
    suffix = PurePosixPath(name).suffix.lower()[:8]  # the stored name is the instance's business; its type travels
    return f"files/{kind.label}/{local_id}/{field}{suffix}"


def plain(value: Any) -> Any:
    """A field value as JSON: dates and times in ISO 8601, decimals and UUIDs as strings."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def field_description(f: models.Field[Any, Any], kind_labels: set[str]) -> str:
    """One line for the documentation block of a record file."""
    text = str(f.verbose_name)
    if f.is_relation and f.related_model is not None:
        target = label_of(f.related_model)
        if _is_user(f.related_model):
            return f'{text}: always "{ME}"'
        if target == "accounts.signedlink":
            return f"{text}: the link's {', '.join(LINK_FIELDS)} (never the link itself)"
        if target in kind_labels:
            return f"{text}: id of a record in records/{target}.json"
    if isinstance(f, models.FileField):
        return f"{text}: path of the file in the archive (under files/)"
    words = [next((word for types, word in PLAIN_TYPES if isinstance(f, types)), "a value")]
    bounds = {type(v).__name__: v.limit_value for v in f.validators if isinstance(v, MinValueValidator | MaxValueValidator)}
    if "MinValueValidator" in bounds and "MaxValueValidator" in bounds:
        words[0] += f" from {bounds['MinValueValidator']} to {bounds['MaxValueValidator']}"
    if isinstance(f, models.DecimalField):
        words.append("written as a string")
    if f.choices:
        words.append("one of " + ", ".join(str(value) for value, _ in f.flatchoices))
    if f.help_text:
        words.append(str(f.help_text))
    if f.null:
        words.append("may be null")
    return f"{text}: {'; '.join(words)}"


# What a field holds, in words, for the ``fields`` block of a record file (the first match wins: a boolean field is
# not also a number, a date-time is not a date).
PLAIN_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (models.BooleanField, "true or false"),
    (models.DateTimeField, "date and time, ISO 8601 with its offset"),
    (models.DateField, "date, YYYY-MM-DD"),
    (models.TimeField, "time of day, HH:MM:SS"),
    (models.DurationField, "duration, ISO 8601"),
    (models.DecimalField, "decimal number"),
    ((models.IntegerField, models.FloatField), "number"),
    (models.JSONField, "JSON value"),
    (models.UUIDField, "UUID"),
    ((models.CharField, models.TextField), "text"),
)
