"""The pipeline, top to bottom: extract -> parse -> resolve -> match -> compare -> report.

Both edges (the HTTP API and the CLI) call :func:`verify_text` or :func:`verify_references`
and only translate the :class:`Report`. One broken reference never sinks the list: a reference
the parser chokes on becomes an ``error`` result and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from app.compare import compare
from app.extract import extract_references
from app.models import Citation, Match, RawReference, Report, Result, Severity, Status
from app.normalize import clean_text
from app.parsing import parse_reference
from app.queries import worth_a_search
from app.resolve import ProgressCallback, Resolution, Resolver
from app.suggest import suggest

logger = logging.getLogger(__name__)

# Mismatch severities that make a reference "mismatch" rather than "verified".
_FAILING = frozenset({Severity.ERROR, Severity.WARNING})


async def verify_text(
    text: str,
    resolver: Resolver,
    *,
    path: str | None = None,
    on_progress: ProgressCallback | None = None,
) -> Report:
    """Verify every reference found in a manuscript or a reference section."""
    return await verify_references(
        extract_references(text, path=path), resolver, on_progress=on_progress
    )


async def verify_references(
    references: Sequence[RawReference],
    resolver: Resolver,
    *,
    on_progress: ProgressCallback | None = None,
) -> Report:
    """Verify references already split into items (one string each)."""
    results: list[Result] = []
    citations: list[Citation] = []
    for ref in references:
        try:
            citations.append(parse_reference(ref))
        except Exception as exc:  # the parser is meant to be total; never lose the list for it
            logger.exception("parser failed on reference %s", ref.index)
            results.append(_error(ref, f"could not parse this reference ({type(exc).__name__})"))

    # The same work cited twice is resolved once.
    unique: dict[str, Citation] = {}
    for citation in citations:
        unique.setdefault(_dedup_key(citation), citation)
    resolutions = await resolver.resolve(list(unique.values()), on_progress=on_progress)
    by_key = dict(zip(unique, resolutions, strict=True))

    for citation in citations:
        try:
            results.append(_result(citation, by_key[_dedup_key(citation)]))
        except Exception as exc:
            logger.exception("comparison failed on reference %s", citation.index)
            reason = f"could not compare this reference ({type(exc).__name__})"
            results.append(_make(citation, Status.ERROR, reason=reason))
    return Report.from_results(results)


def _dedup_key(citation: Citation) -> str:
    return clean_text(citation.raw).casefold()


def _result(citation: Citation, resolution: Resolution) -> Result:
    decision = resolution.decision
    if decision.kind == "matched" and decision.match is not None:
        mismatches = compare(citation, decision.match.record)
        failing = any(m.severity in _FAILING for m in mismatches)
        return _make(
            citation,
            Status.MISMATCH if failing else Status.VERIFIED,
            match=decision.match,
            mismatches=tuple(mismatches),
            suggestion=suggest(citation, decision.match.record) if failing else None,
        )
    if decision.kind == "ambiguous":
        return _make(
            citation, Status.AMBIGUOUS, match=_best(decision.alternatives), reason=decision.reason
        )
    if resolution.failures:
        reason = "upstream unavailable: " + "; ".join(resolution.failures)
        return _make(citation, Status.UNVERIFIED, reason=reason)
    if not worth_a_search(citation):
        reason = "too little to identify a record: no year or journal could be read"
        return _make(citation, Status.NOT_FOUND, reason=reason)
    return _make(citation, Status.NOT_FOUND, reason=decision.reason)


def _make(citation: Citation, status: Status, **fields: Any) -> Result:
    return Result(
        index=citation.index,
        input=citation.raw,
        status=status,
        location=citation.location,
        label=citation.label,
        **fields,
    )


def _best(alternatives: Sequence[Match]) -> Match | None:
    return max(alternatives, key=lambda m: m.confidence, default=None)


def _error(ref: RawReference, reason: str) -> Result:
    return Result(
        index=ref.index,
        input=ref.text,
        status=Status.ERROR,
        reason=reason,
        location=ref.location,
        label=ref.label,
    )
