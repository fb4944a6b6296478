"""One scoping mechanism for every row of personal data.

Personal rows inherit ``OwnedModel``. Its ``objects`` manager refuses to build a
query until it is told whose rows to read (``Model.objects.for_user(user)``), so a
view that forgets to scope fails loudly instead of leaking. ``all_owners`` is the
explicit, greppable way for system jobs (reminders, migrations) to read across users.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

_M = TypeVar("_M", bound=models.Model)
_P = ParamSpec("_P")
_R = TypeVar("_R")


class UnscopedQueryError(RuntimeError):
    """Personal data was queried without saying whose it is."""


class OwnedQuerySet(models.QuerySet[_M], Generic[_M]):
    """Rows of personal data, narrowed to one owner."""

    def owned_by(self, user: AbstractBaseUser | AnonymousUser) -> OwnedQuerySet[_M]:
        """Only the rows ``user`` owns; none at all for an anonymous visitor."""
        if not user.is_authenticated or user.pk is None:
            return self.none()
        return self.filter(owner_id=user.pk)


class OwnedManager(models.Manager[_M], Generic[_M]):
    """``Model.objects`` for personal data: every query must name its owner."""

    def get_queryset(self) -> OwnedQuerySet[_M]:
        raise UnscopedQueryError(
            f"{self.model.__name__}.objects must be scoped: use .for_user(user), "
            f"or {self.model.__name__}.all_owners in a reviewed system job"
        )

    def for_user(self, user: AbstractBaseUser | AnonymousUser) -> OwnedQuerySet[_M]:
        """The rows ``user`` owns."""
        return OwnedQuerySet(self.model, using=self._db).owned_by(user)


def lock_owner(user: AbstractBaseUser) -> None:
    """Hold ``user``'s row lock until the transaction ends (call inside ``transaction.atomic``).

    A write that first reads what the user already has — a count under a cap, a name or id
    already taken, whether a roadmap exists yet — takes this lock before reading, so two such
    writes for one user run one after the other and cannot both pass the check. (SQLite
    transactions already run one at a time; this is what makes PostgreSQL do the same.)
    """
    from django.contrib.auth import get_user_model

    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))


def one_at_a_time_per_user(service: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a service (called with ``user=``) in one transaction holding that user's row lock (``lock_owner``),
    so its checks and its writes see no other such service of the same user in between."""

    @functools.wraps(service)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with transaction.atomic():
            lock_owner(kwargs["user"])  # type: ignore[arg-type]
            return service(*args, **kwargs)

    return run


class OwnedModel(models.Model):
    """A row that belongs to one user and is visible to that user only."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    # Declared first, so Django's internals (cascades, serialization) use it; views never do.
    all_owners: models.Manager[Any] = models.Manager()
    objects: OwnedManager[Any] = OwnedManager()

    class Meta:
        abstract = True


def get_owned(model: type[_M], user: AbstractBaseUser | AnonymousUser, **lookup: Any) -> _M:
    """The row of ``model`` matching ``lookup`` that ``user`` owns, or 404.

    Another user's row answers exactly like a missing one, so ids reveal nothing.
    """
    manager = getattr(model, "objects", None)
    if not isinstance(manager, OwnedManager):
        raise TypeError(f"{model.__name__} is not personal data read through OwnedManager")
    try:
        obj: _M = manager.for_user(user).get(**lookup)
    except ObjectDoesNotExist:
        raise Http404(f"No {model._meta.verbose_name} matches the given query.") from None
    return obj
