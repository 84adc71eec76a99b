"""Research integrity: retracted and corrected works, fabricated references, duplicates, and
preprints since published, reported as findings beside each reference's unchanged ``status``.

The pipeline calls :func:`assess` once, after every result is built::

    results = assess(results, citations, decisions)

Per matched reference (``verified``/``mismatch``): notices about the work (``retracted``,
``withdrawn``, ``expression_of_concern``, ``corrected``) or ``cites_notice`` when it is a notice
itself (``notices.py``), ``preprint_published`` (``preprints.py``). Per reference with a DOI:
``doi_other_work`` (``cited_doi.py``). Across the list: ``duplicate`` (``duplicates.py``).
Per ``not_found`` reference: a ``NotFoundKind`` with its evidence (``fabricated.py``).
Severities, and which fail a CI check, are in ``findings.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from app.integrity.cited_doi import doi_findings
from app.integrity.duplicates import duplicate_findings
from app.integrity.fabricated import classify_not_found
from app.integrity.findings import SEVERITIES
from app.integrity.notices import notice_findings
from app.integrity.preprints import preprint_findings
from app.matching import Decision
from app.models import Citation, Finding, Result, Status

logger = logging.getLogger(__name__)

_MATCHED = frozenset({Status.VERIFIED, Status.MISMATCH})


def assess(
    results: Sequence[Result],
    citations: Iterable[Citation],
    decisions: Mapping[int, Decision],
) -> list[Result]:
    """``results`` (same order) with findings, and a not-found kind on ``not_found`` results.

    ``citations`` and ``decisions`` are keyed by reference index; a result without a citation
    (the parser failed on it) can still be a duplicate. Like the rest of the pipeline, one
    reference that trips a bug is left as it was and the others are still assessed.
    """
    by_index = {citation.index: citation for citation in citations}
    duplicates = duplicate_findings(results)
    assessed = []
    for result in results:
        try:
            assessed.append(
                _assess_one(
                    result,
                    by_index.get(result.index),
                    decisions.get(result.index),
                    duplicates.get(result.index),
                )
            )
        except Exception:
            logger.exception("integrity assessment failed on reference %s", result.index)
            assessed.append(result)
    return assessed


def _assess_one(
    result: Result, citation: Citation | None, decision: Decision | None, duplicate: Finding | None
) -> Result:
    findings = [*_work_findings(result, decision)]
    if citation is not None:
        findings.extend(doi_findings(citation, decision))
    if duplicate is not None:
        findings.append(duplicate)
    updated = replace(result, findings=(*result.findings, *findings))
    if result.status is Status.NOT_FOUND and citation is not None:
        kind, evidence = classify_not_found(citation, decision)
        updated = replace(updated, not_found_kind=kind, not_found_evidence=evidence)
    return updated


def _work_findings(result: Result, decision: Decision | None) -> tuple[Finding, ...]:
    if result.status not in _MATCHED or result.match is None:
        return ()
    record = result.match.record
    others = decision.alternatives if decision is not None else ()
    return (*notice_findings(record), *preprint_findings(record, others))


__all__ = ["SEVERITIES", "assess"]
