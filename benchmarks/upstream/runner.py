"""The two scenarios, each against its own fake upstream, and the report they make.

1. **The example chapter** (68 references) with the chapter's registered records: the CLI cold
   then warm, then (full run only) the service's warm latency over the same cache.
2. **The reference list** (500 dev-corpus records rendered as citations, ~20 % with an error)
   with every corpus record registered: the CLI cold then warm, then the CPU cost in-process
   over the cache the CLI runs filled.

The fake enforces the published limits (Crossref polite pool: 10 single-work and 3 list
requests/s, 3 concurrent; NCBI without a key: 3/s) and answers 429 to any excess.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from benchmarks.upstream.cpu import CpuMeasurement, measure_cpu
from benchmarks.upstream.reference_list import build_reference_list, load_records, write_fake_works
from benchmarks.upstream.report import BenchmarkReport
from benchmarks.upstream.runs import REPO, UpstreamRun, measure_cold_and_warm
from benchmarks.upstream.service import LatencyMeasurement, measure_service_latency
from tests.fake_upstream import running_fake_upstream

CHAPTER_TEXT: Final = REPO / "tests" / "data" / "chapter" / "liver-metastasis-chapter.txt"
CHAPTER_RECORDS: Final = REPO / "tests" / "data" / "chapter" / "records.jsonl"
DEV_CORPUS: Final = REPO.parent / "shared" / "dev-corpus" / "records.jsonl"


@dataclass(frozen=True, slots=True)
class Options:
    """What to run; the defaults are the documented full benchmark."""

    quick: bool = False  # the chapter only, cold and warm (CI)
    corpus: Path = DEV_CORPUS
    size: int = 500
    seed: int = 4
    cpu_passes: int = 3
    service_requests: int = 20


def run_benchmark(options: Options, workdir: Path, *, command: str) -> BenchmarkReport:
    """Run the scenarios ``options`` asks for, with every temporary file under ``workdir``."""
    date = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    chapter, latency = chapter_scenario(
        workdir, service_requests=None if options.quick else options.service_requests
    )
    if options.quick:
        return BenchmarkReport(date, command, chapter)
    listed, cpu = list_scenario(workdir, options)
    return BenchmarkReport(date, command, (*chapter, *listed), latency, cpu)


def chapter_scenario(
    workdir: Path, *, service_requests: int | None
) -> tuple[tuple[UpstreamRun, ...], LatencyMeasurement | None]:
    """The chapter cold and warm; the service's warm latency when ``service_requests`` is set."""
    cache = workdir / "chapter.sqlite3"
    with running_fake_upstream([CHAPTER_RECORDS]) as fake:
        runs = measure_cold_and_warm("chapter", fake, CHAPTER_TEXT, cache)
        latency = None
        if service_requests:
            text = CHAPTER_TEXT.read_text(encoding="utf-8")
            latency = measure_service_latency(fake, cache, text, requests=service_requests)
    return runs, latency


def list_scenario(
    workdir: Path, options: Options
) -> tuple[tuple[UpstreamRun, ...], CpuMeasurement]:
    """The generated reference list cold and warm, then its CPU cost over the warm cache."""
    records = load_records(options.corpus)
    references = build_reference_list(records, options.size, options.seed)
    works = write_fake_works(records, workdir / "works.jsonl")
    manuscript = workdir / "references.txt"
    manuscript.write_text(references.as_manuscript(), encoding="utf-8")
    cache = workdir / "list.sqlite3"
    with running_fake_upstream([works]) as fake:
        runs = measure_cold_and_warm("list", fake, manuscript, cache)
        cpu = measure_cpu(references.references, fake, cache, passes=options.cpu_passes)
    return runs, cpu
