"""End-to-end fixtures: a real fake upstream on 127.0.0.1 and the real `refcheck` processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fake_upstream.server import FakeServer, running_fake_upstream

REPO = Path(__file__).resolve().parents[2]
CHAPTER = REPO / "tests" / "data" / "chapter" / "liver-metastasis-chapter.txt"
CHAPTER_RECORDS = REPO / "tests" / "data" / "chapter" / "records.jsonl"
REFCHECK = Path(sys.executable).parent / "refcheck"


@dataclass(frozen=True)
class CliRun:
    code: int
    stdout: str
    stderr: str

    def json(self) -> dict[str, Any]:
        return dict(json.loads(self.stdout))


def refcheck_env(fake: FakeServer, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFCHECK_")}
    env.update(
        REFCHECK_CROSSREF_URL=fake.crossref_url,
        REFCHECK_PUBMED_URL=fake.pubmed_url,
        REFCHECK_MAILTO="e2e@example.org",
        REFCHECK_CACHE_PATH="none",
        REFCHECK_RETRY_ATTEMPTS="2",
        REFCHECK_RETRY_MAX_ELAPSED_S="3",
    )
    env.update(extra)
    return env


def run_refcheck(fake: FakeServer, *args: str, stdin: str | None = None, **env: str) -> CliRun:
    done = subprocess.run(
        [str(REFCHECK), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=refcheck_env(fake, **env),
        timeout=120,
        check=False,
    )
    return CliRun(done.returncode, done.stdout, done.stderr)


@pytest.fixture(name="fake", scope="session")
def fixture_fake() -> Iterator[FakeServer]:
    """The fake upstream with the chapter's records, enforcing the published rate limits."""
    with running_fake_upstream([CHAPTER_RECORDS]) as fake:
        yield fake


@pytest.fixture(name="healthy_fake")
def fixture_healthy_fake(fake: FakeServer) -> Iterator[FakeServer]:
    """The session's fake, reset to a healthy state before and after the test."""
    fake.reset()
    yield fake
    fake.reset()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(name="service", scope="session")
def fixture_service(fake: FakeServer) -> Iterator[str]:
    """`refcheck serve` running for real (uvicorn) against the fake upstream."""
    port = _free_port()
    process = subprocess.Popen(
        [str(REFCHECK), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=refcheck_env(fake),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"refcheck serve did not start: {process.stderr.read()}")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
