"""The verdict on a not-found reference: likely fabricated, not indexed, or undecided."""

from __future__ import annotations

from dataclasses import replace

from app.integrity.fabricated import classify_not_found
from app.models import Author, NotFoundKind
from tests.integrity.works import ARTICLE, ARTICLE_TEXT, INVENTED_TEXT, OTHER, cite, none_decision

BOOK = "Blumgart LH, Fong Y. Surgery of the liver. 3rd ed. London: WB Saunders; 2000."


def test_a_book_is_not_indexed_whatever_came_close() -> None:
    kind, evidence = classify_not_found(cite(BOOK), none_decision(ARTICLE))
    assert kind is NotFoundKind.NOT_INDEXED
    assert evidence.basis[0].startswith("book: publisher and place")


def test_an_article_citation_nothing_resembles_is_likely_fabricated() -> None:
    kind, evidence = classify_not_found(cite(INVENTED_TEXT), none_decision(OTHER))
    assert kind is NotFoundKind.LIKELY_FABRICATED
    assert evidence.basis == (
        "a complete journal-article citation that no registered record resembles",
    )


def test_records_of_the_same_journal_add_to_the_evidence() -> None:
    _, evidence = classify_not_found(cite(INVENTED_TEXT), none_decision(ARTICLE))
    assert "1 record(s) of Ann Surg found, none with these authors or this title" in evidence.basis


def test_an_article_citation_without_any_candidate_is_likely_fabricated() -> None:
    kind, _ = classify_not_found(cite(INVENTED_TEXT), none_decision())
    assert kind is NotFoundKind.LIKELY_FABRICATED


def test_a_record_with_the_title_in_the_same_journal_is_a_near_miss() -> None:
    """Wrong authors and numbers, right title and journal: a real work badly cited."""
    moved = replace(ARTICLE, authors=(Author("Brandt", "S"),), volume="1", pages=None)
    kind, evidence = classify_not_found(cite(ARTICLE_TEXT), none_decision(moved))
    assert kind is NotFoundKind.NOT_FOUND
    assert evidence.basis[0].startswith("a record comes close: 10.1097/sla.0000000000002741")


def test_a_record_with_the_first_author_and_first_page_is_a_near_miss() -> None:
    renamed = replace(ARTICLE, title="Liver resection outcomes in elderly patients", year=2015)
    kind, _ = classify_not_found(cite(ARTICLE_TEXT), none_decision(renamed))
    assert kind is NotFoundKind.NOT_FOUND


def test_a_borrowed_title_under_other_authors_elsewhere_is_still_likely_fabricated() -> None:
    """Invented references often reuse a real title with invented authors and venue."""
    borrowed = replace(
        ARTICLE, authors=(Author("Brandt", "S"),), journal="J Hepatol", journal_names=("J Hepatol",)
    )
    kind, evidence = classify_not_found(cite(ARTICLE_TEXT), none_decision(borrowed))
    assert kind is NotFoundKind.LIKELY_FABRICATED
    assert any(b.startswith("the title is that of 10.1097/sla") for b in evidence.basis)


def test_a_cited_doi_that_no_record_carries_adds_to_the_evidence() -> None:
    text = f"{INVENTED_TEXT} doi:10.1097/sla.0000000000009999"
    _, evidence = classify_not_found(cite(text), none_decision(OTHER))
    assert "no record found carries the cited DOI 10.1097/sla.0000000000009999" in evidence.basis


def test_a_cited_doi_registered_to_another_work_adds_to_the_evidence() -> None:
    text = f"{INVENTED_TEXT} doi:{OTHER.doi}"
    _, evidence = classify_not_found(cite(text), none_decision(OTHER))
    assert f"the cited DOI {OTHER.doi} is registered to another work" in evidence.basis


def test_a_supplement_abstract_is_not_called_fabricated() -> None:
    text = "Taylor A, Kanas G. Survival after liver resection. Ann Oncol. 2010;21(Suppl 8):632."
    kind, evidence = classify_not_found(cite(text), none_decision(OTHER))
    assert kind is NotFoundKind.NOT_FOUND
    assert evidence.basis[0].startswith("a journal supplement")


def test_an_incomplete_citation_is_undecided() -> None:
    kind, _ = classify_not_found(cite("Ferlay J, Shin HR. GLOBOCAN 2008."), none_decision())
    assert kind is NotFoundKind.NOT_FOUND


def test_each_closest_record_says_why_it_was_rejected() -> None:
    _, evidence = classify_not_found(cite(INVENTED_TEXT), none_decision(OTHER))
    [candidate] = evidence.candidates
    assert (candidate.doi, candidate.pmid) == (OTHER.doi, OTHER.pmid)
    assert candidate.reasons[0] == "different first author (registered Solheim)"
    assert "different journal (registered Ann Surg Oncol)" in candidate.reasons
    assert "year far off (registered 2016, cited 2019)" in candidate.reasons
    assert candidate.confidence < 0.01
