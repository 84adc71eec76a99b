"""The composition root: build the upstream clients and the resolver from settings.

The only place where settings meet clients. The server (lifespan) and the CLI both use it.
Backends are embedded by default (an SQLite answer cache, in-process rate limits); with
``REFCHECK_REDIS_URL`` set, cache and limits are shared by every process through Redis.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import httpx

from app.resolve import Resolver
from app.settings import Settings
from clients import CrossrefClient, PubMedClient, ResponseCache, RetryPolicy, SQLiteResponseCache
from clients.limiters import LimiterFactory

if TYPE_CHECKING:  # redis-py is the optional ``[redis]`` extra, imported only when configured
    from clients.redis_link import RedisLink

LEASE_MARGIN_S: Final = 5.0  # a concurrency lease outlives the longest request by this much


def build_cache(settings: Settings) -> ResponseCache | None:
    """The upstream-answer cache the settings ask for (an SQLite file by default)."""
    if not settings.cache_enabled:
        return None
    return SQLiteResponseCache(Path(settings.cache_path).expanduser())


@dataclass(frozen=True, slots=True)
class Backends:
    """The answer cache and the rate-budget factory the clients use (``None``: their defaults)."""

    cache: ResponseCache | None
    limiters: LimiterFactory | None = None
    redis: RedisLink | None = None

    async def health(self) -> dict[str, str]:
        """``{"redis": "ok", "limiter": "shared"}``, ``{"redis": "unavailable", "limiter":
        "local-fallback"}``, or ``{"redis": "not-configured", "limiter": "local"}``."""
        if self.redis is None:
            return {"redis": "not-configured", "limiter": "local"}
        if await self.redis.ping():
            return {"redis": "ok", "limiter": "shared"}
        return {"redis": "unavailable", "limiter": "local-fallback"}


@asynccontextmanager
async def open_backends(settings: Settings) -> AsyncIterator[Backends]:
    """The shared Redis backends when ``redis_url`` is set, else the embedded defaults.

    Redis being down at start-up is not an error: the backends start on their fallbacks.
    """
    if not settings.redis_url:
        yield Backends(cache=build_cache(settings))
        return
    from clients.redis_cache import RedisResponseCache
    from clients.redis_limiter import RedisLimiters
    from clients.redis_link import RedisLink, connect

    link = RedisLink(connect(settings.redis_url))
    try:
        lease_ttl_s = settings.read_timeout_s + settings.connect_timeout_s + LEASE_MARGIN_S
        yield Backends(
            cache=RedisResponseCache(link) if settings.cache_enabled else None,
            limiters=RedisLimiters(
                link, fallback_workers=settings.assumed_workers, lease_ttl_s=lease_ttl_s
            ),
            redis=link,
        )
    finally:
        await link.aclose()


@asynccontextmanager
async def open_resolver(
    settings: Settings,
    *,
    backends: Backends | None = None,
    crossref_transport: httpx.AsyncBaseTransport | None = None,
    pubmed_transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[Resolver]:
    """Open both clients (one long-lived connection pool each) and yield a resolver over them.

    ``backends`` are opened here from the settings unless the caller holds them already.
    """
    timeout = httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s)
    retry = RetryPolicy(
        attempts=settings.retry_attempts,
        max_elapsed_s=settings.retry_max_elapsed_s,
        max_wait_s=settings.retry_max_wait_s,
    )
    api_key = settings.ncbi_api_key.get_secret_value() if settings.ncbi_api_key else None
    async with AsyncExitStack() as stack:
        if backends is None:
            backends = await stack.enter_async_context(open_backends(settings))
        crossref = await stack.enter_async_context(
            CrossrefClient(
                base_url=settings.crossref_url,
                mailto=settings.mailto,
                timeout=timeout,
                retry=retry,
                cache=backends.cache,
                limiters=backends.limiters,
                transport=crossref_transport,
            )
        )
        pubmed = await stack.enter_async_context(
            PubMedClient(
                base_url=settings.pubmed_url,
                tool=settings.ncbi_tool,
                email=settings.mailto,
                api_key=api_key,
                timeout=timeout,
                retry=retry,
                cache=backends.cache,
                limiters=backends.limiters,
                transport=pubmed_transport,
            )
        )
        yield Resolver(crossref=crossref, pubmed=pubmed, deadline_s=settings.resolve_deadline_s)
