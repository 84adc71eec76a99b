"""Mapping upstream records onto the domain: notice detection."""

from __future__ import annotations

import pytest

from app.records import is_notice_title


@pytest.mark.parametrize(
    ("title", "notice"),
    [
        pytest.param("Correction to: Cancer metastasis: building a framework", True, id="to"),
        pytest.param("Erratum", True, id="bare"),
        pytest.param("RETRACTED: A study of things", True, id="retracted"),
        pytest.param("Retraction note: A study", True, id="retraction-note"),
        pytest.param("Correction of low levels of astigmatism", False, id="article-about-it"),
        pytest.param("Retraction of the gingiva after surgery", False, id="retraction-of"),
    ],
)
def test_only_a_notice_title_counts_as_a_notice(title: str, notice: bool) -> None:
    """A notice names itself, then stops or says whom it corrects; "Correction of X" is not."""
    assert is_notice_title(title) is notice
