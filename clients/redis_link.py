"""One process's connection to the shared Redis, and whether it is usable right now.

The Redis-backed cache and limiters never fail a lookup because Redis is down: they report the
failure here and use their local fallback. After a failure Redis is left alone for
``retry_after_s`` (so a dead server costs one connect timeout per second, not one per request),
then tried again; the first success switches everything back to the shared backends. Each switch
is logged once::

    redis unreachable (ConnectionError: ...): cache misses, rate limits fall back to local shares
    redis reachable again: cache and rate limits shared
"""

from __future__ import annotations

import logging
import time
from typing import Final

from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from clients._ratelimit import Clock

log = logging.getLogger(__name__)

# What a Redis call raises when the server is down, restarting or unreachable.
REDIS_ERRORS: Final = (RedisError, OSError, TimeoutError)
DEFAULT_RETRY_AFTER_S: Final = 1.0


def connect(url: str, *, timeout_s: float = 1.0) -> Redis:
    """A client for ``url`` that fails fast: one quick retry (for a stale pooled connection)."""
    client: Redis = Redis.from_url(
        url,
        socket_connect_timeout=timeout_s,
        socket_timeout=timeout_s,
        retry=Retry(NoBackoff(), 1),
    )
    return client


class RedisLink:
    """A Redis client plus the process's view of its health (``available``)."""

    def __init__(
        self,
        client: Redis,
        *,
        retry_after_s: float = DEFAULT_RETRY_AFTER_S,
        clock: Clock = time.monotonic,
    ) -> None:
        self.client = client
        self.available = True
        self.retry_after_s = retry_after_s
        self._clock = clock
        self._next_try = 0.0

    def should_try(self) -> bool:
        """True when Redis is up, or down long enough to be tried again."""
        return self.available or self._clock() >= self._next_try

    def succeeded(self) -> None:
        if not self.available:
            log.warning("redis reachable again: cache and rate limits shared")
        self.available = True

    def failed(self, exc: BaseException) -> None:
        if self.available:
            log.error(
                "redis unreachable (%s: %s): cache misses, rate limits fall back to local shares",
                type(exc).__name__,
                exc,
            )
        self.available = False
        self._next_try = self._clock() + self.retry_after_s

    async def ping(self) -> bool:
        """Ask Redis now (whatever the back-off says) and record the outcome."""
        try:
            await self.client.ping()
        except REDIS_ERRORS as exc:
            self.failed(exc)
            return False
        self.succeeded()
        return True

    async def aclose(self) -> None:
        await self.client.aclose()
