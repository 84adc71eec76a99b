"""The benchmark's vocabulary: labelled references and the errors injected into them.

A :class:`Case` is one reference string together with the truth about it: the record it was
rendered from (or none, for fabricated and non-article references), the style, and every
:class:`InjectedError` with the value as cited and the value(s) the registry holds. Example::

    Case(index=7, text="Hansson M, Hederstedt L. ... Eur J Biochem. 1995;220(1):201-8.",
         category=Category.REAL, style="vancouver", pmid="8119288",
         errors=(InjectedError(ErrorKind.YEAR, cited="1995", found=("1994",)),))
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from app.models import FieldName


class Category(StrEnum):
    """What a reference is: a real article, an invented one, or not a journal article at all."""

    REAL = "real"
    FABRICATED = "fabricated"
    NON_ARTICLE = "non_article"


class ErrorKind(StrEnum):
    """One kind of injected error; several kinds can land on the same reported field."""

    YEAR = "year"
    VOLUME = "volume"
    ISSUE = "issue"
    FIRST_PAGE = "first_page"
    LAST_PAGE = "last_page"
    AUTHOR_MISSPELLED = "author_misspelled"
    AUTHORS_SWAPPED = "authors_swapped"
    AUTHOR_MISSING = "author_missing"
    TITLE_WORD_CHANGED = "title_word_changed"
    TITLE_WORD_DROPPED = "title_word_dropped"
    JOURNAL = "journal"
    DOI = "doi"


FIELD_OF: Final[Mapping[ErrorKind, FieldName]] = MappingProxyType(
    {
        ErrorKind.YEAR: FieldName.YEAR,
        ErrorKind.VOLUME: FieldName.VOLUME,
        ErrorKind.ISSUE: FieldName.ISSUE,
        ErrorKind.FIRST_PAGE: FieldName.PAGES,
        ErrorKind.LAST_PAGE: FieldName.PAGES,
        ErrorKind.AUTHOR_MISSPELLED: FieldName.AUTHORS,
        ErrorKind.AUTHORS_SWAPPED: FieldName.AUTHORS,
        ErrorKind.AUTHOR_MISSING: FieldName.AUTHORS,
        ErrorKind.TITLE_WORD_CHANGED: FieldName.TITLE,
        ErrorKind.TITLE_WORD_DROPPED: FieldName.TITLE,
        ErrorKind.JOURNAL: FieldName.JOURNAL,
        ErrorKind.DOI: FieldName.DOI,
    }
)


@dataclass(frozen=True, slots=True)
class InjectedError:
    """One labelled error: what the citation says and what the registry may be quoted as saying.

    ``cited`` is the wrong value as written (a page, a misspelled surname, the whole title
    with its changed word), or None when something was left out (a missing author). ``found``
    lists every registered value a report may rightly name: the print and online year, every
    form of the journal's name. ``detail`` says what changed when the values are long
    ("'community' -> 'women'").
    """

    kind: ErrorKind
    cited: str | None
    found: tuple[str, ...]
    detail: str = ""

    @property
    def field(self) -> FieldName:
        return FIELD_OF[self.kind]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a record was rendered: style, DOI shown, "et al." cut-off, journal form, year form."""

    style: str
    with_doi: bool = False
    et_al_after: int | None = None
    abbreviate_journal: bool = True
    cites_online_year: bool = False  # a correct citation of the online-first year


@dataclass(frozen=True, slots=True)
class Case:
    """One reference and the truth about it.

    ``style`` is the citation style for real and fabricated references and the kind of work
    for non-article ones ("book", "conference", "website", "dataset"). ``pmid``/``doi`` name
    the source record of a real citation; both are None otherwise.
    """

    index: int
    text: str
    category: Category
    style: str
    pmid: str | None = None
    doi: str | None = None
    errors: tuple[InjectedError, ...] = ()
    options: RenderOptions | None = None

    @property
    def is_clean(self) -> bool:
        """A real citation with nothing wrong in it."""
        return self.category is Category.REAL and not self.errors
