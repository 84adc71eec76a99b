"""Reference strings -> :class:`~app.models.Citation`: the parse step of the pipeline.

``parse_reference`` is the entry point; the modules beside it hold the parts: identifiers (DOI,
PMID), author names, sentence splitting and one layout pattern per citation style.
"""

from app.parsing.names import AuthorList, NameOrder, parse_authors
from app.parsing.parser import parse_reference

__all__ = ["AuthorList", "NameOrder", "parse_authors", "parse_reference"]
