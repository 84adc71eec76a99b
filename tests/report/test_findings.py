"""Findings: one per mismatch or per reference without a verdict, and what fails a check."""

from __future__ import annotations

import pytest

from app.cli import ExitCode, exit_code_for
from app.models import Finding, FindingKind, Report, Result, Severity, Status
from app.report.findings import FailOn, fails, findings
from tests.report.reports import sample_report


def test_each_mismatch_and_each_reference_without_a_verdict_is_a_finding() -> None:
    assert [(f.rule.id, f.level) for f in findings(sample_report())] == [
        ("refcheck/authors", Severity.INFO),
        ("refcheck/year", Severity.ERROR),
        ("refcheck/not-found", Severity.ERROR),
        ("refcheck/unverified", Severity.WARNING),
    ]


def test_a_mismatch_finding_names_the_reference_and_carries_the_suggestion() -> None:
    year = list(findings(sample_report()))[1]
    assert year.message == (
        "reference gupta2009: year cited 2009, registered 2006; "
        "suggested: Gupta GP, Massagué J. ... Cell. 2006;127(4):679-95."
    )


@pytest.mark.parametrize(
    ("fail_on", "failing_rules"),
    [
        pytest.param(FailOn.ERROR, ["refcheck/year", "refcheck/not-found"], id="error"),
        pytest.param(FailOn.WARNING, ["refcheck/year", "refcheck/not-found"], id="warning"),
        pytest.param(FailOn.NEVER, [], id="never"),
    ],
)
def test_fail_on_decides_which_findings_fail(fail_on: FailOn, failing_rules: list[str]) -> None:
    assert [f.rule.id for f in findings(sample_report()) if fails(f, fail_on)] == failing_rules


@pytest.mark.parametrize(
    ("results", "fail_on", "code"),
    [
        pytest.param(slice(0, 4), FailOn.WARNING, ExitCode.MISMATCHES, id="errors-fail"),
        pytest.param(slice(0, 4), FailOn.NEVER, ExitCode.OK, id="never-fails"),
        pytest.param(slice(3, 4), FailOn.ERROR, ExitCode.UPSTREAM_UNAVAILABLE, id="upstream"),
        pytest.param(slice(0, 1), FailOn.WARNING, ExitCode.OK, id="info-passes"),
    ],
)
def test_the_exit_code_follows_fail_on(results: slice, fail_on: FailOn, code: ExitCode) -> None:
    report = Report.from_results(sample_report().results[results])
    assert exit_code_for(report, fail_on) is code


def test_a_retraction_on_a_verified_reference_fails_the_check() -> None:
    """A retracted work cited correctly is still an error for CI (rule refcheck/retracted)."""
    retracted = Result(
        index=1,
        input="Wakefield AJ, et al. Lancet. 1998;351:637-41.",
        status=Status.VERIFIED,
        findings=(
            Finding(
                FindingKind.RETRACTED, Severity.ERROR, "retracted (10.1016/x)", doi="10.1016/x"
            ),
        ),
    )
    report = Report.from_results([retracted])

    items = list(findings(report))

    assert [(i.rule.id, i.level) for i in items] == [("refcheck/retracted", Severity.ERROR)]
    assert exit_code_for(report, FailOn.ERROR) == ExitCode.MISMATCHES
