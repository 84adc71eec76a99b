"""Sentence-level splitting of a reference: where the authors end, where the journal begins.

Styles without quotes around the title (Vancouver, AMA, APA, Harvard without quotes) separate
authors, title and journal only by ". ". Two facts make the split workable:

- the journal is the *last* sentence before the date or volume, so titles of several sentences
  ("... cancer. A multifactorial model of 929 patients.") stay whole;
- a title in square brackets is a translated title (MEDLINE's convention): it ends at its
  closing bracket, whatever periods the journal after it holds ("[Ethanol ...]. Rossiiskii
  fiziologicheskii zhurnal imeni I.M. Sechenova");
- an ISO journal abbreviation is a chain of abbreviated words, each with its own period
  ("J. Biol. Chem.", "Med. Clin. North Am."): the single-word sentences before the last one
  belong to the journal, and so does a sentence of up to three abbreviated words that follows
  such a single one ("Proc. Natl Acad. Sci. USA") or ends in a one-letter word or a common
  ISO abbreviation ("Indian J. Surg.", "BMC Health Serv. Res."). A one-word last sentence of a title
  ("... Review. Cell") is lost to the journal; that is rare next to ISO abbreviations.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Final

import regex

from app.parsing.names import AuthorList, NameOrder, parse_authors

_BOUNDARY: Final = regex.compile(r"(?<=[.?!])\s+(?=\S)")
# Words whose period does not end a sentence inside a title ("A vs. B", "E. coli", "et al.").
_NOT_TERMINAL: Final = frozenset(
    "al approx ca cf co corp e.g i.e inc jr ltd sp spp sr st subsp var viz vs".split()
)
# ... and words whose period ends no sentence when a number follows ("No. 10", "Vol. 2").
_NOT_TERMINAL_BEFORE_NUMBER: Final = frozenset("fig no nos p pp vol".split())
# The start of a reference's second author written "Gupta G. P." (a split there is premature).
_INITIAL_AHEAD: Final = regex.compile(r"\p{Lu}\.(?:[\s,;-]|\p{Lu}\.)")
# "& Massagué, J." or "and J. Massagué": a sentence does not start with a conjunction.
_CONJUNCTION_AHEAD: Final = regex.compile(r"(?:&|and)\s")
# Common ISO 4 abbreviations that close a chain piece of several words ("BMC Health Serv.").
_ISO_ABBREVIATIONS: Final = frozenset(
    "Acad Am Assoc Biochem Biol Cardiol Chem Clin Dis Endocrinol Eur Exp Gen Genet Immunol Infect "
    "Int Med Microbiol Mol Natl Neurol Nutr Oncol Pathol Pharmacol Physiol Phys Pract Proc "
    "Psychiatr Psychol Res Rev Sci Serv Soc Surg Ther Trop Vet".split()
)
_ABBREVIATED_WORD: Final = regex.compile(r"[(\[]?[\p{Lu}&][\p{L}.&'()\-\]]{0,13}")
# "[Translated title]. " at the start of the block (one level of nested brackets allowed).
_TRANSLATED_TITLE: Final = regex.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])+\][.?!]\s+(?=\S)")


def sentence_starts(text: str) -> list[int]:
    """Offsets where each sentence of ``text`` starts; the first is always 0.

    >>> sentence_starts("Surgery vs. chemotherapy. E. coli in J. Biol. Chem.")
    [0, 26, 40, 46]
    """
    starts = [0]
    for boundary in _BOUNDARY.finditer(text):
        before = text[: boundary.start()].rsplit(maxsplit=1)[-1].rstrip(".?!").casefold()
        after = text[boundary.end() :]
        if before in _NOT_TERMINAL or (
            before in _NOT_TERMINAL_BEFORE_NUMBER and after[:1].isdigit()
        ):
            continue
        if len(before) == 1 and after[:1].islower():  # "E. coli", "S. aureus"
            continue
        starts.append(boundary.end())
    return starts


def split_leading_authors(head: str, order: NameOrder) -> tuple[AuthorList | None, str]:
    """Split "Gupta GP, Massagué J. Title. Journal" into the author list and the rest.

    The authors end at the first full stop that is not inside a name. When the first sentence is
    not an author list ("Cancer statistics, 2020. CA Cancer J Clin"), there are no authors.
    """
    for boundary in _BOUNDARY.finditer(head):
        rest = head[boundary.end() :]
        if head[boundary.start() - 1] == "." and _INITIAL_AHEAD.match(rest):
            continue
        if _CONJUNCTION_AHEAD.match(rest):
            continue  # "Gupta, G. P. & Massagué, J.": the list goes on
        authors = parse_authors(head[: boundary.start()], order)
        return (authors, rest) if authors is not None else (None, head)
    return None, head


def split_title_journal(block: str) -> tuple[str | None, str | None]:
    """Split "Title. Journal" at the start of the last sentence, taking ISO chains whole.

    >>> split_title_journal("Purification of a ferrochelatase. Eur. J. Biochem.")
    ('Purification of a ferrochelatase', 'Eur. J. Biochem.')
    >>> split_title_journal("Gene therapy. Proc. Natl Acad. Sci. USA")
    ('Gene therapy', 'Proc. Natl Acad. Sci. USA')
    >>> split_title_journal("Updat Surg")
    (None, 'Updat Surg')
    >>> split_title_journal("[Ethanol and sodium channels]. Zh imeni I.M. Sechenova")
    ('[Ethanol and sodium channels]', 'Zh imeni I.M. Sechenova')
    """
    block = block.strip(" ,;")
    if not block:
        return None, None
    if translated := _TRANSLATED_TITLE.match(block):
        return tidy_title(block[: translated.end()]), tidy_journal(block[translated.end() :])
    sentences = _sentences(block)
    first = len(sentences) - 1
    while first > 1:
        if _is_single_abbreviation(sentences[first - 1]) or _ends_abbreviated(sentences[first - 1]):
            first -= 1
        elif first > 2 and _is_abbreviated_pair(sentences[first - 2], sentences[first - 1]):
            first -= 2  # "Proc. Natl Acad. Sci. USA": a chain word may hold two words
        else:
            break
    if first == 1 and len(sentences) > 2 and _is_single_abbreviation(sentences[0]):
        first = 0  # no title, only "J. Biol. Chem." (but "Editorial. Cell" has a title)
    start = sum(len(sentence) for sentence in sentences[:first])
    return tidy_title(block[:start]), tidy_journal(block[start:])


def tidy_journal(journal: str) -> str | None:
    """Drop the sentence's full stop but keep an ISO abbreviation's ("J. Biol. Chem.")."""
    journal = journal.strip(" ,;")
    bare = journal.rstrip(".").strip()
    return (journal if "." in bare else bare) or None


def tidy_title(title: str) -> str | None:
    """A title without the punctuation that closes it, except "?" and "!"."""
    return title.strip(" ,;").rstrip(".,").strip() or None


def _sentences(text: str) -> list[str]:
    """The sentences of ``text`` with their trailing spaces: they join back into ``text``."""
    bounds = [*sentence_starts(text), len(text)]
    return [text[a:b] for a, b in pairwise(bounds)]


def _is_single_abbreviation(sentence: str) -> bool:
    return len(sentence.split()) == 1 and _is_abbreviated(sentence)


def _ends_abbreviated(sentence: str) -> bool:
    """ "Indian J. ", "BMC Health Serv. ": short capitalised words closed by an ISO abbreviation."""
    if not _is_abbreviated(sentence):
        return False
    last = sentence.split()[-1].rstrip(".")
    return len(last) == 1 or last in _ISO_ABBREVIATIONS


def _is_abbreviated_pair(single: str, multiple: str) -> bool:
    """ "Proc. " then "Natl Acad. ": a one-word abbreviation, then abbreviated words."""
    return _is_single_abbreviation(single) and _is_abbreviated(multiple)


def _is_abbreviated(sentence: str) -> bool:
    """Up to three short capitalised words, as in "Biol." or "Acta Crystallogr."."""
    words = sentence.strip().rstrip(".").split()
    return 0 < len(words) <= 3 and all(_ABBREVIATED_WORD.fullmatch(word) for word in words)
