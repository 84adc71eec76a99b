"""Parse a PubMed ``term`` into a small boolean tree, the way ESearch reads it.

Rules (PubMed's, simplified):

- ``AND``, ``OR``, ``NOT`` are operators only in upper case, and are applied **left to right**
  with no precedence (PubMed's documented behaviour); parentheses group.
- Adjacent terms with no operator are ANDed.
- A field tag applies to the run of bare words right before it, as one term:
  ``smith ja[au]`` is the author "smith ja", ``cancer metastasis[ti]`` needs both words in the
  title. A quoted phrase keeps its words adjacent: ``"building a framework"[ti]``.
- Bare words with no tag are separate all-fields terms: ``gupta 2006`` = ``gupta AND 2006``.

>>> parse_term('gupta gp[au] AND (cell[ta] OR "cell"[ta])')  # doctest: +ELLIPSIS
BoolOp(op='AND', left=Term(text='gupta gp', field='au', quoted=False), right=BoolOp(...))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Operator = Literal["AND", "OR", "NOT"]

# Tag spellings PubMed accepts, mapped to the canonical short tag the evaluator knows.
FIELD_TAGS: dict[str, str] = {
    "ti": "ti", "title": "ti", "tiab": "ti", "title/abstract": "ti",
    "ta": "ta", "journal": "ta", "jour": "ta",
    "au": "au", "author": "au", "1au": "1au", "author - first": "1au",
    "lastau": "lastau", "author - last": "lastau",
    "dp": "dp", "pdat": "dp", "publication date": "dp",
    "vi": "vi", "volume": "vi", "ip": "ip", "issue": "ip", "pg": "pg", "pagination": "pg",
    "pmid": "pmid", "uid": "pmid", "aid": "aid", "lid": "aid", "doi": "aid",
    "pt": "pt", "publication type": "pt", "la": "la", "language": "la",
    "all": "all", "all fields": "all",
}  # fmt: skip

FIELD_NAMES: dict[str, str] = {
    "ti": "Title", "ta": "Journal", "au": "Author", "1au": "Author - First",
    "lastau": "Author - Last", "dp": "Publication Date", "vi": "Volume", "ip": "Issue",
    "pg": "Pagination", "pmid": "UID", "aid": "Location ID", "pt": "Publication Type",
    "la": "Language", "all": "All Fields",
}  # fmt: skip

_TOKEN_RE = re.compile(r'\s*(\(|\)|"[^"]*"?|\[[^\]]*\]?|[^\s()\[\]"]+)')
_OPERATORS = frozenset({"AND", "OR", "NOT"})


class QuerySyntaxError(ValueError):
    """The term cannot be parsed (empty, unbalanced parentheses or quotes, dangling operator)."""


@dataclass(frozen=True, slots=True)
class Term:
    """One search term; ``field`` is a canonical tag from :data:`FIELD_TAGS` ("all" if none)."""

    text: str
    field: str = "all"
    quoted: bool = False

    def translation(self) -> str:
        """PubMed's QueryTranslation form: ``"gupta gp"[Author]``."""
        text = f'"{self.text}"' if self.quoted or " " in self.text else self.text
        return f"{text}[{FIELD_NAMES[self.field]}]"


@dataclass(frozen=True, slots=True)
class BoolOp:
    """``left OP right``."""

    op: Operator
    left: Node
    right: Node

    def translation(self) -> str:
        return f"({self.left.translation()} {self.op} {self.right.translation()})"


Node = Term | BoolOp


def parse_term(term: str) -> Node:
    """Parse an ESearch ``term`` into a tree of :class:`Term` and :class:`BoolOp`."""
    tokens = [t for t in _TOKEN_RE.findall(term) if t]
    if not tokens:
        raise QuerySyntaxError("Empty term and query_key - nothing todo")
    parser = _Parser(tokens)
    node = parser.expression()
    if parser.peek() is not None:
        raise QuerySyntaxError(f"unexpected {parser.peek()!r}")
    return node


class _Parser:
    def __init__(self, tokens: list[str]) -> None:
        self._tokens = tokens
        self._pos = 0

    def peek(self) -> str | None:
        return self._tokens[self._pos] if self._pos < len(self._tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise QuerySyntaxError("the term ends in the middle of an expression")
        self._pos += 1
        return token

    def expression(self) -> Node:
        node = self.operand()
        while (token := self.peek()) is not None and token != ")":
            op: Operator = "AND"
            if token in _OPERATORS:
                op = self.take()  # type: ignore[assignment]  # checked against _OPERATORS
            node = BoolOp(op, node, self.operand())
        return node

    def operand(self) -> Node:
        token = self.take()
        if token == "(":
            inner = self.expression()
            if self.take() != ")":
                raise QuerySyntaxError("unbalanced parentheses")
            return inner
        if token == ")" or token in _OPERATORS or token.startswith("["):
            raise QuerySyntaxError(f"unexpected {token!r}")
        if token.startswith('"'):
            if len(token) < 2 or not token.endswith('"'):
                raise QuerySyntaxError("unbalanced quotes")
            return Term(token[1:-1].strip(), self.tag(), quoted=True)
        words = [token]
        while (nxt := self.peek()) is not None and _is_bare_word(nxt):
            words.append(self.take())
        if (nxt := self.peek()) is not None and nxt.startswith("["):
            return Term(" ".join(words), self.tag())
        node: Node = Term(words[0])
        for word in words[1:]:
            node = BoolOp("AND", node, Term(word))
        return node

    def tag(self) -> str:
        token = self.peek()
        if token is None or not token.startswith("["):
            return "all"
        self.take()
        if not token.endswith("]"):
            raise QuerySyntaxError("unbalanced brackets")
        return FIELD_TAGS.get(token[1:-1].strip().lower(), "all")


def _is_bare_word(token: str) -> bool:
    return token not in _OPERATORS and token[0] not in '()["'
