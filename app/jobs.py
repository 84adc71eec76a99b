"""In-process verification jobs: start one in the background, watch done/total, read results.

A job verifies its references in batches of :data:`BATCH_SIZE`, one batch after another, so a
caller polling the job sees rows appear batch by batch; within a batch, ``done`` moves when the
resolver reports progress (it settles references in stages, so counts jump, e.g. 0 -> 19 -> 46).
A batch is one request plan (DOI batches, ECitMatch, ESearch, EFetch), so each batch pays those
fixed requests once: batches of 100 cost 500 references about 30 upstream requests where
batches of 25 cost 94 (``benchmarks/workers``), while a worker killed mid-job still redoes at
most one batch, and that mostly from the shared cache.

Lifetime: a finished job (done or failed) is kept for ``keep_s`` seconds (default
:data:`DEFAULT_KEEP_S`, one hour) after it finishes, then forgotten. At most ``max_kept`` jobs are
kept; when full, the oldest finished job makes room, and a new job is refused with
:class:`TooManyJobs` only when every kept job is still queued or running.

At most ``max_running`` jobs verify at once (the others stay ``queued``), since they share one
resolver and the upstreams' rate limits. Jobs live in this process's memory: run the server with
one worker (``refcheck serve --workers 1``) or a poll may reach a worker that never saw the job.
Job ids are random and unguessable; they are the only key to a job's results.

    registry = JobRegistry()
    job = registry.submit(references, verify)     # verify(batch, on_progress) -> Report
    registry.get(job.id).status                    # JobStatus.QUEUED ... JobStatus.DONE
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from app.models import Citation, RawReference, Report, Result
from app.pipeline import verify_references
from app.resolve import ProgressCallback, Resolver

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
DEFAULT_KEEP_S = 3600.0
DEFAULT_MAX_KEPT = 100
DEFAULT_MAX_RUNNING = 2

Item = RawReference | Citation
"""A reference to verify: a string to parse, or a citation read from a structured file."""

Verify = Callable[[Sequence[Item], ProgressCallback], Awaitable[Report]]


def verifier(resolver: Resolver, *, max_reference_chars: int) -> Verify:
    """How a job verifies one batch: the pipeline over ``resolver``, reporting progress."""

    async def verify(batch: Sequence[Item], on_progress: ProgressCallback) -> Report:
        return await verify_references(
            batch, resolver, on_progress=on_progress, max_reference_chars=max_reference_chars
        )

    return verify


"""Verifies one batch of references, reporting (done, total) for that batch as it goes."""


class JobStatus(StrEnum):
    QUEUED = "queued"  # waiting for a free slot (see ``max_running``)
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # an unexpected error ended the job; ``error`` says why


class TooManyJobs(Exception):
    """Every kept job is still queued or running; the caller should try again later."""


class JobsUnavailable(Exception):
    """The job store cannot be reached right now (Redis restarting, say); try again shortly."""


@dataclass(slots=True)
class Job:
    """One verification in progress or finished; ``results`` grows batch by batch, in order."""

    id: str
    references: tuple[Item, ...]
    status: JobStatus = JobStatus.QUEUED
    done: int = 0
    results: list[Result] = field(default_factory=list)
    error: str | None = None
    finished_at: float | None = None

    @property
    def total(self) -> int:
        return len(self.references)

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    def report(self) -> Report:
        """The results so far, with counts per status (of those results only)."""
        return Report.from_results(self.results)


def batches(references: Sequence[Item], size: int) -> list[Sequence[Item]]:
    """Consecutive slices of at most ``size`` references: 60 references, size 25 -> 25, 25, 10."""
    return [references[start : start + size] for start in range(0, len(references), size)]


def scaled_progress(before: int, batch_len: int, done: int, total: int) -> int:
    """The job's ``done`` while a batch reports ``done`` of ``total``.

    The resolver counts distinct citations (a reference cited twice is resolved once), so its
    count is scaled to the batch's length: before=25, batch of 10, resolver at 3/6 -> 30.
    """
    if total <= 0:
        return before
    return before + min(batch_len, done * batch_len // total)


def _progress_of(job: Job, before: int, batch_len: int) -> ProgressCallback:
    def on_progress(done: int, total: int) -> None:
        job.done = scaled_progress(before, batch_len, done, total)

    return on_progress


class JobBackend(Protocol):
    """Where the job API starts and finds jobs: this process's :class:`JobRegistry`, or Redis
    and workers (:class:`app.job_queue.RedisJobs`) when ``REFCHECK_REDIS_URL`` is set.

    ``start`` and ``find`` raise :class:`JobsUnavailable` while the job store is unreachable.
    """

    keep_s: float

    async def start(self, references: Sequence[Item], verify: Verify) -> str: ...

    async def find(self, job_id: str) -> Job | None: ...


class JobRegistry:
    """Starts jobs as asyncio tasks on the running loop and keeps them for ``keep_s`` seconds."""

    def __init__(
        self,
        *,
        keep_s: float = DEFAULT_KEEP_S,
        max_kept: int = DEFAULT_MAX_KEPT,
        max_running: int = DEFAULT_MAX_RUNNING,
        batch_size: int = BATCH_SIZE,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.keep_s = keep_s
        self._max_kept = max_kept
        self._batch_size = batch_size
        self._clock = clock
        self._slots = asyncio.Semaphore(max_running)
        self._jobs: dict[str, Job] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, references: Sequence[Item], verify: Verify) -> Job:
        """Register a job and start it in the background; raises :class:`TooManyJobs`."""
        self._make_room()
        job = Job(id=secrets.token_urlsafe(16), references=tuple(references))
        self._jobs[job.id] = job
        task = asyncio.create_task(self._run(job, verify), name=f"refcheck-job-{job.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    async def start(self, references: Sequence[Item], verify: Verify) -> str:
        """:meth:`submit`, as the :class:`JobBackend` interface; returns the job's id."""
        return self.submit(references, verify).id

    async def find(self, job_id: str) -> Job | None:
        """:meth:`get`, as the :class:`JobBackend` interface."""
        return self.get(job_id)

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None if it never existed or has expired."""
        self._forget_expired()
        return self._jobs.get(job_id)

    def add_finished(self, job: Job) -> None:
        """Keep an already finished job (e.g. restored or built by a test) like any other."""
        job.finished_at = self._clock() if job.finished_at is None else job.finished_at
        self._jobs[job.id] = job

    async def aclose(self) -> None:
        """Cancel the jobs still running (server shutdown); they end as failed."""
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self, job: Job, verify: Verify) -> None:
        try:
            async with self._slots:
                job.status = JobStatus.RUNNING
                for batch in batches(job.references, self._batch_size):
                    before = job.done
                    report = await verify(batch, _progress_of(job, before, len(batch)))
                    job.results.extend(report.results)
                    job.done = before + len(batch)
                job.status = JobStatus.DONE
        except asyncio.CancelledError:
            self._fail(job, "the server stopped before this job finished")
            raise
        except Exception as exc:  # a job must end, and say why, whatever went wrong
            logger.exception("job %s failed", job.id)
            self._fail(job, f"verification failed ({type(exc).__name__}); please try again")
        finally:
            job.finished_at = self._clock()

    @staticmethod
    def _fail(job: Job, reason: str) -> None:
        job.status = JobStatus.FAILED
        job.error = reason

    def _forget_expired(self) -> None:
        now = self._clock()
        expired = [
            job_id
            for job_id, job in self._jobs.items()
            if job.finished_at is not None and now - job.finished_at > self.keep_s
        ]
        for job_id in expired:
            del self._jobs[job_id]

    def _make_room(self) -> None:
        self._forget_expired()
        if len(self._jobs) < self._max_kept:
            return
        finished = [job for job in self._jobs.values() if job.finished_at is not None]
        if not finished:
            raise TooManyJobs(
                f"{len(self._jobs)} verifications are already queued or running; "
                "please try again in a minute"
            )
        oldest = min(finished, key=lambda job: job.finished_at or 0.0)
        del self._jobs[oldest.id]
