"""Password rules of our own, next to Django's."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class NotOnlySpacesValidator:
    """A password must contain something besides spaces."""

    def validate(self, password: str, user: object = None) -> None:
        if not password.strip():
            raise ValidationError("A password of spaces only is too easy to guess.", code="password_blank")

    def get_help_text(self) -> str:
        return "Your password cannot be spaces only."
