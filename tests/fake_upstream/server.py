"""Start the fake upstream in a subprocess for end-to-end tests and benchmarks.

    with running_fake_upstream(["tests/data/chapter/records.jsonl"], rate_limit=False) as fake:
        run_cli(crossref_url=fake.crossref_url, pubmed_url=fake.pubmed_url)
        assert fake.stats()["sent_429"] == 0
        fake.configure(crossref={"down": True})

A subprocess (not a thread) keeps the server off the test's event loop and GIL, so timings
and concurrency are what a real client would see.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

REPO_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 30.0


class FakeServerError(RuntimeError):
    """The fake upstream did not start (or died) before printing READY."""


@dataclass(frozen=True, slots=True)
class FakeServer:
    """A running fake upstream and its back door."""

    base_url: str

    @property
    def crossref_url(self) -> str:
        return f"{self.base_url}/crossref"

    @property
    def pubmed_url(self) -> str:
        return f"{self.base_url}/eutils"

    def stats(self) -> dict[str, Any]:
        """The counters of ``GET /_control/stats``."""
        return dict(httpx.get(f"{self.base_url}/_control/stats").raise_for_status().json())

    def configure(self, **patch: Any) -> dict[str, Any]:
        """Merge ``patch`` into the live config, e.g. ``configure(fault_rate=0.2, seed=1)``."""
        reply = httpx.post(f"{self.base_url}/_control/config", json=patch).raise_for_status()
        return dict(reply.json())

    def reset(self) -> None:
        """Start-up config, empty counters and rate windows."""
        httpx.post(f"{self.base_url}/_control/reset").raise_for_status()


def _wait_for_ready(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise FakeServerError(f"fake upstream exited with {process.returncode}")
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            line = process.stdout.readline()
            if line.startswith("READY "):
                return line.split()[1]
    raise FakeServerError(f"fake upstream not ready after {STARTUP_TIMEOUT_S} s")


@contextmanager
def running_fake_upstream(data_files: Sequence[str | Path], **config: Any) -> Iterator[FakeServer]:
    """Run ``python -m tests.fake_upstream`` on a free port; ``config`` is a FakeConfig patch."""
    command = [
        sys.executable,
        "-m",
        "tests.fake_upstream",
        "--port",
        "0",
        "--config",
        json.dumps(config),
    ]
    for path in data_files:
        command += ["--data", str(Path(path).resolve())]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        yield FakeServer(_wait_for_ready(process))
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
