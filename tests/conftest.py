"""Shared fixtures: personas, the outsider check, a real SMTP server."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# The route-coverage hooks (see tests/route_coverage.py), registered through this conftest.
from tests.route_coverage import (  # noqa: F401
    api_key,
    is_api_view,
    page_key,
    pytest_addoption,
    pytest_sessionfinish,
    pytest_testnodedown,
    record_refusal,
)

hypothesis_settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile("dev", max_examples=50, deadline=None)
# HYPOTHESIS_PROFILE=stress: many more examples, for a property under suspicion (not part of make test).
hypothesis_settings.register_profile("stress", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck))
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: Any) -> None:
    """SQLite tests use a database file (one per test worker), not shared-cache memory: threads of a race
    (tests/concurrency.py) and the live server then queue on the write lock as real processes do."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        if database["ENGINE"] == "django.db.backends.sqlite3" and not database.get("TEST", {}).get("NAME"):
            database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("sqlite") / "test.sqlite3")


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["tests.hashers.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_data_directory(settings: Any, tmp_path_factory: Any) -> None:
    """Each test worker keeps its files in its own data directory: the workers' databases both number their users
    from 1, so a deletion in one (which removes the folders of that user id) must not reach the other's files."""
    data = tmp_path_factory.getbasetemp() / "data"
    settings.DATA_DIR = data
    settings.MEDIA_ROOT = data / "uploads"


def make_user(email: str, **fields: Any) -> Any:
    """A user with the shared test password."""
    from medpath.accounts.models import User

    return User.objects.create_user(email, PASSWORD, **fields)


@pytest.fixture
def alice(db: None) -> Any:
    """Alice owns the records under test."""
    return make_user("alice@example.org", full_name="Alice Adams", time_zone="America/Chicago")


@pytest.fixture
def charlie(db: None) -> Any:
    """Charlie is an outsider: logged in, but owns none of Alice's records."""
    return make_user("charlie@example.org", full_name="Charlie Chen")


@pytest.fixture
def alice_client(alice: Any) -> Any:
    """A browser logged in as Alice (separate from the anonymous ``client``)."""
    from django.test import Client

    browser = Client()
    browser.force_login(alice)
    return browser


@pytest.fixture
def charlie_client(db: None, charlie: Any) -> Any:
    from django.test import Client

    outsider = Client()
    outsider.force_login(charlie)
    return outsider


@pytest.fixture
def refused() -> Callable[..., Any]:
    """Try a route as an outsider, assert the refusal, and record it for route coverage.

    Pages must answer 403/404 or redirect to the login page; API operations must
    answer 401/403/404 with the JSON error shape. A route with parameters (an
    object's id) must be tried by a logged-in outsider, and ``owner`` — a client
    of the object's owner — must then get through on the same request, which
    proves the refusal was about ownership and not a bad id. The owner's request
    runs in a savepoint that is rolled back, so the test can still check that
    the outsider changed nothing.
    """
    from django.conf import settings
    from django.db import transaction
    from django.urls import resolve, reverse

    def check(client: Any, method: str, path: str, *, owner: Any = None, shared_data: bool = False, **kwargs: Any) -> Any:
        # shared_data: the parameter names reference data everyone may read (a catalog id), not someone's record.
        match = resolve(urlsplit(path).path)
        if match.kwargs and not shared_data:
            assert client.session.get("_auth_user_id"), f"{path}: try a route with parameters as a logged-in outsider"
            assert owner is not None, f"{path}: pass owner=<client of the owner> to prove the owner gets in"
        response = getattr(client, method.lower())(path, **kwargs)
        if is_api_view(match.func):
            key = api_key(method, match.route)
            assert response.status_code in {401, 403, 404}, f"{key} let an outsider in: {response.status_code}"
            body = response.json()
            assert set(body) == {"code", "message", "fields"}, body
        else:
            key = page_key(match.route)
            status = response.status_code
            login_name = reverse(settings.LOGIN_URL)
            to_login = status == 302 and urlsplit(response["Location"]).path == login_name
            assert status in {403, 404} or to_login, f"{key} let an outsider in: {status}"
        if owner is not None:
            with transaction.atomic():
                allowed = getattr(owner, method.lower())(path, **kwargs)
                transaction.set_rollback(True)
            assert allowed.status_code < 400, f"{key}: the owner was refused too ({allowed.status_code})"
            if allowed.streaming:  # read a file response to the end, which closes its file
                b"".join(allowed.streaming_content)
        record_refusal(key)
        return response

    return check


@dataclass
class SmtpServer:
    """A real SMTP server in the test process; ``messages`` holds what it received."""

    host: str
    port: int
    messages: list[Message] = field(default_factory=list)

    def last_to(self, address: str) -> Message:
        """The latest message sent to ``address``."""
        for message in reversed(self.messages):
            if address in message["To"]:
                return message
        raise AssertionError(f"no e-mail to {address}; got {[m['To'] for m in self.messages]}")


class _Collector:
    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.server.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[SmtpServer]:
    """Start aiosmtpd on a free port and point Django's SMTP backend at it."""
    from aiosmtpd.controller import Controller

    server = SmtpServer(host="127.0.0.1", port=_free_port())
    controller = Controller(_Collector(server), hostname=server.host, port=server.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    try:
        yield server
    finally:
        controller.stop()


def body_of(message: Message) -> str:
    """The text of a plain e-mail."""
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode()
