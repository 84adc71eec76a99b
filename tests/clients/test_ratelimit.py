"""The limiter: never more than its rate in any window, never more in flight than its cap."""

from __future__ import annotations

import asyncio
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clients._ratelimit import (
    PENALTY_S,
    ConcurrencyCap,
    Limiter,
    parse_interval_s,
    parse_positive_int,
)

from .fakes import FakeClock


async def send_times(limiter: Limiter, clock: FakeClock, requests: int) -> list[float]:
    """Push ``requests`` concurrent sends through ``limiter``; the fake times they were let out."""
    times: list[float] = []

    async def send() -> None:
        async with limiter:
            times.append(clock())

    await asyncio.gather(*(send() for _ in range(requests)))
    return sorted(times)


def busiest_window(times: list[float], window_s: float) -> int:
    """The most sends in any closed window of ``window_s`` seconds (stricter than half-open)."""
    return max(sum(1 for t in times if start <= t <= start + window_s) for start in times)


@given(
    limit=st.integers(min_value=1, max_value=50),
    interval_s=st.sampled_from([0.5, 1.0, 2.0]),
    requests=st.integers(min_value=1, max_value=120),
)
@settings(max_examples=60, deadline=None)
def test_never_more_than_the_limit_in_any_window(limit, interval_s, requests):
    """However many sends queue up, no window of one interval (closed at both ends) holds more."""
    clock = FakeClock()
    limiter = Limiter(
        limit=limit, interval_s=interval_s, concurrency=requests, clock=clock, sleep=clock.sleep
    )

    times = asyncio.run(send_times(limiter, clock, requests))

    assert busiest_window(times, interval_s) <= limit


async def test_a_full_burst_leaves_at_once_then_waits_out_the_window(clock):
    """10/s lets 10 sends leave together, the next 10 after 1.1 s: the window plus a 10 % margin."""
    limiter = Limiter(limit=10, concurrency=30, clock=clock, sleep=clock.sleep)

    times = await send_times(limiter, clock, 30)

    assert sorted({round(t - times[0], 9) for t in times}) == [0.0, 1.1, 2.2]


async def test_a_rate_below_one_per_second_spaces_sends_evenly(clock):
    """At half a send per second there is no burst: one send every 2.2 s."""
    limiter = Limiter(limit=1, interval_s=2.0, concurrency=5, clock=clock, sleep=clock.sleep)

    times = await send_times(limiter, clock, 4)

    assert {round(b - a, 9) for a, b in itertools.pairwise(times)} == {2.2}


async def test_concurrency_cap_is_respected():
    """With a cap of 2, six slow requests never have more than two in flight, and do reach two."""
    clock = FakeClock()
    limiter = Limiter(limit=1000, concurrency=2, clock=clock, sleep=clock.sleep)
    in_flight, peak = 0, 0

    async def slow_request() -> None:
        nonlocal in_flight, peak
        async with limiter:
            in_flight += 1
            peak = max(peak, in_flight)
            for _ in range(5):
                await asyncio.sleep(0)
            in_flight -= 1

    await asyncio.gather(*(slow_request() for _ in range(6)))

    assert peak == 2


async def test_a_shared_cap_counts_both_budgets():
    """Crossref's single-work and list budgets share one cap of concurrent requests."""
    clock = FakeClock()
    cap = ConcurrencyCap(1)
    single = Limiter(limit=1000, concurrency=cap, clock=clock, sleep=clock.sleep)
    lists = Limiter(limit=1000, concurrency=cap, clock=clock, sleep=clock.sleep)
    entered = asyncio.Event()
    release = asyncio.Event()

    async def hold() -> None:
        async with single:
            entered.set()
            await release.wait()

    holder = asyncio.create_task(hold())
    await entered.wait()
    waiter = asyncio.create_task(lists.__aenter__())
    await asyncio.sleep(0)
    blocked = not waiter.done()
    release.set()
    await holder
    await waiter
    await lists.__aexit__(None, None, None)

    assert blocked


@pytest.mark.parametrize(
    ("headers", "rate", "concurrency"),
    [
        pytest.param({"limit": 5, "interval_s": 1.0, "concurrency": 1}, 5.0, 1, id="lower"),
        pytest.param({"limit": 50, "interval_s": 1.0}, 10.0, 3, id="never-above-ceiling"),
        pytest.param({"limit": 30, "interval_s": 60.0}, 0.5, 3, id="per-minute"),
        pytest.param({"concurrency": 9}, 10.0, 3, id="cap-never-above-ceiling"),
        pytest.param({"limit": 0, "concurrency": 0}, 10.0, 3, id="nonsense-ignored"),
        pytest.param({}, 10.0, 3, id="nothing-announced"),
    ],
)
def test_adapt_follows_headers_within_the_ceiling(headers, rate, concurrency):
    limiter = Limiter(limit=10, concurrency=3)

    limiter.adapt(**headers)

    assert (limiter.rate_per_s, limiter.concurrency) == (rate, concurrency)


def test_adapt_can_raise_again_up_to_the_ceiling():
    limiter = Limiter(limit=10, concurrency=3)
    limiter.adapt(limit=2, concurrency=1)

    limiter.adapt(limit=10, concurrency=3)

    assert (limiter.rate_per_s, limiter.concurrency) == (10.0, 3)


async def test_lowered_rate_spaces_the_next_sends_further(clock):
    limiter = Limiter(limit=10, concurrency=5, clock=clock, sleep=clock.sleep)
    limiter.adapt(limit=2, interval_s=1.0)

    times = await send_times(limiter, clock, 3)

    assert [round(t - times[0], 9) for t in times] == [0.0, 0.0, 1.1]


def test_a_429_halves_the_rate_for_a_while(clock):
    limiter = Limiter(limit=10, clock=clock, sleep=clock.sleep)

    limiter.penalize()
    halved = limiter.rate_per_s
    limiter.penalize()
    quartered = limiter.rate_per_s
    clock.now += PENALTY_S
    restored = limiter.rate_per_s

    assert (halved, quartered, restored) == (5.0, 2.5, 10.0)


def test_repeated_429s_slow_down_at_most_fourfold(clock):
    """However many 429s arrive, the brake stops at a quarter of the rate."""
    limiter = Limiter(limit=10, clock=clock, sleep=clock.sleep)

    for _ in range(10):
        limiter.penalize()

    assert limiter.rate_per_s == 2.5


async def test_a_cancelled_waiter_gives_its_turn_away():
    """A request cancelled while queued for a slot leaves the slot to the next one."""
    cap = ConcurrencyCap(1)
    await cap.acquire()
    cancelled = asyncio.create_task(cap.acquire())
    await asyncio.sleep(0)
    cancelled.cancel()
    next_in_line = asyncio.create_task(cap.acquire())
    await asyncio.sleep(0)

    cap.release()
    await asyncio.wait_for(next_in_line, timeout=1)

    assert (cancelled.cancelled(), cap.active) == (True, 1)


async def test_shrinking_the_cap_holds_new_requests_until_enough_finish():
    cap = ConcurrencyCap(3)
    for _ in range(3):
        await cap.acquire()
    cap.resize(1)
    waiter = asyncio.create_task(cap.acquire())

    cap.release()
    cap.release()
    await asyncio.sleep(0)
    held_at_one_in_flight = not waiter.done()
    cap.release()
    await asyncio.wait_for(waiter, timeout=1)

    assert held_at_one_in_flight
    assert (cap.limit, cap.active) == (1, 1)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("1s", 1.0, id="crossref"),
        pytest.param("60s", 60.0, id="minute-in-seconds"),
        pytest.param("500ms", 0.5, id="milliseconds"),
        pytest.param("1m", 60.0, id="minutes"),
        pytest.param("2", 2.0, id="bare-number"),
        pytest.param("0s", None, id="zero"),
        pytest.param("soon", None, id="garbage"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_parse_interval_s(header, seconds):
    assert parse_interval_s(header) == seconds


@pytest.mark.parametrize(
    ("header", "number"),
    [
        pytest.param("10", 10, id="number"),
        pytest.param(" 3 ", 3, id="padded"),
        pytest.param("0", None, id="zero"),
        pytest.param("-1", None, id="negative"),
        pytest.param("ten", None, id="garbage"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_parse_positive_int(header, number):
    assert parse_positive_int(header) == number
