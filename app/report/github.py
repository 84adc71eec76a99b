"""The report as GitHub Actions workflow commands: annotations on the manuscript's lines.

One line per finding, ``::error`` / ``::warning`` / ``::notice`` by level::

    ::error file=refs.bib,line=12,endLine=20,title=refcheck%2Fyear::reference gupta2009: year ...

GitHub reads ``%``, CR and LF in the message as escapes (``%25``, ``%0D``, ``%0A``), and
also ``:`` and ``,`` in property values (``%3A``, ``%2C``); everything else is literal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from app.models import Severity
from app.report.findings import CheckItem

_COMMANDS: Final = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render_github(report_findings: Iterable[CheckItem]) -> str:
    """Every finding as one workflow command line (empty text when there are none)."""
    return "".join(annotation(f) + "\n" for f in report_findings)


def annotation(finding: CheckItem) -> str:
    """One ``::level properties::message`` line."""
    properties: list[tuple[str, str]] = []
    location = finding.result.location
    if location is not None and location.path:
        properties += [("file", location.path), ("line", str(location.line))]
        if location.end_line is not None and location.end_line > location.line:
            properties.append(("endLine", str(location.end_line)))
    properties.append(("title", finding.rule.id))
    rendered = ",".join(f"{k}={escape_property(v)}" for k, v in properties)
    return f"::{_COMMANDS[finding.level]} {rendered}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a message: ``%`` first, then CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
