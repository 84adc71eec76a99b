"""Run refcheck's real pipeline over a benchmark, against the fake upstream in-process.

The clients talk to the fake through ``httpx.ASGITransport`` (no sockets), with the fake's rate
limiting off and budgets high, no cache and no retry sleeps, so a run measures accuracy and
request counts, not waiting. References go through :func:`app.pipeline.verify_references` in
chunks, as a manuscript's list would.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, replace
from typing import Any, Final

import httpx

from app.formats import load_references
from app.formats.base import InputFormat
from app.models import Citation, RawReference, Result
from app.pipeline import verify_references
from app.resolve import Resolver
from benchmarks.accuracy.cases import Case
from benchmarks.accuracy.generator import Benchmark
from clients import CrossrefBudget, CrossrefClient, PubMedClient, RetryPolicy
from tests.fake_upstream import FakeConfig, Store, create_app

CHUNK_SIZE: Final = 100
BASE_URL: Final = "http://fake"
MAILTO: Final = "bench@example.org"


@dataclass(frozen=True, slots=True)
class Run:
    """The pipeline's result for every case (by case index), the fake's counters, wall time."""

    results: Mapping[int, Result]
    upstream_requests: Mapping[str, Mapping[str, int]]  # upstream -> request kind -> count
    wall_s: float


async def run_benchmark(bench: Benchmark, *, chunk_size: int = CHUNK_SIZE) -> Run:
    """Verify every case, ``chunk_size`` references per pipeline call."""
    fake = create_app(Store(bench.corpus.works), config=FakeConfig(rate_limit=False))
    started = time.perf_counter()
    results: dict[int, Result] = {}
    async with AsyncExitStack() as stack:
        crossref = await stack.enter_async_context(
            CrossrefClient(
                base_url=f"{BASE_URL}/crossref",
                mailto=MAILTO,
                budget=CrossrefBudget(single_per_s=1000, list_per_s=1000, concurrency=8),
                retry=RetryPolicy(attempts=2, base_delay_s=0),
                transport=httpx.ASGITransport(app=fake),
            )
        )
        pubmed = await stack.enter_async_context(
            PubMedClient(
                base_url=f"{BASE_URL}/eutils",
                email=MAILTO,
                rate_per_s=1000,
                retry=RetryPolicy(attempts=2, base_delay_s=0),
                transport=httpx.ASGITransport(app=fake),
            )
        )
        resolver = Resolver(crossref=crossref, pubmed=pubmed)
        for start in range(0, len(bench.cases), chunk_size):
            results.update(await _verify_chunk(bench.cases[start : start + chunk_size], resolver))
    wall_s = time.perf_counter() - started
    snapshot: dict[str, Any] = fake.state.gate.stats.snapshot()
    return Run(results=results, upstream_requests=snapshot["requests"], wall_s=wall_s)


async def _verify_chunk(cases: Sequence[Case], resolver: Resolver) -> dict[int, Result]:
    references = [_reference(i, c) for i, c in enumerate(cases, 1)]
    report = await verify_references(references, resolver)
    by_position = {r.index: r for r in report.results}
    return {case.index: by_position[i] for i, case in enumerate(cases, 1)}


def _reference(index: int, case: Case) -> RawReference | Citation:
    """A free-text case as a string; a BibTeX case through the BibTeX loader, field by field."""
    if case.style != "bibtex":
        return RawReference(index=index, text=case.text)
    (entry,) = load_references(case.text, input_format=InputFormat.BIBTEX)
    return replace(entry, index=index)
