"""Result lists of corpus queries that show themselves as tables in a notebook.

They are plain lists (they compare equal to lists and serialise as lists) that remember the
corpus they came from, so that ``_repr_html_`` can show each key's type, date and title.

>>> KeyList(["45-NQ/TW@2023"]) == ["45-NQ/TW@2023"]
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vbpl.display import rows_html
from vbpl.model import Task

if TYPE_CHECKING:  # pragma: no cover
    from vbpl.corpus.corpus import Corpus


class KeyList(list[str]):
    """Document keys answered by a corpus query (``cites``, ``cited_by``)."""

    def __init__(self, keys: Any = (), *, corpus: Corpus | None = None) -> None:
        super().__init__(keys)
        self.corpus = corpus

    def rows(self) -> list[dict[str, Any]]:
        """One row per key: key, type, number, date, issuer, title (blank when not in corpus)."""
        out = []
        for key in self:
            doc = self.corpus.find(key) if self.corpus is not None else None
            md = doc.metadata if doc else None
            out.append(
                {
                    "key": key,
                    "doc_type": md.doc_type if md else None,
                    "issued": md.issued.isoformat() if md and md.issued else None,
                    "issuer": md.issuer if md else None,
                    "title": md.title if md else None,
                }
            )
        return out

    def _repr_html_(self) -> str:
        return rows_html(self.rows(), caption=f"{len(self)} documents")


class TaskList(list[Task]):
    """Task items answered by :meth:`Corpus.tasks`."""

    def __init__(self, tasks: Any = (), *, corpus: Corpus | None = None) -> None:
        super().__init__(tasks)
        self.corpus = corpus

    def to_dicts(self) -> list[dict[str, Any]]:
        """The tasks as JSON-ready dicts (the ``vbpl tasks --json`` shape)."""
        return [t.to_dict() for t in self]

    def rows(self) -> list[dict[str, Any]]:
        """One row per task: document, section, actor, deadline, sources, text."""
        return [
            {
                "document": t.document,
                "section": t.section,
                "actor": t.actor,
                "deadline": t.deadline,
                "sources": ", ".join(
                    f"{s.key or s.number}" + (" (inherited)" if s.via == "inherited" else "")
                    for s in t.sources
                ),
                "text": t.text if len(t.text) <= 160 else t.text[:159] + "…",
            }
            for t in self
        ]

    def _repr_html_(self) -> str:
        return rows_html(self.rows(), caption=f"{len(self)} tasks")


__all__ = ["KeyList", "TaskList"]
