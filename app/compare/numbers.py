"""Comparators for the numeric fields: year, volume, issue and pages.

Also the equality rules the matcher shares: :func:`same_label` for volume and issue,
:func:`same_page` for pages, and :func:`format_pages` for showing a range in full.
"""

from __future__ import annotations

import re
from typing import Final

from app.compare import severities
from app.models import Citation, FieldName, Mismatch, PageRange, Record
from app.normalize import fold, page_range_is_impossible

_LABEL_WORDS: Final = re.compile(r"\b(?:vol|volume|no|nr|issue)\b")
_SUPPLEMENT: Final = re.compile(r"\bsupp(?:l|lement)?\b")
_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]+")
_LEADING_ZEROS: Final = re.compile(r"(?<![0-9])0+(?=[0-9])")
_PART: Final = re.compile(r"^pt(?=[0-9])|(?<=.)pt[0-9a-z]+$")
_E_LOCATOR: Final = re.compile(r"e?0*(\d+)")


def normalize_label(value: str) -> str:
    """Canonical volume/issue label for comparison.

    >>> [normalize_label(v) for v in ("Suppl. 8", "Supplement 8", "suppl_8", "Vol. 08")]
    ['suppl8', 'suppl8', 'suppl8', '8']
    """
    text = _SUPPLEMENT.sub("suppl", _LABEL_WORDS.sub("", fold(value)))
    return _LEADING_ZEROS.sub("", _NOT_ALNUM.sub("", text))


def same_label(cited: str, registered: str) -> bool:
    """Equal labels; a part label equals its issue on the side that omits it.

    >>> same_label("3", "3 Pt 1"), same_label("13", "Pt 13"), same_label("3 Pt 1", "3 Pt 2")
    (True, True, False)
    """
    a, b = normalize_label(cited), normalize_label(registered)
    return a == b or _without_part(a) == b or a == _without_part(b)


def same_page(cited: str, registered: str) -> bool:
    """Equal pages; an e-locator equals its article number.

    >>> same_page("e3722", "3722"), same_page("031208", "31208"), same_page("1", "154541")
    (True, True, False)
    """
    return _page_key(cited) == _page_key(registered)


def format_pages(pages: PageRange) -> str:
    """A range in full form: "679-695", or a single page/article number."""
    return f"{pages.first}-{pages.last}" if pages.last else pages.first


def compare_year(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Year: right when it is any registered year (print, online, issue).

    Tolerance: a year within one of a registered year is a WARNING, because online-first and
    print years differ ("cited 2007, registered 2008"); anything further is an ERROR
    ("year cited 2009, registered 2006").
    """
    years = set(record.years) | ({record.year} if record.year is not None else set())
    if citation.year is None or not years or citation.year in years:
        return ()
    found = str(record.year if record.year is not None else min(years))
    cited = str(citation.year)
    if any(abs(citation.year - year) == 1 for year in years):
        message = f"year cited {cited}, registered {found} (online and print years differ)"
        return (Mismatch(FieldName.YEAR, cited, found, severities.YEAR_ONE_OFF, message),)
    message = f"year cited {cited}, registered {found}"
    return (Mismatch(FieldName.YEAR, cited, found, severities.WRONG_VALUE, message),)


def compare_volume(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Volume: equal after normalisation ("Suppl 8" ~ "Suppl. 8"); nothing when a side lacks it.

    Tolerance: none beyond spelling; "15" for "120" is an ERROR.
    """
    return _compare_label(FieldName.VOLUME, citation.volume, record.volume)


def compare_issue(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Issue: like volume, and "3" also matches a registered part issue "3 Pt 1".

    Tolerance: a missing issue on either side is fine; a different one is an ERROR.
    """
    return _compare_label(FieldName.ISSUE, citation.issue, record.issue)


def compare_pages(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Pages: first page, and last page after expansion ("679-95" is 679-695).

    Tolerance: a cited range without a last page is fine when the first page agrees; an
    e-locator equals its article number ("e3722" ~ "3722"). A range that ends before it starts
    ("3427-2436") is an ERROR even when the first page agrees, and so is a different first or
    last page ("1" for article number "154541").
    """
    cited, registered = citation.pages, record.pages
    if cited is None or registered is None:
        return ()
    written, found = cited.raw or format_pages(cited), format_pages(registered)
    if page_range_is_impossible(cited):
        message = f"pages cited {written}, registered {found} (impossible page range)"
        return (Mismatch(FieldName.PAGES, written, found, severities.IMPOSSIBLE_PAGES, message),)
    last_differs = bool(
        cited.last and registered.last and not same_page(cited.last, registered.last)
    )
    if same_page(cited.first, registered.first) and not last_differs:
        return ()
    message = f"pages cited {written}, registered {found}"
    return (Mismatch(FieldName.PAGES, written, found, severities.WRONG_VALUE, message),)


def _compare_label(
    field: FieldName, cited: str | None, registered: str | None
) -> tuple[Mismatch, ...]:
    if not cited or not registered or not normalize_label(cited) or not normalize_label(registered):
        return ()
    if same_label(cited, registered):
        return ()
    message = f"{field.value} cited {cited}, registered {registered}"
    return (Mismatch(field, cited, registered, severities.WRONG_VALUE, message),)


def _without_part(label: str) -> str:
    """Drop a part label: "3pt1" -> "3" (an issue's part), "pt13" -> "13" (a part as issue)."""
    return _PART.sub("", label)


def _page_key(page: str) -> str:
    text = fold(page).strip()
    digits = _E_LOCATOR.fullmatch(text)
    return digits.group(1) if digits else text
