"""The polite HTTP layer every client shares: cache, rate budget, retries and error mapping.

One :class:`UpstreamHttp` per upstream owns one long-lived ``httpx.AsyncClient``. A
:class:`Call` goes through it in this order:

1. the response cache (a hit costs no request and no rate budget);
2. the retry loop of :mod:`clients._retry`, each attempt sent inside the call's
   :class:`~clients._ratelimit.Limiter` (a 429 also halves that limiter's rate for a while);
3. the call's ``parse`` function: a body it rejects is asked for once more (a truncated or
   garbled body is most often a glitch in transit), then raises ``MalformedResponse``; it is
   never cached.

The final failure becomes one typed error (:func:`error_for_status`). Secrets stay out of every
error and log line: URLs are redacted, and upstream text is scrubbed of the key and address.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Final, Generic, Self, TypeVar

import httpx

from clients._ratelimit import Clock, Sleep
from clients._retry import (
    RetryPolicy,
    StatusFailure,
    attempts_made,
    is_transient_status,
    parse_retry_after,
    retrying,
)
from clients._secrets import SECRET_PARAMS, redact_httpx_logs, redact_url, scrub
from clients._shape import ShapeError, as_dict, as_list, load_json
from clients.cache import CachedResponse, ResponseCache, cache_key
from clients.errors import (
    ClientError,
    MalformedResponse,
    RateLimited,
    UpstreamRejected,
    UpstreamUnavailable,
)
from clients.limiters import RateBudget

T = TypeVar("T")

redact_httpx_logs()  # httpx logs each request URL, identity parameters included

USER_AGENT: Final = "refcheck/0.1"
MALFORMED_ATTEMPTS: Final = 2  # a body that does not parse is asked for this many times
DEFAULT_CONNECT_TIMEOUT_S: Final = 5.0
DEFAULT_READ_TIMEOUT_S: Final = 20.0
DEFAULT_CACHE_TTL_S: Final = 7 * 24 * 3600.0  # registry metadata changes rarely
DEFAULT_NOT_FOUND_TTL_S: Final = 24 * 3600.0  # an unknown DOI may be registered tomorrow
MAX_DETAIL_CHARS: Final = 200

# Connect fast or fail; a Crossref search or a 200-record EFetch can take a while to send.
DEFAULT_TIMEOUT: Final = httpx.Timeout(DEFAULT_READ_TIMEOUT_S, connect=DEFAULT_CONNECT_TIMEOUT_S)


def error_for_status(
    status: int,
    *,
    source: str,
    url: str,
    attempts: int = 1,
    retry_after_s: float | None = None,
    detail: str = "",
) -> ClientError:
    """The one mapping from a final HTTP status to the typed error a caller sees.

    ``error_for_status(503, source="crossref", url=u, attempts=4)`` is an
    ``UpstreamUnavailable("crossref: 503 Service Unavailable after 4 attempts")``.
    """
    reason = f"{source}: {status} {httpx.codes.get_reason_phrase(status)}".rstrip()
    if is_transient_status(status):
        reason += _after(attempts)
        if retry_after_s is not None:
            reason += f" (server asked to wait {retry_after_s:g} s)"
    if detail:
        reason += f": {detail}"
    if status == 429:
        return RateLimited(reason, source=source, url=url, retry_after_s=retry_after_s)
    if is_transient_status(status):
        return UpstreamUnavailable(reason, source=source, url=url, retry_after_s=retry_after_s)
    if 400 <= status < 500:
        return UpstreamRejected(reason, source=source, url=url, status_code=status)
    return MalformedResponse(f"{reason} (unexpected status)", source=source, url=url)


def _after(attempts: int) -> str:
    return f" after {attempts} attempt{'s' if attempts != 1 else ''}"


def upstream_detail(body: bytes) -> str:
    """The human message inside an error body, if it has a known shape; else ``""``.

    Crossref: ``{"message": [{"message": "This route does not support field query parameters"}]}``;
    NCBI: ``{"error": "API rate limit exceeded", ...}``. HTML and plain-text bodies give ``""``.
    """
    try:
        data = as_dict(load_json(body[:65536]), "error body")
        if isinstance(data.get("error"), str):
            return str(data["error"])
        messages = as_list(data.get("message"), "messages")
        texts = [str(m["message"]) for m in messages if isinstance(m, dict) and "message" in m]
    except ShapeError:
        return ""
    return "; ".join(texts)


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One logical request: where it goes, within which budget, and how to read the answer.

    ``path`` is relative to the client's base URL (``"works/10.1038/srep16696"``). With
    ``not_found_is_answer`` a 404 is handed to ``parse`` (and cached briefly) instead of raised.
    """

    path: str
    params: Mapping[str, str]
    parse: Callable[[CachedResponse], T]
    limiter: RateBudget
    post: bool = False
    not_found_is_answer: bool = False


class UpstreamHttp:
    """One upstream's session: identity parameters, cache, retries and the typed error mapping."""

    def __init__(
        self,
        *,
        source: str,
        base_url: str,
        identity: Mapping[str, str],
        user_agent: str,
        timeout: httpx.Timeout,
        retry: RetryPolicy,
        cache: ResponseCache | None,
        cache_ttl_s: float,
        not_found_ttl_s: float,
        transport: httpx.AsyncBaseTransport | None,
        clock: Clock,
        sleep: Sleep,
        on_headers: Callable[[httpx.Headers], None],
    ) -> None:
        self.source = source
        self._identity = dict(identity)
        self._secrets = [v for k, v in identity.items() if k in SECRET_PARAMS]
        self._retry = retry
        self._cache = cache
        self._ttl_s = {200: cache_ttl_s, 404: not_found_ttl_s}
        self._clock = clock
        self._sleep = sleep
        self._on_headers = on_headers
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"User-Agent": user_agent},
            timeout=timeout,
            transport=transport,
            follow_redirects=False,  # a redirect could leave the configured host
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, call: Call[T]) -> T:
        """Answer ``call`` from the cache or the upstream, parsed, or raise a ``ClientError``."""
        params = {**call.params, **self._identity}
        method = "POST" if call.post else "GET"
        probe = self._client.build_request(method, call.path, params=None if call.post else params)
        error_url = redact_url(str(probe.url))
        key = None
        if self._cache is not None:
            key = cache_key(method, str(probe.url.copy_with(query=None)), params.items())
            cached = await self._cache.get(key)
            if cached is not None:
                return self._parse(call, cached, error_url)
        answer, result = await self._fetch_parsed(call, method, params, error_url)
        if self._cache is not None and key is not None:
            await self._cache.set(key, answer, self._ttl_s[answer.status])
        return result

    async def _fetch_parsed(
        self, call: Call[T], method: str, params: dict[str, str], url: str
    ) -> tuple[CachedResponse, T]:
        """The answer and what it parses to; a body that does not parse is asked for once more
        before :class:`MalformedResponse` is raised (an unexpected status is not)."""
        for attempt in range(1, MALFORMED_ATTEMPTS + 1):
            answer = await self._send_with_retries(call, method, params, url)
            try:
                return answer, self._parse(call, answer, url)
            except MalformedResponse:
                if attempt == MALFORMED_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _parse(self, call: Call[T], answer: CachedResponse, url: str) -> T:
        try:
            return call.parse(answer)
        except ShapeError as exc:
            reason = f"{self.source}: unexpected response body: {scrub(str(exc), self._secrets)}"
            raise MalformedResponse(reason, source=self.source, url=url) from None

    async def _send_with_retries(
        self, call: Call[T], method: str, params: dict[str, str], url: str
    ) -> CachedResponse:
        loop = retrying(
            self._retry, clock=self._clock, sleep=self._sleep, label=f"{self.source} {url}"
        )
        try:
            async for attempt in loop:
                with attempt:
                    return await self._attempt(call, method, params)
        except StatusFailure as failure:
            raise error_for_status(
                failure.status,
                source=self.source,
                url=url,
                attempts=attempts_made(loop),
                retry_after_s=failure.retry_after_s,
                detail=failure.detail,
            ) from None
        except httpx.TransportError as exc:
            kind = "timed out" if isinstance(exc, httpx.TimeoutException) else "connection failed"
            reason = f"{self.source}: {kind} ({type(exc).__name__}){_after(attempts_made(loop))}"
            raise UpstreamUnavailable(reason, source=self.source, url=url) from exc
        except httpx.DecodingError as exc:
            reason = f"{self.source}: undecodable response body ({type(exc).__name__})"
            raise MalformedResponse(reason, source=self.source, url=url) from exc
        raise AssertionError("tenacity ended without an outcome")  # pragma: no cover

    async def _attempt(self, call: Call[T], method: str, params: dict[str, str]) -> CachedResponse:
        async with call.limiter:
            response = await self._client.request(
                method,
                call.path,
                params=None if call.post else params,
                data=params if call.post else None,
            )
        self._on_headers(response.headers)
        status = response.status_code
        if status == 200 or (status == 404 and call.not_found_is_answer):
            content_type = response.headers.get("content-type", "")
            return CachedResponse(status=status, body=response.content, content_type=content_type)
        if status == 429:
            call.limiter.penalize()
        retry_after = parse_retry_after(response.headers.get("retry-after"), now=datetime.now(UTC))
        detail = scrub(upstream_detail(response.content), self._secrets)[:MAX_DETAIL_CHARS]
        raise StatusFailure(status, retry_after_s=retry_after, detail=detail)


class UpstreamClient:
    """The lifecycle both clients share: one long-lived connection pool, closed once.

    Subclasses set ``self._http`` in their constructor; use them as ``async with``.
    """

    _http: UpstreamHttp

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()
