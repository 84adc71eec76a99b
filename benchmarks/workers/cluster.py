"""A fresh deployment per worker count: Redis, one ``refcheck serve``, N ``refcheck worker``.

The processes come from ``tests/redis/several_processes.py``. The workers get the production
retry budget (the end-to-end environment shortens it) and the answer cache switched on, which
with ``REFCHECK_REDIS_URL`` set means the shared Redis cache (the path itself is unused).
A cluster is yielded only once every worker is reading the job stream, so no round pays for a
worker's start-up.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import redis

from app.settings import Settings
from tests.fake_upstream import FakeServer
from tests.redis.server import RedisServer
from tests.redis.several_processes import running_services, running_workers

READY_TIMEOUT_S: Final = 60.0
_READS: Final = frozenset({"xreadgroup", "xautoclaim"})


class ClusterFailed(RuntimeError):
    """A worker exited, or was not reading the job stream in time."""


@dataclass(frozen=True, slots=True)
class Cluster:
    """Where to submit jobs, the Redis they live in, and the worker processes' ids."""

    base: str
    redis_url: str
    worker_pids: tuple[int, ...]


def production_retry_env() -> dict[str, str]:
    """The settings' default retry budget, as worker environment variables."""
    fields = Settings.model_fields
    return {
        "REFCHECK_RETRY_ATTEMPTS": str(fields["retry_attempts"].default),
        "REFCHECK_RETRY_MAX_ELAPSED_S": str(fields["retry_max_elapsed_s"].default),
    }


@contextmanager
def running_cluster(workers: int, fake: FakeServer, workdir: Path) -> Iterator[Cluster]:
    """Start everything, wait until the workers listen, yield; stop everything after."""
    server = RedisServer().start()
    try:
        with (
            running_services(1, fake, redis_url=server.url, cache_dir=workdir) as [base],
            running_workers(
                workers,
                fake,
                redis_url=server.url,
                REFCHECK_CACHE_PATH=str(workdir / "cache-in-redis"),
                **production_retry_env(),
            ) as processes,
        ):
            _wait_until_listening(server.url, processes)
            yield Cluster(base, server.url, tuple(processes))
    finally:
        server.stop()


def _wait_until_listening(redis_url: str, processes: dict[int, subprocess.Popen[bytes]]) -> None:
    """Until Redis has one stream-reading connection per worker.

    Not the consumer group's consumers: Redis 7.0 registers a consumer only once a read has
    returned something, and an idle worker's blocking ``XREADGROUP`` returns nothing.
    """
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + READY_TIMEOUT_S
    try:
        while time.monotonic() < deadline:
            exited = [pid for pid, p in processes.items() if p.poll() is not None]
            if exited:
                raise ClusterFailed(f"worker process(es) {exited} exited during start-up")
            if _stream_readers(client) >= len(processes):
                return
            time.sleep(0.1)
    finally:
        client.close()
    raise ClusterFailed(f"{len(processes)} workers not listening after {READY_TIMEOUT_S} s")


def _stream_readers(client: redis.Redis) -> int:
    """Connections whose latest command is a worker's read of the stream (or its reclaim)."""
    return sum(c.get("cmd") in _READS for c in client.client_list())
