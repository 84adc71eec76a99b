"""Integrity findings and not-found verdicts in the text report and the JSON document."""

from __future__ import annotations

from dataclasses import replace

from app.api.schemas import ResultOut
from app.models import (
    Finding,
    FindingKind,
    NotFoundEvidence,
    NotFoundKind,
    RejectedCandidate,
    Report,
    Severity,
    Status,
)
from app.report.text import render_text
from tests.integrity.works import ARTICLE, INVENTED_TEXT, result

RETRACTED = Finding(
    FindingKind.RETRACTED,
    Severity.ERROR,
    "the work was retracted; retraction notice (10.1/n, PMID 1)",
    doi="10.1/n",
    pmid="1",
)
EVIDENCE = NotFoundEvidence(
    basis=("a complete journal-article citation that no registered record resembles",),
    candidates=(
        RejectedCandidate(
            "10.1/x", None, "Other", 0.0012, ("different first author (registered X)",)
        ),
    ),
)
VERIFIED_RETRACTED = replace(result(1, Status.VERIFIED, ARTICLE), findings=(RETRACTED,))
FABRICATED = replace(
    result(2, Status.NOT_FOUND, text=INVENTED_TEXT),
    reason="closest: 10.1/x - confidence 0.00",
    not_found_kind=NotFoundKind.LIKELY_FABRICATED,
    not_found_evidence=EVIDENCE,
)
REPORT = Report.from_results([VERIFIED_RETRACTED, FABRICATED])


def test_a_verified_reference_with_a_finding_gets_a_block() -> None:
    block = render_text(REPORT).split("\n\n")[1]
    assert block.splitlines()[-1] == f"  retracted              error    {RETRACTED.message}"


def test_a_not_found_block_gives_the_verdict_and_the_closest_records() -> None:
    block = render_text(REPORT).split("\n\n")[2]
    assert block.splitlines()[-2:] == [
        "  verdict: likely fabricated (a complete journal-article citation that no registered "
        "record resembles)",
        "  closest: 10.1/x (0.00): different first author (registered X)",
    ]


def test_the_summary_counts_findings_and_verdicts() -> None:
    assert render_text(REPORT).splitlines()[1] == "findings: 1 likely fabricated, 1 retracted"


def test_the_json_result_carries_findings_and_the_verdict() -> None:
    retracted, fabricated = (ResultOut.of(r).model_dump(mode="json") for r in REPORT.results)
    assert retracted["findings"] == [
        {
            "kind": "retracted",
            "severity": "error",
            "message": RETRACTED.message,
            "doi": "10.1/n",
            "pmid": "1",
            "date": None,
            "related_index": None,
        }
    ]
    assert retracted["not_found_kind"] is None
    assert fabricated["not_found_kind"] == "likely_fabricated"
    assert fabricated["not_found_evidence"]["candidates"][0]["reasons"] == [
        "different first author (registered X)"
    ]
