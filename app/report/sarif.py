"""The report as SARIF 2.1.0, for code-scanning views (GitHub code scanning and others).

One run of the tool ``refcheck``; its rules are the finding kinds of
:mod:`app.report.findings`; one result per finding (each mismatch, each reference not found,
ambiguous, unchecked or unprocessable) at its level (error, warning, note), located at the
reference's file and lines. The suggested correction rides in the message and in the
result's ``properties``::

    {"ruleId": "refcheck/year", "level": "error",
     "message": {"text": "reference gupta2009: year cited 2009, registered 2006; suggested: ..."},
     "locations": [{"physicalLocation": {"artifactLocation": {"uri": "refs.bib"},
                                         "region": {"startLine": 12, "endLine": 20}}}]}
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, Final

from app.models import Severity
from app.report.findings import RULES, CheckItem

SARIF_SCHEMA: Final = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVELS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_RULE_INDEX: Final = {rule.id: i for i, rule in enumerate(RULES)}


def render_sarif(report_findings: list[CheckItem], *, version: str) -> str:
    """A SARIF log (JSON text) of the findings."""
    return (
        json.dumps(sarif_log(report_findings, version=version), indent=2, ensure_ascii=False) + "\n"
    )


def sarif_log(report_findings: list[CheckItem], *, version: str) -> dict[str, Any]:
    """The SARIF log as a JSON-ready dict."""
    driver = {
        "name": "refcheck",
        "version": version,
        "rules": [
            {
                "id": rule.id,
                "name": rule.id.removeprefix("refcheck/")
                .replace("-", " ")
                .title()
                .replace(" ", ""),
                "shortDescription": {"text": rule.description},
            }
            for rule in RULES
        ],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": [_result(f) for f in report_findings]}],
    }


def _result(finding: CheckItem) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule.id,
        "ruleIndex": _RULE_INDEX[finding.rule.id],
        "level": _LEVELS[finding.level],
        "message": {"text": finding.message},
    }
    location = finding.result.location
    if location is not None and location.path:
        region = {"startLine": max(location.line, 1)}
        if location.end_line is not None and location.end_line >= region["startLine"]:
            region["endLine"] = location.end_line
        result["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": PurePath(location.path).as_posix()},
                    "region": region,
                }
            }
        ]
    properties: dict[str, Any] = {"reference": finding.result.label or str(finding.result.index)}
    if location is not None and location.key:
        properties["key"] = location.key
    if finding.result.suggestion:
        properties["suggestion"] = finding.result.suggestion
    result["properties"] = properties
    return result


__all__ = ["SARIF_SCHEMA", "render_sarif", "sarif_log"]
