"""``python -m benchmarks.workers [--quick] [--workers 1 2 4] [--references 500] [--jobs 10]``:
run, print the table, write the JSON.

Exits 0 when every job came back whole (each reference exactly once, every job done), 1
otherwise; the timings are reported, never judged.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.upstream.runner import DEV_CORPUS
from benchmarks.workers.runner import Options, run_benchmark
from benchmarks.workers.table import render

RESULTS = Path(__file__).resolve().parent / "results"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.workers", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="1 and 2 workers, 100 references in 4 jobs"
    )
    parser.add_argument("--workers", type=int, nargs="+", help="worker counts (1 2 4)")
    parser.add_argument("--references", type=int, help="references in the list (500)")
    parser.add_argument("--jobs", type=int, help="jobs the list is split into (10)")
    parser.add_argument(
        "--warm-rounds", type=int, default=3, help="warm rounds; the median is shown (3)"
    )
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS, help="dev-corpus JSONL")
    parser.add_argument("--seed", type=int, default=4, help="seed of the list and its errors")
    parser.add_argument("--json", type=Path, help="where to write the JSON (default results/)")
    return parser.parse_args(argv)


def options_of(args: argparse.Namespace) -> Options:
    """``--quick``'s sizes or the full ones, with any size given explicitly taking precedence.

    >>> options_of(parse_args(["--quick", "--jobs", "2"])).jobs
    2
    """
    base = Options.quick() if args.quick else Options()
    given = {
        "workers": tuple(args.workers) if args.workers else None,
        "references": args.references,
        "jobs": args.jobs,
    }
    chosen = {name: value for name, value in given.items() if value is not None}
    return dataclasses.replace(
        base, warm_rounds=args.warm_rounds, corpus=args.corpus, seed=args.seed, **chosen
    )


def command_of(argv: list[str]) -> str:
    return " ".join(["python -m benchmarks.workers", *argv])


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    args = parse_args(arguments)
    options = options_of(args)
    with tempfile.TemporaryDirectory(prefix="refcheck-workers-") as workdir:
        report = run_benchmark(options, Path(workdir), command=command_of(arguments))
    print(render(report))
    path = args.json or RESULTS / ("quick.json" if args.quick else "latest.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report.to_json(), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"\nJSON: {path}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
