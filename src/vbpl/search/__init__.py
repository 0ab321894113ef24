"""Full-text search over documents and their sections, Vietnamese-aware, two engines.

``open_index`` opens (or creates) an index — whoosh (pure Python, the default) or tantivy
(for tens of thousands of documents and more) — and returns a :class:`SearchIndex`:

>>> import tempfile
>>> from vbpl.model import Document, Metadata
>>> with open_index(tempfile.mkdtemp(), engine="tantivy") as ix:
...     ix.add([Document(Metadata(number="13/2023/NĐ-CP", title="Về bảo vệ dữ liệu cá nhân"))])
...     ix.search("13/2023/nđ-cp")[0].number
1
'13/2023/NĐ-CP'

Importing this package is cheap: its names load on first use (the CLI reads the engine
table, :mod:`vbpl.search.engine`, at start-up), whoosh and tantivy when an index is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vbpl.exports import lazy_exports

#: public name -> the module that defines it (loaded on first use)
_EXPORTS = {
    "Hit": "vbpl.search.index",
    "Ranking": "vbpl.search.index",
    "SearchIndex": "vbpl.search.index",
    "SearchResults": "vbpl.search.index",
    "SectionHit": "vbpl.search.index",
    "default_index_path": "vbpl.search.index",
    "open_index": "vbpl.search.index",
    "ParsedQuery": "vbpl.search.query",
    "parse_query": "vbpl.search.query",
}

if TYPE_CHECKING:  # pragma: no cover
    from vbpl.search.index import (
        Hit,
        Ranking,
        SearchIndex,
        SearchResults,
        SectionHit,
        default_index_path,
        open_index,
    )
    from vbpl.search.query import ParsedQuery, parse_query


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

__all__ = [
    "Hit",
    "ParsedQuery",
    "Ranking",
    "SearchIndex",
    "SearchResults",
    "SectionHit",
    "default_index_path",
    "open_index",
    "parse_query",
]
