"""Benchmarks that measure refcheck as a whole; run each with ``python -m benchmarks.<name>``."""
