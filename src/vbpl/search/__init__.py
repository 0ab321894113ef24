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

Importing this package is cheap: whoosh and tantivy load when an index is opened.
"""

from vbpl.search.index import (
    Hit,
    Ranking,
    SearchIndex,
    SearchResults,
    default_index_path,
    open_index,
)
from vbpl.search.query import ParsedQuery, parse_query

__all__ = [
    "Hit",
    "ParsedQuery",
    "Ranking",
    "SearchIndex",
    "SearchResults",
    "default_index_path",
    "open_index",
    "parse_query",
]
