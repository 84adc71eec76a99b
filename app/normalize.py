"""Pure text normalisers shared by the parser, the record mappers and the comparators.

This is the one place that knows how dashes, page ranges, DOIs and names vary in the wild.
Every function is pure and total: it never raises on odd input, it returns ``None`` or the
input unchanged instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

from anyascii import anyascii

from app.models import PageRange

# Hyphen-minus plus every Unicode dash a publisher's page may use (hyphen, non-breaking hyphen,
# figure dash, en dash, em dash, horizontal bar, minus sign, small/full-width hyphen-minus).
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{DASHES}]")
_SPACES_RE = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CURLY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00b4": "'",
        "`": "'",
    }
)
_TAG_RE = re.compile(r"<[^>]{1,200}>")
_NON_ALNUM_RE = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65_536)
def clean_text(text: str) -> str:
    """Fold whitespace (incl. non-breaking spaces), straighten quotes, unify dashes to "-".

    >>> clean_text("Cell.\u00a02006;127:679\u201395.")
    'Cell. 2006;127:679-95.'
    """
    text = unicodedata.normalize("NFC", text).translate(_CURLY)
    text = _DASH_RE.sub("-", text)
    return _SPACES_RE.sub(" ", text).strip()


def strip_markup(text: str) -> str:
    """Remove JATS/HTML tags ("<i>KRAS</i>") and fold whitespace, as Crossref titles need."""
    return _SPACES_RE.sub(" ", _TAG_RE.sub("", text)).strip()


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Case-fold and strip diacritics: "Massaguè" -> "massague", "Łódź" -> "lodz".

    Cached, with an ASCII fast path: matching folds the same author names and titles
    thousands of times per reference list (the CPU benchmark's top hotspot).
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return anyascii(without_marks).casefold()


@lru_cache(maxsize=65_536)
def fold_alnum(text: str) -> str:
    """Fold, then keep only letters and digits separated by single spaces (for similarity)."""
    return _NON_ALNUM_RE.sub(" ", fold(strip_markup(text))).strip()


def expand_page_range(text: str | None) -> PageRange | None:
    """Parse a page field into a :class:`PageRange`, expanding abbreviated last pages.

    "679-95" -> 679..695; "1349-57" -> 1349..1357; "e3722" -> e3722; "S224-S225" and
    "H337-49" keep their prefix; "3427-2436" is kept as written (the comparator reports an
    impossible range, we never guess what was meant).
    """
    if not text:
        return None
    raw = clean_text(text).strip(" .,;:")
    raw = re.sub(r"^(?:pp?\.?|pages?)\s*", "", raw, flags=re.IGNORECASE)
    if not raw:
        return None
    parts = [p.strip() for p in raw.split("-", 1)]
    first = parts[0]
    if len(parts) == 1 or not parts[1]:
        return PageRange(first=first, last=None, raw=raw)
    last = parts[1]
    m_first = re.fullmatch(r"([A-Za-z]*)(\d+)", first)
    m_last = re.fullmatch(r"([A-Za-z]*)(\d+)", last)
    if m_first and m_last and (not m_last.group(1) or m_last.group(1) == m_first.group(1)):
        prefix, start = m_first.groups()
        end = m_last.group(2)
        if len(end) < len(start):
            end = start[: len(start) - len(end)] + end
        return PageRange(first=first, last=prefix + end, raw=raw)
    return PageRange(first=first, last=last, raw=raw)


def page_range_is_impossible(pages: PageRange) -> bool:
    """True when a fully numeric range ends before it starts ("3427-2436" after expansion)."""
    if pages.last is None:
        return False
    a = re.fullmatch(r"[A-Za-z]*(\d+)", pages.first)
    b = re.fullmatch(r"[A-Za-z]*(\d+)", pages.last)
    return bool(a and b and int(b.group(1)) < int(a.group(1)))


_DOI_PREFIXES = re.compile(
    r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|(?:dx\.)?doi\.org/)", re.IGNORECASE
)


@lru_cache(maxsize=65_536)
def normalize_doi(doi: str | None) -> str | None:
    """Canonical DOI: no resolver prefix, URL-decoded, lower-case, no trailing punctuation.

    >>> normalize_doi("https://doi.org/10.1016/J.CELL.2006.11.001.")
    '10.1016/j.cell.2006.11.001'
    """
    if not doi:
        return None
    value = unquote(clean_text(doi))
    value = _DOI_PREFIXES.sub("", value).strip()
    value = value.rstrip(".,;:)]}>'\"")
    if not re.match(r"^10\.\d{4,9}/\S+$", value):
        return None
    return value.lower()


def initials_of(given: str | None) -> str:
    """Initials from a given name: "Gaurav P." -> "GP", "Jan-Peter" -> "JP", "M. F. J." -> "MFJ"."""
    if not given:
        return ""
    letters = re.findall(r"(?:^|[\s.\-])(\w)", given.strip())
    return "".join(ch.upper() for ch in letters if ch.isalpha())
