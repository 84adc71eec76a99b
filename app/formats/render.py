"""A readable one-line rendering of a structured citation, for reports and searches.

A BibTeX entry or a RIS record has no "reference as printed"; refcheck shows (and sends to
Crossref's bibliographic search) this Vancouver-like line instead, built from the fields:

    Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. 2009;127(4):679-695.
"""

from __future__ import annotations

from dataclasses import replace

from app.models import Author, Citation


def display_text(citation: Citation) -> str:
    """The citation's fields as one Vancouver-like line (fields it lacks are left out).

    >>> from app.models import PageRange
    >>> display_text(Citation(index=1, raw="", authors=(Author("Fidler", "IJ"),), et_al=True,
    ...     title="The pathogenesis of cancer metastasis", journal="Nat Rev Cancer", year=2003,
    ...     volume="3", pages=PageRange("453", "458", "453-458"), doi="10.1038/nrc1098"))
    'Fidler IJ, et al. The pathogenesis of cancer metastasis. Nat Rev Cancer. 2003;3:453-458. doi:10.1038/nrc1098'
    """  # noqa: E501
    names = [_name(a) for a in citation.authors]
    if citation.et_al:
        names.append("et al")
    parts = [", ".join(names)]
    parts.append(citation.title or "")
    parts.append(citation.journal or "")
    parts.append(_numbers(citation))
    text = " ".join(_sentence(p) for p in parts if p)
    if citation.doi:
        text += f" doi:{citation.doi}"
    if citation.pmid:
        text += f" PMID: {citation.pmid}"
    return text.strip()


def with_display_text(citation: Citation) -> Citation:
    """The citation with ``raw`` set to :func:`display_text` of its fields."""
    return replace(citation, raw=display_text(citation))


def _name(author: Author) -> str:
    return author.family if author.is_group else f"{author.family} {author.initials}".strip()


def _numbers(citation: Citation) -> str:
    text = f"{citation.year}{citation.year_suffix}" if citation.year else ""
    volume = citation.volume or ""
    if citation.issue:
        volume += f"({citation.issue})"
    if volume:
        text += f";{volume}"
    if citation.pages is not None:
        pages = citation.pages.raw or citation.pages.first
        text += f":{pages}"
    return text


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."
