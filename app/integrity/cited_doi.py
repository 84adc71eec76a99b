"""A cited DOI that is registered to a different work than the one the citation describes.

The resolver looks every cited DOI up; when the record it returns is not the work the citation
describes (nothing else in the citation fits it), the DOI would send a reader to another paper:
``Smith J. Tumour growth in mice. J Hepatol. 2015;62:100-8. doi:10.1016/j.jhep.2014.09.001``
where that DOI is "Liver regeneration after portal vein embolisation" -> ``doi_other_work
(error): the cited DOI 10.1016/j.jhep.2014.09.001 is registered to "Liver regeneration ..."``.
"""

from __future__ import annotations

from typing import Final

from app.integrity.candidates import SAME_TITLE
from app.integrity.findings import finding
from app.matching import Decision, score
from app.models import Citation, Finding, FindingKind, Record
from app.normalize import normalize_doi

TITLE_SHOWN: Final = 80


def doi_findings(citation: Citation, decision: Decision | None) -> tuple[Finding, ...]:
    """A ``doi_other_work`` finding when the cited DOI's record was found and set aside.

    Only records among the decision's alternatives can be seen here: the closest records of a
    not-found reference, or the other acceptable ones of a matched reference.
    """
    cited = normalize_doi(citation.doi)
    if cited is None or decision is None or decision.kind == "ambiguous":
        return ()
    if decision.match is not None and normalize_doi(decision.match.record.doi) == cited:
        return ()
    other = next(
        (m.record for m in decision.alternatives if normalize_doi(m.record.doi) == cited), None
    )
    if other is None or not _describes_another_work(citation, other):
        return ()
    message = f"the cited DOI {cited} is registered to another work: {_summary(other)}"
    return (finding(FindingKind.DOI_OTHER_WORK, message, doi=cited, pmid=other.pmid),)


def _describes_another_work(citation: Citation, record: Record) -> bool:
    """The record is a notice or preprint, or its title is clearly not the cited one."""
    evidence = score(citation, record)
    other_title = evidence.title_similarity is not None and evidence.title_similarity < SAME_TITLE
    return evidence.rejection is not None or other_title


def _summary(record: Record) -> str:
    """'"Liver regeneration after ..." (Tanaka, J Hepatol 2014)'."""
    title = record.title or "untitled"
    if len(title) > TITLE_SHOWN:
        title = title[: TITLE_SHOWN - 1] + "…"
    source = " ".join(str(p) for p in (record.journal, record.year) if p)
    first = next((a.family for a in record.authors), None)
    where = ", ".join(p for p in (first, source) if p)
    return f'"{title}" ({where})' if where else f'"{title}"'
