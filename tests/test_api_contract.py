"""Whole-app check (a): every operation of the OpenAPI schema, fuzzed by schemathesis (issue 11).

The operations are read from the API itself when the tests are collected, so an operation added by a later
pillar is covered without anyone adding it here. Each one is called as a demo user with a personal API token,
with inputs the schema allows and inputs it forbids, and must never answer 5xx, must answer only the statuses
its schema declares (error answers included), with the declared content type and a body that matches the
declared schema, and must refuse input the schema forbids.

The run is bounded (``EXAMPLES`` per operation and mode, derandomized so CI is repeatable); set
``MEDPATH_CONTRACT_EXAMPLES`` for a longer hunt.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

import pytest
import schemathesis
from django.test.client import ClientHandler
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from medpath.api import api

EXAMPLES = int(os.environ.get("MEDPATH_CONTRACT_EXAMPLES", "12"))


def _not_a_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    # schemathesis' own check of the same name, written out so the message names the body.
    if response.status_code >= 500:
        raise AssertionError(f"{case.method} {case.formatted_path} answered {response.status_code}: {response.text[:300]}")
    return None


CHECKS = [
    _not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _wsgi_app() -> Callable[..., Iterable[bytes]]:
    """The Django app as WSGI, through the test client's handler: in-process, inside the test's transaction
    (the plain WSGI handler would close the test's database connection at the end of each request)."""
    handler = ClientHandler(enforce_csrf_checks=True)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        response: Any = handler(environ)
        start_response(f"{response.status_code} {response.reason_phrase}", list(response.items()))
        # A download (the archive) streams: the client's wrapper closes its file once read to the end.
        return response.streaming_content if response.streaming else [response.content]

    return app


SCHEMA = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
SCHEMA.app = _wsgi_app()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]  # type: ignore[union-attr]  # an invalid operation fails here, loudly


def test_the_schema_lists_the_operations() -> None:
    """A guard on the collection itself: an empty or broken schema would make the check below pass vacuously."""
    labels = {operation.label for operation in OPERATIONS}
    assert len(OPERATIONS) >= 50
    assert {"GET /api/v1/me", "POST /api/v1/experience/shifts", "PUT /api/v1/learning/activities/{activity_id}"} <= labels


@pytest.fixture
def demo_token(db: None) -> str:
    """A demo resident's token: a user with records of every pillar behind it."""
    from medpath.accounts.tokens import token_create
    from medpath.demo import DEMO_PEOPLE, demo_load

    demo_load()
    from medpath.accounts.models import User

    resident = next(person for person in DEMO_PEOPLE if "resident" in person.email)
    return token_create(owner=User.objects.get(email=resident.email), name="contract").raw


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda mode: mode.value)
def test_the_operation_keeps_its_contract(operation: Any, mode: GenerationMode, demo_token: str) -> None:
    headers = {"Authorization": f"Bearer {demo_token}"}

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


def test_error_answers_are_declared_with_the_error_shape() -> None:
    """Finding 9: the schema declared only the 2xx answers."""
    raw = api.get_openapi_schema(path_prefix="/api/v1/")
    shift_post = raw["paths"]["/api/v1/experience/shifts"]["post"]["responses"]
    assert {"400", "401", "403", "404", "413", "415", "422", "500"} <= set(shift_post)
    assert shift_post["422"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    assert raw["components"]["schemas"]["Error"]["required"] == ["code", "message", "fields"]
    me = raw["paths"]["/api/v1/me"]["get"]["responses"]
    assert "401" in me
    assert "415" not in me


def test_shift_templates_give_wall_clock_times_as_declared(alice_client: Any) -> None:
    """Finding 9: "07:00:00" was answered where the schema said ``format: time`` (which needs an offset)."""
    templates = alice_client.get("/api/v1/experience/shift-templates").json()
    day = next(template for template in templates if template["name"].startswith("Day"))
    assert (day["start"], day["end"]) == ("07:00", "19:00")
    declared = api.get_openapi_schema(path_prefix="/api/v1/")["components"]["schemas"]["TemplateOut"]["properties"]["start"]
    assert "format" not in declared
    assert declared["pattern"]


def test_every_schema_name_is_one_model() -> None:
    """Two input models were both called TargetIn (the roadmap's and the hour targets'): the schema kept one, so
    PUT /api/v1/roadmap was documented with the hour target's fields. Names of the API's models must be unique."""
    from ninja import Schema

    def subclasses(cls: type) -> list[type]:
        found: list[type] = []
        direct: type
        for direct in cls.__subclasses__():
            found += [direct, *subclasses(direct)]
        return found

    ours = [model for model in subclasses(Schema) if model.__module__.startswith("medpath.")]
    names: dict[str, list[str]] = {}
    for model in ours:
        names.setdefault(model.__name__, []).append(model.__module__)
    assert {name: modules for name, modules in names.items() if len(set(modules)) > 1} == {}
