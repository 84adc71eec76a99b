"""Rate budgets shared by every process of a deployment, through Redis.

Crossref's and NCBI's limits apply to the deployment as a whole: four workers that each keep
3 requests in flight are 12. So each budget lives in Redis and is checked atomically by a Lua
script on the Redis server's clock (no clock skew between machines):

* **Rate: the sliding-window-with-margin rule of** :class:`~clients._ratelimit.Limiter`, over a
  sorted set of send times per budget (``<prefix>rate:<budget>``). A send may leave when fewer
  than ``burst`` sends left in the last ``window`` seconds (``window`` = the server's interval
  plus 10 %); otherwise the script answers how long until the oldest of the last ``burst``
  leaves the window. 3/s gives at most 3 sends in any 1.1 s, across all processes.
* **Concurrency: leases** in a sorted set per group (``<prefix>leases:<group>``), each scored
  by its expiry. A lease is taken only while fewer than ``limit`` unexpired leases exist, and
  given back after the exchange; a process killed mid-request loses its lease when it expires
  (``lease_ttl_s``, longer than any request may take).

Fail-safe: if Redis is unreachable the budget falls back to a local share of the published
limits, ``rate / fallback_workers`` evenly spaced and ``concurrency // fallback_workers`` (at
least 1) in flight, logged through :class:`~clients.redis_link.RedisLink` and back to shared once
Redis answers again. ``adapt`` follows the server's headers and ``penalize`` halves the rate after
a 429, per process, as for the local limiter.

The switches are where a naive fallback overshoots, so each one waits:

* **shared -> local**: the shared window may be full when Redis goes away, so the first local
  send waits one whole window after the switch, and only once this process's shared calls in
  flight have ended (their leases can no longer be counted);
* **local -> shared**: Redis never saw the local sends, of this process or of others still on
  their share, so the first shared send waits until every process has tried Redis again
  (``retry_after_s``) and one window more;
* a lease Redis could not take back (it was down) is given back once Redis answers, rather
  than holding a slot until it expires.

The local share is a share, not a guarantee: with more processes than ``fallback_workers`` (or
than a budget has sends per window) the deployment can briefly exceed a limit while Redis is
down; the upstream then answers 429, which is waited out and retried, never a wrong verdict.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from types import TracebackType
from typing import Final

from clients._ratelimit import WINDOW_MARGIN, Clock, ConcurrencyCap, Limiter, Sleep
from clients.redis_link import REDIS_ERRORS, RedisLink

DEFAULT_PREFIX: Final = "refcheck:limit:"
DEFAULT_FALLBACK_WORKERS: Final = 4
DEFAULT_LEASE_TTL_S: Final = 60.0
LEASE_POLL_S: Final = 0.02  # how often the head waiter of a process asks for a free lease

# KEYS[1] send times; ARGV: burst, window (s), member. Returns "0" (sent now) or the wait in s.
RATE_SCRIPT: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local burst = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < burst then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000) + 1000)
  return '0'
end
local oldest = redis.call('ZRANGE', KEYS[1], count - burst, count - burst, 'WITHSCORES')
return tostring(tonumber(oldest[2]) + window - now)
"""

# KEYS[1] leases; ARGV: limit, ttl (s), lease id. Returns "0" (taken) or the s until one expires.
LEASE_SCRIPT: Final = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(ttl * 1000) + 1000)
  return '0'
end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tostring(tonumber(first[2]) - now)
"""


class RedisLeaseCap:
    """A concurrency cap shared through Redis leases, with a local share as its fallback.

    ``limit`` can be lowered by the server's headers (never above ``ceiling``); the budgets of
    one group share one cap, as Crossref counts requests in flight across its routes.
    """

    def __init__(
        self,
        link: RedisLink,
        key: str,
        ceiling: int,
        *,
        fallback_workers: int,
        lease_ttl_s: float,
        sleep: Sleep,
    ) -> None:
        self.ceiling = ceiling
        self.limit = ceiling
        self.fallback = ConcurrencyCap(max(1, ceiling // fallback_workers))
        self._link = link
        self._key = key
        self._workers = fallback_workers
        self._ttl_s = lease_ttl_s
        self._sleep = sleep
        self._script = link.client.register_script(LEASE_SCRIPT)
        self._gate = asyncio.Lock()  # one poller per process; the others queue in order
        self.held = 0  # this process's shared leases, given back or not yet
        self._unreleased: set[str] = set()  # leases Redis was down to take back

    def resize(self, limit: int) -> None:
        self.limit = max(1, min(limit, self.ceiling))
        self.fallback.resize(max(1, self.limit // self._workers))

    async def acquire(self) -> str:
        """Wait for a lease and return its id; raises a Redis error if Redis fails."""
        lease = uuid.uuid4().hex
        async with self._gate:
            if self._unreleased:
                await self._link.client.zrem(self._key, *self._unreleased)
                self._unreleased.clear()
            while True:
                reply = await self._script(keys=[self._key], args=[self.limit, self._ttl_s, lease])
                wait_s = float(reply)
                if wait_s <= 0:
                    self.held += 1
                    return lease
                await self._sleep(min(LEASE_POLL_S, wait_s))

    async def release(self, lease: str) -> None:
        """Give the lease back; if Redis is gone, on the next acquire that reaches it."""
        self.held -= 1
        try:
            await self._link.client.zrem(self._key, lease)
        except REDIS_ERRORS as exc:
            self._link.failed(exc)
            self._unreleased.add(lease)

    async def drained(self) -> None:
        """Wait until none of this process's shared calls is in flight."""
        while self.held > 0:
            await self._sleep(LEASE_POLL_S)


class RedisLimiter:
    """One budget shared through Redis; same interface and rule as the local ``Limiter``."""

    def __init__(
        self,
        link: RedisLink,
        key: str,
        *,
        limit: int,
        interval_s: float,
        cap: RedisLeaseCap,
        fallback_workers: int,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        margin: float = WINDOW_MARGIN,
    ) -> None:
        self._link = link
        self._key = key
        self._cap = cap
        self._sleep = sleep
        self._workers = fallback_workers
        # The rate arithmetic (burst, window, adapt, penalty) is the local limiter's own.
        self._rule = Limiter(
            limit=limit, interval_s=interval_s, concurrency=1, clock=clock, margin=margin
        )
        self._fallback = Limiter(
            limit=1,
            interval_s=self._share_interval(limit, interval_s),
            concurrency=cap.fallback,
            clock=clock,
            sleep=sleep,
            margin=margin,
        )
        self._script = link.client.register_script(RATE_SCRIPT)
        self._gate = asyncio.Lock()
        self._held: dict[asyncio.Task[object] | None, str | None] = {}
        self._clock = clock
        self._local = False  # whether this process's last send went through the local share
        self._local_from = 0.0  # when the first local send may leave (clock)

    def _share_interval(self, limit: int, interval_s: float) -> float:
        """One send per this many seconds is this process's share: 3/s and 4 workers -> 1.33 s."""
        return interval_s * self._workers / limit

    @property
    def shared(self) -> bool:
        """True while the budget is kept in Redis, False while it runs on the local share."""
        return self._link.available

    @property
    def rate_per_s(self) -> float:
        return self._rule.rate_per_s

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
        """As :meth:`Limiter.adapt`; the local fallback share follows the same change."""
        self._rule.adapt(limit=limit, interval_s=interval_s)
        if limit is not None and limit > 0:
            interval = interval_s if interval_s is not None and interval_s > 0 else 1.0
            self._fallback.adapt(limit=1, interval_s=self._share_interval(limit, interval))
        if concurrency is not None and concurrency > 0:
            self._cap.resize(concurrency)

    def penalize(self) -> None:
        self._rule.penalize()
        self._fallback.penalize()

    async def __aenter__(self) -> None:
        task = asyncio.current_task()
        if self._link.should_try():
            try:
                lease = await self._cap.acquire()
            except REDIS_ERRORS as exc:
                self._link.failed(exc)
            else:
                if await self._shared_turn(lease):
                    self._held[task] = lease
                    return
        await self._local_turn()
        self._held[task] = None

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        lease = self._held.pop(asyncio.current_task(), None)
        if lease is None:
            await self._fallback.__aexit__(exc_type, exc, tb)
        else:
            await self._cap.release(lease)

    async def _local_turn(self) -> None:
        """A send on the local share; the first after shared sends waits out their window."""
        if not self._local:
            self._local = True
            self._local_from = self._clock() + self._rule.window_s
        await self._cap.drained()
        wait_s = self._local_from - self._clock()
        if wait_s > 0:
            await self._sleep(wait_s)
        await self._fallback.__aenter__()

    async def _shared_turn(self, lease: str) -> bool:
        """Wait for a send slot in Redis while holding ``lease``; False if Redis failed."""
        try:
            if self._local:
                await self._sleep(self._back_to_shared_wait_s())
            await self._wait_for_turn()
        except REDIS_ERRORS as exc:
            self._link.failed(exc)
            await self._cap.release(lease)
            return False
        except BaseException:
            await self._cap.release(lease)
            raise
        self._link.succeeded()
        self._local = False
        return True

    def _back_to_shared_wait_s(self) -> float:
        """How long the first shared send after local ones waits: until every process has seen
        Redis back (each tries it again within the link's ``retry_after_s``) and their last
        local sends, which Redis never counted, have left the window."""
        return self._link.retry_after_s + self._rule.window_s

    async def _wait_for_turn(self) -> None:
        async with self._gate:
            # Re-read burst and window on every try: the rate may have been lowered meanwhile.
            while True:
                args: list[int | float | str] = [
                    self._rule.burst,
                    self._rule.window_s,
                    uuid.uuid4().hex,
                ]
                wait_s = float(await self._script(keys=[self._key], args=args))
                if wait_s <= 0:
                    return
                await self._sleep(wait_s)


class RedisLimiters:
    """A :class:`~clients.limiters.LimiterFactory` whose budgets are shared through Redis.

    ``RedisLimiters(link)("crossref:list", limit=3, cap="crossref", concurrency=3)`` is the
    deployment's one Crossref search budget; budgets naming the same ``cap`` share its leases.
    """

    def __init__(
        self,
        link: RedisLink,
        *,
        prefix: str = DEFAULT_PREFIX,
        fallback_workers: int = DEFAULT_FALLBACK_WORKERS,
        lease_ttl_s: float = DEFAULT_LEASE_TTL_S,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if fallback_workers < 1:
            raise ValueError(f"fallback_workers must be at least 1, got {fallback_workers}")
        self.link = link
        self._prefix = prefix
        self._workers = fallback_workers
        self._ttl_s = lease_ttl_s
        self._clock = clock
        self._sleep = sleep
        self._caps: dict[str, RedisLeaseCap] = {}

    def __call__(
        self, budget: str, *, limit: int, interval_s: float = 1.0, cap: str, concurrency: int
    ) -> RedisLimiter:
        if cap not in self._caps:
            self._caps[cap] = RedisLeaseCap(
                self.link,
                f"{self._prefix}leases:{cap}",
                concurrency,
                fallback_workers=self._workers,
                lease_ttl_s=self._ttl_s,
                sleep=self._sleep,
            )
        return RedisLimiter(
            self.link,
            f"{self._prefix}rate:{budget}",
            limit=limit,
            interval_s=interval_s,
            cap=self._caps[cap],
            fallback_workers=self._workers,
            clock=self._clock,
            sleep=self._sleep,
        )
