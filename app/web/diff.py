"""Character-level differences between a cited value and the registered one, for highlighting.

Each side becomes a list of segments, and a segment is ``changed`` where that side differs from
the other (difflib opcodes: ``replace`` marks both sides, ``delete`` the cited side, ``insert``
the registered side). Adjacent segments never share the same flag.

    >>> cited, found = char_diff("2009", "2006")
    >>> [(s.text, s.changed) for s in cited]
    [('200', False), ('9', True)]
    >>> [(s.text, s.changed) for s in found]
    [('200', False), ('6', True)]
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    changed: bool


def char_diff(cited: str, found: str) -> tuple[list[Segment], list[Segment]]:
    """The cited and the registered value split into unchanged and changed segments."""
    left: list[Segment] = []
    right: list[Segment] = []
    matcher = SequenceMatcher(None, cited, found, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        changed = tag != "equal"
        _append(left, cited[i1:i2], changed)
        _append(right, found[j1:j2], changed)
    return left, right


def _append(segments: list[Segment], text: str, changed: bool) -> None:
    if not text:
        return
    if segments and segments[-1].changed == changed:
        segments[-1] = Segment(segments[-1].text + text, changed)
    else:
        segments.append(Segment(text, changed))
