"""Writing the experience targets a user follows: a catalog one or the user's own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from medpath.accounts.models import User
from medpath.catalog.loader import catalog
from medpath.experience.models import ExperienceKind, ExperienceTarget
from medpath.scoping import get_owned, one_at_a_time_per_user


@one_at_a_time_per_user  # "you already follow this target" is read before writing
def target_save(
    *,
    user: User,
    label: str = "",
    kinds: Iterable[str] = (),
    hours: Decimal | float | None = None,
    catalog_id: str = "",
    due_on: date | None = None,
    verified_only: bool = False,
) -> ExperienceTarget:
    """Add a target: a catalog one (its label, kinds and hours come from the catalog) or the user's own."""
    if catalog_id:
        known = catalog().hour_targets.get(catalog_id)
        if known is None:
            raise ValidationError({"catalog_id": [f"“{catalog_id}” is not a target in the catalog."]})
        if ExperienceTarget.objects.for_user(user).filter(catalog_id=catalog_id).exists():
            raise ValidationError({"catalog_id": ["You already follow this target."]})
        label, kinds, hours = known.name, list(known.kinds), Decimal(str(known.hours))
    kinds = list(dict.fromkeys(kinds))
    problems: dict[str, list[str]] = {}
    valid = set(ExperienceKind.values)
    if not kinds or any(kind not in valid for kind in kinds):
        problems["kinds"] = ["Choose the kinds of experience that count."]
    if not label.strip():
        problems["label"] = ["Name the target."]
    if hours is None:
        problems["hours"] = ["Give the hours to reach."]
    if problems:
        raise ValidationError(problems)
    row = ExperienceTarget(
        owner=user,
        label=label.strip(),
        kinds=kinds,
        hours=Decimal(str(hours)),
        catalog_id=catalog_id,
        due_on=due_on,
        verified_only=verified_only,
    )
    row.full_clean()
    row.save()
    return row


def target_delete(*, user: User, pk: int) -> None:
    """Stop following a target."""
    get_owned(ExperienceTarget, user, pk=pk).delete()
