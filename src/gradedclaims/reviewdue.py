"""Reviews falling due: a claim is re-read against its sources (and newer evidence) at the
interval in schema/policy.yml, shorter for topics whose evidence moves faster. An overdue claim
is a warning, not an error: the claim may still be right, but the reader is told it is not fresh."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .claims import Claim
from .dates import add_months
from .policy import Policy
from .problems import Problem, warning


def due_since(claim: Claim, policy: Policy, day: dt.date) -> dt.date | None:
    """The day the claim's review fell due, if `day` has reached it; withdrawn claims are not reviewed."""
    if claim.status == "withdrawn":
        return None
    try:
        reviewed = dt.date.fromisoformat(claim.reviewed)
    except (TypeError, ValueError):
        return None  # the date check reports it
    due = add_months(reviewed, policy.review_months_for(claim.topic))
    return due if due <= day else None


def check(claim: Claim, policy: Policy, day: dt.date) -> Iterator[Problem]:
    due = due_since(claim, policy, day)
    if due is None:
        return
    months = policy.review_months_for(claim.topic)
    pos = claim.at("reviewed")
    yield warning(claim.path, pos.line, pos.column, "review-due",
                  f"claim '{claim.id}' was last reviewed on {claim.reviewed}; topic '{claim.topic}' is reviewed "
                  f"every {months} months, so a review has been due since {due.isoformat()}",
                  "re-read the sources and look for newer evidence, update the statement or grade if needed, "
                  "and set reviewed to the day of the review")
