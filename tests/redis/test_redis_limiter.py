"""The shared limiter: one budget for every process, atomic under contention, and fail-safe."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clients.redis_limiter import RedisLimiter, RedisLimiters
from clients.redis_link import RedisLink, connect

from . import limiter_worker
from .server import RedisServer, free_port

REPO_ROOT = Path(__file__).resolve().parents[2]


def most_in_any_closed_window(times: list[float], width_s: float) -> int:
    """The most sends inside any window ``[t, t + width_s]``, both ends included."""
    ordered = sorted(times)
    return max(sum(1 for u in ordered if t <= u <= t + width_s) for t in ordered)


def most_overlapping(spans: list[list[float]]) -> int:
    """The most spans ``[entered, left]`` open at one instant."""
    return max(sum(1 for a, b in spans if a <= start < b) for start, _ in spans)


@pytest.mark.timeout(60)
def test_three_processes_never_exceed_the_shared_budget(redis_server: RedisServer, prefix: str):
    """3 processes x 5 sends at 3/s: never 4 sends in a closed 1-s window, never 3 in flight."""
    start_at = time.time() + 1.5  # all three start together, after their imports
    worker_args = [redis_server.url, prefix, "5", str(start_at)]
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.redis.limiter_worker", *worker_args],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    replies = [json.loads(worker.communicate(timeout=50)[0]) for worker in workers]
    spans = [span for reply in replies for span in reply["spans"]]
    sends = [entered for entered, _ in spans]

    assert all(reply["shared"] for reply in replies)
    assert len(sends) == 15
    assert most_in_any_closed_window(sends, 1.0) <= limiter_worker.RATE_PER_S
    assert most_overlapping(spans) <= limiter_worker.CONCURRENCY
    # and the budget is used, not starved: 15 sends at 3 per 1.1 s take about 4.4 s
    assert max(sends) - min(sends) < 6.0


async def test_first_burst_leaves_together_then_waits_out_the_window(
    link: RedisLink, prefix: str
) -> None:
    limiter = RedisLimiters(link, prefix=prefix)("b", limit=3, cap="b", concurrency=3)
    sends = []
    for _ in range(4):
        async with limiter:
            sends.append(time.monotonic())

    assert sends[2] - sends[0] < 0.1
    assert sends[3] - sends[0] == pytest.approx(1.1, abs=0.08)


async def test_budgets_of_one_group_share_its_leases(link: RedisLink, prefix: str) -> None:
    """Crossref counts requests in flight across routes: single and list share 2 leases."""
    make = RedisLimiters(link, prefix=prefix)
    single = make("single", limit=100, cap="crossref", concurrency=2)
    listed = make("list", limit=100, cap="crossref", concurrency=2)
    in_flight, most = 0, 0

    async def send(limiter: RedisLimiter) -> None:
        nonlocal in_flight, most
        async with limiter:
            in_flight += 1
            most = max(most, in_flight)
            await asyncio.sleep(0.05)
            in_flight -= 1

    await asyncio.gather(*(send(lim) for lim in [single, listed] * 4))

    assert most == 2


async def test_lease_of_a_killed_holder_expires(link: RedisLink, prefix: str) -> None:
    """A process that dies mid-request never gives its lease back; it frees itself after its TTL."""
    dead = RedisLimiters(link, prefix=prefix, lease_ttl_s=0.5)
    held = dead("b", limit=100, cap="g", concurrency=1)
    await held.__aenter__()  # and never leaves: the process was killed
    alive = RedisLimiters(link, prefix=prefix, lease_ttl_s=0.5)(
        "b", limit=100, cap="g", concurrency=1
    )

    began = time.monotonic()
    async with alive:
        waited = time.monotonic() - began

    assert 0.3 < waited < 1.0


async def test_unreachable_redis_falls_back_to_a_local_share(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """3/s shared by an assumed 4 workers: one send per 1.33 s (+10 %), and no error."""
    link = RedisLink(connect(f"redis://127.0.0.1:{free_port()}/0", timeout_s=0.2))
    limiter = RedisLimiters(link, fallback_workers=4)("b", limit=3, cap="b", concurrency=3)
    sends = []
    for _ in range(2):
        async with limiter:
            sends.append(time.monotonic())
    await link.aclose()

    assert limiter.shared is False
    assert sends[1] - sends[0] == pytest.approx(4 / 3 * 1.1, abs=0.1)
    assert "rate limits fall back" in caplog.text


@pytest.mark.timeout(30)
async def test_budget_is_shared_again_once_redis_is_back(own_redis: RedisServer) -> None:
    link = RedisLink(connect(own_redis.url, timeout_s=0.2), retry_after_s=0.1)
    limiter = RedisLimiters(link)("b", limit=50, cap="b", concurrency=3)
    async with limiter:
        before = limiter.shared
    own_redis.stop()
    async with limiter:
        during = limiter.shared
    own_redis.start()
    await asyncio.sleep(0.2)
    async with limiter:
        after = limiter.shared
    await link.aclose()

    assert (before, during, after) == (True, False, True)


@pytest.mark.timeout(30)
async def test_the_first_local_send_waits_out_the_shared_window(own_redis: RedisServer) -> None:
    """3 shared sends, then Redis goes: a 4th send at once would make 4 in one window."""
    link = RedisLink(connect(own_redis.url, timeout_s=0.2), retry_after_s=0.1)
    limiter = RedisLimiters(link, fallback_workers=1)("b", limit=3, cap="b", concurrency=3)
    sends = []
    for _ in range(3):
        async with limiter:
            sends.append(time.monotonic())
    own_redis.stop()
    async with limiter:
        sends.append(time.monotonic())
    await link.aclose()

    assert limiter.shared is False
    assert sends[3] - sends[0] >= 1.1
    assert most_in_any_closed_window(sends, 1.0) <= 3


@pytest.mark.timeout(30)
async def test_the_first_shared_send_waits_out_the_local_ones(own_redis: RedisServer) -> None:
    """Redis never saw the sends made while it was away (here or in other processes still on
    their share): every process tries Redis within retry_after_s, then one window more."""
    link = RedisLink(connect(own_redis.url, timeout_s=0.2), retry_after_s=0.05)
    limiter = RedisLimiters(link, fallback_workers=1)("b", limit=3, cap="b", concurrency=3)
    own_redis.stop()
    async with limiter:
        local_send = time.monotonic()
    own_redis.start()
    await asyncio.sleep(0.1)
    async with limiter:
        shared_send = time.monotonic()
    await link.aclose()

    assert limiter.shared is True
    assert shared_send - local_send >= 0.05 + 1.1


@pytest.mark.timeout(30)
async def test_local_sends_wait_for_the_shared_calls_still_in_flight(
    own_redis: RedisServer,
) -> None:
    """A lease Redis can no longer count still holds its slot until its call has ended."""
    link = RedisLink(connect(own_redis.url, timeout_s=0.2), retry_after_s=0.1)
    limiter = RedisLimiters(link, fallback_workers=1)("b", limit=50, cap="b", concurrency=1)
    spans: list[list[float]] = []

    async def call(hold_s: float) -> None:
        async with limiter:
            entered = time.monotonic()
            await asyncio.sleep(hold_s)
            spans.append([entered, time.monotonic()])

    shared = asyncio.create_task(call(1.5))
    await asyncio.sleep(0.1)
    own_redis.stop()
    await call(0.1)
    await shared
    await link.aclose()

    assert most_overlapping(spans) == 1


@pytest.mark.timeout(30)
async def test_a_lease_redis_could_not_take_back_is_given_back_when_it_answers(
    durable_redis: RedisServer, prefix: str
) -> None:
    """Redis kept the lease across its restart: the next call frees it, not its 60-s expiry."""
    link = RedisLink(connect(durable_redis.url, timeout_s=0.2), retry_after_s=0.05)
    limiter = RedisLimiters(link, prefix=prefix)("b", limit=50, cap="b", concurrency=1)
    await limiter.__aenter__()
    durable_redis.stop()
    await limiter.__aexit__(None, None, None)  # the release cannot reach Redis
    durable_redis.start()
    await asyncio.sleep(0.1)
    began = time.monotonic()
    async with limiter:
        shared = limiter.shared
    waited = time.monotonic() - began
    await link.aclose()

    assert shared is True
    assert waited < 2.0
