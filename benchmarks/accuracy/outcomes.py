"""Judge one reference's result against the truth: right record? error caught? value right?

These are the per-reference rules every metric is built from:

- the **right record** is the source record, recognised by its DOI or, for records without
  one, its PMID; ``ambiguous`` is not an identification;
- an injected error is **detected** when the right record was identified and a mismatch on the
  error's field has severity error or warning;
- a detected error's **values are right** when the mismatch quotes the wrong value as cited and
  a registered value as found, compared after folding case and punctuation (a title or journal
  must be quoted whole, nothing more); ``"679-98"`` quotes last page 698 (ranges are expanded);
  an author mismatch must name the misspelled, swapped or missing authors;
- a clean citation raises a **false alarm** when it gets any error-severity mismatch or ends
  ``not_found``/``ambiguous``/``unverified``/``error``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from app.models import FieldName, Mismatch, Record, Result, Severity, Status
from app.normalize import expand_page_range, fold_alnum, normalize_doi
from benchmarks.accuracy.cases import Case, ErrorKind, InjectedError

REPORTED: Final = frozenset({Severity.ERROR, Severity.WARNING})
MATCHED: Final = frozenset({Status.VERIFIED, Status.MISMATCH})


@dataclass(frozen=True, slots=True)
class Outcome:
    """One case and what the pipeline said about it."""

    case: Case
    result: Result

    @property
    def record(self) -> Record | None:
        """The record the reference was identified with (never for ambiguous results)."""
        if self.result.status in MATCHED and self.result.match is not None:
            return self.result.match.record
        return None

    @property
    def identified(self) -> bool:
        """The reference was identified with its own source record."""
        return self.record is not None and is_source(self.case, self.record)

    @property
    def wrongly_identified(self) -> bool:
        """The reference was identified with a record that is not its source."""
        return self.record is not None and not is_source(self.case, self.record)

    @property
    def confidence(self) -> float | None:
        match = self.result.match
        return match.confidence if match is not None and self.record is not None else None

    def mismatches_on(self, error: InjectedError) -> tuple[Mismatch, ...]:
        """The reported mismatches on ``error``'s field, if the right record was found."""
        if not self.identified:
            return ()
        return tuple(
            m for m in self.result.mismatches if m.field is error.field and m.severity in REPORTED
        )

    def detected(self, error: InjectedError) -> bool:
        """The right record was identified and ``error``'s field was reported."""
        return bool(self.mismatches_on(error))

    def reported_rightly(self, error: InjectedError) -> bool:
        """A mismatch on ``error``'s field quotes the right cited and found values."""
        return any(values_are_right(error, m) for m in self.mismatches_on(error))

    def spurious_errors(self) -> tuple[Mismatch, ...]:
        """Error-severity mismatches on fields where nothing was injected."""
        injected = {e.field for e in self.case.errors}
        return tuple(
            m
            for m in self.result.mismatches
            if m.severity is Severity.ERROR and m.field not in injected
        )

    @property
    def false_alarm(self) -> bool:
        """A clean citation flagged as wrong (see the module docstring)."""
        if not self.case.is_clean:
            return False
        if self.result.status not in MATCHED:
            return True
        return any(m.severity is Severity.ERROR for m in self.result.mismatches)


def is_source(case: Case, record: Record) -> bool:
    """True when ``record`` is the case's source record (same DOI, or same PMID)."""
    doi = normalize_doi(record.doi)
    return bool((case.doi and doi == case.doi) or (case.pmid and record.pmid == case.pmid))


def _tokens(text: str | None) -> set[str]:
    return set(fold_alnum(text or "").split())


def _same(a: str | None, b: str | None) -> bool:
    return fold_alnum(a or "").lstrip("0") == fold_alnum(b or "").lstrip("0")


def _page(text: str | None, *, last: bool) -> str | None:
    pages = expand_page_range(text)
    if pages is None:
        return None
    return pages.last if last else pages.first


def values_are_right(error: InjectedError, mismatch: Mismatch) -> bool:
    """The mismatch quotes the injected value as cited and a registered value as found."""
    if error.field is FieldName.PAGES:
        last = error.kind is ErrorKind.LAST_PAGE
        cited_ok = _same(_page(mismatch.cited, last=last), error.cited)
        return cited_ok and any(_same(_page(mismatch.found, last=last), f) for f in error.found)
    if error.field is FieldName.DOI:
        found = normalize_doi(mismatch.found)
        return normalize_doi(mismatch.cited) == normalize_doi(error.cited) and any(
            found == normalize_doi(f) for f in error.found
        )
    if error.field is not FieldName.AUTHORS:
        return _same(mismatch.cited, error.cited) and any(
            _same(mismatch.found, f) for f in error.found
        )
    # Author mismatches may quote one name or the whole list: the names must be in them.
    cited_ok = error.cited is None or _tokens(error.cited) <= _tokens(mismatch.cited)
    return cited_ok and any(_tokens(f) <= _tokens(mismatch.found) for f in error.found)
