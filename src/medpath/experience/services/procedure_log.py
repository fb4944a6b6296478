"""Writing the procedure and case log, and the user's own procedure targets; categories are the catalog's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.experience.models import ProcedureEntry, ProcedureRole, ProcedureTarget
from medpath.experience.services.log import FIRST_DATE, LAST_DATE
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned
from medpath.usertime import user_zone

PROCEDURE_FIELDS = ("procedure", "category", "performed_on", "setting", "role", "supervision", "chief_year", "notes")
PROCEDURE_GUARDED = ("procedure", "notes")


def category_choices() -> list[tuple[str, str]]:
    """Every catalog case category as (set-id:category-id, "Set — Category")."""
    choices = []
    for minimums in catalog().case_minimums.values():
        for category in minimums.categories:
            if category.counts == "all_cases":
                continue  # computed from every case of the set, not a category to log under
            choices.append((f"{minimums.id}:{category.id}", f"{minimums.specialty}: {category.name}"))
    return choices


def procedure_save(
    *, user: User, entry: ProcedureEntry | None = None, privacy_confirmed: bool = False, **values: Any
) -> ProcedureEntry:
    """Log or change a procedure; the category must be one of the catalog's."""
    unknown = set(values) - set(PROCEDURE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be set." for name in sorted(unknown)})
    row = entry or ProcedureEntry(owner=user)
    previous = {name: getattr(row, name) for name in PROCEDURE_GUARDED} if entry else {}
    for name, value in values.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    problems: dict[str, list[str]] = {}
    if row.category and row.category not in dict(category_choices()):
        problems["category"] = [f"“{row.category}” is not a category of the catalog's case minimums."]
    if row.performed_on and not FIRST_DATE <= row.performed_on <= LAST_DATE:
        problems["performed_on"] = [f"Enter a date between {FIRST_DATE.year} and {LAST_DATE.year}."]
    elif row.performed_on and row.performed_on > timezone.localdate(timezone=user_zone(user)):
        problems["performed_on"] = ["Log a case once it has happened (this date is in the future)."]
    if problems:
        raise ValidationError(problems)
    guard_texts(
        {name: getattr(row, name) for name in PROCEDURE_GUARDED if getattr(row, name) != previous.get(name)},
        confirmed=privacy_confirmed,
    )
    row.full_clean()
    row.save()
    return row


def procedure_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's procedures."""
    get_owned(ProcedureEntry, user, pk=pk).delete()


def procedure_target_save(
    *, user: User, label: str, minimum: int, procedure: str = "", category: str = "", roles: Iterable[str] = ()
) -> ProcedureTarget:
    """The user's own count to reach, matched by procedure name or catalog category."""
    roles = list(dict.fromkeys(roles)) or [ProcedureRole.PERFORMED]
    problems: dict[str, list[str]] = {}
    if not procedure.strip() and not category:
        problems["procedure"] = ["Give a procedure name or choose a category."]
    if category and category not in dict(category_choices()):
        problems["category"] = [f"“{category}” is not a category of the catalog's case minimums."]
    if any(role not in ProcedureRole.values for role in roles):
        problems["roles"] = ["Choose roles from: " + ", ".join(ProcedureRole.values) + "."]
    if problems:
        raise ValidationError(problems)
    row = ProcedureTarget(
        owner=user, label=label.strip(), procedure=procedure.strip(), category=category, roles=roles, minimum=minimum
    )
    row.full_clean()
    row.save()
    return row


def procedure_target_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's procedure targets."""
    get_owned(ProcedureTarget, user, pk=pk).delete()
