"""Crossref's work record, parsed from ``/works`` JSON into small frozen dataclasses.

Only the wire format is handled here; what the fields mean for a citation is ``app``'s business.
Every quirk seen in the recorded samples is absorbed at this one seam:

* ``title``, ``subtitle`` and ``container-title`` are arrays; the first entry is kept, with
  JATS/HTML tags stripped, entities unescaped and whitespace folded:
  ``"detecting\\n   <i>KRAS</i>\\n   /"`` -> ``"detecting KRAS /"``, ``"Big Data &amp; Society"``
  -> ``"Big Data & Society"``.
* Dates are ``{"date-parts": [[2012, 3, 21]]}`` and may be ``[[null]]``: the year, or ``None``.
* ``page`` may be absent for article-numbered journals (``article-number: "16696"``).
* DOIs are lower-cased (Crossref's own are; related ones not always: ``10.1111/ELE.14024/v3/…``).

A body of the wrong shape raises ``ShapeError`` (never ``KeyError``/``TypeError``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from clients._shape import (
    ShapeError,
    as_dict,
    as_list,
    load_json,
    opt_float,
    opt_int,
    opt_list,
    opt_text,
)

_TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class CrossrefAuthor:
    """One contributor: a person (``family``/``given``) or an organisation (``name``)."""

    family: str | None = None
    given: str | None = None
    name: str | None = None
    sequence: str | None = None  # "first" | "additional"


@dataclass(frozen=True, slots=True)
class CrossrefUpdate:
    """A correction or retraction link.

    ``CrossrefUpdate("10.1371/annotation/c76da2c1-…", "correction", "Correction")``
    """

    doi: str
    type: str | None = None
    label: str | None = None
    updated: str | None = None  # ISO date of the update: "2012-05-08" (or "2012-05", "2012")


@dataclass(frozen=True, slots=True)
class CrossrefWork:
    """The fields of a Crossref work that a reference can be checked against."""

    doi: str
    type: str | None = None
    title: str | None = None
    subtitle: str | None = None
    container_title: str | None = None
    short_container_titles: tuple[str, ...] = ()
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    article_number: str | None = None
    authors: tuple[CrossrefAuthor, ...] = ()
    issued_year: int | None = None  # the earliest of print and online
    published_print_year: int | None = None
    published_online_year: int | None = None
    issue_years: tuple[int, ...] = ()  # the journal issue's own print/online years
    issn: tuple[str, ...] = ()
    score: float | None = None  # relevance in search results; not on a fixed scale
    updated_by: tuple[
        CrossrefUpdate, ...
    ] = ()  # notices (corrections, retractions) about this work
    update_to: tuple[CrossrefUpdate, ...] = ()  # the works this notice updates
    relation: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)


def clean_markup(text: str) -> str:
    """Strip tags, unescape entities, fold spaces: ``"<scp>T</scp>reebase"`` -> ``"Treebase"``."""
    return _SPACES_RE.sub(" ", html.unescape(_TAG_RE.sub("", text))).strip()


def parse_work_body(body: bytes) -> CrossrefWork:
    """Parse a ``GET /works/{doi}`` body: ``{"status": "ok", "message-type": "work", …}``."""
    return parse_work(_message(body, "work"))


def parse_work_list_body(body: bytes) -> list[CrossrefWork]:
    """Parse a ``GET /works?…`` body, whose ``message.items`` holds the works in rank order."""
    message = as_dict(_message(body, "work-list"), "message")
    return [parse_work(item) for item in as_list(message.get("items"), "message.items")]


def parse_work(item: object) -> CrossrefWork:
    """Parse one work object (the ``message`` of a single work, or one of a list's ``items``)."""
    work = as_dict(item, "work")
    doi = opt_text(work.get("DOI"), "DOI")
    if doi is None:
        raise ShapeError("work has no DOI")
    journal_issue = work.get("journal-issue")
    issue_dates = as_dict(journal_issue, "journal-issue") if journal_issue is not None else {}
    return CrossrefWork(
        doi=doi.lower(),
        type=opt_text(work.get("type"), "type"),
        title=_first_clean(work.get("title"), "title"),
        subtitle=_first_clean(work.get("subtitle"), "subtitle"),
        container_title=_first_clean(work.get("container-title"), "container-title"),
        short_container_titles=_all_clean(
            work.get("short-container-title"), "short-container-title"
        ),
        volume=opt_text(work.get("volume"), "volume"),
        issue=opt_text(work.get("issue"), "issue"),
        page=opt_text(work.get("page"), "page"),
        article_number=opt_text(work.get("article-number"), "article-number"),
        authors=tuple(_author(a) for a in opt_list(work.get("author"), "author")),
        issued_year=year_of(work.get("issued")),
        published_print_year=year_of(work.get("published-print")),
        published_online_year=year_of(work.get("published-online")),
        issue_years=_unique_years(
            year_of(issue_dates.get("published-print")),
            year_of(issue_dates.get("published-online")),
        ),
        issn=_all_clean(work.get("ISSN"), "ISSN"),
        score=opt_float(work.get("score"), "score"),
        updated_by=_updates(work.get("updated-by"), "updated-by"),
        update_to=_updates(work.get("update-to"), "update-to"),
        relation=_relation(work.get("relation")),
    )


def year_of(date: object) -> int | None:
    """A Crossref date's year: ``{"date-parts": [[2012, 3]]}`` -> 2012; ``[[null]]`` -> None."""
    parts = _date_parts(date)
    return parts[0] if parts else None


def iso_date_of(date: object) -> str | None:
    """A Crossref date as ISO text: ``[[2012, 5, 8]]`` -> "2012-05-08", ``[[2012]]`` -> "2012"."""
    parts = _date_parts(date)
    if not parts:
        return None
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:3])])


def _date_parts(date: object) -> list[int]:
    """The leading whole numbers of ``date-parts``; [] when absent, ``[[null]]`` or garbled."""
    if not isinstance(date, dict):
        return []
    parts = date.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return []
    numbers: list[int] = []
    for value in parts[0]:
        number = opt_int(value)
        if number is None:
            break
        numbers.append(number)
    return numbers


def _message(body: bytes, expected_type: str) -> object:
    envelope = as_dict(load_json(body), "envelope")
    status = envelope.get("status")
    if status is not None and status != "ok":
        raise ShapeError(f"envelope status is {status!r}")
    message_type = envelope.get("message-type")
    if message_type is not None and message_type != expected_type:
        raise ShapeError(f"expected message-type {expected_type!r}, got {message_type!r}")
    if "message" not in envelope:
        raise ShapeError("envelope has no message")
    return envelope["message"]


def _all_clean(value: object, what: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else opt_list(value, what)
    texts = (opt_text(v, what) for v in items)
    return tuple(cleaned for text in texts if text and (cleaned := clean_markup(text)))


def _first_clean(value: object, what: str) -> str | None:
    return next(iter(_all_clean(value, what)), None)


def _author(value: object) -> CrossrefAuthor:
    author = as_dict(value, "author")
    return CrossrefAuthor(
        family=opt_text(author.get("family"), "author.family"),
        given=opt_text(author.get("given"), "author.given"),
        name=opt_text(author.get("name"), "author.name"),
        sequence=opt_text(author.get("sequence"), "author.sequence"),
    )


def _updates(value: object, what: str) -> tuple[CrossrefUpdate, ...]:
    updates = []
    for entry in opt_list(value, what):
        update = as_dict(entry, what)
        doi = opt_text(update.get("DOI"), f"{what}.DOI")
        if doi is not None:
            label = opt_text(update.get("label"), f"{what}.label")
            kind = opt_text(update.get("type"), what)
            when = iso_date_of(update.get("updated"))
            updates.append(CrossrefUpdate(doi.lower(), kind, label, when))
    return tuple(updates)


def _relation(value: object) -> dict[str, tuple[str, ...]]:
    """Related DOIs by relation: ``{"has-preprint": ("10.1101/014852",)}``; other ids skipped."""
    relations: dict[str, tuple[str, ...]] = {}
    for kind, targets in (as_dict(value, "relation") if value is not None else {}).items():
        dois = tuple(
            str(t["id"]).lower()
            for t in (targets if isinstance(targets, list) else [targets])
            if isinstance(t, dict) and t.get("id-type") == "doi" and isinstance(t.get("id"), str)
        )
        if dois:
            relations[kind] = dois
    return relations


def _unique_years(*years: int | None) -> tuple[int, ...]:
    return tuple(dict.fromkeys(y for y in years if y is not None))
