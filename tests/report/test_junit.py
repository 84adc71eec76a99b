"""JUnit XML: one test case per reference, failures carrying the findings."""

from __future__ import annotations

from junitparser import Failure, JUnitXml, Skipped

from app.models import Report, Result, Status
from app.report.findings import FailOn
from app.report.junit import render_junit
from tests.report.reports import sample_report


def parsed(xml: str) -> JUnitXml:
    return JUnitXml.fromstring(xml.encode("utf-8"))


def test_there_is_one_test_case_per_reference_and_the_counts_add_up() -> None:
    suite = next(iter(parsed(render_junit(sample_report(), path="refs.bib"))))
    assert suite.name == "refcheck: refs.bib"
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (4, 2, 0, 1)


def test_a_mismatch_fails_with_its_rule_and_all_details() -> None:
    suite = next(iter(parsed(render_junit(sample_report(), path="refs.bib"))))
    gupta = next(case for case in suite if case.name.startswith("[gupta2009]"))
    [failure] = gupta.result
    assert isinstance(failure, Failure)
    assert failure.type == "refcheck/year"
    assert "at refs.bib:9" in (failure.text or "")
    assert "suggested: Gupta GP, Massagué J." in (failure.text or "")


def test_an_unchecked_reference_is_skipped_with_the_reason() -> None:
    suite = next(iter(parsed(render_junit(sample_report(), path="refs.bib"))))
    joyce = next(case for case in suite if case.name.startswith("[joyce2009]"))
    assert isinstance(joyce.result[0], Skipped)
    assert "503" in (joyce.result[0].message or "")


def test_with_fail_on_never_nothing_fails() -> None:
    suite = next(iter(parsed(render_junit(sample_report(), fail_on=FailOn.NEVER))))
    assert (suite.failures, suite.errors) == (0, 0)


def test_control_characters_from_a_pdf_never_break_the_xml() -> None:
    report = Report.from_results([Result(1, "Gupta\x0c GP\x00. Cell.", Status.NOT_FOUND)])
    suite = next(iter(parsed(render_junit(report))))
    assert [case.name for case in suite] == ["[1] Gupta GP. Cell."]
