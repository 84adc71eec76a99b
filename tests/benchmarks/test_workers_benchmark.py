"""The worker-throughput benchmark's pure parts (issue 9): how the list is dealt into jobs,
how a finished job is checked, how CPU is read from ``/proc``, and what the table says.

The benchmark itself (``python -m benchmarks.workers --quick``, Redis and real processes,
about 16 s) is not run here; ``docs/performance.md`` has its figures.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.workers.__main__ import options_of, parse_args
from benchmarks.workers.checks import job_problems, round_problems
from benchmarks.workers.cpu_time import (
    HostSample,
    ProcStat,
    busy_cores,
    cpu_by_role,
    cpu_spent,
    descendants,
    role_of,
)
from benchmarks.workers.report import Round, UpstreamUse, WorkerRun, WorkersReport
from benchmarks.workers.runner import Options
from benchmarks.workers.table import busiest_windows, render
from benchmarks.workers.workload import split_into_jobs

SUBMITTED = ["Alpha A. One. J 2001;1:1-2.", "Beta B. Two. J 2002;2:3-4."]
NO_REQUESTS = UpstreamUse(requests={}, calls_by_budget={}, busiest_window={}, sent_429=0)


def result(index: int, text: str) -> dict[str, Any]:
    return {"index": index, "input": text, "status": "verified"}


def job(status: str = "done", *results: dict[str, Any]) -> dict[str, Any]:
    return {"status": status, "error": None, "results": list(results)}


def a_round(name: str, wall_s: float, **fields: Any) -> Round:
    defaults: dict[str, Any] = {
        "jobs": 10,
        "references": 500,
        "upstream": NO_REQUESTS,
        "cpu_s": {"workers": 0.6},
        "host_busy_cores": 1.5,
        "statuses": {"verified": 500},
    }
    return Round(name=name, wall_s=wall_s, **{**defaults, **fields})


COLD_USE = UpstreamUse(
    requests={"crossref_filter": 40, "ecitmatch": 20, "esearch": 14, "efetch": 20},
    calls_by_budget={"crossref:polite:list": 40, "pubmed:anonymous": 54},
    busiest_window={"crossref:polite:list": 3, "pubmed:anonymous": 3},
    sent_429=0,
)


# --- the workload ----------------------------------------------------------------------------


@given(
    references=st.lists(st.text(min_size=1, max_size=5), min_size=1, max_size=200),
    jobs=st.integers(min_value=1, max_value=40),
)
def test_jobs_deal_the_list_out_in_order_in_near_equal_nonempty_slices(
    references: list[str], jobs: int
) -> None:
    dealt = split_into_jobs(references, jobs)
    sizes = [len(job) for job in dealt]
    assert [text for job in dealt for text in job] == references
    assert len(dealt) == min(jobs, len(references))
    assert min(sizes) >= 1
    assert max(sizes) - min(sizes) <= 1


def test_500_references_in_10_jobs_are_50_each() -> None:
    assert [len(j) for j in split_into_jobs([str(i) for i in range(500)], 10)] == [50] * 10


def test_fewer_than_one_job_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        split_into_jobs(SUBMITTED, 0)


# --- the checks of a finished job ------------------------------------------------------------


def test_a_whole_job_has_no_problem() -> None:
    whole = job("done", result(1, SUBMITTED[0]), result(2, SUBMITTED[1]))
    assert job_problems("job 1", SUBMITTED, whole) == []


@pytest.mark.parametrize(
    ("finished", "expected"),
    [
        pytest.param(
            job("done", result(1, SUBMITTED[0])),
            ["job 1: reference 2 missing"],
            id="missing",
        ),
        pytest.param(
            job("done", *[result(1, SUBMITTED[0])] * 2, result(2, SUBMITTED[1])),
            ["job 1: reference 1 reported 2 times"],
            id="twice",
        ),
        pytest.param(
            job("done", result(1, SUBMITTED[0]), result(2, SUBMITTED[1]), result(3, "x")),
            ["job 1: unexpected index 3"],
            id="extra-index",
        ),
        pytest.param(
            job("done", result(1, SUBMITTED[1]), result(2, SUBMITTED[1])),
            ["job 1: reference 1 came back as another text"],
            id="other-text",
        ),
        pytest.param(
            job("failed", result(1, SUBMITTED[0]), result(2, SUBMITTED[1])),
            ["job 1: status 'failed', error None"],
            id="failed",
        ),
    ],
)
def test_a_job_not_whole_is_reported_with_what_is_wrong(
    finished: dict[str, Any], expected: list[str]
) -> None:
    assert job_problems("job 1", SUBMITTED, finished) == expected


def test_a_round_with_a_job_missing_is_reported() -> None:
    assert round_problems([SUBMITTED, SUBMITTED], [job()]) == ["2 jobs submitted, 1 read back"]


def test_each_job_of_a_round_is_checked_against_its_own_list() -> None:
    first, second = [SUBMITTED[0]], [SUBMITTED[1]]
    swapped = [job("done", result(1, SUBMITTED[1])), job("done", result(1, SUBMITTED[0]))]
    assert round_problems([first, second], swapped) == [
        "job 1: reference 1 came back as another text",
        "job 2: reference 1 came back as another text",
    ]


# --- CPU from /proc --------------------------------------------------------------------------


def test_a_stat_line_gives_parent_and_user_plus_system_ticks() -> None:
    line = "42 (python3 (x) y) S 7 42 42 0 -1 4194304 10 0 0 0 150 25 3 4 20 0 1 0"
    assert ProcStat.of_line(line) == ProcStat(ppid=7, cpu_ticks=175)


@pytest.mark.parametrize(
    ("argv", "role"),
    [
        pytest.param(["/v/bin/python", "/v/bin/refcheck", "worker"], "workers", id="worker"),
        pytest.param(["/v/bin/python", "/v/bin/refcheck", "serve", "--port", "1"], "api", id="api"),
        pytest.param(["/usr/bin/redis-server 127.0.0.1:6380"], "redis", id="redis-retitled"),
        pytest.param(["/v/bin/python", "-m", "tests.fake_upstream"], "fake", id="fake"),
        pytest.param(["/v/bin/python", "-m", "pytest"], "other", id="other"),
        pytest.param([], "other", id="gone"),
    ],
)
def test_a_process_role_comes_from_its_command_line(argv: list[str], role: str) -> None:
    assert role_of(argv) == role


def test_descendants_are_children_and_their_children_only() -> None:
    assert descendants(1, {2: 1, 3: 2, 4: 3, 5: 9, 6: 5}) == {2, 3, 4}


def test_cpu_spent_counts_a_role_new_since_the_first_sample_from_zero() -> None:
    assert cpu_spent({"workers": 1.0}, {"workers": 1.5, "api": 0.25}) == {
        "workers": 0.5,
        "api": 0.25,
    }


def test_this_process_is_the_benchmark_role() -> None:
    sum(range(200_000))  # a little CPU, so the tick count is not zero
    assert cpu_by_role(os.getpid())["benchmark"] > 0


def test_host_busy_time_leaves_out_idle_and_iowait() -> None:
    sample = HostSample.of_line("cpu  100 5 45 800 50 0 0 0 7 0")
    assert (sample.busy, sample.total) == (150, 1000)


def test_busy_cores_scale_the_busy_share_by_the_core_count() -> None:
    before, after = HostSample(busy=0, total=0), HostSample(busy=300, total=400)
    assert busy_cores(before, after, cores=2) == 1.5


# --- the report and the table ----------------------------------------------------------------


def test_upstream_use_reads_the_fakes_counters_and_floor() -> None:
    stats = {
        "requests": {"crossref": {"crossref_filter": 4}, "pubmed": {"efetch": 7}},
        "sent_429": 0,
        "timestamps": {
            "crossref:polite:list": [0.0, 0.1, 0.2, 0.3],
            "pubmed:anonymous": [0.0, 0.2, 0.4, 1.5, 1.6, 1.7, 2.7],
        },
    }
    use = UpstreamUse.of_stats(stats)
    assert use.total_requests == 11
    assert use.busiest_window == {"crossref:polite:list": 4, "pubmed:anonymous": 3}
    assert use.floor_s == 2.0  # 7 NCBI calls at 3/s: ⌊6/3⌋ s


def test_the_warm_figure_is_the_median_round() -> None:
    warm = tuple(a_round(f"warm {i}", wall) for i, wall in enumerate([0.9, 0.5, 0.6], 1))
    run = WorkerRun(1, a_round("cold", 19.0, upstream=COLD_USE), warm)
    assert run.warm.name == "warm 3"


def test_busiest_windows_are_shown_against_the_published_limits_in_a_fixed_order() -> None:
    busiest = {"pubmed:anonymous": 3, "crossref:polite:work": 4, "crossref:polite:list": 3}
    assert busiest_windows(busiest) == "cr-list 3/3 cr-work 4/10 ncbi 3/3"


def test_no_requests_show_as_a_dash() -> None:
    assert busiest_windows({}) == "-"


@pytest.fixture(name="table")
def fixture_table() -> str:
    runs = tuple(
        WorkerRun(
            workers,
            a_round("cold", 19.0, upstream=COLD_USE, cpu_s={"workers": 1.3}),
            (a_round("warm 1", 0.5),),
        )
        for workers in (1, 2)
    )
    return render(WorkersReport("2026-12-01T00:00:00+00:00", "python -m benchmarks.workers", runs))


def test_the_table_row_gives_throughput_cold_and_warm(table: str) -> None:
    row = next(line for line in table.splitlines() if line.startswith("2 "))
    assert row.split()[:7] == ["2", "500", "19.00", "26", "17", "0.50", "1000"]


@pytest.mark.parametrize(
    "cell",
    [
        pytest.param("94 / 0", id="requests-cold-warm"),
        pytest.param("0 / 0", id="429s"),
        pytest.param("cr-list 3/3 ncbi 3/3", id="busiest-windows"),
        pytest.param("1.30 / 0.60", id="worker-cpu"),
    ],
)
def test_the_table_shows(table: str, cell: str) -> None:
    assert cell in table


def test_a_table_without_problems_has_no_problem_section(table: str) -> None:
    assert "PROBLEMS" not in table


def test_problems_are_printed_under_the_table() -> None:
    broken = a_round("warm 1", 0.5, problems=("job 3: reference 7 missing",))
    run = WorkerRun(4, a_round("cold", 19.0), (broken,))
    text = render(WorkersReport("2026-12-01T00:00:00+00:00", "cmd", (run,)))
    assert text.endswith("PROBLEMS\n4 workers, warm 1 round: job 3: reference 7 missing")


# --- the command line ------------------------------------------------------------------------


def test_quick_is_one_and_two_workers_over_100_references() -> None:
    options = options_of(parse_args(["--quick"]))
    assert (options.workers, options.references, options.jobs) == ((1, 2), 100, 4)


def test_the_default_is_the_documented_full_run() -> None:
    options = options_of(parse_args([]))
    assert (options.workers, options.references, options.jobs, options.warm_rounds) == (
        Options().workers,
        500,
        10,
        3,
    )


def test_sizes_given_explicitly_override_quick() -> None:
    options = options_of(parse_args(["--quick", "--workers", "4", "--references", "50"]))
    assert (options.workers, options.references, options.jobs) == ((4,), 50, 4)
