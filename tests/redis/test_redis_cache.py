"""The Redis answer cache: shared between clients and processes, expiring, and never an error."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from clients import CachedResponse, CrossrefClient
from clients.redis_cache import RedisResponseCache, pack, unpack
from clients.redis_link import RedisLink, connect

from ..clients.fakes import CROSSREF_BASE, FAST_RETRY, FakeUpstream
from .server import free_port

WORK = {"status": "ok", "message-type": "work", "message": {"DOI": "10.1/x", "title": ["X"]}}
ANSWER = CachedResponse(200, b'{"ok": true}\n', "application/json")


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(ANSWER, id="json-with-newline"),
        pytest.param(CachedResponse(404, b"", ""), id="empty-negative"),
        pytest.param(CachedResponse(200, bytes(range(256)), "application/xml"), id="binary"),
    ],
)
def test_packed_answer_unpacks_to_itself(answer: CachedResponse) -> None:
    assert unpack(pack(answer)) == answer


def test_foreign_value_unpacks_to_nothing() -> None:
    assert unpack(b"not an answer") is None


async def test_stored_answer_is_returned_until_its_ttl_ends(link: RedisLink, prefix: str) -> None:
    cache = RedisResponseCache(link, prefix=prefix)
    await cache.set("k", ANSWER, ttl_s=0.3)

    fresh = await cache.get("k")
    await asyncio.sleep(0.4)
    expired = await cache.get("k")

    assert (fresh, expired) == (ANSWER, None)
    assert (cache.stats.hits, cache.stats.misses) == (1, 1)


async def test_two_clients_share_answers(link: RedisLink, prefix: str) -> None:
    """The second client (another process, in production) makes zero upstream requests."""
    first_upstream = FakeUpstream(httpx.Response(200, json=WORK))
    second_upstream = FakeUpstream(httpx.Response(200, json=WORK))
    works = []
    for upstream in (first_upstream, second_upstream):
        async with CrossrefClient(
            base_url=CROSSREF_BASE,
            mailto="team@example.org",
            retry=FAST_RETRY,
            cache=RedisResponseCache(RedisLink(link.client), prefix=prefix),
            transport=upstream.transport,
        ) as crossref:
            works.append(await crossref.work("10.1/x"))

    assert works[0] == works[1]
    assert (len(first_upstream.requests), len(second_upstream.requests)) == (1, 0)


async def test_unreachable_redis_is_a_logged_miss_not_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    link = RedisLink(connect(f"redis://127.0.0.1:{free_port()}/0", timeout_s=0.2))
    cache = RedisResponseCache(link)

    await cache.set("k", ANSWER, ttl_s=60)
    found = await cache.get("k")
    await link.aclose()

    assert found is None
    assert link.available is False
    assert "redis unreachable" in caplog.text
