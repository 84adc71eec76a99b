"""Everything one benchmark run measured, with the date and command that produced it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from benchmarks.upstream.cpu import CpuMeasurement
from benchmarks.upstream.runs import UpstreamRun
from benchmarks.upstream.service import LatencyMeasurement


@dataclass(frozen=True, slots=True)
class BenchmarkReport:
    """The runs in order (chapter cold/warm, then the list's), and the CPU and service parts."""

    date: str  # ISO 8601, UTC
    command: str
    runs: tuple[UpstreamRun, ...]
    latency: LatencyMeasurement | None = None
    cpu: CpuMeasurement | None = None

    def run(self, name: str) -> UpstreamRun | None:
        """The run called ``name`` ("chapter cold", "500 warm"), if it was part of this report."""
        return next((r for r in self.runs if r.name == name), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "command": self.command,
            "runs": [r.to_json() for r in self.runs],
            "service": self.latency.to_json() if self.latency else None,
            "cpu": self.cpu.to_json() if self.cpu else None,
        }
