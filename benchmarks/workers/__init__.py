"""Worker-throughput benchmark (issue 9): references/s through durable jobs, 1/2/4 workers.

Run ``python -m benchmarks.workers`` (full) or ``--quick`` (1 and 2 workers, 100 references);
the README has the definitions.
"""
