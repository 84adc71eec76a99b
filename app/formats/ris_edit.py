"""Write a :class:`~app.formats.corrections.Correction` into one RIS record, tag by tag.

``PY`` (the year digits only, so "2009///" stays a RIS date), ``VL``, ``IS``, ``SP``/``EP``
and ``DO`` lines get the registered values; a missing ``DO`` line is added before ``ER``;
a misspelled surname is corrected in its ``AU`` line. Every other line, and every line
ending, stays as it was.
"""

from __future__ import annotations

import re
from typing import Final

from app.formats.corrections import Correction

_TAG_LINE: Final = re.compile(
    r"^(?P<tag>[A-Z][A-Z0-9])  - ?(?P<value>.*?)(?P<end>\r?\n?)$", re.DOTALL
)
_YEAR: Final = re.compile(r"\d{4}")
_AUTHOR_TAGS: Final = frozenset({"AU", "A1"})


def edit_ris_record(record: str, correction: Correction) -> str:
    """The record with the correction's values written into it."""
    values: dict[str, str | None] = {
        "VL": correction.volume,
        "IS": correction.issue,
        "DO": correction.doi,
    }
    if correction.pages is not None:
        values["SP"] = correction.pages.first
        values["EP"] = correction.pages.last
    lines = record.splitlines(keepends=True)
    seen: set[str] = set()
    for i, line in enumerate(lines):
        match = _TAG_LINE.match(line)
        if match is None:
            continue
        tag, value, end = match["tag"], match["value"], match["end"]
        seen.add(tag)
        if tag in ("PY", "Y1") and correction.year:
            lines[i] = f"{tag}  - {_YEAR.sub(correction.year, value, count=1)}{end}"
        elif values.get(tag):
            lines[i] = f"{tag}  - {values[tag]}{end}"
        elif tag in _AUTHOR_TAGS and correction.renamed:
            lines[i] = f"{tag}  - {_renamed(value, correction.renamed)}{end}"
    if correction.doi and "DO" not in seen:
        closing = next((i for i, line in enumerate(lines) if line.startswith("ER  -")), len(lines))
        newline = "\r\n" if record.endswith("\r\n") or "\r\n" in record else "\n"
        lines.insert(closing, f"DO  - {correction.doi}{newline}")
    return "".join(lines)


def _renamed(name: str, renamed: tuple[tuple[str, str], ...]) -> str:
    for cited, registered in renamed:
        name = re.sub(rf"(?<!\w){re.escape(cited)}(?!\w)", registered, name)
    return name
