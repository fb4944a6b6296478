"""Fail the suite when a route has no test in which an outsider is refused.

Tests call the ``refused`` fixture (see conftest.py) to try a route as someone
who must not get in; each call records the route's key. With
``--route-coverage`` (``make test`` passes it), the end of the session compares
the recorded keys with every URL route and every API operation, minus the
reviewed ``PUBLIC_ROUTES`` list in ``tests/public_routes.py``, and fails naming
each route nobody tried. Works across pytest-xdist workers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

_refused: set[str] = set()
_OPTION = "--route-coverage"


def api_key(method: str, route: str) -> str:
    """Key of an API operation: METHOD and the OpenAPI-style path."""
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route.lstrip("/"))
    return f"{method.upper()} {path}"


def page_key(route: str) -> str:
    """Key of a page route: its Django route pattern."""
    return "/" + route.lstrip("/")


def is_api_view(callback: Any) -> bool:
    """Whether a URL pattern's view is a django-ninja operation."""
    return "PathView.get_view" in getattr(callback, "__qualname__", "")


def record_refusal(key: str) -> None:
    """Note that a test saw an outsider refused at ``key``."""
    _refused.add(key)


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    from django.urls import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def all_route_keys() -> set[str]:
    """Every page route and every API operation of the project."""
    from django.urls import get_resolver

    from medpath.api import api

    keys: set[str] = set()
    api_routes: set[str] = set()
    for route, callback in _walk(get_resolver().url_patterns):
        if is_api_view(callback):
            api_routes.add(api_key("GET", route).split(" ", 1)[1])
        else:
            keys.add(page_key(route))
    schema = api.get_openapi_schema()
    documented: set[str] = set()
    for path, operations in schema["paths"].items():
        documented.add(path)
        for method in operations:
            keys.add(f"{method.upper()} {path}")
    # An operation hidden from the schema still needs a refusal test.
    keys.update(f"ANY {path}" for path in api_routes - documented)
    return keys


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(_OPTION, action="store_true", help="fail when a route has no outsider-refused test")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    output = getattr(node, "workeroutput", {}) or {}
    _refused.update(json.loads(output.get("refused_routes", "[]")))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if hasattr(config, "workeroutput"):  # an xdist worker hands its keys to the controller
        config.workeroutput["refused_routes"] = json.dumps(sorted(_refused))
        return
    if not config.getoption(_OPTION):
        return
    from tests.public_routes import PUBLIC_ROUTES

    routes = all_route_keys()
    missing = sorted(routes - _refused - set(PUBLIC_ROUTES))
    stale = sorted(set(PUBLIC_ROUTES) - routes)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    lines = []
    if missing:
        lines.append("Routes without a test in which an outsider is refused (use the `refused` fixture):")
        lines += [f"  {key}" for key in missing]
    if stale:
        lines.append("tests/public_routes.py lists routes that no longer exist:")
        lines += [f"  {key}" for key in stale]
    if lines:
        if reporter is not None:
            reporter.write_line("\n".join(lines), red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif reporter is not None:
        reporter.write_line(f"route coverage: {len(routes)} routes, each refused to an outsider or reviewed public")
