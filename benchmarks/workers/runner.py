"""The benchmark: one fake upstream, then for each worker count a fresh cluster, cold and warm.

The fake serves every dev-corpus record and enforces the published limits (Crossref polite
pool: 10 single-work and 3 list requests/s, 3 concurrent; NCBI without a key: 3/s). Each worker
count gets its own Redis, so its cold round starts with an empty shared cache and fresh rate
windows; the warm rounds submit the same jobs again over the cache the cold round filled
(three times by default: a warm round is short, so the table shows the median).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from benchmarks.upstream.runner import DEV_CORPUS
from benchmarks.workers.cluster import running_cluster
from benchmarks.workers.report import WorkerRun, WorkersReport
from benchmarks.workers.rounds import run_round
from benchmarks.workers.workload import Workload, build_workload
from tests.fake_upstream import FakeServer, running_fake_upstream


@dataclass(frozen=True, slots=True)
class Options:
    """What to run; the defaults are the documented full benchmark."""

    workers: tuple[int, ...] = (1, 2, 4)
    references: int = 500
    jobs: int = 10
    warm_rounds: int = 3
    corpus: Path = DEV_CORPUS
    seed: int = 4

    @classmethod
    def quick(cls) -> Options:
        """Small enough for CI: 1 and 2 workers, 100 references in 4 jobs (one batch each)."""
        return cls(workers=(1, 2), references=100, jobs=4)


def run_benchmark(options: Options, workdir: Path, *, command: str) -> WorkersReport:
    """Every worker count of ``options`` in turn, with every temporary file under ``workdir``."""
    date = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    workload = build_workload(
        options.corpus, options.references, options.jobs, options.seed, workdir
    )
    with running_fake_upstream([workload.works]) as fake:
        runs = tuple(
            measure_workers(
                count, fake, workload, options.warm_rounds, workdir / f"{count}-workers"
            )
            for count in options.workers
        )
    return WorkersReport(date, command, runs)


def measure_workers(
    count: int, fake: FakeServer, workload: Workload, warm_rounds: int, workdir: Path
) -> WorkerRun:
    """``count`` workers over a fresh Redis: the jobs cold, then the same jobs warm, again
    and again."""
    workdir.mkdir(parents=True, exist_ok=True)
    with running_cluster(count, fake, workdir) as cluster:
        cold = run_round("cold", cluster, fake, workload.jobs)
        warm = tuple(
            run_round(f"warm {i}", cluster, fake, workload.jobs) for i in range(1, warm_rounds + 1)
        )
    return WorkerRun(count, cold, warm)
