"""Author lists: every listed author, in order; names, initials, gaps, extras and order."""

from __future__ import annotations

from typing import Any

import pytest

from app.compare.authors import compare_authors
from app.models import Author, Citation, FieldName, Mismatch, Record, Severity, Source
from app.names import NameRelation, align_authors, author_relation, surname_relation

HURWITZ = (
    Author("Hurwitz", "H", "Herbert"),
    Author("Fehrenbacher", "L", "Louis"),
    Author("Novotny", "W", "William"),
    Author("Cartwright", "T", "Thomas"),
    Author("Hainsworth", "J", "John"),
)


def authors(text: str) -> tuple[Author, ...]:
    """Authors from "Huwitz H, Fehrenbacher L", for compact tables."""
    names = [name.rpartition(" ") for name in text.split(", ")] if text else []
    return tuple(Author(family, initials) for family, _, initials in names)


def compare(
    cited: str, record: tuple[Author, ...] = HURWITZ, **fields: Any
) -> tuple[Mismatch, ...]:
    citation = Citation(index=46, raw="(test reference)", authors=authors(cited), **fields)
    return compare_authors(citation, Record(sources=(Source.CROSSREF,), authors=record))


@pytest.mark.parametrize(
    ("cited", "registered", "relation"),
    [
        pytest.param("De Jong", "de Jong", NameRelation.SAME, id="case"),
        pytest.param("Jong", "de Jong", NameRelation.SAME, id="particle"),
        pytest.param("Altendorf Hofmann", "Altendorf-Hofmann", NameRelation.SAME, id="hyphen"),
        pytest.param("Massaguè", "Massagué", NameRelation.VARIANT, id="accent"),
        pytest.param("Steinmuller", "Steinmüller", NameRelation.VARIANT, id="umlaut-dropped"),
        pytest.param("Mueller", "Müller", NameRelation.VARIANT, id="ue-for-u-umlaut"),
        pytest.param("Koehne", "Köhne", NameRelation.VARIANT, id="oe-for-o-umlaut"),
        pytest.param("Baer", "Bär", NameRelation.VARIANT, id="ae-for-a-umlaut"),
        pytest.param("Strauss", "Strauß", NameRelation.VARIANT, id="ss-for-eszett"),
        pytest.param("Huwitz", "Hurwitz", NameRelation.MISSPELLED, id="letter-missing"),
        pytest.param("Nordliger", "Nordlinger", NameRelation.MISSPELLED, id="nordliger"),
        pytest.param("Li", "Lu", NameRelation.DIFFERENT, id="short-names"),
        pytest.param("Smith", "Hurwitz", NameRelation.DIFFERENT, id="different"),
    ],
)
def test_surname_relation(cited: str, registered: str, relation: NameRelation) -> None:
    assert surname_relation(cited, registered) is relation


@pytest.mark.parametrize(
    ("cited", "et_al", "expected"),
    [
        pytest.param("Hurwitz H, Fehrenbacher L, Novotny W", True, [], id="et-al-prefix"),
        pytest.param(
            "Hurwitz H, Fehrenbacher L, Novotny W, Cartwright T, Hainsworth J",
            False,
            [],
            id="complete",
        ),
        pytest.param(
            "Huwitz H, Fehrenbacher L, Novotny W",
            True,
            [(Severity.ERROR, "Huwitz H", "Hurwitz H")],
            id="misspelled-first",
        ),
        pytest.param(
            "Hurwitz H, Fehrenbacher K, Novotny W",
            True,
            [(Severity.WARNING, "Fehrenbacher K", "Fehrenbacher L")],
            id="initials-differ",
        ),
        pytest.param("Hurwitz HI, Fehrenbacher L", True, [], id="middle-initial-extra"),
        pytest.param(
            "Hurwitz H, Novotny W",
            True,
            [(Severity.ERROR, None, "Fehrenbacher L")],
            id="missing-inside-et-al",
        ),
        pytest.param(
            "Hurwitz H, Fehrenbacher L, Novotny W, Cartwright T",
            False,
            [(Severity.ERROR, None, "Hainsworth J")],
            id="missing-at-end",
        ),
        pytest.param(
            "Hurwitz H, Smith J, Fehrenbacher L",
            True,
            [(Severity.ERROR, "Smith J", None)],
            id="extra-author",
        ),
        pytest.param(
            "Hurwitz H, Smith J, Novotny W",
            True,
            [(Severity.ERROR, "Smith J", "Fehrenbacher L")],
            id="substituted",
        ),
    ],
)
def test_author_list_tolerance(
    cited: str, et_al: bool, expected: list[tuple[Severity, str | None, str | None]]
) -> None:
    found = compare(cited, et_al=et_al)
    assert [(m.severity, m.cited, m.found) for m in found] == expected
    assert all(m.field is FieldName.AUTHORS for m in found)


def test_a_misspelled_surname_reads_as_one_sentence() -> None:
    (mismatch,) = compare("Huwitz H, Fehrenbacher L, Novotny W", et_al=True)
    assert mismatch.message == "author 1 cited Huwitz H, registered Hurwitz H"


def test_a_missing_author_is_named() -> None:
    (mismatch,) = compare("Hurwitz H, Novotny W", et_al=True)
    assert mismatch.message == "author missing: Fehrenbacher L"


def test_reordered_authors_are_one_error() -> None:
    (mismatch,) = compare("Fehrenbacher L, Hurwitz H, Novotny W", et_al=True)
    assert (mismatch.severity, mismatch.message) == (Severity.ERROR, "authors out of order")
    assert mismatch.cited == "Fehrenbacher L, Hurwitz H, Novotny W"
    assert mismatch.found == "Hurwitz H, Fehrenbacher L, Novotny W"


def test_a_transliterated_surname_is_info() -> None:
    """Mueller A for Müller A (the chapter's ref 5)."""
    record = (Author("Müller", "A"), Author("Homey", "B"))
    (mismatch,) = compare("Mueller A, Homey B", record, et_al=True)
    assert (mismatch.severity, mismatch.cited, mismatch.found) == (
        Severity.INFO,
        "Mueller A",
        "Müller A",
    )


def test_a_diacritic_variant_is_info() -> None:
    """Massaguè J for Massagué J (the chapter's ref 12)."""
    record = (Author("Gupta", "GP"), Author("Massagué", "J"))
    (mismatch,) = compare("Gupta GP, Massaguè J", record)
    assert (mismatch.severity, mismatch.message) == (
        Severity.INFO,
        "author 2 spelled Massaguè J, registered Massagué J",
    )


def test_many_missing_authors_are_summarised() -> None:
    record = authors("Adam R, Bismuth H, Castaing D, Waechter F, Navarro F, Abascal A")
    (mismatch,) = compare("Adam R, Bismuth H", record)
    assert mismatch.message.startswith("4 registered authors missing: Castaing D")


def test_group_author_is_compared_loosely() -> None:
    record = (Author("Seesing", "MFJ"), Author("Dutch Liver Surgery Working Group", is_group=True))
    citation = Citation(
        index=64,
        raw="(test reference)",
        authors=(
            Author("Seesing", "MFJ"),
            Author("the Dutch Liver Surgery Working Group", is_group=True),
        ),
    )
    assert compare_authors(citation, Record(sources=(Source.PUBMED,), authors=record)) == ()


def test_a_group_the_registry_omits_is_info() -> None:
    citation = Citation(
        index=64,
        raw="(test reference)",
        authors=(
            Author("Seesing", "MFJ"),
            Author("Dutch Liver Surgery Working Group", is_group=True),
        ),
    )
    record = Record(sources=(Source.CROSSREF,), authors=(Author("Seesing", "MFJ"),))
    (mismatch,) = compare_authors(citation, record)
    assert mismatch.severity is Severity.INFO


@pytest.mark.parametrize(
    ("cited", "record"),
    [
        pytest.param("", HURWITZ, id="no-cited-authors"),
        pytest.param("Hurwitz H", (), id="no-registered-authors"),
    ],
)
def test_nothing_to_compare_is_no_mismatch(cited: str, record: tuple[Author, ...]) -> None:
    assert compare(cited, record) == ()


def test_alignment_prefers_order_and_reports_moves() -> None:
    cited = authors("Fehrenbacher L, Hurwitz H")
    alignment = align_authors(cited, HURWITZ)
    assert alignment.pairs == ((0, 1),)
    assert alignment.moved == ((1, 0),)


@pytest.mark.parametrize(
    ("cited", "registered"),
    [
        pytest.param(Author("Ramos", "APM"), Author("Marques Ramos", "AP"), id="iberian-compound"),
        pytest.param(Author("Hassan", "MRA"), Author("Abu Hassan", "MR"), id="arabic-compound"),
        pytest.param(Author("Vung", "NDND"), Author("Nguyen Dang Vung", "ND"), id="vietnamese"),
        pytest.param(Author("Zago-Gomes", "MDP"), Author("da Penha Zago-Gomes", "M"), id="reverse"),
    ],
)
def test_a_name_split_differently_is_a_variant_not_an_error(
    cited: Author, registered: Author
) -> None:
    """Compound family names cited with part of the name among the initials are the same person."""
    assert author_relation(cited, registered) is NameRelation.VARIANT


def test_an_extra_word_not_covered_by_initials_is_not_a_variant() -> None:
    """ "Ramos A" is not "Marques Ramos A": nothing in the initials accounts for "Marques"."""
    assert author_relation(Author("Ramos", "A"), Author("Marques Ramos", "A")) is not (
        NameRelation.VARIANT
    )


def test_a_one_word_name_read_as_a_group_matches_the_same_person() -> None:
    """ "Chintamani" (no initials, parsed as a group) is the registered author Chintamani."""
    cited = Author("Chintamani", is_group=True)
    assert author_relation(cited, Author("Chintamani")) is NameRelation.SAME


def test_a_given_name_first_compound_read_as_a_group_is_a_variant() -> None:
    """Chicago's "Maria da Conceicao de Barros Vieira Ramos" is "de Barros Vieira Ramos MDC"."""
    cited = Author("Maria da Conceicao de Barros Vieira Ramos", is_group=True)
    registered = Author("de Barros Vieira Ramos", "MDC")
    assert author_relation(cited, registered) is NameRelation.VARIANT
