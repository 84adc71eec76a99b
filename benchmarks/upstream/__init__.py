"""Upstream efficiency benchmark (issue 4): requests, 429s, wall time against the rate-limit floor.

Run ``python -m benchmarks.upstream`` (full, about two minutes) or ``--quick`` (the chapter
only, cold and warm, what CI runs); the README has the definitions.
"""
