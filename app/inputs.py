"""Read a manuscript from a path or stdin, refusing what cannot be read with one clear line."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import BinaryIO


class InputError(Exception):
    """The input cannot be read as text; the message is shown to the user as is."""


def decode(data: bytes, *, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse anything else.

    Guessing a legacy encoding would silently corrupt author names, so a file that is not
    UTF-8 gets an error that says how to convert it.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: broken UTF-16 text ({exc.reason})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02X} at offset {exc.start}); "
            f"convert it first, e.g. iconv -f latin1 -t utf-8"
        ) from None


def read_source(path: str, *, stdin: BinaryIO) -> bytes:
    """The bytes at ``path`` ('-' for stdin); a missing, unreadable or empty input is an error.

    Bytes, not text: the format (and for text formats the encoding) is decided later.
    """
    name = "stdin" if path == "-" else path
    if path == "-":
        data = stdin.read()
    else:
        file = Path(path)
        if not file.exists():
            raise InputError(f"{name}: no such file")
        if file.is_dir():
            raise InputError(f"{name}: is a directory, not a file")
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise InputError(f"{name}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{name}: is empty; nothing to check")
    return data
