"""`refcheck check` on files it cannot or can barely read: exit 2 with one line, or decode.

Extends tests/e2e/test_chapter_cli.py (missing file, directory, empty stdin).
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.e2e.conftest import run_refcheck
from tests.fake_upstream import FakeServer

pytestmark = pytest.mark.e2e

CORRECT_REFERENCES = (
    "Fidler IJ. The pathogenesis of cancer metastasis: the 'seed and soil' hypothesis revisited. "
    "Nat Rev Cancer. 2003;3:453–8.\n"
    "Joyce JA, Pollard JW. Microenvironmental regulation of metastasis. Nat Rev Cancer. "
    "2009;9:239–52.\n"
)
LATIN_1 = "Müller A, Ñúñez B. Título. Rev Esp. 2001;1:1-2.\n".encode("latin-1")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(LATIN_1, "not UTF-8 text", id="latin-1"),
        pytest.param(b"", "is empty", id="empty-file"),
        pytest.param(b" \n\t\n", "is empty", id="whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not UTF-8 text", id="binary"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8", "broken UTF-16", id="broken-utf-16"),
    ],
)
def test_an_unreadable_file_exits_2_with_one_clear_line(
    healthy_fake: FakeServer, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "refs.txt"
    path.write_bytes(content)

    run = run_refcheck(healthy_fake, "check", str(path))

    assert run.code == 2
    assert run.stdout == ""
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith(f"refcheck: {path}")
    assert message in line


@pytest.mark.parametrize(
    "encoding", [pytest.param("utf-16", id="utf-16-with-bom"), pytest.param("utf-8-sig", id="bom")]
)
def test_a_file_with_a_byte_order_mark_is_decoded_and_checked(
    healthy_fake: FakeServer, tmp_path: Path, encoding: str
) -> None:
    path = tmp_path / "refs.txt"
    path.write_bytes(CORRECT_REFERENCES.encode(encoding))

    run = run_refcheck(healthy_fake, "check", str(path), "--format", "json")

    assert run.code == 0, run.stderr
    assert [r["status"] for r in run.json()["results"]] == ["verified", "verified"]
