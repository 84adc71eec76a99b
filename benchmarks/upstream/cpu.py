"""CPU cost of the pipeline once every upstream answer is cached, and where that time goes.

The references go through :func:`app.pipeline.verify_references` in-process, over a resolver
whose SQLite cache already holds every answer (a warm-up pass proves it: the fake upstream
must count no request). Only the pipeline calls are timed, in wall time and in process CPU
time; references per CPU-second is the per-core figure (the pipeline runs on one event loop;
the cache reads it hands to a thread are counted in the process CPU time too).
"""

from __future__ import annotations

import asyncio
import cProfile
import pstats
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import app.resolve as resolve_module
from app.compare import compare
from app.matching import Decision, choose
from app.models import Citation, RawReference, Record
from app.parsing import parse_reference
from app.pipeline import verify_references
from app.resolve import Resolver
from app.settings import Settings
from app.wiring import open_resolver
from benchmarks.upstream.runs import MAILTO, REPO
from tests.fake_upstream import FakeServer

HOTSPOTS: Final = 12
# Frames that wrap everything and say nothing about where the time goes.
_WRAPPERS: Final = frozenset(
    {"verify_references", "verify_text", "<listcomp>", "<genexpr>", "<dictcomp>", "<lambda>"}
)


@dataclass(frozen=True, slots=True)
class Hotspot:
    """A project function and the time spent in it and below (under the profiler)."""

    function: str  # "app/compare/__init__.py:43(compare)"
    calls: int
    cumulative_s: float
    own_s: float

    def to_json(self) -> dict[str, Any]:
        return {
            "function": self.function,
            "calls": self.calls,
            "cumulative_s": round(self.cumulative_s, 4),
            "own_s": round(self.own_s, 4),
        }


@dataclass(frozen=True, slots=True)
class CpuMeasurement:
    """Warm-cache throughput of parse + resolve-from-cache + match + compare."""

    references: int  # per pass
    passes: int
    wall_s: float
    cpu_s: float
    upstream_requests: int
    profiled_s: float  # one pass under cProfile (slower than unprofiled)
    hotspots: tuple[Hotspot, ...]  # project functions by cumulative time
    own_time: tuple[Hotspot, ...]  # any function by time in its own body
    core_s: float = 0.0  # CPU seconds for parse + match + compare alone, over ``passes`` passes

    @property
    def core_refs_per_cpu_s(self) -> float:
        """The issue's figure: parse + match + compare, without cache reads or XML parsing."""
        return self.references * self.passes / self.core_s if self.core_s else 0.0

    @property
    def refs_per_s(self) -> float:
        return self.references * self.passes / self.wall_s

    @property
    def refs_per_cpu_s(self) -> float:
        return self.references * self.passes / self.cpu_s

    def to_json(self) -> dict[str, Any]:
        return {
            "references_per_pass": self.references,
            "passes": self.passes,
            "wall_s": round(self.wall_s, 3),
            "cpu_s": round(self.cpu_s, 3),
            "refs_per_s": round(self.refs_per_s),
            "refs_per_cpu_s": round(self.refs_per_cpu_s),
            "core_cpu_s": round(self.core_s, 3),
            "core_refs_per_cpu_s": round(self.core_refs_per_cpu_s),
            "upstream_requests": self.upstream_requests,
            "profiled_pass_s": round(self.profiled_s, 3),
            "hotspots": [h.to_json() for h in self.hotspots],
            "own_time": [h.to_json() for h in self.own_time],
        }


def settings_for(fake: FakeServer, cache_path: Path) -> Settings:
    """In-process settings equal to the CLI runs' environment."""
    return Settings(
        crossref_url=fake.crossref_url,
        pubmed_url=fake.pubmed_url,
        mailto=MAILTO,
        cache_path=str(cache_path),
    )


def measure_cpu(
    references: Sequence[str], fake: FakeServer, cache_path: Path, *, passes: int = 3
) -> CpuMeasurement:
    """Time ``passes`` warm passes over ``references``, then profile one more."""
    return asyncio.run(_measure(references, fake, cache_path, passes))


async def _measure(
    texts: Sequence[str], fake: FakeServer, cache_path: Path, passes: int
) -> CpuMeasurement:
    refs = [RawReference(index=i, text=t) for i, t in enumerate(texts, start=1)]
    async with open_resolver(settings_for(fake, cache_path)) as resolver:
        await verify_references(refs, resolver)  # warm-up: imports, lazy tables, cache pages
        fake.reset()
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(passes):
            await verify_references(refs, resolver)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        requests = sum(n for kinds in fake.stats()["requests"].values() for n in kinds.values())
        profiled_s, hotspots, own_time = await _profile(refs, resolver)
        candidates = await _final_candidates(refs, resolver)
    core = _time_core(refs, candidates, passes)
    return CpuMeasurement(
        len(refs), passes, wall, cpu, requests, profiled_s, hotspots, own_time, core_s=core
    )


async def _final_candidates(
    refs: Sequence[RawReference], resolver: Resolver
) -> dict[str, list[Record]]:
    """The candidates each citation was last judged on, captured from one warm pass."""
    seen: dict[str, list[Record]] = {}
    # The resolver calls ``choose`` through its module namespace: wrap it there for one pass.
    namespace = vars(resolve_module)
    original = namespace["choose"]

    def capture(citation: Citation, candidates: Sequence[Record]) -> Decision:
        seen[citation.raw] = list(candidates)
        decision: Decision = original(citation, candidates)
        return decision

    namespace["choose"] = capture
    try:
        await verify_references(refs, resolver)
    finally:
        namespace["choose"] = original
    return seen


def _time_core(
    refs: Sequence[RawReference], candidates: dict[str, list[Record]], passes: int
) -> float:
    """CPU seconds to parse, choose among the captured candidates, and compare, ``passes`` times."""
    started = time.process_time()
    for _ in range(passes):
        for ref in refs:
            citation = parse_reference(ref)
            decision = choose(citation, candidates.get(citation.raw, []))
            if decision.match is not None:
                compare(citation, decision.match.record)
    return time.process_time() - started


async def _profile(
    refs: Sequence[RawReference], resolver: Resolver
) -> tuple[float, tuple[Hotspot, ...], tuple[Hotspot, ...]]:
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    await verify_references(refs, resolver)
    profiler.disable()
    elapsed = time.perf_counter() - started
    entries = profile_entries(pstats.Stats(profiler))
    return elapsed, project_hotspots(entries), own_time_hotspots(entries)


def profile_entries(stats: pstats.Stats) -> list[tuple[str, bool, Hotspot]]:
    """Every profiled function as (label, in the project?, figures)."""
    raw: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    entries = []
    for (filename, line, name), (_, calls, own, cumulative, _) in raw.items():
        label, in_project = _label(filename, line, name)
        entries.append((label, in_project, Hotspot(label, int(calls), cumulative, own)))
    return entries


def project_hotspots(
    entries: Sequence[tuple[str, bool, Hotspot]], limit: int = HOTSPOTS
) -> tuple[Hotspot, ...]:
    """The project's functions (``app/``, ``clients/``) by cumulative time.

    Comprehension frames and the pipeline's entry points are left out: they wrap everything.
    """
    spots = [
        spot
        for label, in_project, spot in entries
        if in_project and not any(f"({name})" in label for name in _WRAPPERS)
    ]
    return tuple(sorted(spots, key=lambda h: h.cumulative_s, reverse=True)[:limit])


def own_time_hotspots(
    entries: Sequence[tuple[str, bool, Hotspot]], limit: int = HOTSPOTS
) -> tuple[Hotspot, ...]:
    """Any function (libraries and built-ins too) by the time spent in its own body."""
    spots = [spot for _, _, spot in entries]
    return tuple(sorted(spots, key=lambda h: h.own_s, reverse=True)[:limit])


def _label(filename: str, line: int, name: str) -> tuple[str, bool]:
    """``app/names.py:64(surname_relation)``; ``anyascii/__init__.py:23(anyascii)``."""
    if filename == "~":
        return name, False  # a built-in: "<method 'sub' of 're.Pattern' objects>"
    path = Path(filename)
    try:
        relative = path.resolve().relative_to(REPO)
    except ValueError:
        relative = Path(*path.parts[-2:])
    else:
        if relative.parts[0] in {"app", "clients"}:
            return f"{relative}:{line}({name})", True
        if ".venv" in relative.parts:
            relative = Path(*relative.parts[relative.parts.index("site-packages") + 1 :])
    return f"{relative}:{line}({name})", False
