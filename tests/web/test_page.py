"""The page at / and the rows it polls for, rendered on the server and escaped."""

from __future__ import annotations

import httpx
import pytest

from app.jobs import JobRegistry
from app.models import Result, Status
from tests.web.conftest import SCRIPT, finished_job, gupta_result


async def test_the_page_labels_every_input(client: httpx.AsyncClient) -> None:
    page = (await client.get("/")).text
    for control in ('for="text"', 'for="file"', 'id="text"', 'id="file"', "<legend>Show</legend>"):
        assert control in page
    assert 'accept=".txt,.md,.bib,.ris,.json,.xml,.nxml,.tex,.bbl,.docx,.pdf"' in page
    assert 'data-max-bytes="65536"' in page


async def test_the_page_allows_only_its_own_scripts(client: httpx.AsyncClient) -> None:
    reply = await client.get("/")
    policy = reply.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "<script>" not in reply.text  # no inline script: everything is in refcheck.js


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        pytest.param("/static/refcheck.js", "text/javascript", id="script"),
        pytest.param("/static/refcheck.css", "text/css", id="style"),
    ],
)
async def test_the_assets_are_served_from_the_package(
    client: httpx.AsyncClient, path: str, media_type: str
) -> None:
    reply = await client.get(path)
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith(media_type)


async def test_the_script_never_writes_markup_from_strings(client: httpx.AsyncClient) -> None:
    script = (await client.get("/static/refcheck.js")).text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script


async def test_a_mismatch_row_shows_cited_and_registered_with_the_difference_marked(
    client: httpx.AsyncClient, jobs: JobRegistry
) -> None:
    jobs.add_finished(finished_job(gupta_result()))
    rows = (await client.get("/jobs/finished-job/rows")).text
    assert '<tr class="sev-error" data-field="year">' in rows
    assert '200<mark class="del">9</mark>' in rows
    assert '200<mark class="ins">6</mark>' in rows
    assert 'href="https://doi.org/10.1016/j.cell.2006.11.001"' in rows
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/17110329/"' in rows
    assert "Confidence 97%" in rows
    assert "✗</span> Mismatch" in rows


async def test_user_input_in_rows_is_escaped(client: httpx.AsyncClient, jobs: JobRegistry) -> None:
    jobs.add_finished(finished_job(Result(1, SCRIPT, Status.NOT_FOUND, reason=SCRIPT)))
    rows = (await client.get("/jobs/finished-job/rows")).text
    assert "<script>" not in rows
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in rows


async def test_rows_of_an_unknown_job_are_404(client: httpx.AsyncClient) -> None:
    reply = await client.get("/jobs/no-such-job/rows")
    assert reply.status_code == 404
    assert "kept for 60 minutes" in reply.json()["detail"]


async def test_the_openapi_document_lists_the_job_api(client: httpx.AsyncClient) -> None:
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert {"/v1/jobs", "/v1/jobs/file", "/v1/jobs/{job_id}"} <= set(paths)
    assert "/jobs/{job_id}/rows" not in paths
