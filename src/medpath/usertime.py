"""The user's own time: their zone and their today. Platform, used by every pillar.

Dates a person enters and sees are in the zone of their profile; elapsed hours are
real time (see experience/workhours/). An unknown or empty zone is UTC.
"""

from __future__ import annotations

import zoneinfo
from datetime import date
from typing import Any

from django.utils import timezone


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone called ``name`` (UTC when empty or unknown)."""
    try:
        return zoneinfo.ZoneInfo(name or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def user_zone(user: Any) -> zoneinfo.ZoneInfo:
    """The user's time zone (UTC when unset or unknown)."""
    return zone_named(getattr(user, "time_zone", "") or "")


def user_today(user: Any) -> date:
    """Today's date where the user lives."""
    return timezone.localdate(timezone=user_zone(user))
