"""Journal-name matching: abbreviations, full titles, qualifiers and acronyms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.journals import journal_matches, journal_words


@pytest.mark.parametrize(
    ("cited", "names"),
    [
        pytest.param("J Am Chem Soc", ["Journal of the American Chemical Society"], id="iso4"),
        pytest.param(
            "J. Am. Chem. Soc.", ["Journal of the American Chemical Society"], id="periods"
        ),
        pytest.param("Nat Rev Cancer", ["Nature reviews. Cancer"], id="nlm-full-title"),
        pytest.param("Semin Ultrasound CT MRI", ["Semin Ultrasound CT MR"], id="one-letter-over"),
        pytest.param(
            "Semin Ultrasound CT MRI", ["Seminars in Ultrasound, CT and MRI"], id="ct-mri"
        ),
        pytest.param("NEJM", ["N Engl J Med"], id="alias-nejm"),
        pytest.param("N Engl J Med", ["The New England journal of medicine"], id="n-engl"),
        pytest.param("PNAS", ["Proceedings of the National Academy of Sciences"], id="alias-pnas"),
        pytest.param(
            "Proc Natl Acad Sci U S A",
            ["Proceedings of the National Academy of Sciences of the United States of America"],
            id="contraction-natl",
        ),
        pytest.param(
            "Proc Natl Acad Sci USA",
            ["Proceedings of the National Academy of Sciences of the United States of America"],
            id="initialism-usa",
        ),
        pytest.param("JAMA", ["Journal of the American Medical Association"], id="initials-jama"),
        pytest.param("BMJ", ["BMJ (Clinical research ed.)"], id="qualifier-parenthesis"),
        pytest.param("JNCI", ["J Natl Cancer Inst"], id="alias-jnci"),
        pytest.param("Lancet Oncol", ["The Lancet Oncology"], id="lancet-oncol"),
        pytest.param("Science", ["Science (New York, N.Y.)"], id="science-new-york"),
        pytest.param(
            "J Vasc Interv Radiol",
            ["Journal of vascular and interventional radiology : JVIR"],
            id="qualifier-colon",
        ),
        pytest.param("Eur J Biochem", ["European journal of biochemistry / FEBS"], id="slash"),
        pytest.param("Langenbeck's Arch Surg", ["Langenbecks Arch Surg"], id="apostrophe"),
        pytest.param("Medicine", ["Medicine (Baltimore)"], id="medicine-baltimore"),
        pytest.param("Updat Surg", ["Updates in Surgery"], id="updat-surg"),
        pytest.param("Jpn J Clin Oncol", ["Japanese journal of clinical oncology"], id="jpn"),
        pytest.param("Hepatogastroenterology", ["Hepato-gastroenterology"], id="hyphen"),
        pytest.param("Zeitschrift für Gastroenterologie", ["Z Gastroenterol"], id="full-vs-abbrev"),
        pytest.param("Cell", ["Unrelated", "Cell"], id="any-name"),
    ],
)
def test_accepted_journal_forms(cited: str, names: list[str]) -> None:
    assert journal_matches(cited, names)


@pytest.mark.parametrize(
    ("cited", "names"),
    [
        pytest.param("Cancer", ["Cancer cell"], id="prefix-of-other-title"),
        pytest.param("Cell", ["Cell reports"], id="shorter-title"),
        pytest.param("Ann Surg", ["Annals of surgical oncology"], id="extra-word"),
        pytest.param("J Surg Oncol", ["World journal of surgical oncology"], id="missing-word"),
        pytest.param("J Clin Oncol", ["Journal of clinical investigation"], id="different-word"),
        pytest.param("Br J Cancer", ["British journal of surgery"], id="same-shape"),
        pytest.param("Nature", ["Nature medicine"], id="nature-medicine"),
        pytest.param("NEJM", ["JAMA"], id="different-acronym"),
        pytest.param("Cancers", ["Cancer"], id="plural-is-another-journal"),
        pytest.param("Cancer", ["Cancers"], id="singular-is-another-journal"),
        pytest.param("Blood", [], id="no-registered-names"),
        pytest.param("...", ["Cell"], id="no-words"),
    ],
)
def test_rejected_journal_forms(cited: str, names: list[str]) -> None:
    assert not journal_matches(cited, names)


def test_journal_words_drop_stop_words_and_qualifiers() -> None:
    """Significant words only: "The Journal of ... : JVIR" keeps the title's content words."""
    words = journal_words("The Journal of Vascular and Interventional Radiology : JVIR")
    assert words == ("journal", "vascular", "interventional", "radiology")


@given(st.text(min_size=1, max_size=80))
def test_a_journal_with_words_matches_itself(name: str) -> None:
    if journal_words(name):
        assert journal_matches(name, [name])
