"""API shapes for accounts."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict, Field


class MeOut(Schema):
    """The caller's own profile."""

    id: int
    email: str
    full_name: str
    time_zone: str
    country: str
    region: str
    career_stage: str
    two_factor_enabled: bool


class MeUpdate(Schema):
    """Profile fields to change; those left out stay as they are. Other fields are refused."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "full_name": "Sam Okafor",
                    "time_zone": "America/New_York",
                    "country": "US",
                    "region": "US-NY",
                    "career_stage": "resident",
                }
            ]
        },
    )

    full_name: str | None = Field(default=None, max_length=150)
    time_zone: str | None = Field(default=None, max_length=64)
    country: str | None = Field(default=None, max_length=2)
    region: str | None = Field(default=None, max_length=60)
    career_stage: str | None = Field(default=None, max_length=32)
