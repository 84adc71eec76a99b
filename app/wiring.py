"""The composition root: build the upstream clients and the resolver from settings.

The only place where settings meet clients. The server (lifespan) and the CLI both use it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import httpx

from app.resolve import Resolver
from app.settings import Settings
from clients import CrossrefClient, PubMedClient, ResponseCache, RetryPolicy, SQLiteResponseCache


def build_cache(settings: Settings) -> ResponseCache | None:
    """The upstream-answer cache the settings ask for (an SQLite file by default)."""
    if not settings.cache_enabled:
        return None
    return SQLiteResponseCache(Path(settings.cache_path).expanduser())


@asynccontextmanager
async def open_resolver(
    settings: Settings,
    *,
    crossref_transport: httpx.AsyncBaseTransport | None = None,
    pubmed_transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[Resolver]:
    """Open both clients (one long-lived connection pool each) and yield a resolver over them."""
    timeout = httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s)
    retry = RetryPolicy(
        attempts=settings.retry_attempts,
        max_elapsed_s=settings.retry_max_elapsed_s,
        max_wait_s=settings.retry_max_wait_s,
    )
    cache = build_cache(settings)
    api_key = settings.ncbi_api_key.get_secret_value() if settings.ncbi_api_key else None
    async with AsyncExitStack() as stack:
        crossref = await stack.enter_async_context(
            CrossrefClient(
                base_url=settings.crossref_url,
                mailto=settings.mailto,
                timeout=timeout,
                retry=retry,
                cache=cache,
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
                cache=cache,
                transport=pubmed_transport,
            )
        )
        yield Resolver(crossref=crossref, pubmed=pubmed)
