"""Choice fields in words: a model's choices open with "Choose one" (required) or "—" (optional) rather than
Django's "---------"."""

from __future__ import annotations

from typing import Any


class WordedBlankChoice:
    """A form mixin: the empty first choice of each choice field reads as words."""

    fields: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            choices = list(getattr(field, "choices", None) or [])
            if choices and choices[0] == ("", "---------"):
                field.choices = [("", "Choose one" if field.required else "—"), *choices[1:]]
