"""Stable, path-shaped section ids (the scheme of ``docs/section-ids.md``).

An id is the path from the top of the outline to the unit, one ``<prefix>_<label>`` step per
level, joined by ``__``: ``chp_II__art_5__cl_2__pt_a`` is điểm a khoản 2 Điều 5 in Chương II,
``hd_II__hd_1__item_3`` the third dash item under heading II.1 of a guidance document.
Items and stand-alone paragraphs have no printed number, so their step is their 1-based
ordinal among siblings of the same kind. An id already used in the document gets ``_2``,
``_3``, … appended to its last step.

>>> ids = IdRegistry()
>>> ids.make("", "chapter", "II", 1)
'chp_II'
>>> ids.make("chp_II", "point", "đ", 1), ids.make("", "item", "-", 3)
('chp_II__pt_đ', 'item_3')
>>> ids.make("", "chapter", "II", 1)
'chp_II_2'
"""

from __future__ import annotations

from vbpl.lexicon.units import id_prefixes
from vbpl.model import Section


def id_step(kind: str, label: str, ordinal: int) -> str:
    """One step of an id: ``art_5``, ``pt_đ``, ``item_3`` (items and paragraphs by ordinal).

    >>> id_step("article", "5", 1), id_step("item", "+", 2), id_step("appendix", "", 1)
    ('art_5', 'item_2', 'app_1')
    """
    prefix = id_prefixes()[kind]
    if kind in ("item", "paragraph") or not label:
        return f"{prefix}_{ordinal}"
    return f"{prefix}_{label.replace(' ', '')}"


class IdRegistry:
    """Hands out ids for one document and keeps them unique."""

    __slots__ = ("_next", "_used")

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._next: dict[str, int] = {}  # base id -> next suffix to try (keeps repeats linear)

    def make(self, parent: str, kind: str, label: str, ordinal: int) -> str:
        """The id of a unit under ``parent`` (``""`` at the top), made unique."""
        step = id_step(kind, label, ordinal)
        base = f"{parent}__{step}" if parent else step
        if base not in self._used:
            self._used.add(base)
            return base
        n = self._next.get(base, 2)
        while f"{base}_{n}" in self._used:
            n += 1
        self._next[base] = n + 1
        out = f"{base}_{n}"
        self._used.add(out)
        return out


def label_paths(sections: tuple[Section, ...] | list[Section]) -> list[str]:
    """The outline as label paths, the shape of ``../shared/seed/*.gold.json``.

    Each unit's path is its ancestors' labels and its own joined by ``/``; a dash or plus
    item is its bullet and its ordinal among item siblings (``II/1/-2`` = second dash item
    under heading 1 under II); a stand-alone paragraph is ``¶n``; an appendix ``PL`` plus
    its label or ordinal.

    >>> from vbpl.model import Span
    >>> item = Section("hd_II__item_1", "item", "-", None, "- a", Span(5, 8))
    >>> label_paths([Section("hd_II", "heading", "II", "X", "II. X", Span(0, 8), (item,))])
    ['II', 'II/-1']
    """
    out: list[str] = []

    def walk(secs: tuple[Section, ...] | list[Section], prefix: str) -> None:
        counts: dict[str, int] = {}
        for sec in secs:
            counts[sec.kind] = counts.get(sec.kind, 0) + 1
            if sec.kind == "item":
                step = f"{sec.label}{counts['item']}"
            elif sec.kind == "paragraph":
                step = f"¶{counts['paragraph']}"
            elif sec.kind == "appendix":
                step = f"PL{sec.label or counts['appendix']}"
            else:
                step = sec.label
            path = f"{prefix}/{step}" if prefix else step
            out.append(path)
            walk(sec.children, path)

    walk(sections, "")
    return out


__all__ = ["IdRegistry", "id_step", "label_paths"]
