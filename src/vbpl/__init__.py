"""vbpl — read Vietnamese legal and Party documents: structure, references, search.

The public API, importable from ``vbpl`` directly (names load on first use, so that
``import vbpl`` stays fast):

>>> import vbpl
>>> doc = vbpl.parse("Điều 1. Phạm vi điều chỉnh\\nLuật này quy định về thanh niên.")
>>> [s.id for s in doc.sections]
['art_1']
>>> [r.number for r in vbpl.find_references("theo Nghị định số 13/2023/NĐ-CP")]
['13/2023/NĐ-CP']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vbpl.exports import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "parse": "vbpl.pipeline",
    "parse_file": "vbpl.pipeline",
    "parse_bytes": "vbpl.pipeline",
    "find_references": "vbpl.pipeline",
    "Corpus": "vbpl.corpus",
    "SearchIndex": "vbpl.search",
    "open_index": "vbpl.search",
    "normalize": "vbpl.text.normalize",
    "fold": "vbpl.text.fold",
    "VbplError": "vbpl.errors",
    "Document": "vbpl.model",
    "Metadata": "vbpl.model",
    "Section": "vbpl.model",
    "Reference": "vbpl.model",
    "Relation": "vbpl.model",
    "Span": "vbpl.model",
    "Task": "vbpl.model",
    "TaskSource": "vbpl.model",
}

if TYPE_CHECKING:  # pragma: no cover
    from vbpl.corpus import Corpus
    from vbpl.errors import VbplError
    from vbpl.model import Document, Metadata, Reference, Relation, Section, Span, Task, TaskSource
    from vbpl.pipeline import find_references, parse, parse_bytes, parse_file
    from vbpl.search import SearchIndex, open_index
    from vbpl.text.fold import fold
    from vbpl.text.normalize import normalize


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

__all__ = [
    "Corpus",
    "Document",
    "Metadata",
    "Reference",
    "Relation",
    "SearchIndex",
    "Section",
    "Span",
    "Task",
    "TaskSource",
    "VbplError",
    "find_references",
    "fold",
    "normalize",
    "open_index",
    "parse",
    "parse_bytes",
    "parse_file",
]
