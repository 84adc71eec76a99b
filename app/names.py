"""How a cited author relates to a registered one, and how two author lists line up.

Surnames relate in one of four ways, from strict to loose:

- SAME: equal ignoring case, spaces, hyphens, apostrophes and leading particles
  ("De Jong" ~ "de Jong", "Van Cutsem" ~ "Cutsem");
- VARIANT: equal once diacritics are removed or German umlauts transliterated
  ("Massaguè" ~ "Massagué", "Steinmuller" ~ "Steinmüller", "Mueller" ~ "Müller", "ss" ~ "ß");
- MISSPELLED: close by edit distance ("Huwitz" ~ "Hurwitz", similarity 0.92 >= 0.75);
- otherwise DIFFERENT.

Lists are aligned in order (a weighted longest common subsequence), so a misspelled author still
pairs with its registered counterpart and a missing, extra, substituted or moved author shows up
as what it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz

from app.models import Author
from app.normalize import fold, fold_alnum, initials_of


class NameRelation(Enum):
    """How close a cited name is to a registered one, strictest first."""

    SAME = "same"
    VARIANT = "variant"  # diacritics or transliteration only
    MISSPELLED = "misspelled"
    DIFFERENT = "different"


# Two surnames at least this similar (rapidfuzz ratio on folded letters) are one name misspelled:
# "Huwitz"/"Hurwitz" 0.92, "Nordliger"/"Nordlinger" 0.95, "Wang"/"Wong" 0.75; "Li"/"Lu" 0.5 is not.
MISSPELLING_MIN_SIMILARITY: Final = 0.75
# Group names are worded loosely ("Dutch Liver Surgery Working Group" vs "... Group, the").
GROUP_MIN_SIMILARITY: Final = 0.85
# Registered authors considered beyond the cited count: consortium papers list thousands.
ALIGNMENT_WINDOW_EXTRA: Final = 50

_PARTICLES: Final = frozenset(
    "d da das de del della den der des di do dos du el la le ten ter van vom von zu zur".split()
)
_UMLAUTS: Final = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss",
     "ø": "oe", "Ø": "Oe", "æ": "ae", "Æ": "Ae", "å": "aa", "Å": "Aa"}
)  # fmt: skip
_NOT_LETTER: Final = re.compile(r"[\W\d_]+")
_PAIR_SCORE: Final = {
    NameRelation.SAME: 3.0,
    NameRelation.VARIANT: 2.5,
    NameRelation.MISSPELLED: 1.0,
}
_INITIALS_CONFLICT_COST: Final = 0.5


def surname_relation(cited: str, registered: str) -> NameRelation:
    """Classify two surnames.

    >>> surname_relation("Mueller", "Müller")
    <NameRelation.VARIANT: 'variant'>
    >>> surname_relation("Huwitz", "Hurwitz")
    <NameRelation.MISSPELLED: 'misspelled'>
    """
    if _plain(cited) == _plain(registered):
        return NameRelation.SAME
    folded = _folded(cited) == _folded(registered)
    if folded or _transliterated(cited) == _transliterated(registered):
        return NameRelation.VARIANT
    similarity = fuzz.ratio(_folded(cited), _folded(registered)) / 100
    if similarity >= MISSPELLING_MIN_SIMILARITY:
        return NameRelation.MISSPELLED
    return NameRelation.DIFFERENT


@lru_cache(maxsize=65_536)
def author_relation(cited: Author, registered: Author) -> NameRelation:
    """Relate two authors by surname; group authors only to group authors, loosely."""
    if cited.is_group or registered.is_group:
        if not (cited.is_group and registered.is_group):
            # A one-word name ("Chintamani") reads as a group to the parser, and so does a
            # long given-name-first compound ("Maria da Conceicao de Barros Vieira Ramos").
            if fold_alnum(cited.family) == fold_alnum(registered.family):
                return NameRelation.SAME
            if _split_differently(cited, registered) or _split_differently(registered, cited):
                return NameRelation.VARIANT
            return NameRelation.DIFFERENT
        ours, theirs = fold_alnum(cited.family), fold_alnum(registered.family)
        close = ours == theirs or fuzz.token_set_ratio(ours, theirs) / 100 >= GROUP_MIN_SIMILARITY
        return NameRelation.SAME if close else NameRelation.DIFFERENT
    relation = surname_relation(cited.family, registered.family)
    if relation in (NameRelation.SAME, NameRelation.VARIANT):
        return relation
    if _split_differently(cited, registered) or _split_differently(registered, cited):
        return NameRelation.VARIANT
    return relation


def _split_differently(short: Author, long: Author) -> bool:
    """The same name with its parts split differently between family and given names.

    "Ramos APM" and "Marques Ramos AP", "Hassan MRA" and "Abu Hassan MR": the shorter family
    name's words all occur in the longer one, and each extra word's initial is among the
    shorter form's initials. Compound Iberian, Arabic and Vietnamese names are cited both ways.
    """
    short_words = fold(short.family).replace(".", " ").split()
    long_words = fold(long.family).replace(".", " ").split()
    if not short_words or len(long_words) <= len(short_words):
        return False
    if not set(short_words) <= set(long_words):
        return False
    initials = author_initials(short).lower()
    extra = [w for w in long_words if w not in short_words]
    return all(w[0] in initials or w in _PARTICLES for w in extra)


def author_initials(author: Author) -> str:
    """Initials as upper-case ASCII letters: from ``initials``, else from the given name."""
    raw = author.initials or initials_of(author.given)
    return "".join(ch for ch in fold(raw).upper() if ch.isalpha())


def initials_conflict(cited: Author, registered: Author) -> bool:
    """True when both sides have initials and neither is a prefix of the other.

    "J" vs "JA" agree (a middle initial left out); "JM" vs "JA" and "K" vs "L" conflict.
    """
    a, b = author_initials(cited), author_initials(registered)
    return bool(a and b) and not (a.startswith(b) or b.startswith(a))


def format_author(author: Author) -> str:
    """The Vancouver form used in messages: "Hurwitz H", or a group's name as is."""
    initials = "" if author.is_group else author_initials(author)
    return f"{author.family} {initials}".strip()


@dataclass(frozen=True, slots=True)
class AuthorAlignment:
    """How a cited list maps onto a registered list (indices into each)."""

    pairs: tuple[tuple[int, int], ...]  # in order, both indices increasing
    moved: tuple[tuple[int, int], ...]  # the same person, at another position
    substituted: tuple[tuple[int, int], ...]  # a different name in that author's place
    extra: tuple[int, ...]  # cited authors the record does not have
    missing: tuple[int, ...]  # registered authors the citation does not list


def align_authors(cited: Sequence[Author], registered: Sequence[Author]) -> AuthorAlignment:
    """Pair cited authors with registered ones, preferring the order both lists give.

    >>> a, b, c = Author("Adam", "R"), Author("Bismuth", "H"), Author("Castaing", "D")
    >>> align_authors([b, a], [a, b, c]).moved
    ((1, 0),)
    """
    window = registered[: len(cited) + ALIGNMENT_WINDOW_EXTRA]
    pairs = _ordered_pairs(cited, window)
    free_cited = [i for i in range(len(cited)) if i not in {p[0] for p in pairs}]
    free_registered = [j for j in range(len(registered)) if j not in {p[1] for p in pairs}]
    moved = _moved_pairs(cited, registered, free_cited, free_registered)
    free_cited = [i for i in free_cited if i not in {m[0] for m in moved}]
    free_registered = [j for j in free_registered if j not in {m[1] for m in moved}]
    substituted = _substitutions(pairs, free_cited, free_registered, len(registered))
    return AuthorAlignment(
        pairs=pairs,
        moved=moved,
        substituted=substituted,
        extra=tuple(i for i in free_cited if i not in {s[0] for s in substituted}),
        missing=tuple(j for j in free_registered if j not in {s[1] for s in substituted}),
    )


def _ordered_pairs(
    cited: Sequence[Author], registered: Sequence[Author]
) -> tuple[tuple[int, int], ...]:
    """Weighted longest common subsequence over the name relation."""
    n, m = len(cited), len(registered)
    weight = [[_pair_weight(c, r) for r in registered] for c in cited]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = weight[i][j] + best[i + 1][j + 1] if weight[i][j] > 0 else 0.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if weight[i][j] > 0 and best[i][j] == weight[i][j] + best[i + 1][j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i][j + 1]:
            j += 1
        else:
            i += 1
    return tuple(pairs)


def _pair_weight(cited: Author, registered: Author) -> float:
    relation = author_relation(cited, registered)
    if relation is NameRelation.DIFFERENT:
        return 0.0
    cost = _INITIALS_CONFLICT_COST if initials_conflict(cited, registered) else 0.0
    return _PAIR_SCORE[relation] - cost


def _moved_pairs(
    cited: Sequence[Author],
    registered: Sequence[Author],
    free_cited: Sequence[int],
    free_registered: Sequence[int],
) -> tuple[tuple[int, int], ...]:
    """Leftover cited authors who are (by name, not by a near spelling) leftover registered ones."""
    taken: set[int] = set()
    moved: list[tuple[int, int]] = []
    for i in free_cited:
        for j in free_registered:
            close = author_relation(cited[i], registered[j]) in (
                NameRelation.SAME,
                NameRelation.VARIANT,
            )
            if j not in taken and close:
                moved.append((i, j))
                taken.add(j)
                break
    return tuple(moved)


def _substitutions(
    pairs: Sequence[tuple[int, int]],
    free_cited: Sequence[int],
    free_registered: Sequence[int],
    registered_count: int,
) -> tuple[tuple[int, int], ...]:
    """A leftover cited author sits where a leftover registered author should be."""
    taken: set[int] = set()
    substituted: list[tuple[int, int]] = []
    for i in free_cited:
        before = max((pj for pi, pj in pairs if pi < i), default=-1)
        after = min((pj for pi, pj in pairs if pi > i), default=registered_count)
        for j in free_registered:
            if before < j < after and j not in taken:
                substituted.append((i, j))
                taken.add(j)
                break
    return tuple(substituted)


@lru_cache(maxsize=65_536)
def _plain(name: str) -> str:
    words = name.lower().split()  # not casefold(): "ß" is a variant of "ss", not the same
    while len(words) > 1 and words[0] in _PARTICLES:
        words = words[1:]
    return _NOT_LETTER.sub("", "".join(words))


@lru_cache(maxsize=65_536)
def _folded(name: str) -> str:
    return _plain(fold(name))


@lru_cache(maxsize=65_536)
def _transliterated(name: str) -> str:
    return _folded(name.translate(_UMLAUTS))
