"""The response cache: answers are reused, failures are not, and identity never splits the key."""

from __future__ import annotations

import httpx
import pytest

from clients import (
    CachedResponse,
    MalformedResponse,
    MemoryResponseCache,
    SQLiteResponseCache,
    UpstreamUnavailable,
)
from clients.cache import cache_key

WORK = {"status": "ok", "message-type": "work", "message": {"DOI": "10.1/x"}}
URL = "https://api.crossref.org/works"
ANSWER = CachedResponse(200, b'{"ok": true}', "application/json")


class WallClock:
    """Epoch seconds that tests move by hand (the cache's expiry clock)."""

    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(name="wall")
def wall_fixture() -> WallClock:
    return WallClock()


@pytest.fixture(name="cache", params=["memory", "sqlite"])
def cache_fixture(request, tmp_path, wall):
    """Each behaviour holds for both cache implementations."""
    if request.param == "memory":
        return MemoryResponseCache(clock=wall)
    return SQLiteResponseCache(tmp_path / "nested" / "upstream.sqlite3", clock=wall)


# --- the key -------------------------------------------------------------------------------


def test_key_ignores_identity_parameters():
    """A new API key, contact address or tool name keeps every cached answer."""
    plain = cache_key("GET", URL, [("term", "x"), ("retmax", "5")])
    identified = cache_key(
        "GET",
        URL,
        [
            ("retmax", "5"),
            ("api_key", "k2"),
            ("email", "a@b"),
            ("mailto", "c@d"),
            ("tool", "t"),
            ("term", "x"),
        ],
    )

    assert identified == plain


@pytest.mark.parametrize(
    ("method", "url", "params"),
    [
        pytest.param("POST", URL, [("term", "x")], id="method"),
        pytest.param("GET", "https://api.crossref.org/works/10.1/x", [("term", "x")], id="path"),
        pytest.param("GET", URL, [("term", "y")], id="value"),
        pytest.param("GET", URL, [("term", "x"), ("rows", "5")], id="extra-param"),
    ],
)
def test_key_changes_with_what_was_asked(method, url, params):
    assert cache_key(method, url, params) != cache_key("GET", URL, [("term", "x")])


# --- storage -------------------------------------------------------------------------------


async def test_stored_answer_is_returned_until_it_expires(cache, wall):
    await cache.set("k", ANSWER, ttl_s=60)

    fresh = await cache.get("k")
    wall.now += 61
    stale = await cache.get("k")

    assert (fresh, stale) == (ANSWER, None)
    assert (cache.stats.hits, cache.stats.misses) == (1, 1)


async def test_sqlite_cache_persists_across_instances(tmp_path, wall):
    path = tmp_path / "cache" / "upstream.sqlite3"
    await SQLiteResponseCache(path, clock=wall).set("k", ANSWER, ttl_s=60)

    reopened = SQLiteResponseCache(path, clock=wall)

    assert await reopened.get("k") == ANSWER


async def test_unreadable_sqlite_cache_is_a_miss_not_a_failure(tmp_path, wall):
    path = tmp_path / "upstream.sqlite3"
    cache = SQLiteResponseCache(path, clock=wall)
    await cache.set("k", ANSWER, ttl_s=60)
    path.write_bytes(b"this is not a database" * 100)

    assert await cache.get("k") is None
    await cache.set("k", ANSWER, ttl_s=60)  # logged, not raised


async def test_memory_cache_evicts_the_oldest_beyond_its_size():
    cache = MemoryResponseCache(max_entries=2)
    for key in ("a", "b", "c"):
        await cache.set(key, ANSWER, ttl_s=60)

    assert [await cache.get(key) for key in ("a", "b", "c")] == [None, ANSWER, ANSWER]


# --- the cache in front of a client --------------------------------------------------------


async def test_second_identical_call_makes_no_request(serve, make_crossref):
    upstream = serve(httpx.Response(200, json=WORK))
    crossref = make_crossref(upstream, cache=MemoryResponseCache())

    first = await crossref.work("10.1/x")
    second = await crossref.work("10.1/x")

    assert first == second
    assert len(upstream.requests) == 1


async def test_cache_hit_spends_no_rate_budget(serve, make_crossref, clock):
    """Hits are served before the limiter: 20 repeats of a cached call never wait for a turn."""
    crossref = make_crossref(serve(httpx.Response(200, json=WORK)), cache=MemoryResponseCache())
    await crossref.work("10.1/x")

    for _ in range(20):
        await crossref.work("10.1/x")

    assert clock.sleeps == []


async def test_key_change_does_not_bust_the_cache(serve, make_pubmed):
    cache = MemoryResponseCache()
    reply = httpx.Response(200, content=b'{"esearchresult":{"idlist":["1"]}}')
    upstream = serve(reply)

    await make_pubmed(upstream, api_key="old-key", cache=cache).esearch("x")
    await make_pubmed(upstream, api_key="new-key", email="new@example.org", cache=cache).esearch(
        "x"
    )

    assert len(upstream.requests) == 1


async def test_failures_are_not_cached(serve, make_crossref):
    """A 503 (even after retries) is not an answer: the next call asks again."""
    upstream = serve(
        httpx.Response(503),
        httpx.Response(503),
        httpx.Response(503),
        httpx.Response(200, json=WORK),
    )
    crossref = make_crossref(upstream, cache=MemoryResponseCache())

    with pytest.raises(UpstreamUnavailable, match="503"):
        await crossref.work("10.1/x")
    work = await crossref.work("10.1/x")

    assert work is not None
    assert len(upstream.requests) == 4


async def test_malformed_answer_is_not_cached(serve, make_crossref):
    malformed = httpx.Response(200, content=b'{"status":"ok"')
    upstream = serve(malformed, malformed, httpx.Response(200, json=WORK))
    crossref = make_crossref(upstream, cache=MemoryResponseCache())

    with pytest.raises(MalformedResponse, match="unexpected response body"):
        await crossref.work("10.1/x")

    assert await crossref.work("10.1/x") is not None


async def test_unknown_doi_is_cached_briefly(serve, make_crossref, wall, samples):
    """Crossref's 404 is a negative answer kept for ``not_found_ttl_s``, shorter than answers."""
    upstream = serve(samples.replay("crossref-404-unknown-doi.cassette.yaml"))
    cache = MemoryResponseCache(clock=wall)
    crossref = make_crossref(upstream, cache=cache, cache_ttl_s=86_400, not_found_ttl_s=3_600)

    await crossref.work("10.1371/notarealdoi")
    await crossref.work("10.1371/notarealdoi")
    wall.now += 3_601
    await crossref.work("10.1371/notarealdoi")

    assert len(upstream.requests) == 2
