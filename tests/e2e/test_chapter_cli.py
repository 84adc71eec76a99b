"""`refcheck check` on the example chapter, against a real fake upstream on 127.0.0.1."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import CHAPTER, CliRun, run_refcheck
from tests.fake_upstream.server import FakeServer

pytestmark = pytest.mark.e2e


@pytest.fixture(name="chapter_json", scope="module")
def fixture_chapter_json(fake: FakeServer) -> CliRun:
    fake.reset()
    return run_refcheck(fake, "check", str(CHAPTER), "--format", "json")


def result(run: CliRun, label: int) -> dict[str, Any]:
    return next(r for r in run.json()["results"] if r["label"] == str(label))


def mismatch(res: dict[str, Any], field: str) -> dict[str, Any]:
    return next(m for m in res["mismatches"] if m["field"] == field)


def test_the_chapter_exits_1_because_it_has_mismatches(chapter_json: CliRun) -> None:
    assert chapter_json.code == 1, chapter_json.stderr
    assert chapter_json.json()["summary"]["total"] == 68


def test_gupta_is_reported_cited_2009_registered_2006_with_its_doi(chapter_json: CliRun) -> None:
    gupta = result(chapter_json, 12)
    assert gupta["status"] == "mismatch"
    year = mismatch(gupta, "year")
    assert (year["cited"], year["found"], year["severity"]) == ("2009", "2006", "error")
    assert gupta["match"]["doi"] == "10.1016/j.cell.2006.11.001"
    assert "2006" in gupta["suggestion"]


def test_page_is_reported_volume_15_registered_120(chapter_json: CliRun) -> None:
    volume = mismatch(result(chapter_json, 4), "volume")
    assert (volume["cited"], volume["found"]) == ("15", "120")


def test_a_correct_reference_is_verified(chapter_json: CliRun) -> None:
    fidler = result(chapter_json, 2)
    assert fidler["status"] == "verified"
    assert fidler["mismatches"] == []


def test_a_reference_missing_from_both_upstreams_is_not_found(chapter_json: CliRun) -> None:
    book = result(chapter_json, 1)  # Weinberg, The biology of cancer (a book)
    assert book["status"] == "not_found"
    assert book["match"] is None


def test_results_come_in_input_order(chapter_json: CliRun) -> None:
    assert [r["index"] for r in chapter_json.json()["results"]] == list(range(1, 69))


def test_text_report_names_the_field_and_both_values(healthy_fake: FakeServer) -> None:
    run = run_refcheck(healthy_fake, "check", str(CHAPTER))
    assert run.code == 1
    assert "2009" in run.stdout
    assert "2006" in run.stdout
    assert "10.1016/j.cell.2006.11.001" in run.stdout


CORRECT_REFERENCES = (
    "Fidler IJ. The pathogenesis of cancer metastasis: the 'seed and soil' hypothesis revisited. "
    "Nat Rev Cancer. 2003;3:453–8.\n"
    "Joyce JA, Pollard JW. Microenvironmental regulation of metastasis. Nat Rev Cancer. "
    "2009;9:239–52.\n"
)


def test_correct_references_exit_0(healthy_fake: FakeServer) -> None:
    run = run_refcheck(healthy_fake, "check", "-", stdin=CORRECT_REFERENCES)
    assert run.code == 0, run.stdout + run.stderr


def test_upstreams_answering_503_give_unverified_and_exit_3(healthy_fake: FakeServer) -> None:
    healthy_fake.configure(crossref={"down": True}, pubmed={"down": True})
    run = run_refcheck(healthy_fake, "check", "-", "--format", "json", stdin=CORRECT_REFERENCES)
    assert run.code == 3, run.stdout + run.stderr
    results = run.json()["results"]
    assert [r["status"] for r in results] == ["unverified", "unverified"]
    assert all("503" in r["reason"] for r in results)
    assert all(r["mismatches"] == [] for r in results)


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        pytest.param(["check", "/nonexistent/refs.txt"], None, id="missing-file"),
        pytest.param(["check", "/"], None, id="directory"),
        pytest.param(["check", "-"], "", id="empty-stdin"),
    ],
)
def test_unreadable_input_exits_2_with_one_line(
    healthy_fake: FakeServer, args: list[str], stdin: str | None
) -> None:
    run = run_refcheck(healthy_fake, *args, stdin=stdin)
    assert run.code == 2
    assert run.stderr.strip().startswith("refcheck:")
    assert len(run.stderr.strip().splitlines()) == 1
