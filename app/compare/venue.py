"""The journal comparator: the cited journal must be a form of one of the registered names."""

from __future__ import annotations

from app.compare import severities
from app.journals import journal_matches, journal_words
from app.models import Citation, FieldName, Mismatch, Record


def registered_journal_names(record: Record) -> tuple[str, ...]:
    """Every registered form of the record's journal, display form first."""
    names = ((record.journal,) if record.journal else ()) + record.journal_names
    return tuple(dict.fromkeys(names))


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
