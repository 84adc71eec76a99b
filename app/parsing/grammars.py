"""One pattern per citation style: how each lays out a journal reference.

A :class:`Grammar` is a full-match pattern with named groups, read by :mod:`app.parsing.parser`:

- ``authors`` (in the grammar's name order), or ``head`` = authors, title and journal joined by
  full stops (Vancouver), split later by :mod:`app.parsing.segments`;
- ``title`` and ``journal``, or ``block`` = "Title. Journal" to be split;
- ``year``, ``year_suffix`` ("2006a"), ``no_date`` ("in press", "n.d.");
- ``volume``, ``issue``, ``pages``;
- ``rest`` (partial grammars only): what follows the authors of a book or report, whose first
  sentence is the title.

Grammars are tried in order, most distinctive first. Identifiers (DOI, PMID, URLs) are removed
before matching, so no pattern mentions them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import regex

from app.models import Style
from app.parsing.names import NAME_SUFFIX, NameOrder

YEAR: Final = r"(?P<year>(?:1[5-9]|20)\d\d)(?P<year_suffix>[a-z])?(?!\d)"
NO_DATE: Final = r"(?P<no_date>(?i:in\ press|forthcoming|accepted)|n\.\ ?d\.?)"
DATE: Final = rf"(?:{YEAR}|{NO_DATE})"
VOLUME: Final = r"(?P<volume>\d\w*(?:-\d\w*)?)"
ISSUE: Final = r"\(\s*(?P<issue>[^()]{1,40}?)\s*\)"
PAGE: Final = r"[A-Za-z]{0,4}\d\w*"
PAGES: Final = rf"(?P<pages>{PAGE}(?:\s*-\s*{PAGE})?)"
# "2006 Nov 17", "2006 Nov-Dec", "2006 Spring", "2006 Dec 1-15" after a Vancouver year.
_MONTH_WORD: Final = r"\p{Lu}\p{Ll}{2,8}\.?"
MONTH_DAY: Final = (
    rf"(?:\s+{_MONTH_WORD}(?:\s*-\s*{_MONTH_WORD})?(?:\s+\d{{1,2}}(?:\s*-\s*\d{{1,2}})?)?)"
)
# Vancouver supplements and parts written without brackets: "2010;21 Suppl 8:632".
_BARE_ISSUE: Final = r"(?P<issue>(?:Suppl|Pt|Spec\ No)\.?(?:\s*\w+)?)"


@dataclass(frozen=True, slots=True)
class Grammar:
    """One style's layout of a reference, with the order its names are written in.

    A partial grammar reads only authors, date and title (the first sentence after the authors
    or the date), for books and reports that have no journal locator.
    """

    style: Style
    names: NameOrder
    layout: regex.Pattern[str]
    partial: bool = False
    # Something every text the layout matches contains (a quote, a bracketed year): searched
    # first, so the layout's slower full match is skipped on references of other styles. Only
    # ever a necessary condition of ``layout``: it saves time and never changes a reading.
    requires: regex.Pattern[str] | None = None

    def fits(self, text: str, *, timeout: float) -> regex.Match[str] | None:
        """The layout's full match of ``text``, or None (also when ``requires`` is missing)."""
        if self.requires is not None and self.requires.search(text) is None:
            return None
        return self.layout.fullmatch(text, timeout=timeout)


def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.VERBOSE | regex.DOTALL)


# IEEE: G. P. Gupta and J. Massagué, "Title," Cell, vol. 127, no. 4, pp. 679–695, Nov. 2006.
_IEEE: Final = _compile(rf"""
    (?P<authors>[^"]+?) ,\s* "(?P<title>[^"]+?)[,.]?" \s*,?\s* (?P<journal>[^"]+?) ,\s*
    (?:(?i:vol)\.\s*{VOLUME} \s*,\s*)?
    (?:(?i:no)\.\s*(?P<issue>[^,]{{1,30}}?) \s*,\s*)?
    (?:(?i:pp?\.|art\.\s*no\.|article) \s*{PAGES} \s*,\s*)?
    (?:{_MONTH_WORD}(?:\s*-\s*{_MONTH_WORD})?\s+(?:\d{{1,2}},\s*)?)? {DATE} \s*\.?
""")
# Chicago: Gupta, Gaurav P., and Joan Massagué. 2006. "Title." Cell 127 (4): 679–95.
_CHICAGO: Final = _compile(rf"""
    (?P<authors>[^"]+?) \.?\s+ {DATE} \.\s+ "(?P<title>[^"]+?)[.,]?" \s+
    (?P<journal>[^"]+?) ,?\s+ {VOLUME} \s* (?:{ISSUE})? \s* (?::\s*{PAGES})? \s*\.?
""")
# Chicago author-date written without quotes: Gupta, G. P., and J. Massagué. 2006. Title. Cell
# 127:679–695.
_CHICAGO_UNQUOTED: Final = _compile(rf"""
    (?P<authors>[^"]+?) \.?\s+ {DATE} \.\s+ (?P<block>[^"]+?)
    ,?\s+ {VOLUME} \s* (?:{ISSUE})? \s* (?::\s*{PAGES})? \s*\.?
""")
# Harvard: Gupta, G.P. and Massagué, J. (2006) 'Title', Cell, 127(4), pp. 679–695.
_HARVARD: Final = _compile(rf"""
    (?P<authors>.+?) \s*\(\s*{DATE}\s*\)\.?\s* '(?P<title>.+?)[.,]?' \s*,\s*
    (?P<journal>.+?) \s*,\s* {VOLUME} \s* (?:{ISSUE})? \s* (?:,\s*(?:pp?\.\s*)?{PAGES})? \s*\.?
""")
# APA: Gupta, G. P., & Massagué, J. (2006). Title. Cell, 127(4), 679–695.
# As often hand-written without the full stop after the date or the comma before the volume:
# Gupta, G.P. & Massagué, J. (2006) Title. Cell 127(4), 679-695.
_APA: Final = _compile(rf"""
    (?P<authors>.+?) \s*\(\s*(?:{YEAR}(?:,[^)]{{0,30}})?|{NO_DATE})\s*\)\.?\s*
    (?P<block>.+?) (?:[.,]?\s*,\s*|\s+) {VOLUME} \s* (?:{ISSUE})? \s*
    (?:,\s*(?:(?i:article)\s+)?{PAGES})? \s*\.?
""")
# Harvard without brackets: Gupta, G.P. and Massagué, J., 2006. Title. Cell, 127(4), pp.679-695.
_HARVARD_PLAIN: Final = _compile(rf"""
    (?P<authors>.+?) ,?\s+ {DATE} \.\s+
    (?P<block>.+?) [.,]?\s*,\s* {VOLUME} \s* (?:{ISSUE})? \s* (?:,\s*(?:pp?\.\s*)?{PAGES})? \s*\.?
""")
# Vancouver / AMA: Gupta GP, Massagué J. Title. Cell. 2006 Nov 17;127(4):679-95.
# The head is greedy, so of two "year;volume" anchors (a title citing "in 2020: 10 cases") the
# last is the locator. AMA shares this layout; the parser tells the two apart afterwards.
_NLM: Final = _compile(rf"""
    (?P<head>.+) (?:\.\s*|\s+) {YEAR} {MONTH_DAY}? \s*
    (?: ;\s*(?=[\d(]|Suppl) (?:{VOLUME})? \s* (?:{ISSUE}|{_BARE_ISSUE})? \s* (?::\s*{PAGES})?
      | :\s*{PAGES} )
    (?P<tail>.*)
""")
# EndNote's default: Gupta GP, Massagué J. Title. Cell. 2006. 127(4): p. 679-95.
_ENDNOTE: Final = _compile(rf"""
    (?P<head>.+) [.,]?\s+ {YEAR} \.\s* {VOLUME} \s* (?:{ISSUE})? \s*
    :\s* (?:pp?\.\s*)? {PAGES} \s*\.?
""")
# Vancouver names with the year last: "... Cell, 127(4), 679-695 (2006)." or "... Cell
# 127:679-695, 2006."
_YEAR_LAST: Final = _compile(rf"""
    (?P<head>.+) (?:,\s*|\s+) {VOLUME} \s* (?:{ISSUE})? \s* [:,]\s* {PAGES} \s*
    (?:\(\s*{YEAR}\s*\)|,\s*{YEAR}) \s*\.?
""")

# Author lists whose end no later anchor marks (Nature, Science, ACS, Elsevier): written out
# name by name, so that the first ". " or ", " after the last name's initials ends the list.
_INITIALS: Final = r"\p{Lu}\p{Ll}?\.(?:[\s-]*\p{Lu}\p{Ll}?\.)*"
_FAMILY: Final = r"[\p{L}'][\p{L}\p{M}'\-]*(?:\s[\p{L}'][\p{L}\p{M}'\-]*){0,4}"
_NAME_SUFFIX: Final = rf"(?:,?\s{NAME_SUFFIX})?"
_INVERTED_NAME: Final = rf"{_FAMILY},\s?{_INITIALS}{_NAME_SUFFIX}"
_GIVEN_FIRST_NAME: Final = rf"{_INITIALS}\s?{_FAMILY}{_NAME_SUFFIX}"
_ET_AL: Final = r"(?:,?\s(?i:et\ al)\.?)"
# A name without initials ("Uttamacharya", "Serrano-Serrano") inside a list: only where another
# name follows it.
_MONONYMS: Final = r"(?:\p{Lu}[\p{L}\p{M}'\-]*\p{Ll},\s)*"
_ACS_MONONYMS: Final = _MONONYMS.replace(",", ";")  # "Holipah; Maharani, A."
# Nature: "Gupta, G. P., Li, K. & Massagué, J." or "Gupta, G. P. et al."
_NATURE_AUTHORS: Final = (
    rf"(?P<authors>{_MONONYMS}{_INVERTED_NAME}(?:,\s{_MONONYMS}{_INVERTED_NAME})*"
    rf"(?:,?\s&\s{_INVERTED_NAME}|{_ET_AL})?)"
)
# Science, Elsevier (numbered): "G. P. Gupta, J. Massagué" ("... and J. Massagué") or
# "G. P. Gupta et al."
_GIVEN_FIRST_AUTHORS: Final = (
    rf"(?P<authors>{_MONONYMS}{_GIVEN_FIRST_NAME}"
    rf"(?:(?:,\s(?:and\s)?|\sand\s){_MONONYMS}{_GIVEN_FIRST_NAME})*{_ET_AL}?)"
)
# ACS: "Gupta, G. P.; Massagué, J." or "Gupta, G. P.; et al."
_ACS_AUTHORS: Final = (
    rf"(?P<authors>{_ACS_MONONYMS}{_INVERTED_NAME}(?:;\s{_ACS_MONONYMS}{_INVERTED_NAME})*"
    rf"(?:;?\s(?i:et\ al)\.)?)"
)
# Elsevier Harvard: "Gupta, G.P., Li, K., Massagué, J." ("..., and Massagué, J."), "Gupta, G.P.,
# et al." or one organisation.
_COMMA_INVERTED_AUTHORS: Final = (
    rf"(?P<authors>{_MONONYMS}{_INVERTED_NAME}(?:,\s(?:and\s|&\s)?{_MONONYMS}{_INVERTED_NAME})*"
    rf"(?:,\s(?i:et\ al)\.)?|\p{{Lu}}[^,:;().]*?)"
)
# Springer, BMC: "Gupta GP, Massagué J, et al", or one organisation ("World Health Organization").
# (A name may lack initials: "Serrano-Serrano"; none holds a full stop.)
_NLM_NAME: Final = rf"{_FAMILY}(?:\s\p{{Lu}}(?:-?\p{{Lu}}){{0,3}})?(?:\s{NAME_SUFFIX})?"
_NLM_AUTHORS: Final = rf"(?P<authors>{_NLM_NAME}(?:,\s{_NLM_NAME})*{_ET_AL}?|\p{{Lu}}[^,:;().]*?)"
# "Cell 127, 679–695 (2006)." closes Nature and Science references.
_VOLUME_PAGES_YEAR: Final = rf"""
    \s+ {VOLUME} \s* (?:{ISSUE})? \s*,\s* {PAGES} \s* \(\s*{YEAR}\s*\) \s*\.?
"""

# Nature: Gupta, G. P. & Massagué, J. Title. Cell 127, 679–695 (2006).
_NATURE: Final = _compile(rf"{_NATURE_AUTHORS} \s+ (?P<block>.+?) {_VOLUME_PAGES_YEAR}")
# Science: G. P. Gupta, J. Massagué, Title. Cell 127, 679–695 (2006). A sole author may have
# one name only: "Chintamani, Is Indian Cancer Unique? Indian J. Surg. 77, 255–257 (2015)."
_SCIENCE: Final = _compile(rf"""
    (?:{_GIVEN_FIRST_AUTHORS}|(?P<authors>\p{{Lu}}[\p{{Ll}}\p{{M}}]+)) ,\s+ (?P<block>.+?)
    {_VOLUME_PAGES_YEAR}
""")
# Elsevier numbered: G.P. Gupta, J. Massagué, Title, Cell 127 (2006) 679–695.
# The journal is the last comma-separated part before the volume: journals hold no commas but
# in brackets ("Chemical communications (Cambridge, England)").
_ELSEVIER: Final = _compile(rf"""
    {_GIVEN_FIRST_AUTHORS} ,\s+ (?P<title>.+) ,\s+ (?P<journal>(?:[^,()]|\([^()]*\))+?) \s+ {VOLUME}
    \s* (?:{ISSUE})? \s* \(\s*{YEAR}\s*\) \s* {PAGES} \s*\.?
""")
# Elsevier Harvard: Gupta, G.P., Massagué, J., 2006. Title. Cell 127, 679–695.
_ELSEVIER_HARVARD: Final = _compile(rf"""
    {_COMMA_INVERTED_AUTHORS} ,\s+ {DATE} \.\s+
    (?P<block>.+?[^,]) \s+ {VOLUME} \s* (?:{ISSUE})? \s*,\s* {PAGES} \s*\.?
""")
# Springer: Gupta GP, Massagué J (2006) Title. Cell 127(4):679–695
# Also as hand-written, APA's punctuation on Vancouver names (tried after APA, which reads an
# organisation's "World Health Organization. (2020). Title. J, 12(3), 45-67." first):
# Gupta GP, Massagué J. (2006) Title. Cell, 127, 679–695.
_SPRINGER: Final = _compile(rf"""
    {_NLM_AUTHORS} \.?\s+ \(\s*{DATE}\s*\)\.? \s+
    (?P<block>.+?) (?:,\s*|\s+) {VOLUME} \s* (?:{ISSUE})? \s* [:,]\s* {PAGES} \s*\.?
""")
# BMC: Gupta GP, Massagué J: Title. Cell 2006, 127(4):679-695.
_BMC: Final = _compile(rf"""
    {_NLM_AUTHORS} :\s+ (?P<block>.+?) \.?\s+ {YEAR} \s*,\s* {VOLUME} \s* (?:{ISSUE})?
    \s* (?::\s*{PAGES})? \s*\.?
""")
# ACS: Gupta, G. P.; Massagué, J. Title. Cell 2006, 127 (4), 679–695.
_ACS: Final = _compile(rf"""
    {_ACS_AUTHORS} \s+ (?P<block>.+?) \s+ {YEAR} \s*,\s* {VOLUME} \s* (?:{ISSUE})?
    \s*,\s* {PAGES} \s*\.?
""")
# MLA: Gupta, Gaurav P., and Joan Massagué. "Title." Cell, vol. 127, no. 4, 2006, pp. 679-95.
_MLA: Final = _compile(rf"""
    (?P<authors>[^"]+?) \.?\s+ "(?P<title>[^"]+?)[.,]?" \s* (?P<journal>[^"]+?) ,\s*
    (?:(?i:vol)\.\s*{VOLUME} \s*,\s*)?
    (?:(?i:no)\.\s*(?P<issue>[^,]{{1,30}}?) \s*,\s*)?
    (?:(?:\d{{1,2}}\s+)?{_MONTH_WORD}(?:\s*-\s*{_MONTH_WORD})?\s+)? {YEAR}
    (?:\s*,\s*(?:pp?\.\s*)?{PAGES})? \s*\.?
""")

# Necessary conditions (Grammar.requires) shared by several layouts.
_HAS_QUOTE: Final = regex.compile('"')
_HAS_SINGLE_QUOTE: Final = regex.compile("'")
_HAS_BRACKETED_DATE: Final = regex.compile(rf"\(\s*{DATE}")
_ENDS_WITH_BRACKETED_YEAR: Final = regex.compile(rf"\(\s*{YEAR}\s*\)\s*\.?\s*$")
_HAS_YEAR_COMMA: Final = regex.compile(rf"{YEAR}\s*,")

GRAMMARS: Final = (
    Grammar(Style.IEEE, NameOrder.GIVEN_FIRST, _IEEE, requires=_HAS_QUOTE),
    Grammar(Style.ELSEVIER_HARVARD, NameOrder.INVERTED, _ELSEVIER_HARVARD),
    Grammar(Style.CHICAGO, NameOrder.FIRST_INVERTED, _CHICAGO, requires=_HAS_QUOTE),
    Grammar(Style.MLA, NameOrder.FIRST_INVERTED, _MLA, requires=_HAS_QUOTE),
    Grammar(Style.HARVARD, NameOrder.INVERTED, _HARVARD, requires=_HAS_SINGLE_QUOTE),
    Grammar(Style.NATURE, NameOrder.INVERTED, _NATURE, requires=_ENDS_WITH_BRACKETED_YEAR),
    Grammar(Style.SCIENCE, NameOrder.GIVEN_FIRST, _SCIENCE, requires=_ENDS_WITH_BRACKETED_YEAR),
    Grammar(Style.ELSEVIER, NameOrder.GIVEN_FIRST, _ELSEVIER, requires=_HAS_BRACKETED_DATE),
    Grammar(Style.ACS, NameOrder.INVERTED, _ACS, requires=_HAS_YEAR_COMMA),
    Grammar(Style.APA, NameOrder.INVERTED, _APA, requires=_HAS_BRACKETED_DATE),
    Grammar(Style.SPRINGER, NameOrder.FAMILY_INITIALS, _SPRINGER, requires=_HAS_BRACKETED_DATE),
    Grammar(Style.HARVARD, NameOrder.INVERTED, _HARVARD_PLAIN),
    Grammar(Style.CHICAGO, NameOrder.FIRST_INVERTED, _CHICAGO_UNQUOTED),
    Grammar(Style.BMC, NameOrder.FAMILY_INITIALS, _BMC, requires=_HAS_YEAR_COMMA),
    Grammar(Style.VANCOUVER, NameOrder.FAMILY_INITIALS, _NLM),
    Grammar(Style.VANCOUVER, NameOrder.FAMILY_INITIALS, _ENDNOTE),
    Grammar(Style.VANCOUVER, NameOrder.FAMILY_INITIALS, _YEAR_LAST),
)

# Books, reports and anything else with authors, a title and a date but no journal locator.
PARTIAL_GRAMMARS: Final = (
    Grammar(
        Style.APA,
        NameOrder.INVERTED,
        _compile(rf"(?P<authors>.+?) \s*\(\s*{DATE}[^)]{{0,30}}\)\.?\s+ (?P<rest>.+)"),
        partial=True,
    ),
    Grammar(
        Style.CHICAGO,
        NameOrder.FIRST_INVERTED,
        _compile(rf"(?P<authors>.+?) \.\s+ {DATE} \.\s+ (?P<rest>.+)"),
        partial=True,
    ),
    Grammar(Style.VANCOUVER, NameOrder.FAMILY_INITIALS, _compile(r"(?P<head>.+)"), partial=True),
)
