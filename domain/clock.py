"""Time helpers: the hub stores UTC and counts days in China Standard Time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

CHINA_TIMEZONE = ZoneInfo("Asia/Shanghai")


def utc_now() -> datetime:
    return datetime.now(UTC)


def local_date(moment: datetime) -> date:
    """Return the calendar date in China Standard Time of an aware datetime."""
    return moment.astimezone(CHINA_TIMEZONE).date()
