"""The report as JUnit XML: one test case per reference, for CI test-result views.

A reference whose findings fail the check (``--fail-on``) is a ``<failure>`` whose message
is its first failing finding and whose text lists all of them plus the suggested correction;
an unprocessable reference is an ``<error>``; an unchecked one (upstream down) is
``<skipped>``; every other reference passes, its notes (info-level differences) in
``<system-out>``. The suite is named for the file::

    <testsuite name="refcheck: refs.bib" tests="40" failures="9" errors="0" skipped="0">
      <testcase classname="refs.bib" name="[gupta2009] Gupta GP, Massaguè J. Cancer meta...">
        <failure type="refcheck/year" message="reference gupta2009: year cited 2009, ...">
"""

from __future__ import annotations

import re
from typing import Final

from junitparser import Error, Failure, JUnitXml, Skipped, TestCase, TestSuite

from app.models import Report, Result, Status
from app.report.findings import UNPROCESSABLE, UNVERIFIED, FailOn, fails, findings_of

# XML 1.0 forbids C0 controls other than tab, newline and carriage return.
_NOT_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NAME_CHARS: Final = 80


def render_junit(
    report: Report, *, path: str | None = None, fail_on: FailOn = FailOn.WARNING
) -> str:
    """The whole report as a JUnit XML document (UTF-8, with declaration)."""
    source = path or "stdin"
    suite = TestSuite(f"refcheck: {source}")
    for result in report.results:
        suite.add_testcase(_case(result, source, fail_on))
    suite.update_statistics()  # type: ignore[no-untyped-call]
    document = JUnitXml("refcheck")
    document.add_testsuite(suite)
    document.update_statistics()  # type: ignore[no-untyped-call]
    body = document.tostring()  # type: ignore[no-untyped-call]
    text = body.decode("utf-8") if isinstance(body, bytes) else str(body)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text + "\n"


def _case(result: Result, source: str, fail_on: FailOn) -> TestCase:
    label = result.label or str(result.index)
    title = result.input if len(result.input) <= _NAME_CHARS else result.input[:_NAME_CHARS] + "..."
    case = TestCase(_safe(f"[{label}] {title}"), classname=source, time=0.0)
    found = list(findings_of(result))
    failing = [f for f in found if fails(f, fail_on)]
    details = [f"{f.level.value}: {f.message}" for f in found]
    if details and result.location is not None:
        details.insert(0, f"at {result.location.path or source}:{result.location.line}")
    if result.status is Status.ERROR:
        error = Error(_safe(found[0].message), UNPROCESSABLE.id)
        error.text = _safe("\n".join(details))
        case.result = [error]
    elif result.status is Status.UNVERIFIED and not failing:
        case.result = [Skipped(_safe(result.reason or "not checked"), UNVERIFIED.id)]
    elif failing:
        failure = Failure(_safe(failing[0].message), failing[0].rule.id)
        failure.text = _safe("\n".join(details))
        case.result = [failure]
    elif details:
        case.system_out = _safe("\n".join(details))
    return case


def _safe(text: str) -> str:
    return _NOT_XML.sub("", text)
