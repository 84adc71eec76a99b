"""The corrected citation, written in the style the manuscript used.

What the citation got right stays as written: its "et al." cut, its journal abbreviation, its
title wording and its page-range form. Fields in error (or missing) take the registered values,
author names take the registered spelling, and the DOI is added when the record has one.

>>> from app.models import Author, PageRange, Record, Source
>>> record = Record(sources=(Source.CROSSREF,), doi="10.1016/j.cell.2006.11.001",
...     title="Cancer Metastasis: Building a Framework", journal="Cell", year=2006,
...     years=(2006,), volume="127", issue="4", pages=PageRange("679", "695"),
...     authors=(Author("Gupta", "GP"), Author("Massagué", "J")))
>>> cited = Citation(index=12, raw="...", authors=(Author("Gupta", "GP"), Author("Massaguè", "J")),
...     title="Cancer metastasis: building a framework", journal="Cell", year=2009,
...     volume="127", pages=PageRange("679", "695", raw="679-95"))
>>> suggest(cited, record)
'Gupta GP, Massagué J. Cancer metastasis: building a framework. Cell. 2006;127(4):679-95. doi:10.1016/j.cell.2006.11.001'
"""  # noqa: E501

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from app.compare import compare
from app.compare.numbers import format_pages
from app.models import Author, Citation, FieldName, PageRange, Record, Severity, Style
from app.names import NameRelation, author_initials, author_relation
from app.normalize import strip_markup

# Authors listed before "et al." when the citation gave none to follow, per style guide:
# ICMJE/NLM 6, AMA 3 of more than 6, APA 20, Harvard and Chicago 10, IEEE 6, Nature 5, BMC 30,
# MLA 2 (three or more authors: the first and "et al."), the other journal styles 10 or 3.
DEFAULT_AUTHOR_CUT: Final = {
    Style.VANCOUVER: 6, Style.AMA: 3, Style.APA: 20, Style.HARVARD: 10,
    Style.CHICAGO: 10, Style.IEEE: 6, Style.NATURE: 5, Style.SCIENCE: 10, Style.SPRINGER: 3,
    Style.ELSEVIER: 10, Style.ELSEVIER_HARVARD: 10, Style.BMC: 30, Style.ACS: 10, Style.MLA: 2,
    Style.UNKNOWN: 6,
}  # fmt: skip
# Styles whose guides abbreviate page ranges ("679-95") when the citation does not show a form.
_ABBREVIATING_STYLES: Final = frozenset({Style.VANCOUVER, Style.MLA, Style.UNKNOWN})
_NEEDS_FIX: Final = frozenset({Severity.ERROR, Severity.WARNING})


@dataclass(frozen=True, slots=True)
class _Fields:
    """The corrected values, ready to be punctuated by a style."""

    authors: tuple[Author, ...]
    et_al: bool
    title: str | None
    journal: str | None
    year: str | None
    volume: str | None
    issue: str | None
    pages: str | None
    doi: str | None


def suggest(citation: Citation, record: Record) -> str:
    """The citation as it should read, in ``citation.style`` (Vancouver when unknown)."""
    fields = _corrected(citation, record)
    return _FORMATTERS.get(citation.style, _vancouver)(fields)


def abbreviate_range(first: str, last: str) -> str:
    """NLM page abbreviation: "679", "695" -> "679-95"; "1", "17" -> "1-17"."""
    if not (first.isdigit() and last.isdigit() and len(first) == len(last)):
        return f"{first}-{last}"
    shared = 0
    while shared < len(first) - 1 and first[shared] == last[shared]:
        shared += 1
    return f"{first}-{last[shared:]}"


def _corrected(citation: Citation, record: Record) -> _Fields:
    wrong = {m.field for m in compare(citation, record) if m.severity in _NEEDS_FIX}

    def pick(field: FieldName, cited: str | None, registered: str | None) -> str | None:
        return cited if cited and field not in wrong else registered or cited

    year = citation.year if citation.year and FieldName.YEAR not in wrong else record.year
    authors, et_al = _authors(citation, record)
    return _Fields(
        authors=authors,
        et_al=et_al,
        title=_clean_title(pick(FieldName.TITLE, citation.title, record.title)),
        journal=pick(FieldName.JOURNAL, citation.journal, record.journal),
        year=None if year is None else f"{year}{citation.year_suffix}",
        volume=pick(FieldName.VOLUME, citation.volume, record.volume),
        issue=pick(FieldName.ISSUE, citation.issue, record.issue),
        pages=_pages(citation, record, pages_wrong=FieldName.PAGES in wrong),
        doi=record.doi or citation.doi,
    )


def _authors(citation: Citation, record: Record) -> tuple[tuple[Author, ...], bool]:
    """Registered names, cut where the citation cut them (or at the style's default)."""
    registered, cited = record.authors, citation.authors
    if not registered:
        return cited, citation.et_al
    limit = DEFAULT_AUTHOR_CUT.get(citation.style, 6)
    keep = len(cited) if citation.et_al and cited else max(len(cited), limit)
    if len(registered) <= keep:
        keep = len(registered)
    named = tuple(
        _with_initials(r, cited[i] if i < len(cited) else None)
        for i, r in enumerate(registered[:keep])
    )
    return named, keep < len(registered)


def _with_initials(registered: Author, cited: Author | None) -> Author:
    """Registered initials; the cited ones only when the record has none for the same person."""
    if author_initials(registered) or cited is None or registered.is_group:
        return registered
    if author_relation(cited, registered) is NameRelation.DIFFERENT:
        return registered
    return Author(registered.family, cited.initials, registered.given, registered.is_group)


def _pages(citation: Citation, record: Record, *, pages_wrong: bool) -> str | None:
    """Cited pages as written when right; else the registered range in the cited form."""
    cited, registered = citation.pages, record.pages
    complete = cited is not None and (cited.last or registered is None or not registered.last)
    if registered is None or (complete and not pages_wrong):
        return _dashed(cited.raw or format_pages(cited)) if cited else None
    if registered.last is None:
        return registered.first
    if cited is not None and cited.last is not None:
        abbreviated = _written_last(cited) != cited.last
    else:
        abbreviated = citation.style in _ABBREVIATING_STYLES
    if abbreviated:
        return abbreviate_range(registered.first, registered.last)
    return format_pages(registered)


def _written_last(pages: PageRange) -> str:
    parts = _dashed(pages.raw).split("-", 1)
    return parts[1].strip() if len(parts) == 2 else pages.last or ""


def _dashed(text: str) -> str:
    return re.sub(r"\s*[-\u2010-\u2015\u2212]\s*", "-", text)


def _clean_title(title: str | None) -> str | None:
    return strip_markup(title).rstrip(" .") if title else None


def _end(text: str, mark: str = ".") -> str:
    """Close a title with ``mark`` unless it already ends in ? or !."""
    return text if text.endswith(("?", "!")) else text + mark


def _sentence(text: str) -> str:
    """``text`` ending in one period, or "" for no text."""
    return text.removesuffix(".") + "." if text else ""


def _dotted(initials: str, sep: str = " ") -> str:
    return sep.join(f"{ch}." for ch in initials)


def _given(author: Author) -> str:
    return author.given or _dotted(author_initials(author))


def _join(names: Sequence[str], *, et_al: bool, last: str, et_al_sep: str = ", ") -> str:
    if et_al:
        return ", ".join(names) + f"{et_al_sep}et al."
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + last + names[-1]


def _numbers(f: _Fields, *, volume_issue_sep: str = "") -> str:
    text = f.volume or ""
    if f.issue:
        text += f"{volume_issue_sep}({f.issue})"
    return text


def _vancouver(f: _Fields) -> str:
    parts = [_sentence(_join(_nlm_names(f), et_al=f.et_al, last=", "))]
    if f.title:
        parts.append(_end(f.title))
    if f.journal:
        parts.append(f"{f.journal}.")
    date = f.year or ""
    numbers = _numbers(f)
    date += f";{numbers}" if numbers else ""
    date += f":{f.pages}" if f.pages else ""
    parts.append(_sentence(date))
    if f.doi:
        parts.append(f"doi:{f.doi}")
    return " ".join(p for p in parts if p)


def _apa(f: _Fields) -> str:
    authors = _join(_inverted_names(f), et_al=f.et_al, last=", & ")
    parts = [_sentence(authors), f"({f.year or 'n.d.'})."]
    if f.title:
        parts.append(_end(f.title))
    source = ", ".join(p for p in (f.journal, _numbers(f), f.pages) if p)
    parts.append(f"{source}." if source else "")
    return _joined(*parts, _doi_url(f))


def _harvard(f: _Fields) -> str:
    authors = _join(_inverted_names(f, ""), et_al=f.et_al, last=" and ", et_al_sep=" ")
    head = " ".join(p for p in (authors, f"({f.year or 'n.d.'})") if p)
    pieces = [f"'{f.title}'" if f.title else "", f.journal or "", _numbers(f)]
    pieces.append(
        f"pp. {f.pages}" if f.pages and "-" in f.pages else f"p. {f.pages}" if f.pages else ""
    )
    text = f"{head} " + ", ".join(p for p in pieces if p) + "."
    return text + (f" doi:{f.doi}." if f.doi else "")


def _chicago(f: _Fields) -> str:
    names = [_chicago_name(a, inverted=i == 0) for i, a in enumerate(f.authors)]
    last = ", and " if len(names) > 2 or (names and "," in names[0]) else " and "
    parts = [_sentence(_join(names, et_al=f.et_al, last=last)), f"{f.year or 'n.d.'}."]
    if f.title:
        parts.append(f'"{_end(f.title)}"')
    source = " ".join(p for p in (f.journal, _numbers(f, volume_issue_sep=" ")) if p)
    source += f": {f.pages}" if f.pages else ""
    parts.append(f"{source}." if source else "")
    return _joined(*parts, _doi_url(f, "."))


def _chicago_name(author: Author, *, inverted: bool) -> str:
    """The first author "Gupta, Gaurav P.", the others "Joan Massagué"; groups as named."""
    if author.is_group:
        return author.family
    return f"{author.family}, {_given(author)}" if inverted else f"{_given(author)} {author.family}"


def _ieee(f: _Fields) -> str:
    names = _given_first_names(f)
    last = ", and " if len(names) > 2 else " and "
    head = _join(names, et_al=f.et_al, last=last, et_al_sep=" ")
    if f.title:
        head = f'{head}, "{_end(f.title, ",")}"' if head else f'"{_end(f.title, ",")}"'
    else:
        head += ","
    details = [
        f.journal,
        f"vol. {f.volume}" if f.volume else None,
        f"no. {f.issue}" if f.issue else None,
        f"pp. {f.pages}" if f.pages else None,
        f.year,
        f"doi: {f.doi}" if f.doi else None,
    ]
    return f"{head} " + ", ".join(p for p in details if p) + "."


def _nlm_names(f: _Fields) -> list[str]:
    """ "Gupta GP", as Vancouver, Springer and BMC write names."""
    return [
        a.family if a.is_group else f"{a.family} {author_initials(a)}".strip() for a in f.authors
    ]


def _inverted_names(f: _Fields, sep: str = " ") -> list[str]:
    """ "Gupta, G. P." (Nature, ACS) or, with ``sep=""``, "Gupta, G.P." (Elsevier Harvard)."""
    return [
        a.family if a.is_group else f"{a.family}, {_dotted(author_initials(a), sep)}".rstrip(", ")
        for a in f.authors
    ]


def _given_first_names(f: _Fields, sep: str = " ") -> list[str]:
    """ "G. P. Gupta" (Science) or, with ``sep=""``, "G.P. Gupta" (Elsevier)."""
    return [
        a.family if a.is_group else f"{_dotted(author_initials(a), sep)} {a.family}".strip()
        for a in f.authors
    ]


def _joined(*parts: str | None, sep: str = " ") -> str:
    return sep.join(p for p in parts if p)


def _volume_pages_year(f: _Fields) -> str:
    """Nature and Science close with "Cell 127, 679-695 (2006).": no issue."""
    numbers = _joined(f.volume, f.pages, sep=", ")
    return _sentence(_joined(f.journal, numbers, f"({f.year})" if f.year else None))


def _nature(f: _Fields) -> str:
    """Gupta, G. P. & Massagué, J. Title. Cell 127, 679-695 (2006). https://doi.org/..."""
    authors = _join(_inverted_names(f), et_al=f.et_al, last=" & ", et_al_sep=" ")
    title = _end(f.title) if f.title else None
    return _joined(_sentence(authors), title, _volume_pages_year(f), _doi_url(f))


def _science(f: _Fields) -> str:
    """G. P. Gupta, J. Massagué, Title. Cell 127, 679-695 (2006). doi: ..."""
    authors = _join(_given_first_names(f), et_al=f.et_al, last=", ", et_al_sep=" ")
    head = _joined(authors, _end(f.title) if f.title else None, sep=", ")
    return _joined(head, _volume_pages_year(f), f"doi: {f.doi}" if f.doi else None)


def _springer(f: _Fields) -> str:
    """Gupta GP, Massagué J (2006) Title. Cell 127(4):679-695. https://doi.org/..."""
    authors = _join(_nlm_names(f), et_al=f.et_al, last=", ", et_al_sep=" ")
    source = _joined(f.journal, _numbers(f))
    source += f":{f.pages}" if f.pages else ""
    title = _end(f.title) if f.title else None
    return _joined(authors, f"({f.year})" if f.year else None, title, _sentence(source),
                   _doi_url(f))  # fmt: skip


def _elsevier(f: _Fields) -> str:
    """G.P. Gupta, J. Massagué, Title, Cell 127 (2006) 679-695. https://doi.org/..."""
    authors = _join(_given_first_names(f, ""), et_al=f.et_al, last=", ", et_al_sep=" ")
    source = _joined(f.journal, f.volume, f"({f.year})" if f.year else None, f.pages)
    return _joined(_joined(authors, f.title, source, sep=", ") + ".", _doi_url(f))


def _elsevier_harvard(f: _Fields) -> str:
    """Gupta, G.P., Massagué, J., 2006. Title. Cell 127, 679-695. https://doi.org/..."""
    authors = _join(_inverted_names(f, ""), et_al=f.et_al, last=", ")
    head = _sentence(_joined(authors, f.year or "n.d.", sep=", "))
    source = _joined(_joined(f.journal, f.volume), f.pages, sep=", ")
    title = _end(f.title) if f.title else None
    return _joined(head, title, _sentence(source), _doi_url(f))


def _bmc(f: _Fields) -> str:
    """Gupta GP, Massagué J: Title. Cell 2006, 127(4):679-695. doi:..."""
    authors = _join(_nlm_names(f), et_al=f.et_al, last=", ").removesuffix(".")
    numbers = _numbers(f) + (f":{f.pages}" if f.pages else "")
    source = _joined(_joined(f.journal, f.year), numbers, sep=", ")
    title = _end(f.title) if f.title else None
    return _joined(f"{authors}:" if authors else None, title, _sentence(source),
                   f"doi:{f.doi}" if f.doi else None)  # fmt: skip


def _acs(f: _Fields) -> str:
    """Gupta, G. P.; Massagué, J. Title. Cell 2006, 127 (4), 679-695. DOI: ..."""
    names = _inverted_names(f)
    authors = "; ".join(names) + ("; et al." if f.et_al else "")
    source = _joined(_joined(f.journal, f.year), _numbers(f, volume_issue_sep=" "), f.pages,
                     sep=", ")  # fmt: skip
    title = _end(f.title) if f.title else None
    return _joined(_sentence(authors), title, _sentence(source),
                   f"DOI: {f.doi}." if f.doi else None)  # fmt: skip


def _mla(f: _Fields) -> str:
    """Gupta, Gaurav P., and Joan Massagué. "Title." Cell, vol. 127, no. 4, 2006, pp. 679-95."""
    names = [_chicago_name(a, inverted=i == 0) for i, a in enumerate(f.authors)]
    authors = _join(names, et_al=f.et_al, last=", and ")
    pages = (f"pp. {f.pages}" if "-" in f.pages else f"p. {f.pages}") if f.pages else None
    details = _joined(f.journal, f"vol. {f.volume}" if f.volume else None,
                      f"no. {f.issue}" if f.issue else None, f.year, pages, sep=", ")  # fmt: skip
    title = f'"{_end(f.title)}"' if f.title else None
    return _joined(_sentence(authors), title, _sentence(details), _doi_url(f, "."))


def _doi_url(f: _Fields, end: str = "") -> str | None:
    return f"https://doi.org/{f.doi}{end}" if f.doi else None


_FORMATTERS: Final[dict[Style, Callable[[_Fields], str]]] = {
    Style.VANCOUVER: _vancouver,
    Style.AMA: _vancouver,  # AMA differs only in full page ranges, chosen in _pages
    Style.APA: _apa,
    Style.HARVARD: _harvard,
    Style.CHICAGO: _chicago,
    Style.IEEE: _ieee,
    Style.NATURE: _nature,
    Style.SCIENCE: _science,
    Style.SPRINGER: _springer,
    Style.ELSEVIER: _elsevier,
    Style.ELSEVIER_HARVARD: _elsevier_harvard,
    Style.BMC: _bmc,
    Style.ACS: _acs,
    Style.MLA: _mla,
}
