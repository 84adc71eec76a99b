"""An async client for NCBI E-utilities on PubMed: ESearch, EFetch and ECitMatch.

Every request carries ``tool``, and ``email`` and ``api_key`` when given, as NCBI asks. The
budget is NCBI's published one, 3 requests/s without a key and 10/s with one, lowered (never
raised above that) by the ``X-RateLimit-Limit`` header. NCBI publishes no concurrency limit;
at most ``NCBI_CONCURRENCY`` requests are in flight. NCBI sometimes answers 429 even when the
rate is honoured (Biopython's comment in ``Bio/Entrez``), so 429 is retried like a 5xx.

Long requests are POSTed as a form, as Biopython does: more than 200 ids, or parameters longer
than about 1000 characters.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from typing import Final, TypeVar
from urllib.parse import urlencode

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
from clients._ratelimit import Clock, Sleep, parse_positive_int
from clients._retry import DEFAULT_RETRY, RetryPolicy
from clients._shape import ShapeError, as_dict, as_list, load_json, opt_text
from clients.cache import CachedResponse, ResponseCache
from clients.limiters import LimiterFactory, LocalLimiters
from clients.pubmed_article import PubMedArticle, parse_efetch_body
from clients.pubmed_citmatch import (
    CitMatchQuery,
    CitMatchResult,
    checked_keys,
    citmatch_line,
    parse_citmatch_body,
)

T = TypeVar("T")

PUBMED_URL: Final = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
RATE_WITHOUT_KEY: Final = 3
RATE_WITH_KEY: Final = 10
NCBI_CONCURRENCY: Final = 3
MAX_IDS_PER_EFETCH: Final = 200
MAX_CITATIONS_PER_ECITMATCH: Final = 100
POST_ABOVE_IDS: Final = 200
POST_ABOVE_PARAM_CHARS: Final = 1000
MAX_RETMAX: Final = 10_000


def should_post(params: dict[str, str], *, id_count: int = 0) -> bool:
    """POST when a GET URL would get long: more than 200 ids or ~1000 characters of parameters."""
    return id_count > POST_ABOVE_IDS or len(urlencode(params)) > POST_ABOVE_PARAM_CHARS


def parse_esearch_body(body: bytes) -> list[str]:
    """The PMIDs of an ESearch JSON reply, in rank order.

    ``{"esearchresult": {"count": "603", "idlist": ["36374290", …]}}``; numbers may come as
    strings or numbers. A reply that reports an error and carries no id list means no hits.
    """
    result = as_dict(as_dict(load_json(body), "esearch body").get("esearchresult"), "esearchresult")
    ids = result.get("idlist")
    if ids is None:
        if any(key in result for key in ("ERROR", "error", "errorlist")):
            return []
        raise ShapeError("esearchresult has neither idlist nor an error")
    pmids = [opt_text(value, "idlist entry") or "" for value in as_list(ids, "idlist")]
    if not all(pmid.isdigit() for pmid in pmids):
        raise ShapeError("idlist holds a non-numeric id")
    return pmids


class PubMedClient(UpstreamClient):
    """Read-only access to PubMed through E-utilities; one connection pool per instance.

    Use as ``async with PubMedClient(email="me@example.org", api_key=key) as pubmed: ...``.
    ``limiters`` builds the rate budget (in-process by default, or shared through Redis).
    ``transport``, ``clock`` and ``sleep`` are seams for tests.
    """

    def __init__(
        self,
        *,
        base_url: str = PUBMED_URL,
        tool: str = "refcheck",
        email: str | None = None,
        api_key: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy = DEFAULT_RETRY,
        cache: ResponseCache | None = None,
        cache_ttl_s: float = DEFAULT_CACHE_TTL_S,
        transport: httpx.AsyncBaseTransport | None = None,
        rate_per_s: int | None = None,
        limiters: LimiterFactory | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        identity = {"tool": tool}
        if email:
            identity["email"] = email
        if api_key:
            identity["api_key"] = api_key
        make = limiters or LocalLimiters(clock=clock, sleep=sleep)
        self.limiter = make(
            "pubmed",
            # ``rate_per_s`` overrides NCBI's published ceiling: for a mirror or a fake upstream.
            limit=rate_per_s or (RATE_WITH_KEY if api_key else RATE_WITHOUT_KEY),
            cap="pubmed",
            concurrency=NCBI_CONCURRENCY,
        )
        self._http = UpstreamHttp(
            source="pubmed",
            base_url=base_url,
            identity=identity,
            user_agent=f"{USER_AGENT} (mailto:{email})" if email else USER_AGENT,
            timeout=timeout,
            retry=retry,
            cache=cache,
            cache_ttl_s=cache_ttl_s,
            not_found_ttl_s=DEFAULT_NOT_FOUND_TTL_S,
            transport=transport,
            clock=clock,
            sleep=sleep,
            on_headers=self._adapt_budget,
        )

    async def esearch(self, term: str, *, retmax: int = 5) -> list[str]:
        """PMIDs matching ``term`` (PubMed syntax: ``mann bj[au] AND 1991[dp]``), best first."""
        if not term.strip():
            raise ValueError("an empty term cannot be searched")
        if not 1 <= retmax <= MAX_RETMAX:
            raise ValueError(f"retmax must be between 1 and {MAX_RETMAX}, got {retmax}")
        params = {
            "db": "pubmed",
            "term": term.strip(),
            "retmode": "json",
            "retmax": str(retmax),
            "sort": "relevance",
        }
        return await self._fetch("esearch.fcgi", params, _esearch)

    async def efetch(self, pmids: Sequence[str]) -> dict[str, PubMedArticle]:
        """Full records for ``pmids`` as ``{pmid: article}``; unknown PMIDs are simply absent."""
        wanted = list(dict.fromkeys(p.strip() for p in pmids if p.strip()))
        if not all(pmid.isdigit() for pmid in wanted):
            raise ValueError("PMIDs are digits only")
        articles: dict[str, PubMedArticle] = {}
        for start in range(0, len(wanted), MAX_IDS_PER_EFETCH):
            batch = wanted[start : start + MAX_IDS_PER_EFETCH]
            params = {
                "db": "pubmed",
                "id": ",".join(batch),
                "retmode": "xml",
                "rettype": "abstract",
            }
            articles.update(await self._fetch("efetch.fcgi", params, _efetch, id_count=len(batch)))
        return articles

    async def ecitmatch(self, queries: Sequence[CitMatchQuery]) -> dict[str, CitMatchResult]:
        """Match citations to PMIDs in batches of 100: ``{query.key: result}`` for every query."""
        keys = checked_keys(queries)
        original_key = {clean: query.key for clean, query in zip(keys, queries, strict=True)}
        results: dict[str, CitMatchResult] = {}
        for start in range(0, len(queries), MAX_CITATIONS_PER_ECITMATCH):
            batch = queries[start : start + MAX_CITATIONS_PER_ECITMATCH]
            batch_keys = keys[start : start + MAX_CITATIONS_PER_ECITMATCH]
            params = {
                "db": "pubmed",
                "retmode": "xml",  # the only documented value; the reply is plain text anyway
                "bdata": "\r".join(citmatch_line(q) for q in batch),
            }

            def parse(
                answer: CachedResponse, keys: list[str] = batch_keys
            ) -> dict[str, CitMatchResult]:
                return parse_citmatch_body(answer.body, keys)

            for clean, result in (await self._fetch("ecitmatch.cgi", params, parse)).items():
                key = original_key[clean]
                results[key] = CitMatchResult(key, result.pmid, result.status)
        return results

    async def _fetch(
        self,
        path: str,
        params: dict[str, str],
        parse: Callable[[CachedResponse], T],
        *,
        id_count: int = 0,
    ) -> T:
        post = should_post(params, id_count=id_count)
        call = Call(path=path, params=params, parse=parse, limiter=self.limiter, post=post)
        return await self._http.fetch(call)

    def _adapt_budget(self, headers: httpx.Headers) -> None:
        """Follow ``X-RateLimit-Limit`` (requests per second), never above the published rate."""
        self.limiter.adapt(
            limit=parse_positive_int(headers.get("x-ratelimit-limit")), interval_s=1.0
        )


def _esearch(answer: CachedResponse) -> list[str]:
    return parse_esearch_body(answer.body)


def _efetch(answer: CachedResponse) -> dict[str, PubMedArticle]:
    return parse_efetch_body(answer.body)
