"""Map the clients' typed answers onto the source-neutral :class:`Record`, and merge sources.

This is the one seam where Crossref and PubMed quirks meet the domain: Crossref's several dates
and article numbers, PubMed's abbreviated ``MedlinePgn`` and electronic ``ArticleDate``, the many
forms of a journal's name. Comparators only ever see a :class:`Record`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Final

from app.models import Author, PageRange, Record, Source, WorkType
from app.normalize import expand_page_range, fold, initials_of, normalize_doi, strip_markup
from clients import CrossrefWork, PubMedArticle

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


def is_notice_title(title: str) -> bool:
    """True for "Correction to: ...", "Erratum", "RETRACTED: ..."; not "Correction of ..."."""
    return bool(_NOTICE_TITLE.match(fold(title)))


def _type_from_title(title: str | None) -> WorkType | None:
    if not title or not is_notice_title(title):
        return None
    return WorkType.RETRACTION if _RETRACTION_WORDS.search(fold(title)) else WorkType.ERRATUM


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
    work_type = _type_from_title(title) or _CROSSREF_TYPES.get(work.type or "", WorkType.ARTICLE)
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
    work_type = (
        next(
            (
                _PUBMED_NOTICE_TYPES[t]
                for t in article.publication_types
                if t in _PUBMED_NOTICE_TYPES
            ),
            None,
        )
        or _type_from_title(title)
        or WorkType.ARTICLE
    )
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
    )


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
