"""``refcheck fix``: registered values written back, only where the match is certain."""

from __future__ import annotations

import pytest

from app.fix import FIX_MIN_CONFIDENCE, NotFixable, correction_for, fix_text, unified_diff
from app.formats import InputFormat
from app.models import (
    FieldName,
    Match,
    Mismatch,
    Report,
    Result,
    Severity,
    SourceLocation,
    Status,
)
from tests.report.reports import GUPTA_RECORD

BIB = """@article{gupta2009,
  author  = {Gupta, G. P. and Massagu{\\`e}, J.},
  journal = {Cell},
  year    = 2009,
  volume  = {127},
  pages   = {679--695},
}

@article{weinberg2007,
  title = {The biology of cancer},
  year  = {2007},
}
"""
YEAR = Mismatch(FieldName.YEAR, "2009", "2006", Severity.ERROR, "year cited 2009, registered 2006")
SPELLING = Mismatch(
    FieldName.AUTHORS, "Massaguè J", "Massagué J", Severity.INFO, "author 2 spelled Massaguè J"
)


def gupta(confidence: float = 1.0, *, line: int = 1, end: int = 7, **fields: object) -> Result:
    values: dict[str, object] = {
        "status": Status.MISMATCH,
        "match": Match(GUPTA_RECORD, confidence),
        "mismatches": (YEAR, SPELLING),
        "suggestion": "Gupta GP, Massagué J. Cell. 2006;127(4):679-95.",
        "location": SourceLocation(line=line, end_line=end, path="refs.bib", key="gupta2009"),
        "label": "gupta2009",
        **fields,
    }
    return Result(1, "Gupta GP, Massaguè J. Cell. 2009;127:679-695.", **values)


WEINBERG = Result(
    2, "Weinberg RA. The biology of cancer. 2007.", Status.NOT_FOUND,
    location=SourceLocation(line=9, end_line=12, path="refs.bib", key="weinberg2007"),
    label="weinberg2007",
)  # fmt: skip


def test_a_certain_match_gets_its_wrong_fields_and_missing_doi_written() -> None:
    outcome = fix_text(BIB, InputFormat.BIBTEX, Report.from_results([gupta(), WEINBERG]))
    assert outcome.text.splitlines()[:8] == [
        "@article{gupta2009,",
        "  author  = {Gupta, G. P. and Massagu{\\`e}, J.},",
        "  journal = {Cell},",
        "  year    = 2006,",
        "  volume  = {127},",
        "  pages   = {679--695},",
        "  doi     = {10.1016/j.cell.2006.11.001},",
        "}",
    ]
    assert [(f.label, f.fields) for f in outcome.fixed] == [("gupta2009", ("year", "doi"))]


def test_references_not_found_are_left_as_written_and_listed() -> None:
    outcome = fix_text(BIB, InputFormat.BIBTEX, Report.from_results([gupta(), WEINBERG]))
    assert outcome.text.endswith(BIB.split("\n\n", 1)[1])
    assert outcome.left == ("weinberg2007",)


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(gupta(FIX_MIN_CONFIDENCE - 0.01), id="confidence-below-0.9"),
        pytest.param(gupta(status=Status.AMBIGUOUS), id="ambiguous"),
        pytest.param(gupta(location=None), id="no-location"),
    ],
)
def test_a_reference_without_a_certain_match_is_never_touched(result: Result) -> None:
    outcome = fix_text(BIB, InputFormat.BIBTEX, Report.from_results([result]))
    assert outcome.text == BIB
    assert outcome.fixed == ()


def test_info_level_differences_are_not_corrected() -> None:
    correction = correction_for(gupta(), free_text=False)
    assert correction is not None
    assert correction.renamed == ()


def test_a_text_reference_becomes_the_suggestion_after_its_number() -> None:
    text = "References\n  12. 12.\n    Gupta GP, Massaguè J. Cell. 2009;127:679–95.\nEnd\n"
    result = gupta(line=2, end=3)
    outcome = fix_text(text, InputFormat.TEXT, Report.from_results([result]))
    assert outcome.text == (
        "References\n  12. 12.\n    Gupta GP, Massagué J. Cell. 2006;127(4):679-95.\nEnd\n"
    )


def test_a_check_only_format_is_refused_with_the_writable_ones() -> None:
    with pytest.raises(NotFixable, match="bibtex, markdown, ris, text"):
        fix_text("[]", InputFormat.CSL_JSON, Report.from_results([]))


def test_the_dry_run_diff_is_a_unified_diff() -> None:
    outcome = fix_text(BIB, InputFormat.BIBTEX, Report.from_results([gupta()]))
    diff = unified_diff(BIB, outcome.text, path="refs.bib")
    assert diff.splitlines()[:2] == ["--- a/refs.bib", "+++ b/refs.bib"]
    assert "-  year    = 2009,\n+  year    = 2006,\n" in diff
