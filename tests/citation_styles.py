"""Render a dev-corpus record (a line of ``shared/dev-corpus/records.jsonl``) as a citation.

Used to check the parser against real records and, by the accuracy benchmark, to make citations
whose every field is known. Styles follow the examples in the project brief::

    vancouver  Gupta GP, Massagué J. Title. Cell. 2006 Nov;127(4):679-95. doi: 10.1016/...
    ama        Gupta GP, Massagué J. Title. Cell. 2006;127(4):679-695. doi:10.1016/...
    apa        Gupta, G. P., & Massagué, J. (2006). Title. Cell, 127(4), 679–695. https://doi.org/...
    harvard    Gupta, G.P. and Massagué, J. (2006) 'Title', Cell, 127(4), pp. 679–695. doi:...
    harvard-plain  Gupta, G.P. and Massagué, J., 2006. Title. Cell, 127(4), pp.679-695.
    chicago    Gupta, Gaurav P., and Joan Massagué. 2006. "Title." Cell 127 (4): 679–95. https://...
    ieee       G. P. Gupta and J. Massagué, "Title," Cell, vol. 127, no. 4, pp. 679–695, Nov. 2006.

and the journal house styles of :data:`JOURNAL_STYLES`::

    nature     Gupta, G. P. & Massagué, J. Title. Cell 127, 679–695 (2006).
    science    G. P. Gupta, J. Massagué, Title. Cell 127, 679–695 (2006).
    springer   Gupta GP, Massagué J (2006) Title. Cell 127(4):679–695
    elsevier   G.P. Gupta, J. Massagué, Title, Cell 127 (2006) 679–695.
    elsevier-harvard  Gupta, G.P., Massagué, J., 2006. Title. Cell 127, 679–695.
    bmc        Gupta GP, Massagué J: Title. Cell 2006, 127(4):679-695.
    acs        Gupta, G. P.; Massagué, J. Title. Cell 2006, 127 (4), 679–695.
    mla        Gupta, Gaurav P., and Joan Massagué. "Title." Cell, vol. 127, no. 4, 2006, pp. 1-9.

``et_al_after=n`` cuts a list longer than n authors to its first n and "et al."; with None APA
still applies its own rule (more than 20 authors: the first 19, "...", the last).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

STYLES = ("vancouver", "ama", "apa", "harvard", "harvard-plain", "chicago", "ieee")
# Journal house styles, kept apart from STYLES so that benchmarks rotating through STYLES (and
# their documented figures) stay as they were.
JOURNAL_STYLES = (
    "nature", "science", "springer", "elsevier", "elsevier-harvard", "bmc", "acs", "mla",
)  # fmt: skip
# render() also writes a BibTeX @article entry (style "bibtex"); it is no free-text style.
BIBTEX = "bibtex"
# Styles that print no issue number: "Cell 127, 679–695 (2006)".
ISSUELESS_STYLES = frozenset({"nature", "science", "elsevier", "elsevier-harvard"})
APA_MAX_AUTHORS = 20
_SUFFIXES = {"Jr", "Sr", "II", "III", "IV", "2nd", "3rd", "4th"}
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_SMALL_WORDS = set("a an and as at but by for in nor of on or the to vs with".split())
_NLM_JOURNAL_STYLES = {"vancouver", "ama", "bmc"}
_QUOTED_TITLE_STYLES = {"chicago", "ieee", "mla"}


@dataclass(frozen=True)
class Person:
    """One record author, with the parts every style needs."""

    family: str
    given: str  # full given names as recorded ("Gaurav P"), "" if none
    initials: str  # "GP", "" if none
    suffix: str  # "Jr", "3rd", "" if none

    @classmethod
    def from_record(cls, author: Mapping[str, Any]) -> Person:
        given = (author.get("given") or "").strip()
        suffix = author.get("suffix") or ""
        if ", " in given:  # Web of Science writes "Frank J., Jr."
            given, tail = given.split(", ", 1)
            suffix = suffix or (tail.rstrip(".") if tail.rstrip(".") in _SUFFIXES else "")
        initials = author.get("initials") or "".join(w[0] for w in given.split() if w[0].isalpha())
        return cls(author["family"], given.rstrip(". "), initials.upper(), suffix)

    def dotted(self, sep: str = " ") -> str:
        """Initials with periods: "G. P." (sep=" ") or "G.P." (sep="")."""
        return sep.join(f"{letter}." for letter in self.initials)

    def given_dotted(self) -> str:
        """Full given names, single letters dotted: "Gaurav P.", "B. S."."""
        if not self.given:
            return self.dotted()
        return " ".join(w + "." if len(w) == 1 and w.isalpha() else w for w in self.given.split())


def cited_authors(
    record: Mapping[str, Any], style: str, *, et_al_after: int | None
) -> list[Person]:
    """The authors a rendered citation names, in order (after "et al." or APA's "...")."""
    people = [Person.from_record(a) for a in record["authors"]]
    if et_al_after is not None and len(people) > et_al_after:
        return people[:et_al_after]
    if style == "apa" and len(people) > APA_MAX_AUTHORS:
        return [*people[: APA_MAX_AUTHORS - 1], people[-1]]
    return people


def cited_journal(record: Mapping[str, Any], style: str, *, abbreviate_journal: bool) -> str:
    """The journal as rendered: MEDLINE abbreviation (NLM styles), ISO (others), or full title."""
    if not abbreviate_journal:
        return str(record["journal"])
    if style in _NLM_JOURNAL_STYLES:
        return str(record["journal_abbrev"])
    return str(record.get("journal_iso") or record["journal_abbrev"])


def render(
    record: Mapping[str, Any],
    style: str,
    *,
    with_doi: bool = True,
    et_al_after: int | None = None,
    abbreviate_journal: bool = True,
) -> str:
    """The record as a reference in ``style`` (one of :data:`STYLES` or :data:`JOURNAL_STYLES`)."""
    people = cited_authors(record, style, et_al_after=et_al_after)
    cut = et_al_after is not None and len(record["authors"]) > et_al_after
    parts = _Parts(
        authors=_AUTHOR_LISTS[style](people, cut, len(record["authors"])),
        title=_title(record, style),
        journal=cited_journal(record, style, abbreviate_journal=abbreviate_journal),
        year=str(record["year"]),
        month=record.get("month"),
        volume=str(record["volume"]),
        issue=record.get("issue"),
        first=str(record["first_page"]),
        last=record.get("last_page"),
        doi=_first_doi(record) if with_doi else None,
    )
    return _LAYOUTS[style](parts)


@dataclass(frozen=True)
class _Parts:
    authors: str
    title: str
    journal: str
    year: str
    month: int | None
    volume: str
    issue: str | None
    first: str
    last: str | None
    doi: str | None

    def pages(self, *, abbreviated: bool, dash: str = "-") -> str:
        if not self.last:
            return self.first
        last = _abbreviate_last_page(self.first, self.last) if abbreviated else self.last
        return f"{self.first}{dash}{last}"

    @property
    def single_page(self) -> bool:
        return not self.last

    def issue_in_brackets(self, space: str = "") -> str:
        return f"{space}({self.issue})" if self.issue else ""


def _title(record: Mapping[str, Any], style: str) -> str:
    """The title without its closing period; quotes inside a quoted title become single."""
    title = str(record["title"]).rstrip(". ")
    return title.replace('"', "'") if style in _QUOTED_TITLE_STYLES else title


def _first_doi(record: Mapping[str, Any]) -> str | None:
    """The record's DOI; a few Web of Science records list several, separated by ";"."""
    doi = record.get("doi")
    return str(doi).split(";")[0].strip() if doi else None


def _abbreviate_last_page(first: str, last: str) -> str:
    """NLM drops the leading digits the last page repeats: 679-695 -> 679-95."""
    if not (first.isdigit() and last.isdigit() and len(first) == len(last)):
        return last
    same = 0
    while same < len(first) - 1 and first[same] == last[same]:
        same += 1
    return last[same:]


def _sentence(text: str) -> str:
    """End a sentence with a period unless it already ends with one (or "?", "!")."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _headline_case(title: str) -> str:
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        starts_clause = i == 0 or words[i - 1].endswith(":")
        if word.isalpha() and word.islower() and (starts_clause or word not in _SMALL_WORDS):
            word = word.capitalize()
        out.append(word)
    return " ".join(out)


def _join(names: Sequence[str], *, last_sep: str, sep: str = ", ") -> str:
    if len(names) <= 1:
        return "".join(names)
    return sep.join(names[:-1]) + last_sep + names[-1]


def _nlm_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [" ".join(filter(None, (p.family, p.initials, p.suffix))) for p in people]
    return ", ".join(names) + (", et al" if cut else "")


def _apa_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [f"{p.family}, {p.dotted()}" + (f", {p.suffix}." if p.suffix else "") for p in people]
    names = [name.rstrip(", ") for name in names]
    if cut:
        return ", ".join(names) + ", et al."
    if total > APA_MAX_AUTHORS:
        return ", ".join(names[:-1]) + ", ... " + names[-1]
    return _join(names, last_sep=", & ")


def _harvard_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [f"{p.family}, {p.dotted('')}".rstrip(", ") for p in people]
    if cut:
        return ", ".join(names) + " et al."
    return _join(names, last_sep=" and ")


def _chicago_names(people: Sequence[Person], cut: bool, total: int) -> str:
    first, *rest = people
    names = [f"{first.family}, {first.given_dotted()}".rstrip(", ")
             + (f", {first.suffix}." if first.suffix else "")]  # fmt: skip
    names += [" ".join(filter(None, (p.given_dotted(), p.family, p.suffix))) for p in rest]
    if cut:
        return ", ".join(names) + ", et al."
    return names[0] if len(names) == 1 else _join(names, last_sep=", and ")


def _ieee_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [" ".join(filter(None, (p.dotted(), p.family))) + (f", {p.suffix}." if p.suffix else "")
             for p in people]  # fmt: skip
    if cut:
        return ", ".join(names) + " et al."
    return _join(names, last_sep=" and ") if len(names) <= 2 else _join(names, last_sep=", and ")


def _nature_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [f"{p.family}, {p.dotted()}".rstrip(", ") for p in people]
    return ", ".join(names) + " et al." if cut else _join(names, last_sep=" & ")


def _given_first_names(people: Sequence[Person], cut: bool, total: int, sep: str) -> str:
    names = [" ".join(filter(None, (p.dotted(sep), p.family))) for p in people]
    return ", ".join(names) + (" et al." if cut else "")


def _science_names(people: Sequence[Person], cut: bool, total: int) -> str:
    return _given_first_names(people, cut, total, " ")


def _elsevier_names(people: Sequence[Person], cut: bool, total: int) -> str:
    return _given_first_names(people, cut, total, "")


def _elsevier_harvard_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [f"{p.family}, {p.dotted('')}".rstrip(", ") for p in people]
    return ", ".join(names) + (", et al." if cut else "")


def _acs_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [f"{p.family}, {p.dotted()}".rstrip(", ") for p in people]
    return "; ".join(names) + ("; et al." if cut else "")


def _bibtex_names(people: Sequence[Person], cut: bool, total: int) -> str:
    names = [f"{p.family}, {p.given_dotted()}".rstrip(", ") for p in people]
    return " and ".join(names) + (" and others" if cut else "")


def _bibtex(p: _Parts) -> str:
    """A BibTeX @article entry, as a reference manager exports it (double-dash page range)."""
    key = re.sub(r"\W", "", p.authors.split(",")[0]) + p.year
    fields = [
        ("author", p.authors),
        ("title", "{" + p.title + "}"),
        ("journal", p.journal),
        ("year", p.year),
        ("volume", p.volume),
        ("number", p.issue),
        ("pages", p.pages(abbreviated=False, dash="--")),
        ("doi", p.doi),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@article{{{key},\n{body}\n}}"


def _vancouver(p: _Parts) -> str:
    date = p.year + (f" {_MONTHS[p.month - 1]}" if p.month else "")
    text = (f"{_sentence(p.authors)} {_sentence(p.title)} {p.journal}. "
            f"{date};{p.volume}{p.issue_in_brackets()}:{p.pages(abbreviated=True)}.")  # fmt: skip
    return text + (f" doi: {p.doi}." if p.doi else "")


def _ama(p: _Parts) -> str:
    pages = p.pages(abbreviated=False)
    text = (f"{_sentence(p.authors)} {_sentence(p.title)} {p.journal}. "
            f"{p.year};{p.volume}{p.issue_in_brackets()}:{pages}.")  # fmt: skip
    return text + (f" doi:{p.doi}" if p.doi else "")


def _apa(p: _Parts) -> str:
    pages = p.pages(abbreviated=False, dash="–")
    text = (f"{p.authors} ({p.year}). {_sentence(p.title)} {p.journal}, "
            f"{p.volume}{p.issue_in_brackets()}, {pages}.")  # fmt: skip
    return text + (f" https://doi.org/{p.doi}" if p.doi else "")


def _harvard(p: _Parts) -> str:
    pages = ("p. " if p.single_page else "pp. ") + p.pages(abbreviated=False, dash="–")
    text = (f"{p.authors} ({p.year}) '{p.title}', {p.journal}, "
            f"{p.volume}{p.issue_in_brackets()}, {pages}.")  # fmt: skip
    return text + (f" doi:{p.doi}." if p.doi else "")


def _harvard_plain(p: _Parts) -> str:
    pages = ("p." if p.single_page else "pp.") + p.pages(abbreviated=False)
    text = (f"{p.authors}, {p.year}. {_sentence(p.title)} {p.journal}, "
            f"{p.volume}{p.issue_in_brackets()}, {pages}.")  # fmt: skip
    return text + (f" https://doi.org/{p.doi}" if p.doi else "")


def _chicago(p: _Parts) -> str:
    text = (f"{_sentence(p.authors)} {p.year}. \"{_sentence(_headline_case(p.title))}\" "
            f"{p.journal} {p.volume}{p.issue_in_brackets(' ')}: "
            f"{p.pages(abbreviated=True, dash='–')}.")  # fmt: skip
    return text + (f" https://doi.org/{p.doi}." if p.doi else "")


def _ieee(p: _Parts) -> str:
    title = p.title if p.title.endswith(("?", "!")) else p.title + ","
    month = f"{_MONTHS[p.month - 1]}{'' if p.month == 5 else '.'} " if p.month else ""
    pages = ("p. " if p.single_page else "pp. ") + p.pages(abbreviated=False, dash="–")
    issue = f", no. {p.issue}" if p.issue else ""
    text = f'{p.authors}, "{title}" {p.journal}, vol. {p.volume}{issue}, {pages}, {month}{p.year}'
    return text + (f", doi: {p.doi}." if p.doi else ".")


def _nature(p: _Parts) -> str:
    text = (f"{_sentence(p.authors)} {_sentence(p.title)} {p.journal} {p.volume}, "
            f"{p.pages(abbreviated=False, dash='–')} ({p.year}).")  # fmt: skip
    return text + (f" https://doi.org/{p.doi}" if p.doi else "")


def _science(p: _Parts) -> str:
    text = (f"{p.authors}, {_sentence(p.title)} {p.journal} {p.volume}, "
            f"{p.pages(abbreviated=False, dash='–')} ({p.year}).")  # fmt: skip
    return text + (f" doi: {p.doi}" if p.doi else "")


def _springer(p: _Parts) -> str:
    pages = p.pages(abbreviated=False, dash="–")
    text = (f"{p.authors} ({p.year}) {_sentence(p.title)} {p.journal} "
            f"{p.volume}{p.issue_in_brackets()}:{pages}")  # fmt: skip
    return text + (f". https://doi.org/{p.doi}" if p.doi else "")


def _elsevier(p: _Parts) -> str:
    text = (f"{p.authors}, {p.title}, {p.journal} {p.volume} ({p.year}) "
            f"{p.pages(abbreviated=False, dash='–')}.")  # fmt: skip
    return text + (f" https://doi.org/{p.doi}." if p.doi else "")


def _elsevier_harvard(p: _Parts) -> str:
    text = (f"{p.authors}, {p.year}. {_sentence(p.title)} {p.journal} {p.volume}, "
            f"{p.pages(abbreviated=False, dash='–')}.")  # fmt: skip
    return text + (f" https://doi.org/{p.doi}" if p.doi else "")


def _bmc(p: _Parts) -> str:
    text = (f"{p.authors}: {_sentence(p.title)} {p.journal} {p.year}, "
            f"{p.volume}{p.issue_in_brackets()}:{p.pages(abbreviated=False)}.")  # fmt: skip
    return text + (f" doi:{p.doi}." if p.doi else "")


def _acs(p: _Parts) -> str:
    pages = p.pages(abbreviated=False, dash="–")
    text = (f"{p.authors} {_sentence(_headline_case(p.title))} {p.journal} {p.year}, "
            f"{p.volume}{p.issue_in_brackets(' ')}, {pages}.")  # fmt: skip
    return text + (f" DOI: {p.doi}." if p.doi else "")


def _mla_names(people: Sequence[Person], cut: bool, total: int) -> str:
    first, *rest = people
    names = [f"{first.family}, {first.given_dotted()}".rstrip(", ")]
    names += [" ".join(filter(None, (p.given_dotted(), p.family))) for p in rest]
    return ", ".join(names) + ", et al." if cut else _join(names, last_sep=", and ")


def _mla(p: _Parts) -> str:
    issue = f" no. {p.issue}," if p.issue else ""
    pages = ("p. " if p.single_page else "pp. ") + p.pages(abbreviated=True)
    text = (f"{_sentence(p.authors)} \"{_sentence(_headline_case(p.title))}\" {p.journal}, "
            f"vol. {p.volume},{issue} {p.year}, {pages}.")  # fmt: skip
    return text + (f" https://doi.org/{p.doi}." if p.doi else "")


_AUTHOR_LISTS: dict[str, Callable[[Sequence[Person], bool, int], str]] = {
    "vancouver": _nlm_names,
    "ama": _nlm_names,
    "apa": _apa_names,
    "harvard": _harvard_names,
    "harvard-plain": _harvard_names,
    "chicago": _chicago_names,
    "ieee": _ieee_names,
    "nature": _nature_names,
    "science": _science_names,
    "springer": _nlm_names,
    "elsevier": _elsevier_names,
    "elsevier-harvard": _elsevier_harvard_names,
    "bmc": _nlm_names,
    "acs": _acs_names,
    "mla": _mla_names,
    "bibtex": _bibtex_names,
}
_LAYOUTS: dict[str, Callable[[_Parts], str]] = {
    "vancouver": _vancouver,
    "ama": _ama,
    "apa": _apa,
    "harvard": _harvard,
    "harvard-plain": _harvard_plain,
    "chicago": _chicago,
    "ieee": _ieee,
    "nature": _nature,
    "science": _science,
    "springer": _springer,
    "elsevier": _elsevier,
    "elsevier-harvard": _elsevier_harvard,
    "bmc": _bmc,
    "acs": _acs,
    "mla": _mla,
    "bibtex": _bibtex,
}
