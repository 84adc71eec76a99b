"""Registered records shared by the matching, comparison and suggestion tests."""

from __future__ import annotations

from app.models import Author, PageRange, Record, Source

# Cell 2006;127(4):679-695, as PubMed and Crossref register it together.
GUPTA = Record(
    sources=(Source.CROSSREF, Source.PUBMED),
    doi="10.1016/j.cell.2006.11.001",
    pmid="17110329",
    title="Cancer metastasis: building a framework.",
    journal="Cell",
    journal_names=("Cell",),
    year=2006,
    years=(2006,),
    volume="127",
    issue="4",
    pages=PageRange("679", "695"),
    authors=(Author("Gupta", "GP", "Gaurav P"), Author("Massagué", "J", "Joan")),
)
