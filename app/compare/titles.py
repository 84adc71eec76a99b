"""Title comparison: similarity for the matcher, word-level differences for the report.

Titles are compared as folded words: case, punctuation, markup ("<i>KRAS</i>"), diacritics,
Greek letters ("TGF-β" ~ "TGF-beta"), "&" vs "and", brackets around translated titles and a
trailing period never count.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from enum import IntEnum
from typing import Final

from rapidfuzz import fuzz

from app.compare import severities
from app.models import Citation, FieldName, Mismatch, Record, Severity
from app.normalize import fold_alnum, strip_markup

# Below this similarity a reworded title is an ERROR; above it (one word in a long title) a
# WARNING. "Cancer metastasis: a framework" for "... building a framework" is 0.87.
TITLE_ERROR_BELOW: Final = 0.90
# Two words at least this similar are one word misspelled ("metastsis"/"metastasis" 0.95).
WORD_MISSPELLING_MIN: Final = 0.80
# Words whose presence or absence alone never makes a title different.
_MINOR_WORDS: Final = frozenset("a an and of the in on for to with".split())
# At most this many changes are spelled out in a message.
_CHANGES_SHOWN: Final = 3

_GREEK: Final = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi", "χ": "chi",
    "ψ": "psi", "ω": "omega", "ς": "sigma", "ϵ": "epsilon", "ϕ": "phi", "\u00b5": "mu",
}  # fmt: skip
_GREEK_RE: Final = re.compile("[" + "".join(_GREEK) + "".join(_GREEK).upper() + "]")
_SUBTITLE_RE: Final = re.compile(r"\s*(?::|\.|\?|!|\s-)\s")


def title_words(title: str) -> tuple[str, ...]:
    """Folded words of a title.

    >>> title_words("[TGF-β & <i>KRAS</i> signalling.]")
    ('tgf', 'beta', 'and', 'kras', 'signalling')
    """
    text = _GREEK_RE.sub(lambda m: f" {_GREEK.get(m.group(0).lower(), '')} ", strip_markup(title))
    return tuple(fold_alnum(text.replace("&", " and ")).split())


def main_title(title: str) -> str:
    """The title before its subtitle: "Deadly allies: the fatal interplay" -> "Deadly allies"."""
    return _SUBTITLE_RE.split(title.strip().rstrip(".").strip(), maxsplit=1)[0]


def title_similarity(cited: str, registered: str) -> float:
    """Similarity 0..1 of two titles, forgiving an omitted subtitle.

    >>> title_similarity("Deadly allies.", "Deadly allies: the fatal interplay")
    1.0
    """
    a, b = title_words(cited), title_words(registered)
    if a == b or "".join(a) == "".join(b):
        return 1.0
    full = fuzz.ratio(" ".join(a), " ".join(b)) / 100
    main = " ".join(title_words(main_title(registered)))
    return max(full, fuzz.ratio(" ".join(a), main) / 100 if main else 0.0)


def compare_title(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Title: the same words as registered.

    Tolerance: case, punctuation, markup, a trailing period and subtitle punctuation never
    count; a missing "the"/"of" is INFO; an omitted subtitle or a misspelled word is a WARNING;
    a missing or changed word is a WARNING in a long title (similarity >= 0.90) and an ERROR
    otherwise. A citation without a title is not compared.
    """
    if not citation.title or not record.title:
        return ()
    cited, registered = title_words(citation.title), title_words(record.title)
    if not cited or cited == registered or "".join(cited) == "".join(registered):
        return ()
    found = strip_markup(record.title)
    if cited == title_words(main_title(record.title)):
        message = "title cited without its registered subtitle"
        severity = severities.TITLE_SUBTITLE_OMITTED
        return (Mismatch(FieldName.TITLE, citation.title, found, severity, message),)
    kind, changes = _classify(cited, registered)
    similarity = title_similarity(citation.title, record.title)
    shown = "; ".join(changes[:_CHANGES_SHOWN]) + ("; ..." if len(changes) > _CHANGES_SHOWN else "")
    message = f"title differs from the registered title (similarity {similarity:.2f}): {shown}"
    return (Mismatch(FieldName.TITLE, citation.title, found, _severity(kind, similarity), message),)


class _Change(IntEnum):
    """Kinds of title change, mildest first."""

    MINOR_WORDS = 0
    MISSPELLING = 1
    REWORDING = 2


def _severity(kind: _Change, similarity: float) -> Severity:
    if kind is _Change.REWORDING:
        if similarity < TITLE_ERROR_BELOW:
            return severities.TITLE_REWORDED
        return severities.TITLE_SLIGHTLY_REWORDED
    if kind is _Change.MISSPELLING:
        return severities.TITLE_WORD_MISSPELLED
    return severities.TITLE_MINOR_WORDS


def _classify(cited: tuple[str, ...], registered: tuple[str, ...]) -> tuple[_Change, list[str]]:
    """The worst kind of change between two word lists, and each change in words."""
    worst = _Change.MINOR_WORDS
    changes: list[str] = []
    matcher = SequenceMatcher(a=cited, b=registered, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        ours, theirs = cited[i1:i2], registered[j1:j2]
        changes.append(_describe(ours, theirs))
        if set(ours) | set(theirs) <= _MINOR_WORDS:
            kind = _Change.MINOR_WORDS
        elif _misspelled(ours, theirs):
            kind = _Change.MISSPELLING
        else:
            kind = _Change.REWORDING
        worst = max(worst, kind)
    return worst, changes


def _misspelled(ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    return len(ours) == len(theirs) and all(
        fuzz.ratio(a, b) / 100 >= WORD_MISSPELLING_MIN for a, b in zip(ours, theirs, strict=True)
    )


def _describe(ours: tuple[str, ...], theirs: tuple[str, ...]) -> str:
    if not ours:
        return f"missing '{' '.join(theirs)}'"
    if not theirs:
        return f"extra '{' '.join(ours)}'"
    return f"'{' '.join(ours)}' instead of '{' '.join(theirs)}'"
