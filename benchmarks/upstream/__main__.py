"""``python -m benchmarks.upstream [--quick]``: run, print the tables, write the JSON.

Exits 0 whatever the targets say (the table states the gaps); it fails only when a run
itself fails. The CI guard is ``tests/benchmarks/test_upstream_short.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from benchmarks.upstream.runner import DEV_CORPUS, Options, run_benchmark
from benchmarks.upstream.table import render
from benchmarks.upstream.targets import check_targets

RESULTS = Path(__file__).resolve().parent / "results"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.upstream", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the chapter only, cold and warm")
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS, help="dev-corpus JSONL")
    parser.add_argument("--size", type=int, default=500, help="references in the list")
    parser.add_argument("--seed", type=int, default=4, help="seed of the list and its errors")
    parser.add_argument("--json", type=Path, help="where to write the JSON (default results/)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    options = Options(quick=args.quick, corpus=args.corpus, size=args.size, seed=args.seed)
    command = "python -m benchmarks.upstream" + (" --quick" if args.quick else "")
    with tempfile.TemporaryDirectory(prefix="refcheck-bench-") as workdir:
        report = run_benchmark(options, Path(workdir), command=command)
    print(render(report))
    path = args.json or RESULTS / ("quick.json" if args.quick else "latest.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {**report.to_json(), "targets": [c.to_json() for c in check_targets(report)]}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nJSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
