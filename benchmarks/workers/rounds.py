"""One round: submit every job, wait until all have ended, read them back and check them.

The clock starts just before the first ``POST /v1/jobs`` and stops when the last job's status
in Redis reads ``done`` or ``failed``. The benchmark's own process must stay light, since it
shares the two cores with what it measures:

- the jobs go out over one kept-alive ``httpx.Client`` made before the clock starts
  (``tests.redis.several_processes.start_jobs`` builds a client per call, about 35 ms of CPU
  each, which would spread 10 submissions over 0.4 s of a warm round lasting 0.5 s);
- the wait reads :meth:`app.jobs_redis.RedisJobStore.status` (one small ``HGET``) every
  :data:`POLL_S`, for the first job not yet seen ended only, moving on at once when it has;
  polling ``GET /v1/jobs/{id}`` would have the API process serialise the results so far.

The jobs are read through the API afterwards, for the checks. The fake's counters are reset
first, so the requests and 429s are the round's own.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any, Final

import httpx
from redis.asyncio import Redis

from app.jobs import Job
from app.jobs_redis import RedisJobStore
from benchmarks.workers.checks import round_problems
from benchmarks.workers.cluster import Cluster
from benchmarks.workers.cpu_time import HostSample, busy_cores, cpu_by_role, cpu_spent
from benchmarks.workers.report import Round, UpstreamUse
from tests.fake_upstream import FakeServer
from tests.redis.several_processes import finished, poll_job, start_jobs

POLL_S: Final = 0.02
ROUND_TIMEOUT_S: Final = 900.0


class RoundFailed(RuntimeError):
    """A job vanished from Redis, or the jobs did not all end in time."""


def run_round(
    name: str, cluster: Cluster, fake: FakeServer, jobs: Sequence[Sequence[str]]
) -> Round:
    """Submit ``jobs`` to the cluster and measure until every one of them has ended."""
    fake.reset()
    with httpx.Client(timeout=30) as client:
        cpu_before, host_before = cpu_by_role(), HostSample.now()
        started = time.monotonic()
        job_ids = [job_id for _, job_id in start_jobs([cluster.base], jobs, client=client)]
        ended = asyncio.run(all_ended(cluster.redis_url, job_ids))
        cpu_after, host_after = cpu_by_role(), HostSample.now()
    bodies = [poll_job(cluster.base, job_id, finished, timeout_s=30) for job_id in job_ids]
    return Round(
        name=name,
        jobs=len(jobs),
        references=sum(len(job) for job in jobs),
        wall_s=ended - started,
        upstream=UpstreamUse.of_stats(fake.stats()),
        cpu_s=cpu_spent(cpu_before, cpu_after),
        host_busy_cores=busy_cores(host_before, host_after),
        statuses=_statuses(bodies),
        problems=tuple(round_problems(jobs, bodies)),
    )


async def all_ended(redis_url: str, job_ids: Sequence[str]) -> float:
    """The monotonic time at which every job had been seen ``done`` or ``failed``."""
    redis = Redis.from_url(redis_url)
    store = RedisJobStore(redis)
    deadline = time.monotonic() + ROUND_TIMEOUT_S
    pending = list(job_ids)
    try:
        while pending and time.monotonic() < deadline:
            status = await store.status(pending[0])
            if status is None:
                raise RoundFailed(f"job {pending[0]} vanished from Redis before it ended")
            if Job(pending[0], (), status).finished:
                pending.pop(0)
            else:
                await asyncio.sleep(POLL_S)
    finally:
        await redis.aclose()
    if pending:
        raise RoundFailed(f"{len(pending)} jobs still running after {ROUND_TIMEOUT_S} s")
    return time.monotonic()


def _statuses(bodies: Sequence[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(str(result["status"]) for body in bodies for result in body["results"])
    return dict(sorted(counts.items()))
