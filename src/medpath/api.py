"""The JSON API under /api/v1/: authentication and one error shape for every error.

Every error answers ``{"code": ..., "message": ..., "fields": {...}}`` with a 4xx
or 5xx status, never an HTML page or a stack trace.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, SessionAuth

from medpath.accounts.api import router as accounts_router
from medpath.accounts.models import User
from medpath.accounts.tokens import token_authenticate
from medpath.applications.api import router as applications_router
from medpath.archive.api import router as archive_router
from medpath.errors import error_response
from medpath.experience.api import router as experience_router
from medpath.home.api import router as home_router
from medpath.learning.api import router as learning_router
from medpath.match.api import router as match_router
from medpath.network.api import router as network_router
from medpath.plans.api import router as plans_router
from medpath.portfolio.api import router as portfolio_router
from medpath.rows import RowsRejected
from medpath.skills.api import router as skills_router
from medpath.wellbeing.api import router as wellbeing_router

logger = logging.getLogger("medpath.api")


class TokenAuth(HttpBearer):
    """``Authorization: Bearer mp_…`` with a personal API token."""

    openapi_description = "A personal API token created on the Tokens page."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_authenticate(token, request=request)
        if user is not None:
            request.user = user  # handlers read request.user whatever the auth method
        return user


class ActiveSessionAuth(SessionAuth):
    """The browser's login session (with CSRF protection on writes)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if isinstance(user, User) and user.is_active else None


# The error answers every operation may give, declared in the schema (they are produced by the handlers below and
# by ApiErrorShapeMiddleware, which ninja cannot see): every status an operation answers is in its schema.
ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "message", "fields"],
    "properties": {
        "code": {"type": "string", "description": "A machine-readable code such as validation_error"},
        "message": {"type": "string", "description": "A sentence for people"},
        "fields": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
            "description": "Messages per field (or per line of an import)",
        },
    },
}
_ERROR_REASONS = {
    "400": "The body is not valid JSON, or nested too deeply",
    "401": "No session and no valid token",
    "403": "Not allowed (a session write without its CSRF token)",
    "404": "Not found, or not yours",
    "413": "The body is larger than this server accepts",
    "415": "The body is not sent as application/json",
    "422": "Some values are not valid; `fields` names each",
    "429": "Too many requests; try again later",
    "500": "A fault on the server (logged; no stack trace is returned)",
}
# Operations answering 404 though they take no input: nothing is there until the person makes it.
_NOT_FOUND_WITHOUT_INPUT = frozenset({("get", "/api/v1/roadmap"), ("get", "/api/v1/me/target")})
# Operations with a per-person rate limit.
_RATE_LIMITED = frozenset({("post", "/api/v1/learning/certificates/read"), ("delete", "/api/v1/account")})


def _error_answers(method: str, path: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation can answer, from what it takes."""
    has_body = "requestBody" in operation
    statuses = ["500"]
    if operation.get("security", True):
        statuses.append("401")
    if method != "get":
        statuses.append("403")
    takes_input = has_body or bool(operation.get("parameters"))
    if takes_input or (method, path) in _NOT_FOUND_WITHOUT_INPUT:
        statuses.append("404")  # an id in the path, body or query that is not there, or not yours
    if has_body:
        statuses += ["400", "413", "415"]
    if takes_input:
        statuses.append("422")
    if (method, path) in _RATE_LIMITED:
        statuses.append("429")
    return statuses


class MedPathAPI(NinjaAPI):
    """ninja's API with every error answer declared in the OpenAPI schema (issue 11, finding 9)."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        reference = {"$ref": "#/components/schemas/Error"}
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                # ninja keys statuses by number, openapi_extra by text: one key per status, or the JSON holds
                # "200" twice and Swagger UI cannot read the schema (a later entry adds to an earlier one)
                responses: dict[str, Any] = {}
                for status, answer in operation.get("responses", {}).items():
                    responses[str(status)] = {**responses.get(str(status), {}), **answer}
                operation["responses"] = responses
                for status in _error_answers(method, path, operation):
                    responses.setdefault(
                        status, {"description": _ERROR_REASONS[status], "content": {"application/json": {"schema": reference}}}
                    )
        return schema


api = MedPathAPI(
    title="MedPath API",
    version="1",
    description="The MedPath JSON API. Authenticate with a personal API token (Bearer) or a browser session.",
    urls_namespace="api",
    auth=[TokenAuth(), ActiveSessionAuth()],
    docs_url="/docs",
)


_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


class ApiErrorShapeMiddleware:
    """Guard /api/: JSON bodies must be objects, and any non-JSON error (a 405 from routing,
    a CSRF 403) is turned into the JSON shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._check_query(request) or self._check_body(request)
        response = refusal or self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            status = response.status_code
            code = _STATUS_CODES.get(status, "server_error" if status >= 500 else "error")
            reason = response.reason_phrase if status < 500 else "Something went wrong on the server."
            replacement = error_response(status, code, f"{reason}.")
            if "Allow" in response:
                replacement["Allow"] = response["Allow"]
            return replacement
        return response

    @staticmethod
    def _check_query(request: HttpRequest) -> HttpResponse | None:
        """A query parameter holding unstorable text (?q=%00 gave a 500 on PostgreSQL) answers 422 naming it."""
        if not request.path.startswith("/api/") or not request.GET:
            return None
        unstorable = _unstorable_text_at({key: request.GET.getlist(key) for key in request.GET})
        if unstorable is None:
            return None
        where, problem = unstorable
        return error_response(422, "validation_error", "Some fields are not valid.", {where.split(".")[0]: [problem]})

    @staticmethod
    def _check_body(request: HttpRequest) -> HttpResponse | None:
        """Every write operation takes a JSON object sent as ``application/json`` (a file upload, multipart); refuse
        other content types, null, lists, scalars and bodies nested too deeply up front."""
        if not request.path.startswith("/api/") or request.method not in {"POST", "PUT", "PATCH"}:
            return None
        if request.content_type == "multipart/form-data" and request.path in FILE_OPERATIONS:
            return None
        if request.content_type != "application/json":
            if _has_body(request):
                return error_response(
                    415,
                    "unsupported_media_type",
                    "Send the body as JSON with the header Content-Type: application/json"
                    + (" (this operation takes a file as multipart/form-data)." if request.path in FILE_OPERATIONS else "."),
                )
            return None
        try:
            body = json.loads(request.body or b"{}")
        except RequestDataTooBig:
            return error_response(413, "too_large", "The request body is larger than this server accepts.")
        except RecursionError:
            return error_response(400, "bad_request", "The body is nested too deeply.")
        except ValueError:
            return error_response(400, "bad_request", "The body is not valid JSON.")
        if not isinstance(body, dict):
            return error_response(422, "validation_error", "The body must be a JSON object.", {"body": ["Send a JSON object."]})
        unstorable = _unstorable_text_at(body)
        if unstorable is not None:
            where, problem = unstorable
            return error_response(422, "validation_error", "Some fields are not valid.", {where: [problem]})
        return None


# Text no database can store: NUL (PostgreSQL refuses it; Django's forms refuse it too) and a lone UTF-16
# surrogate (JSON can write "\ud800", UTF-8 cannot encode it). Refused for every field of every body at once.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable_text_at(body: dict[str, Any]) -> tuple[str, str] | None:
    """(field path, problem) for the first string, value or key, holding unstorable text; iterative, as bodies nest."""
    stack: list[tuple[str, Any]] = [("", body)]
    while stack:
        path, value = stack.pop()
        texts = [value] if isinstance(value, str) else list(value) if isinstance(value, dict) else []
        for text in texts:
            found = _UNSTORABLE.search(text)
            if found:
                character = "the NUL character (\\u0000)" if found.group() == "\x00" else "a lone surrogate (\\ud800–\\udfff)"
                return path or "body", f"Text cannot contain {character}."
        if isinstance(value, dict):
            stack.extend((f"{path}.{key}" if path else str(key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}.{index}", item) for index, item in enumerate(value))
    return None


# Operations that take a file (multipart/form-data) rather than a JSON body.
FILE_OPERATIONS = frozenset(
    {
        "/api/v1/learning/certificates/read",
        "/api/v1/experience/entries/import",
        "/api/v1/learning/activities/import",
        "/api/v1/network/contacts/import-spreadsheet",
        "/api/v1/archive",
        "/api/v1/match/simulate",
    }
)


def _has_body(request: HttpRequest) -> bool:
    """Whether the request says it carries a body (without reading it)."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > 0
    except ValueError:
        return True


def _field_path(location: tuple[Any, ...]) -> str:
    # ninja reports ("body", "payload", "country"); the client only knows "country".
    parts = [str(part) for part in location if part not in {"body", "payload", "query", "path", "form", "file"}]
    return ".".join(parts) or "body"


# The validation library's messages in MedPath's words, by error type; the context fills the braces. A type not
# listed keeps the library's message.
_PLAIN_WORDS: dict[str, str] = {
    "missing": "This field is required.",
    "extra_forbidden": "MedPath does not know this field: leave it out (the API documentation lists the fields).",
    "int_type": "Enter a whole number (a JSON number, not text or true/false).",
    "int_parsing": "Enter a whole number.",
    "int_from_float": "Enter a whole number.",
    "float_type": "Enter a number.",
    "float_parsing": "Enter a number.",
    "decimal_type": "Enter a number.",
    "decimal_parsing": "Enter a number.",
    "decimal_max_places": "Use at most {decimal_places} decimal places.",
    "decimal_max_digits": "Enter at most {max_digits} digits.",
    "bool_type": "Enter true or false.",
    "bool_parsing": "Enter true or false.",
    "string_type": "Enter text.",
    "string_too_long": "At most {max_length} characters.",
    "string_too_short": "At least {min_length} characters.",
    "greater_than_equal": "Enter {ge} or more.",
    "less_than_equal": "Enter {le} or less.",
    "greater_than": "Enter more than {gt}.",
    "less_than": "Enter less than {lt}.",
    "too_long": "At most {max_length} items.",
    "too_short": "At least {min_length} items.",
    "list_type": "Enter a list.",
    "date_type": "Enter a date written YYYY-MM-DD.",
    "date_parsing": "Enter a date written YYYY-MM-DD.",
    "date_from_datetime_parsing": "Enter a date written YYYY-MM-DD.",
    "literal_error": "Choose one of {expected}.",
    "enum": "Choose one of {expected}.",
}


def _in_plain_words(error: dict[str, Any]) -> str:
    """One validation error as the API reports it: MedPath's words where it has them."""
    words = _PLAIN_WORDS.get(str(error.get("type", "")))
    if words is None:
        return str(error.get("msg", "invalid")).removeprefix("Value error, ")
    try:
        return words.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return str(error.get("msg", "invalid"))


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(_field_path(tuple(error.get("loc", ()))), []).append(_in_plain_words(error))
    return error_response(422, "validation_error", "Some fields are not valid.", fields)


@api.exception_handler(ValidationError)
def _model_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = (
        {name: [str(m) for m in messages] for name, messages in exc.message_dict.items()} if hasattr(exc, "error_dict") else {}
    )
    message = "Some fields are not valid." if fields else " ".join(exc.messages)
    return error_response(422, "validation_error", message, fields)


@api.exception_handler(RowsRejected)
def _rows_rejected(request: HttpRequest, exc: RowsRejected) -> HttpResponse:
    # Every bad row of an all-or-nothing import, keyed "line N" so a client can show each next to its line; a
    # problem of the whole file (line 0: not UTF-8, too large) is keyed "file".
    fields: dict[str, list[str]] = {}
    for problem in exc.problems:
        # "file" names the whole file already, so a whole-file problem's message stands alone.
        text = problem.message if problem.field == "file" else f"{problem.field}: {problem.message}"
        fields.setdefault(problem.where.lower(), []).append(text)
    return error_response(422, "rows_rejected", f"{str(exc).rstrip('.')}. Nothing was saved.", fields)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(401, "not_authenticated", "Log in, or send a valid API token as 'Authorization: Bearer <token>'.")
    response["WWW-Authenticate"] = 'Bearer realm="medpath"'
    return response


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(403, "forbidden", str(exc) or "You may not do this.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not_found", "Not found.")


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(413, "too_large", "The request body is larger than this server accepts.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, _STATUS_CODES.get(exc.status_code, "error"), str(exc.message))


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path)
    return error_response(500, "server_error", "Something went wrong on the server; it has been logged.")


api.add_router("/", accounts_router)
api.add_router("/", home_router)
api.add_router("/", plans_router)
api.add_router("/", learning_router)
api.add_router("/", experience_router)
api.add_router("/", skills_router)
api.add_router("/", network_router)
api.add_router("/", wellbeing_router)
api.add_router("/", applications_router)
api.add_router("/", match_router)
api.add_router("/", portfolio_router)
api.add_router("/", archive_router)
