"""The upstream-answer cache in Redis, shared by every process of a deployment.

One Redis string per answer under ``<prefix><cache key>``, expiring after its TTL (Redis's own
``PX``, so no purge job is needed). The value is the status, the content type and the body::

    b"200\\napplication/json\\n{...}"

A Redis that is down, slow or garbled turns a lookup into a miss and a store into a no-op,
logged through :class:`~clients.redis_link.RedisLink`, never an error.
"""

from __future__ import annotations

import logging
from typing import Final

from clients.cache import CachedResponse, CacheStats
from clients.redis_link import REDIS_ERRORS, RedisLink

log = logging.getLogger(__name__)

DEFAULT_PREFIX: Final = "refcheck:cache:"


def pack(response: CachedResponse) -> bytes:
    """``pack(CachedResponse(404, b"", "text/plain")) == b"404\\ntext/plain\\n"``."""
    head = f"{response.status}\n{response.content_type}\n".encode()
    return head + response.body


def unpack(value: bytes) -> CachedResponse | None:
    """The answer :func:`pack` stored, or ``None`` for a value of another shape."""
    status, sep, rest = value.partition(b"\n")
    content_type, sep2, body = rest.partition(b"\n")
    if not (sep and sep2 and status.isdigit()):
        return None
    return CachedResponse(int(status), body, content_type.decode("utf-8", "replace"))


class RedisResponseCache:
    """A :class:`~clients.cache.ResponseCache` in Redis; ``stats`` count this process only."""

    def __init__(self, link: RedisLink, *, prefix: str = DEFAULT_PREFIX) -> None:
        self.stats = CacheStats()
        self._link = link
        self._prefix = prefix

    async def get(self, key: str) -> CachedResponse | None:
        found = None
        if self._link.should_try():
            try:
                value = await self._link.client.get(self._prefix + key)
            except REDIS_ERRORS as exc:
                self._link.failed(exc)
            else:
                self._link.succeeded()
                found = unpack(value) if isinstance(value, bytes) else None
        self.stats.record(hit=found is not None)
        return found

    async def set(self, key: str, response: CachedResponse, ttl_s: float) -> None:
        ttl_ms = int(ttl_s * 1000)
        if ttl_ms <= 0 or not self._link.should_try():
            return
        try:
            await self._link.client.set(self._prefix + key, pack(response), px=ttl_ms)
        except REDIS_ERRORS as exc:
            self._link.failed(exc)
        else:
            self._link.succeeded()
