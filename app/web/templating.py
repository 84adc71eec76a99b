"""The Jinja2 environment of the page: templates shipped in the package, autoescape always on."""

from __future__ import annotations

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader

templates = Jinja2Templates(
    env=Environment(loader=PackageLoader("app.web", "templates"), autoescape=True)
)
