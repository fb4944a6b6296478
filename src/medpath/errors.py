"""The one JSON error shape of the API: ``{"code", "message", "fields"}``."""

from __future__ import annotations

from django.http import JsonResponse


def error_response(status: int, code: str, message: str, fields: dict[str, list[str]] | None = None) -> JsonResponse:
    """An error answer: a machine-readable code, a sentence for people, and per-field messages."""
    return JsonResponse({"code": code, "message": message, "fields": fields or {}}, status=status)
