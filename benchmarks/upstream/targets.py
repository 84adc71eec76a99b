"""Issue 4's targets, checked against a report: goal, measured value, and pass or the gap.

A target whose measurement is not in the report (``--quick`` has no 500-reference list) is
left out rather than counted as passed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from benchmarks.upstream.report import BenchmarkReport
from benchmarks.upstream.runs import UpstreamRun

CHAPTER_COLD_MAX_S: Final = 5.0
CHAPTER_MAX_REQUESTS_PER_REF: Final = 0.5
LIST_MAX_WALL_OVER_FLOOR: Final = 1.2
LIST_MIN_NAIVE_OVER_WALL: Final = 4.0
SERVICE_MAX_MS: Final = 100.0
CPU_MIN_REFS_PER_S: Final = 2000.0


@dataclass(frozen=True, slots=True)
class TargetCheck:
    """One target: ``passed`` or the gap, e.g. ("chapter cold wall", "≤ 5 s", "5.52 s")."""

    target: str
    goal: str
    measured: str
    passed: bool
    gap: str = ""  # "+0.52 s" over a maximum, "5.1× short" of a minimum; empty when passed

    @property
    def verdict(self) -> str:
        return "pass" if self.passed else f"GAP: {self.gap}"

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "goal": self.goal,
            "measured": self.measured,
            "passed": self.passed,
            "gap": self.gap,
        }


def at_most(target: str, value: float, limit: float, unit: str, digits: int = 2) -> TargetCheck:
    """``value ≤ limit``; the gap is how far over.

    >>> at_most("wall", 5.5, 5.0, " s").verdict
    'GAP: +0.50 s'
    """
    return TargetCheck(
        target,
        f"≤ {limit:g}{unit}",
        f"{value:.{digits}f}{unit}",
        value <= limit,
        "" if value <= limit else f"+{value - limit:.{digits}f}{unit}",
    )


def at_least(target: str, value: float, limit: float, unit: str, digits: int = 1) -> TargetCheck:
    """``value ≥ limit``; the gap is the factor still missing.

    >>> at_least("cpu", 400, 2000, " refs/s", digits=0).verdict
    'GAP: 5.0× short'
    """
    passed = value >= limit
    gap = "" if passed else (f"{limit / value:.1f}× short" if value > 0 else "nothing measured")
    return TargetCheck(target, f"≥ {limit:g}{unit}", f"{value:.{digits}f}{unit}", passed, gap)


def exactly_zero(target: str, value: int, unit: str) -> TargetCheck:
    return TargetCheck(
        target, f"0{unit}", f"{value}{unit}", value == 0, "" if value == 0 else f"{value}{unit}"
    )


def check_targets(report: BenchmarkReport) -> list[TargetCheck]:
    """Every target the report has measurements for, in the issue's order."""
    return list(_checks(report))


def _checks(report: BenchmarkReport) -> Iterator[TargetCheck]:
    yield from _when(report.run("chapter cold"), _chapter_cold)
    yield exactly_zero("429s received, all runs", sum(r.sent_429 for r in report.runs), "")
    yield from _when(report.run("list cold"), _list_cold)
    for run in report.runs:
        if run.name.endswith("warm"):
            yield exactly_zero(f"{run.name}: upstream requests", run.total_requests, "")
    if report.latency is not None:
        yield exactly_zero("service warm: upstream requests", report.latency.upstream_requests, "")
        yield at_most(
            "service warm 68 refs: median latency",
            report.latency.median_s * 1000,
            SERVICE_MAX_MS,
            " ms",
            digits=0,
        )
    if report.cpu is not None:
        yield at_least(
            "CPU, parse+match+compare: refs/s/core",
            report.cpu.core_refs_per_cpu_s,
            CPU_MIN_REFS_PER_S,
            "",
            digits=0,
        )


def _when(
    run: UpstreamRun | None, checks: Callable[[UpstreamRun], Iterator[TargetCheck]]
) -> Iterator[TargetCheck]:
    if run is not None:
        yield from checks(run)


def _chapter_cold(run: UpstreamRun) -> Iterator[TargetCheck]:
    yield at_most("chapter cold: wall time", run.wall_s, CHAPTER_COLD_MAX_S, " s")
    yield at_most(
        "chapter cold: requests per reference",
        run.requests_per_reference,
        CHAPTER_MAX_REQUESTS_PER_REF,
        "",
    )


def _list_cold(run: UpstreamRun) -> Iterator[TargetCheck]:
    ratio = run.wall_over_floor
    if ratio is not None:
        yield at_most(f"{run.name}: wall / floor", ratio, LIST_MAX_WALL_OVER_FLOOR, "")
    yield at_least(
        f"{run.name}: naive floor / wall", run.naive_over_wall, LIST_MIN_NAIVE_OVER_WALL, ""
    )
