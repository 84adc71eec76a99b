"""GitHub workflow commands: one annotation line per finding, escaped as GitHub reads them."""

from __future__ import annotations

import pytest

from app.report.findings import findings
from app.report.github import escape_data, escape_property, render_github
from tests.report.reports import sample_report


def test_each_finding_is_one_annotation_on_the_reference_lines() -> None:
    lines = render_github(findings(sample_report())).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::notice", "::error", "::error", "::warning",
    ]  # fmt: skip
    assert lines[1] == (
        "::error file=refs.bib,line=9,endLine=16,title=refcheck/year::reference gupta2009: "
        "year cited 2009, registered 2006; suggested: Gupta GP, Massagué J. ... Cell. "
        "2006;127(4):679-95."
    )


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        pytest.param("50%", "50%25", "50%25", id="percent"),
        pytest.param("a\r\nb", "a%0D%0Ab", "a%0D%0Ab", id="newlines"),
        pytest.param("C:\\refs,v2.bib", "C:\\refs,v2.bib", "C%3A\\refs%2Cv2.bib", id="colon-comma"),
    ],
)
def test_messages_and_properties_are_escaped(text: str, data: str, prop: str) -> None:
    assert (escape_data(text), escape_property(text)) == (data, prop)


def test_no_findings_print_nothing() -> None:
    assert render_github(iter(())) == ""
