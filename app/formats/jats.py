"""JATS XML (publisher and PMC articles) -> one reference per ``<ref>`` of the ``<ref-list>``.

An ``<element-citation>`` is structured: its ``<person-group>``, ``<article-title>``,
``<source>``, ``<year>``, ``<volume>``, ``<issue>``, ``<fpage>``/``<lpage>`` (or
``<elocation-id>``) and ``<pub-id>`` become citation fields as they are. A
``<mixed-citation>`` is the reference as printed, tags around parts of it: its text goes to the
reference parser. Each reference keeps its ``<ref id>`` as key, its ``<label>`` and its line.

The XML is read with a hardened parser: no DTD, no network, no entity expansion.
"""

from __future__ import annotations

from typing import Final

from lxml import etree

from app.formats.base import FormatError, Reference
from app.formats.fields import pages_of, person, text_or_none, year_of
from app.formats.render import with_display_text
from app.models import Author, Citation, RawReference, SourceLocation
from app.normalize import clean_text, normalize_doi

_PARSER: Final = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)
_STRUCTURED: Final = ("element-citation", "nlm-citation")


def load_jats(data: bytes, *, path: str | None = None) -> list[Reference]:
    """Every ``<ref>`` of the article's reference lists, in document order."""
    name = path or "input"
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"{name}: not well-formed XML ({exc})") from None
    refs = root.xpath("//*[local-name()='ref-list']//*[local-name()='ref']")
    if not refs:
        raise FormatError(f"{name}: no <ref-list> with <ref> elements found")
    references: list[Reference] = []
    for ref in refs:
        reference = _reference(len(references) + 1, ref, path)
        if reference is not None:
            references.append(reference)
    return references


def _reference(index: int, ref: etree._Element, path: str | None) -> Reference | None:
    label = text_or_none(_text(_child(ref, "label")))
    location = SourceLocation(
        line=ref.sourceline or 1,
        end_line=max((e.sourceline or 0 for e in ref.iter()), default=None),
        path=path,
        key=ref.get("id"),
    )
    structured = _descendant(ref, _STRUCTURED)
    if structured is not None:
        return _citation(index, structured, location, label)
    mixed = _descendant(ref, ("mixed-citation",))
    text = clean_text(_text(mixed if mixed is not None else ref))
    if not text:
        return None
    return RawReference(index, text, label=label, location=location)


def _citation(
    index: int, element: etree._Element, location: SourceLocation, label: str | None
) -> Citation:
    authors, et_al = _authors(element)
    year, suffix = year_of(_text(_child(element, "year")))
    pages = pages_of(_text(_child(element, "fpage")), _text(_child(element, "lpage")))
    if pages is None:
        pages = pages_of(_text(_child(element, "elocation-id")))
    title = _child(element, "article-title")
    if title is None:
        title = _child(element, "chapter-title")
    citation = Citation(
        index=index,
        raw="",
        authors=authors,
        et_al=et_al,
        title=text_or_none(_text(title)),
        journal=text_or_none(_text(_child(element, "source"))),
        year=year,
        year_suffix=suffix,
        volume=text_or_none(_text(_child(element, "volume"))),
        issue=text_or_none(_text(_child(element, "issue"))),
        pages=pages,
        doi=normalize_doi(_pub_id(element, "doi")),
        pmid=_pub_id(element, "pmid"),
        location=location,
        label=label or location.key,
    )
    return with_display_text(citation)


def _authors(element: etree._Element) -> tuple[tuple[Author, ...], bool]:
    """Authors of the author person-group (or of an untyped one), and whether "et al." ends it."""
    groups = _children(element, "person-group")
    group = next((g for g in groups if g.get("person-group-type", "author") == "author"), None)
    container = group if group is not None else element
    authors: list[Author] = []
    for child in container:
        kind = etree.QName(child).localname
        if kind in ("name", "string-name"):
            family = " ".join(
                filter(None, (_text(_child(child, "prefix")), _text(_child(child, "surname"))))
            )
            given = _child(child, "given-names")
            initials = given.get("initials") if given is not None else None
            if family:
                authors.append(person(family, initials or _text(given)))
            elif text := text_or_none(_text(child)):
                authors.append(person(text, is_group=" " in text))
        elif kind == "collab" and (text := text_or_none(_text(child))):
            authors.append(person(text, is_group=True))
    et_al = any(etree.QName(c).localname == "etal" for c in container.iter())
    return tuple(authors), et_al


def _pub_id(element: etree._Element, kind: str) -> str | None:
    for pub_id in _children(element, "pub-id"):
        if pub_id.get("pub-id-type", "").lower() == kind:
            return text_or_none(_text(pub_id))
    return None


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _descendant(element: etree._Element, names: tuple[str, ...]) -> etree._Element | None:
    """The first element below ``element`` with one of ``names`` (inside
    ``<citation-alternatives>`` too)."""
    return next(
        (e for e in element.iter() if isinstance(e.tag, str) and etree.QName(e).localname in names),
        None,
    )


def _child(element: etree._Element | None, name: str) -> etree._Element | None:
    if element is None:
        return None
    return next(iter(_children(element, name)), None)


def _text(element: etree._Element | None) -> str:
    """All text inside an element, markup dropped, whitespace folded."""
    if element is None:
        return ""
    return clean_text("".join(element.itertext()))
