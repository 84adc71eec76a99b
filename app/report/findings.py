"""A report as CI check items: one per mismatch, per integrity finding, or per reference that
has no verdict.

The CI renderings (JUnit, SARIF, GitHub annotations) and the exit status all read the report
through this one flattening, so they agree on what is an error:

- each mismatch is a finding at its own severity (rule ``refcheck/<field>``, e.g.
  ``refcheck/year``), for verified references too (their mismatches are info); an error or
  warning carries the suggested correction;
- a reference not found is an error (``refcheck/not-found``): it may not exist as cited;
- an unprocessable reference is an error (``refcheck/unprocessable``);
- an ambiguous one is a warning (``refcheck/ambiguous``);
- each research-integrity finding (``app.models.Finding``: retracted, expression of concern,
  duplicate, ...) is an item at the severity ``app.integrity.SEVERITIES`` gives it (rule
  ``refcheck/<kind>``), whatever the reference's status: a verified but retracted reference
  fails the check;
- an unchecked one (an upstream failed) is a warning (``refcheck/unverified``), which the exit
  status counts apart: "Crossref is down" is not "your references are wrong".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from app.models import FieldName, FindingKind, Report, Result, Severity, Status


class FailOn(StrEnum):
    """The lowest finding level that fails a CI check (``--fail-on``)."""

    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class Rule:
    """What kind of finding it is: a stable id and a one-line description."""

    id: str
    description: str


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One thing to show in CI, tied to the reference it is about."""

    result: Result
    rule: Rule
    level: Severity
    message: str


FIELD_RULES: Final = {
    field: Rule(f"refcheck/{field.value}", f"Cited and registered {field.value} differ")
    for field in FieldName
}
FINDING_RULES: Final = {
    kind: Rule(f"refcheck/{kind.value.replace('_', '-')}", f"Research integrity: {kind.value}")
    for kind in FindingKind
}
NOT_FOUND: Final = Rule("refcheck/not-found", "No registered work matches the reference")
AMBIGUOUS: Final = Rule("refcheck/ambiguous", "Several registered works match the reference")
UNVERIFIED: Final = Rule("refcheck/unverified", "The reference could not be checked (upstream)")
UNPROCESSABLE: Final = Rule("refcheck/unprocessable", "The reference could not be processed")
RULES: Final = (
    *FIELD_RULES.values(),
    *FINDING_RULES.values(),
    NOT_FOUND,
    AMBIGUOUS,
    UNVERIFIED,
    UNPROCESSABLE,
)

_STATUS_RULES: Final = {
    Status.NOT_FOUND: (NOT_FOUND, Severity.ERROR),
    Status.AMBIGUOUS: (AMBIGUOUS, Severity.WARNING),
    Status.UNVERIFIED: (UNVERIFIED, Severity.WARNING),
    Status.ERROR: (UNPROCESSABLE, Severity.ERROR),
}
_RANK: Final = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def findings(report: Report) -> Iterator[CheckItem]:
    """Every finding of the report, in reference order."""
    for result in report.results:
        yield from findings_of(result)


def findings_of(result: Result) -> Iterator[CheckItem]:
    """The findings for one reference (none for a verified reference without notes)."""
    for mismatch in result.mismatches:
        message = f"{reference_name(result)}: {mismatch.message}"
        if result.suggestion and mismatch.severity is not Severity.INFO:
            message += f"; suggested: {result.suggestion}"
        yield CheckItem(result, FIELD_RULES[mismatch.field], mismatch.severity, message)
    for finding in result.findings:
        message = f"{reference_name(result)}: {finding.message}"
        yield CheckItem(result, FINDING_RULES[finding.kind], finding.severity, message)
    if result.status in _STATUS_RULES:
        rule, level = _STATUS_RULES[result.status]
        reason = f" ({result.reason})" if result.reason else ""
        yield CheckItem(
            result, rule, level, f"{reference_name(result)}: {result.status.value}{reason}"
        )


def reference_name(result: Result) -> str:
    """How a reference is named in a finding: "reference 12" or "reference gupta2009"."""
    return f"reference {result.label or result.index}"


def at_least(level: Severity, threshold: Severity) -> bool:
    """Whether ``level`` is as severe as ``threshold`` (error > warning > info)."""
    return _RANK[level] >= _RANK[threshold]


def fails(finding: CheckItem, fail_on: FailOn) -> bool:
    """Whether a finding fails the check; unchecked references never count as wrong."""
    if fail_on is FailOn.NEVER or finding.rule is UNVERIFIED:
        return False
    return at_least(finding.level, Severity(fail_on.value))
