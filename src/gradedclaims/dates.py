"""Dates in the register: ISO form, real calendar days, not in the future."""

from __future__ import annotations

import calendar
import datetime as dt
import os

from .excerpt import quote


def date_problem(value: str, today: dt.date | None = None) -> str | None:
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return f"{quote(value)} is not a real date in the form YYYY-MM-DD"
    if len(value) != 10:
        return f"{quote(value)} must be written YYYY-MM-DD"
    if day > (today or dt.date.today()):
        return f"{value} is in the future"
    return None


def build_date() -> dt.date:
    """The build's date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day (31 January + 1 month = end of February)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
