"""PubMed article records: the recorded EFetch XML parsed into PubMedArticle."""

from __future__ import annotations

import pytest
from lxml import etree

from clients import PubMedArticle, PubMedAuthor
from clients._shape import ShapeError
from clients.pubmed_article import parse_efetch_body

FOUR = "pubmed-efetch-xml-pmids-36400559-2930949-11446611-28786991.xml"


@pytest.mark.parametrize(
    ("sample", "pmid", "expected"),
    [
        pytest.param(
            "pubmed-efetch-xml-pmid-27797938-elocationid.xml",
            "27797938",
            {
                "doi": "10.1136/gutjnl-2016-312510",
                "title": "Leucocyte telomere length, genetic variants at the TERT gene region "
                "and risk of pancreatic cancer.",
                "pub_year": 2017,
                "article_year": 2016,
                "medline_pgn": "1116-1122",
                "start_page": None,
                "elocation_ids": (("doi", "10.1136/gutjnl-2016-312510"),),
            },
            id="elocationid-and-inline-markup",
        ),
        pytest.param(
            "pubmed-efetch-xml-pmid-30108519-article-number.xml",
            "30108519",
            {"doi": "10.3389/fphys.2018.01034", "issue": None, "medline_pgn": "1034"},
            id="article-number-no-issue",
        ),
        pytest.param(
            "pubmed-efetch-xml-pmids-11748933-11700088.xml",
            "11700088",
            {
                "doi": "10.1006/jmre.2001.2429",  # only in PubmedData/ArticleIdList
                "journal_title": "Journal of magnetic resonance (San Diego, Calif. : 1997)",
                "iso_abbreviation": "J Magn Reson",
                "medline_ta": "J Magn Reson",
                "start_page": "117",
                "end_page": "123",
                "medline_pgn": "117-23",
            },
            id="doi-in-article-id-list",
        ),
        pytest.param(
            "pubmed-efetch-xml-pmids-12091962-9997.xml",
            "12091962",
            {"doi": None, "pub_year": 1990, "publication_types": ("Journal Article", "Review")},
            id="season-date-no-doi",
        ),
        pytest.param(
            FOUR,
            "2930949",
            {"doi": None, "pub_year": 1985, "start_page": "259", "end_page": "265"},
            id="full-pages-next-to-abbreviated",
        ),
        pytest.param(
            FOUR,
            "28786991",
            {
                "doi": "10.1371/journal.pone.0180707",
                "pub_year": 2017,
                "article_year": 2017,
                "elocation_ids": (("pii", "e0180707"), ("doi", "10.1371/journal.pone.0180707")),
            },
            id="reference-list-dois-do-not-leak",
        ),
        pytest.param(
            FOUR,
            "36400559",
            {"issn": ("1557-9875", "0733-8619"), "language": "eng", "article_year": 2022},
            id="issn-print-and-electronic",
        ),
    ],
)
def test_recorded_efetch_parses_into_its_fields(samples, sample, pmid, expected):
    article = parse_efetch_body(samples.bytes(sample))[pmid]

    assert {name: getattr(article, name) for name in expected} == expected


def test_every_recorded_article_is_read_by_its_own_pmid(samples):
    """Only MedlineCitation/PMID names a record: 27797938 holds 50 <PMID> elements in all."""
    found = {
        pmid
        for name in (FOUR, "pubmed-efetch-xml-pmid-27797938-elocationid.xml")
        for pmid in parse_efetch_body(samples.bytes(name))
    }

    assert found == {"36400559", "2930949", "11446611", "28786991", "27797938"}


def test_reference_list_holds_other_dois_that_a_descendant_search_would_find(samples):
    """The trap the exact path avoids: 28786991's subtree holds 20 DOIs, one of them its own."""
    root = etree.fromstring(samples.bytes(FOUR), etree.XMLParser(load_dtd=False, no_network=True))
    (record,) = root.xpath('PubmedArticle[MedlineCitation/PMID="28786991"]')

    assert len(record.findall('.//ArticleId[@IdType="doi"]')) == 20
    assert parse_efetch_body(samples.bytes(FOUR))["28786991"].doi == "10.1371/journal.pone.0180707"


def test_comments_corrections_keep_their_type_and_pmid(samples):
    article = parse_efetch_body(samples.bytes("pubmed-efetch-xml-pmid-27797938-elocationid.xml"))

    links = article["27797938"].comments_corrections
    assert links[0] == ("CommentIn", "27920200")
    assert len(links) == 49


def test_medline_date_gives_its_first_year(samples):
    """``<MedlineDate>2008 Jul-Aug</MedlineDate>`` (MEDLINE 2016 excerpt) reads as 2008."""
    excerpt = samples.bytes("pubmed-medline2016-excerpt-pmid-18621939-medlinedate.xml")
    body = b"<PubmedArticleSet><PubmedArticle>" + excerpt + b"</PubmedArticle></PubmedArticleSet>"

    article = parse_efetch_body(body)["18621939"]

    assert (article.pub_year, article.medline_pgn, article.doi) == (
        2008,
        "332-40",
        "10.1176/appi.psy.49.4.332",
    )
    assert article.authors[1] == PubMedAuthor("Dew", "Mary Amanda", "MA")


def test_collective_author_is_kept():
    body = (
        b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        b"<AuthorList><Author><CollectiveName>Dutch Liver Surgery Group</CollectiveName></Author>"
        b"</AuthorList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )

    authors = parse_efetch_body(body)["1"].authors

    assert authors == (PubMedAuthor(collective_name="Dutch Liver Surgery Group"),)


def test_external_entities_are_never_resolved():
    """The hardened parser does not read local files through a DOCTYPE entity."""
    body = (
        b'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        b"<ArticleTitle>A&x;B</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        b"</PubmedArticleSet>"
    )

    title = parse_efetch_body(body)["1"].title or ""

    assert "root:" not in title


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"<PubmedArticleSet><PubmedArticle><MedlineCitation>", id="truncated"),
        pytest.param(b"<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>", id="error"),
        pytest.param(b"", id="empty"),
        pytest.param(
            b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>x</PMID>"
            b"</MedlineCitation></PubmedArticle></PubmedArticleSet>",
            id="non-numeric-pmid",
        ),
    ],
)
def test_wrong_shaped_efetch_is_a_shape_error(body):
    with pytest.raises(ShapeError):
        parse_efetch_body(body)


def test_pubmed_article_is_a_plain_value():
    """Records compare by value, so callers can de-duplicate and cache them."""
    assert PubMedArticle("1", title="A") == PubMedArticle("1", title="A")
