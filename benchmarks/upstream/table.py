"""The benchmark's printed tables (plain text, also pasted into ``docs/performance.md``)."""

from __future__ import annotations

from collections.abc import Sequence

from benchmarks.upstream.cpu import Hotspot
from benchmarks.upstream.report import BenchmarkReport
from benchmarks.upstream.targets import check_targets

REQUEST_KINDS = (
    "crossref_filter",
    "crossref_work",
    "crossref_search",
    "ecitmatch",
    "esearch",
    "efetch",
    "esummary",
)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell; the first column left-aligned, the rest right.

    >>> print(format_table(["run", "s"], [["cold", "5.5"]]))
    run     s
    ----  ---
    cold  5.5
    """
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, rows)])


def runs_table(report: BenchmarkReport) -> str:
    rows = [
        [
            run.name,
            str(run.references),
            f"{run.wall_s:.2f}",
            f"{run.floor_s:.1f}",
            "-" if run.wall_over_floor is None else f"{run.wall_over_floor:.2f}",
            f"{run.naive_floor_s:.0f}",
            f"{run.naive_over_wall:.1f}",
            str(run.total_requests),
            f"{run.requests_per_reference:.3f}",
            str(run.sent_429),
            _seconds(run.first_request_s),
            _seconds(run.last_request_s),
        ]
        for run in report.runs
    ]
    headers = ["run", "refs", "wall s", "floor s", "wall/floor", "naive floor s", "naive/wall"]
    timeline = ["1st req s", "last req s"]
    return format_table([*headers, "requests", "req/ref", "429s", *timeline], rows)


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def kinds_table(report: BenchmarkReport) -> str:
    """Requests per reference by kind, "count (per reference)"; only kinds some run used."""
    kinds = [k for k in REQUEST_KINDS if any(r.requests.get(k) for r in report.runs)]
    kinds += sorted({k for r in report.runs for k in r.requests} - set(REQUEST_KINDS))
    rows = [
        [run.name, *(_per_reference(run.requests.get(k, 0), run.references) for k in kinds)]
        for run in report.runs
    ]
    return format_table(["run", *kinds], rows)


def _per_reference(count: int, references: int) -> str:
    return f"{count} ({count / references:.3f})" if count else "0"


def _hotspot_table(spots: Sequence[Hotspot]) -> str:
    rows = [[h.function, str(h.calls), f"{h.cumulative_s:.3f}", f"{h.own_s:.3f}"] for h in spots]
    return format_table(["function", "calls", "cumulative s", "own s"], rows)


def targets_table(report: BenchmarkReport) -> str:
    rows = [[c.target, c.goal, c.measured, c.verdict] for c in check_targets(report)]
    return format_table(["target", "goal", "measured", "result"], rows)


def render(report: BenchmarkReport) -> str:
    """All tables, with the date and the command."""
    parts = [
        f"refcheck upstream benchmark, {report.date}: {report.command}",
        "",
        "Runs (wall = the whole `refcheck check` process; floor = least time the limits allow",
        "for the requests made; naive floor = one Crossref search per reference at 3/s;",
        "1st/last req = when the first/last request reached the fake, after process start)",
        runs_table(report),
        "",
        "Upstream requests by kind: count (per reference)",
        kinds_table(report),
    ]
    if report.cpu is not None:
        cpu = report.cpu
        parts += [
            "",
            f"CPU, upstream answers cached: {cpu.references} refs x {cpu.passes} passes in "
            f"{cpu.wall_s:.2f} s wall / {cpu.cpu_s:.2f} s CPU = {cpu.refs_per_cpu_s:.0f} refs/s "
            f"per core ({cpu.refs_per_s:.0f} refs/s wall); upstream requests: "
            f"{cpu.upstream_requests}",
            f"CPU, parse + match + compare alone (candidates captured from a warm pass): "
            f"{cpu.core_refs_per_cpu_s:.0f} refs/s per core",
            f"Hotspots, one pass under cProfile ({cpu.profiled_s:.2f} s): project functions by",
            "cumulative time (the function and everything it calls)",
            _hotspot_table(cpu.hotspots),
            "and any function by own time",
            _hotspot_table(cpu.own_time),
        ]
    if report.latency is not None:
        lat = report.latency
        parts += [
            "",
            f"Service, warm: POST /v1/verify with the chapter ({lat.references} references), "
            f"{len(lat.latencies_s)} requests: median {lat.median_s * 1000:.0f} ms, "
            f"p90 {lat.p90_s * 1000:.0f} ms, min {min(lat.latencies_s) * 1000:.0f} ms "
            f"(client-side, loopback); upstream requests: {lat.upstream_requests}",
        ]
    parts += ["", "Targets", targets_table(report)]
    return "\n".join(parts)
