"""The printed tables (plain text, also pasted into ``docs/performance.md``)."""

from __future__ import annotations

from collections.abc import Mapping

from benchmarks.upstream.floor import published_per_window
from benchmarks.upstream.table import format_table
from benchmarks.workers.cpu_time import ROLES
from benchmarks.workers.report import Round, WorkerRun, WorkersReport

BUDGET_LABELS = {
    "crossref:polite:list": "cr-list",
    "crossref:polite:work": "cr-work",
    "crossref:public:list": "cr-public-list",
    "crossref:public:work": "cr-public-work",
    "pubmed:anonymous": "ncbi",
    "pubmed:key": "ncbi-key",
}
THROUGHPUT_HEADERS = [
    "workers",
    "refs",
    "cold s",
    "cold refs/s",
    "floor s",
    "warm s",
    "warm refs/s",
    "requests",
    "429s",
    "busiest 1-s window/limit",
    "worker CPU s",
    "host cores busy",
]
CPU_HEADERS = ["run", "wall s", *ROLES, "elsewhere", "worker cores", "host cores busy"]


def busiest_windows(busiest: Mapping[str, int]) -> str:
    """Each budget's busiest 1-s window over its published limit, in a fixed order.

    >>> busiest_windows({"pubmed:anonymous": 3, "crossref:polite:list": 2})
    'cr-list 2/3 ncbi 3/3'
    """
    limits = published_per_window()
    order = list(BUDGET_LABELS)
    budgets = sorted(busiest, key=lambda b: (order.index(b) if b in order else len(order), b))
    described = [f"{BUDGET_LABELS.get(b, b)} {busiest[b]}/{limits.get(b, '?')}" for b in budgets]
    return " ".join(described) or "-"


def cold_and_warm(cold: float, warm: float, digits: int = 1) -> str:
    """Two figures of the same kind, cold first; counts without decimals.

    >>> cold_and_warm(12, 0), cold_and_warm(5.25, 1.5)
    ('12 / 0', '5.2 / 1.5')
    """
    if isinstance(cold, int) and isinstance(warm, int):
        return f"{cold} / {warm}"
    return f"{cold:.{digits}f} / {warm:.{digits}f}"


def throughput_row(run: WorkerRun) -> list[str]:
    """One worker count; the busiest windows and 429s over all its rounds, warm ones included."""
    cold, warm = run.cold, run.warm
    budgets = {budget for r in run.rounds for budget in r.upstream.busiest_window}
    busiest = {b: max(r.upstream.busiest_window.get(b, 0) for r in run.rounds) for b in budgets}
    warm_requests = max(r.upstream.total_requests for r in run.warm_rounds)
    warm_429s = sum(r.upstream.sent_429 for r in run.warm_rounds)
    return [
        str(run.workers),
        str(cold.references),
        f"{cold.wall_s:.2f}",
        f"{cold.refs_per_s:.0f}",
        f"{cold.upstream.floor_s:.0f}",
        f"{warm.wall_s:.2f}",
        f"{warm.refs_per_s:.0f}",
        cold_and_warm(cold.upstream.total_requests, warm_requests),
        cold_and_warm(cold.upstream.sent_429, warm_429s),
        busiest_windows(busiest),
        cold_and_warm(cold.worker_cpu_s, warm.worker_cpu_s, digits=2),
        cold_and_warm(cold.host_busy_cores, warm.host_busy_cores),
    ]


def cpu_row(label: str, round_: Round) -> list[str]:
    return [
        label,
        f"{round_.wall_s:.2f}",
        *(f"{round_.cpu_s.get(role, 0.0):.2f}" for role in ROLES),
        f"{round_.elsewhere_cpu_s:.2f}",
        f"{round_.worker_cores:.2f}",
        f"{round_.host_busy_cores:.2f}",
    ]


def render(report: WorkersReport) -> str:
    """Both tables with their legends, the date and the command; then any problem found."""
    jobs = report.runs[0].cold.jobs if report.runs else 0
    warm_rounds = len(report.runs[0].warm_rounds) if report.runs else 0
    cpu_rows = [
        cpu_row(f"{run.workers} {name}", round_)
        for run in report.runs
        for name, round_ in (("cold", run.cold), ("warm", run.warm))
    ]
    parts = [
        f"refcheck worker benchmark, {report.date}: {report.command}",
        "",
        f"Throughput: {jobs} jobs per round, through 1 API process and N `refcheck worker`",
        "processes sharing a fresh Redis; cold = empty cache, warm = the same jobs again",
        f"(median of {warm_rounds} rounds). refs/s from the first POST /v1/jobs until every job",
        "had ended. floor = least time the published limits allow for the cold requests.",
        "Pairs are cold / warm; busiest window = the most calls the fake saw in any 1 s, per",
        "budget, over its published limit.",
        format_table(THROUGHPUT_HEADERS, [throughput_row(run) for run in report.runs]),
        "",
        "CPU seconds during the round by process (user + system, /proc): workers, the API",
        "process, redis-server, the fake upstream, the benchmark's own process; elsewhere =",
        "the host's other busy time (other jobs on the machine). cores = CPU s / wall s.",
        format_table(CPU_HEADERS, cpu_rows),
    ]
    if report.problems:
        parts += ["", "PROBLEMS", *report.problems]
    return "\n".join(parts)
