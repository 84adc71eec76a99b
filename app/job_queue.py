"""Durable verification jobs on Redis: the API enqueues a job id, ``refcheck worker`` runs it.

The queue is :mod:`app.job_broker`'s; a redelivered job (its worker was killed, or Redis lost a
write) resumes: references whose results are already stored are skipped (see
:mod:`app.jobs_redis`), and should a job still run twice (a worker paused longer than the claim
timeout), its results count once each: they are keyed by index.

Redis restarts fail no job and lose no result: a running job's reads and writes wait for Redis
(:func:`~app.job_broker.patiently`), the batch in hand is stored once Redis answers, and the
job carries on where it was. An API process answers :class:`~app.jobs.JobsUnavailable` (a 503)
meanwhile.

    jobs = RedisJobs(store, build_broker(settings))   # API side: jobs.start(...), jobs.find(...)
    await serve_worker(settings)                       # worker side: runs until cancelled
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, Final

from taskiq import AsyncBroker
from taskiq.acks import AcknowledgeType
from taskiq.api import run_receiver_task
from taskiq.exceptions import SendTaskError
from taskiq.kicker import AsyncKicker

from app.job_broker import REDIS_DOWN, build_broker, patiently
from app.jobs import (
    BATCH_SIZE,
    Item,
    Job,
    JobsUnavailable,
    Verify,
    batches,
    scaled_progress,
    verifier,
)
from app.jobs_redis import RedisJobStore
from app.settings import Settings
from app.wiring import open_resolver
from clients.redis_link import connect

logger = logging.getLogger(__name__)

TASK_NAME: Final = "refcheck.run_job"
MAX_PASSES: Final = 3  # a job's passes over its references without a stored result


async def run_job(job_id: str, store: RedisJobStore, verify: Verify, worker: str) -> None:
    """Verify the job's references that have no stored result yet, batch by batch.

    Running it again (a redelivered message) resumes where the stored results end; a job
    already finished, or expired, is left alone. Every Redis call waits out a Redis outage
    (:func:`patiently`), so only a failing verification ends the job as failed. Before the job
    is marked done its stored results are read again, and a result Redis lost after taking it
    (a crash before its append-only file reached the disk) is verified again, at most
    :data:`MAX_PASSES` passes in all.
    """
    references = await patiently(partial(store.references, job_id))
    status = await patiently(partial(store.status, job_id))
    if references is None or status is None or Job(job_id, (), status).finished:
        return
    await patiently(partial(store.start, job_id, worker))
    try:
        for _ in range(MAX_PASSES):
            stored = await patiently(partial(store.stored_indexes, job_id))
            pending = [item for item in references if item.index not in stored]
            if not pending:
                break
            settled = len(references) - len(pending)
            for batch in batches(pending, BATCH_SIZE):
                notes = ProgressNotes(store, job_id, settled, len(batch))
                report = await verify(batch, notes)
                await patiently(partial(store.save_results, job_id, report.results))
                await notes.aclose()
                settled += len(batch)
    except Exception as exc:  # a job must end, and say why, whatever went wrong
        logger.exception("job %s failed", job_id)
        error = f"verification failed ({type(exc).__name__}); please try again"
        await patiently(partial(store.finish, job_id, error))
        return
    await patiently(partial(store.finish, job_id))


class ProgressNotes:
    """A batch's progress callback for a Redis job: each report is noted in Redis (in the
    background, as the resolver calls back synchronously), so polls see ``done`` move within a
    batch. A note is cosmetic: one lost while Redis is away is not waited for."""

    def __init__(self, store: RedisJobStore, job_id: str, before: int, batch_len: int) -> None:
        self._store = store
        self._job_id = job_id
        self._before = before
        self._batch_len = batch_len
        self._writes: set[asyncio.Task[None]] = set()

    def __call__(self, done: int, total: int) -> None:
        settled = scaled_progress(self._before, self._batch_len, done, total)
        write = asyncio.create_task(self._note(settled))
        self._writes.add(write)
        write.add_done_callback(self._writes.discard)

    async def _note(self, settled: int) -> None:
        with contextlib.suppress(*REDIS_DOWN):
            await self._store.note_progress(self._job_id, settled)

    async def aclose(self) -> None:
        """Wait for the notes still being written (none outlives its batch)."""
        await asyncio.gather(*self._writes)


class RedisJobs:
    """The job backend of an API process when Redis is configured: enqueue, then read Redis."""

    def __init__(self, store: RedisJobStore, broker: AsyncBroker) -> None:
        self.store = store
        self.keep_s = store.keep_s
        self._kicker: AsyncKicker[Any, Any] = AsyncKicker(TASK_NAME, broker, labels={})

    async def start(self, references: Sequence[Item], verify: Verify) -> str:
        """Store the job and enqueue it for a worker (``verify`` is the worker's, not ours);
        raises :class:`JobsUnavailable` while Redis cannot be reached. A job stored but not
        enqueued is deleted again (if Redis lets us), so it cannot sit ``queued`` for good."""
        with _unavailable_while_redis_is_down():
            job_id = await self.store.create(references)
            try:
                await self._kicker.kiq(job_id)
            except BaseException:
                with contextlib.suppress(*REDIS_DOWN):
                    await self.store.delete(job_id)
                raise
        return job_id

    async def find(self, job_id: str) -> Job | None:
        """The job, or None; raises :class:`JobsUnavailable` while Redis cannot be reached."""
        with _unavailable_while_redis_is_down():
            return await self.store.load(job_id)


@contextlib.contextmanager
def _unavailable_while_redis_is_down() -> Iterator[None]:
    """A Redis outage as the job API's typed error (a 503), not an internal error (a 500)."""
    try:
        yield
    except (*REDIS_DOWN, SendTaskError) as exc:
        # taskiq wraps any failure to enqueue in SendTaskError; only Redis being down is ours
        if isinstance(exc, SendTaskError) and not isinstance(exc.__cause__, REDIS_DOWN):
            raise
        raise JobsUnavailable(
            "the job store (Redis) cannot be reached right now; please try again in a minute"
        ) from exc


@asynccontextmanager
async def open_redis_jobs(settings: Settings) -> AsyncIterator[RedisJobs]:
    """The API process's job backend for ``settings.redis_url``, open for the app's lifetime."""
    broker = build_broker(settings)
    redis = connect(settings.redis_url or "")  # fails fast: a poll gets its 503 within seconds
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
    redis = connect(settings.redis_url or "")  # fails fast; run_job waits out an outage itself
    store = RedisJobStore(redis)
    # No time budget per batch here: a worker's batch may queue behind other jobs for the
    # deployment's shared upstream budget, which is waiting, not an upstream failing, and
    # nobody waits on a job synchronously (client timeouts and the breaker still bound a call).
    unbounded = settings.model_copy(update={"resolve_deadline_s": None})
    async with open_resolver(unbounded) as resolver:
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
