"""Which kinds of registered work may stand for a citation.

A search for an article also finds its erratum ("Correction to: <title>"), its retraction
notice and its preprint, all with the same title and authors. None of them is what the citation
describes unless the citation says so: its title is itself a notice, or it cites a preprint
server.
"""

from __future__ import annotations

import re
from typing import Final

from app.compare.venue import registered_journal_names
from app.models import Citation, Record, WorkType
from app.normalize import fold
from app.records import is_notice_title

_PREPRINT_SOURCE: Final = re.compile(r"rxiv|preprint|research square|ssrn")


def work_kind_rejection(citation: Citation, record: Record) -> str | None:
    """Why ``record`` is the wrong kind of work for ``citation``, or None when it may be it.

    >>> from app.models import Source
    >>> notice = Record(sources=(Source.CROSSREF,), title="Correction to: Cancer metastasis")
    >>> work_kind_rejection(Citation(index=1, raw="...", title="Cancer metastasis"), notice)
    'a correction or retraction notice'
    """
    if _is_notice(record) and not is_notice_title(citation.title or ""):
        return "a correction or retraction notice"
    if _is_preprint(record) and not _cites_preprint(citation):
        return "a preprint"
    return None


def _is_notice(record: Record) -> bool:
    notice_types = (WorkType.ERRATUM, WorkType.RETRACTION)
    return record.work_type in notice_types or is_notice_title(record.title or "")


def _is_preprint(record: Record) -> bool:
    names = fold(" ".join(registered_journal_names(record)))
    return record.work_type is WorkType.PREPRINT or bool(_PREPRINT_SOURCE.search(names))


def _cites_preprint(citation: Citation) -> bool:
    return bool(_PREPRINT_SOURCE.search(fold(f"{citation.raw} {citation.journal or ''}")))
