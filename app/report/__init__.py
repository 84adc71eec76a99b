"""Renderings of a :class:`~app.models.Report`: text for people (``app.report.text``)."""

from app.report.text import render_text

__all__ = ["render_text"]
