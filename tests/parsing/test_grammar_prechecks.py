"""A grammar's ``requires`` only saves time: every text its layout matches contains it, so
skipping the layout when it is absent never changes what a reference is read as."""

from __future__ import annotations

import json
from itertools import product

import pytest

from app.normalize import clean_text
from app.parsing.grammars import GRAMMARS, Grammar
from app.parsing.identifiers import split_identifiers
from tests.citation_styles import JOURNAL_STYLES, STYLES, render
from tests.parsing.support import SAMPLE

_RECORDS = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
_STYLES = (*STYLES, *JOURNAL_STYLES)


def rendered_texts() -> list[str]:
    """Every sample record in every style, with and without DOI, cut or whole, as the
    grammars see it (cleaned, identifiers removed)."""
    texts = []
    for record, style, with_doi, et_al in product(_RECORDS, _STYLES, (True, False), (None, 3)):
        text = render(record, style, with_doi=with_doi, et_al_after=et_al)
        texts.append(split_identifiers(clean_text(text)).text)
    return texts


_TEXTS = rendered_texts()


@pytest.mark.parametrize(
    "grammar",
    [pytest.param(g, id=f"{g.style.value}-{i}") for i, g in enumerate(GRAMMARS) if g.requires],
)
def test_whatever_a_layout_matches_contains_what_it_requires(grammar: Grammar) -> None:
    assert grammar.requires is not None
    matched = [text for text in _TEXTS if grammar.layout.fullmatch(text)]
    missing = [text for text in matched if grammar.requires.search(text) is None]
    assert matched  # the sample exercises the layout
    assert missing == []
