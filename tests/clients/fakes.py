"""Test doubles for the client tests: a fake clock, a scripted fake upstream, recorded samples.

Nothing here touches the network: every upstream is an ``httpx.MockTransport`` that answers
from a script and records what it was asked. Retries and rate limits run on a fake clock whose
``sleep`` only advances time, so no test ever sleeps for real.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import yaml

from clients import RetryPolicy

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "upstream"
CROSSREF_BASE = "https://api.crossref.test/v1"
PUBMED_BASE = "https://eutils.ncbi.test/entrez/eutils"
FAST_RETRY = RetryPolicy(attempts=3, max_elapsed_s=60.0, max_wait_s=30.0, base_delay_s=0.0)

Reply = httpx.Response | Callable[[httpx.Request], httpx.Response]


class FakeClock:
    """Monotonic time that moves only when someone sleeps; every requested sleep is recorded."""

    def __init__(self, start: float = 1_000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)  # let other tasks run, as a real sleep would


class FakeUpstream:
    """Answers request n with scripted reply n (the last one repeats) and records every request."""

    def __init__(self, *script: Reply) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []
        self.transport = httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.script[min(len(self.requests), len(self.script)) - 1]
        return reply(request) if callable(reply) else _fresh(reply)

    @property
    def params(self) -> list[dict[str, str]]:
        """Each request's parameters, from the query string or the form body."""
        return [request_params(r) for r in self.requests]


class Samples:
    """The recorded upstream answers in ``tests/data/upstream`` (see its README)."""

    def bytes(self, name: str) -> bytes:
        return (SAMPLES / name).read_bytes()

    def json(self, name: str) -> Any:
        return json.loads(self.bytes(name))

    def response(self, name: str, *, status: int = 200, content_type: str = "") -> httpx.Response:
        """A recorded body served as-is, with the content type its extension implies."""
        kind = content_type or _CONTENT_TYPES[Path(name).suffix]
        return httpx.Response(status, content=self.bytes(name), headers={"content-type": kind})

    def replay(self, name: str, index: int = 0) -> httpx.Response:
        """One recorded interaction (vcrpy or R vcr cassette): status, headers and body."""
        cassette = yaml.safe_load(self.bytes(name))
        recorded = (cassette.get("interactions") or cassette["http_interactions"])[index][
            "response"
        ]
        status = recorded["status"]
        headers = {
            key: value[0] if isinstance(value, list) else value
            for key, value in recorded["headers"].items()
            if key.lower() not in {"content-encoding", "content-length", "transfer-encoding"}
        }
        body = recorded["body"].get("string") or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif body[:2] == b"\x1f\x8b":  # vcrpy/httpx stored the gzip bytes as sent
            body = gzip.decompress(body)
        return httpx.Response(
            int(status.get("code") or status["status_code"]), headers=headers, content=body
        )


_CONTENT_TYPES = {
    ".json": "application/json",
    ".xml": "text/xml; charset=UTF-8",
    ".txt": "text/plain",
}


def _fresh(response: httpx.Response) -> httpx.Response:
    """A new response with the same status, headers and body (a scripted reply may repeat)."""
    headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
    return httpx.Response(response.status_code, headers=headers, content=response.content)


def request_params(request: httpx.Request) -> dict[str, str]:
    if request.method == "POST":
        return dict(httpx.QueryParams(request.content.decode("utf-8")))
    return dict(request.url.params)
