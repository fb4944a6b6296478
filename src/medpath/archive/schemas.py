"""API shapes of the archive and of account deletion."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict, Field


class ArchiveImportedOut(Schema):
    """What an archive import put into the account."""

    email: str = Field(description="The account the archive was imported into")
    records: dict[str, int] = Field(description="How many records of each kind (app.model) were imported")
    files: int = Field(description="How many uploaded files were restored")


class AccountDeleteIn(Schema):
    """The same confirmation as the page: the current password and the account's e-mail address typed out.

    A token alone never deletes an account: whoever holds a token must also know the password."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"password": "my current passphrase", "confirm_email": "sam@example.org"}]},
    )

    password: str = Field(max_length=4096, description="The account's current password")
    confirm_email: str = Field(max_length=254, description="The account's e-mail address, typed out")
