"""Edits on a text that keep a map back to it, and the composition of such maps.

Every clean-up rule says what it changes as an :class:`Edit` (replace ``text[start:end]`` by
``new``); :func:`apply_edits` applies them all at once and returns the new text with an
:class:`~vbpl.text.normalize.OffsetMap` (new offset -> old offset) of the same kind the
normaliser keeps, so that :func:`compose` can chain the two: an offset of the normalised,
cleaned text maps back to the input as read.

>>> out, m = apply_edits("**Số** 45", [Edit(0, 2, ""), Edit(4, 6, "")])
>>> out, m.to_raw(out.index("45"))
('Số 45', 7)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from vbpl.text.normalize import OffsetMap


@dataclass(frozen=True, slots=True, order=True)
class Edit:
    """Replace ``text[start:end]`` by ``new`` (``new == ""`` deletes, ``start == end`` inserts)."""

    start: int
    end: int
    new: str = ""


def edit_order(e: Edit) -> tuple[int, int, str]:
    """The sort key of an edit: the order of :class:`Edit` itself (start, end, new), compared
    as a tuple in C rather than by the dataclass's Python ``__lt__``.

    >>> sorted([Edit(4, 6), Edit(0, 2, "x"), Edit(0, 2)], key=edit_order)
    [Edit(start=0, end=2, new=''), Edit(start=0, end=2, new='x'), Edit(start=4, end=6, new='')]
    """
    return (e.start, e.end, e.new)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """``text`` with ``edits`` applied, and the map from the result back to ``text``.

    Edits that overlap an earlier one (in order of ``start``) are skipped: rules never fight
    over a character. Unchanged stretches map one to one; a replaced stretch maps to its start.
    """
    norm_points = [0]
    raw_points = [0]
    parts: list[str] = []
    pos = 0
    out_len = 0
    for e in sorted(edits, key=edit_order):
        if e.start < pos or e.end < e.start or e.end > len(text):
            continue
        if text[e.start : e.end] == e.new:
            continue
        if e.start > pos:
            parts.append(text[pos : e.start])
            out_len += e.start - pos
        norm_points.append(out_len)
        raw_points.append(e.start)
        parts.append(e.new)
        out_len += len(e.new)
        norm_points.append(out_len)
        raw_points.append(e.end)
        pos = e.end
    parts.append(text[pos:])
    if len(norm_points) == 1:
        return text, OffsetMap.identity(len(text))
    return "".join(parts), OffsetMap(tuple(norm_points), tuple(raw_points), len(text))


def _forward(m: OffsetMap, mid: int) -> int | None:
    """The offset of ``m``'s result that maps to ``mid`` one to one, else ``None``."""
    i = bisect_right(m.raw, mid) - 1
    if i < 0:
        return mid
    n0, r0 = m.norm[i], m.raw[i]
    if i + 1 < len(m.norm):
        n1, r1 = m.norm[i + 1], m.raw[i + 1]
        if n1 - n0 != r1 - r0:
            return n0 if mid == r0 else None
    return n0 + (mid - r0)


def compose(first: OffsetMap, second: OffsetMap) -> OffsetMap:
    """The map of two stages in a row: ``first`` maps stage-1 text to the input, ``second``
    maps stage-2 text to stage-1 text; the result maps stage-2 text to the input.

    >>> a = apply_edits("**ab**  cd", [Edit(0, 2, ""), Edit(4, 6, "")])  # 'ab  cd'
    >>> b = apply_edits(a[0], [Edit(2, 4, " ")])  # 'ab cd'
    >>> c = compose(a[1], b[1])
    >>> b[0], c.to_raw(3), "**ab**  cd"[c.to_raw(3)]
    ('ab cd', 8, 'c')
    """
    order: set[tuple[int, int]] = set()  # (out, raw): both maps only move forward
    for k, n in enumerate(second.norm):
        order.add((n, first.to_raw(second.raw[k])))
    for k, mid in enumerate(first.norm):
        out = _forward(second, mid)
        if out is not None:
            order.add((out, first.raw[k]))
    norm: list[int] = []
    raw: list[int] = []
    for out, r in sorted(order):
        norm.append(out)
        raw.append(r)
    if not norm or norm[0] != 0:
        norm.insert(0, 0)
        raw.insert(0, first.to_raw(second.to_raw(0)))
    return OffsetMap(tuple(norm), tuple(raw), first.raw_length)


__all__ = ["Edit", "apply_edits", "compose"]
