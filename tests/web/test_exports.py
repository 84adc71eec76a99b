"""The corrected list and the CSV report."""

from __future__ import annotations

import csv
import io

import pytest

from app.models import Result, Status
from app.web.exports import CSV_COLUMNS, corrected_list, csv_report
from tests.web.conftest import GUPTA_FIXED, gupta_result


def test_corrected_list_applies_suggestions_and_keeps_the_rest_as_cited() -> None:
    results = [
        Result(11, "Weinberg RA. The biology of cancer. 2007.", Status.NOT_FOUND, label="11"),
        gupta_result(),
        Result(13, "Author A. Unnumbered. 2001.", Status.VERIFIED),
        Result(14, "Key K. From BibTeX. 2002.", Status.VERIFIED, label="key2002"),
    ]
    assert corrected_list(results) == (
        "11. Weinberg RA. The biology of cancer. 2007.\n"
        f"12. {GUPTA_FIXED}\n"
        "Author A. Unnumbered. 2001.\n"
        "Key K. From BibTeX. 2002.\n"
    )


def test_corrected_list_of_nothing_is_empty() -> None:
    assert corrected_list([]) == ""


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_one_row_per_reference_with_its_problems() -> None:
    rows = read_csv(csv_report([gupta_result()]))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["status"] == "mismatch"
    assert rows[0]["problems"] == (
        "year (error): 2009 -> 2006; authors (info): Massaguè J -> Massagué J"
    )
    assert (rows[0]["doi"], rows[0]["pmid"], rows[0]["confidence"]) == (
        "10.1016/j.cell.2006.11.001",
        "17110329",
        "0.97",
    )


@pytest.mark.parametrize(
    ("cited", "written"),
    [
        pytest.param('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', id="equals"),
        pytest.param("+1 Smith", "'+1 Smith", id="plus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("Smith J. Title.", "Smith J. Title.", id="plain-text-unchanged"),
    ],
)
def test_csv_cells_cannot_run_as_spreadsheet_formulas(cited: str, written: str) -> None:
    rows = read_csv(csv_report([Result(1, cited, Status.NOT_FOUND)]))
    assert rows[0]["reference"] == written
