"""Author lists as citation styles write them, parsed into :class:`~app.models.Author` values.

Four name orders cover the supported styles:

- ``FAMILY_INITIALS`` (Vancouver, AMA, Springer, BMC): "Gupta GP, Massagué J, Van Cutsem E, et al";
  as hand-written: "Gupta GP and Massagué J", "Gupta, GP, Massagué, J", "GP Gupta, J Massagué"
- ``INVERTED`` (APA, Harvard, Nature, ACS, Elsevier Harvard): "Gupta, G. P., & Massagué, J." /
  "Gupta, G.P. and Massagué, J." / "Gupta, G. P.; Massagué, J."
- ``FIRST_INVERTED`` (Chicago, MLA): "Gupta, Gaurav P., and Joan Massagué"
- ``GIVEN_FIRST`` (IEEE, Science, Elsevier): "G. P. Gupta and J. Massagué"

A part with no initials that reads like an organisation ("Dutch Liver Surgery Working Group") is a
group author. Name suffixes ("Jr", "3rd") are recognised and dropped: :class:`Author` has no
field for them and registries file them apart from the family name.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from itertools import pairwise
from typing import Final

import regex

from app.models import Author
from app.normalize import initials_of


class NameOrder(Enum):
    """How each name in an author list is written."""

    FAMILY_INITIALS = "family_initials"
    INVERTED = "inverted"
    FIRST_INVERTED = "first_inverted"
    GIVEN_FIRST = "given_first"


@dataclass(frozen=True, slots=True)
class AuthorList:
    """The authors named in a reference, and whether the list was cut with "et al."."""

    authors: tuple[Author, ...]
    et_al: bool = False


# Lower-case words that may sit inside a family name ("van der Berg", "'t Hoen") or an
# organisation's name.
PARTICLES: Final = frozenset(
    "'t d da das de del della den der des di do dos du e el la las le los ten ter van vom von "
    "zu zur y".split()
)
_GROUP_CONNECTORS: Final = PARTICLES | frozenset(
    "a an and at for in of on the to with und et für &".split()
)
# A name suffix ("Jr.", "III", "3rd"): the one pattern the name parser and the grammars share.
NAME_SUFFIX: Final = r"(?:Jr|Sr|II|III|IV|2nd|3rd|4th)\.?"
_ET_AL: Final = regex.compile(r"[,;]?\s*\b(?:et\s*al\b\.?|and\s+others)\s*$", regex.IGNORECASE)
_ELLIPSIS: Final = regex.compile(r",?\s*(?:\.\s?\.\s?\.|…)\s*")
_SEPARATOR: Final = regex.compile(r"\s*[,;]\s*")
# "and"/"&" joins two names only when a name follows: "Gupta, G. P., & Massagué, J." but not
# "Centers for Disease Control and Prevention".
_CONJUNCTION: Final = {
    # "Gupta GP and Massagué J": between a name's initials and another "Family INITIALS".
    NameOrder.FAMILY_INITIALS: regex.compile(
        r"(?<=\s\p{Lu}{1,4}),?\s+(?:&|and)\s+(?=[^,]+?\s\p{Lu}{1,4}(?:,|$))"
    ),
    NameOrder.INVERTED: regex.compile(
        r",?\s+(?:&|and)\s+(?=[^,]+,\s*\p{Lu}(?:\p{Ll}?\.|[\s,-]|$))"
    ),
    NameOrder.FIRST_INVERTED: regex.compile(r",?\s+(?:&|and)\s+(?=\p{Lu}\S*\s+\S)"),
    NameOrder.GIVEN_FIRST: regex.compile(r",?\s+(?:&|and)\s+(?=\p{Lu}\S*\s+\S)"),
}
# "Massagué", "García-Márquez", "O'Brien", "d'Arminio", "MacDonald", "de-Torres".
# "de-Torres" joins its particle with a hyphen.
_FAMILY_TOKEN: Final = regex.compile(
    r"(?:[dDlLO]'|(?:d[aeiou]s?|del|van|von|le|la)-)?[\p{Lu}\p{Lt}][\p{L}\p{M}'\-.]*"
)
# "Gupta GP", "De Jong MC", "Hardy RH Jr" (also "Gupta G.P."): family, then the initials.
_FAMILY_THEN_INITIALS: Final = regex.compile(
    rf"(?P<family>.+?)\s+(?P<initials>(?:\p{{Lu}}\.?-?\s?){{1,6}})(?:\s+{NAME_SUFFIX})?"
)
# "G. P.", "G.P.", "J.-P.", "Th.", "J": initials only, the given half of "Gupta, G. P.".
_INITIALS_ONLY: Final = regex.compile(r"(?:\p{Lu}(?:\p{Ll}?\.|(?=[\s-]|$))[\s-]*){1,6}")
# "Gaurav P.", "Sandra Maria da Solidade": capitalised words, particles between them.
_GIVEN_NAMES: Final = regex.compile(
    r"\p{Lu}[\p{L}\p{M}'.\-]*(?:\s+(?:(?:d[aeiou]s?|del|della|van|von|der|den)\s+)*"
    r"\(?\p{Lu}[\p{L}\p{M}'.\-)]*)*"
)
# "GP", "G.P.", "J": a name's initials standing alone, as in "Gupta, GP" split at its comma.
_BARE_INITIALS: Final = regex.compile(r"\p{Lu}{1,4}|(?:\p{Lu}\.-?\s?){1,4}")
# "GP Gupta", "J van der Berg": initials without full stops, then the family name.
_INITIALS_THEN_FAMILY: Final = regex.compile(r"(?P<initials>\p{Lu}{1,3})\s+(?P<family>\S.*)")
# "Gupta GP", "Gupta G.P.": a person written the Vancouver way, never an organisation.
_VANCOUVER_PERSON: Final = regex.compile(r"\p{Lu}[\p{L}\p{M}'\-]+\s+(?:\p{Lu}\.?){1,3}")
_ENDS_IN_BARE_INITIALS: Final = regex.compile(r"\s(?!(?:II|III|IV)$)\p{Lu}{1,4}$")
_ONE_LETTER: Final = regex.compile(r"\p{Lu}\.?")
_INITIAL_TOKEN: Final = regex.compile(r"\p{Lu}\p{Ll}?\.(?:-?\p{Lu}\.)*|\p{Lu}")
# A word of a real given name: "Gaurav", "Jo"; not an abbreviation such as "Th.".
_NAME_WORD: Final = regex.compile(r"\p{L}\p{Ll}+(?![.\p{L}])|\p{L}\p{Ll}{2,}")
_SUFFIX_TOKEN: Final = regex.compile(NAME_SUFFIX)
_SUFFIX_TAIL: Final = regex.compile(rf",?\s+{NAME_SUFFIX}$")


def parse_authors(text: str, order: NameOrder) -> AuthorList | None:
    """Parse an author list written in ``order``; None when the text is not such a list.

    >>> parse_authors("Gupta GP, Massagué J, et al", NameOrder.FAMILY_INITIALS)
    AuthorList(authors=(Author(family='Gupta', initials='GP', given=None, is_group=False), \
Author(family='Massagué', initials='J', given=None, is_group=False)), et_al=True)
    """
    text = text.strip(" .,;:")
    et_al = _ET_AL.search(text)
    if et_al:
        text = text[: et_al.start()].strip(" .,;")
    # APA 7 lists 19 authors, "...", then the last: the authors in between are left out, so
    # only the leading run can be compared in order; treat the cut like "et al.".
    ellipsis = _ELLIPSIS.search(text)
    if ellipsis:
        text = text[: ellipsis.start()].strip(" .,;")
    if order in _CONJUNCTION:
        text = _CONJUNCTION[order].sub(", ", text)
    parts = [part for part in _SEPARATOR.split(text) if part.strip(" .")]
    if not parts:
        return AuthorList((), et_al=True) if et_al else None
    authors = _PARSERS[order](parts)
    if authors is None or (order is not NameOrder.FAMILY_INITIALS and _misread_vancouver(authors)):
        return None
    return AuthorList(tuple(authors), et_al=bool(et_al or ellipsis))


def _family_initials(parts: list[str]) -> list[Author] | None:
    """Vancouver names: "Gupta GP", "van Hillegersberg R", "Dutch Liver Surgery Working Group".

    Two hand-written variants are read whole or not at all: every name split at the comma
    between family and initials (["Gupta", "GP", "Massagué", "J"]), or every name written
    initials first (["GP Gupta", "J Massagué"]; a lone "UK Biobank" stays an organisation).
    """
    parts = _rejoin_split_names(parts)
    if _has_split_name(parts):
        return None  # "Gupta, GP, Massagué": one-word organisations would be a wrong reading
    if len(parts) > 1 and (initials_first := _initials_first_names(parts)) is not None:
        return initials_first
    authors = []
    for part in parts:
        match = _FAMILY_THEN_INITIALS.fullmatch(part.strip(" ."))
        if match and _is_family(match["family"]):
            authors.append(Author(match["family"], _capitals(match["initials"])))
        elif (group := _group(part)) is not None:
            authors.append(group)
        else:
            return None
    return authors


def _rejoin_split_names(parts: list[str]) -> list[str]:
    """["Gupta", "GP", "Massagué", "J"] -> ["Gupta GP", "Massagué J"]; other lists unchanged."""
    families, initials = parts[::2], parts[1::2]
    if len(families) != len(initials) or not all(
        _is_family(family.strip(" .")) and _BARE_INITIALS.fullmatch(given.strip())
        for family, given in zip(families, initials, strict=True)
    ):
        return parts
    return [
        f"{family.strip(' .')} {given.strip()}"
        for family, given in zip(families, initials, strict=True)
    ]


def _has_split_name(parts: list[str]) -> bool:
    """A family name ("Gupta") directly followed by bare initials ("GP" or "G.P.")."""
    return any(
        len(family.split()) == 1
        and not family.strip(" .").isupper()
        and _is_family(family.strip(" ."))
        and _BARE_INITIALS.fullmatch(given.strip())
        for family, given in pairwise(parts)
    )


def _initials_first_names(parts: list[str]) -> list[Author] | None:
    """["GP Gupta", "J Massagué"] as authors, when every part is written initials first."""
    authors = [_initials_first_name(part) for part in parts]
    return None if None in authors else [a for a in authors if a is not None]


def _initials_first_name(part: str) -> Author | None:
    match = _INITIALS_THEN_FAMILY.fullmatch(part.strip(" ."))
    if not match or not _is_family(match["family"]) or len(match["family"].split()) > 3:
        return None
    return Author(match["family"], match["initials"])


def _misread_vancouver(authors: list[Author]) -> bool:
    """Vancouver names read in another order.

    "Hogan JI, Duerr R" read as Chicago gives the family "Hogan JI"; "Fisseha Asfaha KF, Kahsay
    Fisseha GK" read as APA gives organisations; "Dimartino D" read given name first gives the
    family "D". No family ends in bare initials or is one letter; an organisation may end in
    capitals ("Cancer Research UK") only when it stands alone.
    """
    return any(
        _ONE_LETTER.fullmatch(a.family)
        or (_ENDS_IN_BARE_INITIALS.search(a.family) and (len(authors) > 1 or not a.is_group))
        for a in authors
    )


def _inverted(parts: list[str]) -> list[Author] | None:
    """Pairs of family and initials: ["Gupta", "G. P.", "Massagué", "J."]."""
    authors: list[Author] = []
    i = 0
    while i < len(parts):
        family = parts[i].strip(" .")
        given = parts[i + 1].strip() if i + 1 < len(parts) else ""
        if _is_family(family) and _INITIALS_ONLY.fullmatch(given):
            authors.append(Author(family, _capitals(given)))
            i += 2
            i += _suffix_follows(parts, i)
        elif (group := _group(parts[i])) is not None:
            authors.append(group)
            i += 1
        else:
            return None
    return authors


def _first_inverted(parts: list[str]) -> list[Author] | None:
    """Chicago: "Gupta, Gaurav P." then natural-order names ("Joan Massagué")."""
    family = parts[0].strip(" .")
    given = parts[1].strip() if len(parts) > 1 else ""
    if _is_family(family) and _GIVEN_NAMES.fullmatch(given) and len(given.split()) <= 4:
        first = Author(family, initials_of(given), given=_given_or_none(given))
        rest = parts[2 + _suffix_follows(parts, 2) :]
    elif (group := _group(parts[0])) is not None:
        first, rest = group, parts[1:]
    else:
        return None
    others = _given_first(rest, initials_first=False)
    return None if others is None else [first, *others]


def _given_first(parts: list[str], *, initials_first: bool = True) -> list[Author] | None:
    """IEEE "G. P. Gupta", Chicago "Joan Massagué", "Jan van der Berg", "J. C. Smith Jr."."""
    authors: list[Author] = []
    for part in parts:
        if _SUFFIX_TOKEN.fullmatch(part.strip()) and authors:
            continue  # "R. H. Hardy, Jr." split at its comma
        author = _natural_name(_SUFFIX_TAIL.sub("", part.strip(" .")), initials_first)
        if author is None:
            return None
        authors.append(author)
    return authors


def _natural_name(name: str, initials_first: bool) -> Author | None:
    tokens = name.split()
    if len(tokens) < 2:
        return _group(name)
    start = _family_start(tokens, initials_first)
    given, family = " ".join(tokens[:start]), " ".join(tokens[start:])
    if not _is_family(family) or not _GIVEN_NAMES.fullmatch(given):
        return _group(name)
    return Author(family, initials_of(given), given=_given_or_none(given))


def _family_start(tokens: list[str], initials_first: bool) -> int:
    """Where the family name begins: at a particle, else at the last word.

    When given names are always initials (IEEE), everything after them is the family name:
    "M. C. Concepcion Roces". Where they are spelled out (Chicago), "A. Townsend Peterson" is
    Peterson.
    """
    if initials_first:
        leading = 0
        while leading < len(tokens) - 1 and _INITIAL_TOKEN.fullmatch(tokens[leading]):
            leading += 1
        if leading:
            return leading
    for i in range(1, len(tokens) - 1):
        if tokens[i].casefold() in PARTICLES:
            return i
    return len(tokens) - 1


def _capitals(initials: str) -> str:
    """Initials written as initials: "GP", "G. P.", "J.-P.", "Th." -> "GP", "GP", "JP", "T"."""
    return "".join(ch for ch in initials if ch.isupper())


def _suffix_follows(parts: list[str], i: int) -> int:
    return 1 if i < len(parts) and _SUFFIX_TOKEN.fullmatch(parts[i].strip()) else 0


def _is_family(text: str) -> bool:
    """A family name: up to five words, each capitalised or a particle ("van der Berg")."""
    words = text.split()
    if not 0 < len(words) <= 5 or all(word in PARTICLES for word in words):
        return False  # "van" alone is a particle; "Das" or "De" alone is a surname
    return all(_FAMILY_TOKEN.fullmatch(word) or word.casefold() in PARTICLES for word in words)


def _group(text: str) -> Author | None:
    """An organisation as author: mostly capitalised words ("Dutch Liver Surgery Working Group").

    A sentence ("Cancer metastasis: building a framework") is not one: at most a third of its
    words may start in lower case, connectors ("of", "for", "and") aside. Nor is a person's name
    read in the wrong order: bare initials ("G. P.") or a Vancouver name ("Gupta GP").
    """
    name = text.strip(" .,;:")
    words = name.split()
    if _INITIALS_ONLY.fullmatch(name) or _VANCOUVER_PERSON.fullmatch(name):
        return None
    if not words or len(words) > 15 or not regex.match(r"[\p{Lu}\p{N}(]", name):
        return None
    lower = [w for w in words if w[0].islower() and w.casefold() not in _GROUP_CONNECTORS]
    if 3 * len(lower) > len(words) or regex.search(r"[:?!\"]", name):
        return None
    return Author(family=name, is_group=True)


def _given_or_none(given: str) -> str | None:
    """Keep a given name only when it spells a name, not just initials ("Gaurav P." vs "G. P.")."""
    cleaned = given.strip(" ,.")
    return cleaned if _NAME_WORD.search(cleaned) else None


_PARSERS: Final = {
    NameOrder.FAMILY_INITIALS: _family_initials,
    NameOrder.INVERTED: _inverted,
    NameOrder.FIRST_INVERTED: _first_inverted,
    NameOrder.GIVEN_FIRST: _given_first,
}
