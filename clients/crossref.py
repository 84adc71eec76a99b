"""An async client for the Crossref REST API (``/works``), polite by construction.

Crossref serves three pools. Identifying yourself with a ``mailto`` (sent both as a query
parameter and in the User-Agent, ``refcheck/0.1 (mailto:me@example.org)``) moves requests
into the *polite* pool. Budgets follow the published policy since 2025-12 and are then read
from every response (``x-rate-limit-limit``, ``x-rate-limit-interval``, ``x-concurrency-limit``),
never above these ceilings:

=========  ===========  ==========  ===========================
pool       single work  list/query  concurrent (all routes)
=========  ===========  ==========  ===========================
polite     10/s         3/s         3
public     5/s          1/s         1
=========  ===========  ==========  ===========================

A DOI goes into the URL *path*, percent-encoded segment by segment, so no DOI can change the
host or climb out of ``/works/``: ``10.1/../../evil`` is requested as
``/works/10.1/%2E%2E/%2E%2E/evil`` and ``10.1/x@evil.example`` as ``/works/10.1/x%40evil.example``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

import httpx

from clients._http import (
    DEFAULT_CACHE_TTL_S,
    DEFAULT_NOT_FOUND_TTL_S,
    DEFAULT_TIMEOUT,
    USER_AGENT,
    Call,
    UpstreamClient,
    UpstreamHttp,
)
from clients._ratelimit import Clock, Sleep, parse_interval_s, parse_positive_int
from clients._retry import DEFAULT_RETRY, RetryPolicy
from clients.cache import CachedResponse, ResponseCache
from clients.crossref_work import CrossrefWork, parse_work_body, parse_work_list_body
from clients.limiters import LimiterFactory, LocalLimiters

CROSSREF_URL: Final = "https://api.crossref.org"
# 100 DOIs make a ~3.5 KB URL, well under common 8 KB limits; Crossref documents no hard limit.
# Fewer, larger batches matter: they share the 3/s list budget with the searches.
MAX_DOIS_PER_FILTER: Final = 100
MAX_ROWS: Final = 1000  # Crossref's own maximum for ``rows``
MAX_QUERY_CHARS: Final = 2000  # longer text is not a reference; keep the URL well under 8 KiB


@dataclass(frozen=True, slots=True)
class CrossrefBudget:
    """Requests per second for single works and for lists, and the shared concurrency cap."""

    single_per_s: int
    list_per_s: int
    concurrency: int


POLITE_BUDGET: Final = CrossrefBudget(single_per_s=10, list_per_s=3, concurrency=3)
PUBLIC_BUDGET: Final = CrossrefBudget(single_per_s=5, list_per_s=1, concurrency=1)


def doi_path(doi: str) -> str:
    """Encode a DOI for the path: keep ``/``, escape other reserved characters and dot segments.

    >>> doi_path("10.1002/(SICI)1097-4636;2-J")
    '10.1002/%28SICI%291097-4636%3B2-J'
    >>> doi_path("10.1/../x?y#z")
    '10.1/%2E%2E/x%3Fy%23z'
    """
    return "/".join(
        segment.replace(".", "%2E") if segment in {".", ".."} else quote(segment, safe="")
        for segment in doi.split("/")
    )


class CrossrefClient(UpstreamClient):
    """Read-only access to Crossref works; one long-lived HTTP connection pool per instance.

    Use as ``async with CrossrefClient(mailto="me@example.org") as crossref: ...`` or call
    :meth:`aclose`. ``limiters`` builds the rate budgets (in-process by default; a Redis-backed
    factory shares them between processes). ``transport``, ``clock`` and ``sleep`` are seams
    for tests.
    """

    def __init__(
        self,
        *,
        base_url: str = CROSSREF_URL,
        mailto: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        cache: ResponseCache | None = None,
        cache_ttl_s: float = DEFAULT_CACHE_TTL_S,
        not_found_ttl_s: float = DEFAULT_NOT_FOUND_TTL_S,
        budget: CrossrefBudget | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        limiters: LimiterFactory | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        mailto = mailto.strip() if mailto and mailto.strip() else None
        # ``budget`` overrides the published ceilings: for a private mirror or a fake upstream.
        self.budget = budget or (POLITE_BUDGET if mailto else PUBLIC_BUDGET)
        make = limiters or LocalLimiters(clock=clock, sleep=sleep)
        concurrency = self.budget.concurrency
        self.single_limiter = make(
            "crossref:single",
            limit=self.budget.single_per_s,
            cap="crossref",
            concurrency=concurrency,
        )
        self.list_limiter = make(
            "crossref:list", limit=self.budget.list_per_s, cap="crossref", concurrency=concurrency
        )
        self._http = UpstreamHttp(
            source="crossref",
            base_url=base_url,
            identity={"mailto": mailto} if mailto else {},
            user_agent=f"{USER_AGENT} (mailto:{mailto})" if mailto else USER_AGENT,
            timeout=timeout,
            retry=retry,
            cache=cache,
            cache_ttl_s=cache_ttl_s,
            not_found_ttl_s=not_found_ttl_s,
            transport=transport,
            clock=clock,
            sleep=sleep,
            on_headers=self._adapt_budget,
        )

    async def work(self, doi: str) -> CrossrefWork | None:
        """The work registered under ``doi`` (``GET /works/{doi}``), or ``None`` if there is none.

        A 404 may also mean the DOI belongs to another agency (DataCite, mEDRA); it is cached
        briefly as a negative answer.
        """
        doi = doi.strip()
        if not doi:
            raise ValueError("an empty DOI cannot be looked up")
        return await self._http.fetch(
            Call(
                path=f"works/{doi_path(doi)}",
                params={},
                parse=_work_or_none,
                limiter=self.single_limiter,
                not_found_is_answer=True,
            )
        )

    async def works_by_doi(self, dois: Sequence[str]) -> dict[str, CrossrefWork]:
        """Fetch many DOIs with few requests: ``{lower-cased DOI: work}`` for those Crossref knows.

        DOIs go in batches of at most 40 through ``/works?filter=doi:a,doi:b``. A DOI with a
        comma cannot be put in a filter list, so it is fetched alone through :meth:`work`.
        """
        wanted = list(dict.fromkeys(d.strip().lower() for d in dois if d.strip()))
        batchable = [d for d in wanted if "," not in d]
        found: dict[str, CrossrefWork] = {}
        for start in range(0, len(batchable), MAX_DOIS_PER_FILTER):
            chunk = batchable[start : start + MAX_DOIS_PER_FILTER]
            params = {"filter": ",".join(f"doi:{d}" for d in chunk), "rows": str(len(chunk))}
            works = await self._list(params)
            found.update((w.doi, w) for w in works)
        for doi in (d for d in wanted if "," in d):
            work = await self.work(doi)
            if work is not None:
                found[work.doi] = work
        return found

    async def search(self, bibliographic: str, *, rows: int = 5) -> list[CrossrefWork]:
        """Rank works against a free-text reference (``query.bibliographic``), best first.

        ``score`` is relative to this query only. Text beyond ``MAX_QUERY_CHARS`` is dropped.
        """
        text = " ".join(bibliographic.split())[:MAX_QUERY_CHARS]
        if not text:
            raise ValueError("an empty reference cannot be searched")
        if not 1 <= rows <= MAX_ROWS:
            raise ValueError(f"rows must be between 1 and {MAX_ROWS}, got {rows}")
        return await self._list({"query.bibliographic": text, "rows": str(rows)})

    async def _list(self, params: dict[str, str]) -> list[CrossrefWork]:
        call = Call(path="works", params=params, parse=_work_list, limiter=self.list_limiter)
        return await self._http.fetch(call)

    def _adapt_budget(self, headers: httpx.Headers) -> None:
        """Follow the limits Crossref announces on every response (both routes, shared cap)."""
        limit = parse_positive_int(headers.get("x-rate-limit-limit"))
        interval_s = parse_interval_s(headers.get("x-rate-limit-interval"))
        concurrency = parse_positive_int(headers.get("x-concurrency-limit"))
        for limiter in (self.single_limiter, self.list_limiter):
            limiter.adapt(limit=limit, interval_s=interval_s, concurrency=concurrency)
        if headers.get("x-api-pool") == "public":  # served from the public pool after all
            self.list_limiter.adapt(limit=PUBLIC_BUDGET.list_per_s, interval_s=1.0)


def _work_or_none(answer: CachedResponse) -> CrossrefWork | None:
    return None if answer.status == 404 else parse_work_body(answer.body)


def _work_list(answer: CachedResponse) -> list[CrossrefWork]:
    return parse_work_list_body(answer.body)
