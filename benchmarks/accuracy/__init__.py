"""The accuracy benchmark of issue 3: ``python -m benchmarks.accuracy`` (see README.md)."""
