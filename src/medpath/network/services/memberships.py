"""Memberships of professional associations: saved with their renewal date and dues, renewed in one step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

from medpath.accounts.models import User
from medpath.bounds import RANGE_MESSAGE, year_in_range
from medpath.network.models import Membership
from medpath.privacy.forms import guard_texts
from medpath.scoping import get_owned

MAX_DUES = Decimal("100000")
NOT_MONEY = frozenset({"XXX", "XTS"})  # ISO 4217's "no currency" and "for testing" codes


def currency_problem(code: str) -> str | None:
    """Why ``code`` (upper case) is not an ISO 4217 currency for dues, or None."""
    import pycountry

    if len(code) != 3 or not code.isalpha() or code in NOT_MONEY or pycountry.currencies.get(alpha_3=code) is None:
        return f"“{code[:12]}” is not an ISO 4217 currency code; give one such as USD, EUR or CAD."
    return None


def membership_save(
    *,
    user: User,
    association: str,
    member_number: str = "",
    level: str = "",
    renews_on: date | None = None,
    dues_amount: Decimal | None = None,
    dues_currency: str = "",
    notes: str = "",
    pk: int | None = None,
    privacy_confirmed: bool = False,
) -> Membership:
    """Add a membership, or change one of the user's (``pk``)."""
    membership = get_owned(Membership, user, pk=pk) if pk is not None else Membership(owner=user)
    association, notes, dues_currency = association.strip(), notes.strip(), dues_currency.strip().upper()
    problems: dict[str, list[str]] = {}
    if not association:
        problems["association"] = ["Name the association, e.g. American Medical Association."]
    for name, value, limit in (("association", association, 200), ("member_number", member_number, 80), ("level", level, 80)):
        if len(value.strip()) > limit:
            problems[name] = [f"At most {limit} characters."]
    if len(notes) > 2000:
        problems["notes"] = ["At most 2,000 characters."]
    if renews_on is not None and not year_in_range(renews_on):
        problems["renews_on"] = [f"Enter {RANGE_MESSAGE}."]
    if dues_amount is not None:
        if dues_amount < 0 or dues_amount > MAX_DUES:
            problems["dues_amount"] = [f"Dues are between 0 and {MAX_DUES:,}."]
        elif dues_amount.as_tuple().exponent < -2:  # type: ignore[operator]
            problems["dues_amount"] = ["At most two decimals."]
    if dues_currency and (problem := currency_problem(dues_currency)):
        problems["dues_currency"] = [problem]
    if dues_amount is not None and not dues_currency:
        problems["dues_currency"] = ["Give the dues' currency, e.g. USD."]
    if problems:
        raise ValidationError(problems)
    if notes != membership.notes:
        guard_texts({"notes": notes}, confirmed=privacy_confirmed)
    membership.association, membership.member_number, membership.level = association, member_number.strip(), level.strip()
    membership.renews_on, membership.dues_amount, membership.dues_currency = renews_on, dues_amount, dues_currency
    membership.notes = notes
    membership.full_clean()
    membership.save()
    return membership


def membership_renew(*, user: User, pk: int, renewed_until: date) -> Membership:
    """Record that a membership was renewed: its next renewal date moves to ``renewed_until``."""
    membership = get_owned(Membership, user, pk=pk)
    if not year_in_range(renewed_until):
        raise ValidationError({"renewed_until": [f"Enter {RANGE_MESSAGE}."]})
    if membership.renews_on is not None and renewed_until <= membership.renews_on:
        raise ValidationError({"renewed_until": ["Renewed until a later day than the current renewal date."]})
    membership.renews_on = renewed_until
    membership.save(update_fields=["renews_on"])
    return membership


def membership_delete(*, user: User, pk: int) -> None:
    """Delete one of the user's memberships."""
    get_owned(Membership, user, pk=pk).delete()
