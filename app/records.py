"""Map the clients' typed answers onto the source-neutral :class:`Record`, and merge sources.

This is the one seam where Crossref and PubMed quirks meet the domain: Crossref's several dates
and article numbers, PubMed's abbreviated ``MedlinePgn`` and electronic ``ArticleDate``, the many
forms of a journal's name. Comparators only ever see a :class:`Record`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from app.models import Author, PageRange, Record, Relation, RelationKind, Source, WorkType
from app.normalize import expand_page_range, fold, initials_of, normalize_doi, strip_markup
from clients import CrossrefUpdate, CrossrefWork, PubMedArticle

# Crossref "type" values that are not the article a citation usually means.
_CROSSREF_TYPES = {
    "posted-content": WorkType.PREPRINT,
    "book": WorkType.BOOK,
    "monograph": WorkType.BOOK,
    "edited-book": WorkType.BOOK,
    "book-chapter": WorkType.CHAPTER,
    "reference-entry": WorkType.CHAPTER,
    "proceedings-article": WorkType.PROCEEDINGS,
}
# A notice's title: the notice word, then a colon, a period, "to"/"for" or nothing
# ("Correction to: ...", "Erratum.", "Retraction note: ..."), never "Correction of scoliosis".
_NOTICE_TITLE: Final = re.compile(
    r"^\W*(?:notice of |editorial )?(?:correction|erratum|errata|corrigendum|corrigenda"
    r"|retracted|retraction|expression of concern|withdrawal|publisher'?s note)"
    r"(?: notice| note)?(?:\s*[:.\]]|\s*$|\s+(?:to|for)\b)"
)
_RETRACTION_WORDS: Final = re.compile(r"retract|concern|withdraw")
_PUBMED_NOTICE_TYPES = {
    "Published Erratum": WorkType.ERRATUM,
    "Retraction of Publication": WorkType.RETRACTION,
    "Expression of Concern": WorkType.RETRACTION,
    "Preprint": WorkType.PREPRINT,
}
# An article marked in place by its publisher ("RETRACTED: <title>", Elsevier; "WITHDRAWN:
# <title>", Cochrane) is the article, not a notice, unless it points at the work it updates.
_MARKED_IN_PLACE: Final = re.compile(
    r"^\W*(retracted|withdrawn)(?:\s+article)?\s*\]?\s*[:.]\s*", re.IGNORECASE
)
# Crossref update types ("updated-by"/"update-to" entries) by the relation they state.
_CROSSREF_UPDATES: Final = {
    "retraction": RelationKind.RETRACTION,
    "partial_retraction": RelationKind.RETRACTION,
    "expression_of_concern": RelationKind.EXPRESSION_OF_CONCERN,
    "withdrawal": RelationKind.WITHDRAWAL,
    "removal": RelationKind.WITHDRAWAL,
    "correction": RelationKind.CORRECTION,
    "erratum": RelationKind.CORRECTION,
    "corrigendum": RelationKind.CORRECTION,
    "addendum": RelationKind.CORRECTION,
    "clarification": RelationKind.CORRECTION,
    "new_version": RelationKind.UPDATE,
    "new_edition": RelationKind.UPDATE,
}
# PubMed CommentsCorrections RefTypes: (relation, True when it points at a notice about us).
_PUBMED_LINKS: Final = {
    "RetractionIn": (RelationKind.RETRACTION, True),
    "RetractedandRepublishedIn": (RelationKind.RETRACTION, True),
    "ExpressionOfConcernIn": (RelationKind.EXPRESSION_OF_CONCERN, True),
    "ErratumIn": (RelationKind.CORRECTION, True),
    "CorrectedandRepublishedIn": (RelationKind.CORRECTION, True),
    "UpdateIn": (RelationKind.UPDATE, True),
    "RetractionOf": (RelationKind.RETRACTION, False),
    "ExpressionOfConcernFor": (RelationKind.EXPRESSION_OF_CONCERN, False),
    "ErratumFor": (RelationKind.CORRECTION, False),
}
_NOTICE_RELATIONS: Final = {
    RelationKind.RETRACTION: WorkType.RETRACTION,
    RelationKind.EXPRESSION_OF_CONCERN: WorkType.RETRACTION,
    RelationKind.WITHDRAWAL: WorkType.RETRACTION,
    RelationKind.CORRECTION: WorkType.ERRATUM,
}
_CROSSREF_VERSIONS: Final = {
    "is-preprint-of": RelationKind.PUBLISHED_VERSION,
    "has-preprint": RelationKind.PREPRINT,
}


def is_notice_title(title: str) -> bool:
    """True for "Correction to: ...", "Erratum", "RETRACTED: ..."; not "Correction of ..."."""
    return bool(_NOTICE_TITLE.match(fold(title)))


def _type_from_title(title: str | None) -> WorkType | None:
    if not title or not is_notice_title(title):
        return None
    return WorkType.RETRACTION if _RETRACTION_WORDS.search(fold(title)) else WorkType.ERRATUM


def marked_in_place(title: str | None) -> tuple[str | None, RelationKind | None]:
    """Split a publisher's in-place mark off an article title.

    >>> marked_in_place("RETRACTED: Ileal-lymphoid-nodular hyperplasia")
    ('Ileal-lymphoid-nodular hyperplasia', <RelationKind.RETRACTION: 'retraction'>)
    >>> marked_in_place("Retraction of the gingiva")
    ('Retraction of the gingiva', None)
    """
    found = _MARKED_IN_PLACE.match(title or "")
    if title is None or found is None or not title[found.end() :].strip():
        return title, None
    kind = RelationKind.RETRACTION if found.group(1).lower() == "retracted" else None
    return title[found.end() :], kind or RelationKind.WITHDRAWAL


def _crossref_updates(updates: Iterable[CrossrefUpdate]) -> tuple[Relation, ...]:
    return tuple(
        Relation(kind, doi=normalize_doi(u.doi), date=u.updated, label=u.label)
        for u in updates
        if (kind := _CROSSREF_UPDATES.get((u.type or "").lower().replace("-", "_"))) is not None
    )


def _notice_type(update_to: Iterable[Relation]) -> WorkType | None:
    """A record that updates another work as a retraction or correction is that notice."""
    return next((_NOTICE_RELATIONS[r.kind] for r in update_to if r.kind in _NOTICE_RELATIONS), None)


def _with(relations: Iterable[Relation], extra: Relation | None) -> tuple[Relation, ...]:
    """``relations`` plus a flag-only relation unless one of its kind is already known."""
    listed = tuple(relations)
    if extra is None or any(r.kind is extra.kind for r in listed):
        return listed
    return (*listed, extra)


def merge_relations(first: Iterable[Relation], second: Iterable[Relation]) -> tuple[Relation, ...]:
    """Pool two sources' relations; one notice seen by both (DOI from one, PMID from the other,
    or a flag without identifiers) becomes one relation."""
    pooled: list[Relation] = []
    for relation in (*first, *second):
        for i, known in enumerate(pooled):
            if known.kind is relation.kind and _same_target(known, relation):
                pooled[i] = Relation(
                    known.kind,
                    doi=known.doi or relation.doi,
                    pmid=known.pmid or relation.pmid,
                    date=known.date or relation.date,
                    label=known.label or relation.label,
                )
                break
        else:
            pooled.append(relation)
    return tuple(pooled)


def _same_target(a: Relation, b: Relation) -> bool:
    """No identifier conflicts; a DOI-only and a PMID-only link of one kind are taken as one."""
    doi_conflict = bool(a.doi and b.doi and a.doi != b.doi)
    return not doi_conflict and not (a.pmid and b.pmid and a.pmid != b.pmid)


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for value in values:
        if value and value.strip():
            seen.setdefault(value.strip(), None)
    return tuple(seen)


def _years(*values: int | None) -> tuple[int, ...]:
    return tuple(sorted({v for v in values if v is not None}))


def record_from_crossref(work: CrossrefWork) -> Record:
    """A Crossref work as a Record.

    The canonical year is the print year when Crossref has one (that is what a printed citation
    says), else ``issued`` (the earliest of print and online). Every date's year is acceptable.
    An article number stands in for pages when Crossref has no ``page`` (e.g. srep16696).
    """
    title = strip_markup(html.unescape(work.title)) if work.title else None
    if title and work.subtitle:
        title = f"{title}: {strip_markup(html.unescape(work.subtitle))}"
    update_to = _crossref_updates(work.update_to)
    mark = None
    if not update_to:
        title, mark = marked_in_place(title)
    pages = expand_page_range(work.page) or (
        PageRange(first=work.article_number, raw=work.article_number)
        if work.article_number
        else None
    )
    authors = tuple(
        Author(family=a.name, is_group=True)
        if a.family is None and a.name
        else Author(family=a.family or "", initials=initials_of(a.given), given=a.given)
        for a in work.authors
        if a.family or a.name
    )
    work_type = (
        _type_from_title(title)
        or _notice_type(update_to)
        or _CROSSREF_TYPES.get(work.type or "", WorkType.ARTICLE)
    )
    year = work.published_print_year or work.issued_year
    journal_names = _unique([work.container_title, *work.short_container_titles])
    return Record(
        sources=(Source.CROSSREF,),
        doi=normalize_doi(work.doi),
        title=title,
        journal=(work.short_container_titles[0] if work.short_container_titles else None)
        or work.container_title,
        journal_names=journal_names,
        year=year,
        years=_years(
            work.issued_year,
            work.published_print_year,
            work.published_online_year,
            *work.issue_years,
        ),
        volume=work.volume,
        issue=work.issue,
        pages=pages,
        authors=authors,
        work_type=work_type,
        updated_by=_with(_crossref_updates(work.updated_by), Relation(mark) if mark else None),
        update_to=update_to,
        versions=tuple(
            Relation(kind, doi=normalize_doi(doi))
            for name, kind in _CROSSREF_VERSIONS.items()
            for doi in work.relation.get(name, ())
        ),
    )


def _pubmed_pages(article: PubMedArticle) -> PageRange | None:
    """Full StartPage/EndPage when present (DTD 2024+), else the expanded MedlinePgn.

    "1825-34, 1839-40" (discontinuous) keeps its first range; an e-only article without
    pagination falls back to its non-DOI ELocationID ("e0182390").
    """
    if article.start_page:
        return PageRange(
            first=article.start_page,
            last=article.end_page or None,
            raw=article.medline_pgn or article.start_page,
        )
    if article.medline_pgn:
        return expand_page_range(article.medline_pgn.split(",")[0])
    for id_type, value in article.elocation_ids:
        if id_type.lower() != "doi" and value:
            return PageRange(first=value, raw=value)
    return None


def record_from_pubmed(article: PubMedArticle) -> Record:
    """A PubMed article as a Record: print year canonical, the electronic year also acceptable."""
    authors = tuple(
        Author(family=a.collective_name, is_group=True)
        if a.collective_name and not a.last_name
        else Author(
            family=a.last_name or "",
            initials=(a.initials or initials_of(a.fore_name)).replace(" ", ""),
            given=a.fore_name,
        )
        for a in article.authors
        if a.last_name or a.collective_name
    )
    title = strip_markup(article.title) if article.title else None
    notice_type = next(
        (_PUBMED_NOTICE_TYPES[t] for t in article.publication_types if t in _PUBMED_NOTICE_TYPES),
        None,
    )
    links = _pubmed_links(article, preprint=notice_type is WorkType.PREPRINT)
    mark = None
    if notice_type in (None, WorkType.PREPRINT) and not links.update_to:
        title, mark = marked_in_place(title)
    if "Retracted Publication" in article.publication_types:
        mark = RelationKind.RETRACTION
    work_type = notice_type or _type_from_title(title) or WorkType.ARTICLE
    return Record(
        sources=(Source.PUBMED,),
        doi=normalize_doi(article.doi),
        pmid=article.pmid,
        title=title,
        journal=article.medline_ta or article.iso_abbreviation or article.journal_title,
        journal_names=_unique(
            [article.journal_title, article.iso_abbreviation, article.medline_ta]
        ),
        year=article.pub_year or article.article_year,
        years=_years(article.pub_year, article.article_year),
        volume=article.volume,
        issue=article.issue,
        pages=_pubmed_pages(article),
        authors=authors,
        work_type=work_type,
        updated_by=_with(links.updated_by, Relation(mark) if mark else None),
        update_to=links.update_to,
        versions=links.versions,
    )


@dataclass(frozen=True, slots=True)
class _Links:
    updated_by: tuple[Relation, ...]
    update_to: tuple[Relation, ...]
    versions: tuple[Relation, ...]


def _pubmed_links(article: PubMedArticle, *, preprint: bool) -> _Links:
    """CommentsCorrections as relations; a preprint's "UpdateIn" is its published version."""
    updated_by: list[Relation] = []
    update_to: list[Relation] = []
    versions: list[Relation] = []
    for ref_type, pmid in article.comments_corrections:
        kind, about_us = _PUBMED_LINKS.get(ref_type, (None, False))
        if kind is None:
            continue
        if kind is RelationKind.UPDATE and preprint:
            versions.append(Relation(RelationKind.PUBLISHED_VERSION, pmid=pmid))
        else:
            (updated_by if about_us else update_to).append(Relation(kind, pmid=pmid))
    return _Links(tuple(updated_by), tuple(update_to), tuple(versions))


def same_work(a: Record, b: Record) -> bool:
    """Two records describe the same work when they share a DOI or a PMID."""
    return bool((a.doi and a.doi == b.doi) or (a.pmid and a.pmid == b.pmid))


def merge(primary: Record, other: Record) -> Record:
    """Merge two records of the same work; ``primary``'s values win, years and names are pooled.

    PubMed is the better primary for the fields it has (complete author lists, print
    pagination); Crossref contributes the DOI, online dates and its journal title forms.
    """
    return Record(
        sources=tuple(dict.fromkeys((*primary.sources, *other.sources))),
        doi=primary.doi or other.doi,
        pmid=primary.pmid or other.pmid,
        title=primary.title or other.title,
        journal=primary.journal or other.journal,
        journal_names=_unique([*primary.journal_names, *other.journal_names]),
        year=primary.year or other.year,
        years=_years(*primary.years, *other.years),
        volume=primary.volume or other.volume,
        issue=primary.issue or other.issue,
        pages=primary.pages or other.pages,
        authors=primary.authors or other.authors,
        work_type=primary.work_type
        if primary.work_type is not WorkType.ARTICLE
        else other.work_type,
        updated_by=merge_relations(primary.updated_by, other.updated_by),
        update_to=merge_relations(primary.update_to, other.update_to),
        versions=merge_relations(primary.versions, other.versions),
    )


def merge_all(records: Iterable[Record]) -> list[Record]:
    """Collapse records of the same work into one each, PubMed first, keeping first-seen order."""
    merged: list[Record] = []
    for record in records:
        for i, existing in enumerate(merged):
            if same_work(existing, record):
                first, second = (
                    (record, existing)
                    if Source.PUBMED in record.sources and Source.PUBMED not in existing.sources
                    else (existing, record)
                )
                merged[i] = merge(first, second)
                break
        else:
            merged.append(record)
    return merged
