"""The clean-up stage: a source's own debris out, the document's text kept, offsets kept.

Sits between reading a source (:mod:`vbpl.text.read`, the PDF and Word readers) and the parser
(:mod:`vbpl.parser`). Reads: the text as read. Writes: :class:`Cleaned` — the cleaned text, an
:class:`~vbpl.text.normalize.OffsetMap` back to the text as read (compose it with the
normaliser's map with :func:`compose` so that a span of ``Document.text`` points into the
input), what the source stated about the document (a saved site page's properties table) and
the stretches of the input left out as not part of the document, each with its reason.

What it does, by rule module:

* :mod:`vbpl.clean.markup` — markdown of Word/PDF converters and crawls (emphasis, escapes,
  ``#`` headings, ``*   `` bullets, pipe tables, lone ``|`` lines);
* :mod:`vbpl.clean.site` — a page of the commercial site saved as text: its banner, properties
  table (read as metadata) and notices go;
* :mod:`vbpl.clean.layout` — hard-wrapped lines joined back into their sentences, a division
  heading or body run onto a line put back on its own line, PDF page numbers and running heads.

Nothing of the document is lost: besides markup, only line breaks change, and the stretches
of a site page outside the document are listed in :attr:`Cleaned.removed`.

>>> c = clean("**ĐẢNG ỦY CHÍNH PHỦ**\\n**VĂN PHÒNG**\\n\\\\*\\nSố 402-CV/VPĐU")
>>> c.text
'ĐẢNG ỦY CHÍNH PHỦ\\nVĂN PHÒNG\\n*\\nSố 402-CV/VPĐU'
>>> c.kind, c.to_raw(c.text.index("402"))
('markdown', 42)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vbpl.clean.edits import Edit, apply_edits, compose
from vbpl.clean.layout import (
    date_edits,
    division_edits,
    may_be_hard_wrapped,
    may_have_page_numbers,
    page_break_edits,
    page_edits,
    recased_header,
    title_edits,
    wrap_edits,
)
from vbpl.clean.markup import HEADER_CELL, Line, read_markup
from vbpl.clean.ocr import ocr_mended
from vbpl.clean.site import is_site_page, read_site_page
from vbpl.model import Metadata, Span
from vbpl.parser.extract import Extracted
from vbpl.text.normalize import LazyOffsets, OffsetMap

_MARKDOWN_HINTS = (  # (a character the mark needs, the mark)
    ("\\", re.compile(r"\\[-*.]")),
    ("#", re.compile(r"^#{1,6} ", re.MULTILINE)),
    # a whole paragraph in bold by underscores, as mammoth writes it ("__BÁO CÁO__")
    ("_", re.compile(r"^__[^\W_][^\n]*[^\s_]__[ \t]*$", re.MULTILINE)),
    ("|", re.compile(r"^[ \t]*\|", re.MULTILINE)),
    # a star before a column gap: a converter's bullet, unless the header's star with the
    # other column's cell beside it ("   *      Hà Nội, ngày …" of a PDF or Word copy)
    ("*", re.compile(rf"^[ \t]*\*\s{{2,}}(?!{HEADER_CELL})\S", re.MULTILINE)),
)


_HEAD_LINES = 120  # lines: where a site banner, a header and its title are looked for
_ITALIC_OPEN = re.compile(r"^\*[^\s*]", re.MULTILINE)
_ITALIC_CLOSE = re.compile(r"[^\s*] ?\*[ \t]*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of the input that is not part of the document, and why."""

    span: Span
    reason: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The text of a document once the source's debris is gone.

    ``kind`` names what was found: ``plain``, ``markdown``, ``site-page`` or ``pdf``;
    ``offsets`` maps an offset of ``text`` to the input; ``metadata`` holds what the source
    states outside the text (or ``None``); ``removed`` the stretches left out.
    """

    text: str
    offsets: OffsetMap
    kind: str = "plain"
    metadata: Metadata | None = None
    removed: tuple[Removed, ...] = ()

    def to_raw(self, offset: int) -> int:
        """The input offset of an offset of :attr:`text`."""
        return self.offsets.to_raw(offset)


def looks_like_markdown(text: str) -> bool:
    """Whether a text carries the markup of a converter or crawl (a few marks are enough).

    >>> looks_like_markdown("**I.** MỤC ĐÍCH"), looks_like_markdown("I. MỤC ĐÍCH")
    (True, False)
    """
    head = text[:200_000]
    if "**" in head:
        return True
    if any(c in head and rx.search(head) is not None for c, rx in _MARKDOWN_HINTS):
        return True
    if "*" not in head:
        return False
    # an italic run over two lines: "*Hà Nội, ngày 19" / "tháng 11 năm 2025 *"
    return _ITALIC_OPEN.search(head) is not None and _ITALIC_CLOSE.search(head) is not None


def clean(text: str, *, pdf: bool = False) -> Cleaned:
    """Clean ``text`` as read from a source (see the module docstring).

    ``pdf`` says the text came out of a PDF (pages separated by form feeds): page debris goes
    and every unfinished line is a wrap.
    """
    if (mended := ocr_mended(text)) is not None:
        text = mended  # an image OCR's slips in the header and numbers: the same offsets
    if (recased := recased_header(text)) is not None:
        text = recased  # a lower-case or Title Case header: the same offsets, in capitals
    markdown = looks_like_markdown(text)
    lines: list[Line] | None = None
    if markdown:
        lines, edits = read_markup(text)
        head = lines[:_HEAD_LINES]
    else:  # no markup: the logical lines are the raw lines, built only where a rule needs them
        edits = []
        head = _plain_lines(text, _HEAD_LINES)
    kind = "pdf" if pdf else "markdown" if markdown else "plain"
    removed: list[Removed] = []
    metadata: Metadata | None = None
    if is_site_page(head):
        kind = "site-page"
        lines = lines if lines is not None else _plain_lines(text)
        page = read_site_page(lines)
        metadata = page.metadata
        if page.start > 0:
            cut = lines[page.start].start if page.start < len(lines) else len(text)
            removed.append(Removed(Span(0, cut), "site banner and properties table"))
        if page.end < len(lines):
            cut = lines[page.end].start
            removed.append(Removed(Span(cut, len(text)), "site notices after the document"))
        lines = lines[page.start : page.end]
        head = lines[:_HEAD_LINES]
    if lines is None and (pdf or may_be_hard_wrapped(text) or may_have_page_numbers(text)):
        lines = _plain_lines(text)
    if lines is not None:
        edits += page_edits(text, lines) if pdf and "\f" in text else page_break_edits(text, lines)
        edits += wrap_edits(text, lines, pdf=pdf)
    edits += division_edits(text)
    edits += date_edits(text)
    edits += title_edits(text, head)
    keep_lo = removed[0].span.end if removed and removed[0].span.start == 0 else 0
    keep_hi = len(text)
    if removed and removed[-1].span.end == len(text) and removed[-1].span.start > 0:
        keep_hi = removed[-1].span.start
    edits = [e for e in edits if keep_lo <= e.start and e.end <= keep_hi]
    edits += [Edit(r.span.start, r.span.end) for r in removed]
    out, offsets = apply_edits(text, edits)
    return Cleaned(out, offsets, kind, metadata, tuple(removed))


def _plain_lines(text: str, limit: int | None = None) -> list[Line]:
    """The raw lines of a text without markup as logical lines (the first ``limit`` only)."""
    out: list[Line] = []
    pos = 0
    n = len(text)
    while pos <= n and (limit is None or len(out) < limit):
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        out.append(Line(pos, end, text[pos:end].strip()))
        if nl < 0:
            break
        pos = nl + 1
    return out


def extract_text(text: str, *, pdf: bool = False) -> Extracted:
    """What the parser reads of a text source: the cleaned text and what the source states.

    >>> extract_text("**Số 45-HD/BTCTW**").text
    'Số 45-HD/BTCTW'
    """
    c = clean(text, pdf=pdf)
    return Extracted(
        text=c.text,
        format="text" if c.kind == "plain" else c.kind,
        metadata=c.metadata,
        offsets=None if c.text == text else c.offsets,
    )


class ComposedOffsets(LazyOffsets):
    """The map from ``Document.text`` to the source when the clean-up stage changed the text:
    the normaliser's map (``Document.text`` -> cleaned text; ``None`` when normalising changed
    nothing) then the clean-up map (cleaned text -> source), composed the first time a span is
    mapped back.

    >>> c = clean("**Số  45**")
    >>> ComposedOffsets(c.offsets, LazyOffsets(c.text)).to_raw(3)
    6
    """

    __slots__ = ("_cleaned", "_normalized")

    def __init__(self, cleaned: OffsetMap, normalized: OffsetMap | LazyOffsets | None) -> None:
        super().__init__("")
        self._cleaned = cleaned
        self._normalized = normalized

    @property
    def map(self) -> OffsetMap:
        """The composed map (computed once)."""
        if self._map is None:
            n = self._normalized
            if n is None:
                self._map = self._cleaned
            else:
                self._map = compose(self._cleaned, n.map if isinstance(n, LazyOffsets) else n)
        return self._map


def source_offsets(cleaned: Cleaned, normalized: OffsetMap) -> OffsetMap:
    """The map from ``Document.text`` (normalised cleaned text) to the input as read.

    >>> from vbpl.text.normalize import normalize
    >>> c = clean("**Số  45**")
    >>> n = normalize(c.text)
    >>> source_offsets(c, n.offsets).to_raw(n.text.index("45"))
    6
    """
    return compose(cleaned.offsets, normalized)


__all__ = [
    "Cleaned",
    "ComposedOffsets",
    "Removed",
    "clean",
    "extract_text",
    "looks_like_markdown",
    "source_offsets",
]
