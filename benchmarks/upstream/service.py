"""Latency of ``POST /v1/verify`` for the chapter's 68 references, served from a warm cache.

``refcheck serve`` (uvicorn, one worker) runs against the fake upstream with the cache the
chapter's CLI runs filled; the body is the chapter's text, as a manuscript would be sent.
One request warms the process (imports, lazy tables); then
``requests`` identical requests are timed one after another on a kept-alive connection,
measured at the client. On loopback that is the service time plus well under a millisecond of
transport, so the median is an upper bound on the service-side latency.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx

from benchmarks.upstream.runs import REFCHECK, REPO, refcheck_env
from tests.fake_upstream import FakeServer

STARTUP_TIMEOUT_S: Final = 30.0
REQUEST_TIMEOUT_S: Final = 120.0


class ServiceFailed(RuntimeError):
    """``refcheck serve`` did not come up, or answered a request with an error."""


@dataclass(frozen=True, slots=True)
class LatencyMeasurement:
    """Client-side latencies of identical warm requests, and what they cost upstream."""

    references: int
    latencies_s: tuple[float, ...]
    upstream_requests: int

    @property
    def median_s(self) -> float:
        return statistics.median(self.latencies_s)

    @property
    def p90_s(self) -> float:
        return statistics.quantiles(self.latencies_s, n=10)[-1]

    def to_json(self) -> dict[str, Any]:
        return {
            "references": self.references,
            "requests": len(self.latencies_s),
            "median_ms": round(self.median_s * 1000, 1),
            "p90_ms": round(self.p90_s * 1000, 1),
            "min_ms": round(min(self.latencies_s) * 1000, 1),
            "upstream_requests": self.upstream_requests,
        }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_service(fake: FakeServer, cache_path: Path) -> Iterator[str]:
    """``refcheck serve`` on a free loopback port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [*REFCHECK, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=refcheck_env(fake, cache_path),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServiceFailed(f"refcheck serve exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise ServiceFailed(f"refcheck serve not healthy after {STARTUP_TIMEOUT_S} s")


def measure_service_latency(
    fake: FakeServer, cache_path: Path, text: str, *, requests: int = 20
) -> LatencyMeasurement:
    """Time ``requests`` warm ``POST /v1/verify {"text": ...}`` calls (the whole chapter)."""
    body = {"text": text}
    with (
        running_service(fake, cache_path) as base,
        httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT_S) as client,
    ):
        references = _verify(client, body)  # warms the process
        fake.reset()
        latencies = []
        for _ in range(requests):
            started = time.perf_counter()
            _verify(client, body)
            latencies.append(time.perf_counter() - started)
    upstream = sum(n for kinds in fake.stats()["requests"].values() for n in kinds.values())
    return LatencyMeasurement(references, tuple(latencies), upstream)


def _verify(client: httpx.Client, body: dict[str, Any]) -> int:
    """Send one request; returns how many references the service verified."""
    reply = client.post("/v1/verify", json=body)
    if reply.status_code != 200:
        raise ServiceFailed(f"POST /v1/verify answered {reply.status_code}: {reply.text[:500]}")
    return int(reply.json()["summary"]["total"])
