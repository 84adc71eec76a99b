"""What a client needs from a rate budget, and where its budgets come from.

A client asks a :class:`LimiterFactory` for one budget per route, naming the concurrency group
the route counts against: Crossref's single-work and list routes are two budgets in one group,
because Crossref counts requests in flight across all routes::

    single = make("crossref:single", limit=10, cap="crossref", concurrency=3)
    listed = make("crossref:list", limit=3, cap="crossref", concurrency=3)

:class:`LocalLimiters` (the default) builds in-process :class:`~clients._ratelimit.Limiter`
objects; ``clients.redis_limiter.RedisLimiters`` builds budgets shared by every process that
uses the same Redis.
"""

from __future__ import annotations

import asyncio
import time
from types import TracebackType
from typing import Protocol

from clients._ratelimit import Clock, ConcurrencyCap, Limiter, Sleep


class RateBudget(Protocol):
    """One budget, used as ``async with budget:`` around exactly one HTTP exchange."""

    @property
    def rate_per_s(self) -> float:
        """The rate in force now (adapted, and halved per recent 429)."""
        ...

    @property
    def concurrency(self) -> int:
        """How many requests of this budget's group may be in flight now."""
        ...

    async def __aenter__(self) -> None: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def adapt(
        self,
        *,
        limit: int | None = None,
        interval_s: float | None = None,
        concurrency: int | None = None,
    ) -> None:
        """Follow the budget a server announces, never above the configured ceiling."""
        ...

    def penalize(self) -> None:
        """Slow down for a while after the server answered 429."""
        ...


class LimiterFactory(Protocol):
    """Builds the budget named ``budget``: ``limit`` sends per ``interval_s``, in group ``cap``."""

    def __call__(
        self, budget: str, *, limit: int, interval_s: float = 1.0, cap: str, concurrency: int
    ) -> RateBudget: ...


class LocalLimiters:
    """In-process budgets; the budgets of one concurrency group share one semaphore.

    The first budget of a group fixes the group's ceiling.
    """

    def __init__(self, *, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep) -> None:
        self._clock = clock
        self._sleep = sleep
        self._caps: dict[str, ConcurrencyCap] = {}

    def __call__(
        self, budget: str, *, limit: int, interval_s: float = 1.0, cap: str, concurrency: int
    ) -> Limiter:
        shared = self._caps.setdefault(cap, ConcurrencyCap(concurrency))
        return Limiter(
            limit=limit,
            interval_s=interval_s,
            concurrency=shared,
            clock=self._clock,
            sleep=self._sleep,
        )
