"""Identifiers and web noise in a reference: DOI, PMID, PMCID, URLs, access notes.

They are pulled out before the structure of a reference is parsed, so the style patterns only
ever see authors, title, journal, date and locator. What was removed is reported, including how
the DOI was written, because AMA ("doi:10.1016/...") and Vancouver ("doi: 10.1016/...") differ
only there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import regex

from app.normalize import normalize_doi

# A DOI is "10.<registrant>/<suffix>"; the suffix runs to the next whitespace. The label in front
# ("doi:", "DOI", "https://doi.org/") is removed with it.
_DOI: Final = regex.compile(
    r"""(?P<label>(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)?
        (?P<doi>10\.\d{4,9}/\S+)""",
    regex.VERBOSE | regex.IGNORECASE,
)
_PMID: Final = regex.compile(r"(?:\bPubMed\s+)?\bPMID\s*:?\s*(?P<pmid>\d{1,9})\b", regex.IGNORECASE)
_PMCID: Final = regex.compile(
    r"(?:\bPubMed\s+Central\s+)?\bPMCID\s*:?\s*PMC\d+\b|\bPMC\d{4,}\b", regex.IGNORECASE
)
_URL: Final = regex.compile(r"(?:\b(?:Available\s+(?:at|from)|Retrieved\s+from|URL)\s*:?\s*)?"
                            r"(?:https?://|www\.)\S*", regex.IGNORECASE)  # fmt: skip
# "[Epub ahead of print]", "[cited 2020 Jan 3]", "Accessed March 3, 2020", "Epub 2006 Nov 17".
# Case matters: "accessed" or "cited" inside a title is no note.
_NOTES: Final = regex.compile(
    r"""\[(?i:Epub\ ahead\ of\ print|cited[^\]]{0,40}|Internet)\]
      | \b(?:Accessed|Last\ accessed)\b[^.;]{0,40}\d{4}
      | \bEpub\ (?:ahead\ of\ print|\d{4}(?:\ \p{L}{3,9}(?:\ \d{1,2})?)?)""",
    regex.VERBOSE,
)
# What stays behind inside the text once identifiers are gone: ". ." and ". ;".
_LEFTOVER_PUNCT: Final = regex.compile(r"(?<=[.;,])(?:\s+[.;,])+(?=\s|$)")
_SPACES: Final = regex.compile(r"\s{2,}")
_EMPTY_BRACKETS: Final = regex.compile(r"\(\s*\)|\[\s*\]")


@dataclass(frozen=True, slots=True)
class Identifiers:
    """What :func:`split_identifiers` found, and the reference text without it."""

    text: str  # the reference without identifiers, URLs and access notes
    doi: str | None = None
    pmid: str | None = None
    doi_label: str = (
        ""  # the DOI's label as written, lower-cased ("doi:", "doi: ", "https://doi.org/")
    )


def split_identifiers(text: str) -> Identifiers:
    """Remove DOI, PMID, PMCID, URLs and access notes from a reference; return them and the rest.

    The DOI loses the punctuation that ends the sentence it sits in:

    >>> found = split_identifiers(
    ...     "Cell. 2006;127(4):679-95. doi: 10.1016/j.cell.2006.11.001. PMID: 17110329."
    ... )
    >>> (found.text, found.doi, found.pmid, found.doi_label)
    ('Cell. 2006;127(4):679-95.', '10.1016/j.cell.2006.11.001', '17110329', 'doi: ')
    """
    doi, label = None, ""
    doi_match = _DOI.search(text)
    if doi_match:
        written = _balance_parentheses(doi_match.group("doi"))
        doi = normalize_doi(written)
        label = (doi_match.group("label") or "").lower()
        end = doi_match.start("doi") + len(written)  # what closes the sentence stays
        text = text[: doi_match.start()] + " " + text[end:]
    pmid_match = _PMID.search(text)
    pmid = pmid_match.group("pmid") if pmid_match else None
    for pattern in (_PMID, _PMCID, _URL, _NOTES):
        text = pattern.sub(" ", text)
    return Identifiers(text=_tidy(text), doi=doi, pmid=pmid, doi_label=label)


def _balance_parentheses(doi: str) -> str:
    """Drop a closing parenthesis that closes the sentence, not the DOI: "(doi: 10.1/x(1)))"."""
    while doi.endswith(")") and doi.count(")") > doi.count("("):
        doi = doi[:-1]
    while doi and doi[-1] in ".,;:]":
        doi = doi[:-1]
    return doi


def _tidy(text: str) -> str:
    """Collapse what removals leave behind: "679-95. . ." -> "679-95."."""
    text = _SPACES.sub(" ", _EMPTY_BRACKETS.sub(" ", text)).strip()
    text = _LEFTOVER_PUNCT.sub("", text).rstrip(" .;,")
    if text and text[-1] not in ".?!)]\"'":
        text += "."
    return text
