"""Notice and version relations carried from Crossref and PubMed onto the domain Record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.models import Relation, RelationKind, WorkType
from app.records import (
    marked_in_place,
    merge,
    merge_relations,
    record_from_crossref,
    record_from_pubmed,
)
from clients import CrossrefUpdate, CrossrefWork, PubMedArticle
from clients.crossref_work import parse_work_body

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "upstream"
ARTICLE_DOI = "10.1016/j.cell.2019.01.011"
NOTICE_DOI = "10.1016/j.cell.2021.05.030"


def crossref(title: str = "Exosomal microRNA-21 drives metastasis", **fields: Any) -> CrossrefWork:
    return CrossrefWork(doi=ARTICLE_DOI, type="journal-article", title=title, **fields)


def pubmed(title: str = "Exosomal microRNA-21 drives metastasis.", **fields: Any) -> PubMedArticle:
    return PubMedArticle(pmid="31000001", title=title, **fields)


def test_the_recorded_plos_correction_becomes_a_correction_relation() -> None:
    """crossref-work-10.1371_journal.pone.0033693.json has one ``updated-by`` correction (dated)."""
    body = (SAMPLES / "crossref-work-10.1371_journal.pone.0033693.json").read_bytes()
    record = record_from_crossref(parse_work_body(body))
    assert record.updated_by == (
        Relation(
            RelationKind.CORRECTION,
            doi="10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",
            date="2012-05-08",
            label="Correction",
        ),
    )
    assert record.work_type is WorkType.ARTICLE


@pytest.mark.parametrize(
    ("update_type", "kind"),
    [
        pytest.param("retraction", RelationKind.RETRACTION, id="retraction"),
        pytest.param("partial_retraction", RelationKind.RETRACTION, id="partial-retraction"),
        pytest.param(
            "expression_of_concern", RelationKind.EXPRESSION_OF_CONCERN, id="expression-of-concern"
        ),
        pytest.param("withdrawal", RelationKind.WITHDRAWAL, id="withdrawal"),
        pytest.param("correction", RelationKind.CORRECTION, id="correction"),
        pytest.param("corrigendum", RelationKind.CORRECTION, id="corrigendum"),
        pytest.param("erratum", RelationKind.CORRECTION, id="erratum"),
        pytest.param("new_version", RelationKind.UPDATE, id="new-version"),
    ],
)
def test_crossref_update_types_map_to_relation_kinds(update_type: str, kind: RelationKind) -> None:
    work = crossref(updated_by=(CrossrefUpdate(NOTICE_DOI, update_type, "Notice"),))
    assert record_from_crossref(work).updated_by == (
        Relation(kind, doi=NOTICE_DOI, label="Notice"),
    )


def test_an_unknown_crossref_update_type_is_not_guessed() -> None:
    work = crossref(updated_by=(CrossrefUpdate(NOTICE_DOI, "reinstatement", "Reinstatement"),))
    assert record_from_crossref(work).updated_by == ()


def test_a_crossref_work_that_updates_another_as_a_correction_is_an_erratum() -> None:
    """Crossref types notices "journal-article"; ``update-to`` says what they are."""
    work = crossref(
        title="Notice", update_to=(CrossrefUpdate(ARTICLE_DOI, "correction", "Correction"),)
    )
    record = record_from_crossref(work)
    assert record.work_type is WorkType.ERRATUM
    assert record.update_to == (
        Relation(RelationKind.CORRECTION, doi=ARTICLE_DOI, label="Correction"),
    )


def test_a_title_marked_retracted_in_place_is_the_article_itself() -> None:
    """Elsevier prefixes the retracted article's own title: it is no notice."""
    record = record_from_crossref(crossref("RETRACTED: Exosomal microRNA-21 drives metastasis"))
    assert record.title == "Exosomal microRNA-21 drives metastasis"
    assert record.work_type is WorkType.ARTICLE
    assert record.updated_by == (Relation(RelationKind.RETRACTION),)


def test_a_marked_title_with_a_named_notice_keeps_only_the_notice() -> None:
    work = crossref(
        "RETRACTED: Exosomal microRNA-21 drives metastasis",
        updated_by=(CrossrefUpdate(NOTICE_DOI, "retraction", "Retraction"),),
    )
    assert record_from_crossref(work).updated_by == (
        Relation(RelationKind.RETRACTION, doi=NOTICE_DOI, label="Retraction"),
    )


def test_a_retracted_titled_notice_that_updates_another_work_stays_a_notice() -> None:
    """Hindawi titles its notices "Retracted: <title>" and links them with ``update-to``."""
    work = crossref(
        "Retracted: Exosomal microRNA-21 drives metastasis",
        update_to=(CrossrefUpdate(ARTICLE_DOI, "retraction", "Retraction"),),
    )
    record = record_from_crossref(work)
    assert record.work_type is WorkType.RETRACTION
    assert record.title == "Retracted: Exosomal microRNA-21 drives metastasis"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("RETRACTED: A study", ("A study", RelationKind.RETRACTION), id="retracted"),
        pytest.param("WITHDRAWN: A review", ("A review", RelationKind.WITHDRAWAL), id="withdrawn"),
        pytest.param(
            "[RETRACTED ARTICLE]: A study", ("A study", RelationKind.RETRACTION), id="scielo"
        ),
        pytest.param("Retraction of the gingiva", ("Retraction of the gingiva", None), id="plain"),
        pytest.param("RETRACTED:", ("RETRACTED:", None), id="nothing-after"),
    ],
)
def test_marked_in_place_splits_the_mark_off(
    title: str, expected: tuple[str, RelationKind | None]
) -> None:
    assert marked_in_place(title) == expected


def test_crossref_preprint_relations_become_versions() -> None:
    work = crossref(
        relation={"is-preprint-of": ("10.1038/x",), "has-review": ("10.3410/f.1",)},
    )
    assert record_from_crossref(work).versions == (
        Relation(RelationKind.PUBLISHED_VERSION, doi="10.1038/x"),
    )


@pytest.mark.parametrize(
    ("ref_type", "field", "kind"),
    [
        pytest.param("RetractionIn", "updated_by", RelationKind.RETRACTION, id="retraction-in"),
        pytest.param(
            "ExpressionOfConcernIn",
            "updated_by",
            RelationKind.EXPRESSION_OF_CONCERN,
            id="concern-in",
        ),
        pytest.param("ErratumIn", "updated_by", RelationKind.CORRECTION, id="erratum-in"),
        pytest.param("UpdateIn", "updated_by", RelationKind.UPDATE, id="update-in"),
        pytest.param("RetractionOf", "update_to", RelationKind.RETRACTION, id="retraction-of"),
        pytest.param("ErratumFor", "update_to", RelationKind.CORRECTION, id="erratum-for"),
    ],
)
def test_pubmed_comments_corrections_map_to_relations(
    ref_type: str, field: str, kind: RelationKind
) -> None:
    record = record_from_pubmed(pubmed(comments_corrections=((ref_type, "34100001"),)))
    assert getattr(record, field) == (Relation(kind, pmid="34100001"),)


def test_pubmed_links_that_are_no_notice_are_ignored() -> None:
    record = record_from_pubmed(pubmed(comments_corrections=(("CommentIn", "1"), ("Cites", "2"))))
    assert (record.updated_by, record.update_to, record.versions) == ((), (), ())


def test_a_pubmed_preprints_update_is_its_published_version() -> None:
    article = pubmed(publication_types=("Preprint",), comments_corrections=(("UpdateIn", "7"),))
    record = record_from_pubmed(article)
    assert record.versions == (Relation(RelationKind.PUBLISHED_VERSION, pmid="7"),)
    assert record.updated_by == ()


def test_the_retracted_publication_type_alone_flags_a_retraction() -> None:
    record = record_from_pubmed(
        pubmed(publication_types=("Journal Article", "Retracted Publication"))
    )
    assert record.updated_by == (Relation(RelationKind.RETRACTION),)


def test_the_retracted_publication_type_adds_nothing_to_a_named_notice() -> None:
    article = pubmed(
        publication_types=("Retracted Publication",), comments_corrections=(("RetractionIn", "9"),)
    )
    assert record_from_pubmed(article).updated_by == (Relation(RelationKind.RETRACTION, pmid="9"),)


def test_merging_sources_pairs_a_doi_only_and_a_pmid_only_notice() -> None:
    """Crossref names the notice by DOI, PubMed by PMID: one retraction, both identifiers."""
    from_crossref = record_from_crossref(
        crossref(
            updated_by=(CrossrefUpdate(NOTICE_DOI, "retraction", "Retraction"),),
        )
    )
    from_pubmed = record_from_pubmed(
        pubmed(doi=ARTICLE_DOI, comments_corrections=(("RetractionIn", "34100001"),))
    )
    merged = merge(from_pubmed, from_crossref)
    assert merged.updated_by == (
        Relation(RelationKind.RETRACTION, doi=NOTICE_DOI, pmid="34100001", label="Retraction"),
    )


def test_merging_keeps_two_different_corrections_apart() -> None:
    first = (Relation(RelationKind.CORRECTION, doi="10.1/a"),)
    second = (Relation(RelationKind.CORRECTION, doi="10.1/b"),)
    assert merge_relations(first, second) == (*first, *second)
