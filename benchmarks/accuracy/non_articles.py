"""References to things that are not journal articles: books, conference abstracts, websites
and datasets. None is in either registry, so the verifier must say ``not_found`` and, above all,
never pin a mismatch on some journal article that shares a few words with them.

Example: ``Weinberg RA. The biology of cancer. New York: Garland Science; 2007.``
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

from benchmarks.accuracy.cases import Case, Category
from benchmarks.accuracy.corpus import CorpusRecord
from benchmarks.accuracy.fabricated import invented_authors, stitched_title

KINDS: Final = ("book", "conference", "website", "dataset")
CLASSIC_BOOKS: Final = (
    "Weinberg RA. The biology of cancer. New York: Garland Science; 2007.",
    "Kumar V, Abbas AK, Aster JC. Robbins and Cotran pathologic basis of disease. 9th ed. "
    "Philadelphia: Elsevier Saunders; 2015.",
    "Rothman KJ, Greenland S, Lash TL. Modern epidemiology. 3rd ed. Philadelphia: Lippincott "
    "Williams & Wilkins; 2008.",
    "Hosmer DW, Lemeshow S, Sturdivant RX. Applied logistic regression. 3rd ed. Hoboken: Wiley; "
    "2013.",
    "Braun V, Clarke V. Successful qualitative research: a practical guide for beginners. "
    "London: SAGE; 2013.",
)
PUBLISHERS: Final = (
    ("New York", "Garland Science"),
    ("Philadelphia", "Elsevier"),
    ("Oxford", "Oxford University Press"),
    ("Cham", "Springer"),
    ("Boca Raton", "CRC Press"),
    ("Baltimore", "Lippincott Williams & Wilkins"),
    ("Cambridge", "Cambridge University Press"),
)
MEETINGS: Final = (
    ("Annual Meeting of the American Society of Clinical Oncology", "Chicago, IL"),
    ("European Congress of Clinical Microbiology and Infectious Diseases", "Amsterdam"),
    ("International AIDS Conference", "Durban"),
    ("World Conference on Lung Cancer", "Toronto"),
    ("Congress of the European Society of Cardiology", "Munich"),
    ("Annual Meeting of the American Public Health Association", "San Diego, CA"),
)
ORGANISATIONS: Final = (
    ("World Health Organization", "Geneva", "www.who.int"),
    ("Centers for Disease Control and Prevention", "Atlanta", "www.cdc.gov"),
    ("National Institute for Health and Care Excellence", "London", "www.nice.org.uk"),
    ("UNAIDS", "Geneva", "www.unaids.org"),
    ("Office for National Statistics", "Newport", "www.ons.gov.uk"),
)
REPOSITORIES: Final = (
    ("Zenodo", "10.5281/zenodo.{n7}"),
    ("Dryad Digital Repository", "10.5061/dryad.{w8}"),
    ("Harvard Dataverse", "10.7910/DVN/{W6}"),
    ("figshare", "10.6084/m9.figshare.{n7}"),
)
MONTHS: Final = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _names(people: Sequence[Mapping[str, Any]]) -> str:
    return ", ".join(f"{p['family']} {p['initials']}".strip() for p in people)


def _apa_names(people: Sequence[Mapping[str, Any]]) -> str:
    names = [f"{p['family']}, {'. '.join(p['initials'])}." for p in people]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def _year(rng: random.Random) -> int:
    return rng.randint(1995, 2022)


def _book(rng: random.Random, pool: Sequence[CorpusRecord]) -> str:
    variant = rng.randrange(3)
    if variant == 0:
        return rng.choice(CLASSIC_BOOKS)
    city, publisher = rng.choice(PUBLISHERS)
    authors = _names(invented_authors(rng, pool)[:3])
    title = stitched_title(rng, pool)
    if variant == 1:
        edition = rng.choice(("", "2nd ed. ", "3rd ed. ", "5th ed. "))
        return f"{authors}. {title} {edition}{city}: {publisher}; {_year(rng)}."
    editor = _names(invented_authors(rng, pool)[:1])
    book = stitched_title(rng, pool)
    first = rng.randint(10, 600)
    return (
        f"{authors}. {title} In: {editor}, editor. {book} {city}: {publisher}; {_year(rng)}. "
        f"p. {first}-{first + rng.randint(5, 30)}."
    )


def _conference(rng: random.Random, pool: Sequence[CorpusRecord]) -> str:
    authors = _names(invented_authors(rng, pool))
    title = stitched_title(rng, pool)
    meeting, city = rng.choice(MEETINGS)
    year, month, day = _year(rng), rng.choice(MONTHS), rng.randint(1, 24)
    variant = rng.randrange(3)
    if variant == 0:
        return (
            f"{authors}. {title} Abstract presented at: {year} {meeting}; "
            f"{month} {day}-{day + 4}, {year}; {city}."
        )
    if variant == 1:
        return (
            f"{authors}. {title[:-1]} [abstract]. In: Proceedings of the {meeting}; "
            f"{year} {month} {day}-{day + 3}; {city}. Abstract nr {rng.randint(100, 9999)}."
        )
    return (
        f"{authors}. {title} Poster session presented at: {meeting}; {year} {month} {day}; {city}."
    )


def _slug(title: str) -> str:
    words = [w.strip(".,:;").lower() for w in title.split()[:5]]
    return "-".join(w for w in words if w.isalnum())


def _website(rng: random.Random, pool: Sequence[CorpusRecord]) -> str:
    organisation, city, domain = rng.choice(ORGANISATIONS)
    title = stitched_title(rng, pool)
    year = _year(rng)
    url = f"https://{domain}/{_slug(title)}"
    variant = rng.randrange(3)
    if variant == 0:
        cited = f"{year + 1} {rng.choice(MONTHS)} {rng.randint(1, 28)}"
        return (
            f"{organisation}. {title[:-1]} [Internet]. {city}: {organisation}; {year} "
            f"[cited {cited}]. Available from: {url}"
        )
    if variant == 1:
        return f"{organisation}. {title} Available at: {url}. Accessed {year + 1}."
    return f"{organisation} ({year}). {title} Retrieved from {url}"


def _dataset_doi(rng: random.Random, template: str) -> str:
    return template.format(
        n7=rng.randrange(1_000_000, 9_999_999),
        w8="".join(rng.choices(string.ascii_lowercase + string.digits, k=8)),
        W6="".join(rng.choices(string.ascii_uppercase + string.digits, k=6)),
    )


def _dataset(rng: random.Random, pool: Sequence[CorpusRecord]) -> str:
    people = invented_authors(rng, pool)
    title = stitched_title(rng, pool)
    repository, template = rng.choice(REPOSITORIES)
    doi, year = _dataset_doi(rng, template), _year(rng)
    variant = rng.randrange(3)
    if variant == 0:
        return (
            f"{_names(people)}. {title[:-1]} [dataset]. {repository}; {year}. https://doi.org/{doi}"
        )
    if variant == 1:
        return f"{_apa_names(people)} ({year}). {title[:-1]} [Data set]. {repository}. https://doi.org/{doi}"
    return f"{_names(people)}. Data from: {title} {repository}; {year}. doi:{doi}"


BUILDERS: Final[Mapping[str, Callable[[random.Random, Sequence[CorpusRecord]], str]]] = (
    MappingProxyType(
        {"book": _book, "conference": _conference, "website": _website, "dataset": _dataset}
    )
)


def non_article_citation(
    index: int, kind: str, rng: random.Random, *, pool: Sequence[CorpusRecord]
) -> Case:
    """A reference to a book, conference abstract, website or dataset (``kind``)."""
    text = BUILDERS[kind](rng, pool)
    return Case(index=index, text=text, category=Category.NON_ARTICLE, style=kind)
