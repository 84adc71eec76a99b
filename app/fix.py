"""``refcheck fix``: write the registered values back into the file, in the file's own format.

The rule that makes it safe to run unattended: a reference is touched only when it was
matched to a record with confidence >= :data:`FIX_MIN_CONFIDENCE` (0.9) and its verdict is
``verified`` or ``mismatch``; everything not found, ambiguous, unchecked or matched with less
confidence is left exactly as written and listed for review. Only fields with an error or a
warning change (an info-level difference is how the author may spell it):

- BibTeX and RIS: ``year``, ``volume``, ``number``/``IS``, ``pages``/``SP``-``EP``, a wrong
  ``doi``, a misspelled author surname; a missing DOI is added. Titles and journal names are
  left for a person to judge (title case, abbreviations).
- Plain text and Markdown: the reference becomes the suggested citation, in the style it was
  written in, after its number.

Edits go bottom-up so each reference's line numbers stay valid while the file changes.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from app.formats import InputFormat
from app.formats.bibtex_edit import edit_bibtex_entry
from app.formats.corrections import Correction
from app.formats.ris_edit import edit_ris_record
from app.formats.text_edit import edit_text_reference
from app.models import FieldName, Mismatch, Report, Result, Severity, Status
from app.parsing.identifiers import split_identifiers

FIX_MIN_CONFIDENCE: Final = 0.9
_NEEDS_FIX: Final = frozenset({Severity.ERROR, Severity.WARNING})
_CHECKED: Final = frozenset({Status.VERIFIED, Status.MISMATCH})
_INITIALS: Final = re.compile(r"\s+[A-Z]{1,4}$")

Editor = Callable[[str, Correction], str]
_EDITORS: Final[dict[InputFormat, Editor]] = {
    InputFormat.BIBTEX: edit_bibtex_entry,
    InputFormat.RIS: edit_ris_record,
    InputFormat.TEXT: edit_text_reference,
    InputFormat.MARKDOWN: edit_text_reference,
}
FIXABLE_FORMATS: Final = frozenset(_EDITORS)
_TEXT_FORMATS: Final = frozenset({InputFormat.TEXT, InputFormat.MARKDOWN})


class NotFixable(Exception):
    """``refcheck fix`` cannot write this format; the message says which ones it can."""


@dataclass(frozen=True, slots=True)
class Fixed:
    """One reference that was changed, and which of its fields."""

    label: str
    line: int
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """The corrected text, what changed, and the problems left for a person."""

    text: str
    fixed: tuple[Fixed, ...]
    left: tuple[str, ...]  # labels of references with problems that were not touched


def fix_text(text: str, input_format: InputFormat, report: Report) -> FixOutcome:
    """``text`` with every confidently verified reference corrected in place."""
    editor = _EDITORS.get(input_format)
    if editor is None:
        writable = ", ".join(sorted(f.value for f in FIXABLE_FORMATS))
        raise NotFixable(
            f"refcheck fix writes {writable} files; {input_format.value} is check-only"
        )
    lines = text.splitlines(keepends=True)
    fixed: list[Fixed] = []
    left: list[str] = []
    ordered = sorted(report.results, key=lambda r: r.location.line if r.location else 0)
    for result in reversed(ordered):
        correction = correction_for(result, free_text=input_format in _TEXT_FORMATS)
        label = result.label or str(result.index)
        if correction is None:
            if result.status is not Status.VERIFIED:
                left.append(label)
            continue
        if not correction.changes and not correction.suggestion:
            continue
        location = result.location
        if location is None:  # correction_for never corrects a reference without one
            continue
        first, last = location.line - 1, location.end_line or location.line
        block = "".join(lines[first:last])
        edited = editor(block, correction)
        if edited != block:
            lines[first:last] = edited.splitlines(keepends=True)
            fields = correction.changes or ("citation",)
            fixed.append(Fixed(label, location.line, fields))
    return FixOutcome("".join(lines), tuple(reversed(fixed)), tuple(reversed(left)))


def correction_for(result: Result, *, free_text: bool) -> Correction | None:
    """What to write into one reference, or ``None`` when it must not be touched."""
    match = result.match
    if (
        result.status not in _CHECKED
        or match is None
        or match.confidence < FIX_MIN_CONFIDENCE
        or result.location is None
    ):
        return None
    if free_text:
        return Correction(suggestion=result.suggestion) if result.suggestion else Correction()
    record = match.record
    wrong = {m.field for m in result.mismatches if m.severity in _NEEDS_FIX}
    cited_doi = next((m.cited for m in result.mismatches if m.field is FieldName.DOI), None)
    doi = (
        record.doi
        if record.doi and (FieldName.DOI in wrong or not _has_doi(result, cited_doi))
        else None
    )
    return Correction(
        year=str(record.year) if FieldName.YEAR in wrong and record.year else None,
        volume=record.volume if FieldName.VOLUME in wrong else None,
        issue=record.issue if FieldName.ISSUE in wrong else None,
        pages=record.pages if FieldName.PAGES in wrong else None,
        doi=doi,
        renamed=tuple(_renamed(m) for m in result.mismatches if _is_misspelled_name(m)),
    )


def _has_doi(result: Result, cited_doi: str | None) -> bool:
    """Whether the reference already carries a DOI (the parser's reading of its text)."""
    return bool(cited_doi) or split_identifiers(result.input).doi is not None


def _is_misspelled_name(mismatch: Mismatch) -> bool:
    return (
        mismatch.field is FieldName.AUTHORS
        and mismatch.severity is Severity.ERROR
        and mismatch.cited is not None
        and mismatch.found is not None
        and " initials " not in mismatch.message
        and "," not in mismatch.cited
    )


def _renamed(mismatch: Mismatch) -> tuple[str, str]:
    return _INITIALS.sub("", mismatch.cited or ""), _INITIALS.sub("", mismatch.found or "")


def unified_diff(before: str, after: str, *, path: str) -> str:
    """A unified diff of the fix, as ``git diff`` shows it (``a/`` and ``b/`` prefixes)."""
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
