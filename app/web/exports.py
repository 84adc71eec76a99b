"""Downloads and copies of a job's results: the corrected list and the CSV report.

The corrected list has one reference a line, in input order: the suggested correction where
there is one, else the reference as cited; a printed number is kept ("12. Gupta GP ..."), an
entry key (BibTeX "gupta2009cancer") is not.

CSV cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a
carriage return) get a leading apostrophe: "=HYPERLINK(...)" -> "'=HYPERLINK(...)".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from app.models import Result

CSV_COLUMNS = (
    "index",
    "label",
    "status",
    "reference",
    "problems",
    "suggestion",
    "reason",
    "doi",
    "pmid",
    "confidence",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def corrected_list(results: Iterable[Result]) -> str:
    """The reference list with every available correction applied, one reference a line."""
    lines = []
    for result in results:
        text = result.suggestion or result.input
        numbered = result.label is not None and result.label.isdigit()
        lines.append(f"{result.label}. {text}" if numbered else text)
    return "".join(line + "\n" for line in lines)


def csv_report(results: Iterable[Result]) -> str:
    """One row per reference; ``problems`` lists each mismatch as 'field: cited -> registered'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in results:
        record = r.match.record if r.match else None
        problems = "; ".join(
            f"{m.field.value} ({m.severity.value}): {m.cited or '—'} -> {m.found or '—'}"
            for m in r.mismatches
        )
        cells = [
            str(r.index),
            r.label or "",
            r.status.value,
            r.input,
            problems,
            r.suggestion or "",
            r.reason or "",
            (record.doi if record else None) or "",
            (record.pmid if record else None) or "",
            f"{r.match.confidence:.2f}" if r.match else "",
        ]
        writer.writerow([_defuse(cell) for cell in cells])
    return out.getvalue()


def _defuse(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
