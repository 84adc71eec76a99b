"""What kind of work a reference describes, read from the parsed citation and its text.

Crossref and PubMed index journal articles (and some books and proceedings); a reference to a
book, a report, a meeting abstract, a website or a dataset that neither registry knows is
simply *not indexed*, never fabricated. Each clue names what it saw, e.g.
``Weinberg RA. The biology of cancer. New York: Garland Science; 2007.`` ->
``book: publisher and place (New York: Garland Science; 2007)``.

Clues are looked for outside the parsed title, journal name and authors, so an article titled
"Report of a consensus conference" in "Proc Natl Acad Sci U S A" by Saunders TJ is still an
article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from app.models import Citation

_I: Final = re.IGNORECASE
_YEAR: Final = r"(?:1[5-9]|20)\d\d"
# (what the clue shows, pattern, flags); the first clue of each kind of work is reported.
_CLUES: Final[tuple[tuple[str, str, str, int], ...]] = (
    ("book", "publisher and place",
     rf"\b(?!In:)[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*)*(?:,\s*[A-Z]{{2,3}})?\s*:"
     rf"\s*[A-Z][^:;.()\[\]]{{1,70}}?[;,]\s*(?:c\.?\s*|©\s*)?{_YEAR}\b", 0),
    ("book", "publisher",
     r"\b(?:University Press|[A-Z]\w+ Press|Publishers?|Publishing|Verlag|Saunders|Mosby"
     r"|Churchill Livingstone|Lippincott|McGraw[- ]Hill|Thieme|CRC|Routledge|Garland"
     r"|Blackwell)\b", 0),
    ("book", "edition", r"\b(?:\d+(?:st|nd|rd|th)|revised|second|third)\s+ed(?:ition|n)?\b\.?", _I),
    ("book", "chapter in an edited book",
     r"(?:\bIn:\s.*\b(?:editors?|eds?\.)|\((?:Eds?|Hrsg)\.?\))", _I),
    ("book", "ISBN", r"\bISBN\b", _I),
    ("conference abstract", "meeting abstract",
     r"\[(?:abstract|poster|meeting abstract)\]|\b(?:abstract|abstr|poster|presented at"
     r"|oral presentation|proceedings|proc\.)(?!\w)", _I),
    ("conference abstract", "meeting",
     r"\b(?:annual meeting|scientific sessions|congress|conference|symposium|workshop"
     r"|colloquium|summit|convention)\b", _I),
    ("conference abstract", "named meeting",
     r"\b(?:ASCO|ESMO|AACR|ASH|EASL|AASLD|ESC|DDW|ECCO|SABCS|WCLC|ERS|ATS|EHA|ECCMID|EASD"
     r"|ESGE|UEGW|ISPOR|CROI|NeurIPS|NIPS|ICML|ICLR|AAAI)\b\s*(?:GI\s*|Annual Meeting\s*)?"
     rf"'?(?:{_YEAR}|\d\d)\b", 0),
    ("website", "web designation",
     r"\[(?:internet|online)\]|\[(?:cited|updated|accessed)\b|\b(?:available (?:from|at|online)"
     r"|retrieved (?:from|on)|accessed)\b", _I),
    ("website", "web address", r"(?:https?://(?!(?:dx\.)?doi\.org/)|\bwww\.)\S+", _I),
    ("dataset", "dataset designation",
     r"\[data ?set\]|\bdata from:|\bdataset\b|\b(?:zenodo|dryad|figshare|dataverse|genbank"
     r"|gene expression omnibus|mendeley data|osf\.io)\b", _I),
    ("dataset", "DataCite DOI", r"\b10\.(?:5281|5061|7910|6084|17632|15468|25504|4121)/", 0),
    ("preprint", "arXiv", r"\barxiv\b|\b10\.48550/", _I),
    ("report", "report, thesis or guideline",
     r"\b(?:technical report|report no|white paper|working paper|policy brief|fact sheet"
     r"|press release|thesis|dissertation|patent|software|R package|guidelines?"
     r"|version \d[\w.]*)\b", _I),
)  # fmt: skip
_COMPILED: Final = tuple(
    (work, shows, re.compile(pattern, flags)) for work, shows, pattern, flags in _CLUES
)
# Clues that an article may exist but not be indexed (yet): they keep a reference from being
# called fabricated without making it "not indexed".
_DOUBTS: Final = (
    ("a journal supplement, where meeting abstracts are printed", re.compile(r"\bsuppl", _I)),
    ("in press", re.compile(r"\bin press\b|\bforthcoming\b|\baccepted\b", _I)),
)
# Abstract books number pages with a letter after the digits ("Blood. 2005;106:149a") or as
# late-breaking abstracts ("LBA10").
_ABSTRACT_PAGE: Final = re.compile(r"^(?:\d+[a-z]|LBA\d+)$")
# MEDLINE's convention for an article not in English: "[Ethanol modifies ...]".
_TRANSLATED_TITLE: Final = re.compile(r"^\s*\[[^\]]{10,}\]")
EXCERPT_LENGTH: Final = 60


@dataclass(frozen=True, slots=True)
class WorkShape:
    """What the reference looks like: clues to a non-article, doubts, and article shape.

    ``article`` is true when the citation gives a title, a journal, a year and a volume or
    pages: the shape an invented journal reference takes.
    """

    not_indexed: tuple[str, ...]
    doubts: tuple[str, ...]
    article: bool


def work_shape(citation: Citation) -> WorkShape:
    """Read the clues of ``citation``; see the module docstring."""
    outside = _outside_title_and_journal(citation)
    clues: dict[str, str] = {}
    for work, shows, pattern in _COMPILED:
        found = pattern.search(outside) or (
            pattern.search(citation.doi) if citation.doi and "DOI" in shows else None
        )
        if found and work not in clues:
            clues[work] = f"{work}: {shows} ({_excerpt(found.group())})"
    page = citation.pages.first if citation.pages else ""
    if _ABSTRACT_PAGE.match(page) and "conference abstract" not in clues:
        clues["conference abstract"] = f"conference abstract: abstract page number ({page})"
    doubts = tuple(why for why, pattern in _DOUBTS if pattern.search(outside))
    if _TRANSLATED_TITLE.match(citation.title or ""):
        doubts += ("a translated title in brackets: the original may be indexed under its own",)
    article = bool(
        citation.title
        and citation.journal
        and citation.year
        and (citation.volume or citation.pages)
    )
    return WorkShape(tuple(clues.values()), doubts, article)


def _outside_title_and_journal(citation: Citation) -> str:
    """The raw text without the parsed title, journal and author names (bracketed notes kept).

    Authors go too: "Saunders TJ" and "Garland R" are people, not publishers.
    """
    text = citation.raw
    for part in (citation.title, citation.journal):
        if not part:
            continue
        bare = re.sub(r"\s*\[[^\]]*\]\s*", " ", part).strip()
        start = text.casefold().find(bare.casefold()) if bare else -1
        if start >= 0:
            text = f"{text[:start]} {text[start + len(bare) :]}"
    for author in citation.authors:
        if author.family and not author.is_group:
            text = re.sub(rf"\b{re.escape(author.family)}\b", " ", text)
    return text


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"
