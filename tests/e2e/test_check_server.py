"""``refcheck check --server URL``: the same report and exit code as a local run, verified by a
running ``refcheck serve`` through its job API."""

from __future__ import annotations

import os
import pty
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import (
    CHAPTER,
    REFCHECK,
    CliRun,
    _free_port,
    refcheck_env,
    run_refcheck,
)
from tests.fake_upstream.server import FakeServer

pytestmark = pytest.mark.e2e

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"


@pytest.fixture(name="remote_chapter", scope="module")
def fixture_remote_chapter(fake: FakeServer, service: str) -> CliRun:
    fake.reset()
    return run_refcheck(fake, "check", str(CHAPTER), "--format", "json", "--server", service)


def test_the_chapter_checked_on_a_server_exits_1_like_a_local_run(remote_chapter: CliRun) -> None:
    assert remote_chapter.code == 1, remote_chapter.stderr
    assert remote_chapter.json()["summary"]["total"] == 68


VERDICT = ("index", "status", "match", "mismatches", "suggestion", "location", "findings")


def verdicts(run: CliRun) -> list[dict[str, Any]]:
    """Each result's verdict; a not-found's closest candidates depend on what else was searched
    with it (a job verifies in batches of 25), so they are left out."""
    return [{key: r[key] for key in VERDICT} for r in run.json()["results"]]


def test_a_server_run_reports_what_a_local_run_reports(
    remote_chapter: CliRun, fake: FakeServer
) -> None:
    fake.reset()
    local = run_refcheck(fake, "check", str(CHAPTER), "--format", "json")
    assert verdicts(remote_chapter) == verdicts(local)
    assert remote_chapter.json()["summary"] == local.json()["summary"]


def test_annotations_from_a_server_run_name_each_file_and_line(
    fake: FakeServer, service: str
) -> None:
    bib = str(FORMATS / "chapter.bib")
    run = run_refcheck(fake, "check", str(CHAPTER), bib, "--format", "github", "--server", service)
    assert run.code == 1, run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith(f"::error file={CHAPTER},line=") for line in lines)
    assert any(line.startswith(f"::error file={bib},line=") for line in lines)


def test_a_manuscript_the_server_cannot_read_exits_2_with_its_reason(
    fake: FakeServer, service: str, tmp_path: Path
) -> None:
    broken = tmp_path / "refs.ris"
    broken.write_text("no records here\n", encoding="utf-8")
    run = run_refcheck(fake, "check", str(broken), "--server", service)
    assert run.code == 2
    assert f"{broken}: no RIS records found" in run.stderr


def test_an_unreachable_server_exits_3_and_says_so(fake: FakeServer) -> None:
    nobody = f"http://127.0.0.1:{_free_port()}"
    run = run_refcheck(fake, "check", str(CHAPTER), "--server", nobody)
    assert run.code == 3
    assert f"refcheck: cannot reach {nobody}" in run.stderr


def test_a_person_at_a_terminal_sees_a_progress_bar_of_the_job(
    fake: FakeServer, service: str, tmp_path: Path
) -> None:
    fake.reset()
    report = tmp_path / "report.txt"
    args = ["check", str(CHAPTER), "--server", service, "--output", str(report)]
    code, screen = run_at_a_terminal([str(REFCHECK), *args], env=refcheck_env(fake))
    assert code == 1
    assert "checking references" in screen
    assert "/68" in screen
    assert report.read_text(encoding="utf-8").startswith("68 references:")


def run_at_a_terminal(command: list[str], *, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdin, stdout and stderr on a pseudo-terminal (``CI`` unset); the exit code and
    everything it drew, escape sequences removed."""
    env = {k: v for k, v in env.items() if k != "CI"}
    main, side = pty.openpty()
    process = subprocess.Popen(command, stdin=side, stdout=side, stderr=side, env=env)
    os.close(side)
    drawn = b""
    while chunk := _read_pty(main):
        drawn += chunk
    os.close(main)
    code = process.wait(timeout=60)
    return code, re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn.decode(errors="replace"))


def _read_pty(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # EIO: the process closed its side
        return b""
