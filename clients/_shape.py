"""Checked access to decoded JSON, so a body of the wrong shape fails loudly and typed.

Parsers call these instead of indexing: ``as_dict(body, "envelope")["message"]`` can only
raise :class:`ShapeError`, which the HTTP layer turns into ``MalformedResponse`` (never a
``KeyError`` or ``TypeError`` in the caller's face). Optional scalars are tolerant of the drift
seen upstream: a volume sent as the number ``5`` reads as ``"5"``, an empty string as ``None``.
"""

from __future__ import annotations

import json


class ShapeError(ValueError):
    """The body decoded, or failed to, into something other than the documented shape."""


def load_json(body: bytes) -> object:
    """Decode a JSON body; truncated or non-JSON bytes raise :class:`ShapeError`."""
    try:
        return json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ShapeError(f"invalid JSON ({exc})") from None


def as_dict(value: object, what: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ShapeError(f"{what} should be an object, got {type(value).__name__}")
    return value


def as_list(value: object, what: str) -> list[object]:
    if not isinstance(value, list):
        raise ShapeError(f"{what} should be an array, got {type(value).__name__}")
    return value


def opt_list(value: object, what: str) -> list[object]:
    """An array that may be absent (``None`` reads as empty)."""
    return [] if value is None else as_list(value, what)


def opt_text(value: object, what: str) -> str | None:
    """A scalar as stripped text: ``" 12 "`` -> ``"12"``, ``5`` -> ``"5"``, ``""`` -> ``None``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ShapeError(f"{what} should be a string, got {type(value).__name__}")
    text = str(value).strip()
    return text or None


def opt_int(value: object) -> int | None:
    """A whole number given as a number or as digits (``2012``, ``"2012"``); else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def opt_float(value: object, what: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ShapeError(f"{what} should be a number, got {type(value).__name__}")
    return float(value)
