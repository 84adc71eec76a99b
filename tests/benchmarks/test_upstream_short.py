"""CI guard for issue 4 (upstream efficiency): ``python -m benchmarks.upstream --quick``.

The example chapter goes through the real ``refcheck check`` process twice, against the fake
upstream enforcing the published limits: cold (empty cache file), then warm (the same file).
The guard fails if any 429 was provoked or if the warm run asked the upstream anything.
Timings are not asserted here (a loaded CI machine would make them flaky); they live in the
benchmark's table and in ``docs/performance.md``. The floor formula is checked as well.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.upstream.floor import (
    budget_floor_s,
    naive_floor_s,
    published_per_window,
    request_floor_s,
)
from benchmarks.upstream.report import BenchmarkReport
from benchmarks.upstream.runner import Options, run_benchmark
from benchmarks.upstream.runs import UpstreamRun
from tests.fake_upstream import max_calls_in_window

CHAPTER_REFERENCES = 68


@pytest.fixture(name="quick_report", scope="module")
def fixture_quick_report(tmp_path_factory: pytest.TempPathFactory) -> BenchmarkReport:
    """One ``--quick`` run, shared by the guard tests."""
    workdir = tmp_path_factory.mktemp("upstream-benchmark")
    return run_benchmark(Options(quick=True), workdir, command="pytest (quick)")


def run_named(report: BenchmarkReport, name: str) -> UpstreamRun:
    run = report.run(name)
    assert run is not None, f"the quick benchmark has no run called {name!r}"
    return run


@pytest.mark.e2e
@pytest.mark.parametrize("name", ["chapter cold", "chapter warm"])
def test_no_run_provokes_a_429(quick_report: BenchmarkReport, name: str) -> None:
    run = run_named(quick_report, name)
    assert run.sent_429 == 0, f"{name}: {run.sent_429} 429s; calls per budget {run.max_in_window}"


@pytest.mark.e2e
def test_the_warm_run_makes_no_upstream_request(quick_report: BenchmarkReport) -> None:
    warm = run_named(quick_report, "chapter warm")
    assert warm.requests == {}, f"the warm run asked the upstream: {dict(warm.requests)}"


@pytest.mark.e2e
def test_the_cold_run_really_asks_the_upstream(quick_report: BenchmarkReport) -> None:
    """Without this, a run that never reached the fake would pass the warm guard."""
    assert run_named(quick_report, "chapter cold").total_requests > 0


@pytest.mark.e2e
@pytest.mark.parametrize("name", ["chapter cold", "chapter warm"])
def test_both_runs_report_every_chapter_reference(quick_report: BenchmarkReport, name: str) -> None:
    run = run_named(quick_report, name)
    assert run.references == CHAPTER_REFERENCES
    assert "unverified" not in run.statuses, f"{name}: upstream failures {dict(run.statuses)}"


@pytest.mark.parametrize(
    ("calls", "per_window", "floor_s"),
    [
        pytest.param(0, 3, 0.0, id="no-calls"),
        pytest.param(1, 3, 0.0, id="one-call"),
        pytest.param(3, 3, 0.0, id="one-full-burst"),
        pytest.param(4, 3, 1.0, id="one-past-the-burst"),
        pytest.param(13, 3, 4.0, id="chapter-searches"),
        pytest.param(11, 10, 1.0, id="crossref-single-works"),
    ],
)
def test_a_budget_floor_counts_the_windows_after_the_first_burst(
    calls: int, per_window: int, floor_s: float
) -> None:
    assert budget_floor_s(calls, per_window) == floor_s


def test_the_floor_of_a_run_is_its_slowest_budget() -> None:
    calls: Mapping[str, int] = {"crossref:polite:list": 13, "pubmed:anonymous": 9}
    assert request_floor_s(calls, published_per_window()) == 4.0


def test_the_naive_floor_is_one_search_per_reference_at_3_per_s() -> None:
    assert naive_floor_s(CHAPTER_REFERENCES) == 22.0


@given(
    calls=st.integers(min_value=1, max_value=400),
    per_window=st.integers(min_value=1, max_value=20),
    window_s=st.sampled_from([0.5, 1.0, 2.0]),
)
def test_the_fastest_legal_schedule_ends_exactly_at_the_floor(
    calls: int, per_window: int, window_s: float
) -> None:
    """Bursts of ``per_window`` calls one window apart: legal for the fake, and the fastest."""
    schedule = [(k // per_window) * window_s for k in range(calls)]
    assert max_calls_in_window(schedule, window_s) <= per_window
    assert schedule[-1] == budget_floor_s(calls, per_window, window_s)
