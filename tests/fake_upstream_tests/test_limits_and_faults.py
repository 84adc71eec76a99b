"""Budgets are enforced strictly, faults are injected on demand, and the counters tell the tale."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from tests.fake_upstream import InjectedConnectionReset, max_calls_in_window
from tests.fake_upstream.faults import CROSSREF_429_BODY
from tests.fake_upstream_tests.conftest import ClientFactory

WORK = "/crossref/works/10.1002/cncr.28743"
POLITE = {"mailto": "dev@example.org"}


async def _statuses(client: httpx.AsyncClient, count: int, url: str, **params: str) -> list[int]:
    return [(await client.get(url, params=params)).status_code for _ in range(count)]


@pytest.mark.parametrize(
    ("url", "params", "budget"),
    [
        pytest.param(WORK, POLITE, 10, id="crossref-polite-work"),
        pytest.param("/crossref/works", {"query": "liver", **POLITE}, 3, id="crossref-polite-list"),
        pytest.param(WORK, {}, 5, id="crossref-public-work"),
        pytest.param("/crossref/works", {"query": "liver"}, 1, id="crossref-public-list"),
        pytest.param("/eutils/esearch.fcgi", {"term": "cell[ta]"}, 3, id="ncbi"),
        pytest.param("/eutils/esearch.fcgi", {"term": "cell[ta]", "api_key": "k"}, 10,
                     id="ncbi-api-key"),
    ],
)  # fmt: skip
async def test_calls_beyond_the_budget_in_one_second_get_429(
    fake: ClientFactory, url: str, params: dict[str, str], budget: int
) -> None:
    async with fake() as client:
        statuses = await _statuses(client, budget + 1, url, **params)
    assert statuses == [200] * budget + [429]


async def test_429_bodies_are_the_upstreams_own(fake: ClientFactory) -> None:
    """Crossref refuses with an HTML page; NCBI with JSON whose numbers are strings."""
    async with fake() as client:
        for _ in range(6):
            crossref = await client.get(WORK)
        for _ in range(4):
            ncbi = await client.get("/eutils/esearch.fcgi", params={"term": "cell[ta]"})
    assert crossref.text == CROSSREF_429_BODY
    assert "retry-after" not in crossref.headers
    assert ncbi.json() == {
        "error": "API rate limit exceeded", "api-key": "127.0.0.1", "count": "4", "limit": "3"
    }  # fmt: skip


async def test_retry_after_is_sent_when_configured(fake: ClientFactory) -> None:
    async with fake(retry_after_s=2) as client:
        replies = [await client.get("/crossref/works", params={"query": "x"}) for _ in range(2)]
    assert replies[1].headers["retry-after"] == "2"


async def test_calls_beyond_the_pool_concurrency_get_429(fake: ClientFactory) -> None:
    """The polite pool admits 3 calls in flight; a 4th at the same time is refused."""
    async with fake(latency_s=0.2) as client:
        replies = await asyncio.gather(*(client.get(WORK, params=POLITE) for _ in range(4)))
        stats = (await client.get("/_control/stats")).json()
    assert sorted(r.status_code for r in replies) == [200, 200, 200, 429]
    assert stats["max_in_flight"]["crossref:polite"] == 4


async def test_no_call_is_refused_when_enforcement_is_off(fake: ClientFactory) -> None:
    async with fake(rate_limit=False) as client:
        statuses = await _statuses(client, 8, "/crossref/works", query="liver")
    assert set(statuses) == {200}


async def test_a_down_upstream_answers_503_and_the_other_keeps_working(fake: ClientFactory) -> None:
    async with fake(crossref={"down": True}) as client:
        crossref = await client.get(WORK)
        pubmed = await client.get("/eutils/esearch.fcgi", params={"term": "cell[ta]"})
    assert (crossref.status_code, pubmed.status_code) == (503, 200)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        pytest.param("http_500", 500, id="500"),
        pytest.param("http_502", 502, id="502"),
        pytest.param("http_503", 503, id="503"),
        pytest.param("rate_limited", 429, id="429"),
        pytest.param("stall", 200, id="stall-then-answer"),
    ],
)
async def test_injected_fault_statuses(fake: ClientFactory, kind: str, status: int) -> None:
    async with fake(fault_rate=1.0, fault_kinds=[kind], stall_s=0.05) as client:
        reply = await client.get(WORK)
    assert reply.status_code == status


async def test_injected_429_can_carry_retry_after(fake: ClientFactory) -> None:
    async with fake(fault_rate=1.0, fault_kinds=["rate_limited_retry_after"]) as client:
        reply = await client.get(WORK)
    assert (reply.status_code, reply.headers["retry-after"]) == (429, "1")


async def test_injected_truncation_leaves_unparseable_json(fake: ClientFactory) -> None:
    async with fake(fault_rate=1.0, fault_kinds=["truncated"]) as client:
        reply = await client.get(WORK)
    assert reply.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        reply.json()


async def test_injected_bad_shape_is_ok_with_a_null_message(fake: ClientFactory) -> None:
    async with fake(fault_rate=1.0, fault_kinds=["bad_shape"]) as client:
        reply = await client.get(WORK)
    assert reply.json() == {"status": "ok", "message": None}


async def test_injected_reset_surfaces_as_an_httpx_protocol_error(fake: ClientFactory) -> None:
    async with fake(fault_rate=1.0, fault_kinds=["connection_reset"]) as client:
        with pytest.raises(httpx.RemoteProtocolError) as caught:
            await client.get(WORK)
    assert isinstance(caught.value, InjectedConnectionReset)


async def test_faults_follow_the_seed(fake: ClientFactory) -> None:
    """The same seed and call sequence give the same faults."""
    runs = []
    for _ in range(2):
        async with fake(
            rate_limit=False, fault_rate=0.5, seed=7, fault_kinds=["http_500"]
        ) as client:
            runs.append(await _statuses(client, 12, WORK))
    assert runs[0] == runs[1]
    assert set(runs[0]) == {200, 500}


async def test_config_changes_at_run_time_and_reset_restores_it(fake: ClientFactory) -> None:
    async with fake() as client:
        changed = await client.post("/_control/config", json={"pubmed": {"down": True}})
        down = await client.get("/eutils/esearch.fcgi", params={"term": "cell[ta]"})
        await client.post("/_control/reset")
        back = await client.get("/eutils/esearch.fcgi", params={"term": "cell[ta]"})
        stats = (await client.get("/_control/stats")).json()
    assert changed.json()["pubmed"]["down"] is True
    assert (down.status_code, back.status_code) == (503, 200)
    assert stats["requests"]["pubmed"] == {"esearch": 1}


async def test_invalid_config_is_rejected_and_changes_nothing(fake: ClientFactory) -> None:
    async with fake() as client:
        reply = await client.post("/_control/config", json={"fault_rate": 3})
        config = (await client.get("/_control/config")).json()
    assert reply.status_code == 422
    assert config["crossref"]["fault_rate"] == 0.0


async def test_stats_count_calls_by_kind_and_time_them_per_budget(fake: ClientFactory) -> None:
    async with fake() as client:
        await client.get(WORK, params=POLITE)
        await client.get("/crossref/works", params={"filter": "doi:10.1002/cncr.28743"})
        await client.get("/crossref/works", params={"query.bibliographic": "liver", **POLITE})
        await client.get("/eutils/efetch.fcgi", params={"id": "17110329"})
        stats = (await client.get("/_control/stats")).json()
    assert stats["requests"] == {
        "crossref": {"crossref_work": 1, "crossref_filter": 1, "crossref_search": 1},
        "pubmed": {"efetch": 1},
    }
    assert {b: len(t) for b, t in stats["timestamps"].items()} == {
        "crossref:polite:work": 1, "crossref:public:list": 1, "crossref:polite:list": 1,
        "pubmed:anonymous": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("timestamps", "expected"),
    [
        pytest.param([], 0, id="none"),
        pytest.param([0.0, 0.5, 0.99, 1.0, 1.6], 3, id="window-is-half-open"),
        pytest.param([0.0, 0.1, 0.2, 0.3], 4, id="burst"),
    ],
)
def test_max_calls_in_window(timestamps: list[float], expected: int) -> None:
    assert max_calls_in_window(timestamps) == expected


async def test_an_admitted_budget_frees_up_after_the_window(fake: ClientFactory) -> None:
    async with fake(limits={"window_s": 0.1}) as client:
        first = await _statuses(client, 2, "/crossref/works", query="x")
        await asyncio.sleep(0.11)
        later = await _statuses(client, 1, "/crossref/works", query="x")
    assert (first, later) == ([200, 429], [200])
