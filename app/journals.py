"""Decide whether a cited journal name denotes one of a record's journal names.

Citations abbreviate journals in many ways ("J Am Chem Soc", "J. Am. Chem. Soc.", "JACS",
"Journal of the American Chemical Society"); registries carry the full title plus ISO and
MEDLINE abbreviations. No offline list covers every journal, so the rule is structural
(ISO 4 abbreviations keep the start of each significant word):

- fold case and diacritics, drop periods, apostrophes and qualifiers ("Science (New York, N.Y.)",
  "Journal of vascular and interventional radiology : JVIR");
- drop stop words ("of", "the", "and", "&", "for", "in", "on", ...);
- then every word of the shorter form must abbreviate the matching word of the longer form, in
  order: a prefix ("Am" ~ "American"), a contraction that keeps the first letter and the order
  of letters ("Natl" ~ "National", "Jpn" ~ "Japanese"), or an initialism of several words
  ("USA" ~ "United States America"). One word may carry one letter too many
  ("Semin Ultrasound CT MRI" ~ "Semin Ultrasound CT MR").

A small alias table covers acronyms whose letters are not the title's initials
("PNAS", "NEJM").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Final

from app.normalize import fold

# Function words ISO 4 drops from titles, in the languages journal titles are usually in; not
# "a", which in an abbreviation is "America" ("Proc Natl Acad Sci U S A").
STOP_WORDS: Final = frozenset(
    "an and at de del della der des di die du et for fur in la le of on the to und y".split()
)

# Acronyms readers use for journals whose registered forms do not spell them out word by word.
# Keys and values are compared after folding; a value is any registered form of the journal.
ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "nejm": ("N Engl J Med", "New England Journal of Medicine"),
    "jama": ("JAMA", "J Am Med Assoc", "Journal of the American Medical Association"),
    "bmj": ("BMJ", "Br Med J", "British Medical Journal"),
    "pnas": ("Proc Natl Acad Sci U S A", "Proceedings of the National Academy of Sciences"),
    "jnci": ("J Natl Cancer Inst", "Journal of the National Cancer Institute"),
    "jco": ("J Clin Oncol", "Journal of Clinical Oncology"),
    "jci": ("J Clin Invest", "Journal of Clinical Investigation"),
    "jacs": ("J Am Chem Soc", "Journal of the American Chemical Society"),
    "cmaj": ("CMAJ", "Can Med Assoc J", "Canadian Medical Association Journal"),
    "ajr": ("AJR Am J Roentgenol", "American Journal of Roentgenology"),
}

# Everything from an opening parenthesis, or from a " : " / " / " qualifier, to the end.
_QUALIFIER_RE: Final = re.compile(r"\s*(?:\(.*|\s:\s.*|\s/\s.*)$")
_WORD_RE: Final = re.compile(r"[0-9a-z]+")
# Shortest initialism we read as several words ("CT" stays a word, "USA" may be three).
_MIN_INITIALISM = 3
_MAX_INITIALISM = 6
# Only a short word (an acronym such as "MR") may be cited with one letter more ("MRI").
_MAX_LETTER_OVER_LENGTH = 3


def journal_matches(cited: str, names: Sequence[str]) -> bool:
    """True when the cited journal is a form of any of ``names``.

    >>> journal_matches("J Am Chem Soc", ["Journal of the American Chemical Society"])
    True
    >>> journal_matches("Nat Rev Cancer", ["Nature reviews. Cancer", "Nat Rev Cancer"])
    True
    >>> journal_matches("Cancer", ["Cancer cell"])
    False
    """
    cited_forms = _forms(cited)
    if not cited_forms:
        return False
    for name in names:
        for registered in _forms(name):
            if any(_same_journal(c, registered) for c in cited_forms):
                return True
    return False


def journal_words(name: str) -> tuple[str, ...]:
    """The significant words of a journal name: folded, qualifiers and stop words removed.

    >>> journal_words("Science (New York, N.Y.)")
    ('science',)
    >>> journal_words("Langenbeck's Archives of Surgery")
    ('langenbecks', 'archives', 'surgery')
    """
    return _words(without_qualifier(name))


def without_qualifier(name: str) -> str:
    """The journal name without its qualifier: "Medicine (Baltimore)" -> "Medicine"."""
    return _QUALIFIER_RE.sub("", name) or name


@lru_cache(maxsize=4096)
def _forms(name: str) -> tuple[tuple[str, ...], ...]:
    """Word sequences a name stands for: itself without qualifiers, and its aliases."""
    base = journal_words(name)
    if not base:
        return ()
    forms = [base]
    forms.extend(_words(alias) for alias in ALIASES.get(" ".join(base), ()))
    return tuple(form for form in forms if form)


def _words(text: str) -> tuple[str, ...]:
    folded = fold(text).replace("&", " and ").replace("'", "").replace(".", " ")
    return tuple(w for w in _WORD_RE.findall(folded) if w not in STOP_WORDS)


def _same_journal(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a == b or "".join(a) == "".join(b):
        return True
    return _abbreviates(a, b) or _abbreviates(b, a)


def _abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Each word of ``short`` abbreviates one word (or initials several words) of ``full``."""

    @cache
    def walk(i: int, j: int, slack: int) -> bool:
        if i == len(short):
            return j == len(full)
        if j == len(full):
            return False
        word = short[i]
        if _abbreviates_word(word, full[j]) and walk(i + 1, j + 1, slack):
            return True
        if slack and _one_letter_over(word, full[j]) and walk(i + 1, j + 1, slack - 1):
            return True
        n = len(word)
        return (
            _could_be_initialism(word)
            and _initials(full[j : j + n]) == word
            and walk(i + 1, j + n, slack)
        )

    return walk(0, 0, 1)


def _abbreviates_word(abbreviation: str, word: str) -> bool:
    """True for a prefix ("am" ~ "american") or a contraction ("natl" ~ "national").

    Dropping a single letter is no abbreviation: "cancer" does not stand for "cancers".
    """
    if word.startswith(abbreviation):
        return len(word) - len(abbreviation) != 1
    if abbreviation[0] != word[0] or len(abbreviation) < 3 or abbreviation.isdigit():
        return False
    letters = iter(word)
    return all(ch in letters for ch in abbreviation)


def _one_letter_over(cited: str, registered: str) -> bool:
    """True for a short registered word cited with one letter more: "mri" for "mr"."""
    short = 2 <= len(registered) <= _MAX_LETTER_OVER_LENGTH
    return short and len(cited) == len(registered) + 1 and cited.startswith(registered)


def _could_be_initialism(word: str) -> bool:
    """Whether a word may be initials of several words: "usa" may, "ct" (too short) may not."""
    return word.isalpha() and _MIN_INITIALISM <= len(word) <= _MAX_INITIALISM


def _initials(words: Iterable[str]) -> str:
    return "".join(w[0] for w in words)
