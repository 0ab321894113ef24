"""Normalise Vietnamese text once, keeping a map from every offset back to the raw text.

Reads: a ``str`` as decoded from a file or page. Writes: :class:`Normalized` — the normalised
text and an :class:`OffsetMap`. Every later stage works on the normalised text.

What changes, in one pass:

* line breaks ``\\r\\n`` / ``\\r`` become ``\\n``;
* Unicode NFC (decomposed tone marks, as Windows-1258 and some editors write them, are
  composed: ``quyê\\u0301t`` -> ``quyết``);
* ``Ð``/``ð`` (U+00D0/U+00F0, Icelandic eth, common in old files and numbers such as
  ``NÐ-CP``) become ``Đ``/``đ`` (U+0110/U+0111);
* non-breaking, tab and other Unicode spaces become a plain space; runs of spaces become one;
  spaces at the start and end of a line are dropped; zero-width characters and soft hyphens are
  dropped;
* one tone-mark placement, the "old style" used by the Official Gazette (Công báo) and most
  legal texts: in the open syllables *oa, oe, uy* the mark sits on the first vowel —
  ``hoà`` -> ``hòa``, ``khoẻ`` -> ``khỏe``, ``thuỷ`` -> ``thủy``. Closed syllables are already
  unambiguous (``hoàn``, ``thuyết``). After ``q`` the ``u`` is part of the consonant, so
  ``quý``/``quỳ`` are left alone. ``quí`` (with *i*) is a *spelling* variant, not a placement,
  and is kept in the text; search analysis unifies it (see :mod:`vbpl.search.analysis`).

>>> n = normalize("Ngh\\u1ecb  quy\\u00ea\\u0301t s\\u1ed1 13/2023/N\\u00d0-CP, ho\\u00e0 b\\u00ecnh")
>>> n.text
'Nghị quyết số 13/2023/NĐ-CP, hòa bình'
>>> n.to_raw(n.text.index("quyết"))
6
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, zip_longest
from operator import add, eq, ne, sub

_SPACE_CHARS = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"

# One regex finds every site that changes length or content (other than tone placement).
# Zero-width characters count as part of a run of spaces (they vanish, the run becomes one
# space) and as part of a combining cluster ("e<ZWSP><grave>" -> "è").
_SPACE_LIKE = f" {_SPACE_CHARS}{_ZERO_WIDTH}"
_CHANGE_RE = re.compile(
    # a guard first: what every alternative needs at its start (a space, CR, eth, combining
    # or zero-width character, or any character before a combining or zero-width one), one
    # cheap test where most positions fail instead of trying every alternative
    rf"(?=[{_SPACE_LIKE}\r\u00d0\u00f0{_COMBINING}]|.[{_ZERO_WIDTH}{_COMBINING}])"
    rf"(?:(?P<nl>\r\n?)"
    rf"|(?P<lead>(?<=[\n\r])[{_SPACE_LIKE}]+|^[{_SPACE_LIKE}]+)"
    rf"|(?P<trail>[{_SPACE_LIKE}]+(?=\r|\n|$))"
    rf"|(?P<run>[{_SPACE_LIKE}]{{2,}}|[{_SPACE_CHARS}])"
    rf"|(?P<zw>[{_ZERO_WIDTH}]+)"
    rf"|(?P<eth>[\u00d0\u00f0])"
    rf"|(?P<comb>.?[{_ZERO_WIDTH}]*[{_COMBINING}][{_COMBINING}{_ZERO_WIDTH}]*))",
    re.DOTALL,
)
_ZW_TABLE = dict.fromkeys(map(ord, _ZERO_WIDTH))
_ETH = {"\u00d0": "\u0110", "\u00f0": "\u0111"}

# Tone placement: "oà" -> "òa" etc. in open syllables (not followed by a letter), not after q.
_TONES = {
    "a": "àáảãạ",
    "e": "èéẻẽẹ",
    "y": "ỳýỷỹỵ",
}
_FIRST = {"o": "òóỏõọ", "u": "ùúủũụ"}
_PLACEMENT: dict[str, str] = {}
for _first, _seconds in (("o", "ae"), ("u", "y")):
    for _second in _seconds:
        for _i, _marked in enumerate(_TONES[_second]):
            for _upper1 in (False, True):
                for _upper2 in (False, True):
                    f = _first.upper() if _upper1 else _first
                    s = _marked.upper() if _upper2 else _marked
                    nf = _FIRST[_first][_i]
                    nf = nf.upper() if _upper1 else nf
                    ns = _second.upper() if _upper2 else _second
                    _PLACEMENT[f + s] = nf + ns
# The pairs of _PLACEMENT, written so that the regex starts with a character set (re scans for
# it quickly; an alternation first would be tried at every position, 2.5 times slower): both
# letters from their sets, then a look-behind keeps the pairs that belong together (o + a/e,
# u + y); the next look-behind excludes a pair after q/Q.
_AE_MARKED = _TONES["a"] + _TONES["a"].upper() + _TONES["e"] + _TONES["e"].upper()
_Y_MARKED = _TONES["y"] + _TONES["y"].upper()
_PLACEMENT_RE = re.compile(
    f"[oOuU][{_AE_MARKED}{_Y_MARKED}](?<=[oO][{_AE_MARKED}]|[uU][{_Y_MARKED}])"
    r"(?<![qQ]..)(?![\w" + _COMBINING + "])"
)
# Where _CHANGE_RE can match: a line holding one of these needs the full scan; other lines are
# left as they are (most lines of a clean text), which keeps normalisation fast.
_CANDIDATE_RE = re.compile(rf"[\r\u00d0\u00f0{_SPACE_CHARS}{_ZERO_WIDTH}{_COMBINING}]")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets of the normalised text back to the raw text.

    Stored as breakpoints: ``norm[i]`` in the normalised text corresponds to ``raw[i]`` in the
    raw text, and offsets between two breakpoints move together. A replaced run (``"  "`` ->
    ``" "``) maps its inner offsets to the start of the raw run.
    """

    norm: tuple[int, ...]
    raw: tuple[int, ...]
    raw_length: int
    #: offsets of the normalised text where a tone-mark placement rewrote two characters
    #: (``hoà`` -> ``hòa``: where ``òa`` starts), in order, as :func:`normalize` records
    #: them; ``None`` when not recorded (any other map)
    moved: tuple[int, ...] | None = field(default=None, compare=False, repr=False)

    def to_raw(self, offset: int) -> int:
        """The raw offset of a normalised offset."""
        i = bisect_right(self.norm, offset) - 1
        if i < 0:
            return offset
        delta = offset - self.norm[i]
        nxt_raw = self.raw[i + 1] if i + 1 < len(self.raw) else self.raw_length
        nxt_norm = self.norm[i + 1] if i + 1 < len(self.norm) else None
        # inside a segment of equal length, move together; else clamp to the segment
        if nxt_norm is not None and (nxt_norm - self.norm[i]) != (nxt_raw - self.raw[i]):
            return self.raw[i] if delta == 0 else min(self.raw[i] + delta, nxt_raw)
        return min(self.raw[i] + delta, self.raw_length)

    def to_raw_end(self, offset: int) -> int:
        """The raw offset of a normalised offset that *ends* a span.

        Where characters were dropped right at ``offset`` (a zero-width space, the second of
        two spaces), :meth:`to_raw` lands after them (the right place to start a span); an end
        stays before them.

        >>> m = normalize("a\u200bb").offsets
        >>> m.to_raw(1), m.to_raw_end(1)
        (2, 1)
        """
        i = bisect_left(self.norm, offset)
        if i < len(self.norm) and self.norm[i] == offset:
            return self.raw[i]
        return self.to_raw(offset)

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text normalisation did not change.

        >>> OffsetMap.identity(5).to_raw(3)
        3
        """
        return cls((0,), (0,), length)


class LazyOffsets:
    """The :class:`OffsetMap` of a text, computed the first time a span is mapped back.

    A parsed Document keeps one of these rather than the map itself: normalising again costs
    about as much as the first pass, so only the callers who map spans back pay for it. It
    holds the text as given (the same string object as ``Document.raw`` for plain text).

    >>> LazyOffsets("Nghị  định").to_raw(5)
    6
    """

    __slots__ = ("_map", "_text")

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._map: OffsetMap | None = None

    @property
    def map(self) -> OffsetMap:
        """The map itself (computed once)."""
        if self._map is None:
            self._map = normalize(self._text or "").offsets
            self._text = None
        return self._map

    def to_raw(self, offset: int) -> int:
        """See :meth:`OffsetMap.to_raw`."""
        return self.map.to_raw(offset)

    def to_raw_end(self, offset: int) -> int:
        """See :meth:`OffsetMap.to_raw_end`."""
        return self.map.to_raw_end(offset)


#: a stretch longer than this is halved before its characters are compared
_DIFF_SPAN = 2048
_NONZERO = re.compile(rb"[^\x00]+")


def _differences(text: str, a: int, raw: str, c: int, n: int) -> list[tuple[int, int]]:
    """The runs ``(i, j)`` of differing characters between ``text[a:a+n]`` and
    ``raw[c:c+n]`` (offsets into the stretch), first to last. Found without a loop over
    the characters: a long stretch is halved, the halves that differ halved again, down to
    a few thousand characters, whose differences are the nonzero bytes of the XOR of their
    UTF-32 forms read as integers.

    >>> _differences("hòa thủy", 0, "hoà thuỷ", 0, 8)
    [(1, 3), (6, 8)]
    """
    runs: list[tuple[int, int]] = []
    todo = [(0, n)]  # ranges still to look at, the next one last
    while todo:
        lo, hi = todo.pop()
        x, y = text[a + lo : a + hi], raw[c + lo : c + hi]
        if x == y:
            continue
        if hi - lo > _DIFF_SPAN:
            mid = (lo + hi) // 2
            todo.append((mid, hi))
            todo.append((lo, mid))
            continue
        size = 4 * (hi - lo)
        d = int.from_bytes(x.encode("utf-32-le", "surrogatepass"), "little") ^ int.from_bytes(
            y.encode("utf-32-le", "surrogatepass"), "little"
        )
        for m in _NONZERO.finditer(d.to_bytes(size, "little")):
            i, j = lo + (m.start() >> 2), lo + ((m.end() + 3) >> 2)
            if runs and runs[-1][1] >= i:  # the same character or the next one
                runs[-1] = (runs[-1][0], j)
            else:
                runs.append((i, j))
    return runs


#: the type of the arrays of offsets (4 bytes: a text holds at most 2**31 - 1 characters)
_OFFSET = "i" if array("i").itemsize >= 4 else "l"


class RawEdits(LazyOffsets):
    """The text as read, kept as the edits that turn the normalised text back into it, with
    the normaliser's offset map: what :class:`LazyOffsets` gives without holding the text.

    A parsed Document keeps one of these for ``raw`` and ``offsets`` when that is smaller
    than the text as read (a law: 0.4 MB instead of 24 MB): the edits are the places the
    normaliser changed (a run of spaces, ``\\r\\n``, a composed tone mark, a moved one),
    each as the range of the normalised text and the characters read there.

    >>> raw = "Luật  số 1,\\r\\nhoà bình"
    >>> n = normalize(raw)
    >>> e = RawEdits.of(n.text, raw, n.offsets)
    >>> e.text_as_read(n.text) == raw, e.to_raw(n.text.index("hòa")) == raw.index("hoà")
    (True, True)
    """

    __slots__ = ("_highs", "_lows", "_norm", "_pieces", "_points", "_raw_length")

    def __init__(
        self,
        norm: array[int],
        points: array[int],
        raw_length: int,
        lows: array[int],
        highs: array[int],
        pieces: tuple[str, ...],
    ) -> None:
        super().__init__("")
        self._text = None
        self._norm: array[int] | None = norm
        self._points: array[int] | None = points  # the map's offsets of the text as read
        self._raw_length = raw_length
        self._lows = lows  # edit k replaces text[lows[k]:highs[k]] by pieces[k]
        self._highs = highs
        self._pieces = pieces

    @classmethod
    def of(cls, text: str, raw: str, offsets: OffsetMap) -> RawEdits:
        """The edits that turn ``text`` back into ``raw``, given the map of ``raw``'s
        normalisation (``offsets``). Whatever the map's segments hold, the edits rebuild
        ``raw`` exactly: each change the map records (every other segment, from the second)
        is an edit, and so is every character that differs in the segments between them (a
        tone mark moved within its syllable: where :attr:`OffsetMap.moved` says, else found
        by comparing them)."""
        norm, points = offsets.norm, offsets.raw
        n_end = (*norm[1:], len(text))
        r_end = (*points[1:], offsets.raw_length)
        changes = range(1, len(norm), 2)
        lows = list(map(norm.__getitem__, changes))
        highs = list(map(n_end.__getitem__, changes))
        pieces = list(
            map(
                raw.__getitem__,
                map(slice, map(points.__getitem__, changes), map(r_end.__getitem__, changes)),
            )
        )
        order = list(changes)  # each edit's segment: the edits sorted by it are in text order
        if offsets.moved is not None:  # the stretches between changes differ where marks moved
            for p in offsets.moved:
                for q in (p, p + 1):
                    k = bisect_right(norm, q) - 1
                    if k & 1:  # in a change: its edit holds the characters read there
                        continue
                    read = raw[points[k] + q - norm[k]]
                    if len(order) > len(changes) and order[-1] == k and highs[-1] == q:
                        highs[-1] += 1  # the second character of the pair
                        pieces[-1] += read
                    else:
                        lows.append(q)
                        highs.append(q + 1)
                        pieces.append(read)
                        order.append(k)
        else:  # not recorded: the stretches are compared (in C, most are the same)
            kept = range(0, len(norm), 2)
            differ = compress(
                kept,
                map(
                    ne,
                    map(
                        text.__getitem__,
                        map(slice, map(norm.__getitem__, kept), map(n_end.__getitem__, kept)),
                    ),
                    map(
                        raw.__getitem__,
                        map(slice, map(points.__getitem__, kept), map(r_end.__getitem__, kept)),
                    ),
                ),
            )
            for k in differ:
                a, b, c, d = norm[k], n_end[k], points[k], r_end[k]
                runs = [(0, b - a)] if b - a != d - c else _differences(text, a, raw, c, b - a)
                for i, j in runs:
                    lows.append(a + i)
                    highs.append(a + j if j != b - a else b)
                    pieces.append(raw[c + i : c + j] if j != b - a else raw[c + i : d])
                    order.append(k)
        if len(order) > len(changes):  # (a stable sort keeps a segment's edits in order)
            ranked = sorted(range(len(order)), key=order.__getitem__)
            lows = list(map(lows.__getitem__, ranked))
            highs = list(map(highs.__getitem__, ranked))
            pieces = list(map(pieces.__getitem__, ranked))
        shared: dict[str, str] = {}  # one object per distinct piece (a space, a line end)
        return cls(
            array(_OFFSET, norm),
            array(_OFFSET, points),
            offsets.raw_length,
            array(_OFFSET, lows),
            array(_OFFSET, highs),
            tuple(map(shared.setdefault, pieces, pieces)),
        )

    def text_as_read(self, text: str) -> str:
        """The text as read, rebuilt from ``text`` (the normalised text these edits were
        made from): its kept stretches and the edits' pieces, joined in C."""
        kept = map(
            text.__getitem__,
            map(slice, chain((0,), self._highs), chain(self._lows, (len(text),))),
        )
        return "".join(chain.from_iterable(zip_longest(kept, self._pieces, fillvalue="")))

    def rebuilds(self, raw: str, text: str) -> bool:
        """Whether :meth:`text_as_read` of ``text`` is ``raw``, found without building it
        (the kept stretches and the pieces compared with their places in ``raw``, in C).

        >>> n = normalize("Điều  1. Hoà")
        >>> e = RawEdits.of(n.text, "Điều  1. Hoà", n.offsets)
        >>> e.rebuilds("Điều  1. Hoà", n.text), e.rebuilds("Điều  1. Hòa", n.text)
        (True, False)
        """
        if len(raw) != self._raw_length:
            return False
        starts = (0, *self._highs)
        ends = (*self._lows, len(text))
        kept = tuple(map(sub, ends, starts))
        if sum(kept) + sum(map(len, self._pieces)) != len(raw):
            return False
        # where each kept stretch and each piece starts in ``raw``, one after the other
        at = tuple(
            accumulate(
                chain.from_iterable(zip_longest(kept, map(len, self._pieces), fillvalue=0)),
                initial=0,
            )
        )
        kept_at, piece_at = at[0::2], at[1::2]
        same = map(
            eq,
            map(text.__getitem__, map(slice, starts, ends)),
            map(raw.__getitem__, map(slice, kept_at, map(add, kept_at, kept))),
        )
        return all(same) and all(
            map(eq, self._pieces, map(raw.__getitem__, map(slice, piece_at, at[2::2])))
        )

    @property
    def map(self) -> OffsetMap:
        """The normaliser's map (made once; the arrays it is made from are dropped then)."""
        if self._map is None:
            norm, points = self._norm, self._points
            assert norm is not None and points is not None
            self._map = OffsetMap(tuple(norm), tuple(points), self._raw_length)
            self._norm = self._points = None
        return self._map

    @property
    def nbytes(self) -> int:
        """About how many bytes these edits take (the object, its arrays and pieces)."""
        arrays = (self._norm, self._points, self._lows, self._highs)
        size = sys.getsizeof(self) + sum(sys.getsizeof(a) for a in arrays if a is not None)
        size += sys.getsizeof(self._pieces) + sum(map(sys.getsizeof, set(self._pieces)))
        return size if self._map is None else size + _map_bytes(self._map)


def _map_bytes(m: OffsetMap) -> int:
    return sum(sys.getsizeof(x) for x in (m, m.norm, m.raw)) + 32 * (len(m.norm) + len(m.raw))


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus its map back to the raw text."""

    text: str
    offsets: OffsetMap

    def to_raw(self, offset: int) -> int:
        """The raw offset of a normalised offset (see :class:`OffsetMap`)."""
        return self.offsets.to_raw(offset)


def _replacement(m: re.Match[str]) -> str:
    kind = m.lastgroup
    s = m.group()
    if kind == "nl":
        return "\n"
    if kind in ("lead", "trail", "zw"):
        return ""
    if kind == "run":
        return " " if s.translate(_ZW_TABLE) else ""
    if kind == "eth":
        return _ETH[s]
    # combining cluster
    out = unicodedata.normalize("NFC", s.translate(_ZW_TABLE))
    return "".join(_ETH.get(c, c) for c in out)


def _windows(raw: str) -> list[tuple[int, int]]:
    """Whole-line windows ``[start, end)`` of ``raw`` where :data:`_CHANGE_RE` may match.

    A line needs a look when it holds a candidate character, two spaces in a row, or a space
    at its start or end. Windows hold whole lines (with their ``\\n``), so matching inside them
    gives what matching the whole text would.
    """
    points: list[int] = [m.start() for m in _CANDIDATE_RE.finditer(raw)]
    for pat, at in (("  ", 0), ("\n ", 1), (" \n", 0)):
        i = raw.find(pat)
        while i >= 0:
            points.append(i + at)  # the offset of a space (the line it stands on)
            i = raw.find(pat, i + 1)
    if raw.startswith(" "):
        points.append(0)
    if raw.endswith(" "):
        points.append(len(raw) - 1)
    if not points:
        return []
    points.sort()
    out: list[tuple[int, int]] = []
    n = len(raw)
    for p in points:
        if out and p < out[-1][1]:
            continue
        start = raw.rfind("\n", 0, p) + 1
        nl = raw.find("\n", p + 1)
        end = n if nl < 0 else nl + 1
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _changes(raw: str):
    """Every match of :data:`_CHANGE_RE` in ``raw``, scanning only the lines that can hold one."""
    for start, end in _windows(raw):
        yield from _CHANGE_RE.finditer(raw, start, end)


def place_tone_marks(text: str) -> str:
    """Move tone marks of open *oa, oe, uy* syllables onto the first vowel (length-preserving).

    >>> place_tone_marks("hoà thuận, thuỷ lợi, khoẻ, quý, hoàn thành")
    'hòa thuận, thủy lợi, khỏe, quý, hoàn thành'
    """
    return _PLACEMENT_RE.sub(lambda m: _PLACEMENT[m.group()], text)


#: characters of output gathered before a block up to its last line break is finished
_BLOCK = 1 << 18


class _Blocks:
    """The blocks of :func:`normalize`'s output, tone marks placed, and where marks moved
    (offsets of the output: :attr:`OffsetMap.moved`)."""

    __slots__ = ("blocks", "length", "moved")

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.length = 0  # characters in ``blocks``
        self.moved: list[int] = []

    def placed(self, text: str) -> str:
        """``place_tone_marks(text)`` for the text that follows the blocks (not added)."""
        base, moved = self.length, self.moved

        def place(m: re.Match[str]) -> str:
            moved.append(base + m.start())
            return _PLACEMENT[m.group()]

        return _PLACEMENT_RE.sub(place, text)

    def add(self, text: str) -> None:
        """Add ``text`` as the next block, tone marks placed."""
        block = self.placed(text)
        self.blocks.append(block)
        self.length += len(block)


def _flush(parts: list[str], blocks: _Blocks) -> tuple[list[str], int]:
    """Add to ``blocks`` the text of ``parts`` up to its last line break, tone marks
    placed; return the rest as the new parts and their length."""
    chunk = "".join(parts)
    cut = chunk.rfind("\n") + 1
    if cut == 0:
        return [chunk], len(chunk)
    blocks.add(chunk[:cut])
    rest = chunk[cut:]
    return [rest], len(rest)


def _emit(raw: str, pos: int, stop: int, parts: list[str], blocks: _Blocks) -> int:
    """Finish blocks of unchanged text ``raw[pos:stop]`` (``parts`` before it) up to its last
    line break, about :data:`_BLOCK` characters each; return where the rest starts."""
    last = raw.rfind("\n", pos, stop)
    while pos <= last:
        end = raw.find("\n", min(pos + _BLOCK, last), last + 1) + 1
        parts.append(raw[pos:end])
        blocks.add("".join(parts))
        parts.clear()
        pos = end
    return pos


def normalize(raw: str) -> Normalized:
    """Normalise ``raw`` (see the module docstring) and keep the offset map.

    Runs in one linear pass; text that is already clean is returned with an identity map.
    """
    norm_points = [0]
    raw_points = [0]
    # the output is built in blocks that end with a line break, each with its tone marks
    # placed (no placement spans a line break, and one next to a line break sees the same
    # context in a block as in the whole text): the pieces of a block and the whole text
    # with marks not yet placed are never alive at once (a law: 4.5x instead of 6x the input)
    blocks = _Blocks()
    parts: list[str] = []
    pos = 0
    out_len = 0
    pending = 0  # characters in ``parts``
    limit = _BLOCK  # finish a block when ``pending`` reaches this
    for m in _changes(raw):
        rep = _replacement(m)
        s, e = m.span()
        if rep == m.group():
            continue
        if s - pos > _BLOCK:  # a long stretch without changes: in blocks, not one slice
            done = _emit(raw, pos, s, parts, blocks)
            out_len += done - pos
            pos = done
            pending = sum(map(len, parts))
        if s > pos:
            parts.append(raw[pos:s])
            out_len += s - pos
            pending += s - pos
        # breakpoint at the start of the change and after it
        norm_points.append(out_len)
        raw_points.append(s)
        parts.append(rep)
        out_len += len(rep)
        pending += len(rep)
        norm_points.append(out_len)
        raw_points.append(e)
        pos = e
        if pending >= limit:
            parts, pending = _flush(parts, blocks)
            # a long line without a break is carried over: wait until it has doubled
            limit = pending + max(_BLOCK, pending)
    if len(norm_points) == 1:
        text = blocks.placed(raw)  # nothing changed: the same string when no mark moves
    else:
        pos = _emit(raw, pos, len(raw), parts, blocks)
        parts.append(raw[pos:])
        blocks.add("".join(parts))
        del parts
        text = "".join(blocks.blocks)
        blocks.blocks.clear()
    moved: tuple[int, ...] | None = tuple(blocks.moved)
    if not unicodedata.is_normalized("NFC", text):
        # rare: characters NFC changes on their own (singletons such as U+212B); length-stable
        # for Vietnamese, so compose char by char to keep offsets aligned where possible
        text = "".join(c if len(n := unicodedata.normalize("NFC", c)) != 1 else n for c in text)
        text = place_tone_marks(text)  # (singletons are never part of a placement's context)
        moved = None  # what changed there is not recorded
    return Normalized(text, OffsetMap(tuple(norm_points), tuple(raw_points), len(raw), moved))


def normalize_text(raw: str) -> str:
    """Just the normalised text of ``raw``.

    >>> normalize_text("Thông tư  số 05/2024/TT-BGDÐT")
    'Thông tư số 05/2024/TT-BGDĐT'
    """
    return normalize(raw).text


__all__ = [
    "LazyOffsets",
    "Normalized",
    "OffsetMap",
    "RawEdits",
    "normalize",
    "normalize_text",
    "place_tone_marks",
]
