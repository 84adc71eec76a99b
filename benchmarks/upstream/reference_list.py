"""The 500-reference list: dev-corpus records rendered as citations, a fifth with one error.

Seeded and pure: the same seed gives the same list byte for byte. Styles rotate through
:data:`tests.citation_styles.STYLES`; the DOI is printed half the time and long author lists
are cut after six names half the time, as real reference lists mix both. About 20 % of the
references carry one injected error, each kind equally often::

    year     2006 -> 2008            volume   127 -> 128
    pages    679-695 -> 681-697      author   Massagué -> Massgaué (two letters swapped)

The fake upstream serves every corpus record (not only the 500 cited), so searches meet
realistic competition.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from tests.citation_styles import STYLES, render

Record = Mapping[str, Any]
ERROR_SHARE: Final = 0.20
DOI_SHARE: Final = 0.5
ET_AL_SHARE: Final = 0.5
ET_AL_AFTER: Final = 6


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """The rendered references, and which of them carry an injected error (by 1-based index)."""

    references: tuple[str, ...]
    errors: Mapping[int, str]

    def as_manuscript(self) -> str:
        """A numbered reference section, as ``refcheck check`` reads it from a file."""
        items = (f"{i}. {text}" for i, text in enumerate(self.references, start=1))
        return "References\n\n" + "\n".join(items) + "\n"


def load_records(path: Path) -> list[dict[str, Any]]:
    """The corpus records, one JSON object per non-blank line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def fake_work(record: Record) -> dict[str, Any]:
    """The record as a FakeWork JSONL object: provenance dropped, only the first DOI kept.

    >>> fake_work({"title": "T.", "journal": "J", "doi": "10.1/a; 10.1/b", "source": {}})["doi"]
    '10.1/a'
    """
    work = {key: value for key, value in record.items() if key != "source"}
    if work.get("doi"):
        work["doi"] = str(work["doi"]).split(";")[0].strip()
    return work


def write_fake_works(records: Sequence[Record], path: Path) -> Path:
    """Write the records in the fake upstream's JSONL format; returns ``path``."""
    lines = (json.dumps(fake_work(r), ensure_ascii=False) for r in records)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def build_reference_list(records: Sequence[Record], size: int, seed: int = 4) -> ReferenceList:
    """``size`` distinct records rendered as citations; ~:data:`ERROR_SHARE` with one error."""
    rng = random.Random(seed)
    chosen = rng.sample(list(records), size)
    references: list[str] = []
    errors: dict[int, str] = {}
    kinds = list(_INJECTORS)
    for index, record in enumerate(chosen, start=1):
        cited = dict(record)
        if rng.random() < ERROR_SHARE:
            kind = kinds[len(errors) % len(kinds)]
            cited = _INJECTORS[kind](cited, rng)
            errors[index] = kind
        references.append(
            render(
                cited,
                STYLES[index % len(STYLES)],
                with_doi=rng.random() < DOI_SHARE,
                et_al_after=ET_AL_AFTER if rng.random() < ET_AL_SHARE else None,
            )
        )
    return ReferenceList(tuple(references), errors)


def wrong_year(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Off by one to three years, either way: 2006 -> 2008."""
    return {**record, "year": int(record["year"]) + rng.choice((-3, -2, -1, 1, 2, 3))}


def wrong_volume(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A neighbouring volume (127 -> 128), or a digit appended when it is not a number."""
    volume = str(record["volume"])
    changed = str(int(volume) + rng.randint(1, 3)) if volume.isdigit() else volume + "1"
    return {**record, "volume": changed}


def wrong_pages(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The page range shifted (679-695 -> 681-697), or an article number's last digit changed."""
    first, last = str(record["first_page"]), record.get("last_page")
    if first.isdigit() and (last is None or str(last).isdigit()):
        shift = rng.randint(1, 9)
        shifted = str(int(last) + shift) if last is not None else None
        return {**record, "first_page": str(int(first) + shift), "last_page": shifted}
    digit = str((int(first[-1]) + 1) % 10) if first[-1].isdigit() else "1"
    return {**record, "first_page": first[:-1] + digit}


def misspelled_author(record: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The first author's family name with two neighbouring inner letters swapped."""
    authors = [dict(a) for a in record["authors"]]
    family = str(authors[0].get("family") or "")
    if len(family) >= 4:
        i = rng.randint(1, len(family) - 3)
        family = family[:i] + family[i + 1] + family[i] + family[i + 2 :]
    else:
        family += "e"
    authors[0]["family"] = family
    return {**record, "authors": authors}


_INJECTORS: Final[Mapping[str, Callable[[dict[str, Any], random.Random], dict[str, Any]]]] = {
    "year": wrong_year,
    "volume": wrong_volume,
    "pages": wrong_pages,
    "author": misspelled_author,
}
