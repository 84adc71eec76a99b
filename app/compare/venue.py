"""The journal comparator: the cited journal must be a form of one of the registered names.

Also where a title/journal split made at the wrong period is undone, once the record is known
(:func:`realign_title_journal`): matching and comparison both read the citation through it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from app.compare import severities
from app.journals import journal_matches, journal_words
from app.models import Citation, FieldName, Mismatch, Record
from app.parsing.segments import sentence_starts, tidy_title

# A journal title holds at most this many periods that end a "sentence" of it
# ("Philosophical transactions of the Royal Society of London. Series B, Biological sciences").
MAX_JOURNAL_SENTENCES_IN_TITLE: Final = 2


def registered_journal_names(record: Record) -> tuple[str, ...]:
    """Every registered form of the record's journal, display form first."""
    names = ((record.journal,) if record.journal else ()) + record.journal_names
    return tuple(dict.fromkeys(names))


def realign_title_journal(citation: Citation, record: Record) -> Citation:
    """The citation with its title/journal split moved, if the journal's name has a period.

    A parser splits "Title. Journal. 2015;..." at the last sentence, so an NLM journal title
    with a period inside ("Nature reviews. Endocrinology", "Biochimica et biophysica acta.
    Molecular basis of disease") loses its first part to the title: title "... framework.
    Nature reviews", journal "Endocrinology". When the cited journal is not a registered name
    but the title's last sentence(s) and the cited journal together are one, those sentences
    move to the journal. Otherwise the citation is returned as it is.
    """
    title, journal = citation.title, citation.journal
    if not title or not journal:
        return citation
    names = registered_journal_names(record)
    if not names or journal_matches(journal, names):
        return citation
    starts = sentence_starts(title)[1:]
    for start in reversed(starts[-MAX_JOURNAL_SENTENCES_IN_TITLE:]):  # shortest move first
        head, moved = tidy_title(title[:start]), f"{title[start:].strip()}. {journal}"
        if head and journal_matches(moved, names):
            return replace(citation, title=head, journal=moved)
    return citation


def compare_journal(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """Journal: any abbreviation or full form of a registered name (see app.journals).

    Tolerance: case, diacritics, periods, stop words, qualifiers ("Science (New York, N.Y.)"),
    ISO 4 / MEDLINE abbreviations ("J Am Chem Soc"), well-known acronyms ("NEJM") and one extra
    letter in one word ("Semin Ultrasound CT MRI") are accepted; another journal is an ERROR.
    """
    names = registered_journal_names(record)
    if not citation.journal or not journal_words(citation.journal) or not names:
        return ()
    if journal_matches(citation.journal, names):
        return ()
    message = f"journal cited {citation.journal}, registered {names[0]}"
    return (
        Mismatch(FieldName.JOURNAL, citation.journal, names[0], severities.WRONG_VALUE, message),
    )
