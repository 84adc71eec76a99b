"""The service on shared Redis backends: /healthz tells whether the budget is shared, and a
Redis outage degrades the service to local limits without failing a request."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from app.api.main import create_app
from app.settings import Settings
from tests.e2e.conftest import CHAPTER_RECORDS
from tests.fake_upstream.app import create_app as create_fake_upstream
from tests.fake_upstream.config import FakeConfig
from tests.fake_upstream.store import Store

from .server import RedisServer

GUPTA = (
    "Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. 2006;127(4):679-95. "
    "doi:10.1016/j.cell.2006.11.001"
)
SHARED = {"redis": "ok", "limiter": "shared"}
FALLBACK = {"redis": "unavailable", "limiter": "local-fallback"}


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "crossref_url": "http://fake-upstream/crossref",
        "pubmed_url": "http://fake-upstream/eutils",
        "mailto": "redis-tests@example.org",
        "retry_attempts": 1,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def running_app(app_settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The service with its lifespan entered, its upstream the fake reached in-process."""
    fake = create_fake_upstream(
        Store.from_jsonl(CHAPTER_RECORDS), config=FakeConfig().merged({"rate_limit": False})
    )
    upstream = httpx.ASGITransport(app=fake)
    app = create_app(app_settings, crossref_transport=upstream, pubmed_transport=upstream)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://refcheck.test", timeout=60
        ) as client,
    ):
        yield client


async def shared_state(client: httpx.AsyncClient) -> dict[str, str]:
    health = (await client.get("/healthz")).raise_for_status().json()
    return {"redis": health["redis"], "limiter": health["limiter"]}


async def test_without_a_redis_url_the_backends_are_local(tmp_path) -> None:
    async with running_app(settings(cache_path=str(tmp_path / "cache.sqlite3"))) as client:
        state = await shared_state(client)

    assert state == {"redis": "not-configured", "limiter": "local"}


@pytest.mark.timeout(60)
async def test_redis_outage_falls_back_and_recovers(own_redis: RedisServer) -> None:
    """Stop Redis mid-run: requests still succeed on local limits, healthz says so; restart it:
    shared again."""
    async with running_app(settings(redis_url=own_redis.url)) as client:
        before = await shared_state(client)
        first = await client.post("/v1/verify", json={"references": [GUPTA]})

        own_redis.stop()
        during = await shared_state(client)
        second = await client.post("/v1/verify", json={"references": [GUPTA]})
        still_down = await shared_state(client)

        own_redis.start()
        after = await shared_state(client)
        third = await client.post("/v1/verify", json={"references": [GUPTA]})

    assert (before, during, still_down, after) == (SHARED, FALLBACK, FALLBACK, SHARED)
    assert [r.status_code for r in (first, second, third)] == [200, 200, 200]
    verdicts = [r.json()["results"][0]["status"] for r in (first, second, third)]
    assert verdicts[0] == verdicts[1] == verdicts[2]
