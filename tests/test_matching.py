"""Choosing the cited work among candidates: validation, distractors, ties and reasons."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.matching import ACCEPT_THRESHOLD, Agreement, choose, score
from app.models import Author, Citation, PageRange, Record, Source, WorkType
from app.normalize import expand_page_range
from tests.domain_records import GUPTA

GUPTA_CORRECTION = replace(
    GUPTA,
    doi="10.1016/j.cell.2006.11.019",
    pmid=None,
    title="Correction to: Cancer metastasis: building a framework",
    issue="5",
    pages=PageRange("1061", None),
    work_type=WorkType.ARTICLE,  # Crossref types many notices as journal-article
)
GUPTA_PREPRINT = replace(
    GUPTA,
    doi="10.1101/2006.123456",
    pmid=None,
    journal="bioRxiv",
    journal_names=("bioRxiv",),
    volume=None,
    issue=None,
    pages=None,
    work_type=WorkType.PREPRINT,
)
HURWITZ_2005 = Record(
    sources=(Source.CROSSREF,),
    doi="10.1200/JCO.2005.10.017",
    title="Bevacizumab in combination with fluorouracil and leucovorin: an active regimen "
    "for first-line metastatic colorectal cancer.",
    journal="J Clin Oncol",
    journal_names=("Journal of clinical oncology", "J Clin Oncol"),
    year=2005,
    years=(2005,),
    volume="23",
    issue="15",
    pages=PageRange("3502", "3508"),
    authors=(
        Author("Hurwitz", "HI"),
        Author("Fehrenbacher", "L"),
        Author("Hainsworth", "JD"),
        Author("Heim", "W"),
        Author("Berlin", "J"),
        Author("Holmgren", "E"),
        Author("Hambleton", "J"),
        Author("Novotny", "WF"),
        Author("Kabbinavar", "F"),
    ),
)
SAME_AUTHOR_SAME_ISSUE = replace(
    HURWITZ_2005,
    doi="10.1200/JCO.2005.05.120",
    title="Efficacy and safety of bevacizumab in metastatic colorectal cancer: pooled analysis "
    "from seven randomized controlled trials.",
    pages=PageRange("3697", "3705"),
    authors=(Author("Hurwitz", "HI"), Author("Yi", "J"), Author("Ince", "W")),
)
SAME_VOLUME_OTHER_PAPER = replace(
    HURWITZ_2005,
    doi="10.1200/JCO.2005.02.101",
    title="Randomized trial of adjuvant chemotherapy in colon cancer.",
    pages=PageRange("3000", "3008"),
    authors=(Author("Smith", "AB"), Author("Jones", "CD")),
)


def huwitz(**changes: Any) -> Citation:
    """The chapter's ref 46, first author misspelled ("Huwitz H"), as parsed."""
    citation = Citation(
        index=46,
        raw="Huwitz H, Fehrenbacher L, Novotny W, et al. Bevacizumab in combination with "
        "fluorouracil and leucovorin: an active regimen for first-line metastatic colorectal "
        "cancer. J Clin Oncol. 2005;23:3502-8.",
        authors=(Author("Huwitz", "H"), Author("Fehrenbacher", "L"), Author("Novotny", "W")),
        et_al=True,
        title="Bevacizumab in combination with fluorouracil and leucovorin: an active regimen "
        "for first-line metastatic colorectal cancer",
        journal="J Clin Oncol",
        year=2005,
        volume="23",
        pages=expand_page_range("3502-8"),
    )
    return replace(citation, **changes)


def gupta(**changes: Any) -> Citation:
    """The chapter's ref 12 (wrong year 2009), as parsed."""
    citation = Citation(
        index=12,
        raw="Gupta GP, Massaguè J. Cancer metastasis: building a framework. Cell. 2009;127:679–95.",
        authors=(Author("Gupta", "GP"), Author("Massaguè", "J")),
        title="Cancer metastasis: building a framework",
        journal="Cell",
        year=2009,
        volume="127",
        pages=expand_page_range("679–95"),
    )
    return replace(citation, **changes)


def test_the_cited_article_wins_over_its_notice_and_preprint() -> None:
    decision = choose(gupta(), [GUPTA_CORRECTION, GUPTA_PREPRINT, GUPTA])
    assert decision.kind == "matched"
    assert decision.match is not None
    assert decision.match.record == GUPTA
    assert decision.match.confidence >= 0.9


@pytest.mark.parametrize(
    ("distractor", "why"),
    [
        pytest.param(GUPTA_CORRECTION, "correction or retraction notice", id="correction"),
        pytest.param(replace(GUPTA_CORRECTION, work_type=WorkType.ERRATUM), "notice", id="erratum"),
        pytest.param(replace(GUPTA, work_type=WorkType.RETRACTION), "notice", id="retraction"),
        pytest.param(GUPTA_PREPRINT, "preprint", id="preprint"),
    ],
)
def test_a_notice_or_preprint_alone_is_never_accepted(distractor: Record, why: str) -> None:
    decision = choose(gupta(), [distractor])
    assert decision.kind == "none"
    assert why in decision.reason
    assert decision.evidence is not None
    assert decision.evidence.confidence < 0.1


def test_a_citation_of_the_correction_notice_accepts_it() -> None:
    citation = gupta(
        title="Correction to: Cancer metastasis: building a framework",
        year=2006,
        pages=PageRange("1061"),
    )
    decision = choose(citation, [GUPTA, GUPTA_CORRECTION])
    assert decision.match is not None
    assert decision.match.record == GUPTA_CORRECTION


def test_a_citation_of_the_preprint_server_accepts_the_preprint() -> None:
    citation = gupta(
        raw="Gupta GP, Massagué J. Cancer metastasis: building a framework. bioRxiv. 2006.",
        journal="bioRxiv",
        year=2006,
        volume=None,
        pages=None,
    )
    decision = choose(citation, [GUPTA_PREPRINT])
    assert decision.match is not None
    assert decision.match.record == GUPTA_PREPRINT


@pytest.mark.parametrize(
    "distractor",
    [
        pytest.param(SAME_AUTHOR_SAME_ISSUE, id="same-author-journal-year"),
        pytest.param(SAME_VOLUME_OTHER_PAPER, id="same-volume-other-authors-and-page"),
    ],
)
def test_a_same_venue_distractor_loses_to_the_cited_paper(distractor: Record) -> None:
    decision = choose(huwitz(), [distractor, HURWITZ_2005])
    assert decision.kind == "matched"
    assert decision.match is not None
    assert decision.match.record == HURWITZ_2005


@pytest.mark.parametrize(
    "distractor",
    [
        pytest.param(SAME_AUTHOR_SAME_ISSUE, id="same-author-journal-year"),
        pytest.param(SAME_VOLUME_OTHER_PAPER, id="same-volume-other-authors-and-page"),
    ],
)
@pytest.mark.parametrize("with_title", [True, False], ids=["with-title", "without-title"])
def test_a_same_venue_distractor_alone_is_not_accepted(
    distractor: Record, with_title: bool
) -> None:
    citation = huwitz() if with_title else huwitz(title=None, raw="(title left out)")
    assert choose(citation, [distractor]).kind == "none"


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"year": 2009}, id="year"),
        pytest.param({"year": 2004}, id="year-one-off"),
        pytest.param({"volume": "15"}, id="volume"),
        pytest.param({"pages": expand_page_range("3427-2436")}, id="pages"),
        pytest.param({"journal": "J Clin Invest"}, id="journal"),
        pytest.param(
            {"title": "Bevacizumab with fluorouracil and leucovorin: an active regimen for "
             "first-line metastatic colorectal cancer"},
            id="title-word-missing",
        ),
        pytest.param({"year": 2009, "volume": "15"}, id="year-and-volume"),
        pytest.param({"year": 2009, "pages": expand_page_range("352-8")}, id="year-and-pages"),
        pytest.param({"volume": "15", "pages": expand_page_range("352-8")}, id="volume-and-pages"),
        pytest.param({"journal": "Ann Oncol", "year": 2006}, id="journal-and-year"),
        pytest.param({"doi": "10.1200/JCO.2005.99.999", "year": 2009}, id="doi-and-year"),
    ],
)  # fmt: skip
def test_one_or_two_wrong_fields_still_identify_the_record(changes: dict[str, Any]) -> None:
    """The misspelled first author is already one error in every row."""
    decision = choose(
        huwitz(**changes), [SAME_AUTHOR_SAME_ISSUE, SAME_VOLUME_OTHER_PAPER, HURWITZ_2005]
    )
    assert decision.kind == "matched"
    assert decision.match is not None
    assert decision.match.record == HURWITZ_2005
    assert decision.match.confidence >= ACCEPT_THRESHOLD


def test_a_citation_without_title_is_matched_on_the_other_fields() -> None:
    """Like the chapter's ref 59: authors, journal, year, volume, pages, no title."""
    decision = choose(huwitz(title=None), [SAME_AUTHOR_SAME_ISSUE, HURWITZ_2005])
    assert decision.match is not None
    assert decision.match.record == HURWITZ_2005
    assert decision.match.confidence >= 0.9


def test_a_doi_only_citation_is_matched_by_its_doi() -> None:
    citation = Citation(
        index=1, raw="doi:10.1016/j.cell.2006.11.001", doi="10.1016/j.cell.2006.11.001"
    )
    decision = choose(citation, [GUPTA_CORRECTION, GUPTA])
    assert decision.match is not None
    assert decision.match.record == GUPTA


def test_an_unparsed_reference_is_validated_against_its_raw_text() -> None:
    citation = Citation(index=12, raw=gupta().raw.replace("2009", "2006"))
    decision = choose(citation, [SAME_AUTHOR_SAME_ISSUE, GUPTA])
    assert decision.match is not None
    assert decision.match.record == GUPTA


def test_a_doi_pointing_to_a_different_paper_is_not_accepted_blindly() -> None:
    citation = huwitz(doi=GUPTA.doi)
    decision = choose(citation, [GUPTA])
    assert decision.kind == "none"
    assert decision.evidence is not None
    assert decision.evidence.doi is Agreement.AGREE
    assert decision.reason.startswith(
        "closest: 10.1016/j.cell.2006.11.001 - different first author"
    )


def test_a_doi_mismatch_still_matches_the_cited_paper_when_all_else_agrees() -> None:
    decision = choose(huwitz(doi=GUPTA.doi), [GUPTA, HURWITZ_2005])
    assert decision.match is not None
    assert decision.match.record == HURWITZ_2005
    assert decision.evidence is not None
    assert decision.evidence.doi is Agreement.DISAGREE


def test_two_distinct_works_that_fit_equally_are_ambiguous() -> None:
    """A guideline printed in two journals, cited without a journal or pages."""
    twin = replace(
        HURWITZ_2005,
        doi="10.1016/twin.2005.1",
        journal="Ann Oncol",
        journal_names=("Ann Oncol",),
        volume="16",
        pages=PageRange("100", "106"),
    )
    raw = "Huwitz H, Fehrenbacher L, Novotny W, et al. Bevacizumab in combination with ... 2005."
    citation = huwitz(raw=raw, journal=None, volume=None, pages=None)
    decision = choose(citation, [HURWITZ_2005, twin])
    assert decision.kind == "ambiguous"
    assert decision.match is None
    assert {m.record.doi for m in decision.alternatives} == {HURWITZ_2005.doi, twin.doi}
    assert "2 records fit about equally well" in decision.reason


def test_the_same_work_from_two_registries_is_not_a_tie() -> None:
    """A PubMed record without DOI beside its Crossref twin counts once."""
    pubmed_twin = replace(GUPTA, sources=(Source.PUBMED,), doi=None)
    crossref_twin = replace(GUPTA, sources=(Source.CROSSREF,), pmid=None)
    decision = choose(gupta(), [pubmed_twin, crossref_twin])
    assert decision.kind == "matched"


def test_no_candidates_is_none_with_a_reason() -> None:
    decision = choose(gupta(), [])
    assert (decision.kind, decision.match, decision.reason) == ("none", None, "no candidates found")


def test_a_rejection_names_the_closest_candidate_and_why() -> None:
    decision = choose(gupta(), [SAME_AUTHOR_SAME_ISSUE])
    assert decision.kind == "none"
    assert decision.reason.startswith("closest: 10.1200/JCO.2005.05.120 - different first author")
    assert "title similarity" in decision.reason
    assert [m.record for m in decision.alternatives] == [SAME_AUTHOR_SAME_ISSUE]


def test_a_runner_up_lowers_the_match_confidence() -> None:
    alone = choose(huwitz(title=None), [HURWITZ_2005]).match
    contested = choose(huwitz(title=None), [SAME_AUTHOR_SAME_ISSUE, HURWITZ_2005]).match
    assert alone is not None
    assert contested is not None
    assert contested.confidence <= alone.confidence


def test_evidence_records_each_field() -> None:
    evidence = score(huwitz(year=2004), HURWITZ_2005)
    assert evidence.first_author is Agreement.CLOSE
    assert evidence.year is Agreement.CLOSE
    assert evidence.volume is Agreement.AGREE
    assert evidence.first_page is Agreement.AGREE
    assert evidence.doi is Agreement.UNKNOWN
    assert evidence.author_overlap == 1.0
    assert evidence.title_similarity == 1.0


_text = st.text(max_size=30)
_citations = st.builds(
    Citation,
    index=st.just(1),
    raw=_text,
    authors=st.lists(st.builds(Author, family=_text, initials=_text), max_size=4).map(tuple),
    title=st.none() | _text,
    journal=st.none() | _text,
    year=st.none() | st.integers(1900, 2100),
    volume=st.none() | _text,
    pages=st.none() | st.builds(PageRange, first=_text, last=st.none() | _text),
    doi=st.none() | _text,
)


@settings(max_examples=200, deadline=None)
@given(_citations)
def test_score_is_a_probability_for_any_citation(citation: Citation) -> None:
    for record in (GUPTA, GUPTA_CORRECTION, HURWITZ_2005):
        assert 0.0 <= score(citation, record).confidence <= 1.0
    assert choose(citation, [GUPTA, GUPTA_PREPRINT, HURWITZ_2005]).kind in {
        "matched",
        "ambiguous",
        "none",
    }
