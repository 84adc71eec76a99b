"""The workload: the upstream benchmark's reference list, dealt into consecutive jobs.

The list is :func:`benchmarks.upstream.reference_list.build_reference_list` over the dev corpus
(seeded, ~20 % of references with one error), and the fake upstream serves every corpus
record, exactly as in ``benchmarks/upstream``.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.upstream.reference_list import build_reference_list, load_records, write_fake_works


@dataclass(frozen=True, slots=True)
class Workload:
    """The jobs to submit (each a list of reference texts) and the fake's JSONL of works."""

    jobs: tuple[tuple[str, ...], ...]
    works: Path

    @property
    def references(self) -> int:
        return sum(len(job) for job in self.jobs)


def split_into_jobs(references: Sequence[str], jobs: int) -> tuple[tuple[str, ...], ...]:
    """Consecutive slices whose sizes differ by at most one, in list order; no empty job.

    >>> [len(job) for job in split_into_jobs([str(i) for i in range(7)], 3)]
    [2, 2, 3]
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    count = min(jobs, len(references))
    bounds = [i * len(references) // count for i in range(count + 1)] if count else [0]
    return tuple(tuple(references[a:b]) for a, b in itertools.pairwise(bounds))


def build_workload(corpus: Path, references: int, jobs: int, seed: int, workdir: Path) -> Workload:
    """``references`` corpus records rendered as citations, split into ``jobs`` jobs; the
    whole corpus written under ``workdir`` for the fake upstream to serve."""
    records = load_records(corpus)
    listed = build_reference_list(records, references, seed)
    works = write_fake_works(records, workdir / "works.jsonl")
    return Workload(split_into_jobs(listed.references, jobs), works)
