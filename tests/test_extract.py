"""Finding the reference list in a manuscript and splitting it into references."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.extract import drop_link_noise, extract_references, sanitize, split_label
from app.models import RawReference

CHAPTER = Path(__file__).parent / "parsing" / "data" / "liver-metastasis-chapter.txt"


def texts(text: str) -> list[str]:
    return [ref.text for ref in extract_references(text)]


@pytest.fixture(name="chapter", scope="module")
def chapter_references() -> list[RawReference]:
    return extract_references(CHAPTER.read_text(encoding="utf-8"), path="chapter.txt")


class TestExampleChapter:
    def test_all_68_references_are_found_in_order(self, chapter: list[RawReference]) -> None:
        assert [ref.label for ref in chapter] == [str(n) for n in range(1, 69)]
        assert [ref.index for ref in chapter] == list(range(1, 69))

    def test_doubled_number_and_link_labels_are_removed_and_dashes_normalised(
        self, chapter: list[RawReference]
    ) -> None:
        assert chapter[11].text == (
            "Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679-95."
        )

    def test_a_reference_points_at_its_lines_in_the_file(self, chapter: list[RawReference]) -> None:
        location = chapter[11].location
        assert location is not None
        assert (location.line, location.end_line, location.path) == (42, 43, "chapter.txt")

    def test_urls_are_kept_and_only_link_labels_dropped(self, chapter: list[RawReference]) -> None:
        assert chapter[21].text.endswith("Available at http://")
        assert not any(ref.text.endswith(("CrossRef", "PubMed", "Scholar")) for ref in chapter)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Cell. 2009;127:679–95.CrossRefGoogle Scholar", "Cell. 2009;127:679–95.",
                     id="glued"),
        pytest.param("2010;115:3427–2436.CrossRefPubMedPubMedCentralGoogle Scholar",
                     "2010;115:3427–2436.", id="four-labels"),
        pytest.param("Oncol. 2010;21:632. Google Scholar ", "Oncol. 2010;21:632.", id="spaced"),
        pytest.param("Proc. 2002;21:149a.", "Proc. 2002;21:149a.", id="none"),
    ],
)  # fmt: skip
def test_trailing_link_labels_are_dropped(text: str, expected: str) -> None:
    assert drop_link_noise(text) == expected


@pytest.mark.parametrize(
    "marker", ["1.", "1)", "[1]", "(1)", "1. 1."], ids=["dot", "paren", "brackets", "both", "twice"]
)
def test_every_numbering_style_is_recognised_and_removed(marker: str) -> None:
    second = marker.replace("1", "2")
    refs = extract_references(
        f"{marker} Gupta GP. A. Cell. 2006;1:1.\n{second} Li J. B. J. 2001;1:2."
    )
    assert [(ref.label, ref.text) for ref in refs] == [
        ("1", "Gupta GP. A. Cell. 2006;1:1."),
        ("2", "Li J. B. J. 2001;1:2."),
    ]


def test_a_heading_starts_the_list_and_a_tables_heading_ends_it() -> None:
    manuscript = (
        "1. Introduction\nMetastasis [1] matters.\n2. Methods\nWe looked.\n\n"
        "3. References:\n"
        '[1] G. P. Gupta and J. Massagué, "Cancer metastasis: building a framework," Cell,\n'
        "    vol. 127, no. 4, pp. 679–695, 2006.\n"
        '[2] A. Li, "Another," J. X, vol. 1, pp. 1–2, 2001.\n\n'
        "Tables\nTable 1. Patients, 2006.\n"
    )
    refs = extract_references(manuscript)
    assert [ref.label for ref in refs] == ["1", "2"]
    assert refs[0].text.endswith("vol. 127, no. 4, pp. 679-695, 2006.")
    assert refs[0].location is not None
    assert refs[0].location.line == 7


@pytest.mark.parametrize(
    "heading", ["References", "REFERENCES", "Bibliography", "Literature Cited", "Works cited:",
                "4. References", "## References"],
)  # fmt: skip
def test_section_headings_are_recognised(heading: str) -> None:
    text = f"Body text, 2001.\n{heading}\nGupta GP. A. Cell. 2006;1:1.\n"
    assert texts(text) == ["Gupta GP. A. Cell. 2006;1:1."]


def test_the_longest_run_of_numbers_wins_over_numbered_section_titles() -> None:
    text = "1. Introduction\n2. Methods\n\n1. Gupta GP. A. Cell. 2006;1:1.\n2. Li J. B. 2001;1:2.\n"
    text += "3. Wu X. C. J. 2002;3:4.\n"
    assert [ref.label for ref in extract_references(text)] == ["1", "2", "3"]


def test_unnumbered_hanging_indent_lines_are_joined() -> None:
    text = (
        "Gupta, G. P., & Massagué, J. (2006). Cancer metastasis: Building a framework.\n"
        "    Cell, 127(4), 679–695.\n"
        "Li, J. (2001). Another. J. X, 1, 1–2.\n"
    )
    assert texts(text) == [
        "Gupta, G. P., & Massagué, J. (2006). Cancer metastasis: Building a framework. "
        "Cell, 127(4), 679-695.",
        "Li, J. (2001). Another. J. X, 1, 1-2.",
    ]


def test_blank_line_blocks_are_one_reference_each() -> None:
    text = (
        "Gupta, G. P., & Massagué, J. (2006). Cancer metastasis: Building a framework.\n"
        "Cell, 127(4), 679–695.\n\n"
        "Li, J. (2001). Another. J. X, 1, 1–2.\n"
    )
    refs = extract_references(text)
    assert [ref.text[:10] for ref in refs] == ["Gupta, G. ", "Li, J. (20"]
    assert [(r.location.line, r.location.end_line) for r in refs if r.location] == [(1, 2), (4, 4)]


def test_a_line_that_cannot_start_a_reference_continues_the_previous_one() -> None:
    text = "Gupta GP. Cancer metastasis: building a\nframework. Cell. 2006;127:679-95.\nLi J. B.\n"
    assert texts(text) == [
        "Gupta GP. Cancer metastasis: building a framework. Cell. 2006;127:679-95.",
        "Li J. B.",
    ]


def test_a_line_broken_after_a_hyphen_joins_without_a_space() -> None:
    assert texts("Li J. Irinotecan and 5-\n    fluorouracil. J. 2001;1:1.") == [
        "Li J. Irinotecan and 5-fluorouracil. J. 2001;1:1."
    ]


def test_curly_quotes_dashes_and_nbsp_are_normalised_but_diacritics_kept() -> None:
    assert texts("Schön MP. The \u2018seed\u2019. Blood.\u00a02010;115:3427\u20132436.") == [
        "Schön MP. The 'seed'. Blood. 2010;115:3427-2436."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", [], id="empty"),
        pytest.param(" \n\t\n ", [], id="blank"),
        pytest.param("A\x00b\x07c\r\nD", ["Abc", "D"], id="controls"),
        pytest.param("x\ud800y", ["x\ufffdy"], id="lone-surrogate"),
        pytest.param("\ufeffLi J. \u202eB.", ["Li J. B."], id="invisible-format-characters"),
    ],
)
def test_odd_input_is_cleaned_not_rejected(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_a_100_kb_line_is_one_reference() -> None:
    assert texts("x" * 100_000) == ["x" * 100_000]


def test_sanitize_keeps_tabs_and_newlines() -> None:
    assert sanitize("a\tb\r\nc\rd\x1b") == "a\tb\nc\nd"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_yields_references_in_order_without_raising(text: str) -> None:
    refs = extract_references(text, path="x.txt")
    assert [ref.index for ref in refs] == list(range(1, len(refs) + 1))
    assert all(ref.text and ref.text == ref.text.strip() for ref in refs)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_decoded_binary_garbage_yields_printable_text(data: bytes) -> None:
    for text in (data.decode("latin-1"), data.decode("utf-8", "surrogateescape")):
        for ref in extract_references(text):
            assert not any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in ref.text)


def test_a_wrapped_line_starting_with_a_year_is_not_a_number() -> None:
    text = "References\nGupta, G.P. and Massagué, J.,\n2006. Cancer metastasis. Cell, 1, pp.1-2.\n"
    assert texts(text) == [
        "Gupta, G.P. and Massagué, J., 2006. Cancer metastasis. Cell, 1, pp.1-2."
    ]


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        pytest.param("12. Gupta GP. Cell. 2006.", "12", "Gupta GP. Cell. 2006.", id="dot"),
        pytest.param("[3] Fidler IJ. 2003.", "3", "Fidler IJ. 2003.", id="brackets"),
        pytest.param("(7) Paget S. 1889.", "7", "Paget S. 1889.", id="parentheses"),
        pytest.param("4) Page RL. 2003.", "4", "Page RL. 2003.", id="closing-parenthesis"),
        pytest.param("5. 5. Ruers T. 2012.", "5", "Ruers T. 2012.", id="printed-twice"),
        pytest.param("Gupta GP. Cell. 2006.", None, "Gupta GP. Cell. 2006.", id="no-number"),
        pytest.param("3D cultures. Cell. 2006.", None, "3D cultures. Cell. 2006.", id="3D"),
        pytest.param("(2019) WHO report.", None, "(2019) WHO report.", id="a-year"),
    ],
)
def test_a_list_item_gives_up_its_printed_number(text: str, label: str | None, rest: str) -> None:
    assert split_label(text) == (label, rest)
