"""What one results-table row shows, computed from a :class:`Result` for the template.

The template only prints these fields; every string in them is plain text that Jinja escapes.
A row's ``level`` drives the page's filters: ``error`` (a mismatch of error severity, not
found, or not processable), ``warning`` (a mismatch of warning severity only, ambiguous, or
unverified because an upstream failed) and ``ok`` (verified).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from app.models import Mismatch, NotFoundKind, Result, Severity, Status
from app.web.diff import Segment, char_diff

Level = Literal["ok", "warning", "error"]

STATUS_TEXT: dict[Status, str] = {
    Status.VERIFIED: "Verified",
    Status.MISMATCH: "Mismatch",
    Status.NOT_FOUND: "Not found",
    Status.AMBIGUOUS: "Ambiguous",
    Status.UNVERIFIED: "Unverified",
    Status.ERROR: "Error",
}
# A shape beside the colour, so the status does not rest on colour alone.
STATUS_ICON: dict[Status, str] = {
    Status.VERIFIED: "✓",
    Status.MISMATCH: "✗",
    Status.NOT_FOUND: "?",
    Status.AMBIGUOUS: "≈",
    Status.UNVERIFIED: "!",
    Status.ERROR: "!",
}
_LEVEL_OF_STATUS: dict[Status, Level] = {
    Status.VERIFIED: "ok",
    Status.NOT_FOUND: "error",
    Status.ERROR: "error",
    Status.AMBIGUOUS: "warning",
    Status.UNVERIFIED: "warning",
}


@dataclass(frozen=True, slots=True)
class MismatchRow:
    field: str
    severity: str
    message: str
    cited: list[Segment]
    found: list[Segment]


@dataclass(frozen=True, slots=True)
class FindingRow:
    kind: str  # "retracted", "duplicate", ... (app.models.FindingKind)
    severity: str
    message: str


# How a not-found verdict reads on the page.
NOT_FOUND_TEXT: dict[NotFoundKind, str] = {
    NotFoundKind.LIKELY_FABRICATED: "Likely fabricated: nothing registered resembles it",
    NotFoundKind.NOT_INDEXED: "Not indexed: a book, report, abstract, website or dataset",
    NotFoundKind.NOT_FOUND: "Not found",
}


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    number: str  # the number as printed, else the position in the list
    key: str | None  # an entry key (BibTeX, RIS ID) when the input has one
    status: str
    status_text: str
    status_icon: str
    level: Level
    input: str
    mismatches: list[MismatchRow]
    suggestion: str | None
    reason: str | None
    doi: str | None
    doi_url: str | None
    pmid: str | None
    pubmed_url: str | None
    confidence_pct: int | None
    registered_title: str | None
    findings: list[FindingRow]
    verdict: str | None  # what a not-found reference most likely is


def level_of(result: Result) -> Level:
    """How serious a result is: a mismatch is an error if any field is, else a warning;
    an integrity finding (a retraction on a verified reference) raises the level too."""
    finding_levels = {f.severity for f in result.findings}
    if Severity.ERROR in finding_levels:
        return "error"
    if result.status is Status.MISMATCH:
        severe = any(m.severity is Severity.ERROR for m in result.mismatches)
        return "error" if severe else "warning"
    level = _LEVEL_OF_STATUS[result.status]
    return "warning" if level == "ok" and Severity.WARNING in finding_levels else level


def doi_url(doi: str) -> str:
    """The resolver link for a DOI, percent-encoded: 10.1000/a<b> -> .../10.1000/a%3Cb%3E."""
    return "https://doi.org/" + quote(doi, safe="/()._-;:")


def pubmed_url(pmid: str) -> str | None:
    """The PubMed page of a PMID; None for anything that is not all digits."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid.isdigit() else None


def row_of(result: Result) -> Row:
    record = result.match.record if result.match else None
    doi = record.doi if record else None
    pmid = record.pmid if record else None
    return Row(
        index=result.index,
        number=result.label if result.label and result.label.isdigit() else str(result.index),
        key=result.location.key if result.location else None,
        status=result.status.value,
        status_text=STATUS_TEXT[result.status],
        status_icon=STATUS_ICON[result.status],
        level=level_of(result),
        input=result.input,
        mismatches=[_mismatch_row(m) for m in result.mismatches],
        suggestion=result.suggestion,
        reason=result.reason,
        doi=doi,
        doi_url=doi_url(doi) if doi else None,
        pmid=pmid,
        pubmed_url=pubmed_url(pmid) if pmid else None,
        confidence_pct=round(result.match.confidence * 100) if result.match else None,
        registered_title=record.title if record else None,
        findings=[FindingRow(f.kind.value, f.severity.value, f.message) for f in result.findings],
        verdict=NOT_FOUND_TEXT[result.not_found_kind] if result.not_found_kind else None,
    )


def _mismatch_row(mismatch: Mismatch) -> MismatchRow:
    cited, found = char_diff(mismatch.cited or "", mismatch.found or "")
    return MismatchRow(
        field=mismatch.field.value,
        severity=mismatch.severity.value,
        message=mismatch.message,
        cited=cited,
        found=found,
    )
