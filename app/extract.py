"""Find the reference list in a manuscript and split it into one string per reference.

The rules, in order:

1. A heading line "References", "Bibliography", "Literature Cited", "Works Cited" (any case,
   optionally numbered, optionally with a colon) starts the list; it runs to an "Appendix",
   "Tables" or "Figure legends" heading or to the end. Without a heading the whole text is the list.
2. If the list has a run of numbered items ("1.", "1)", "[1]", "(1)"; "12. 12." as some
   publishers print it), each number starts a reference; continuation lines are joined.
3. Otherwise each blank-line-separated block is one reference, and in a list without blank lines
   each line is, except that indented lines and lines that cannot start a reference (lower-case,
   digits, after a line ending in "," or "-") continue the previous one.

Every reference is cleaned: link labels that web pages append ("CrossRef", "PubMed", "Google
Scholar", even glued as "679–95.CrossRefPubMed") are dropped, quotes, dashes and spaces are
normalised by :func:`app.normalize.clean_text`; letters keep their diacritics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import regex

from app.models import RawReference, SourceLocation
from app.normalize import clean_text

_HEADING: Final = regex.compile(
    r"[#*_\s]*(?:(?:\d+(?:\.\d+)*|[IVX]+)\.?\s+)?"
    r"(?:references(?:\ cited)?|bibliography|literature\ cited|works\ cited|reference\ list)"
    r"[*_\s]*:?[*_\s]*",
    regex.IGNORECASE | regex.VERBOSE,
)
_SECTION_END: Final = regex.compile(
    r"[#*_\s]*(?:(?:\d+(?:\.\d+)*|[IVX]+)\.?\s+)?(?:appendix|appendices|tables?|figures?"
    r"|figure\ (?:legends?|captions?)|supplementary\ (?:material|information|data)"
    r"|supporting\ information)[*_\s]*:?[*_\s]*",
    regex.IGNORECASE | regex.VERBOSE,
)
# "12.", "12)", "[12]", "(12)" at the start of a line, followed by a space or the line's end.
_MARKER: Final = regex.compile(
    r"\s*(?:\[(?P<n>\d{1,4})\]|\((?P<n>\d{1,4})\)|(?P<n>\d{1,4})[.)])(?=\s|$)"
)
# C0 controls except tab and newline, DEL, the C1 controls, and invisible format characters
# (zero-width spaces and joiners, bidirectional overrides, byte-order marks).
_CONTROLS: Final = regex.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)
# A line that cannot start a reference: it continues the one above.
_CONTINUATION_START: Final = regex.compile(r"[\p{Ll}\p{N}(\[,;:.&)/-]")
_CONTINUATION_END: Final = regex.compile(r"(?:[-,;:&(/]|\band)$")
# "Gupta, G. P.", "Gupta GP", "World Health Organization", "G. P. Gupta": a reference's start.
_REFERENCE_START: Final = regex.compile(
    r"(?:\p{Lu}[\p{L}\p{M}'\-]+,?\s+(?:\p{Lu}|&|(?:van|von|de|der|da|di|du|le|la)\s)"
    r"|\p{Lu}\.\s*\p{Lu})"
)
_YEAR: Final = regex.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")
# Link labels that web pages print after each reference; longest first.
LINK_NOISE: Final = (
    "PubMedCentral", "PubMed Central", "Google Scholar", "Web of Science®", "Web of Science",
    "Wiley Online Library", "View in Scopus", "MathSciNet", "CrossRef", "Crossref", "PubMed",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Item:
    """Lines [first, last] (0-based, inclusive) that make up one reference."""

    first: int
    last: int
    label: str | None = None


def extract_references(text: str, *, path: str | None = None) -> list[RawReference]:
    """Split a manuscript or a bare reference list into references, in order.

    Never raises: binary garbage, control characters and lone surrogates are cleaned away first.

    >>> refs = extract_references("References\\n1. Gupta GP. Cell. 2006;127:679–95.PubMed")
    >>> [(r.label, r.text) for r in refs]
    [('1', 'Gupta GP. Cell. 2006;127:679-95.')]
    """
    lines = sanitize(text).split("\n")
    start, end, headed = _reference_section(lines)
    items = _numbered_items(lines, start, end, headed) or _unnumbered_items(lines, start, end)
    references: list[RawReference] = []
    for item in items:
        label, body = _label_and_body(lines, item)
        cleaned = clean_text(drop_link_noise(body))
        if cleaned:
            location = SourceLocation(line=item.first + 1, end_line=item.last + 1, path=path)
            references.append(RawReference(len(references) + 1, cleaned, label, location))
    return references


def sanitize(text: str) -> str:
    """Make any text safe to split: valid UTF-8, "\\n" line ends, no control characters."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return str(_CONTROLS.sub("", text))


def split_label(text: str) -> tuple[str | None, str]:
    """A reference's printed number and the reference without it, for a reference handed over
    on its own (a JSON list item) with its number still on: "12. Gupta GP. ..." -> ("12",
    "Gupta GP. ..."); text without a leading "12.", "12)", "[12]" or "(12)" is kept whole, and
    so is a leading year ("(2019) Report ...").

    >>> split_label("[3] Fidler IJ. Nat Rev Cancer. 2003;3:453-8."), split_label("3D cells.")
    (('3', 'Fidler IJ. Nat Rev Cancer. 2003;3:453-8.'), (None, '3D cells.'))
    """
    marker = _MARKER.match(text)
    if marker is None or _YEAR.fullmatch(marker["n"]):  # "(2019) Report of ..." is a year
        return None, text
    return marker["n"], _strip_marker(text).strip()


def drop_link_noise(text: str) -> str:
    """Remove trailing link labels: "679–95.CrossRefPubMedGoogle Scholar" -> "679–95."."""
    text = text.rstrip()
    while noise := next((word for word in LINK_NOISE if text.endswith(word)), None):
        text = text[: -len(noise)].rstrip()
    return text


def _reference_section(lines: list[str]) -> tuple[int, int, bool]:
    """Lines [start, end) of the reference list, and whether a heading announced it."""
    headings = [i for i, line in enumerate(lines) if _HEADING.fullmatch(line)]
    if not headings:
        return 0, len(lines), False
    start = headings[-1] + 1
    end = next((i for i in range(start, len(lines)) if _SECTION_END.fullmatch(lines[i])), None)
    return start, len(lines) if end is None else end, True


def _numbered_items(lines: list[str], start: int, end: int, headed: bool) -> list[_Item]:
    """One item per number of the longest run 1, 2, 3, ... (any start after a heading).

    A run needs two numbers: a lone "2006." opening a wrapped line is no numbering, and a single
    numbered reference is read line by line, where its number still becomes its label.
    """
    best: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for i in range(start, end):
        marker = _MARKER.match(lines[i])
        if marker is None:
            continue
        number = int(marker["n"])
        if run and number == run[-1][1] + 1:
            run.append((i, number))
        elif number == 1 or (headed and not run):
            run = [(i, number)]
        if len(run) > len(best):
            best = list(run)
    if len(best) < 2:
        return []
    bounds = [i for i, _ in best[1:]] + [end]
    return [
        _Item(first, _item_end(lines, first, bound), str(number))
        for (first, number), bound in zip(best, bounds, strict=True)
    ]


def _item_end(lines: list[str], first: int, bound: int) -> int:
    """The last line of a numbered item: before the next number or a blank line after its text."""
    has_text = bool(_strip_marker(lines[first]).strip())
    for i in range(first + 1, bound):
        if not lines[i].strip():
            if has_text:
                return i - 1
            continue
        has_text = True
    last = bound - 1
    while last > first and not lines[last].strip():
        last -= 1
    return last


def _unnumbered_items(lines: list[str], start: int, end: int) -> list[_Item]:
    """Blank-line blocks are references; a single block is split line by line."""
    blocks: list[list[int]] = [[]]
    for i in range(start, end):
        if lines[i].strip():
            blocks[-1].append(i)
        elif blocks[-1]:
            blocks.append([])
    blocks = [block for block in blocks if block]
    if len(blocks) == 1:
        return _split_lines(lines, blocks[0])
    items = []
    for block in blocks:
        starts = sum(1 for i in block if _looks_like_whole_reference(lines[i]))
        if starts >= 2:
            items.extend(_split_lines(lines, block))
        else:
            items.append(_Item(block[0], block[-1]))
    return items


def _split_lines(lines: list[str], block: list[int]) -> list[_Item]:
    """One item per line, continuation lines (indented, lower-case, after ",") joined."""
    items: list[_Item] = []
    for i in block:
        if items and _continues(lines[items[-1].first], lines[i - 1], lines[i]):
            items[-1] = _Item(items[-1].first, i)
        else:
            items.append(_Item(i, i))
    return items


def _continues(first: str, previous: str, line: str) -> bool:
    indent = len(line) - len(line.lstrip())
    first_indent = len(first) - len(first.lstrip())
    return (
        indent > first_indent
        or bool(_CONTINUATION_START.match(line.lstrip()))
        or bool(_CONTINUATION_END.search(previous.rstrip()))
    )


def _looks_like_whole_reference(line: str) -> bool:
    text = _strip_marker(line).strip()
    return bool(_REFERENCE_START.match(text) and _YEAR.search(text))


def _label_and_body(lines: list[str], item: _Item) -> tuple[str | None, str]:
    """The printed number (if any) and the item's lines joined into one string."""
    first = lines[item.first]
    marker = _MARKER.match(first)
    label = item.label or (marker["n"] if marker else None)
    parts = [_strip_marker(first), *lines[item.first + 1 : item.last + 1]]
    return label, _join_lines(part.strip() for part in parts)


def _strip_marker(line: str) -> str:
    """ "  12. 12. Gupta" -> "Gupta": the number, printed once or twice."""
    marker = _MARKER.match(line)
    if marker is None:
        return line
    rest = line[marker.end() :]
    again = _MARKER.match(rest)
    if again and again["n"] == marker["n"]:
        rest = rest[again.end() :]
    return rest


def _join_lines(parts: Iterable[str]) -> str:
    """Join wrapped lines; a line broken after "-" or "/" ("5-", "doi.org/") joins without space."""
    joined = ""
    for part in parts:
        if not part:
            continue
        glue = "" if not joined or joined.endswith(("-", "/")) else " "
        joined += glue + part
    return joined
