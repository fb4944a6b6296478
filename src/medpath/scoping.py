"""One scoping mechanism for every row of personal data.

Personal rows inherit ``OwnedModel``. Its ``objects`` manager refuses to build a
query until it is told whose rows to read (``Model.objects.for_user(user)``), so a
view that forgets to scope fails loudly instead of leaking. ``all_owners`` is the
explicit, greppable way for system jobs (reminders, migrations) to read across users.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

_M = TypeVar("_M", bound=models.Model)


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
