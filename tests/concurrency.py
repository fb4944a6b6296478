"""Races on a real database: fire the same action from several threads at once.

Each thread gets its own database connection (Django's connections are per
thread), so on PostgreSQL every call is its own transaction exactly as on two app
servers, and on SQLite they queue on the write lock as two processes would. A
barrier releases all threads together to make the overlap real, not lucky.

A test that races must use a transactional database, so the threads see the rows
it made: mark it ``@racing``. Later pillars reuse ``race`` for their own races
(feedback links, follow-ups, imports)::

    @racing
    def test_one_answer(alice):
        outcomes = race(lambda i: services.answer(token=token, ...), times=8)
        assert len(succeeded(outcomes)) == 1
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

import pytest
from django.db import connections

T = TypeVar("T")

racing = pytest.mark.django_db(transaction=True)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What one thread's call returned or raised."""

    value: T | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def race(action: Callable[[int], T], *, times: int = 8, timeout: float = 60.0) -> list[Outcome[T]]:
    """Call ``action(i)`` for i in 0..times-1, each in its own thread, released at the same moment."""
    barrier = threading.Barrier(times)

    def run(index: int) -> Outcome[T]:
        try:
            barrier.wait(timeout)
            return Outcome(value=action(index))
        except Exception as error:
            return Outcome(error=error)
        finally:
            connections.close_all()  # this thread's connections; the test database can then be dropped

    with ThreadPoolExecutor(max_workers=times) as pool:
        return list(pool.map(run, range(times), timeout=timeout))


def succeeded(outcomes: list[Outcome[T]]) -> list[T]:
    """The values of the calls that did not raise."""
    return [outcome.value for outcome in outcomes if outcome.error is None]  # type: ignore[misc]


def failed(outcomes: list[Outcome[T]]) -> list[BaseException]:
    """The errors of the calls that raised."""
    return [outcome.error for outcome in outcomes if outcome.error is not None]
