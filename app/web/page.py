"""The editors' page at ``/`` and the results-table rows it polls for.

The rows are rendered here, by Jinja with autoescape, and the page's script only moves the
rendered elements into its table: it never builds markup from user data.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.api.routes import SettingsDep
from app.models import Status
from app.web.job_routes import JobsDep, job_or_404
from app.web.rows import STATUS_ICON, STATUS_TEXT, row_of
from app.web.templating import templates
from app.web.uploads import supported_suffixes

router = APIRouter(include_in_schema=False)

# Same-origin only: no inline script or style, no framing, no plug-ins.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


@router.get("/", response_class=HTMLResponse)
async def index(request: Request, settings: SettingsDep) -> HTMLResponse:
    """The form (paste or drop a file), progress, summary, filters and the results table."""
    return templates.TemplateResponse(
        request,
        "index.html",
        {
            "accept": ",".join(supported_suffixes()),
            "accept_listing": " ".join(supported_suffixes()),
            "max_bytes": settings.max_body_bytes,
            "max_mib": round(settings.max_body_bytes / 2**20, 1),
            "max_references": settings.max_references,
            "statuses": [(s.value, STATUS_TEXT[s], STATUS_ICON[s]) for s in Status],
        },
        headers=SECURITY_HEADERS,
    )


@router.get("/jobs/{job_id}/rows", response_class=HTMLResponse)
async def job_rows(request: Request, job_id: str, jobs: JobsDep) -> HTMLResponse:
    """The table rows of the results finished so far, as a ``<table>`` fragment."""
    report = (await job_or_404(job_id, jobs)).report()
    return templates.TemplateResponse(
        request,
        "rows.html",
        {"rows": [row_of(r) for r in report.results]},
        headers=SECURITY_HEADERS,
    )
