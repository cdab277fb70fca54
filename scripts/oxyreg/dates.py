"""Dates in the register: ISO form, real calendar days, not in the future."""

from __future__ import annotations

import datetime as dt

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
