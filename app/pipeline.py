"""The pipeline, top to bottom: extract -> parse -> resolve -> match -> compare -> report.

Both edges (the HTTP API and the CLI) call :func:`verify_text` or :func:`verify_references`
and only translate the :class:`Report`. One broken reference never sinks the list: a reference
that is empty, too long, or that the parser, the resolver or the comparator chokes on becomes
an ``error`` result and the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Final

from app.compare import compare
from app.extract import extract_references, sanitize, split_label
from app.integrity import assess
from app.models import Citation, Match, RawReference, Report, Result, Severity, Status
from app.normalize import clean_text
from app.parsing import parse_reference
from app.queries import worth_a_search
from app.resolve import ProgressCallback, Resolution, Resolver
from app.suggest import suggest

logger = logging.getLogger(__name__)

# The default of ``Settings.max_reference_chars``: longer "references" are refused unparsed.
MAX_REFERENCE_CHARS: Final = 10_000

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
    references: Sequence[RawReference | Citation],
    resolver: Resolver,
    *,
    on_progress: ProgressCallback | None = None,
    max_reference_chars: int = MAX_REFERENCE_CHARS,
) -> Report:
    """Verify references already split into items: strings to parse, or parsed citations.

    A :class:`Citation` (from a structured input: BibTeX, RIS, CSL-JSON, JATS) is verified
    field by field as it is; a :class:`RawReference` is sanitized (see
    :func:`app.extract.sanitize`) and parsed first, unless it is empty or longer than
    ``max_reference_chars``: then it gets an ``error`` result saying so.
    """
    results: list[Result] = []
    citations: list[Citation] = []
    for ref in references:
        if isinstance(ref, Citation):
            citations.append(ref)
            continue
        ref = replace(ref, text=sanitize(ref.text))
        if ref.label is None:  # a list item may still carry its printed number: "12. Gupta GP"
            label, text = split_label(ref.text)
            ref = replace(ref, text=text, label=label)
        if refusal := _refusal(ref.text, max_reference_chars):
            results.append(_error(ref, refusal))
            continue
        try:
            citations.append(parse_reference(ref))
        except Exception as exc:  # the parser is meant to be total; never lose the list for it
            logger.exception("parser failed on reference %s", ref.index)
            results.append(_error(ref, f"could not parse this reference ({type(exc).__name__})"))

    # The same work cited twice is resolved once.
    unique: dict[str, Citation] = {}
    for citation in citations:
        unique.setdefault(_dedup_key(citation), citation)
    resolutions = await _resolve_confining_errors(resolver, list(unique.values()), on_progress)
    by_key = dict(zip(unique, resolutions, strict=True))

    for citation in citations:
        resolution = by_key[_dedup_key(citation)]
        if resolution is None:
            reason = "could not look this reference up (an internal error, logged)"
            results.append(_make(citation, Status.ERROR, reason=reason))
            continue
        try:
            results.append(_result(citation, resolution))
        except Exception as exc:
            logger.exception("comparison failed on reference %s", citation.index)
            reason = f"could not compare this reference ({type(exc).__name__})"
            results.append(_make(citation, Status.ERROR, reason=reason))
    decisions = {c.index: r.decision for c in citations if (r := by_key[_dedup_key(c)])}
    return Report.from_results(assess(results, citations, decisions))


def _refusal(text: str, max_chars: int) -> str | None:
    """Why a reference is not even parsed, if it is not: it is empty, or too long to be one.

    A 100 kB "reference" is a pasted document or references run together, not a citation:
    ``"reference too long: 100000 characters; the limit is 10000 ..."``.
    """
    if not text.strip():
        return "empty reference: nothing to check"
    if len(text) > max_chars:
        return (
            f"reference too long: {len(text)} characters; the limit is {max_chars} "
            "(are several references run together?)"
        )
    return None


async def _resolve_confining_errors(
    resolver: Resolver, citations: list[Citation], on_progress: ProgressCallback | None
) -> list[Resolution | None]:
    """Resolve all citations at once; if that raises, halve the batch until only culprits fail.

    Upstream failures never raise (the resolver records them as ``failures``), so an exception
    here is a bug met on some odd input. Bisecting costs a few extra requests on that rare path
    and every other citation still gets its verdict; ``None`` marks a citation that failed.
    """
    try:
        return list(await resolver.resolve(citations, on_progress=on_progress))
    except Exception:
        if len(citations) <= 1:
            logger.exception("resolving failed on %s", [c.index for c in citations])
            return [None] * len(citations)
    half = len(citations) // 2
    first = await _resolve_confining_errors(resolver, citations[:half], None)
    return first + await _resolve_confining_errors(resolver, citations[half:], None)


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
