"""Durable jobs meet a Redis outage: one behaviour of the worker or the API each.

A worker waits Redis out (its listener, its heartbeat, a job's writes and its acknowledgement)
instead of failing a job or dying; an API process answers a clear 503 meanwhile."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import pytest
import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from taskiq.exceptions import SendTaskError

from app.job_broker import GROUP, QUEUE, ReclaimingStreamBroker, build_broker, patiently
from app.job_queue import RedisJobs, run_job
from app.jobs import Item, JobStatus, JobsUnavailable, Verify
from app.jobs_redis import RedisJobStore
from app.models import RawReference, Report, Result, Status
from app.resolve import ProgressCallback
from app.settings import Settings
from clients.redis_link import connect

from .server import RedisServer
from .test_redis_health import running_app, settings

HEARTBEAT_IDLE_S = 0.6  # the claim timeout of the heartbeat test: a refresh every 0.2 s


class FailingCall:
    """A Redis call that raises ``error`` its first ``times`` calls, then answers ``"stored"``."""

    def __init__(self, times: int, error: Exception) -> None:
        self.calls = 0
        self._times = times
        self._error = error

    async def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self._times:
            raise self._error
        return "stored"


async def test_patiently_waits_out_redis_being_unreachable() -> None:
    call = FailingCall(2, RedisConnectionError("Connection refused"))

    assert await patiently(call) == "stored"
    assert call.calls == 3


async def test_patiently_raises_any_other_redis_error_at_once() -> None:
    call = FailingCall(1, ResponseError("WRONGTYPE Operation against a key"))

    with pytest.raises(ResponseError):
        await patiently(call)
    assert call.calls == 1


class FlakyStore(RedisJobStore):
    """A real store whose first result write meets Redis down."""

    def __init__(self, client: aioredis.Redis) -> None:
        super().__init__(client)
        self.failed_writes = 0

    async def save_results(self, job_id: str, results: Sequence[Result]) -> None:
        if self.failed_writes == 0:
            self.failed_writes += 1
            raise RedisConnectionError("Connection reset by peer")
        await super().save_results(job_id, results)


def _result(index: int) -> Result:
    return Result(index=index, input=f"ref {index}", status=Status.NOT_FOUND)


def recording(verified: list[int]) -> Verify:
    """A verifier that notes each reference it is given and finds none of them."""

    async def verify(batch: Sequence[Item], on_progress: ProgressCallback) -> Report:
        verified.extend(item.index for item in batch)
        return Report.from_results([_result(item.index) for item in batch])

    return verify


async def test_a_batch_verified_while_redis_is_away_is_stored_once_it_is_back(
    redis_client: aioredis.Redis,
) -> None:
    store = FlakyStore(redis_client)
    job_id = await store.create([RawReference(i, f"Ref {i}.") for i in (1, 2, 3)])
    verified: list[int] = []

    await run_job(job_id, store, recording(verified), worker="test:1")
    job = await store.load(job_id)
    assert store.failed_writes == 1
    assert verified == [1, 2, 3]  # verified once: the result waited for Redis, not redone
    assert job is not None
    assert (job.status, [r.index for r in job.results]) == (JobStatus.DONE, [1, 2, 3])


class ForgetfulStore(RedisJobStore):
    """A real store that loses its first result write after taking it (a Redis crash)."""

    def __init__(self, client: aioredis.Redis) -> None:
        super().__init__(client)
        self.lost_writes = 0

    async def save_results(self, job_id: str, results: Sequence[Result]) -> None:
        if self.lost_writes == 0:
            self.lost_writes += 1
            return
        await super().save_results(job_id, results)


async def test_a_result_redis_lost_after_taking_it_is_verified_again(
    redis_client: aioredis.Redis,
) -> None:
    store = ForgetfulStore(redis_client)
    job_id = await store.create([RawReference(i, f"Ref {i}.") for i in (1, 2)])
    verified: list[int] = []

    await run_job(job_id, store, recording(verified), worker="test:1")
    job = await store.load(job_id)
    assert verified == [1, 2, 1, 2]
    assert job is not None
    assert (job.status, [r.index for r in job.results]) == (JobStatus.DONE, [1, 2])


async def test_a_failing_verification_still_fails_the_job(job_store: RedisJobStore) -> None:
    store = job_store
    job_id = await store.create([RawReference(1, "Ref 1.")])

    async def verify(batch: Sequence[Item], on_progress: ProgressCallback) -> Report:
        raise RuntimeError("parser exploded")

    await run_job(job_id, store, verify, worker="test:1")
    job = await store.load(job_id)
    assert job is not None
    assert job.status is JobStatus.FAILED
    assert job.error == "verification failed (RuntimeError); please try again"


@asynccontextmanager
async def listening(
    server: RedisServer, *, claim_idle_s: float = 300.0
) -> AsyncIterator[tuple[ReclaimingStreamBroker, aioredis.Redis]]:
    """A worker's broker, started, and a plain client to enqueue with and inspect the queue."""
    broker = build_broker(settings(redis_url=server.url, job_claim_idle_s=claim_idle_s))
    client = connect(server.url)  # retries once: its pooled connection is stale after a restart
    await broker.startup()
    try:
        yield broker, client
    finally:
        await broker.shutdown()
        await client.aclose()


async def _next(messages: AsyncIterator[Any], timeout_s: float = 15.0) -> Any:
    return await asyncio.wait_for(anext(messages), timeout_s)


@pytest.mark.timeout(60)
async def test_the_listener_waits_out_a_redis_restart(durable_redis: RedisServer) -> None:
    async with listening(durable_redis) as (broker, client):
        messages = broker.listen()
        waiting = asyncio.create_task(_next(messages))
        await asyncio.sleep(0.5)
        durable_redis.stop()
        await asyncio.sleep(2.0)
        durable_redis.start()
        await client.xadd(QUEUE, {b"data": b"job after the restart"})
        message = await waiting
        await messages.aclose()

    assert message.data == b"job after the restart"


@pytest.mark.timeout(60)
async def test_the_listener_recreates_a_consumer_group_redis_lost(own_redis: RedisServer) -> None:
    async with listening(own_redis) as (broker, client):
        messages = broker.listen()
        waiting = asyncio.create_task(_next(messages))
        await asyncio.sleep(0.5)
        await client.flushall()  # as a restart without persistence would leave it
        await client.xadd(QUEUE, {b"data": b"job after the data loss"})
        message = await waiting
        await messages.aclose()

    assert message.data == b"job after the data loss"


async def _pending(client: aioredis.Redis) -> list[dict[str, Any]]:
    pending: list[dict[str, Any]] = await client.xpending_range(QUEUE, GROUP, "-", "+", 10)
    return pending


@pytest.mark.timeout(60)
async def test_a_job_done_while_redis_was_away_is_acknowledged_once_it_is_back(
    durable_redis: RedisServer,
) -> None:
    async with listening(durable_redis) as (broker, client):
        await client.xadd(QUEUE, {b"data": b"job"})
        messages = broker.listen()
        message = await _next(messages)
        durable_redis.stop()
        acknowledging = asyncio.create_task(message.ack())
        await asyncio.sleep(1.0)
        durable_redis.start()
        await asyncio.wait_for(acknowledging, 15)
        pending = await _pending(client)
        await messages.aclose()

    assert pending == []


@pytest.mark.timeout(60)
async def test_the_heartbeat_outlives_a_redis_outage(durable_redis: RedisServer) -> None:
    async with listening(durable_redis, claim_idle_s=HEARTBEAT_IDLE_S) as (broker, client):
        await client.xadd(QUEUE, {b"data": b"long job"})
        messages = broker.listen()
        await _next(messages)
        durable_redis.stop()
        await asyncio.sleep(1.0)  # longer than the claim timeout: only a refresh saves it
        durable_redis.start()
        await asyncio.sleep(HEARTBEAT_IDLE_S)
        pending = await _pending(client)
        await messages.aclose()

    assert len(pending) == 1
    assert pending[0]["time_since_delivered"] < HEARTBEAT_IDLE_S * 1000


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        pytest.param("GET", "/v1/jobs/some-job-id", None, id="poll"),
        pytest.param("GET", "/v1/jobs/some-job-id/report.csv", None, id="csv"),
        pytest.param("POST", "/v1/jobs", {"references": ["Ref 1."]}, id="submit"),
    ],
)
@pytest.mark.timeout(60)
async def test_the_job_api_answers_503_while_redis_is_down(
    own_redis: RedisServer, method: str, path: str, body: dict[str, Any] | None
) -> None:
    async with running_app(settings(redis_url=own_redis.url)) as client:
        own_redis.stop()
        reply = await client.request(method, path, json=body)

    assert reply.status_code == 503
    assert reply.headers["retry-after"] == "5"
    assert reply.json() == {
        "detail": "the job store (Redis) cannot be reached right now; please try again in a minute"
    }


@pytest.mark.timeout(60)
async def test_an_api_process_starts_while_redis_is_down(own_redis: RedisServer) -> None:
    own_redis.stop()
    async with running_app(settings(redis_url=own_redis.url)) as client:
        health = (await client.get("/healthz")).json()
        poll = await client.get("/v1/jobs/some-job-id")

    assert (health["redis"], poll.status_code) == ("unavailable", 503)


async def test_a_poll_after_redis_is_back_finds_the_job(durable_redis: RedisServer) -> None:
    async with running_app(settings(redis_url=durable_redis.url)) as client:
        created = (await client.post("/v1/jobs", json={"references": ["Ref 1."]})).json()
        durable_redis.stop()
        durable_redis.start()
        poll = await client.get(f"/v1/jobs/{created['id']}")

    assert (poll.status_code, poll.json()["status"]) == (200, "queued")


async def test_a_job_that_could_not_be_enqueued_is_not_left_queued(
    redis_server: RedisServer, job_store: RedisJobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = job_store
    jobs = RedisJobs(store, build_broker(Settings(redis_url=redis_server.url)))
    created: list[str] = []
    create = store.create

    async def remembered_create(references: Sequence[Item]) -> str:
        created.append(await create(references))
        return created[-1]

    async def enqueue_fails(*args: object, **kwargs: object) -> None:
        raise SendTaskError from RedisConnectionError("connection lost while enqueueing")

    monkeypatch.setattr(store, "create", remembered_create)
    monkeypatch.setattr(jobs._kicker, "kiq", enqueue_fails)
    with pytest.raises(JobsUnavailable):
        await jobs.start([RawReference(1, "Ref 1.")], _never_called)
    left = await store.load(created[0])
    assert left is None


async def _never_called(batch: Sequence[Item], on_progress: ProgressCallback) -> Report:
    raise AssertionError("the API process never verifies a Redis job itself")
