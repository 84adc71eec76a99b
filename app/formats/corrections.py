"""What ``refcheck fix`` writes into one reference: the registered values it got wrong.

A :class:`Correction` is format-neutral; the editors beside it (:mod:`.bibtex_edit`,
:mod:`.ris_edit`, :mod:`.text_edit`) write it into a BibTeX entry, a RIS record or a line of
text, changing nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models import PageRange


@dataclass(frozen=True, slots=True)
class Correction:
    """Registered values for the fields a reference got wrong (``None``: leave as is)."""

    year: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: PageRange | None = None
    doi: str | None = None  # a wrong DOI corrected, or a missing one added
    renamed: tuple[tuple[str, str], ...] = ()  # (cited surname, registered surname)
    suggestion: str | None = None  # the whole corrected citation, for free text

    @property
    def changes(self) -> tuple[str, ...]:
        """The names of the fields this correction writes, for the summary."""
        named = {
            "year": self.year,
            "volume": self.volume,
            "issue": self.issue,
            "pages": self.pages,
            "doi": self.doi,
            "authors": self.renamed,
        }
        return tuple(name for name, value in named.items() if value)
