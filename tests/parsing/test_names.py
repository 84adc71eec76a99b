"""Author lists in the four name orders the styles use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.models import Author
from app.parsing import AuthorList, NameOrder, parse_authors


def read(text: str, order: NameOrder) -> list[tuple[str, str]] | None:
    parsed = parse_authors(text, order)
    if parsed is None:
        return None
    return [(a.family, "group" if a.is_group else a.initials) for a in parsed.authors]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("García-Márquez JM", [("García-Márquez", "JM")], id="hyphen-accents"),
        pytest.param("Köhne CH, Van Cutsem E", [("Köhne", "CH"), ("Van Cutsem", "E")],
                     id="umlaut-capital-particle"),
        pytest.param("De Jong MC, Seesing MFJ", [("De Jong", "MC"), ("Seesing", "MFJ")],
                     id="three-initials"),
        pytest.param("van der Berg A, de la Cruz J, von Arnim B, Di Gioia P",
                     [("van der Berg", "A"), ("de la Cruz", "J"), ("von Arnim", "B"),
                      ("Di Gioia", "P")], id="particles"),
        pytest.param("Hardy RH Jr, Miller ER 3rd", [("Hardy", "RH"), ("Miller", "ER")],
                     id="suffixes-dropped"),
        pytest.param("O'Brien S, Das IP, D'Onofrio BM",
                     [("O'Brien", "S"), ("Das", "IP"), ("D'Onofrio", "BM")], id="apostrophes"),
        pytest.param("Öztürk ÇŞ, Łukasiewicz J", [("Öztürk", "ÇŞ"), ("Łukasiewicz", "J")],
                     id="capital-diacritics"),
        pytest.param("Ferro e Silva AMF", [("Ferro e Silva", "AMF")], id="portuguese-e"),
        pytest.param("Gupta G.P., Li J. K.", [("Gupta", "GP"), ("Li", "JK")], id="dotted-initials"),
        pytest.param("Seesing MFJ, Dutch Liver Surgery Working Group",
                     [("Seesing", "MFJ"), ("Dutch Liver Surgery Working Group", "group")],
                     id="group-author"),
    ],
)  # fmt: skip
def test_vancouver_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert read(text, NameOrder.FAMILY_INITIALS) == expected


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        pytest.param("Gupta, G. P., & Massagué, J.", NameOrder.INVERTED,
                     [("Gupta", "GP"), ("Massagué", "J")], id="apa"),
        pytest.param("Gupta, G.P., Li, J.-P. and Massagué, J.", NameOrder.INVERTED,
                     [("Gupta", "GP"), ("Li", "JP"), ("Massagué", "J")], id="harvard"),
        pytest.param("Hardy, R. H., Jr., & van der Berg, A.", NameOrder.INVERTED,
                     [("Hardy", "RH"), ("van der Berg", "A")], id="apa-suffix-particle"),
        pytest.param("World Health Organization", NameOrder.INVERTED,
                     [("World Health Organization", "group")], id="apa-group"),
        pytest.param("Gupta, Gaurav P., and Joan Massagué", NameOrder.FIRST_INVERTED,
                     [("Gupta", "GP"), ("Massagué", "J")], id="chicago"),
        pytest.param("Hardy, Richard H., Jr., Jan van der Berg, and Ana De Jong",
                     NameOrder.FIRST_INVERTED,
                     [("Hardy", "RH"), ("van der Berg", "J"), ("De Jong", "A")],
                     id="chicago-particles"),
        pytest.param("G. P. Gupta and J. Massagué", NameOrder.GIVEN_FIRST,
                     [("Gupta", "GP"), ("Massagué", "J")], id="ieee"),
        pytest.param("J.-P. van der Berg, M. C. Concepcion Roces, and R. H. Hardy, Jr.",
                     NameOrder.GIVEN_FIRST,
                     [("van der Berg", "JP"), ("Concepcion Roces", "MC"), ("Hardy", "RH")],
                     id="ieee-compound-names"),
    ],
)  # fmt: skip
def test_other_name_orders(text: str, order: NameOrder, expected: list[tuple[str, str]]) -> None:
    assert read(text, order) == expected


def test_chicago_keeps_spelled_out_given_names() -> None:
    parsed = parse_authors("Gupta, Gaurav P., and Joan Massagué", NameOrder.FIRST_INVERTED)
    assert parsed is not None
    assert [a.given for a in parsed.authors] == ["Gaurav P", "Joan"]


@pytest.mark.parametrize(
    ("text", "order"),
    [
        ("Gupta GP, Massagué J, et al", NameOrder.FAMILY_INITIALS),
        ("Gupta, G. P., Massagué, J., et al.", NameOrder.INVERTED),
        ("Gupta, Gaurav P., Joan Massagué, et al.", NameOrder.FIRST_INVERTED),
        ("G. P. Gupta, J. Massagué et al.", NameOrder.GIVEN_FIRST),
    ],
    ids=["vancouver", "apa", "chicago", "ieee"],
)
def test_et_al_cuts_the_list(text: str, order: NameOrder) -> None:
    assert parse_authors(text, order) == AuthorList(
        (Author("Gupta", "GP", given=_given(order)), Author("Massagué", "J", given=_joan(order))),
        et_al=True,
    )


def _given(order: NameOrder) -> str | None:
    return "Gaurav P" if order is NameOrder.FIRST_INVERTED else None


def _joan(order: NameOrder) -> str | None:
    return "Joan" if order is NameOrder.FIRST_INVERTED else None


@pytest.mark.parametrize(
    "text",
    ["Cancer metastasis: building a framework", "International registry of patients operated on"],
)
def test_a_sentence_is_not_an_author_list(text: str) -> None:
    assert parse_authors(text, NameOrder.FAMILY_INITIALS) is None


UPPER = "ABCDEFGHIJKLMNOPRSTUVWZÁÉÖÜÇŁŠŽ"
LOWER = "abcdefghijklmnoprstuvwzáéíóöüçłšžñ"
word = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(UPPER),
    st.text(alphabet=LOWER, min_size=1, max_size=10),
)
family = st.builds(
    lambda particle, words, hyphenated: particle + "-".join(words[: 1 + hyphenated]),
    st.sampled_from(["", "", "", "van ", "de ", "van der ", "de la ", "Di ", "De ", "Van "]),
    st.lists(word, min_size=2, max_size=2),
    st.booleans(),
)
initials = st.text(alphabet=UPPER, min_size=1, max_size=3)


@given(st.lists(st.tuples(family, initials), min_size=1, max_size=8))
def test_rendered_vancouver_names_read_back(people: list[tuple[str, str]]) -> None:
    text = ", ".join(f"{fam} {ini}" for fam, ini in people)
    assert read(text, NameOrder.FAMILY_INITIALS) == people


@given(st.lists(st.tuples(family, initials), min_size=1, max_size=8))
def test_rendered_apa_names_read_back(people: list[tuple[str, str]]) -> None:
    rendered = [f"{fam}, {' '.join(i + '.' for i in ini)}" for fam, ini in people]
    text = rendered[0] if len(rendered) == 1 else ", ".join(rendered[:-1]) + ", & " + rendered[-1]
    assert read(text, NameOrder.INVERTED) == people


@given(st.text(max_size=300), st.sampled_from(list(NameOrder)))
def test_any_text_is_a_list_or_none_without_raising(text: str, order: NameOrder) -> None:
    parsed = parse_authors(text, order)
    assert parsed is None or all(a.family for a in parsed.authors)
