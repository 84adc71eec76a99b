"""Issue 8 end to end: `refcheck check` against the fake upstream serving notices and preprints.

One reference list (``REFERENCES``) is checked once by the real CLI, as JSON and as text; each
test reads one finding kind or not-found verdict from that run. The fake serves
``tests/data/integrity/works.jsonl``: a retracted article (Crossref title "RETRACTED: ...",
PubMed "Retracted Publication" + RetractionIn) and its notice, an article under an expression of
concern, a corrected article and its erratum, a withdrawn Cochrane review, a medRxiv preprint
and its published version, and a plain article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import CliRun, run_refcheck
from tests.fake_upstream.server import FakeServer, running_fake_upstream

pytestmark = pytest.mark.e2e

WORKS = Path(__file__).resolve().parents[1] / "data" / "integrity" / "works.jsonl"
REFERENCES = [
    "Lindgren EA, Osei K, Haraldsen I. Exosomal microRNA-21 drives hepatic metastasis of "
    "colorectal cancer. Cell. 2019;176(6):1302-15.",
    "Lindgren EA, Osei K, Haraldsen I. Retraction notice to: Exosomal microRNA-21 drives hepatic "
    "metastasis of colorectal cancer. Cell. 2021;184(13):3540.",
    "Brandt S, Kowalczyk T. Adjuvant oxaliplatin after resection of colorectal liver metastases: "
    "a randomised trial. J Clin Oncol. 2018;36(20):2011-9.",
    "Moreno L, Tanaka H, Dubois C. Parenchymal-sparing hepatectomy for colorectal liver "
    "metastases: a propensity score analysis. Ann Surg. 2018;268(5):801-9.",
    "Moreno L, Tanaka H, Dubois C. Correction to: Parenchymal-sparing hepatectomy for colorectal "
    "liver metastases: a propensity score analysis. Ann Surg. 2019;269(1):e12.",
    "Abdalla EK, Barnett CC. Portal vein embolisation before major hepatectomy. Cochrane "
    "Database Syst Rev. 2017;4:CD006039. doi:10.1002/14651858.CD006039.pub3",
    "Okonkwo A, Vargas M, Lindqvist M. Circulating tumour DNA predicts recurrence after liver "
    "resection for colorectal metastases. medRxiv. 2020. doi:10.1101/2020.06.01.20119123",
    "Solheim J, Dueland S, Line PD. Liver transplantation for unresectable colorectal liver "
    "metastases: long-term outcomes. Ann Surg Oncol. 2016;23(9):2870-8.",
    "Moreau P, Lindqvist M. Hepatic stellate cell exosomes predict recurrence after portal vein "
    "embolisation. Ann Surg Oncol. 2017;24(3):611-9. doi:10.1245/s10434-016-5123-4",
    "Solheim J, Dueland S, Line PD. Liver transplantation for unresectable colorectal liver "
    "metastases: long term outcomes. Ann Surg Oncol 2016;23:2870-2878.",
    "Okafor T, Lindqvist M, Brandt S. Stromal interleukin-33 signalling predicts early "
    "recurrence after hepatectomy. Ann Surg. 2019;270(4):611-9.",
    "Blumgart LH, Fong Y. Surgery of the liver and biliary tract. 3rd ed. London: WB Saunders; "
    "2000.",
]
LIST = "References\n\n" + "\n".join(f"{i}. {text}" for i, text in enumerate(REFERENCES, 1)) + "\n"


@pytest.fixture(name="integrity_fake", scope="module")
def fixture_integrity_fake() -> Iterator[FakeServer]:
    with running_fake_upstream([WORKS]) as fake:
        yield fake


@pytest.fixture(name="json_run", scope="module")
def fixture_json_run(integrity_fake: FakeServer) -> CliRun:
    return run_refcheck(integrity_fake, "check", "-", "--format", "json", stdin=LIST)


@pytest.fixture(name="results", scope="module")
def fixture_results(json_run: CliRun) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = json_run.json()["results"]
    assert [r["input"] for r in results] == REFERENCES
    return results


def _finding(result: dict[str, Any], kind: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [f for f in result["findings"] if f["kind"] == kind]
    assert len(found) == 1, result["findings"]
    return found[0]


def test_the_check_fails_and_keeps_the_status_vocabulary(
    json_run: CliRun, results: list[dict[str, Any]]
) -> None:
    assert json_run.code == 1, json_run.stderr
    assert [r["status"] for r in results] == ["verified"] * 8 + ["not_found", "verified"] + [
        "not_found"
    ] * 2


def test_a_retracted_article_is_an_error_naming_the_notice(results: list[dict[str, Any]]) -> None:
    finding = _finding(results[0], "retracted")
    assert (finding["severity"], finding["pmid"]) == ("error", "34100001")


def test_citing_the_retraction_notice_itself_is_recognised(results: list[dict[str, Any]]) -> None:
    finding = _finding(results[1], "cites_notice")
    assert (finding["severity"], finding["pmid"]) == ("warning", "31000001")


def test_an_expression_of_concern_is_a_warning(results: list[dict[str, Any]]) -> None:
    finding = _finding(results[2], "expression_of_concern")
    assert (finding["severity"], finding["pmid"]) == ("warning", "35000003")


def test_a_correction_is_info_naming_the_erratum(results: list[dict[str, Any]]) -> None:
    finding = _finding(results[3], "corrected")
    assert (finding["severity"], finding["pmid"]) == ("info", "30600005")


def test_citing_the_erratum_names_the_corrected_article(results: list[dict[str, Any]]) -> None:
    finding = _finding(results[4], "cites_notice")
    assert finding["pmid"] == "29000004"


def test_a_withdrawn_review_is_an_error_naming_the_withdrawal(
    results: list[dict[str, Any]],
) -> None:
    """Cited with its DOI, the Crossref record's ``updated-by`` withdrawal is seen too."""
    finding = _finding(results[5], "withdrawn")
    assert (finding["severity"], finding["doi"], finding["date"]) == (
        "error",
        "10.1002/14651858.cd006039.pub4",
        "2017-04-20",  # the Crossref notice's "updated" date
    )


def test_a_published_preprint_names_its_article(results: list[dict[str, Any]]) -> None:
    finding = _finding(results[6], "preprint_published")
    assert (finding["severity"], finding["doi"]) == ("info", "10.1038/s41591-021-01234-5")


def test_a_doi_of_another_work_is_an_error(results: list[dict[str, Any]]) -> None:
    finding = _finding(results[8], "doi_other_work")
    assert (finding["severity"], finding["doi"]) == ("error", "10.1245/s10434-016-5123-4")


def test_the_same_work_cited_twice_names_the_first_citation(
    results: list[dict[str, Any]],
) -> None:
    finding = _finding(results[9], "duplicate")
    assert (finding["severity"], finding["related_index"]) == ("warning", 8)
    assert results[7]["findings"] == []


def test_an_invented_article_is_likely_fabricated_with_its_evidence(
    results: list[dict[str, Any]],
) -> None:
    invented = results[10]
    assert invented["not_found_kind"] == "likely_fabricated"
    candidates = invented["not_found_evidence"]["candidates"]
    assert candidates
    assert all(c["reasons"] for c in candidates)


def test_a_book_is_not_indexed_rather_than_fabricated(results: list[dict[str, Any]]) -> None:
    assert results[11]["not_found_kind"] == "not_indexed"
    assert results[11]["not_found_evidence"]["basis"][0].startswith("book:")


def test_the_text_report_shows_findings_and_verdicts(integrity_fake: FakeServer) -> None:
    run = run_refcheck(integrity_fake, "check", "-", stdin=LIST)
    assert "  retracted              error    the work was retracted" in run.stdout
    assert "  verdict: likely fabricated (" in run.stdout
    assert run.stdout.splitlines()[1].startswith("findings: ")
