"""The job queue on Redis: a taskiq stream broker that resumes a stopped worker's jobs and
waits out a Redis restart, plus :func:`patiently`, how a worker's own Redis calls wait.

Dispatch is a taskiq ``RedisStreamBroker`` (a Redis stream with a consumer group). A worker
acknowledges a message only after the job has run (``AcknowledgeType.WHEN_EXECUTED``), so a
worker killed mid-job (SIGKILL, a lost machine) leaves the message pending; once it has been
pending ``job_claim_idle_s`` seconds another worker claims it (``XAUTOCLAIM``). A live worker
refreshes its running jobs' messages every third of ``job_claim_idle_s``, so a long job is not
claimed away from it.

While Redis is away the listener waits and reads again (and recreates the consumer group should
Redis come back empty), the heartbeat skips a turn, and an acknowledgement waits for Redis.

    broker = build_broker(settings)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import Any, Final, TypeVar

from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError
from taskiq import AckableMessage
from taskiq_redis import RedisStreamBroker
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type, wait_exponential

from app.settings import Settings

logger = logging.getLogger(__name__)

QUEUE: Final = "refcheck:jobs"
GROUP: Final = "refcheck-workers"

# What Redis raises while it restarts, loads its data or cannot be reached: worth waiting out.
# (redis-py's BusyLoadingError, "LOADING", is a ConnectionError.) Other Redis errors are bugs.
REDIS_DOWN: Final = (RedisConnectionError, RedisTimeoutError, OSError)
REDIS_WAIT_MAX_S: Final = 5.0  # the longest pause between two tries of a job's Redis call
# How Redis answers a read of a queue whose data it lost (restarted empty, or flushed).
GROUP_LOST: Final = ("NOGROUP", "UNBLOCKED")
LISTEN_RETRY_S: Final = 1.0  # the listener's pause before reading again after a Redis error

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
