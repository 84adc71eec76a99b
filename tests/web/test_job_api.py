"""The job API over the in-process fake upstream: start, poll, download, and the refusals."""

from __future__ import annotations

import asyncio
import base64
import csv
import io
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.conftest import GUPTA, MAX_BODY_BYTES

FORMATS = Path(__file__).resolve().parents[1] / "data" / "formats"
WEINBERG = "Weinberg RA. The biology of cancer. New York: Garland Science; 2007."


async def wait_done(client: httpx.AsyncClient, job_id: str) -> dict[str, Any]:
    for _ in range(600):
        body: dict[str, Any] = (await client.get(f"/v1/jobs/{job_id}")).json()
        if body["status"] in ("done", "failed"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"job {job_id} did not finish")


async def test_a_job_is_accepted_with_its_location(client: httpx.AsyncClient) -> None:
    reply = await client.post("/v1/jobs", json={"references": [GUPTA]})
    assert reply.status_code == 202
    assert reply.headers["location"] == f"/v1/jobs/{reply.json()['id']}"


async def test_a_finished_job_has_the_same_results_as_verify(client: httpx.AsyncClient) -> None:
    payload = {"references": [GUPTA, WEINBERG]}
    job_id = (await client.post("/v1/jobs", json=payload)).json()["id"]
    job = await wait_done(client, job_id)
    direct = (await client.post("/v1/verify", json=payload)).json()
    assert (job["status"], job["done"], job["total"]) == ("done", 2, 2)
    assert job["results"] == direct["results"]
    assert job["summary"] == direct["summary"]


async def test_a_text_job_finds_the_references_in_it(client: httpx.AsyncClient) -> None:
    text = f"Intro.\n\nReferences\n1. {GUPTA}\n2. {WEINBERG}\n"
    job = await wait_done(client, (await client.post("/v1/jobs", json={"text": text})).json()["id"])
    assert [r["label"] for r in job["results"]] == ["1", "2"]
    year = next(m for m in job["results"][0]["mismatches"] if m["field"] == "year")
    assert (year["cited"], year["found"]) == ("2009", "2006")


async def test_a_text_job_reads_the_format_it_names(client: httpx.AsyncClient) -> None:
    """{"text": ..., "format": "bibtex"} means BibTeX entries, as it does for /v1/verify."""
    bib = (
        "@article{gupta2009, author = {Gupta, G. P. and Massagu{\\'e}, J.},\n"
        "  title = {Cancer metastasis: building a framework}, journal = {Cell},\n"
        "  year = {2009}, volume = {127}, pages = {679--695}}\n"
    )
    reply = await client.post("/v1/jobs", json={"text": bib, "format": "bibtex"})
    job = await wait_done(client, reply.json()["id"])
    assert [r["label"] for r in job["results"]] == ["gupta2009"]
    year = next(m for m in job["results"][0]["mismatches"] if m["field"] == "year")
    assert (year["cited"], year["found"]) == ("2009", "2006")


async def test_an_uploaded_text_file_becomes_a_job(client: httpx.AsyncClient) -> None:
    reply = await client.post(
        "/v1/jobs/file", params={"name": "refs.txt"}, content=f"{GUPTA}\n".encode()
    )
    assert reply.status_code == 202
    job = await wait_done(client, reply.json()["id"])
    assert job["results"][0]["status"] == "mismatch"


async def test_an_uploaded_bibtex_file_is_verified_field_by_field(
    client: httpx.AsyncClient,
) -> None:
    data = (FORMATS / "chapter.bib").read_bytes()
    reply = await client.post("/v1/jobs/file", params={"name": "chapter.bib"}, content=data)
    job = await wait_done(client, reply.json()["id"])
    assert job["total"] == 40  # the file's entries, not its @string and @comment blocks
    gupta = next(r for r in job["results"] if r["label"] == "gupta2009cancer")
    year = next(m for m in gupta["mismatches"] if m["field"] == "year")
    assert (year["cited"], year["found"]) == ("2009", "2006")


async def test_several_manuscripts_are_one_job_numbered_across_them(
    client: httpx.AsyncClient,
) -> None:
    bib = (FORMATS / "chapter.bib").read_bytes()
    payload = {
        "manuscripts": [
            {"name": "notes.txt", "text": f"References\n1. {GUPTA}\n2. {WEINBERG}\n"},
            {"name": "chapter.bib", "content_base64": base64.b64encode(bib).decode()},
        ]
    }
    job = await wait_done(client, (await client.post("/v1/jobs", json=payload)).json()["id"])
    results = job["results"]
    assert job["total"] == 42
    assert [r["index"] for r in results] == list(range(1, 43))
    assert [r["location"]["path"] for r in results[:3]] == ["notes.txt", "notes.txt", "chapter.bib"]
    assert results[0]["location"]["line"] == 2
    assert "gupta2009cancer" in [r["label"] for r in results[2:]]


async def test_a_manuscript_that_cannot_be_read_is_refused_by_name(
    client: httpx.AsyncClient,
) -> None:
    payload = {"manuscripts": [{"name": "refs.ris", "text": "no records here\n"}]}
    reply = await client.post("/v1/jobs", json=payload)
    assert reply.status_code == 422
    assert reply.json()["detail"].startswith("refs.ris: no RIS records found")


async def test_a_job_body_not_declared_json_is_refused(client: httpx.AsyncClient) -> None:
    reply = await client.post("/v1/jobs", content=b"{}", headers={"content-type": "text/plain"})
    assert reply.status_code == 415


@pytest.mark.parametrize(
    ("name", "content", "code", "message"),
    [
        pytest.param(
            "chapter.odt",
            b"PK\x03\x04",
            415,
            "chapter.odt: .odt files are not supported; upload .txt, .md, .bib, .ris, .json, "
            ".xml, .nxml, .tex, .bbl, .docx or .pdf",
            id="unsupported-type",
        ),
        pytest.param(
            "refs.ris", b"no records here\n", 422, "refs.ris: no RIS records found", id="broken-ris"
        ),
        pytest.param("README", b"x", 415, "files without an extension", id="no-extension"),
        pytest.param("latin1.txt", "Müller".encode("latin-1"), 422, "not UTF-8", id="not-utf8"),
        pytest.param("blank.txt", b"  \n", 422, "blank.txt: is empty", id="empty"),
        pytest.param(
            "big.txt", b"x" * (MAX_BODY_BYTES + 1), 413, "request body too large", id="oversized"
        ),
    ],
)
async def test_unreadable_uploads_are_refused_with_a_clear_message(
    client: httpx.AsyncClient, name: str, content: bytes, code: int, message: str
) -> None:
    reply = await client.post("/v1/jobs/file", params={"name": name}, content=content)
    assert reply.status_code == code
    assert message in reply.json()["detail"]


async def test_more_references_than_the_limit_are_refused(client: httpx.AsyncClient) -> None:
    reply = await client.post("/v1/jobs", json={"references": ["x"] * 501})
    assert reply.status_code == 413
    assert "the limit for one request is 500" in reply.json()["detail"]


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({}, id="neither-field"),
        pytest.param({"references": [], "text": "x"}, id="both-fields"),
        pytest.param({"manuscripts": []}, id="no-manuscripts"),
        pytest.param({"manuscripts": [{"name": "a.txt", "text": "x"}], "text": "x"}, id="text-too"),
        pytest.param({"manuscripts": [{"name": "a.txt"}]}, id="manuscript-without-content"),
        pytest.param(
            {"manuscripts": [{"name": "a.txt", "content_base64": "%%%"}]}, id="not-base64"
        ),
    ],
)
async def test_invalid_job_bodies_get_422(client: httpx.AsyncClient, payload: object) -> None:
    assert (await client.post("/v1/jobs", json=payload)).status_code == 422


async def test_an_unknown_job_is_404(client: httpx.AsyncClient) -> None:
    reply = await client.get("/v1/jobs/nope")
    assert reply.status_code == 404
    assert reply.json()["detail"] == "no such job; finished jobs are kept for 60 minutes"


async def test_the_csv_report_and_corrected_list_of_a_job(client: httpx.AsyncClient) -> None:
    job_id = (await client.post("/v1/jobs", json={"references": [GUPTA, WEINBERG]})).json()["id"]
    await wait_done(client, job_id)
    report = await client.get(f"/v1/jobs/{job_id}/report.csv")
    assert report.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in report.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(report.text)))
    assert [r["status"] for r in rows] == ["mismatch", "not_found"]
    corrected = (await client.get(f"/v1/jobs/{job_id}/corrected.txt")).text.splitlines()
    assert "Cell. 2006;127(4):679-95." in corrected[0]
    assert corrected[1] == WEINBERG
