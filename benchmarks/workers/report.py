"""What the benchmark measured: one :class:`Round` per submission of the jobs, a cold round
and some warm rounds per worker count, and the report that holds them with its date and
command."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from benchmarks.upstream.floor import published_per_window, request_floor_s
from tests.fake_upstream import max_calls_in_window


@dataclass(frozen=True, slots=True)
class UpstreamUse:
    """The fake upstream's counters for one round: requests, refusals, pressure per budget."""

    requests: Mapping[str, int]  # by kind: "crossref_filter" -> 20
    calls_by_budget: Mapping[str, int]  # "crossref:polite:list" -> 20
    busiest_window: Mapping[str, int]  # the most calls that arrived in any 1-s window
    sent_429: int

    @classmethod
    def of_stats(cls, stats: Mapping[str, Any]) -> UpstreamUse:
        """From ``GET /_control/stats`` (see ``tests/fake_upstream/stats.py``)."""
        timestamps: Mapping[str, list[float]] = stats["timestamps"]
        return cls(
            requests={kind: n for kinds in stats["requests"].values() for kind, n in kinds.items()},
            calls_by_budget={budget: len(times) for budget, times in timestamps.items()},
            busiest_window={b: max_calls_in_window(times) for b, times in timestamps.items()},
            sent_429=int(stats["sent_429"]),
        )

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    @property
    def floor_s(self) -> float:
        """The least time the published limits allow for these requests (benchmarks/upstream)."""
        return request_floor_s(self.calls_by_budget, published_per_window())

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "total_requests": self.total_requests,
            "calls_by_budget": dict(self.calls_by_budget),
            "max_calls_in_1s_window": dict(self.busiest_window),
            "published_per_1s_window": {
                b: published_per_window().get(b) for b in self.calls_by_budget
            },
            "sent_429": self.sent_429,
            "floor_s": self.floor_s,
        }


@dataclass(frozen=True, slots=True)
class Round:
    """Every job submitted once, timed from the first ``POST /v1/jobs`` until all had ended."""

    name: str  # "cold" or "warm"
    jobs: int
    references: int
    wall_s: float
    upstream: UpstreamUse
    cpu_s: Mapping[str, float]  # user + system during the round, by role: "workers" -> 3.2
    host_busy_cores: float  # every process on the host, the benchmark's own and others'
    statuses: Mapping[str, int]  # results by status, all jobs: "verified" -> 380, ...
    problems: tuple[str, ...] = ()  # what job_problems found; empty when every job came back whole

    @property
    def refs_per_s(self) -> float:
        return self.references / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def worker_cpu_s(self) -> float:
        return self.cpu_s.get("workers", 0.0)

    @property
    def worker_cores(self) -> float:
        """Worker CPU over wall time: how many cores the workers kept busy on average."""
        return self.worker_cpu_s / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def elsewhere_cpu_s(self) -> float:
        """Busy core-seconds of the host not spent by the benchmark's processes (other jobs
        on the machine); never below 0 (the two are sampled microseconds apart)."""
        return max(0.0, self.host_busy_cores * self.wall_s - sum(self.cpu_s.values()))

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "jobs": self.jobs,
            "references": self.references,
            "wall_s": round(self.wall_s, 3),
            "refs_per_s": round(self.refs_per_s, 1),
            "upstream": self.upstream.to_json(),
            "cpu_s": {role: round(seconds, 3) for role, seconds in self.cpu_s.items()},
            "worker_cores": round(self.worker_cores, 2),
            "host_busy_cores": round(self.host_busy_cores, 2),
            "elsewhere_cpu_s": round(self.elsewhere_cpu_s, 2),
            "statuses": dict(self.statuses),
            "problems": list(self.problems),
        }


@dataclass(frozen=True, slots=True)
class WorkerRun:
    """One worker count: a fresh Redis, one API process, ``workers`` workers; the jobs once
    cold, then ``len(warm_rounds)`` times over the warm cache."""

    workers: int
    cold: Round
    warm_rounds: tuple[Round, ...]

    @property
    def warm(self) -> Round:
        """The median warm round by wall time (the lower middle one of an even count).

        A warm round lasts well under a second, so one stray scheduling delay moves it by
        tens of per cent; the median of three is what the table shows.
        """
        ordered = sorted(self.warm_rounds, key=lambda r: r.wall_s)
        return ordered[(len(ordered) - 1) // 2]

    @property
    def rounds(self) -> tuple[Round, ...]:
        return self.cold, *self.warm_rounds

    def to_json(self) -> dict[str, Any]:
        return {
            "workers": self.workers,
            "cold": self.cold.to_json(),
            "warm_median": self.warm.to_json(),
            "warm_rounds": [r.to_json() for r in self.warm_rounds],
        }


@dataclass(frozen=True, slots=True)
class WorkersReport:
    """The runs in worker-count order, with the date (ISO 8601, UTC) and the command."""

    date: str
    command: str
    runs: tuple[WorkerRun, ...]

    @property
    def problems(self) -> list[str]:
        return [
            f"{run.workers} workers, {round_.name} round: {problem}"
            for run in self.runs
            for round_ in run.rounds
            for problem in round_.problems
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "command": self.command,
            "runs": [run.to_json() for run in self.runs],
            "problems": self.problems,
        }
