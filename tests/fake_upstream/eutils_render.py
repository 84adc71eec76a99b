"""ESearch (XML and JSON) and ESummary (JSON) bodies, shaped like the recorded samples.

All numbers are strings (``"count": "603"``). A search with no hits lists the terms that
found nothing, as ``pubmed-esearch-xml-no-results-phrase-not-found.xml`` does; the JSON key
names for that case (``errorlist``, ``warninglist``) are NCBI's, unverified by a sample.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from tests.fake_upstream.efetch_render import MONTHS
from tests.fake_upstream.pubmed_search import EsearchResult
from tests.fake_upstream.store import FakeWork

ESEARCH_DOCTYPE = (
    '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
    '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">'
)
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" ?>\n'


def esearch_xml(result: EsearchResult, *, retstart: int, retmax: int, history: bool) -> str:
    """``<eSearchResult><Count/><RetMax/><RetStart/>[QueryKey/WebEnv]<IdList/>...``."""
    page = result.pmids[retstart : retstart + retmax]
    ids = "".join(f"<Id>{p}</Id>\n" for p in page)
    parts = [
        f"<Count>{len(result.pmids)}</Count><RetMax>{len(page)}</RetMax><RetStart>{retstart}</RetStart>",
        "<QueryKey>1</QueryKey><WebEnv>MCID_fake0000000000000000</WebEnv>" if history else "",
        f"<IdList>\n{ids}</IdList>" if page else "<IdList/>",
        f"<TranslationSet/><QueryTranslation>{escape(result.translation)}</QueryTranslation>",
    ]
    if not result.pmids:
        missing = "".join(
            f"<PhraseNotFound>{escape(p)}</PhraseNotFound>" for p in result.phrases_not_found
        )
        parts.append(f"<ErrorList>{missing}</ErrorList>" if missing else "")
        parts.append("<WarningList><OutputMessage>No items found.</OutputMessage></WarningList>")
    return f"{XML_HEAD}{ESEARCH_DOCTYPE}\n<eSearchResult>{''.join(parts)}</eSearchResult>\n"


def esearch_json(result: EsearchResult, *, retstart: int, retmax: int, history: bool) -> str:
    """``{"header":{"type":"esearch",...},"esearchresult":{"count":"603",...}}``."""
    page = result.pmids[retstart : retstart + retmax]
    body: dict[str, Any] = {
        "count": str(len(result.pmids)), "retmax": str(len(page)), "retstart": str(retstart),
    }  # fmt: skip
    if history:
        body |= {"querykey": "1", "webenv": "MCID_fake0000000000000000"}
    body |= {"idlist": page, "translationset": [], "querytranslation": result.translation}
    if not result.pmids:
        body["errorlist"] = {"phrasesnotfound": result.phrases_not_found, "fieldsnotfound": []}
        body["warninglist"] = {
            "phrasesignored": [],
            "quotedphrasesnotfound": [],
            "outputmessages": ["No items found."],
        }
    return _compact({"header": {"type": "esearch", "version": "0.3"}, "esearchresult": body})


def esearch_error_xml(message: str) -> str:
    """The in-body error ESearch gives for an unusable term (HTTP status stays 200)."""
    error = f"<eSearchResult><ERROR>{escape(message)}</ERROR></eSearchResult>"
    return f"{XML_HEAD}{ESEARCH_DOCTYPE}\n{error}\n"


def esearch_error_json(message: str) -> str:
    return _compact(
        {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": {"ERROR": message}}
    )


def _compact(body: dict[str, Any]) -> str:
    """NCBI's JSON has no whitespace between tokens."""
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def _pubdate(year: int | None, month: int | None) -> str:
    if year is None:
        return ""
    return f"{year} {MONTHS[month - 1]}" if month else str(year)


def docsum(work: FakeWork) -> dict[str, Any]:
    """One ESummary document summary (``result[uid]``) with the samples' keys."""
    names = [a.collective or f"{a.family} {a.initials}".strip() for a in work.authors]
    online = work.effective_online
    epub = _pubdate(*online) if work.has_online_first else ""
    ids = [{"idtype": "pubmed", "idtypen": 1, "value": work.pmid}]
    if work.doi:
        ids.append({"idtype": "doi", "idtypen": 3, "value": work.doi})
    sort_year, sort_month = (work.year, work.month) if work.year is not None else online
    return {
        "uid": work.pmid, "pubdate": _pubdate(work.year, work.month), "epubdate": epub,
        "source": work.journal_abbrev or work.journal,
        "authors": [{"name": n, "authtype": "Author", "clusterid": ""} for n in names],
        "lastauthor": names[-1] if names else "", "title": work.title,
        "sorttitle": " ".join(work.title.lower().rstrip(".").split()),
        "volume": work.volume or "", "issue": work.issue or "", "pages": work.medline_pgn or "",
        "lang": [work.language or "eng"], "nlmuniqueid": work.nlm_id or "", "issn": work.issn or "",
        "essn": "", "pubtype": list(work.pub_types), "recordstatus": "PubMed - indexed for MEDLINE",
        "pubstatus": "4", "articleids": ids, "history": [], "references": [],
        "attributes": ["Has Abstract"], "pmcrefcount": "", "fulljournalname": work.journal,
        "elocationid": f"doi: {work.doi}" if work.doi else "", "doctype": "citation",
        "sortpubdate": f"{sort_year or 1900}/{sort_month or 1:02d}/01 00:00",
        "sortfirstauthor": names[0] if names else "",
        "vernaculartitle": work.vernacular_title or "",
    }  # fmt: skip


def esummary_json(uids: list[str], found: dict[str, FakeWork]) -> str:
    """``{"header":...,"result":{"uids":[...], uid: docsum}}``; unknown uids carry an ``error``."""
    result: dict[str, Any] = {"uids": uids}
    for uid in uids:
        work = found.get(uid)
        result[uid] = docsum(work) if work else {"uid": uid, "error": "cannot get document summary"}
    return _compact({"header": {"type": "esummary", "version": "0.3"}, "result": result})
