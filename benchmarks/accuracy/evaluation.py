"""Generate, run and score in one call: what the command line and the regression test share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.accuracy.corpus import CorpusRecord
from benchmarks.accuracy.generator import Benchmark, generate
from benchmarks.accuracy.metrics import Scores, score
from benchmarks.accuracy.outcomes import Outcome
from benchmarks.accuracy.runner import CHUNK_SIZE, Run, run_benchmark


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A benchmark, the pipeline's run over it, each reference's outcome, and the scores."""

    bench: Benchmark
    run: Run
    outcomes: tuple[Outcome, ...]
    scores: Scores


async def evaluate(
    records: Sequence[CorpusRecord],
    *,
    n: int | None,
    seed: int,
    chunk_size: int = CHUNK_SIZE,
) -> Evaluation:
    """Build the benchmark for ``n`` records (all when None), each cited twice, and score a run."""
    bench = generate(records, n=n, seed=seed)
    run = await run_benchmark(bench, chunk_size=chunk_size)
    outcomes = tuple(Outcome(case, run.results[case.index]) for case in bench.cases)
    return Evaluation(bench, run, outcomes, score(outcomes, bench.corpus, run.upstream_requests))
