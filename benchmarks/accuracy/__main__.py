"""Run the accuracy benchmark and print its table (issue 3).

    python -m benchmarks.accuracy                      # 300 records cited twice, seed 7
    python -m benchmarks.accuracy --n all --json benchmarks/accuracy/results/latest.json

Exit status 0 whatever the figures: the regression thresholds live in
``tests/benchmarks/test_accuracy_sample.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import shlex
import subprocess
import sys
from collections import Counter
from pathlib import Path

from benchmarks.accuracy.corpus import DEFAULT_CORPUS, load_records
from benchmarks.accuracy.evaluation import evaluate
from benchmarks.accuracy.failures import collect_failures
from benchmarks.accuracy.json_report import write_json
from benchmarks.accuracy.runner import CHUNK_SIZE
from benchmarks.accuracy.table import render_report
from benchmarks.accuracy.targets import check_targets


def _count(text: str) -> int | None:
    """``--n``: a positive number of records (each cited twice), or "all"."""
    if text == "all":
        return None
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("--n must be a positive number or 'all'")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__)
    parser.add_argument("--n", type=_count, default=300, help="records, or 'all'")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the result as JSON here")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="records.jsonl")
    parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE, help="references per call")
    parser.add_argument("--examples", type=int, default=10, help="failures listed per kind")
    return parser.parse_args(argv)


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    records = load_records(args.corpus)
    evaluation = asyncio.run(
        evaluate(records, n=args.n, seed=args.seed, chunk_size=args.chunk_size)
    )
    scores = evaluation.scores
    checks = check_targets(scores)
    failures = collect_failures(
        evaluation.outcomes, evaluation.bench.corpus, examples=args.examples
    )
    counts = Counter(case.category.value for case in evaluation.bench.cases)
    today = dt.date.today().isoformat()
    command = "python -m benchmarks.accuracy " + shlex.join(
        argv if argv is not None else sys.argv[1:]
    )
    title = (
        f"refcheck accuracy benchmark, {today}: seed {args.seed}, "
        + ", ".join(f"{n} {c}" for c, n in counts.items())
        + f" references; wall time {evaluation.run.wall_s:.1f} s\n$ {command.strip()}"
    )
    print(render_report(title, scores, checks, failures))
    if args.json:
        meta = {
            "date": today,
            "command": command.strip(),
            "seed": args.seed,
            "n": args.n,
            "references": dict(counts),
            "store_works": len(evaluation.bench.corpus.works),
            "wall_s": round(evaluation.run.wall_s, 1),
            "git_commit": _git_commit(),
        }
        write_json(args.json, meta=meta, scores=scores, checks=checks, failures=failures)


if __name__ == "__main__":
    main()
