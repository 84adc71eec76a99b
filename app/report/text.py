"""The report for people: a count line, then one block per reference that needs attention.

    66 references: 52 verified, 9 mismatch, 4 not found, 1 unverified

    [12] MISMATCH  (matched 10.1016/j.cell.2006.11.001, PMID 17110329, confidence 0.97)
      Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95.
      authors  info     author 2 spelled Massaguè J, registered Massagué J
      year     error    cited 2009 -> registered 2006
      suggested: Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. ...

The layout is plain ASCII (names and titles keep their own letters); colour is optional ANSI.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Final

from app.models import (
    FieldName,
    Finding,
    Match,
    Mismatch,
    NotFoundEvidence,
    NotFoundKind,
    Report,
    Result,
    Severity,
    Status,
)

# Fields whose mismatch reads best as "cited X -> registered Y"; titles and authors read
# best as their message ("author 1 cited Huwitz H, registered Hurwitz H").
_VALUE_FIELDS: Final = frozenset(
    {FieldName.YEAR, FieldName.VOLUME, FieldName.ISSUE, FieldName.PAGES, FieldName.JOURNAL,
     FieldName.DOI}
)  # fmt: skip
_FIELD_WIDTH: Final = 9
_SEVERITY_WIDTH: Final = 9
_KIND_WIDTH: Final = 23  # "expression of concern" and two spaces
_NOTE_RE: Final = re.compile(r"\(([^()]*)\)\s*$")

_RESET: Final = "\033[0m"
_STATUS_COLOR: Final = {
    Status.VERIFIED: "\033[32m", Status.MISMATCH: "\033[33m", Status.NOT_FOUND: "\033[31m",
    Status.AMBIGUOUS: "\033[35m", Status.UNVERIFIED: "\033[33m", Status.ERROR: "\033[31m",
}  # fmt: skip
_SEVERITY_COLOR: Final = {
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    Severity.INFO: "\033[36m",
}


def render_text(report: Report, *, color: bool = False, verbose: bool = False) -> str:
    """The whole report as text ending in a newline.

    Verified references without findings are left out unless ``verbose`` (then one line each,
    plus any info-level notes); every other reference gets a block with its input, its
    mismatches, its integrity findings (retracted, corrected, duplicate ...), the reason it has
    no match (for a not-found reference: the verdict and the closest records), and the
    suggested correction.
    """
    blocks = [_summary(report)]
    for result in report.results:
        if result.status is Status.VERIFIED and not result.findings:
            if verbose:
                blocks.append(_verified(result, color=color))
        else:
            blocks.append(_block(result, color=color))
    return "\n\n".join(blocks) + "\n"


def _summary(report: Report) -> str:
    total = report.summary.get("total", len(report.results))
    counts = [
        f"{report.summary[s.value]} {s.value.replace('_', ' ')}"
        for s in Status
        if report.summary.get(s.value)
    ]
    noun = "reference" if total == 1 else "references"
    line = f"{total} {noun}: " + (", ".join(counts) if counts else "none")
    kinds = Counter(f.kind.value for r in report.results for f in r.findings)
    kinds.update(
        r.not_found_kind.value
        for r in report.results
        if r.not_found_kind not in (None, NotFoundKind.NOT_FOUND)
    )
    if not kinds:
        return line
    noted = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(kinds.items()))
    return f"{line}\nfindings: {noted}"


def _verified(result: Result, *, color: bool) -> str:
    lines = [_heading(result, color=color)]
    lines.extend(_mismatch_line(m, color=color) for m in result.mismatches)
    return "\n".join(lines)


def _block(result: Result, *, color: bool) -> str:
    lines = [_heading(result, color=color), f"  {result.input}"]
    if result.location is not None and result.location.path:
        lines.append(f"  at {result.location.path}:{result.location.line}")
    lines.extend(_mismatch_line(m, color=color) for m in result.mismatches)
    lines.extend(_finding_line(f, color=color) for f in result.findings)
    if result.not_found_evidence is not None:
        lines.extend(_verdict_lines(result, result.not_found_evidence))
    elif result.reason and result.status is not Status.MISMATCH:
        lines.append(f"  reason: {result.reason}")
    if result.suggestion:
        lines.append(f"  suggested: {result.suggestion}")
    return "\n".join(lines)


def _heading(result: Result, *, color: bool) -> str:
    label = result.label or str(result.index)
    status = _paint(result.status.value.upper(), _STATUS_COLOR[result.status], color)
    if result.match is None:
        return f"[{label}] {status}"
    verb = "matched" if result.status in (Status.VERIFIED, Status.MISMATCH) else "best candidate"
    return f"[{label}] {status}  ({verb} {_describe_match(result.match)})"


def _describe_match(match: Match) -> str:
    ids = [i for i in (match.record.doi, match.record.pmid and f"PMID {match.record.pmid}") if i]
    named = ", ".join(ids) if ids else f'"{(match.record.title or "untitled")[:60]}"'
    return f"{named}, confidence {match.confidence:.2f}"


def _mismatch_line(mismatch: Mismatch, *, color: bool) -> str:
    field = mismatch.field.value.ljust(_FIELD_WIDTH)
    severity = _paint(
        mismatch.severity.value.ljust(_SEVERITY_WIDTH), _SEVERITY_COLOR[mismatch.severity], color
    )
    return f"  {field}{severity}{_detail(mismatch)}"


def _detail(mismatch: Mismatch) -> str:
    """'cited 2009 -> registered 2006' for values (plus any note), else the message."""
    if mismatch.field not in _VALUE_FIELDS or mismatch.cited is None or mismatch.found is None:
        return mismatch.message
    note = _NOTE_RE.search(mismatch.message)
    suffix = f" ({note.group(1)})" if note else ""
    return f"cited {mismatch.cited} -> registered {mismatch.found}{suffix}"


def _finding_line(finding: Finding, *, color: bool) -> str:
    """'  retracted              error    the work was retracted; retraction notice (...)'."""
    kind = finding.kind.value.replace("_", " ").ljust(_KIND_WIDTH)
    severity = _paint(
        finding.severity.value.ljust(_SEVERITY_WIDTH), _SEVERITY_COLOR[finding.severity], color
    )
    return f"  {kind}{severity}{finding.message}"


def _verdict_lines(result: Result, evidence: NotFoundEvidence) -> list[str]:
    """'  verdict: likely fabricated (basis; basis)', then one line per closest record."""
    kind = (result.not_found_kind or NotFoundKind.NOT_FOUND).value.replace("_", " ")
    lines = [f"  verdict: {kind} ({'; '.join(evidence.basis)})"]
    lines.extend(
        f"  closest: {c.doi or (c.pmid and f'PMID {c.pmid}') or c.title} "
        f"({c.confidence:.2f}): {'; '.join(c.reasons)}"
        for c in evidence.candidates
    )
    return lines


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text
