"""Rate and concurrency budgets, enforced the strict way: a sliding window with no burst.

A call is admitted when fewer than ``per_s`` calls were admitted in the last ``window_s``
seconds and fewer than ``concurrency`` admitted calls of its pool are still in flight.
Refused calls do not use up the budget, so a client that backs off recovers at once.

Budgets (names are what ``/_control/stats`` reports timestamps under):

====================== ============ ===========
budget                 per second   concurrency
====================== ============ ===========
crossref:polite:work   10           3 (pool)
crossref:polite:list   3            3 (pool)
crossref:public:work   5            1 (pool)
crossref:public:list   1            1 (pool)
pubmed:anonymous       3            -
pubmed:key             10           -
====================== ============ ===========
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from tests.fake_upstream.config import Limits


@dataclass(frozen=True, slots=True)
class Budget:
    """One rate budget, and the concurrency group it shares (``None`` = unlimited)."""

    name: str
    per_s: int
    group: str
    concurrency: int | None = None


def crossref_budget(limits: Limits, *, polite: bool, single_work: bool) -> Budget:
    """The budget of a Crossref call by pool (polite/public) and route (work/list)."""
    pool = "polite" if polite else "public"
    if polite:
        per_s = (
            limits.crossref_polite_work_per_s if single_work else limits.crossref_polite_list_per_s
        )
        concurrency = limits.crossref_polite_concurrency
    else:
        per_s = (
            limits.crossref_public_work_per_s if single_work else limits.crossref_public_list_per_s
        )
        concurrency = limits.crossref_public_concurrency
    route = "work" if single_work else "list"
    return Budget(f"crossref:{pool}:{route}", per_s, f"crossref:{pool}", concurrency)


def pubmed_budget(limits: Limits, *, api_key: bool) -> Budget:
    """NCBI's budget: 3/s per IP, 10/s with an API key; no concurrency limit."""
    if api_key:
        return Budget("pubmed:key", limits.ncbi_with_key_per_s, "pubmed:key")
    return Budget("pubmed:anonymous", limits.ncbi_per_s, "pubmed:anonymous")


class RateLimiter:
    """Sliding windows per budget and in-flight counts per concurrency group."""

    def __init__(self, window_s: float = 1.0) -> None:
        self.window_s = window_s
        self._admitted: dict[str, deque[float]] = {}
        self._in_flight: dict[str, int] = {}

    def _window(self, budget: Budget, now: float) -> deque[float]:
        window = self._admitted.setdefault(budget.name, deque())
        while window and window[0] <= now - self.window_s:
            window.popleft()
        return window

    def try_admit(self, budget: Budget, now: float) -> bool:
        """Admit the call (and count it) if both the rate and the concurrency allow it."""
        window = self._window(budget, now)
        if len(window) >= budget.per_s:
            return False
        if (
            budget.concurrency is not None
            and self._in_flight.get(budget.group, 0) >= budget.concurrency
        ):
            return False
        window.append(now)
        self._in_flight[budget.group] = self._in_flight.get(budget.group, 0) + 1
        return True

    def release(self, budget: Budget) -> None:
        """An admitted call has finished."""
        self._in_flight[budget.group] = max(self._in_flight.get(budget.group, 0) - 1, 0)

    def used(self, budget: Budget, now: float) -> int:
        """How many calls the budget admitted in the current window."""
        return len(self._window(budget, now))
