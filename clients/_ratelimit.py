"""An async limiter per upstream budget: a request rate plus a cap on requests in flight.

Used as ``async with limiter:`` around exactly one HTTP exchange. Two mechanisms combine:

* **Rate: a sliding-window log with a safety margin.** A send may leave when fewer than
  ``limit`` sends left in the last ``interval * (1 + WINDOW_MARGIN)`` seconds, measured from
  when they really left (after any oversleep). So up to ``limit`` requests leave at once and
  the next ones wait until the oldest has been out of a window 10 % longer than the server's.
  A strict server window (closed at both ends) or 100 ms of network jitter between two bursts
  therefore never shows the server ``limit + 1``: Biopython found 1/3 s "sometimes hit the
  NCBI rate limit" and settled on 0.37 s, the same 10 %. Letting the first ``limit`` requests
  leave together (instead of spacing every send evenly) matters for Crossref's 3 searches/s:
  15 searches end 0.7 s sooner at the same long-run rate. When the rate is lowered below one
  per interval (after 429s) the burst shrinks to 1 and sends are evenly spaced.
* **Concurrency: a resizable semaphore** (:class:`ConcurrencyCap`), which several limiters may
  share; Crossref counts concurrent requests across all routes.

Budgets start at the published ceiling and follow the server's headers (:meth:`Limiter.adapt`),
never above the ceiling. A 429 halves the rate for ``PENALTY_S`` seconds (:meth:`Limiter.penalize`).
Time comes from an injectable clock and sleep, so tests run on a fake clock.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import deque
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Final

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

WINDOW_MARGIN: Final = 0.10  # count sends over a window 10 % longer than the server's
# A 429 is a brake, not a sentence: Retry-After already carries any wait the server wants.
# With 60 s and five halvings a long-running service that met a few 429s (NCBI sends some
# even when its limit is honoured) ran 16x slower for a minute; the reliability suite saw one
# chapter take 135 s. Two halvings for 30 s keep the brake without the stall.
PENALTY_S: Final = 30.0  # how long a 429 keeps the rate halved
MIN_PENALTY_FACTOR: Final = 1 / 4  # repeated 429s halve the rate at most twice

_INTERVAL_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$", re.IGNORECASE)
_UNIT_S: Final = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval_s(value: str | None) -> float | None:
    """Read a rate-limit interval header: ``"1s"`` -> 1.0, ``"500ms"`` -> 0.5, ``"2"`` -> 2.0.

    Returns ``None`` for anything else, so a garbled header never changes the budget.
    """
    match = _INTERVAL_RE.match(value or "")
    if match is None:
        return None
    seconds = float(match.group(1)) * _UNIT_S[(match.group(2) or "s").lower()]
    return seconds if seconds > 0 else None


def parse_positive_int(value: str | None) -> int | None:
    """Read a count header: ``"10"`` -> 10; absent, zero, negative or garbled -> ``None``."""
    try:
        number = int((value or "").strip())
    except ValueError:
        return None
    return number if number > 0 else None


class ConcurrencyCap:
    """A semaphore whose size can change while tasks wait on it (never above its ceiling).

    >>> cap = ConcurrencyCap(3); cap.resize(1); cap.limit
    1
    """

    def __init__(self, ceiling: int) -> None:
        if ceiling < 1:
            raise ValueError(f"concurrency ceiling must be at least 1, got {ceiling}")
        self.ceiling = ceiling
        self.limit = ceiling
        self.active = 0
        self._waiters: deque[asyncio.Future[None]] = deque()

    def resize(self, limit: int) -> None:
        """Set the cap to ``limit`` clamped to 1..ceiling; waiters proceed if it grew."""
        self.limit = max(1, min(limit, self.ceiling))
        self._wake()

    async def acquire(self) -> None:
        if self.active < self.limit and not self._waiters:
            self.active += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter  # _wake() counts us in before resolving the future
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot was granted just as we were cancelled: hand it on
            elif waiter in self._waiters:
                self._waiters.remove(waiter)
            raise

    def release(self) -> None:
        self.active -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiters and self.active < self.limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self.active += 1
                waiter.set_result(None)


class Limiter:
    """One budget: at most ``limit`` sends per ``interval_s``, at most ``concurrency`` in flight.

    ``Limiter(limit=10, interval_s=1.0, concurrency=3)`` is Crossref's polite pool for single
    works; pass a shared :class:`ConcurrencyCap` as ``concurrency`` to count several budgets
    against one cap.
    """

    def __init__(
        self,
        *,
        limit: int,
        interval_s: float = 1.0,
        concurrency: int | ConcurrencyCap = 1,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        margin: float = WINDOW_MARGIN,
    ) -> None:
        if limit < 1 or interval_s <= 0:
            raise ValueError(f"a rate needs limit >= 1 and interval > 0, got {limit}/{interval_s}s")
        self.ceiling_per_s = limit / interval_s
        self._interval_s = interval_s
        self._per_s = self.ceiling_per_s
        self._cap = (
            concurrency if isinstance(concurrency, ConcurrencyCap) else ConcurrencyCap(concurrency)
        )
        self._clock = clock
        self._sleep = sleep
        self._margin = margin
        self._gate = asyncio.Lock()  # FIFO: waiters take their turn at the rate gate in order
        self._sends: deque[float] = deque()  # when recent sends left, oldest first
        self._penalty_factor = 1.0
        self._penalty_until = 0.0

    @property
    def rate_per_s(self) -> float:
        """The rate in force now: the adapted rate, halved per recent 429."""
        return self._per_s * self._penalty_in_force()

    @property
    def burst(self) -> int:
        """How many sends may leave together: the sends allowed per interval, at least 1."""
        return max(1, int(self.rate_per_s * self._interval_s + 1e-9))

    @property
    def window_s(self) -> float:
        """The window over which at most ``burst`` sends leave, safety margin included.

        10/s gives 10 sends per 1.1 s; a rate halved to 1.5/s gives 1 send per 0.73 s.
        """
        return self.burst * (1.0 + self._margin) / self.rate_per_s

    @property
    def concurrency(self) -> int:
        return self._cap.limit

    def adapt(
        self,
        *,
        limit: int | None = None,
        interval_s: float | None = None,
        concurrency: int | None = None,
    ) -> None:
        """Follow the budget a server announces, never above the configured ceiling.

        ``adapt(limit=5, interval_s=1.0, concurrency=1)`` moves a 10/s, 3-concurrent budget
        down to 5/s and 1 in flight; ``adapt(limit=50)`` on it stays at 10/s. Missing or
        non-positive values leave that part of the budget alone.
        """
        if limit is not None and limit > 0:
            interval = interval_s if interval_s is not None and interval_s > 0 else 1.0
            self._per_s = min(self.ceiling_per_s, limit / interval)
            self._interval_s = interval
        if concurrency is not None and concurrency > 0:
            self._cap.resize(concurrency)

    def penalize(self) -> None:
        """Halve the rate for the next ``PENALTY_S`` seconds, after the server answered 429."""
        self._penalty_factor = max(MIN_PENALTY_FACTOR, self._penalty_in_force() / 2)
        self._penalty_until = self._clock() + PENALTY_S

    def _penalty_in_force(self) -> float:
        return self._penalty_factor if self._clock() < self._penalty_until else 1.0

    async def __aenter__(self) -> None:
        await self._cap.acquire()  # first a slot, so the send happens right after the rate gate
        try:
            await self._wait_for_turn()
        except BaseException:
            self._cap.release()
            raise

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._cap.release()

    async def _wait_for_turn(self) -> None:
        async with self._gate:
            # Re-check after every sleep: the rate may have been lowered meanwhile.
            while True:
                burst, window = self.burst, self.window_s
                now = self._clock()
                while self._sends and self._sends[0] <= now - window:
                    self._sends.popleft()
                if len(self._sends) < burst:
                    break
                await self._sleep(self._sends[-burst] + window - now)
            self._sends.append(self._clock())
