"""Durable verification jobs on Redis: the API enqueues a job id, ``refcheck worker`` runs it.

Dispatch is a taskiq ``RedisStreamBroker`` (a Redis stream with a consumer group). A worker
acknowledges a message only after the job has run (``AcknowledgeType.WHEN_EXECUTED``), so a
worker killed mid-job (SIGKILL, a lost machine) leaves the message pending; once it has been
pending ``job_claim_idle_s`` seconds another worker claims it (``XAUTOCLAIM``) and resumes the
job: references whose results are already stored are skipped (see :mod:`app.jobs_redis`).

A live worker refreshes its running jobs' messages every third of ``job_claim_idle_s``, so a
long job is not claimed away from it; should a job still run twice (a worker paused longer
than the timeout), its results count once each: they are keyed by index.

    broker = build_broker(settings)          # API side: RedisJobs(store, broker).start(...)
    await serve_worker(settings)             # worker side: runs until cancelled
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Final

from redis.asyncio import Redis
from taskiq import AckableMessage, AsyncBroker
from taskiq.acks import AcknowledgeType
from taskiq.api import run_receiver_task
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisStreamBroker

from app.jobs import BATCH_SIZE, Item, Job, Verify, batches, verifier
from app.jobs_redis import RedisJobStore
from app.settings import Settings
from app.wiring import open_resolver

logger = logging.getLogger(__name__)

TASK_NAME: Final = "refcheck.run_job"
QUEUE: Final = "refcheck:jobs"
GROUP: Final = "refcheck-workers"


class ReclaimingStreamBroker(RedisStreamBroker):
    """A stream broker that claims a stopped worker's messages, and only a stopped worker's.

    taskiq-redis 1.2.4 runs ``XAUTOCLAIM`` only after a read that returned new messages, so an
    idle queue never redelivers a killed worker's job; this listener claims on every turn. And
    a live worker keeps its running jobs' messages fresh (a heartbeat), so a long job is not
    claimed by a second worker while the first is still on it.
    """

    def __init__(self, url: str, **kwargs: Any) -> None:
        super().__init__(url, **kwargs)
        self._in_flight: set[bytes] = set()
        self._heartbeat: asyncio.Task[None] | None = None

    async def listen(self) -> AsyncGenerator[AckableMessage, None]:
        if self._heartbeat is None:
            self._heartbeat = asyncio.create_task(self._keep_claimed(), name="refcheck-heartbeat")
        async with Redis(connection_pool=self.connection_pool) as redis:
            while True:
                fetched: Any = await redis.xreadgroup(
                    self.consumer_group_name,
                    self.consumer_name,
                    {self.queue_name: ">"},
                    block=self.block,
                    count=self.count,
                )
                for _stream, messages in fetched or []:
                    for message_id, fields in messages:
                        yield self._ackable(message_id, fields)
                autoclaimed: Any = await redis.xautoclaim(
                    self.queue_name,
                    self.consumer_group_name,
                    self.consumer_name,
                    min_idle_time=self.idle_timeout,
                    count=self.unacknowledged_batch_size,
                )
                for message_id, fields in autoclaimed[1]:
                    logger.warning("resuming job message %r left by a stopped worker", message_id)
                    yield self._ackable(message_id, fields)

    def _ackable(self, message_id: bytes, fields: dict[bytes, bytes]) -> AckableMessage:
        self._in_flight.add(message_id)
        acknowledge = self._ack_generator(id=message_id.decode(), queue_name=self.queue_name)

        async def ack() -> None:
            await acknowledge()
            self._in_flight.discard(message_id)

        return AckableMessage(data=fields[b"data"], ack=ack)

    async def _keep_claimed(self) -> None:
        """Reset the idle time of this worker's running jobs, so only a stopped worker's are
        claimed by others: ``XCLAIM`` to ourselves every third of the claim timeout."""
        async with Redis(connection_pool=self.connection_pool) as redis:
            while True:
                await asyncio.sleep(self.idle_timeout / 3000)
                if self._in_flight:
                    await redis.xclaim(
                        self.queue_name,
                        self.consumer_group_name,
                        self.consumer_name,
                        min_idle_time=0,
                        message_ids=list(self._in_flight),
                        justid=True,
                    )

    async def shutdown(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._heartbeat
        await super().shutdown()


def build_broker(settings: Settings) -> ReclaimingStreamBroker:
    """The broker for ``settings.redis_url``; one message read at a time per worker."""
    if not settings.redis_url:
        raise ValueError("durable jobs need REFCHECK_REDIS_URL")
    return ReclaimingStreamBroker(
        settings.redis_url,
        queue_name=QUEUE,
        consumer_group_name=GROUP,
        idle_timeout=round(settings.job_claim_idle_s * 1000),
        xread_block=round(min(settings.job_claim_idle_s, 2.0) * 1000),
        xread_count=1,
    )


async def run_job(job_id: str, store: RedisJobStore, verify: Verify, worker: str) -> None:
    """Verify the job's references that have no stored result yet, batch by batch.

    Running it again (a redelivered message) resumes where the stored results end; a job
    already finished, or expired, is left alone.
    """
    references = await store.references(job_id)
    status = await store.status(job_id)
    if references is None or status is None or Job(job_id, (), status).finished:
        return
    await store.start(job_id, worker)
    try:
        stored = await store.stored_indexes(job_id)
        pending = [item for item in references if item.index not in stored]
        for batch in batches(pending, BATCH_SIZE):
            report = await verify(batch, _ignore_progress)
            await store.save_results(job_id, report.results)
    except Exception as exc:  # a job must end, and say why, whatever went wrong
        logger.exception("job %s failed", job_id)
        await store.finish(job_id, f"verification failed ({type(exc).__name__}); please try again")
        return
    await store.finish(job_id)


def _ignore_progress(done: int, total: int) -> None:
    """Progress of a Redis job is the count of stored results, so batch progress is unused."""


class RedisJobs:
    """The job backend of an API process when Redis is configured: enqueue, then read Redis."""

    def __init__(self, store: RedisJobStore, broker: AsyncBroker) -> None:
        self.store = store
        self.keep_s = store.keep_s
        self._kicker: AsyncKicker[Any, Any] = AsyncKicker(TASK_NAME, broker, labels={})

    async def start(self, references: Sequence[Item], verify: Verify) -> str:
        """Store the job and enqueue it for a worker (``verify`` is the worker's, not ours)."""
        job_id = await self.store.create(references)
        await self._kicker.kiq(job_id)
        return job_id

    async def find(self, job_id: str) -> Job | None:
        return await self.store.load(job_id)


@asynccontextmanager
async def open_redis_jobs(settings: Settings) -> AsyncIterator[RedisJobs]:
    """The API process's job backend for ``settings.redis_url``, open for the app's lifetime."""
    broker = build_broker(settings)
    redis = Redis.from_url(settings.redis_url or "")
    await broker.startup()
    try:
        yield RedisJobs(RedisJobStore(redis), broker)
    finally:
        await broker.shutdown()
        await redis.aclose()


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def serve_worker(settings: Settings) -> None:
    """Run jobs from the queue until cancelled, up to ``worker_max_jobs`` at once."""
    broker = build_broker(settings)
    redis = Redis.from_url(settings.redis_url or "")
    store = RedisJobStore(redis)
    async with open_resolver(settings) as resolver:
        verify = verifier(resolver, max_reference_chars=settings.max_reference_chars)

        async def run(job_id: str) -> None:
            await run_job(job_id, store, verify, worker_name())

        broker.register_task(run, task_name=TASK_NAME)
        await broker.startup()
        try:
            await run_receiver_task(
                broker,
                max_async_tasks=settings.worker_max_jobs,
                ack_time=AcknowledgeType.WHEN_EXECUTED,
            )
        finally:
            await broker.shutdown()
            await redis.aclose()
