"""The DOI comparator."""

from __future__ import annotations

from app.compare import severities
from app.models import Citation, FieldName, Mismatch, Record
from app.normalize import normalize_doi


def compare_doi(citation: Citation, record: Record) -> tuple[Mismatch, ...]:
    """DOI: equal to the registered DOI, ignoring case and resolver prefixes.

    Tolerance: "https://doi.org/10.1016/J.CELL.2006.11.001" equals "10.1016/j.cell.2006.11.001";
    a citation without a DOI is not compared (the suggestion adds it); another DOI is an ERROR.
    """
    cited, registered = normalize_doi(citation.doi), normalize_doi(record.doi)
    if cited is None or registered is None or cited == registered:
        return ()
    message = f"DOI cited {cited}, registered {registered}"
    return (Mismatch(FieldName.DOI, citation.doi, record.doi, severities.WRONG_VALUE, message),)
