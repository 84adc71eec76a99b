"""Durable jobs at scale (issue 9): 3 ``refcheck worker`` and 2 ``refcheck serve`` processes
share one Redis and the published upstream limits. 1,000 dev-corpus references in 20 jobs of
50 finish with zero 429s; the fake upstream's own arrival times never show a budget exceeded;
every reference gets exactly one result, and the verdicts match the injected errors.

``pytest tests/redis/test_jobs_at_scale.py -s`` prints the time and the upstream figures.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from app.models import Status
from benchmarks.upstream.reference_list import build_reference_list, load_records, write_fake_works
from benchmarks.upstream.runner import DEV_CORPUS
from tests.fake_upstream.server import running_fake_upstream

from .server import RedisServer
from .several_processes import (
    BudgetUse,
    budget_use,
    finished,
    poll_job,
    running_services,
    running_workers,
    start_jobs,
)

API_PROCESSES = 2
WORKERS = 3
JOBS = 20
PER_JOB = 50
TIMEOUT_S = 540  # every job finished within this; about a minute on a quiet 2-core machine
MIN_AGREEMENT = 0.99  # the accuracy benchmark measures ~99.9 % on such lists

pytestmark = pytest.mark.skipif(not DEV_CORPUS.exists(), reason=f"no dev corpus at {DEV_CORPUS}")


def other_process(bases: Sequence[str], base: str) -> str:
    """The API process after ``base``: a job is polled where it was not submitted."""
    return bases[(bases.index(base) + 1) % len(bases)]


def expected_status(index: int, errors: dict[int, str]) -> str:
    """A reference with an injected error is a mismatch; any other one is verified."""
    return Status.MISMATCH.value if index in errors else Status.VERIFIED.value


@pytest.mark.timeout(600)
def test_1000_references_in_20_jobs_on_3_workers_stay_within_the_published_limits(
    own_redis: RedisServer, tmp_path: Path
) -> None:
    records = load_records(DEV_CORPUS)
    listed = build_reference_list(records, JOBS * PER_JOB)
    lists = [listed.references[n * PER_JOB : (n + 1) * PER_JOB] for n in range(JOBS)]
    works = write_fake_works(records, tmp_path / "works.jsonl")
    with (
        running_fake_upstream([works]) as fake,
        running_services(API_PROCESSES, fake, redis_url=own_redis.url, cache_dir=tmp_path) as bases,
        running_workers(WORKERS, fake, redis_url=own_redis.url),
    ):
        began = time.perf_counter()
        deadline = time.monotonic() + TIMEOUT_S
        jobs = [
            poll_job(
                other_process(bases, base),
                job_id,
                finished,
                timeout_s=max(1.0, deadline - time.monotonic()),
            )
            for base, job_id in start_jobs(bases, lists)
        ]
        elapsed_s = time.perf_counter() - began
        stats = fake.stats()
        uses = budget_use(fake, stats)

    verdicts = {
        n * PER_JOB + result["index"]: result["status"]
        for n, job in enumerate(jobs)
        for result in job["results"]
    }
    disagreements = {
        index: (status, listed.errors.get(index))
        for index, status in verdicts.items()
        if status != expected_status(index, dict(listed.errors))
    }
    _print_figures(elapsed_s, stats, uses, disagreements)

    assert [job["status"] for job in jobs] == ["done"] * JOBS
    for job in jobs:  # each reference of each job once, in input order
        assert [result["index"] for result in job["results"]] == list(range(1, PER_JOB + 1))
    assert len(verdicts) == JOBS * PER_JOB
    assert stats["sent_429"] == 0
    assert [use for use in uses if not use.within_limits] == []
    assert any(use.budget.name.startswith("crossref:") for use in uses)
    assert 1 - len(disagreements) / len(verdicts) >= MIN_AGREEMENT


def _print_figures(
    elapsed_s: float,
    stats: dict[str, Any],
    uses: Sequence[BudgetUse],
    disagreements: dict[int, tuple[str, str | None]],
) -> None:
    print(f"\n{JOBS} jobs of {PER_JOB} on {WORKERS} workers: {elapsed_s:.1f} s")
    print(f"requests: {stats['requests']}; 429s sent: {stats['sent_429']}")
    for use in uses:
        print(
            f"  {use.budget.name}: {use.calls} calls, at most {use.peak} in a window "
            f"(limit {use.budget.per_s}), at most {use.max_in_flight} in flight "
            f"(limit {use.budget.concurrency})"
        )
    for index, (status, injected) in sorted(disagreements.items()):
        print(f"  disagreement: reference {index} is {status}, injected error: {injected}")
