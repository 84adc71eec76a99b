"""Read the references in an uploaded file, refusing what cannot be read with one clear message.

The file's extension must be one the page offers (:data:`SUPPORTED_SUFFIXES`); the contents
are then read by :func:`app.formats.load_references`, which also trusts magic bytes over the
name (a PDF called ``.txt`` is read as a PDF). ``chapter.doc`` -> "chapter.doc: .doc files are
not supported; upload .txt, .md, .bib, ..."; a broken ``.ris`` -> the format's own message.
"""

from __future__ import annotations

from pathlib import PurePath

from app.formats import Reference, load_references
from app.inputs import InputError

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".md",
    ".bib",
    ".ris",
    ".json",
    ".xml",
    ".nxml",
    ".tex",
    ".bbl",
    ".docx",
    ".pdf",
)


class UnsupportedFile(InputError):
    """The file's type is not one refcheck reads; the message names the supported ones."""


def supported_suffixes() -> tuple[str, ...]:
    """The file name endings the page accepts, e.g. ('.txt', '.md', '.bib', ...)."""
    return SUPPORTED_SUFFIXES


def references_in_file(data: bytes, *, name: str) -> list[Reference]:
    """The references in an uploaded file; raises :class:`InputError` with a message to show."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"{suffix} files are" if suffix else "files without an extension are"
        raise UnsupportedFile(f"{name}: {kind} not supported; upload {_listing()}")
    if not data.strip():
        raise InputError(f"{name}: is empty; nothing to check")
    return load_references(data, path=name)


def _listing() -> str:
    return ", ".join(SUPPORTED_SUFFIXES[:-1]) + " or " + SUPPORTED_SUFFIXES[-1]
