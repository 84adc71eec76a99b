"""Invented PMIDs and DOIs for distractors and fabricated references, never colliding.

Invented PMIDs count up from 90,000,001, far above any real PMID. An invented DOI keeps the
prefix and shape of a real one and redraws its last run of digits, so it looks like the
publisher's own: ``10.1371/journal.pone.0207499`` -> ``10.1371/journal.pone.0364012``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from typing import Final

FIRST_INVENTED_PMID: Final = 90_000_001
_LAST_DIGITS: Final = re.compile(r"(\d{3,})(?!.*\d{3,})")


class IdentifierAllocator:
    """Hands out identifiers not used by any real record nor by an earlier allocation."""

    def __init__(self, rng: random.Random, *, pmids: Iterable[str], dois: Iterable[str]) -> None:
        self._rng = rng
        self._pmids = set(pmids)
        self._dois = {d.lower() for d in dois}
        self._next_pmid = FIRST_INVENTED_PMID

    def pmid(self) -> str:
        """The next unused invented PMID."""
        while str(self._next_pmid) in self._pmids:
            self._next_pmid += 1
        pmid = str(self._next_pmid)
        self._pmids.add(pmid)
        return pmid

    def doi_like(self, doi: str) -> str:
        """A new DOI with ``doi``'s prefix and shape (its last digit run redrawn)."""
        match = _LAST_DIGITS.search(doi)
        while True:
            if match:
                width = len(match.group(1))
                digits = str(self._rng.randrange(10 ** (width - 1), 10**width))
                candidate = doi[: match.start(1)] + digits + doi[match.end(1) :]
            else:
                candidate = f"{doi}.{self._rng.randrange(1000, 9999)}"
            if self._claim(candidate):
                return candidate.lower()

    def preprint_doi(self, year: int) -> str:
        """A medRxiv/bioRxiv-shaped DOI: ``10.1101/2018.03.19.20039008``."""
        while True:
            month, day = self._rng.randint(1, 12), self._rng.randint(1, 28)
            serial = self._rng.randrange(10_000_000, 99_999_999)
            candidate = f"10.1101/{year}.{month:02d}.{day:02d}.{serial}"
            if self._claim(candidate):
                return candidate

    def _claim(self, doi: str) -> bool:
        if doi.lower() in self._dois:
            return False
        self._dois.add(doi.lower())
        return True
