"""Durable jobs: a ``refcheck worker`` killed with SIGKILL mid-job loses nothing and repeats
nothing. One ``refcheck serve`` and two ``refcheck worker`` processes share a real Redis; the
fake upstream enforces the published rate limits."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis

from app.job_queue import run_job
from app.jobs import Item, Job, JobStatus
from app.jobs_redis import PREFIX, RedisJobStore
from app.models import RawReference, Report, Result, Status
from app.resolve import ProgressCallback
from tests.e2e.conftest import CHAPTER_RECORDS
from tests.fake_upstream.server import running_fake_upstream

from .server import RedisServer
from .several_processes import chapter_chunks, poll_job, running_services, running_workers

CLAIM_IDLE_S = 3  # a killed worker's job is resumed after this long (300 s by default)
CROSSREF_LATENCY_S = 1.0  # slow enough that the job is still running when a worker is killed


def _running_worker_pid(redis_url: str, job_id: str) -> int:
    client = redis.Redis.from_url(redis_url)
    try:
        worker = client.hget(f"{PREFIX}{job_id}:meta", "worker")
    finally:
        client.close()
    assert isinstance(worker, bytes)
    return int(worker.decode().rpartition(":")[2])


async def test_a_result_stored_twice_is_reported_once(job_store: RedisJobStore) -> None:
    store = job_store
    job_id = await store.create([RawReference(1, "One."), RawReference(2, "Two.")])
    await store.save_results(job_id, [_result(1)])
    await store.save_results(job_id, [_result(1), _result(2)])
    job = await store.load(job_id)
    assert job is not None
    assert [(r.index, r.input) for r in job.results] == [(1, "ref 1"), (2, "ref 2")]
    assert (job.done, job.total) == (2, 2)


async def test_a_resumed_job_verifies_only_references_without_a_result(
    job_store: RedisJobStore,
) -> None:
    store = job_store
    job_id = await store.create([RawReference(i, f"Ref {i}.") for i in (1, 2, 3)])
    await store.save_results(job_id, [_result(2)])
    verified: list[int] = []

    async def verify(batch: Sequence[Item], on_progress: ProgressCallback) -> Report:
        verified.extend(item.index for item in batch)
        return Report.from_results([_result(item.index) for item in batch])

    await run_job(job_id, store, verify, worker="test:1")
    job = await store.load(job_id)
    assert verified == [1, 3]
    assert job is not None
    assert job.status is JobStatus.DONE
    assert [r.index for r in job.results] == [1, 2, 3]


async def test_a_batch_in_progress_shows_in_done_before_its_results_are_stored(
    job_store: RedisJobStore,
) -> None:
    store = job_store
    job_id = await store.create([RawReference(i, f"Ref {i}.") for i in (1, 2, 3)])
    release = asyncio.Event()

    async def verify(batch: Sequence[Item], on_progress: ProgressCallback) -> Report:
        on_progress(2, 3)
        await release.wait()
        return Report.from_results([_result(item.index) for item in batch])

    running = asyncio.create_task(run_job(job_id, store, verify, worker="test:1"))
    during = await _when(store, job_id, lambda job: job.done == 2)
    release.set()
    await running
    after = await store.load(job_id)
    assert (during.done, len(during.results)) == (2, 0)
    assert after is not None
    assert (after.status, after.done, len(after.results)) == (JobStatus.DONE, 3, 3)


async def test_a_resumed_job_forgets_the_progress_of_the_stopped_worker(
    job_store: RedisJobStore,
) -> None:
    store = job_store
    job_id = await store.create([RawReference(i, f"Ref {i}.") for i in (1, 2, 3)])
    await store.save_results(job_id, [_result(1)])
    await store.note_progress(job_id, 3)  # the stopped worker had settled all three
    await store.start(job_id, "test:2")
    job = await store.load(job_id)
    assert job is not None
    assert job.done == 1


async def _when(store: RedisJobStore, job_id: str, ready: Any) -> Job:
    for _ in range(200):
        job = await store.load(job_id)
        if job is not None and ready(job):
            return job
        await asyncio.sleep(0.01)
    raise AssertionError("the job never got there")


def _result(index: int) -> Result:
    return Result(index=index, input=f"ref {index}", status=Status.NOT_FOUND)


@pytest.mark.timeout(300)
def test_job_survives_a_worker_killed_mid_job(own_redis: RedisServer, tmp_path: Path) -> None:
    references = chapter_chunks(1)[0]
    with (
        running_fake_upstream(
            [CHAPTER_RECORDS], crossref={"latency_s": CROSSREF_LATENCY_S}
        ) as fake,
        running_services(1, fake, redis_url=own_redis.url, cache_dir=tmp_path) as [base],
        running_workers(
            2, fake, redis_url=own_redis.url, REFCHECK_JOB_CLAIM_IDLE_S=str(CLAIM_IDLE_S)
        ) as workers,
    ):
        reply = httpx.post(f"{base}/v1/jobs", json={"references": references})
        assert reply.status_code == 202
        job_id = reply.json()["id"]

        at_kill = poll_job(base, job_id, lambda job: job["done"] >= 25, timeout_s=120)
        victim = _running_worker_pid(own_redis.url, job_id)
        os.kill(victim, signal.SIGKILL)
        workers[victim].wait(timeout=10)

        job = poll_job(base, job_id, lambda job: job["status"] == "done", timeout_s=180)
        survivor = _running_worker_pid(own_redis.url, job_id)
        healthy = httpx.post(f"{base}/v1/verify", json={"references": references}, timeout=300)
        sent_429 = fake.stats()["sent_429"]

    indexes = [result["index"] for result in job["results"]]
    assert at_kill["status"] == "running"
    assert at_kill["done"] < 68
    assert (job["done"], job["total"], len(job["results"])) == (68, 68, 68)
    assert indexes == list(range(1, 69))  # each reference once, in input order
    assert survivor != victim
    assert survivor in workers
    expected = {r["index"]: r["status"] for r in healthy.json()["results"]}
    assert {r["index"]: r["status"] for r in job["results"]} == expected
    assert sent_429 == 0
