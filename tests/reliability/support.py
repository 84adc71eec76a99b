"""Harnesses for the reliability suites: the app over an in-process fake upstream whose every
request is recorded, and `refcheck serve` as a real process whose log is kept.
"""

from __future__ import annotations

import json
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from app.api.main import create_app
from app.api.routes import get_resolver
from app.resolve import Resolver
from app.settings import Settings
from clients import CrossrefBudget, CrossrefClient, PubMedClient, RetryPolicy
from tests.e2e.conftest import CHAPTER_RECORDS, REFCHECK, refcheck_env
from tests.fake_upstream import FakeConfig, FakeServer, Limits, Store
from tests.fake_upstream import create_app as create_fake_upstream

FAKE_HOST = "fake-upstream.test"
CROSSREF_URL = f"http://{FAKE_HOST}/crossref"
PUBMED_URL = f"http://{FAKE_HOST}/eutils"
MAILTO = "reliability-contact@example.org"
NCBI_API_KEY = "ncbi-key-0123456789abcdef"
SECRETS = (MAILTO, NCBI_API_KEY)

_STORE: list[Store] = []


def chapter_store() -> Store:
    """The chapter's records, loaded once per test process."""
    if not _STORE:
        _STORE.append(Store.from_jsonl(CHAPTER_RECORDS))
    return _STORE[0]


class RecordingTransport(httpx.AsyncBaseTransport):
    """Pass requests on to ``inner`` and keep every one, to judge where the client went."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.requests: list[httpx.Request] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return await self.inner.handle_async_request(request)


def in_process_settings(**overrides: Any) -> Settings:
    """Settings for an app whose upstreams are the in-process fake (never the network)."""
    values: dict[str, Any] = {
        "crossref_url": CROSSREF_URL,
        "pubmed_url": PUBMED_URL,
        "mailto": MAILTO,
        "ncbi_api_key": NCBI_API_KEY,
        "cache_path": "none",
        "retry_attempts": 2,
        "retry_max_elapsed_s": 2.0,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


# Budgets far above the published ones, announced by the fake and allowed by the clients, so
# in-process tests that are not about politeness never wait for a rate limiter.
FAST = 1000
FAST_FAKE = FakeConfig(
    rate_limit=False,
    limits=Limits(
        crossref_polite_work_per_s=FAST,
        crossref_polite_list_per_s=FAST,
        crossref_polite_concurrency=16,
        ncbi_per_s=FAST,
        ncbi_with_key_per_s=FAST,
    ),
)


@asynccontextmanager
async def fast_resolver(transport: httpx.AsyncBaseTransport) -> AsyncIterator[Resolver]:
    """A resolver over ``transport`` with no rate limit worth the name and one quick retry."""
    retry = RetryPolicy(attempts=2, max_elapsed_s=2.0, base_delay_s=0.0)
    async with (
        CrossrefClient(
            base_url=CROSSREF_URL,
            mailto=MAILTO,
            budget=CrossrefBudget(single_per_s=FAST, list_per_s=FAST, concurrency=16),
            retry=retry,
            transport=transport,
        ) as crossref,
        PubMedClient(
            base_url=PUBMED_URL,
            email=MAILTO,
            api_key=NCBI_API_KEY,
            rate_per_s=FAST,
            retry=retry,
            transport=transport,
        ) as pubmed,
    ):
        yield Resolver(crossref=crossref, pubmed=pubmed)


@dataclass
class InProcess:
    """The app under test, its client, and what its upstream clients sent."""

    app: FastAPI
    client: httpx.AsyncClient
    upstream: RecordingTransport
    fake: Any = field(repr=False)


@asynccontextmanager
async def in_process_app(
    settings: Settings | None = None,
    *,
    fake_config: FakeConfig | None = None,
    upstream_budgets: bool = True,
    recorder: type[RecordingTransport] = RecordingTransport,
) -> AsyncIterator[InProcess]:
    """``create_app`` with its lifespan entered, over the fake upstream reached in-process.

    With ``upstream_budgets`` the app's own resolver (published rate limits and all) does
    the work; without, a :func:`fast_resolver` stands in for it. Every upstream request goes
    through a ``recorder``.
    """
    config = fake_config or (FakeConfig(rate_limit=False) if upstream_budgets else FAST_FAKE)
    fake = create_fake_upstream(chapter_store(), config=config)
    upstream = recorder(httpx.ASGITransport(app=fake))
    app = create_app(
        settings or in_process_settings(), crossref_transport=upstream, pubmed_transport=upstream
    )
    async with (
        app.router.lifespan_context(app),
        fast_resolver(upstream) as resolver,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://refcheck.test", timeout=60
        ) as client,
    ):
        if not upstream_budgets:
            app.dependency_overrides[get_resolver] = lambda: resolver
        yield InProcess(app=app, client=client, upstream=upstream, fake=fake)


@dataclass(frozen=True)
class Service:
    """A running `refcheck serve`: its base URL and the file its stderr (the log) goes to."""

    base_url: str
    log_path: Path

    def log_lines(self) -> list[dict[str, Any]]:
        """The JSON log lines written so far (a line that is not JSON fails the test).

        uvicorn's first two lines come before the app sets up logging, in uvicorn's format,
        unless `refcheck serve` hands uvicorn :func:`app.logs.uvicorn_log_config`.
        """
        lines = self.log_path.read_text(encoding="utf-8").splitlines()
        first_json = next((i for i, line in enumerate(lines) if line.startswith("{")), len(lines))
        return [json.loads(line) for line in lines[first_json:] if line.strip()]

    def request_log(self, request_id: str, *, timeout_s: float = 5.0) -> list[dict[str, Any]]:
        """The request lines tagged ``request_id``, waiting for them: the line of a request
        is written just after its response is sent."""
        deadline = time.monotonic() + timeout_s
        while True:
            found = [
                line
                for line in self.log_lines()
                if line["logger"] == "refcheck.request" and line.get("request_id") == request_id
            ]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.05)


@contextmanager
def running_service(fake: FakeServer, log_path: Path, **env: str) -> Iterator[Service]:
    """`refcheck serve` on a free port against ``fake``; ``env`` overrides REFCHECK_* values."""
    port = free_port()
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [str(REFCHECK), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=refcheck_env(fake, **env),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process, log_path)
        yield Service(base, log_path)
    finally:
        process.terminate()  # uvicorn lets requests in flight finish first, so allow a while
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"refcheck serve did not start: {log_path.read_text()}")
        time.sleep(0.1)
