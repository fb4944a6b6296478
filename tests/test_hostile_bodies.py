"""Whole-app check (c): the hostile bodies of issue 11 sent to every write operation of the API.

The operations and their fields are read from the OpenAPI schema, so a write operation added by a later pillar
is attacked without anyone listing it here. Each body must get a JSON 4xx (never a 5xx), and afterwards every
page and API read of the person must still answer: a value that was stored and then broke the dashboard was
one of the tester's findings.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from medpath.api import FILE_OPERATIONS, api
from tests.crawl import linked_pages
from tests.test_no_writes_on_get import parameterless_get_routes

SCHEMA = api.get_openapi_schema(path_prefix="/api/v1/")
COMPONENTS = SCHEMA.get("components", {}).get("schemas", {})

LONE_SURROGATE = "\ud800"
BEYOND_64_BITS = 18446744073709551616
# Each date-time field of a body gets the next hour (a start and an end must differ to reach the store).
END_OF_TIME = {"date": "9999-12-31", "date-time": "9999-12-31T{hour}:00-05:00", "time": "23:59:59"}
BEFORE_TIME = {"date": "0001-01-01", "date-time": "0001-01-01T0{hour}:00+05:00", "time": "00:00:00"}
CSV_FIELD_OVER_LIMIT = "resident,start,end," + "x" * 140_000 + "\nr1,2026-11-02T07:00Z,2026-11-02T19:00Z,\n"


_HOURS = itertools.count()


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    for combined in ("anyOf", "oneOf", "allOf"):
        if combined in schema:
            options = [_resolve(option) for option in schema[combined] if option.get("type") != "null"]
            if options:
                return options[0]
    return schema


def _value(schema: dict[str, Any], hostile: str, depth: int = 0) -> Any:
    """A value of the field's type, made hostile in one way."""
    schema = _resolve(schema)
    kind = schema.get("type")
    if kind == "string":
        fmt = schema.get("format", "")
        if hostile in {"end-of-time", "before-time"} and fmt in END_OF_TIME:
            hour = next(_HOURS)
            return (END_OF_TIME if hostile == "end-of-time" else BEFORE_TIME)[fmt].format(
                hour=20 + hour % 4 if hostile == "end-of-time" else hour % 4
            )
        if hostile == "surrogate":
            return f"Clinic {LONE_SURROGATE}"
        if hostile == "nul":
            return "Clinic \x00"
        if hostile == "csv-field" and schema.get("title", "").lower() == "csv":
            return CSV_FIELD_OVER_LIMIT
        return schema.get("enum", ["x"])[0] if "enum" in schema else "2026-11-02" if fmt == "date" else "x"
    if kind == "integer":
        return BEYOND_64_BITS if hostile == "huge-number" else 1
    if kind == "number":
        return 1e308 if hostile == "huge-number" else 1
    if kind == "boolean":
        return True
    if kind == "array":
        return [_value(schema.get("items", {}), hostile, depth + 1)] if depth < 4 else []
    if kind == "object" or "properties" in schema:
        return (
            {name: _value(field, hostile, depth + 1) for name, field in schema.get("properties", {}).items()} if depth < 4 else {}
        )
    return "x"


def _write_operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in SCHEMA["paths"].items():
        for method, operation in operations.items():
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if method in {"post", "put", "patch"} and body is not None:
                yield method, path, _resolve(body["schema"])


WRITE_OPERATIONS = sorted(_write_operations(), key=lambda item: (item[1], item[0]))
HOSTILE_VALUES = ["surrogate", "nul", "huge-number", "end-of-time", "before-time", "csv-field"]


def test_the_write_operations_are_found() -> None:
    """A guard on the collection: with no operations found, the check below would pass vacuously."""
    assert len(WRITE_OPERATIONS) >= 15
    assert ("post", "/api/v1/experience/shifts") in {(method, path) for method, path, _ in WRITE_OPERATIONS}


def _fill_path(path: str, browser: Client) -> str:
    """``path`` with each {id} replaced by one of the person's own records, read from the collection above it
    (GET /experience/entries for /experience/entries/{entry_id}), so the body reaches the service; "1" where none."""
    parts = _split(path)
    filled = ""
    for part in parts:
        if part.startswith("{"):
            filled += _an_own_id(filled.rstrip("/"), browser)
        else:
            filled += part
    return filled


def _an_own_id(collection: str, browser: Client) -> str:
    for url in (collection, collection.rsplit("/", 1)[0]):
        answer = browser.get(url)
        if answer.status_code != 200 or not answer["Content-Type"].startswith("application/json"):
            continue
        data = answer.json()
        lists = [data] if isinstance(data, list) else [value for value in data.values() if isinstance(value, list)]
        for items in lists:
            for item in items:
                if isinstance(item, dict) and "id" in item:
                    return str(item["id"])
    return "1"


def _split(path: str) -> list[str]:
    parts, current = [], ""
    for char in path:
        if char == "{":
            parts.append(current)
            current = "{"
        elif char == "}":
            parts.append(current + "}")
            current = ""
        else:
            current += char
    return [*parts, current]


@pytest.fixture
def resident_client(db: None) -> Client:
    from medpath.accounts.models import User
    from medpath.demo import DEMO_PEOPLE, demo_load

    demo_load()
    person = next(person for person in DEMO_PEOPLE if "resident" in person.email)
    browser = Client()
    browser.force_login(User.objects.get(email=person.email))
    return browser


def _problem(answer: Any, expected: range | int) -> str | None:
    """What is wrong with an answer, or None."""
    if isinstance(answer, Exception):
        return f"raised {type(answer).__name__}"
    if (answer.status_code not in expected) if isinstance(expected, range) else answer.status_code != expected:
        return f"answered {answer.status_code} {answer.content[:200]!r}"
    if not answer["Content-Type"].startswith("application/json"):
        return f"answered {answer['Content-Type']}"
    return None


def _one_field_hostile(example: dict[str, Any], body_schema: dict[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """The example with one field (at the top, or in the first item of a list of objects) replaced by a hostile value
    of its type."""
    for name, field in body_schema.get("properties", {}).items():
        resolved = _resolve(field)
        if resolved.get("type") == "array" and _resolve(resolved.get("items", {})).get("type") == "object" and example.get(name):
            item_schema = _resolve(resolved["items"])
            for inner, hostile, value in _one_field_hostile(example[name][0], item_schema):
                yield f"{name}.0.{inner}", hostile, {**example, name: [value, *example[name][1:]]}
            continue
        for hostile in HOSTILE_VALUES:
            value = _value(field, hostile)
            if value != _value(field, "plain"):
                yield name, hostile, {**example, name: value}


def test_every_write_operation_documents_an_example() -> None:
    """The check above attacks each field of the example: an operation without one would be attacked only with bodies
    that fail validation before reaching the services."""
    missing = [f"{m.upper()} {p}" for m, p, body in WRITE_OPERATIONS if p not in FILE_OPERATIONS and not body.get("examples")]
    assert missing == []


@pytest.mark.parametrize(
    ("method", "path", "body_schema"), WRITE_OPERATIONS, ids=[f"{m.upper()} {p}" for m, p, _ in WRITE_OPERATIONS]
)
def test_hostile_bodies_get_a_json_4xx_and_break_nothing(
    resident_client: Client, method: str, path: str, body_schema: Any
) -> None:
    url = _fill_path(path, resident_client)
    pages = linked_pages(resident_client)
    problems: list[str] = []

    def send(what: str, body: str, content_type: str, expected: range | int) -> None:
        try:
            answer: Any = getattr(resident_client, method)(url, body, content_type=content_type)
        except Exception as error:  # reported with the others below
            answer = error
        problem = _problem(answer, expected)
        if problem:
            problems.append(f"{what}: {problem}")

    client_error = range(400, 500)
    send("100,000 nested brackets", "[" * 100_000 + "]" * 100_000, "application/json", 400)
    if path not in FILE_OPERATIONS:
        send("JSON sent as text/plain", json.dumps(_value(body_schema, "plain")), "text/plain", 415)
    bodies = [(hostile, _value(body_schema, hostile)) for hostile in HOSTILE_VALUES]
    if path not in FILE_OPERATIONS:
        # The documented example, accepted as it is, then with one field at a time made hostile: values that pass
        # every other check reach the services and the database.
        example = body_schema["examples"][0]
        # An example naming records (an id in the path, an id or ids or an action's key in the body) may find none:
        # 4xx.
        names_records = url != path or any(name == "key" or name.endswith(("_id", "_ids")) for name in example)
        send(
            "the schema's example", json.dumps(example), "application/json", range(200, 500) if names_records else range(200, 300)
        )
        bodies += [(f"{hostile} in {field}", mutated) for field, hostile, mutated in _one_field_hostile(example, body_schema)]
    for what, body in bodies:
        payload = json.dumps(body)
        # Text that cannot be stored (a lone surrogate; NUL, which PostgreSQL refuses) is refused; the other values
        # may be legal in some field (a big number where any is allowed), so for them no 5xx is what matters.
        unstorable = "\\ud800" in payload or "\\u0000" in payload
        send(what, payload, "application/json", client_error if unstorable else range(200, 500))

    # Whatever was accepted must not break a page or a read afterwards: every page and API read without parameters,
    # and every page reached by links (the records' own pages included).
    for page in sorted({*parameterless_get_routes(), *pages}):
        answer: Any = resident_client.get(page)
        if answer.status_code >= 500:
            problems.append(f"afterwards GET {page} answered {answer.status_code}")
        if answer.streaming:  # a download (the archive): read to the end, which closes its temporary file
            b"".join(answer.streaming_content)
    assert not problems, f"{method.upper()} {path}:\n" + "\n".join(problems)


ID_OPERATIONS = sorted(
    (method, path)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
    if any(
        parameter["in"] == "path" and _resolve(parameter["schema"]).get("type") == "integer"
        for parameter in operation.get("parameters", [])
    )
)


@pytest.mark.parametrize(("method", "path"), ID_OPERATIONS, ids=[f"{m.upper()} {p}" for m, p in ID_OPERATIONS])
def test_an_id_beyond_64_bits_in_the_path_is_a_json_4xx(resident_client: Client, method: str, path: str) -> None:
    """DELETE /experience/entries/81096005538373206016 answered 500 (found by the contract check)."""
    url = "".join(str(BEYOND_64_BITS * 7) if part.startswith("{") else part for part in _split(path))
    body = json.dumps({}) if method in {"post", "put", "patch"} else None
    answer = (
        getattr(resident_client, method)(url, body, content_type="application/json")
        if body
        else getattr(resident_client, method)(url)
    )
    assert _problem(answer, range(404, 423)) is None, f"{method.upper()} {url}: {_problem(answer, range(404, 423))}"


QUERY_OPERATIONS = sorted(
    (path, parameter["name"])
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
    if method == "get"
    for parameter in operation.get("parameters", [])
    if parameter["in"] == "query" and "{" not in path
)


@pytest.mark.parametrize(("path", "name"), QUERY_OPERATIONS, ids=[f"{p}?{n}" for p, n in QUERY_OPERATIONS])
def test_a_nul_in_a_query_parameter_is_a_json_4xx(resident_client: Client, path: str, name: str) -> None:
    """GET /api/v1/learning/activities?q=%00 answered 500 on PostgreSQL."""
    answer = resident_client.get(path, {name: "clinic\x00"})
    assert _problem(answer, range(400, 500)) is None, f"{path}?{name}: {_problem(answer, range(400, 500))}"
