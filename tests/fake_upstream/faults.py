"""Injected failures, and the error replies the real upstreams send.

Error bodies follow the recorded ones (``/work/shared/upstream-samples/README.md``):
Crossref's 429 is an HTML page, NCBI's 429 a JSON object with string numbers, and 5xx pages
are HTML from a load balancer. A connection reset is simulated by sending the headers and
part of the body, then raising :class:`InjectedConnectionReset`: uvicorn drops the connection
(the client sees ``httpx.RemoteProtocolError``), and in-process ``httpx.ASGITransport``
re-raises it, which is the same exception type.
"""

from __future__ import annotations

import json
import random

import httpx
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from tests.fake_upstream.config import FaultKind, UpstreamFaults

CROSSREF_429_BODY = (
    "<html><body><h1>429 Too Many Requests</h1>\n"
    "You have sent too many requests in a given amount of time.\n</body></html>"
)
_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}


class InjectedConnectionReset(httpx.RemoteProtocolError):
    """Raised by the fake halfway through a response to make the server drop the connection."""


class FaultPicker:
    """Decides, with a seeded RNG, whether a call fails and how."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def pick(self, faults: UpstreamFaults, upstream: str) -> FaultKind | None:
        """A fault kind with probability ``fault_rate``; never BAD_SHAPE for PubMed."""
        if faults.fault_rate <= 0 or self._rng.random() >= faults.fault_rate:
            return None
        kinds = [
            k for k in faults.fault_kinds if upstream == "crossref" or k != FaultKind.BAD_SHAPE
        ]
        return self._rng.choice(kinds) if kinds else None


def server_error(status: int) -> Response:
    """A load balancer's HTML error page (both upstreams sit behind one)."""
    reason = _REASONS.get(status, "Error")
    body = (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n</body>\r\n</html>\r\n"
    )
    return Response(body, status, media_type="text/html", headers={"server": "awselb/2.0"})


def too_many_requests(
    upstream: str, *, retry_after_s: int | None, limit: int, count: int, caller: str
) -> Response:
    """The 429 each upstream sends; Crossref's carries no rate headers, NCBI's a JSON body."""
    headers = {} if retry_after_s is None else {"Retry-After": str(retry_after_s)}
    if upstream == "crossref":
        return Response(CROSSREF_429_BODY, 429, headers=headers, media_type="text/html")
    body = {
        "error": "API rate limit exceeded",
        "api-key": caller,
        "count": str(count),
        "limit": str(limit),
    }
    headers |= {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": "0"}
    return Response(json.dumps(body), 429, headers=headers, media_type="application/json")


def truncated(response: Response) -> Response:
    """The same reply with its body cut in half (the framing stays valid, the JSON/XML does not)."""
    body = bytes(response.body)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return Response(body[: len(body) // 2], response.status_code, headers=headers)


class ResetResponse(Response):
    """Sends the headers and half the body of ``response``, then drops the connection."""

    def __init__(self, response: Response) -> None:
        super().__init__(bytes(response.body), response.status_code)
        self.raw_headers = response.raw_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = {
            "type": "http.response.start",
            "status": self.status_code,
            "headers": self.raw_headers,
        }
        await send(start)
        half = bytes(self.body)[: len(self.body) // 2]
        await send({"type": "http.response.body", "body": half, "more_body": True})
        raise InjectedConnectionReset("fake upstream: connection reset by peer")
