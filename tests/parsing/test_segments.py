"""Where sentences end inside a reference, and where the title gives way to the journal."""

from __future__ import annotations

import itertools

import pytest

from app.parsing.segments import sentence_starts, split_title_journal


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param("Surgery vs. chemotherapy. Cell", ["Surgery vs. chemotherapy. ", "Cell"],
                     id="vs"),
        pytest.param("E. coli sepsis. Lancet", ["E. coli sepsis. ", "Lancet"], id="species"),
        pytest.param("IARC CancerBase No. 10. Lyon", ["IARC CancerBase No. 10. ", "Lyon"],
                     id="number"),
        pytest.param("Is it? Yes. No! Cell", ["Is it? ", "Yes. ", "No! ", "Cell"], id="marks"),
    ],
)  # fmt: skip
def test_sentence_boundaries(text: str, sentences: list[str]) -> None:
    bounds = [*sentence_starts(text), len(text)]
    assert [text[a:b] for a, b in itertools.pairwise(bounds)] == sentences


@pytest.mark.parametrize(
    ("block", "title", "journal"),
    [
        pytest.param("A study. J. Biol. Chem.", "A study", "J. Biol. Chem.", id="iso-chain"),
        pytest.param("Urologic Emergencies. Med. Clin. North Am.", "Urologic Emergencies",
                     "Med. Clin. North Am.", id="iso-chain-ending-in-two-words"),
        pytest.param("A study. Proc. Natl. Acad. Sci. U.S.A.", "A study",
                     "Proc. Natl. Acad. Sci. U.S.A.", id="initialism"),
        pytest.param("A study. Chem. Commun. (Camb.)", "A study", "Chem. Commun. (Camb.)",
                     id="bracketed-word"),
        pytest.param("A study. A Case Report. Ann Surg", "A study. A Case Report", "Ann Surg",
                     id="short-title-sentence"),
        pytest.param("Editorial. Cell.", "Editorial", "Cell", id="one-word-title"),
        pytest.param("[Ethanol and sodium channels]. Ross Fiziol Zh Im I M Sechenova. Extra",
                     "[Ethanol and sodium channels]", "Ross Fiziol Zh Im I M Sechenova. Extra",
                     id="translated-title-ends-at-its-bracket"),
        pytest.param("[Ethanol in [rat] neurons]. Zh imeni I.M. Sechenova",
                     "[Ethanol in [rat] neurons]", "Zh imeni I.M. Sechenova",
                     id="translated-title-with-nested-brackets"),
        pytest.param("[Ethanol] and sodium. Zh Fiziol", "[Ethanol] and sodium", "Zh Fiziol",
                     id="a-bracket-that-is-not-the-whole-title"),
        pytest.param("A study. Proc. Natl Acad. Sci. USA", "A study", "Proc. Natl Acad. Sci. USA",
                     id="two-word-piece-after-a-single-abbreviation"),
        pytest.param("A study. J. Natl Cancer Inst.", "A study", "J. Natl Cancer Inst.",
                     id="several-words-after-j"),
        pytest.param("Is it unique? Indian J. Surg.", "Is it unique?", "Indian J. Surg.",
                     id="piece-ending-in-one-letter"),
        pytest.param("A study in India. BMC Health Serv. Res.", "A study in India",
                     "BMC Health Serv. Res.", id="piece-ending-in-an-iso-abbreviation"),
        pytest.param("J. Biol. Chem.", None, "J. Biol. Chem.", id="journal-only"),
        pytest.param("", None, None, id="empty"),
    ],
)  # fmt: skip
def test_title_and_journal_split(block: str, title: str | None, journal: str | None) -> None:
    assert split_title_journal(block) == (title, journal)
