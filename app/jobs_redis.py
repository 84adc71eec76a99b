"""Verification jobs kept in Redis: any API process answers a poll, any worker runs the job.

A job is three keys under ``refcheck:job:{id}``:

- ``…:meta``: a hash with ``status``, ``error``, ``worker`` (the process running it) and
  ``progress`` (references settled so far by that worker, results stored or not);
- ``…:refs``: the references, as JSON, in input order;
- ``…:results``: a hash from a reference's ``index`` to its result as JSON.

Results are written with ``HSET`` by index, so writing a reference's result twice (a worker
killed after writing, its job redelivered to another) leaves one result: a reference is never
reported twice. A resumed job verifies only the references without a stored result.

Lifetime: a job's keys expire :data:`UNFINISHED_KEEP_S` after submission (a job nobody runs
is not kept forever), and ``keep_s`` (default one hour) after it finishes.

    store = RedisJobStore(redis)
    job_id = await store.create(references)        # status queued
    await store.save_results(job_id, report.results)
    (await store.load(job_id)).done                  # results stored so far
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import Final

from pydantic import TypeAdapter
from redis.asyncio import Redis
from redis.typing import EncodableT, FieldT

from app.jobs import DEFAULT_KEEP_S, Item, Job, JobStatus
from app.models import Result

UNFINISHED_KEEP_S: Final = 7 * 24 * 3600
PREFIX: Final = "refcheck:job:"

_ITEMS: Final = TypeAdapter(tuple[Item, ...])
_RESULT: Final = TypeAdapter(Result)


class RedisJobStore:
    """Job records in Redis: create, mark status, add results idempotently, load."""

    def __init__(
        self, redis: Redis, *, keep_s: float = DEFAULT_KEEP_S, prefix: str = PREFIX
    ) -> None:
        self.redis = redis
        self.keep_s = keep_s
        self._prefix = prefix

    def _keys(self, job_id: str) -> tuple[str, str, str]:
        base = f"{self._prefix}{job_id}"
        return f"{base}:meta", f"{base}:refs", f"{base}:results"

    async def create(self, references: Sequence[Item]) -> str:
        """Store a new queued job and return its (random, unguessable) id."""
        job_id = secrets.token_urlsafe(16)
        meta, refs, _ = self._keys(job_id)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(meta, mapping={"status": JobStatus.QUEUED.value})
            pipe.set(refs, _ITEMS.dump_json(tuple(references)))
            pipe.expire(meta, UNFINISHED_KEEP_S)
            pipe.expire(refs, UNFINISHED_KEEP_S)
            await pipe.execute()
        return job_id

    async def references(self, job_id: str) -> tuple[Item, ...] | None:
        """The job's references in input order, or None for an unknown or expired job."""
        _, refs, _ = self._keys(job_id)
        raw = await self.redis.get(refs)
        return None if raw is None else _ITEMS.validate_json(raw)

    async def status(self, job_id: str) -> JobStatus | None:
        meta, _, _ = self._keys(job_id)
        raw = await self.redis.hget(meta, "status")
        return None if raw is None else JobStatus(_text(raw))

    async def start(self, job_id: str, worker: str) -> None:
        """Mark the job running on ``worker`` (e.g. ``host:pid``), also when resumed; the
        progress a stopped worker noted is forgotten (its unstored work is done again)."""
        meta, _, _ = self._keys(job_id)
        mapping: dict[FieldT, EncodableT] = {"status": JobStatus.RUNNING.value, "worker": worker}
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(meta, mapping=mapping)
            pipe.hdel(meta, "progress")
            await pipe.execute()

    async def note_progress(self, job_id: str, done: int) -> None:
        """Note how many references are settled, within a batch whose results are not stored
        yet; a poll shows the larger of this and the results stored."""
        meta, _, _ = self._keys(job_id)
        await self.redis.hset(meta, "progress", done)

    async def stored_indexes(self, job_id: str) -> set[int]:
        """The indexes of the references that already have a result."""
        _, _, results = self._keys(job_id)
        return {int(_text(key)) for key in await self.redis.hkeys(results)}

    async def save_results(self, job_id: str, results: Sequence[Result]) -> None:
        """Store each result under its reference's index; a result stored again replaces it."""
        if not results:
            return
        _, _, key = self._keys(job_id)
        mapping: dict[FieldT, EncodableT] = {
            str(result.index): _RESULT.dump_json(result) for result in results
        }
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, mapping=mapping)
            pipe.expire(key, UNFINISHED_KEEP_S)
            await pipe.execute()

    async def finish(self, job_id: str, error: str | None = None) -> None:
        """Mark the job done (or failed, with ``error``); it is kept ``keep_s`` from now."""
        status = JobStatus.DONE if error is None else JobStatus.FAILED
        keep = max(1, round(self.keep_s))
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(self._keys(job_id)[0], mapping={"status": status.value, "error": error or ""})
            for key in self._keys(job_id):
                pipe.expire(key, keep)
            await pipe.execute()

    async def delete(self, job_id: str) -> None:
        """Forget the job (one that could not be enqueued): its polls answer 404."""
        await self.redis.delete(*self._keys(job_id))

    async def load(self, job_id: str) -> Job | None:
        """The job as the API shows it (results in input order), or None if unknown or expired."""
        meta_key, refs_key, results_key = self._keys(job_id)
        async with self.redis.pipeline(transaction=False) as pipe:
            pipe.hgetall(meta_key)
            pipe.get(refs_key)
            pipe.hvals(results_key)
            meta, refs, stored = await pipe.execute()
        if not meta or refs is None:
            return None
        fields = {_text(k): _text(v) for k, v in meta.items()}
        results = sorted((_RESULT.validate_json(raw) for raw in stored), key=lambda r: r.index)
        references = _ITEMS.validate_json(refs)
        progress = min(int(fields.get("progress") or 0), len(references))
        return Job(
            id=job_id,
            references=references,
            status=JobStatus(fields["status"]),
            done=max(len(results), progress),
            results=results,
            error=fields.get("error") or None,
        )


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
