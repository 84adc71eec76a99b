"""Redis restarted in the middle of a run (issue 9): the jobs finish with the verdicts a calm run
gives, each reference once, and no 429. While Redis is away an API process says so: a 503 for a
job poll and ``redis: unavailable`` on ``/healthz``, never a 500.

One ``refcheck serve`` and two ``refcheck worker`` processes; Redis keeps its data across the
restart in an append-only file, as the production compose file does."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import CHAPTER_RECORDS
from tests.fake_upstream.server import running_fake_upstream

from .server import AVAILABLE, SKIP_REASON, RedisServer
from .several_processes import (
    BudgetUse,
    budget_use,
    chapter_chunks,
    finished,
    poll_job,
    running_services,
    running_workers,
    start_jobs,
)

CROSSREF_LATENCY_S = 1.5  # slow enough that the jobs are still running when Redis stops
DOWN_S = 2.0

pytestmark = pytest.mark.timeout(300)  # the first test's share includes the run (about 50 s)


def verdict(result: dict[str, Any]) -> tuple[Any, ...]:
    """What a wrong verdict would change: the status, the record matched, the fields flagged."""
    match = result["match"] or {}
    fields = sorted(m["field"] for m in result["mismatches"])
    return result["status"], match.get("doi"), match.get("pmid"), fields


@dataclass(frozen=True)
class RestartRun:
    """What two jobs and the API process showed across a Redis restart, and a calm rerun."""

    lists: list[list[str]]
    at_stop: dict[str, Any]
    poll_while_down: httpx.Response
    health_while_down: dict[str, Any]
    health_after: dict[str, Any]
    jobs: list[dict[str, Any]]
    calm: list[dict[str, Any]]
    stats: dict[str, Any]


@pytest.fixture(name="run", scope="module")
def restart_run_fixture(tmp_path_factory: pytest.TempPathFactory) -> RestartRun:
    """Stop Redis once the first job has stored a batch, restart it 2 s later, let both jobs
    finish, then verify the same lists again through ``POST /v1/verify``."""
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    tmp_path = tmp_path_factory.mktemp("restart")
    (tmp_path / "redis").mkdir()
    redis = RedisServer(persist_dir=tmp_path / "redis").start()
    lists = chapter_chunks(2)
    try:
        with (
            running_fake_upstream(
                [CHAPTER_RECORDS], crossref={"latency_s": CROSSREF_LATENCY_S}
            ) as fake,
            running_services(1, fake, redis_url=redis.url, cache_dir=tmp_path) as [base],
            running_workers(2, fake, redis_url=redis.url),
        ):
            started = start_jobs([base], lists)
            first = started[0][1]
            at_stop = poll_job(base, first, lambda job: job["done"] >= 25, timeout_s=120)

            redis.stop()
            poll_while_down = httpx.get(f"{base}/v1/jobs/{first}", timeout=30)
            health_while_down = httpx.get(f"{base}/healthz", timeout=30).json()
            time.sleep(DOWN_S)
            redis.start()

            jobs = [poll_job(base, job_id, finished, timeout_s=180) for _, job_id in started]
            health_after = httpx.get(f"{base}/healthz", timeout=30).json()
            calm = [
                httpx.post(f"{base}/v1/verify", json={"references": refs}, timeout=300).json()
                for refs in lists
            ]
            stats = fake.stats()
            _print_budgets(stats, budget_use(fake, stats))
    finally:
        redis.stop()
    return RestartRun(
        lists, at_stop, poll_while_down, health_while_down, health_after, jobs, calm, stats
    )


def _print_budgets(stats: dict[str, Any], uses: list[BudgetUse]) -> None:
    print(f"\n429s sent: {stats['sent_429']}; requests: {stats['requests']}")
    for use in uses:
        print(
            f"  {use.budget.name}: {use.calls} calls, at most {use.peak} in a window, "
            f"at most {use.max_in_flight} in flight"
        )


def test_redis_stopped_while_the_jobs_were_running(run: RestartRun) -> None:
    assert run.at_stop["status"] == "running"
    assert run.at_stop["done"] < run.at_stop["total"]


def test_every_job_finishes_with_each_reference_once(run: RestartRun) -> None:
    assert [job["status"] for job in run.jobs] == ["done"] * len(run.lists)
    for job, references in zip(run.jobs, run.lists, strict=True):
        indexes = [result["index"] for result in job["results"]]
        assert indexes == list(range(1, len(references) + 1))  # each once, in input order


def test_the_verdicts_are_those_of_a_calm_run(run: RestartRun) -> None:
    for job, healthy in zip(run.jobs, run.calm, strict=True):
        assert [verdict(r) for r in job["results"]] == [verdict(r) for r in healthy["results"]]


def test_a_poll_while_redis_is_down_is_a_503_saying_so(run: RestartRun) -> None:
    assert run.poll_while_down.status_code == 503
    assert "Redis" in run.poll_while_down.json()["detail"]


def test_healthz_says_whether_redis_is_there(run: RestartRun) -> None:
    assert (run.health_while_down["redis"], run.health_after["redis"]) == ("unavailable", "ok")


def test_no_429_across_the_restart(run: RestartRun) -> None:
    assert run.stats["sent_429"] == 0
