"""PubMed's article record, parsed from EFetch XML (``retmode=xml``) with a hardened parser.

Paths are exact, never descendant searches, because a record carries other works' ids:

* the PMID is ``MedlineCitation/PMID`` (``CommentsCorrectionsList`` holds dozens of other PMIDs);
* the DOI is ``Article/ELocationID[@EIdType="doi"]`` or
  ``PubmedData/ArticleIdList/ArticleId[@IdType="doi"]``;
  ``.//ArticleId`` would also match ``PubmedData/ReferenceList``, the DOIs of the works it cites.

The publication year is the first four-digit run of ``PubDate/Year`` or ``PubDate/MedlineDate``
(``"2008 Jul-Aug"`` -> 2008). DOIs keep PubMed's (the publisher's) case: compare them
case-insensitively.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from clients._shape import ShapeError

_YEAR_RE = re.compile(r"\d{4}")


@dataclass(frozen=True, slots=True)
class PubMedAuthor:
    """Person (``last_name``, ``fore_name``, ``initials="GP"``) or a group (``collective_name``)."""

    last_name: str | None = None
    fore_name: str | None = None
    initials: str | None = None
    collective_name: str | None = None


@dataclass(frozen=True, slots=True)
class PubMedArticle:
    """The fields of a PubMed record that a reference can be checked against."""

    pmid: str
    doi: str | None = None
    title: str | None = None  # inline markup flattened: "<i>TERT</i> gene" -> "TERT gene"
    journal_title: str | None = None  # "Journal of magnetic resonance (San Diego, Calif. : 1997)"
    iso_abbreviation: str | None = None  # "J Magn Reson"
    medline_ta: str | None = None  # "J Magn Reson"
    issn: tuple[str, ...] = ()
    volume: str | None = None
    issue: str | None = None
    pub_year: int | None = None  # the journal issue's date
    article_year: int | None = None  # the electronic publication date
    start_page: str | None = None  # full numbers in recent records: "259"
    end_page: str | None = None  # "265"
    medline_pgn: str | None = None  # possibly abbreviated: "259-65", or "e0180707"
    elocation_ids: tuple[tuple[str, str], ...] = ()  # (("doi", "10.1371/…"), ("pii", "e0180707"))
    authors: tuple[PubMedAuthor, ...] = ()
    publication_types: tuple[str, ...] = ()  # "Journal Article", "Retraction of Publication", …
    comments_corrections: tuple[tuple[str, str], ...] = ()  # (("RetractionIn", "123"), …)
    language: str | None = None  # "eng"


def hardened_parser() -> etree.XMLParser:
    """An XML parser that never loads a DTD, resolves an entity or touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_efetch_body(body: bytes) -> dict[str, PubMedArticle]:
    """Parse a ``<PubmedArticleSet>`` into ``{pmid: article}``; book records are skipped."""
    try:
        root = etree.fromstring(body, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise ShapeError(f"invalid XML ({exc})") from None
    if root.tag != "PubmedArticleSet":
        raise ShapeError(f"expected <PubmedArticleSet>, got {root.tag!r}")
    articles = (parse_article(node) for node in root.iterfind("PubmedArticle"))
    return {article.pmid: article for article in articles}


def parse_article(node: etree._Element) -> PubMedArticle:
    """Parse one ``<PubmedArticle>`` element."""
    pmid = _text(node, "MedlineCitation/PMID")
    if pmid is None or not pmid.isdigit():
        raise ShapeError(f"PubmedArticle without a numeric MedlineCitation/PMID ({pmid!r})")
    article = node.find("MedlineCitation/Article")
    if article is None:
        raise ShapeError(f"PMID {pmid} has no MedlineCitation/Article")
    journal_issue = "Journal/JournalIssue"
    elocation_ids = tuple(
        (str(e.get("EIdType", "")), text)
        for e in article.iterfind("ELocationID")
        if (text := _flat(e)) is not None
    )
    return PubMedArticle(
        pmid=pmid,
        doi=_doi(node, elocation_ids),
        title=_text(article, "ArticleTitle"),
        journal_title=_text(article, "Journal/Title"),
        iso_abbreviation=_text(article, "Journal/ISOAbbreviation"),
        medline_ta=_text(node, "MedlineCitation/MedlineJournalInfo/MedlineTA"),
        issn=_issns(node, article),
        volume=_text(article, f"{journal_issue}/Volume"),
        issue=_text(article, f"{journal_issue}/Issue"),
        pub_year=_year(_text(article, f"{journal_issue}/PubDate/Year"))
        or _year(_text(article, f"{journal_issue}/PubDate/MedlineDate")),
        article_year=_year(_text(article, 'ArticleDate[@DateType="Electronic"]/Year')),
        start_page=_text(article, "Pagination/StartPage"),
        end_page=_text(article, "Pagination/EndPage"),
        medline_pgn=_text(article, "Pagination/MedlinePgn"),
        elocation_ids=elocation_ids,
        authors=tuple(_author(a) for a in article.iterfind("AuthorList/Author")),
        publication_types=_texts(article, "PublicationTypeList/PublicationType"),
        comments_corrections=tuple(
            (str(cc.get("RefType", "")), pmid_of)
            for cc in node.iterfind("MedlineCitation/CommentsCorrectionsList/CommentsCorrections")
            if (pmid_of := _text(cc, "PMID")) is not None
        ),
        language=_text(article, "Language"),
    )


def _doi(node: etree._Element, elocation_ids: tuple[tuple[str, str], ...]) -> str | None:
    from_elocation = next((value for kind, value in elocation_ids if kind == "doi"), None)
    return from_elocation or _text(node, 'PubmedData/ArticleIdList/ArticleId[@IdType="doi"]')


def _issns(node: etree._Element, article: etree._Element) -> tuple[str, ...]:
    found = [
        *_texts(article, "Journal/ISSN"),
        *_texts(node, "MedlineCitation/MedlineJournalInfo/ISSNLinking"),
    ]
    return tuple(dict.fromkeys(found))


def _author(node: etree._Element) -> PubMedAuthor:
    return PubMedAuthor(
        last_name=_text(node, "LastName"),
        fore_name=_text(node, "ForeName"),
        initials=_text(node, "Initials"),
        collective_name=_text(node, "CollectiveName"),
    )


def _year(text: str | None) -> int | None:
    match = _YEAR_RE.search(text or "")
    return int(match.group()) if match else None


def _text(node: etree._Element, path: str) -> str | None:
    found = node.find(path)
    return _flat(found) if found is not None else None


def _texts(node: etree._Element, path: str) -> tuple[str, ...]:
    return tuple(text for found in node.iterfind(path) if (text := _flat(found)) is not None)


def _flat(node: etree._Element) -> str | None:
    """The element's text with inline markup flattened and whitespace folded; ``None`` if empty."""
    text = etree.tostring(node, method="text", encoding="unicode", with_tail=False)
    return " ".join(text.split()) or None
