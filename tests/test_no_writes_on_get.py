"""No write on a GET, and no personal answer cached: every page and API operation read without parameters, and the detail pages of the demo
people's own records, issue no INSERT, UPDATE or DELETE — save the session, the audit log and the rate-limit
counters, which record the visit rather than change anyone's records."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, get_resolver, reverse

from medpath.accounts.models import User
from medpath.demo import DEMO_PEOPLE, demo_load

# Tables a visit may write: the login session, the security audit log, rate-limit counters.
VISIT_TABLES = {"django_session", "accounts_auditevent", "accounts_ratelimitbucket"}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def parameterless_get_routes() -> list[str]:
    """Every page and API path without a parameter (the API's GET operations answer; the rest refuse)."""
    paths: list[str] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif "<" not in route and not route.startswith(("^", "static")):
                paths.append("/" + route.lstrip("/"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(paths))


def writes(queries: list[dict[str, str]]) -> list[str]:
    found = []
    for query in queries:
        match = WRITE.match(query["sql"])
        if match and match.group(2).lower() not in VISIT_TABLES:
            found.append(query["sql"][:160])
    return found


@pytest.fixture
def demo_clients(db: None, time_machine: Any) -> list[tuple[User, Client]]:
    """The demo people, signed in a month after their records were made (links have lapsed, reminders are due)."""
    demo_load()
    time_machine.move_to("2027-02-01 12:00:00+00:00", tick=False)
    signed_in = []
    for person in DEMO_PEOPLE:
        user = User.objects.get(email=person.email)
        browser = Client()
        browser.force_login(user)
        signed_in.append((user, browser))
    return signed_in


def test_no_get_writes_for_any_demo_person(demo_clients) -> None:
    """Each demo person (student, nursing student, technologist, resident) opens every page and API list:
    the database is not written."""
    paths = parameterless_get_routes()
    assert "/api/v1/actions" in paths
    assert "/experience/hours/" in paths
    answered = 0
    for user, browser in demo_clients:
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                response = browser.get(path)
            assert response.status_code < 500, (user.email, path)
            if not path.startswith("/accounts/login/"):  # the second-factor step sends back to the login
                assert "/accounts/login/" not in response.get("Location", ""), (user.email, path, "not signed in")
            assert not writes(captured.captured_queries), (user.email, path, writes(captured.captured_queries))
            if response.status_code == 200:  # a personal answer is never kept by a cache (issue 11, finding 7)
                assert "no-store" in response["Cache-Control"], (user.email, path)
            assert "camera=()" in response["Permissions-Policy"], (user.email, path)
            answered += response.status_code == 200
            if response.streaming:  # a download (the archive): read to the end, which closes its temporary file
                b"".join(response.streaming_content)
    assert answered >= len(demo_clients) * 50  # pages and lists really served, not redirects or refusals


def test_no_get_writes_on_the_residents_detail_pages(demo_clients) -> None:
    """The resident's own entries, shifts, activities and credentials, opened one by one: nothing written."""
    from medpath.experience.models import ExperienceEntry
    from medpath.learning.models import Credential, LearningActivity

    for user, browser in demo_clients:
        urls = [reverse("experience:entry", args=[row.pk]) for row in ExperienceEntry.objects.for_user(user)[:5]]
        urls += [reverse("learning:activity", args=[row.pk]) for row in LearningActivity.objects.for_user(user)[:5]]
        urls += [reverse("learning:credential", args=[row.pk]) for row in Credential.objects.for_user(user)[:5]]
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                response = browser.get(url)
            assert response.status_code == 200, url
            assert not writes(captured.captured_queries), (url, writes(captured.captured_queries))
