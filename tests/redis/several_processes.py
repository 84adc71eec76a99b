"""Several ``refcheck serve`` and ``refcheck worker`` processes against one fake upstream,
optionally sharing Redis, and the job calls a test makes of them.

The end-to-end tests use these helpers; run as a script they print throughput figures::

    .venv/bin/python -m tests.redis.several_processes --processes 2 [--no-redis]
        [--crossref-latency 1.5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.extract import extract_references
from tests.e2e.conftest import CHAPTER, CHAPTER_RECORDS, REFCHECK, refcheck_env
from tests.fake_upstream.config import FakeConfig, Limits
from tests.fake_upstream.limits import Budget, crossref_budget, pubmed_budget
from tests.fake_upstream.server import FakeServer, running_fake_upstream
from tests.fake_upstream.stats import max_calls_in_window

from .server import RedisServer, free_port

REQUESTS = 8  # concurrent POST /v1/verify, spread over the processes in turn


def chapter_chunks(count: int = REQUESTS) -> list[list[str]]:
    """The example chapter's 68 references dealt into ``count`` reference lists."""
    texts = [r.text for r in extract_references(CHAPTER.read_text(encoding="utf-8"))]
    return [texts[i::count] for i in range(count)]


@contextmanager
def running_workers(
    count: int, fake: FakeServer, *, redis_url: str, **env: str
) -> Iterator[dict[int, subprocess.Popen[bytes]]]:
    """``count`` ``refcheck worker`` processes, by process id (``env``: extra settings)."""
    settings = refcheck_env(fake, REFCHECK_REDIS_URL=redis_url, **env)
    with ExitStack() as stack:
        workers = {}
        for _ in range(count):
            process = subprocess.Popen(
                [str(REFCHECK), "worker"],
                env=settings,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stack.callback(_stop, process)
            workers[process.pid] = process
        yield workers


def start_jobs(
    bases: Sequence[str], lists: Sequence[Sequence[str]], *, client: httpx.Client | None = None
) -> list[tuple[str, str]]:
    """``POST /v1/jobs`` each reference list, list i to API process ``i mod len(bases)``, over
    ``client`` (one kept-alive client of its own if None); ``(base, job id)`` pairs in order."""
    with ExitStack() as stack:
        if client is None:
            client = stack.enter_context(httpx.Client(timeout=30))
        started = []
        for i, references in enumerate(lists):
            base = bases[i % len(bases)]
            reply = client.post(f"{base}/v1/jobs", json={"references": list(references)})
            reply.raise_for_status()
            started.append((base, str(reply.json()["id"])))
        return started


def poll_job(base: str, job_id: str, ready: Any, timeout_s: float) -> dict[str, Any]:
    """``GET /v1/jobs/{id}`` every 0.2 s until ``ready(job)``; AssertionError after timeout."""
    deadline = time.monotonic() + timeout_s
    job: dict[str, Any] = {}
    while time.monotonic() < deadline:
        job = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=30).json()
        if ready(job):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} not ready after {timeout_s} s: {job.get('status')}")


def finished(job: dict[str, Any]) -> bool:
    return job.get("status") in ("done", "failed")


@contextmanager
def running_services(
    count: int, fake: FakeServer, *, redis_url: str | None, cache_dir: Path
) -> Iterator[list[str]]:
    """``count`` real ``refcheck serve`` processes; yields their base URLs once all are healthy."""
    env = {"REFCHECK_CACHE_PATH": str(cache_dir / "upstream.sqlite3")}
    if redis_url:
        env["REFCHECK_REDIS_URL"] = redis_url
    with ExitStack() as stack:
        bases = []
        for _ in range(count):
            port = free_port()
            process = subprocess.Popen(
                [str(REFCHECK), "serve", "--host", "127.0.0.1", "--port", str(port)],
                env=refcheck_env(fake, **env),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            stack.callback(_stop, process)
            bases.append(f"http://127.0.0.1:{port}")
        for base in bases:
            _wait_until_healthy(base)
        yield bases


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
    process.wait(timeout=10)


def _wait_until_healthy(base: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{base} did not become healthy")


@dataclass(frozen=True)
class Burst:
    """What a burst of concurrent verify requests got back, and how long it took."""

    statuses: list[int]
    results: int
    elapsed_s: float

    @property
    def references_per_s(self) -> float:
        return self.results / self.elapsed_s


async def burst(bases: Sequence[str], chunks: Sequence[list[str]]) -> Burst:
    """POST every chunk at once, chunk i to process ``i mod len(bases)``."""
    async with httpx.AsyncClient(timeout=300) as client:
        began = time.perf_counter()
        replies = await asyncio.gather(
            *(
                client.post(f"{bases[i % len(bases)]}/v1/verify", json={"references": chunk})
                for i, chunk in enumerate(chunks)
            )
        )
        elapsed = time.perf_counter() - began
    results = sum(len(r.json()["results"]) for r in replies if r.status_code == 200)
    return Burst([r.status_code for r in replies], results, elapsed)


def upstream_pressure(stats: dict[str, Any]) -> dict[str, Any]:
    """The fake's verdict on politeness: 429s sent and the most Crossref calls in flight."""
    return {
        "sent_429": stats["sent_429"],
        "crossref_max_in_flight": stats["max_in_flight"].get("crossref:polite", 0),
    }


@dataclass(frozen=True, slots=True)
class BudgetUse:
    """One upstream budget over a run: calls that arrived, the most of them inside any window
    of the fake's ``window_s``, and the most calls of its concurrency group in flight."""

    budget: Budget
    calls: int
    peak: int
    max_in_flight: int

    @property
    def within_limits(self) -> bool:
        """At most ``per_s`` calls in any window, and at most ``concurrency`` in flight."""
        concurrency = self.budget.concurrency
        in_flight_ok = concurrency is None or self.max_in_flight <= concurrency
        return self.peak <= self.budget.per_s and in_flight_ok


def published_budgets(limits: Limits) -> dict[str, Budget]:
    """Every budget the fake enforces, by the name its ``timestamps`` are reported under."""
    crossref = [
        crossref_budget(limits, polite=polite, single_work=work)
        for polite in (True, False)
        for work in (True, False)
    ]
    pubmed = [pubmed_budget(limits, api_key=key) for key in (True, False)]
    return {budget.name: budget for budget in (*crossref, *pubmed)}


def budget_use(fake: FakeServer, stats: Mapping[str, Any]) -> list[BudgetUse]:
    """Each budget the run used, judged against the limits the fake is enforcing right now
    (read from its ``/_control/config``, so a test never restates them)."""
    reply = httpx.get(f"{fake.base_url}/_control/config").raise_for_status()
    limits = FakeConfig.model_validate(reply.json()).limits
    budgets = published_budgets(limits)
    return [
        BudgetUse(
            budget=budgets[name],
            calls=len(times),
            peak=max_calls_in_window(times, limits.window_s),
            max_in_flight=int(stats["max_in_flight"].get(budgets[name].group, 0)),
        )
        for name, times in sorted(stats["timestamps"].items())
    ]


def measure(processes: int, *, use_redis: bool, latency_s: float) -> dict[str, Any]:
    """A cold and a warm burst of the chapter through ``processes`` servers (for the docs)."""
    chunks = chapter_chunks()
    figures: dict[str, Any] = {"processes": processes, "redis": use_redis, "latency_s": latency_s}
    with (
        running_fake_upstream([CHAPTER_RECORDS], crossref={"latency_s": latency_s}) as fake,
        tempfile.TemporaryDirectory() as cache_dir,
        ExitStack() as stack,
    ):
        redis_url = stack.enter_context(_redis()).url if use_redis else None
        with running_services(
            processes, fake, redis_url=redis_url, cache_dir=Path(cache_dir)
        ) as bases:
            for run in ("cold", "warm"):
                fake.reset()
                result = asyncio.run(burst(bases, chunks))
                figures[run] = {
                    "references": result.results,
                    "seconds": round(result.elapsed_s, 2),
                    "references_per_s": round(result.references_per_s, 2),
                    **upstream_pressure(fake.stats()),
                }
    return figures


@contextmanager
def _redis() -> Iterator[RedisServer]:
    server = RedisServer().start()
    try:
        yield server
    finally:
        server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--no-redis", action="store_true")
    parser.add_argument("--crossref-latency", type=float, default=0.0, help="seconds per answer")
    args = parser.parse_args()
    figures = measure(args.processes, use_redis=not args.no_redis, latency_s=args.crossref_latency)
    print(json.dumps(figures))
