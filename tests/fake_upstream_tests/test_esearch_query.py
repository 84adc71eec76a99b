"""ESearch terms parse the way PubMed reads them."""

from __future__ import annotations

import pytest

from tests.fake_upstream.esearch_query import BoolOp, Node, QuerySyntaxError, Term, parse_term


@pytest.mark.parametrize(
    ("term", "tree"),
    [
        pytest.param("smith ja[au]", Term("smith ja", "au"), id="tag-applies-to-word-run"),
        pytest.param("gupta 2006", BoolOp("AND", Term("gupta"), Term("2006")),
                     id="bare-words-are-anded"),
        pytest.param('"building a framework"[ti]', Term("building a framework", "ti", quoted=True),
                     id="quoted-phrase"),
        pytest.param("a OR b AND c", BoolOp("AND", BoolOp("OR", Term("a"), Term("b")), Term("c")),
                     id="left-to-right-without-precedence"),
        pytest.param("a OR (b AND c)", BoolOp("OR", Term("a"), BoolOp("AND", Term("b"), Term("c"))),
                     id="parentheses-group"),
        pytest.param("cell[journal] NOT 2009[pdat]",
                     BoolOp("NOT", Term("cell", "ta"), Term("2009", "dp")), id="long-tag-names"),
        pytest.param("cancer and metastasis",
                     BoolOp("AND", BoolOp("AND", Term("cancer"), Term("and")), Term("metastasis")),
                     id="lower-case-operators-are-words"),
    ],
)  # fmt: skip
def test_parse_term(term: str, tree: Node) -> None:
    assert parse_term(term) == tree


@pytest.mark.parametrize(
    "term",
    [
        pytest.param("", id="empty"),
        pytest.param("(cancer AND", id="unclosed-parenthesis"),
        pytest.param('"cancer', id="unclosed-quote"),
        pytest.param("AND cancer", id="leading-operator"),
    ],
)
def test_unusable_terms_raise(term: str) -> None:
    with pytest.raises(QuerySyntaxError):
        parse_term(term)
