"""Look up pinpoints in an outline: unit paths (``(('article', '5'), ('clause', '2'))``) -> ids.

Reads: a document's sections (kind and label of each unit, whatever id scheme the parser
uses). Writes: an :class:`OutlineIndex` that finds the section of a unit path, either from the
top of the document or relative to a section (``khoản 2 Điều này`` from inside Điều 5).

>>> from vbpl.model import Section, Span
>>> cl = Section("art_5__cl_2", "clause", "2", None, "", Span(10, 20))
>>> art = Section("art_5", "article", "5", None, "", Span(0, 20), (cl,))
>>> ix = OutlineIndex((art,))
>>> ix.find((("article", "5"), ("clause", "2")))
'art_5__cl_2'
>>> ix.find((("clause", "2"),), within="art_5")
'art_5__cl_2'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from vbpl.model import Section

#: unit kinds a pinpoint can name, lowest first
LEVELS = ("point", "clause", "article", "subsection", "section", "chapter", "part", "appendix")
_TOP_KINDS = frozenset({"article", "chapter", "part", "appendix", "section"})
#: units a Party or guidance outline writes as headings (I., 1., 1.1)
_HEADED = frozenset({"part", "section", "point"})


class OutlineIndex:
    """Unit paths of a document's outline mapped to section ids, with ancestors."""

    __slots__ = (
        "_by_path",
        "_children",
        "_ends",
        "_has_headings",
        "_kind",
        "_order",
        "_parent",
        "_pending",
        "_pidx",
        "_starts",
    )

    def __init__(self, sections: Iterable[Section], *, lazy: bool = False) -> None:
        """Index ``sections``; ``lazy``: only when first asked (a registry holds the outline
        of every document, and most are never the target of a pinpoint)."""
        self._pending: tuple[Section, ...] | None = tuple(sections)
        if not lazy:
            self._build()

    def _build(self) -> None:
        sections, self._pending = self._pending or (), None
        self._by_path: dict[tuple[tuple[str, str], ...], str] = {}
        self._kind: dict[str, str] = {}
        self._parent: dict[str, str | None] = {}
        self._children: dict[str | None, dict[tuple[str, str], str]] = {}
        self._order: list[str] = []
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._pidx: list[int] = []  # index of each section's parent in document order, -1 at top
        self._has_headings = False

        tops = self._by_path
        kind_of, parent_of, children = self._kind, self._parent, self._children
        pidx, order, starts, ends = self._pidx, self._order, self._starts, self._ends
        # iterative depth-first walk: (section, parent id, parent index)
        todo: list[tuple[Section, str | None, int]] = [(s, None, -1) for s in reversed(sections)]
        pop, push = todo.pop, todo.append
        while todo:
            sec, parent, pi = pop()
            k = len(order)
            sid, kind, span = sec.id, sec.kind, sec.span
            kind_of[sid] = kind
            parent_of[sid] = parent
            pidx.append(pi)
            order.append(sid)
            starts.append(span.start)
            ends.append(span.end)
            unit = (kind, sec.label)
            mine = children.get(parent)
            if mine is None:
                mine = children[parent] = {}
            if unit not in mine:
                mine[unit] = sid
            if kind == "heading":
                self._has_headings = True
            if kind in _TOP_KINDS and (unit,) not in tops:
                # a pinpoint may start at any article, chapter, part, section or appendix
                tops[(unit,)] = sid
            for c in reversed(sec.children):
                push((c, sid, k))

    def __len__(self) -> int:
        if self._pending is not None:
            self._build()
        return len(self._order)

    def find(self, path: tuple[tuple[str, str], ...], within: str | None = None) -> str | None:
        """The id of the unit at ``path``; with ``within``, the path is read below the
        nearest ancestor of ``within`` (itself included) that has its first unit as a child,
        stepping up the ancestors ("khoản 2" inside Điều 5 -> khoản 2 of Điều 5).

        A Party or guidance outline numbers its parts with headings (I., 1., 1.1): "mục 2
        phần III", "điểm 4 mục IV" name its headings III/2 and IV/4 when no Phần, Mục or
        điểm has that path."""
        if self._pending is not None:
            self._build()
        sid = self._find(path, within)
        if sid is None and path and self._has_headings and any(k in _HEADED for k, _ in path):
            sid = self._find(tuple(("heading" if k in _HEADED else k, v) for k, v in path), within)
        return sid

    def _find(self, path: tuple[tuple[str, str], ...], within: str | None) -> str | None:
        if not path:
            return within
        if within is not None:
            node: str | None = within
            while node is not None:
                sid = self._walk(node, path)
                if sid is not None:
                    return sid
                node = self._parent.get(node)
        top = self._by_path.get(path[:1])
        if top is not None:
            return top if len(path) == 1 else self._walk(top, path[1:])
        return self._walk(None, path)

    def _walk(self, node: str | None, path: tuple[tuple[str, str], ...]) -> str | None:
        for unit in path:
            nxt = self._children.get(node, {}).get(unit)
            if nxt is None:
                return None
            node = nxt
        return node

    def ancestor(self, section_id: str | None, kind: str) -> str | None:
        """The nearest section of ``kind`` at or above ``section_id``."""
        if self._pending is not None:
            self._build()
        node = section_id
        while node is not None:
            if self._kind.get(node) == kind:
                return node
            node = self._parent.get(node)
        return None

    def innermost(self, start: int, end: int) -> str | None:
        """The id of the innermost section whose span contains ``[start, end)``."""
        if self._pending is not None:
            self._build()
        k = bisect_right(self._starts, start) - 1
        while k >= 0:
            if self._starts[k] <= start and end <= self._ends[k]:
                return self._order[k]
            k = self._pidx[k]
        return None

    def lca(self, ids: list[str]) -> str | None:
        """The lowest common ancestor of several sections (itself when one)."""
        if self._pending is not None:
            self._build()
        if not ids:
            return None
        chains = []
        for sid in ids:
            chain = []
            node: str | None = sid
            while node is not None:
                chain.append(node)
                node = self._parent.get(node)
            chains.append(chain[::-1])
        out = None
        for level in zip(*chains, strict=False):
            if all(x == level[0] for x in level):
                out = level[0]
            else:
                break
        return out


__all__ = ["LEVELS", "OutlineIndex"]
