"""The one scoping mechanism for personal data fails closed."""

import pytest
from django.http import Http404

from medpath.accounts.models import ApiToken
from medpath.accounts.tokens import token_create
from medpath.scoping import UnscopedQueryError, get_owned


def test_unscoped_query_is_refused(db: None) -> None:
    """Model.objects without .for_user() raises instead of returning everyone's rows."""
    with pytest.raises(UnscopedQueryError, match="for_user"):
        list(ApiToken.objects.all())
    with pytest.raises(UnscopedQueryError):
        ApiToken.objects.filter(name="x").exists()


def test_for_user_returns_only_own_rows(alice, charlie) -> None:
    """Each user sees their own rows; an anonymous visitor sees none."""
    from django.contrib.auth.models import AnonymousUser

    mine = token_create(owner=alice, name="mine").token
    token_create(owner=charlie, name="theirs")
    assert list(ApiToken.objects.for_user(alice)) == [mine]
    assert list(ApiToken.objects.for_user(AnonymousUser())) == []


def test_get_owned_answers_404_for_another_users_row(alice, charlie) -> None:
    """Another user's row looks exactly like a missing one."""
    token = token_create(owner=alice, name="mine").token
    assert get_owned(ApiToken, alice, pk=token.pk) == token
    with pytest.raises(Http404):
        get_owned(ApiToken, charlie, pk=token.pk)


def test_deleting_a_user_deletes_their_rows(alice, charlie) -> None:
    """Cascades still work although Model.objects refuses unscoped queries."""
    token_create(owner=alice, name="mine")
    token_create(owner=charlie, name="theirs")
    alice.delete()
    assert ApiToken.all_owners.count() == 1
