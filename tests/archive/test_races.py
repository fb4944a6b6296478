"""Two imports into the same empty account at once: one fills it, the other is refused, nothing is doubled."""

from __future__ import annotations

from typing import Any

from medpath.accounts.models import User
from medpath.archive.package import ArchiveRefused
from medpath.learning.models import LearningActivity
from tests.archive.helpers import export_bytes, import_bytes
from tests.concurrency import failed, race, racing, succeeded


@racing
def test_two_imports_into_one_empty_account_at_once_fill_it_once(alice: Any, charlie: Any) -> None:
    """ "Empty" is checked under the account's row lock, so the second import sees the first one's records."""
    for number in range(3):
        LearningActivity.all_owners.create(owner=alice, title=f"Course {number}", completed_on="2026-01-02")
    data = export_bytes(alice)
    outcomes = race(lambda i: import_bytes(data, into=User.objects.get(pk=charlie.pk)), times=4)
    assert len(succeeded(outcomes)) == 1
    errors = failed(outcomes)
    assert len(errors) == 3
    assert all(isinstance(error, ArchiveRefused) and error.code == "not_empty" for error in errors), errors
    assert LearningActivity.objects.for_user(charlie).count() == 3


@racing
def test_two_imports_creating_one_new_account_at_once_make_it_once(alice: Any) -> None:
    """The command-line import of one archive as the same new address, twice at once: one account, filled once."""
    LearningActivity.all_owners.create(owner=alice, title="Course", completed_on="2026-01-02")
    data = export_bytes(alice)
    outcomes = race(lambda i: import_bytes(data, email="dana@example.org"), times=3)
    assert len(succeeded(outcomes)) == 1
    assert all(isinstance(error, ArchiveRefused) for error in failed(outcomes)), failed(outcomes)
    dana = User.objects.get(email="dana@example.org")
    assert LearningActivity.objects.for_user(dana).count() == 1
