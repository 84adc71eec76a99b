"""Turn citations into upstream questions: ECitMatch lines, PubMed search terms, Crossref strings.

Each builder asks for as little as identifies a work while surviving one wrong field, because
the citations we check are the ones that contain errors. Builders return ``None`` when a
citation lacks what the question needs.
"""

from __future__ import annotations

import re

from app.models import Citation
from app.normalize import clean_text, fold_alnum
from clients import CitMatchQuery

# Words too common to narrow a PubMed title search.
_STOP_WORDS = frozenset(
    """
    a an and are as at be by for from has have in into is it its of on or that the their this
    to was were which with without versus vs after before between during under over study
    patients patient analysis results effect effects role new use using based
    """.split()
)
# Characters PubMed's query parser treats as syntax.
_QUERY_SYNTAX = re.compile(r'[\[\]()"*:]')


def citmatch_query(citation: Citation, key: str) -> CitMatchQuery | None:
    """An ECitMatch line needs a journal and at least two of year, volume, first page."""
    if not citation.journal:
        return None
    first_page = citation.pages.first if citation.pages else None
    known = [v for v in (citation.year, citation.volume, first_page) if v]
    if len(known) < 2:
        return None
    author = ""
    if citation.authors and not citation.authors[0].is_group:
        first = citation.authors[0]
        author = f"{fold_alnum(first.family)} {first.initials.lower()}".strip()
    return CitMatchQuery(
        key=key,
        journal=fold_alnum(citation.journal),
        year=str(citation.year or ""),
        volume=citation.volume or "",
        first_page=first_page or "",
        author=author,
    )


def _term(value: str, tag: str) -> str:
    value = _QUERY_SYNTAX.sub(" ", clean_text(value)).strip()
    return f'"{value}"[{tag}]' if " " in value else f"{value}[{tag}]"


def title_keywords(title: str, *, limit: int = 4) -> list[str]:
    """The longest distinctive words of a title: they identify it and survive one changed word."""
    words = [w for w in fold_alnum(title).split() if len(w) > 3 and w not in _STOP_WORDS]
    ranked = sorted(dict.fromkeys(words), key=len, reverse=True)
    return ranked[:limit]


def pubmed_term(citation: Citation) -> str | None:
    """A PubMed query that finds the work even when one field of the citation is wrong.

    It ORs independent groups, each resting on different fields::

        (journal[ta] AND volume[vi] AND first_page[pg])      survives wrong year/author/title
        (author[1au] AND year[dp] AND journal[ta])           survives wrong volume/pages/title
        (author[1au] AND title words[ti])                    survives wrong journal/year/numbers
        (title words[ti] AND journal[ta])                    survives a misspelled first author
    """
    groups: list[list[str]] = []
    journal = _term(citation.journal, "ta") if citation.journal else None
    first_page = citation.pages.first if citation.pages else None
    author = None
    if citation.authors and not citation.authors[0].is_group and citation.authors[0].family:
        first = citation.authors[0]
        author = _term(f"{fold_alnum(first.family)} {first.initials[:1].lower()}".strip(), "1au")
    words = [_term(w, "ti") for w in title_keywords(citation.title or "", limit=3)]
    if journal and citation.volume and first_page:
        groups.append([journal, _term(citation.volume, "vi"), _term(first_page, "pg")])
    if author and citation.year and journal:
        groups.append([author, _term(str(citation.year), "dp"), journal])
    if author and len(words) >= 2:
        groups.append([author, *words])
    if len(words) >= 3 and journal:
        groups.append([*words, journal])
    if not groups:
        return None
    return " OR ".join("(" + " AND ".join(group) + ")" for group in groups)


def worth_a_search(citation: Citation) -> bool:
    """A search only helps if its answer could be validated: that needs a year or a journal.

    "LiverMetSurvey. International registry of patients... Available at http://" has neither;
    no record could be confirmed for it, so it costs no request and is reported not found.
    """
    return bool(citation.year or citation.journal)


def bibliographic_query(citation: Citation) -> str:
    """The string for Crossref's ``query.bibliographic``: the reference as written.

    Crossref's own advice for matching references is to send the whole citation and keep
    other parameters to a minimum.
    """
    return clean_text(citation.raw)[:1000]
