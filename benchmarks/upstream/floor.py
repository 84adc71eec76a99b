"""The floor: the least wall time the published rate limits allow for a set of requests.

Each budget is a sliding window of ``w`` seconds admitting at most ``r`` calls (the fake and the
real APIs admit a burst of ``r`` at once, then the next call when the oldest leaves the window).
Call ``k + r`` can therefore arrive no sooner than ``w`` after call ``k``, so ``n`` calls on one
budget span at least

    floor_b = ⌊(n − 1) / r⌋ · w

(13 Crossref searches at 3/s: ⌊12/3⌋ · 1 s = 4 s; 3 E-utilities calls at 3/s: 0 s). Budgets
are independent, so the floor of a run is the largest budget floor. It ignores round-trip time
and the concurrency caps (loopback answers in milliseconds) and the order the request plan
imposes, so it is a true lower bound on the time spent waiting for the limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from tests.fake_upstream import Limits

NAIVE_BUDGET: Final = "crossref:polite:list"


def published_per_window(limits: Limits | None = None) -> dict[str, int]:
    """Calls per window for every budget the fake enforces (the published policy by default).

    >>> published_per_window()["crossref:polite:list"], published_per_window()["pubmed:anonymous"]
    (3, 3)
    """
    limits = limits or Limits()
    return {
        "crossref:polite:work": limits.crossref_polite_work_per_s,
        "crossref:polite:list": limits.crossref_polite_list_per_s,
        "crossref:public:work": limits.crossref_public_work_per_s,
        "crossref:public:list": limits.crossref_public_list_per_s,
        "pubmed:anonymous": limits.ncbi_per_s,
        "pubmed:key": limits.ncbi_with_key_per_s,
    }


def budget_floor_s(calls: int, per_window: int, window_s: float = 1.0) -> float:
    """⌊(calls − 1) / per_window⌋ · window_s; no calls or one burst cost nothing.

    >>> budget_floor_s(13, 3), budget_floor_s(3, 3), budget_floor_s(0, 3)
    (4.0, 0.0, 0.0)
    """
    if calls <= 1:
        return 0.0
    return float((calls - 1) // per_window) * window_s


def request_floor_s(
    calls_by_budget: Mapping[str, int], per_window: Mapping[str, int], window_s: float = 1.0
) -> float:
    """The largest budget floor: budgets are spent in parallel.

    >>> request_floor_s({"crossref:polite:list": 13, "pubmed:anonymous": 3},
    ...                 published_per_window())
    4.0
    """
    return max(
        (budget_floor_s(n, per_window[budget], window_s) for budget, n in calls_by_budget.items()),
        default=0.0,
    )


def naive_floor_s(references: int, per_window: Mapping[str, int] | None = None) -> float:
    """One Crossref ``query.bibliographic`` search per reference, on the polite list budget.

    >>> naive_floor_s(68), naive_floor_s(500)
    (22.0, 166.0)
    """
    rate = (per_window or published_per_window())[NAIVE_BUDGET]
    return budget_floor_s(references, rate)
