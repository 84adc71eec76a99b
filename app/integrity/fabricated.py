"""What a not-found reference most likely is: fabricated, outside the registries, or undecided.

The verdict, with its basis and the closest records found (each with why it was rejected):

- ``not_indexed``: the reference describes a book, report, meeting abstract, website, dataset
  or arXiv preprint (``app.integrity.work_shape``); Crossref and PubMed do not list most of them.
- ``likely_fabricated``: a complete journal-article citation (title, journal, year, volume or
  pages) that no record comes near. The basis adds what makes it likelier: records of the same
  journal were found (so the journal is indexed), or the cited DOI is registered to another
  work or was not found. Example: "Okafor T, Lindqvist M. Hepatic stellate cell exosomes
  predict recurrence after portal vein embolisation. Ann Surg. 2019;270(4):611-9." with three
  Ann Surg records found, none with these authors or title words. A real article in a journal
  neither registry indexes looks the same: the verdict is "likely", not "certain".
- ``not_found``: anything else: too little parsed to judge, a near miss (a record shares the
  title, or the first author and part of the title: probably a real work cited with several
  errors), or a journal supplement or an in-press work (meeting abstracts and works not yet
  indexed).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.integrity.candidates import Scored, borrowed_title, closest, is_near_miss, rejected
from app.integrity.work_shape import work_shape
from app.matching import Agreement, Decision, describe_record
from app.models import Citation, NotFoundEvidence, NotFoundKind
from app.normalize import normalize_doi


def classify_not_found(
    citation: Citation, decision: Decision | None
) -> tuple[NotFoundKind, NotFoundEvidence]:
    """The verdict on a not-found reference and its evidence; see the module docstring."""
    scored = closest(citation, decision)
    kind, basis = _verdict(citation, scored)
    return kind, NotFoundEvidence(basis=basis, candidates=rejected(citation, scored))


def _verdict(citation: Citation, scored: Sequence[Scored]) -> tuple[NotFoundKind, tuple[str, ...]]:
    shape = work_shape(citation)
    if shape.not_indexed:
        return NotFoundKind.NOT_INDEXED, shape.not_indexed
    if not shape.article:
        return NotFoundKind.NOT_FOUND, (
            "not a complete journal citation (title, journal, year, volume or pages)",
        )
    near = [s for s in scored if is_near_miss(s.evidence)]
    if near:
        return NotFoundKind.NOT_FOUND, (
            f"a record comes close: {describe_record(near[0].record)}; the citation may be a"
            " real work cited with several errors",
        )
    if shape.doubts:
        return NotFoundKind.NOT_FOUND, shape.doubts
    return NotFoundKind.LIKELY_FABRICATED, (
        "a complete journal-article citation that no registered record resembles",
        *_fabrication_evidence(citation, scored),
    )


def _fabrication_evidence(citation: Citation, scored: Sequence[Scored]) -> tuple[str, ...]:
    """Signs that the registries would know the work if it existed."""
    found: list[str] = []
    same_journal = [s for s in scored if s.evidence.journal is Agreement.AGREE]
    if same_journal:
        found.append(
            f"{len(same_journal)} record(s) of {citation.journal} found, none with these authors"
            " or this title"
        )
    found.extend(
        f"the title is that of {describe_record(s.record)}, by other authors in another journal"
        for s in scored
        if borrowed_title(s.evidence)
    )
    cited = normalize_doi(citation.doi)
    if cited is not None:
        if any(normalize_doi(s.record.doi) == cited for s in scored):
            found.append(f"the cited DOI {cited} is registered to another work")
        else:
            found.append(f"no record found carries the cited DOI {cited}")
    return tuple(found)
