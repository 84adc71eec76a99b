"""Crossref work records: the recorded /works replies parsed into CrossrefWork."""

from __future__ import annotations

import json

import pytest

from clients import CrossrefAuthor, CrossrefUpdate
from clients.crossref_work import clean_markup, parse_work_body, parse_work_list_body, year_of


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        pytest.param(
            "crossref-work-10.1002_jor.1100150407.json",
            {
                "doi": "10.1002/jor.1100150407",
                "volume": "15",
                "issue": "4",
                "page": "519-527",
                "issued_year": 1997,
                "published_print_year": 1997,
                "published_online_year": 2005,  # a digitised back-file
                "issue_years": (1997,),
                "short_container_titles": ("Journal Orthopaedic Research",),
                "issn": ("0736-0266", "1554-527X"),
            },
            id="print-1997-online-2005",
        ),
        pytest.param(
            "crossref-work-10.1016_j.neurobiolaging.2010.03.024.json",
            {
                "container_title": "Neurobiology of Aging",
                "published_online_year": None,
                "relation": {"has-review": ("10.3410/f.3904957.3650055",)},
            },
            id="relation",
        ),
        pytest.param(
            "crossref-work-10.1038_srep16696.json",
            {"page": None, "article_number": "16696", "issue_years": (2015,)},
            id="article-number-without-page",
        ),
        pytest.param(
            "crossref-work-10.1109_icdcsw.2003.1203662.json",
            {
                "type": "proceedings-article",
                "issued_year": None,  # "issued": {"date-parts": [[null]]}
                "short_container_titles": (),
                "issn": (),
            },
            id="issued-null",
        ),
        pytest.param(
            "crossref-work-10.1136_jclinpath-2020-206745.json",
            {
                "title": "Construction of a reference material panel for detecting "
                "KRAS / NRAS / EGFR / BRAF / MET mutations in plasma ctDNA",
                "issued_year": 2020,
                "published_print_year": 2021,
                "issue_years": (2021,),
            },
            id="markup-in-title-print-year-later",
        ),
        pytest.param(
            "crossref-work-10.1371_journal.pone.0033693.json",
            {
                "page": "e33693",
                "updated_by": (
                    CrossrefUpdate(
                        "10.1371/annotation/c76da2c1-ccb8-4797-94c1-359d3ceceeda",
                        "correction",
                        "Correction",
                        "2012-05-08",
                    ),
                ),
            },
            id="updated-by-correction",
        ),
        pytest.param(
            "crossref-work-10.3892_ijo_00000353.json",
            {
                "volume": None,
                "issue": None,
                "page": None,
                "authors": (CrossrefAuthor(family="Stravopodis", sequence="first"),),
            },
            id="family-only-author-no-volume",
        ),
    ],
)
def test_recorded_work_parses_into_its_fields(samples, sample, expected):
    """Each recorded single-work reply yields the fields a citation is checked against."""
    work = parse_work_body(samples.bytes(sample))

    assert {name: getattr(work, name) for name in expected} == expected


@pytest.mark.parametrize(
    ("sample", "count", "top_score"),
    [
        pytest.param(
            "crossref-worklist-journal-2167-8359-query.bibliographic-fish.json", 20, 8.682194,
            id="bibliographic-fish",
        ),
        pytest.param(
            "crossref-worklist-query-ecology-query.author-carl-boettiger.json", 20, 35.49375,
            id="author-boettiger",
        ),
        pytest.param("crossref-worklist-query-ecology-rows3-select.json", 3, None, id="select"),
    ],
)  # fmt: skip
def test_recorded_work_list_keeps_rank_order_and_scores(samples, sample, count, top_score):
    """A list keeps Crossref's order; ``select=`` lists carry no score."""
    works = parse_work_list_body(samples.bytes(sample))

    assert (len(works), works[0].score) == (count, top_score)


def test_list_items_are_cleaned_like_single_works(samples):
    """``<scp>`` markup, ``&amp;`` and preprint relations are read from list items too."""
    body = samples.bytes("crossref-worklist-query-ecology-query.author-carl-boettiger.json")
    works = {w.doi: w for w in parse_work_list_body(body)}

    assert works["10.1111/j.2041-210x.2012.00247.x"].title.startswith("Treebase: an")
    assert works["10.1177/2053951719836258"].container_title == "Big Data & Society"
    assert works["10.1002/ece3.2314"].relation["has-preprint"] == ("10.1101/014852",)


def test_zero_hit_list_is_empty(samples):
    """A search with no hits (rcrossref 2022 recording) is an empty list, not an error."""
    response = samples.replay("crossref-2022-400-sample-too-large-polite-50rps.cassette.yml", 0)

    assert parse_work_list_body(response.content) == []


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        pytest.param("detecting\n      <i>KRAS</i>\n      /", "detecting KRAS /", id="jats-italic"),
        pytest.param("<scp>T</scp>reebase", "Treebase", id="small-caps"),
        pytest.param("Big Data &amp; Society", "Big Data & Society", id="entity"),
        pytest.param("p < 0.05 and q > 1", "p < 0.05 and q > 1", id="comparison-not-a-tag"),
    ],
)
def test_clean_markup(raw, clean):
    assert clean_markup(raw) == clean


@pytest.mark.parametrize(
    ("date", "year"),
    [
        pytest.param({"date-parts": [[2012, 3, 21]]}, 2012, id="full-date"),
        pytest.param({"date-parts": [[None]]}, None, id="null"),
        pytest.param({"date-parts": [["2019"]]}, 2019, id="year-as-string"),
        pytest.param({"date-parts": []}, None, id="empty"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_year_of_date_parts(date, year):
    assert year_of(date) == year


def test_recorded_bodies_are_the_json_crossref_sent(samples):
    """The samples are Crossref's bytes (``\\/`` escapes included), so they parse as JSON."""
    raw = samples.bytes("crossref-work-10.1038_srep16696.json")

    assert b"\\/" in raw
    assert json.loads(raw)["message"]["DOI"] == "10.1038/srep16696"
