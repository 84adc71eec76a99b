"""Character-level highlighting of cited vs registered values."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.web.diff import Segment, char_diff


def marked(segments: list[Segment]) -> str:
    """'200[9]': changed segments in brackets, to read the expectations at a glance."""
    return "".join(f"[{s.text}]" if s.changed else s.text for s in segments)


@pytest.mark.parametrize(
    ("cited", "found", "left", "right"),
    [
        pytest.param("2009", "2006", "200[9]", "200[6]", id="year-last-digit"),
        pytest.param("3427-2436", "3427-3436", "3427-[2]436", "3427-[3]436", id="page"),
        pytest.param("15", "120", "1[5]", "1[20]", id="replace-longer"),
        pytest.param("Massaguè J", "Massagué J", "Massagu[è] J", "Massagu[é] J", id="accent"),
        pytest.param("127", "127", "127", "127", id="equal"),
        pytest.param("", "4", "", "[4]", id="missing-issue"),
    ],
)
def test_only_the_differing_characters_are_marked(
    cited: str, found: str, left: str, right: str
) -> None:
    cited_segments, found_segments = char_diff(cited, found)
    assert (marked(cited_segments), marked(found_segments)) == (left, right)


@given(st.text(max_size=40), st.text(max_size=40))
def test_segments_rebuild_both_values_and_alternate(cited: str, found: str) -> None:
    left, right = char_diff(cited, found)
    assert "".join(s.text for s in left) == cited
    assert "".join(s.text for s in right) == found
    for side in (left, right):
        assert all(s.text for s in side)
        assert all(a.changed != b.changed for a, b in itertools.pairwise(side))


@given(st.text(max_size=40))
def test_equal_values_have_nothing_marked(value: str) -> None:
    left, right = char_diff(value, value)
    assert not any(s.changed for s in left + right)
