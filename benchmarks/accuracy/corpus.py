"""The dev corpus: real PubMed records, one JSON object per line (see its README).

Records stay plain mappings because ``tests.citation_styles.render`` takes them as they are.
The helpers here read the few things every part of the benchmark needs from a record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

CorpusRecord = Mapping[str, Any]

DEFAULT_CORPUS: Final = (
    Path(__file__).resolve().parents[3] / "shared" / "dev-corpus" / "records.jsonl"
)
# NLM journal titles carry qualifiers: "Science (New York, N.Y.)", "... : official journal of ...".
_QUALIFIER: Final = re.compile(r"\s+(?::|/)\s+.*$|\s*\([^)]*\)\s*$")


def load_records(path: Path = DEFAULT_CORPUS) -> list[CorpusRecord]:
    """Every record of a JSONL file, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def first_doi(record: CorpusRecord) -> str | None:
    """The record's DOI, lower-cased; a few Web of Science records list several ("a; b")."""
    doi = record.get("doi")
    return str(doi).split(";")[0].strip().lower() if doi else None


def journal_forms(record: CorpusRecord) -> tuple[str, ...]:
    """Every name the journal goes by: full NLM title, without qualifier, MEDLINE and ISO forms.

    >>> journal_forms({"journal": "Science (New York, N.Y.)", "journal_abbrev": "Science"})
    ('Science (New York, N.Y.)', 'Science')
    """
    names = [
        record.get("journal"),
        _QUALIFIER.sub("", str(record.get("journal") or "")),
        record.get("journal_abbrev"),
        record.get("journal_iso"),
    ]
    return tuple(dict.fromkeys(str(n) for n in names if n))


def family_names(record: CorpusRecord) -> list[str]:
    """The authors' surnames, in order."""
    return [str(a["family"]) for a in record.get("authors") or ()]


def pmids_and_dois(records: Sequence[CorpusRecord]) -> tuple[set[str], set[str]]:
    """All PMIDs and DOIs in use, so invented identifiers never collide with real ones."""
    pmids = {str(r["pmid"]) for r in records if r.get("pmid")}
    dois = {d for r in records if (d := first_doi(r))}
    return pmids, dois
