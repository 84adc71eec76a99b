"""Field values of structured records, made into the domain's forms.

Each format module reads its own syntax; these small functions turn what it read (a year
string, a page pair, a person's family and given names) into the values a
:class:`~app.models.Citation` holds, the same way for every format.
"""

from __future__ import annotations

import re
from typing import Final

from app.models import Author, PageRange
from app.normalize import clean_text, expand_page_range, initials_of

_DASH_RUN: Final = re.compile(r"\s*-{2,}\s*")
_YEAR: Final = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)([a-z]?)(?![\da-z])")
# "GP", "J", "MFJ": given names written as bare initials (PubMed and JATS do this).
_BARE_INITIALS: Final = re.compile(r"[A-Z]{1,4}")
# "G. P.", "A.", "J.-P.": initials with dots carry no given name.
_DOTTED_INITIALS: Final = re.compile(r"(?:[A-Z]\.\s*-?\s*){1,4}")


def text_or_none(value: object) -> str | None:
    """A cleaned, non-empty string, or ``None``: ``"  127 "`` -> ``"127"``, ``""`` -> ``None``."""
    if value is None:
        return None
    cleaned = clean_text(str(value))
    return cleaned or None


def year_of(value: object) -> tuple[int | None, str]:
    """The year and its disambiguation letter in a date field.

    >>> year_of("2006/11/17/"), year_of("2009a"), year_of("n.d.")
    ((2006, ''), (2009, 'a'), (None, ''))
    """
    match = _YEAR.search(str(value or ""))
    if match is None:
        return None, ""
    return int(match.group(1)), match.group(2)


def pages_of(first: object, last: object = None) -> PageRange | None:
    """Pages from one range field ("679--695") or a first/last pair ("679", "695").

    >>> pages_of("679", "695")
    PageRange(first='679', last='695', raw='679-695')
    """
    start, end = text_or_none(first), text_or_none(last)
    start = _DASH_RUN.sub("-", start) if start else None  # BibTeX's "--", clean_text'd
    if start and end and "-" not in start:
        return expand_page_range(f"{start}-{end}")
    return expand_page_range(start)


def person(family: str, given: str | None = None, *, is_group: bool = False) -> Author:
    """An author from family and given names; bare initials stay as they are.

    >>> person("Gupta", "Gaurav P."), person("Gupta", "GP").initials
    (Author(family='Gupta', initials='GP', given='Gaurav P.', is_group=False), 'GP')
    """
    family = clean_text(family)
    given = text_or_none(given)
    if is_group or not given:
        return Author(family=family, is_group=is_group)
    if _BARE_INITIALS.fullmatch(given):
        return Author(family=family, initials=given)
    if _DOTTED_INITIALS.fullmatch(given):
        return Author(family=family, initials=initials_of(given))
    return Author(family=family, initials=initials_of(given), given=given)


def person_from_text(name: str) -> Author:
    """An author from one name string as exports write it.

    "Gupta, Gaurav P." (inverted), "Gupta GP" (Vancouver) and "Gaurav P. Gupta" (natural order)
    are people; a name of three or more words with no initials is a group
    ("Dutch Liver Surgery Working Group").

    >>> [person_from_text(n).initials for n in ("Gupta, Gaurav P.", "Gupta GP", "Gaurav P. Gupta")]
    ['GP', 'GP', 'GP']
    """
    name = clean_text(name)
    if "," in name:
        family, given = name.split(",", 1)
        return person(family, given)
    words = name.split()
    if len(words) >= 2 and _BARE_INITIALS.fullmatch(words[-1].replace(".", "")):
        return person(" ".join(words[:-1]), words[-1].replace(".", ""))
    middle_initial = len(words) == 3 and len(words[1].rstrip(".")) == 1
    if len(words) == 2 or middle_initial:
        return person(words[-1], " ".join(words[:-1]))
    return person(name, is_group=len(words) >= 3)
