"""The corpus layer: many documents, their keys, the citation graph, tasks and exports.

Kept light: :class:`Corpus` and the loaders import their modules on first use, so that
``import vbpl.corpus`` costs nothing until a corpus is built.

>>> from vbpl.corpus import iter_documents
>>> callable(iter_documents)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vbpl.exports import lazy_exports

_EXPORTS = {
    "Corpus": "vbpl.corpus.corpus",
    "iter_documents": "vbpl.corpus.load",
    "document_from_row": "vbpl.corpus.load",
    "find_tasks": "vbpl.corpus.tasks",
}

if TYPE_CHECKING:  # pragma: no cover
    from vbpl.corpus.corpus import Corpus
    from vbpl.corpus.load import document_from_row, iter_documents
    from vbpl.corpus.tasks import find_tasks


__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

__all__ = ["Corpus", "document_from_row", "find_tasks", "iter_documents"]
