"""Fixtures: a real redis-server per test module (skipped when the binary is missing)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from app.jobs_redis import RedisJobStore
from clients.redis_link import RedisLink, connect

from .server import AVAILABLE, SKIP_REASON, RedisServer

pytestmark = pytest.mark.skipif(not AVAILABLE, reason=SKIP_REASON)


@pytest.fixture(name="redis_server", scope="module")
def redis_server_fixture() -> Iterator[RedisServer]:
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture(name="own_redis")
def own_redis_fixture() -> Iterator[RedisServer]:
    """A server this test alone may stop and restart."""
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture(name="durable_redis")
def durable_redis_fixture(tmp_path: Path) -> Iterator[RedisServer]:
    """A server of this test's own that keeps its data across ``stop()`` and ``start()``."""
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    data = tmp_path / "redis"
    data.mkdir()
    server = RedisServer(persist_dir=data).start()
    yield server
    server.stop()


@pytest.fixture(name="prefix")
def prefix_fixture() -> str:
    """A key prefix of this test's own, so tests sharing a server never share a budget."""
    return f"test:{uuid.uuid4().hex}:"


@pytest.fixture(name="redis_client")
async def redis_client_fixture(redis_server: RedisServer) -> AsyncIterator[aioredis.Redis]:
    """A client of the module's server, closed after the test."""
    client = aioredis.Redis.from_url(redis_server.url)
    yield client
    await client.aclose()


@pytest.fixture(name="job_store")
def job_store_fixture(redis_client: aioredis.Redis) -> RedisJobStore:
    """Job records in the module's server (job ids are random: tests never share a job)."""
    return RedisJobStore(redis_client)


@pytest.fixture(name="link")
async def link_fixture(redis_server: RedisServer) -> AsyncIterator[RedisLink]:
    link = RedisLink(connect(redis_server.url))
    yield link
    await link.aclose()
