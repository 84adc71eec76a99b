"""Crossref's view of a work: the JSON of ``/works/{doi}`` and ``/works?...``.

The shape follows the recorded samples (``crossref-work-*.json``). Crossref differs from
PubMed the way the real one does: the title has no trailing period, ``container-title`` is the
full journal name in title case with the abbreviation in ``short-container-title``, ``page``
is the full range, ``issued`` is the earlier of print and online, the DOI is lower-case.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from starlette.responses import JSONResponse

from tests.fake_upstream.store import FakeAuthor, FakeWork

# Publisher name and Crossref member id by DOI prefix (real pairs; unknown prefixes get a stub).
PUBLISHERS: dict[str, tuple[str, str]] = {
    "10.1016": ("Elsevier BV", "78"), "10.1053": ("Elsevier BV", "78"),
    "10.1002": ("Wiley", "311"), "10.1111": ("Wiley", "311"),
    "10.1007": ("Springer Science and Business Media LLC", "297"),
    "10.1038": ("Springer Science and Business Media LLC", "297"),
    "10.1186": ("Springer Science and Business Media LLC", "297"),
    "10.1245": ("Springer Science and Business Media LLC", "297"),
    "10.1056": ("Massachusetts Medical Society", "150"),
    "10.1200": ("American Society of Clinical Oncology (ASCO)", "233"),
    "10.1097": ("Ovid Technologies (Wolters Kluwer Health)", "276"),
    "10.1093": ("Oxford University Press (OUP)", "286"), "10.1136": ("BMJ", "239"),
    "10.1182": ("American Society of Hematology", "234"),
    "10.1371": ("Public Library of Science (PLoS)", "340"),
    "10.1155": ("Hindawi Limited", "98"), "10.4061": ("SAGE-Hindawi Access to Research", "98"),
    "10.1159": ("S. Karger AG", "127"), "10.1177": ("SAGE Publications", "179"),
    "10.1101": ("Cold Spring Harbor Laboratory", "246"),
}  # fmt: skip
_SMALL_WORDS = frozenset(
    "a an and as at by for from in of on or the to with de la du der und".split()
)
_QUALIFIER_RE = re.compile(r"\s+(?::|/)\s+.*$|\s*\([^)]*\)\s*$")
_INDEXED = {
    "date-parts": [[2026, 6, 1]],
    "date-time": "2026-06-01T00:00:00Z",
    "timestamp": 1780272000000,
}


class CrossrefJSONResponse(JSONResponse):
    """JSON as Crossref writes it: ``/`` escaped as ``\\/`` (so clients must parse, not grep)."""

    def render(self, content: Any) -> bytes:
        return (
            json.dumps(content, ensure_ascii=False, separators=(",", ":"))
            .replace("/", "\\/")
            .encode("utf-8")
        )


def date_parts(year: int | None, month: int | None) -> dict[str, Any]:
    """``{"date-parts": [[2006, 11]]}``; ``[[null]]`` when the year is unknown, as in Crossref."""
    if year is None:
        return {"date-parts": [[None]]}
    return {"date-parts": [[year, month] if month else [year]]}


def crossref_title(work: FakeWork) -> str:
    """The title as Crossref holds it: "[Translated title.]" -> "Translated title"."""
    if work.title_crossref:
        return work.title_crossref
    title = work.title.strip()
    if title.startswith("[") and title.endswith("]"):
        title = title[1:-1]
    return title.rstrip(". ")


def container_title(work: FakeWork) -> str:
    """The full journal name in title case, without NLM's qualifier.

    "Journal of clinical oncology : official journal of ..." -> "Journal of Clinical Oncology".
    """
    if work.container_title:
        return work.container_title
    words = _QUALIFIER_RE.sub("", work.journal).split()
    return " ".join(
        w if (i and w.lower() in _SMALL_WORDS) or not w[:1].isalpha() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _earliest(work: FakeWork) -> tuple[int | None, int | None]:
    online = work.effective_online
    if work.year is None or (
        online[0] is not None and (online[0], online[1] or 0) < (work.year, work.month or 0)
    ):
        return online
    return work.year, work.month


def _author(author: FakeAuthor, first: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    if author.collective:
        entry["name"] = author.collective
    else:
        if author.given:
            entry["given"] = author.given
        entry["family"] = author.family
        if author.suffix:
            entry["suffix"] = author.suffix
    return entry | {"sequence": "first" if first else "additional", "affiliation": []}


def _update_date(entry: Mapping[str, str]) -> dict[str, Any]:
    """``updated`` as Crossref writes it: date-parts, date-time and timestamp (ms)."""
    year, month, day = (int(p) for p in entry.get("date", "2026-01-01").split("-"))
    moment = datetime(year, month, day, tzinfo=UTC)
    return {
        "date-parts": [[year, month, day]],
        "date-time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "timestamp": int(moment.timestamp() * 1000),
    }


def _updates(entries: Sequence[Mapping[str, str]]) -> list[dict[str, Any]]:
    """``updated-by``/``update-to`` entries; an entry known to PubMed only (no DOI) is left out.

    Shaped like the sample ``crossref-work-10.1371_journal.pone.0033693.json``:
    ``{"DOI", "type": "correction"|"retraction"|"expression_of_concern"|..., "label",
    "source": "publisher", "updated": {...}}``.
    """
    return [
        {
            "DOI": e["DOI"].lower(),
            "type": e.get("type", "correction"),
            "label": e.get("label", "Correction"),
            "source": e.get("source", "publisher"),
            "updated": _update_date(e),
        }
        for e in entries
        if e.get("DOI")
    ]


def _relation(relations: Mapping[str, Sequence[Mapping[str, str]]]) -> dict[str, Any]:
    """``relation`` by kind ("is-preprint-of", "has-preprint", ...), DOI targets only."""
    rendered = {
        name: [
            {"id-type": "doi", "id": e["DOI"].lower(), "asserted-by": "subject"}
            for e in entries
            if e.get("DOI")
        ]
        for name, entries in relations.items()
        if name not in ("updated-by", "update-to")
    }
    return {name: targets for name, targets in rendered.items() if targets}


def work_message(work: FakeWork, *, score: float) -> dict[str, Any]:
    """The ``message`` object of one work, with the fields a citation verifier reads."""
    doi = (work.doi or "").lower()
    prefix = doi.split("/", 1)[0]
    publisher, member = PUBLISHERS.get(prefix, ("Fake Publisher", "0"))
    issued = date_parts(*_earliest(work))
    msg: dict[str, Any] = {
        "indexed": _INDEXED, "reference-count": 0, "publisher": publisher,
        "content-domain": {"domain": [], "crossmark-restriction": False},
        "short-container-title": [work.journal_abbrev] if work.journal_abbrev else [],
        "DOI": doi, "type": work.crossref_type, "created": issued, "source": "Crossref",
        "is-referenced-by-count": 0, "title": [crossref_title(work)], "prefix": prefix,
        "author": [_author(a, i == 0) for i, a in enumerate(work.authors)], "member": member,
        "container-title": [container_title(work)], "original-title": [], "link": [],
        "deposited": issued, "score": score, "resource": {"primary": {"URL": f"https://example.org/{doi}"}},
        "subtitle": [], "short-title": [], "issued": issued, "references-count": 0,
        "alternative-id": [doi.split("/", 1)[-1]], "URL": f"https://doi.org/{doi}",
        "relation": _relation(work.relations), "subject": [], "published": issued,
    }  # fmt: skip
    if work.language == "eng":
        msg["language"] = "en"
    for key, value in (
        ("volume", work.volume),
        ("issue", work.issue),
        ("article-number", work.article_number),
    ):
        if value:
            msg[key] = value
    if work.first_page and work.first_page != work.article_number:
        msg["page"] = f"{work.first_page}-{work.last_page}" if work.last_page else work.first_page
    if work.year is not None:
        msg["published-print"] = date_parts(work.year, work.month)
    if work.has_online_first:
        msg["published-online"] = date_parts(*work.effective_online)
    if work.issue or work.year is not None:
        msg["journal-issue"] = {
            "issue": work.issue,
            "published-print": date_parts(work.year, work.month),
        }
    if work.issn:
        msg["ISSN"] = [work.issn]
        msg["issn-type"] = [{"value": work.issn, "type": "print"}]
    for key in ("updated-by", "update-to"):
        if updates := _updates(work.relations.get(key, ())):
            msg[key] = updates
    return msg


def work_envelope(message: Mapping[str, Any]) -> dict[str, Any]:
    """``{"status":"ok","message-type":"work",...}`` around one work."""
    return {"status": "ok", "message-type": "work", "message-version": "1.0.0", "message": message}


def list_envelope(
    items: Sequence[Mapping[str, Any]],
    *,
    total: int,
    rows: int,
    offset: int,
    search_terms: str | None,
) -> dict[str, Any]:
    """The ``work-list`` envelope; ``search-terms`` echoes ``query=`` and is null otherwise."""
    message = {
        "facets": {}, "total-results": total, "items": list(items), "items-per-page": rows,
        "query": {"start-index": offset, "search-terms": search_terms},
    }  # fmt: skip
    return {
        "status": "ok",
        "message-type": "work-list",
        "message-version": "1.0.0",
        "message": message,
    }


def select_fields(message: Mapping[str, Any], selected: Sequence[str]) -> dict[str, Any]:
    """Trim an item to ``select=`` fields; like Crossref, ``score`` goes unless selected."""
    return {k: v for k, v in message.items() if k in selected}


def validation_failure(kind: str, value: str, text: str) -> dict[str, Any]:
    """Crossref's 400 body: ``{"status":"failed","message-type":"validation-failure",...}``."""
    return {
        "status": "failed", "message-type": "validation-failure",
        "message": [{"type": kind, "value": value, "message": text}],
    }  # fmt: skip
