"""PubMed's view of a work: the ``PubmedArticleSet`` XML that EFetch returns.

Shaped like the 2024/2025-DTD samples. The traps real records set are kept on purpose:

- ``MedlineCitation/PMID`` is the article's PMID; ``CommentsCorrectionsList`` (for works with
  a correction) holds **other** ``<PMID>`` elements.
- ``PubmedData/ReferenceList`` holds the cited works' ``ArticleId``s, including a **different
  DOI**, so a parser that searches ``.//ArticleId[@IdType="doi"]`` picks the wrong one.
- Records from before 2010 carry the DOI only in ``ArticleIdList``, newer ones also in
  ``ELocationID`` (as in the samples).
- ``MedlinePgn`` is MEDLINE's abbreviated form ("679-95") next to full StartPage/EndPage.
- The journal title is NLM's lower-case form; ``PubDate`` has the print date with a month
  name, ``ArticleDate`` the online-first date with a numeric month.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from tests.fake_upstream.store import FakeAuthor, FakeWork

DOCTYPE = (
    '<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">'
)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
PUB_TYPE_UI = {
    "Journal Article": "D016428", "Review": "D016454", "Randomized Controlled Trial": "D016449",
    "Published Erratum": "D016425", "Multicenter Study": "D016448", "Comparative Study": "D003160",
    "Clinical Trial, Phase III": "D017427", "Practice Guideline": "D017065",
    "Retracted Publication": "D016441", "Retraction of Publication": "D016440",
    "Expression of Concern": "D000075742", "Preprint": "D000076942",
}  # fmt: skip
# CommentsCorrections RefType for a relation entry, by where it sits and its (Crossref) type:
# ("updated-by", "retraction") is a RetractionIn on the retracted article, and so on.
_NOTICE_REF_TYPES = {
    "retraction": ("RetractionIn", "RetractionOf"),
    "partial_retraction": ("RetractionIn", "RetractionOf"),
    "expression_of_concern": ("ExpressionOfConcernIn", "ExpressionOfConcernFor"),
    "new_version": ("UpdateIn", "UpdateOf"),
}
_ERRATUM_REF_TYPES = ("ErratumIn", "ErratumFor")
# A preprint's published version is "UpdateIn" on the preprint, "UpdateOf" on the article.
_VERSION_REF_TYPES = {"is-preprint-of": "UpdateIn", "has-preprint": "UpdateOf"}
ELOCATION_SINCE_YEAR = 2010


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _author(parent: etree._Element, author: FakeAuthor) -> None:
    element = _sub(parent, "Author", ValidYN="Y")
    if author.collective:
        _sub(element, "CollectiveName", author.collective)
        return
    _sub(element, "LastName", author.family)
    if author.given:
        _sub(element, "ForeName", author.given)
    _sub(element, "Initials", author.initials)
    if author.suffix:
        _sub(element, "Suffix", author.suffix)


def _journal(article: etree._Element, work: FakeWork) -> None:
    journal = _sub(article, "Journal")
    if work.issn:
        _sub(journal, "ISSN", work.issn, IssnType="Print")
    issue = _sub(journal, "JournalIssue", CitedMedium="Print")
    if work.volume:
        _sub(issue, "Volume", work.volume)
    if work.issue:
        _sub(issue, "Issue", work.issue)
    pub_date = _sub(issue, "PubDate")
    year, month = (work.year, work.month) if work.year is not None else work.effective_online
    if year is not None:
        _sub(pub_date, "Year", str(year))
    if month:
        _sub(pub_date, "Month", MONTHS[month - 1])
    _sub(journal, "Title", work.journal)
    _sub(journal, "ISOAbbreviation", work.journal_iso or work.journal_abbrev or work.journal)


def _article(citation: etree._Element, work: FakeWork) -> None:
    online_first = work.has_online_first and work.effective_online != (work.year, work.month)
    model = (
        "Print-Electronic" if online_first else ("Print" if work.year is not None else "Electronic")
    )
    article = _sub(citation, "Article", PubModel=model)
    _journal(article, work)
    _sub(article, "ArticleTitle", work.title)
    if work.first_page:
        pagination = _sub(article, "Pagination")
        _sub(pagination, "StartPage", work.first_page)
        if work.last_page:
            _sub(pagination, "EndPage", work.last_page)
        _sub(pagination, "MedlinePgn", work.medline_pgn or work.first_page)
    if work.doi and (work.year or 0) >= ELOCATION_SINCE_YEAR:
        _sub(article, "ELocationID", work.doi, EIdType="doi", ValidYN="Y")
    if work.authors:
        authors = _sub(article, "AuthorList", CompleteYN="Y")
        for author in work.authors:
            _author(authors, author)
    _sub(article, "Language", work.language or "eng")
    types = _sub(article, "PublicationTypeList")
    for name in work.pub_types:
        _sub(types, "PublicationType", name, UI=PUB_TYPE_UI.get(name, "D016428"))
    if work.has_online_first:
        online_year, online_month = work.effective_online
        date = _sub(article, "ArticleDate", DateType="Electronic")
        _sub(date, "Year", str(online_year))
        _sub(date, "Month", f"{online_month or 1:02d}")
        _sub(date, "Day", "01")
    if work.vernacular_title:
        _sub(article, "VernacularTitle", work.vernacular_title)


def _medline_citation(root: etree._Element, work: FakeWork) -> None:
    citation = _sub(
        root, "MedlineCitation", Status="MEDLINE", Owner="NLM", IndexingMethod="Automated"
    )
    _sub(citation, "PMID", work.pmid or "", Version="1")
    _article(citation, work)
    info = _sub(citation, "MedlineJournalInfo")
    _sub(info, "Country", "United States")
    _sub(info, "MedlineTA", work.journal_abbrev or work.journal)
    _sub(info, "NlmUniqueID", work.nlm_id or "0000000")
    if work.issn:
        _sub(info, "ISSNLinking", work.issn)
    links = list(_comments_corrections(work))
    if links:
        listing = _sub(citation, "CommentsCorrectionsList")
        for ref_type, pmid in links:
            item = _sub(listing, "CommentsCorrections", RefType=ref_type)
            _sub(item, "RefSource", f"{work.journal_abbrev}. {work.year}")
            _sub(item, "PMID", pmid, Version="1")


def _comments_corrections(work: FakeWork) -> Iterator[tuple[str, str]]:
    """(RefType, PMID) for each relation entry with a PMID, e.g. ("RetractionIn", "24439384")."""
    for key, entries in work.relations.items():
        for entry in entries:
            if not entry.get("PMID"):
                continue
            if key in _VERSION_REF_TYPES:
                yield _VERSION_REF_TYPES[key], entry["PMID"]
            elif key in ("updated-by", "update-to"):
                pair = _NOTICE_REF_TYPES.get(entry.get("type", "correction"), _ERRATUM_REF_TYPES)
                yield pair[0] if key == "updated-by" else pair[1], entry["PMID"]


def _pubmed_data(root: etree._Element, work: FakeWork) -> None:
    data = _sub(root, "PubmedData")
    history = _sub(data, "History")
    for status in ("entrez", "pubmed", "medline"):
        date = _sub(history, "PubMedPubDate", PubStatus=status)
        _sub(date, "Year", str(work.year or work.effective_online[0] or 2000))
        _sub(date, "Month", str(work.month or 1))
        _sub(date, "Day", "1")
    _sub(data, "PublicationStatus", "ppublish" if work.year is not None else "epublish")
    ids = _sub(data, "ArticleIdList")
    _sub(ids, "ArticleId", work.pmid or "", IdType="pubmed")
    if work.doi:
        _sub(ids, "ArticleId", work.doi, IdType="doi")
    references = _sub(data, "ReferenceList")
    cited = _sub(references, "Reference")
    _sub(
        cited,
        "Citation",
        "Smith J, Jones K. A work this article cites. J Cited Res. 1999;12(3):45-51.",
    )
    cited_ids = _sub(cited, "ArticleIdList")
    _sub(cited_ids, "ArticleId", f"10.5555/cited.{work.pmid}.1", IdType="doi")
    _sub(cited_ids, "ArticleId", str(int(work.pmid or 0) // 7 + 1000), IdType="pubmed")
    uncited = _sub(references, "Reference")
    _sub(uncited, "Citation", "World Health Organization. Report on cancer. Geneva: WHO; 2020.")


def pubmed_article_set(works: Iterable[FakeWork]) -> bytes:
    """The EFetch body for ``works`` (unknown PMIDs are simply absent, as on the real API)."""
    root = etree.Element("PubmedArticleSet")
    for work in works:
        article = _sub(root, "PubmedArticle")
        _medline_citation(article, work)
        _pubmed_data(article, work)
    body = etree.tostring(root, encoding="UTF-8", xml_declaration=True, doctype=DOCTYPE)
    return bytes(body)
