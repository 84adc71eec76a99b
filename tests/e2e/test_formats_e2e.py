"""Every input format and every CI output, end to end: `refcheck` processes against the fake
upstream on 127.0.0.1 serving the example chapter's records.

The fixtures (tests/data/formats/) carry the chapter's deliberate errors, so each format must
find them at the right place: the file, the line, and the entry key where the format has one.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from jsonschema import Draft4Validator
from junitparser import JUnitXml

from tests.e2e.conftest import REFCHECK, REPO, CliRun, refcheck_env, run_refcheck
from tests.fake_upstream.server import FakeServer
from tests.formats.documents import chapter_references, make_docx, make_two_column_pdf

pytestmark = pytest.mark.e2e

DATA = REPO / "tests" / "data" / "formats"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def results(run: CliRun) -> dict[str, dict[str, Any]]:
    return {r["label"] or str(r["index"]): r for r in run.json()["results"]}


def failing_fields(result: dict[str, Any]) -> set[tuple[str, str | None, str | None]]:
    return {
        (m["field"], m["cited"], m["found"])
        for m in result["mismatches"]
        if m["severity"] != "info"
    }


@pytest.fixture(name="documents", scope="module")
def fixture_documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DOCX and a two-column PDF manuscript, written by python-docx and reportlab."""
    folder = tmp_path_factory.mktemp("documents")
    (folder / "manuscript.docx").write_bytes(make_docx(chapter_references(2, 13)))
    (folder / "manuscript.pdf").write_bytes(make_two_column_pdf(chapter_references(2, 40)))
    return folder


# file, references, a reference with its wrong field (cited, registered), a verified reference
CASES = [
    pytest.param("chapter.bib", 40, "gupta2009cancer", ("year", "2009", "2006"),
                 "fidler2003pathogenesis", id="bibtex"),
    pytest.param("chapter-zotero.ris", 16, "11", ("year", "2009", "2006"), "1", id="ris"),
    pytest.param("chapter-zotero.json", 16, "huwitz2005bevacizumab",
                 ("authors", "Huwitz H", "Hurwitz HI"), "hurwitz2004bevacizumab", id="csl-json"),
    pytest.param("chapter-article.xml", 40, "14", ("authors", "Nordliger B", "Nordlinger B"),
                 "1", id="jats"),
    pytest.param("chapter.tex", 12, "12", ("authors", "Schmelzie M", "Schmelzle M"), "1",
                 id="latex"),
    pytest.param("chapter.bbl", 10, "3", ("volume", "15", "120"), "1", id="bbl"),
    pytest.param("chapter.md", 12, "8", ("year", "2009", "2006"), "1", id="markdown"),
    pytest.param("manuscript.docx", 12, "11", ("year", "2009", "2006"), "1", id="docx"),
    pytest.param("manuscript.pdf", 39, "11", ("year", "2009", "2006"), "1", id="pdf-two-column"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "total", "wrong", "field", "verified"), CASES)
def test_each_format_is_verified_end_to_end(
    healthy_fake: FakeServer,
    documents: Path,
    name: str,
    total: int,
    wrong: str,
    field: tuple[str, str, str],
    verified: str,
) -> None:
    path = documents / name if name.startswith("manuscript") else DATA / name
    run = run_refcheck(healthy_fake, "check", str(path), "--format", "json")
    assert run.code == 1, run.stderr
    by_label = results(run)
    assert run.json()["summary"]["total"] == total
    assert run.json()["summary"]["error"] == 0
    assert field in failing_fields(by_label[wrong])
    assert by_label[wrong]["location"]["path"] == str(path)
    assert by_label[verified]["status"] == "verified", by_label[verified]
    assert all(r["location"] is not None for r in by_label.values())


def test_a_structured_reference_points_at_its_entry(healthy_fake: FakeServer) -> None:
    run = run_refcheck(healthy_fake, "check", str(DATA / "chapter.bib"), "--format", "json")
    gupta = results(run)["gupta2009cancer"]
    lines = (DATA / "chapter.bib").read_text(encoding="utf-8").splitlines()
    assert lines[gupta["location"]["line"] - 1] == "@article{gupta2009cancer,"
    assert gupta["location"]["key"] == "gupta2009cancer"
    assert gupta["match"]["doi"] == "10.1016/j.cell.2006.11.001"


def test_junit_has_one_case_per_reference(healthy_fake: FakeServer) -> None:
    run = run_refcheck(healthy_fake, "check", str(DATA / "chapter.bib"), "--format", "junit")
    assert run.code == 1
    suite = next(iter(JUnitXml.fromstring(run.stdout.encode("utf-8"))))
    assert suite.tests == 40
    assert suite.failures == 11  # 6 mismatches and 5 references not found


def test_sarif_from_the_cli_is_valid_against_the_official_schema(healthy_fake: FakeServer) -> None:
    run = run_refcheck(healthy_fake, "check", str(DATA / "chapter.bib"), "--format", "sarif")
    log = json.loads(run.stdout)
    assert [e.message for e in Draft4Validator(SARIF_SCHEMA).iter_errors(log)] == []
    year = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "refcheck/year")
    region = year["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == results_line(DATA / "chapter.bib", "gupta2009cancer")


def results_line(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(f"@article{{{key},"))


def test_github_annotations_point_at_file_and_line(healthy_fake: FakeServer) -> None:
    run = run_refcheck(
        healthy_fake, "check", str(DATA / "chapter-zotero.ris"), "--format", "github"
    )
    assert run.code == 1
    line = next(x for x in run.stdout.splitlines() if "title=refcheck/year" in x)
    assert re.fullmatch(
        r"::error file=.*chapter-zotero\.ris,line=\d+,endLine=\d+,title=refcheck/year::"
        r"reference 11: year cited 2009, registered 2006; suggested: .*",
        line,
    )


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [pytest.param("never", 0, id="never"), pytest.param("error", 1, id="error")],
)
def test_fail_on_sets_the_exit_status(healthy_fake: FakeServer, fail_on: str, code: int) -> None:
    run = run_refcheck(healthy_fake, "check", str(DATA / "chapter.bbl"), "--fail-on", fail_on)
    assert run.code == code


def test_machine_output_never_carries_a_progress_bar(healthy_fake: FakeServer) -> None:
    run = run_refcheck(healthy_fake, "check", str(DATA / "chapter.bbl"), "--format", "sarif")
    assert run.stdout.lstrip().startswith("{")
    assert "checking references" not in run.stderr


def test_fix_dry_run_prints_a_diff_and_changes_nothing(
    healthy_fake: FakeServer, tmp_path: Path
) -> None:
    bib = tmp_path / "refs.bib"
    shutil.copy(DATA / "chapter.bib", bib)
    run = run_refcheck(healthy_fake, "fix", str(bib), "--dry-run")
    assert run.code == 0, run.stderr
    assert bib.read_bytes() == (DATA / "chapter.bib").read_bytes()
    assert run.stdout.startswith(f"--- a/{bib}\n+++ b/{bib}\n")
    assert "-  year    = {2009},\n+  year    = {2006},\n" in run.stdout  # gupta2009cancer
    assert "-  volume  = {15},\n+  volume  = {120},\n" in run.stdout  # page2014surgical
    assert "+  doi     = {10.1002/cncr.28743},\n" in run.stdout
    assert "left for review: weinberg2007biology" in run.stderr


def test_fix_writes_the_corrections_and_the_file_then_checks_cleaner(
    healthy_fake: FakeServer, tmp_path: Path
) -> None:
    ris = tmp_path / "refs.ris"
    shutil.copy(DATA / "chapter-zotero.ris", ris)
    assert run_refcheck(healthy_fake, "fix", str(ris)).code == 0
    fixed = ris.read_bytes()
    assert fixed.startswith(b"\xef\xbb\xbf")  # the BOM and the CRLF lines are kept
    assert b"VL  - 120\r\n" in fixed
    after = run_refcheck(healthy_fake, "check", str(ris), "--format", "json")
    assert after.code == 0, after.stdout
    assert after.json()["summary"]["verified"] == 16


def test_the_example_workflow_command_runs_against_the_fake(
    healthy_fake: FakeServer, tmp_path: Path
) -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "refcheck.yml").read_text())
    steps = workflow["jobs"]["references"]["steps"]
    commands = [s["run"] for s in steps if "refcheck check" in s.get("run", "")]
    assert len(commands) == 2
    shutil.copy(DATA / "chapter.bib", tmp_path / "references.bib")
    env = refcheck_env(healthy_fake, REFERENCES="references.bib")
    env["PATH"] = f"{REFCHECK.parent}{os.pathsep}{env.get('PATH', '')}"
    check, sarif = (
        subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True,
            timeout=120, check=False,
        )
        for command in commands
    )  # fmt: skip
    assert check.returncode == 1
    assert "::error file=references.bib,line=" in check.stdout
    assert sarif.returncode == 0
    log = json.loads((tmp_path / "refcheck.sarif").read_text(encoding="utf-8"))
    assert Draft4Validator(SARIF_SCHEMA).is_valid(log)


def test_the_pre_commit_hook_checks_the_staged_reference_files(
    healthy_fake: FakeServer, tmp_path: Path
) -> None:
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    staged = ["refs.bib", "library.ris", "notes.py"]
    for name, source in zip(staged[:2], ["chapter.bib", "chapter-zotero.ris"], strict=True):
        shutil.copy(DATA / source, tmp_path / name)
    matched = [name for name in staged if re.search(hook["files"], name)]
    assert matched == ["refs.bib", "library.ris"]
    entry = hook["entry"].split()
    assert entry[0] == "refcheck"
    env = refcheck_env(healthy_fake)
    done = subprocess.run(
        [str(REFCHECK), *entry[1:], *hook["args"], *matched], cwd=tmp_path, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "56 references" in done.stdout
    assert "at refs.bib:" in done.stdout
    assert "at library.ris:" in done.stdout


def test_the_api_reads_bibtex_text_with_a_format(service: str) -> None:
    body = {"text": (DATA / "chapter.bbl").read_text(encoding="utf-8"), "format": "latex"}
    reply = httpx.post(f"{service}/v1/verify", json=body, timeout=120)
    assert reply.status_code == 200, reply.text
    assert reply.json()["summary"]["total"] == 10


def test_the_api_reads_an_uploaded_word_file(service: str, documents: Path) -> None:
    upload = {"file": ("manuscript.docx", (documents / "manuscript.docx").read_bytes())}
    reply = httpx.post(f"{service}/v1/verify/file", files=upload, timeout=120)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["summary"]["total"] == 12
    assert body["results"][10]["location"]["path"] == "manuscript.docx"


def test_the_api_refuses_an_unreadable_upload_with_a_reason(service: str) -> None:
    upload = {"file": ("refs.ris", b"this is not RIS")}
    reply = httpx.post(f"{service}/v1/verify/file", files=upload, timeout=30)
    assert reply.status_code == 422
    assert "no RIS records" in reply.json()["detail"]


def test_a_forced_input_format_that_does_not_fit_is_a_usage_error(
    healthy_fake: FakeServer, tmp_path: Path
) -> None:
    notes = tmp_path / "refs.txt"
    notes.write_text("Gupta GP, Massaguè J. Cell. 2009;127:679-95.\n", encoding="utf-8")
    run = run_refcheck(healthy_fake, "check", str(notes), "--input-format", "ris")
    assert run.code == 2
    assert (
        run.stderr.strip()
        == f'refcheck: {notes}: no RIS records found (each record starts with "TY  - ")'
    )


def test_a_terminal_gets_a_progress_bar_on_stderr_and_stdout_stays_clean(
    healthy_fake: FakeServer,
) -> None:
    primary, secondary = pty.openpty()
    env = {k: v for k, v in refcheck_env(healthy_fake).items() if k != "CI"}
    try:
        done = subprocess.run(
            [str(REFCHECK), "check", str(DATA / "chapter.bbl"), "--format", "json"],
            stdout=subprocess.PIPE, stderr=secondary, env=env, timeout=120, check=False,
        )  # fmt: skip
        os.close(secondary)
        terminal = _drain(primary)
    finally:
        os.close(primary)
    assert done.returncode == 1
    assert json.loads(done.stdout)["summary"]["total"] == 10
    assert "checking references" in terminal


def _drain(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO once the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")
