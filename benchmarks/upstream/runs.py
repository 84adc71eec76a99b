"""One ``refcheck check`` process against the fake upstream: wall time, requests, 429s, floor.

The fake's counters are reset before each run, so a run's figures are its own. A cold run
starts from an empty cache file; the warm run repeats it over the same file. The fake's
arrival times say where the wall time went: before the first request (process start-up,
extraction, parsing), between the first and the last request (the request plan under the
limits), and after the last one (the last answers, matching, comparison, the report).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from benchmarks.upstream.floor import naive_floor_s, published_per_window, request_floor_s
from tests.fake_upstream import FakeServer, max_calls_in_window

REPO: Final = Path(__file__).resolve().parents[2]
_ENTRY_POINT: Final = Path(sys.executable).parent / "refcheck"
# The installed console script; ``python -m app.cli`` when running from an uninstalled tree.
REFCHECK: Final = (
    (str(_ENTRY_POINT),) if _ENTRY_POINT.exists() else (sys.executable, "-m", "app.cli")
)
MAILTO: Final = "benchmark@example.org"
CLI_TIMEOUT_S: Final = 600


@dataclass(frozen=True, slots=True)
class UpstreamRun:
    """What one run cost: time, the requests it made (by kind and by budget) and the refusals."""

    name: str
    references: int
    wall_s: float
    requests: Mapping[str, int]  # "crossref_search" -> 13
    calls_by_budget: Mapping[str, int]  # "crossref:polite:list" -> 13
    max_in_window: Mapping[str, int]  # the most calls the client put in any 1-s window
    sent_429: int
    floor_s: float
    naive_floor_s: float
    exit_code: int
    statuses: Mapping[str, int]  # the report's summary: "verified" -> 40, ...
    # When the first and the last request reached the fake, in seconds after the process was
    # started (both use the host's monotonic clock); None when no request was made.
    first_request_s: float | None = None
    last_request_s: float | None = None

    @property
    def total_requests(self) -> int:
        return sum(self.requests.values())

    @property
    def requests_per_reference(self) -> float:
        return self.total_requests / self.references if self.references else 0.0

    @property
    def wall_over_floor(self) -> float | None:
        """Wall time over the floor; ``None`` when the floor is 0 (nothing to wait for)."""
        return self.wall_s / self.floor_s if self.floor_s else None

    @property
    def naive_over_wall(self) -> float:
        return self.naive_floor_s / self.wall_s

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "references": self.references,
            "wall_s": round(self.wall_s, 3),
            "requests": dict(self.requests),
            "total_requests": self.total_requests,
            "requests_per_reference": round(self.requests_per_reference, 4),
            "calls_by_budget": dict(self.calls_by_budget),
            "max_calls_in_1s_window": dict(self.max_in_window),
            "sent_429": self.sent_429,
            "floor_s": self.floor_s,
            "naive_floor_s": self.naive_floor_s,
            "wall_over_floor": _rounded(self.wall_over_floor),
            "naive_floor_over_wall": round(self.naive_over_wall, 2),
            "exit_code": self.exit_code,
            "statuses": dict(self.statuses),
            "first_request_s": _rounded(self.first_request_s),
            "last_request_s": _rounded(self.last_request_s),
        }


class RunFailed(RuntimeError):
    """``refcheck check`` crashed or printed no report (exit codes 0, 1 and 3 carry a report)."""


def refcheck_env(fake: FakeServer, cache_path: Path) -> dict[str, str]:
    """The environment of a refcheck process: fake upstream, polite pool, this cache file."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFCHECK_")}
    env.update(
        REFCHECK_CROSSREF_URL=fake.crossref_url,
        REFCHECK_PUBMED_URL=fake.pubmed_url,
        REFCHECK_MAILTO=MAILTO,
        REFCHECK_CACHE_PATH=str(cache_path),
    )
    return env


def measure_cli_run(name: str, fake: FakeServer, manuscript: Path, cache_path: Path) -> UpstreamRun:
    """Time ``refcheck check MANUSCRIPT --format json`` and read the fake's counters."""
    fake.reset()
    started = time.monotonic()
    done = subprocess.run(
        [*REFCHECK, "check", str(manuscript), "--format", "json"],
        capture_output=True,
        text=True,
        env=refcheck_env(fake, cache_path),
        cwd=REPO,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )
    wall_s = time.monotonic() - started
    if done.returncode not in (0, 1, 3):
        raise RunFailed(f"{name}: refcheck exited {done.returncode}: {done.stderr[-2000:]}")
    summary = {k: int(v) for k, v in json.loads(done.stdout)["summary"].items()}
    stats = fake.stats()
    timestamps: dict[str, list[float]] = stats["timestamps"]
    calls_by_budget = {budget: len(times) for budget, times in timestamps.items()}
    references = summary.pop("total")
    arrivals = sorted(t - started for times in timestamps.values() for t in times)
    return UpstreamRun(
        name=name,
        references=references,
        wall_s=wall_s,
        requests={
            kind: n for upstream in stats["requests"].values() for kind, n in upstream.items()
        },
        calls_by_budget=calls_by_budget,
        max_in_window={b: max_calls_in_window(times) for b, times in timestamps.items()},
        sent_429=int(stats["sent_429"]),
        floor_s=request_floor_s(calls_by_budget, published_per_window()),
        naive_floor_s=naive_floor_s(references),
        exit_code=done.returncode,
        statuses={status: n for status, n in summary.items() if n},
        first_request_s=arrivals[0] if arrivals else None,
        last_request_s=arrivals[-1] if arrivals else None,
    )


def measure_cold_and_warm(
    name: str, fake: FakeServer, manuscript: Path, cache_path: Path
) -> tuple[UpstreamRun, UpstreamRun]:
    """The manuscript with an empty cache file, then again over the cache the first run filled."""
    cache_path.unlink(missing_ok=True)
    cold = measure_cli_run(f"{name} cold", fake, manuscript, cache_path)
    warm = measure_cli_run(f"{name} warm", fake, manuscript, cache_path)
    return cold, warm


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)
