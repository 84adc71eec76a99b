"""Did every job come back whole? Each submitted reference exactly once, in its own job.

A job's results must carry the indexes 1..n of its n references, once each, each result's
``input`` the reference as submitted, and the job must have ended ``done`` (not ``failed``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any


def job_problems(label: str, submitted: Sequence[str], job: Mapping[str, Any]) -> list[str]:
    """What is wrong with one finished job (``GET /v1/jobs/{id}``'s body); empty when whole.

    >>> job_problems("job 1", ["A.", "B."], {"status": "done", "results": [
    ...     {"index": 1, "input": "A."}, {"index": 1, "input": "A."}]})
    ['job 1: reference 1 reported 2 times', 'job 1: reference 2 missing']
    """
    problems = []
    if job.get("status") != "done":
        problems.append(f"{label}: status {job.get('status')!r}, error {job.get('error')!r}")
    results = job.get("results") or []
    counts = Counter(int(result["index"]) for result in results)
    expected = range(1, len(submitted) + 1)
    for index in expected:
        if counts[index] > 1:
            problems.append(f"{label}: reference {index} reported {counts[index]} times")
        elif counts[index] == 0:
            problems.append(f"{label}: reference {index} missing")
    problems += [f"{label}: unexpected index {i}" for i in sorted(set(counts) - set(expected))]
    for result in results:
        index = int(result["index"])
        if index in expected and result.get("input") != submitted[index - 1]:
            problems.append(f"{label}: reference {index} came back as another text")
    return problems


def round_problems(
    submitted: Sequence[Sequence[str]], jobs: Sequence[Mapping[str, Any]]
) -> list[str]:
    """The problems of every job of a round, job i checked against list i.

    >>> round_problems([["A."]], [{"status": "done", "results": [{"index": 1, "input": "A."}]}])
    []
    """
    if len(submitted) != len(jobs):
        return [f"{len(submitted)} jobs submitted, {len(jobs)} read back"]
    return [
        problem
        for number, (references, job) in enumerate(zip(submitted, jobs, strict=True), start=1)
        for problem in job_problems(f"job {number}", references, job)
    ]
