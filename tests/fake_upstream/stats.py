"""Counters a test reads back from ``GET /_control/stats`` to judge the client's manners.

Snapshot shape::

    {"requests": {"crossref": {"crossref_work": 3}, "pubmed": {"efetch": 1}},
     "rate_limited": {"crossref": 1, "pubmed": 0},        # 429s sent by enforcement
     "sent_429": 2,                                        # enforcement + injected 429s
     "faults": {"crossref": {"http_503": 1}, "pubmed": {}},
     "max_in_flight": {"crossref": 2, "crossref:polite": 2, "pubmed": 1, ...},
     "timestamps": {"crossref:polite:work": [12.01, 12.30], ...}}  # arrivals, monotonic s

Timestamps are every arrival (admitted or refused), from ``time.monotonic()``, so
:func:`max_calls_in_window` tells whether the client itself ever exceeded a budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


class Stats:
    """Request, refusal and fault counts, plus arrival times per budget."""

    def __init__(self) -> None:
        self.requests: dict[str, dict[str, int]] = {"crossref": {}, "pubmed": {}}
        self.rate_limited: dict[str, int] = {"crossref": 0, "pubmed": 0}
        self.faults: dict[str, dict[str, int]] = {"crossref": {}, "pubmed": {}}
        self.timestamps: dict[str, list[float]] = {}
        self.max_in_flight: dict[str, int] = {}
        self._in_flight: dict[str, int] = {}

    def arrived(self, upstream: str, kind: str, budget: str, group: str, now: float) -> None:
        """Count a call as it arrives, before any refusal."""
        counts = self.requests.setdefault(upstream, {})
        counts[kind] = counts.get(kind, 0) + 1
        self.timestamps.setdefault(budget, []).append(now)
        for key in (upstream, group):
            self._in_flight[key] = self._in_flight.get(key, 0) + 1
            self.max_in_flight[key] = max(self.max_in_flight.get(key, 0), self._in_flight[key])

    def departed(self, upstream: str, group: str) -> None:
        """A call has been answered (or dropped)."""
        for key in (upstream, group):
            self._in_flight[key] = max(self._in_flight.get(key, 0) - 1, 0)

    def refused(self, upstream: str) -> None:
        self.rate_limited[upstream] = self.rate_limited.get(upstream, 0) + 1

    def faulted(self, upstream: str, kind: str) -> None:
        counts = self.faults.setdefault(upstream, {})
        counts[kind] = counts.get(kind, 0) + 1

    def snapshot(self) -> dict[str, Any]:
        injected_429 = sum(
            n for f in self.faults.values() for k, n in f.items() if k.startswith("rate_limited")
        )
        return {
            "requests": {u: dict(k) for u, k in self.requests.items()},
            "rate_limited": dict(self.rate_limited),
            "sent_429": sum(self.rate_limited.values()) + injected_429,
            "faults": {u: dict(k) for u, k in self.faults.items()},
            "max_in_flight": dict(self.max_in_flight),
            "timestamps": {b: list(t) for b, t in self.timestamps.items()},
        }


def max_calls_in_window(timestamps: Sequence[float], window_s: float = 1.0) -> int:
    """The most calls that fell inside any half-open window of ``window_s`` seconds.

    >>> max_calls_in_window([0.0, 0.5, 0.99, 1.0, 1.6])
    3
    """
    times = sorted(timestamps)
    best = start = 0
    for end, t in enumerate(times):
        while times[start] <= t - window_s:
            start += 1
        best = max(best, end - start + 1)
    return best
