"""Durable verification jobs on Redis: the API enqueues a job id, ``refcheck worker`` runs it.

Dispatch is a taskiq ``RedisStreamBroker`` (a Redis stream with a consumer group). A worker
acknowledges a message only after the job has run (``AcknowledgeType.WHEN_EXECUTED``), so a
worker killed mid-job (SIGKILL, a lost machine) leaves the message pending; once it has been
pending ``job_claim_idle_s`` seconds another worker claims it (``XAUTOCLAIM``) and resumes the
job: references whose results are already stored are skipped (see :mod:`app.jobs_redis`).

A live worker refreshes its running jobs' messages every third of ``job_claim_idle_s``, so a
long job is not claimed away from it; should a job still run twice (a worker paused longer
than the timeout), its results count once each: they are keyed by index.

Redis restarts fail no job and lose no result. While Redis is away a worker's listener waits and
reads again (and recreates the consumer group should Redis come back empty), its heartbeat
skips a turn, and a running job's reads, writes and final acknowledgement wait for Redis
(:func:`patiently`): the batch in hand is stored once Redis answers, and the job carries on
where it was. An API process answers :class:`~app.jobs.JobsUnavailable` (a 503) meanwhile.

    broker = build_broker(settings)          # API side: RedisJobs(store, broker).start(...)
    await serve_worker(settings)             # worker side: runs until cancelled
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, Final, TypeVar

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError
from taskiq import AckableMessage, AsyncBroker
from taskiq.acks import AcknowledgeType
from taskiq.api import run_receiver_task
from taskiq.exceptions import SendTaskError
from taskiq.kicker import AsyncKicker
from taskiq_redis import RedisStreamBroker
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, wait_exponential

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
QUEUE: Final = "refcheck:jobs"
GROUP: Final = "refcheck-workers"

# What Redis raises while it restarts, loads its data or cannot be reached: worth waiting out.
# (redis-py's BusyLoadingError, "LOADING", is a ConnectionError.) Other Redis errors are bugs.
REDIS_DOWN: Final = (RedisConnectionError, RedisTimeoutError, OSError)
REDIS_WAIT_MAX_S: Final = 5.0  # the longest pause between two tries of a job's Redis call
# How Redis answers a read of a queue whose data it lost (restarted empty, or flushed).
GROUP_LOST: Final = ("NOGROUP", "UNBLOCKED")
LISTEN_RETRY_S: Final = 1.0  # the listener's pause before reading again after a Redis error

MAX_PASSES: Final = 3  # a job's passes over its references without a stored result

T = TypeVar("T")


async def patiently(call: Callable[[], Awaitable[T]]) -> T:
    """``await call()``, tried again for as long as Redis cannot be reached.

    A job is reported only through Redis, so a worker's call has nowhere else to go: giving up
    would fail a job that is fine, or lose results already paid for upstream. Pauses grow from
    0.2 s to :data:`REDIS_WAIT_MAX_S`; any other error is raised at once. The calls are
    idempotent (results by index, status by value, an acknowledgement by id), so one that
    reached Redis before the connection dropped is safely made again.
    """
    retrying = AsyncRetrying(
        retry=retry_if_exception_type(REDIS_DOWN),
        wait=wait_exponential(multiplier=0.2, max=REDIS_WAIT_MAX_S),
        before_sleep=_log_redis_wait,
        reraise=True,
    )
    result: T = await retrying(call)
    return result


def _log_redis_wait(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    pause = state.next_action.sleep if state.next_action else 0.0
    logger.warning("redis unreachable (%r); trying again in %.1f s", error, pause)


class RedisDownLog:
    """Logs a Redis outage once when it begins and once when it ends, not on every try."""

    def __init__(self, what: str) -> None:
        self.down = False
        self._what = what

    def failed(self, exc: BaseException) -> None:
        if not self.down:
            logger.error("redis unreachable (%r): %s waits for it", exc, self._what)
        self.down = True

    def succeeded(self) -> None:
        if self.down:
            logger.warning("redis reachable again: %s goes on", self._what)
        self.down = False


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
        """New messages, then messages stopped workers left; a Redis outage is waited out
        (taskiq's receiver would otherwise start over at once, forever, while Redis is away)."""
        if self._heartbeat is None:
            self._heartbeat = asyncio.create_task(self._keep_claimed(), name="refcheck-heartbeat")
        outage = RedisDownLog("the job listener")
        async with Redis(connection_pool=self.connection_pool) as redis:
            while True:
                try:
                    fresh, left = await self._read(redis)
                except REDIS_DOWN as exc:
                    outage.failed(exc)
                    await asyncio.sleep(LISTEN_RETRY_S)
                    continue
                except ResponseError as exc:
                    if not str(exc).startswith(GROUP_LOST):
                        raise
                    await self._recreate_group(redis)
                    continue
                outage.succeeded()
                for message_id, fields in fresh:
                    yield self._ackable(message_id, fields)
                for message_id, fields in left:
                    logger.warning("resuming job message %r left by a stopped worker", message_id)
                    yield self._ackable(message_id, fields)

    async def _read(self, redis: Redis) -> tuple[list[Any], list[Any]]:
        """One turn: up to ``count`` new messages, and the messages idle past the timeout."""
        fetched: Any = await redis.xreadgroup(
            self.consumer_group_name,
            self.consumer_name,
            {self.queue_name: ">"},
            block=self.block,
            count=self.count,
        )
        fresh = [message for _stream, messages in fetched or [] for message in messages]
        autoclaimed: Any = await redis.xautoclaim(
            self.queue_name,
            self.consumer_group_name,
            self.consumer_name,
            min_idle_time=self.idle_timeout,
            count=self.unacknowledged_batch_size,
        )
        return fresh, list(autoclaimed[1])

    async def _recreate_group(self, redis: Redis) -> None:
        """Redis came back without the consumer group (it lost its data): make it again, from
        the stream's start, so jobs enqueued since are run. Another worker may win the race."""
        logger.warning("job queue %s has no consumer group; creating it", self.queue_name)
        with contextlib.suppress(ResponseError):  # BUSYGROUP: another worker made it first
            await redis.xgroup_create(
                self.queue_name, self.consumer_group_name, id="0", mkstream=True
            )

    async def _declare_consumer_group(self) -> None:
        """As taskiq-redis does at start-up, but Redis being down then is no error: the
        listener creates the group once Redis answers (see :meth:`_recreate_group`)."""
        try:
            await super()._declare_consumer_group()
        except REDIS_DOWN as exc:
            logger.warning("redis unreachable at start-up (%r); job queue declared later", exc)

    def _ackable(self, message_id: bytes, fields: dict[bytes, bytes]) -> AckableMessage:
        self._in_flight.add(message_id)
        acknowledge = self._ack_generator(id=message_id.decode(), queue_name=self.queue_name)

        async def ack() -> None:  # waits for Redis: a job done while it was away stays done
            await patiently(acknowledge)
            self._in_flight.discard(message_id)

        return AckableMessage(data=fields[b"data"], ack=ack)

    async def _keep_claimed(self) -> None:
        """Reset the idle time of this worker's running jobs, so only a stopped worker's are
        claimed by others: ``XCLAIM`` to ourselves every third of the claim timeout. A turn
        that meets Redis down is skipped (the listener logs the outage)."""
        async with Redis(connection_pool=self.connection_pool) as redis:
            while True:
                await asyncio.sleep(self.idle_timeout / 3000)
                if not self._in_flight:
                    continue
                with contextlib.suppress(*REDIS_DOWN):
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
        raises :class:`JobsUnavailable` while Redis cannot be reached."""
        with _unavailable_while_redis_is_down():
            job_id = await self.store.create(references)
            await self._kicker.kiq(job_id)
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
