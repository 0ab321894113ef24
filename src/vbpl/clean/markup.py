"""Markdown that Word/PDF converters and site crawls leave in a text, as edits.

Reads: the raw lines of a text. Writes: :class:`Line` objects (the raw extent of each logical
line and its visible text, markup removed) and the :class:`~vbpl.clean.edits.Edit` list that
removes the markup:

* emphasis ``**I.**``, ``*…*`` (a run of stars touching a word); an emphasis left open at the
  end of a line joins the next line to it (a table cell wrapped by the crawler:
  ``**BAN`` / ``CHẤP HÀNH TRUNG ƯƠNG**``);
* emphasis by underscores ``__BÁO CÁO__``, ``_…_`` (mammoth), within a line;
* ``\\-``, ``\\*``, ``1\\.`` escapes (the character stays, the backslash goes);
* ``#`` headings, converter bullets ``*   text`` (a dash item; dropped before a label:
  ``*   **a) Tại Trung ương:**`` is point a);
* grid tables (pandoc's ``+---+---+`` borders): the borders go, the rows are read as a pipe
  table's;
* pipe tables: separator rows go; a layout table (at most two cells a row: the header's two
  columns, a signature cell) has each cell on a line of its own, split again where an
  emphasised run starts or ends inside the cell (``T/M BỘ CHÍNH TRỊ *(Đã ký)* Name``); a data
  table keeps its rows; lone ``|`` lines of a crawled page go.

Characters that are not markup are never removed: a star between spaces, a star line
(``*``, ``* * *``: the line under the issuing body), the header's star with the other
column's cell beside it (``*      Hà Nội, ngày …``) and ``(*)`` stay.

>>> from vbpl.clean.edits import apply_edits
>>> raw = "**BAN\\nTRUNG ƯƠNG**\\n\\\\*\\n*   **a) Tại:**\\n## I- MỤC TIÊU"
>>> lines, edits = read_markup(raw)
>>> apply_edits(raw, edits)[0]
'BAN TRUNG ƯƠNG\\n*\\na) Tại:\\nI- MỤC TIÊU'
>>> [ln.text for ln in lines]
['BAN TRUNG ƯƠNG', '*', 'a) Tại:', 'I- MỤC TIÊU']
>>> [ln.text for ln in read_markup("__BÁO CÁO__\\n_Hà Nội, ngày 2_\\nSố: ___/QĐ\\n____")[0]]
['BÁO CÁO', 'Hà Nội, ngày 2', 'Số: ___/QĐ', '____']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vbpl.clean.edits import Edit, edit_order

_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.MULTILINE)
#: the border of a grid table (pandoc's ``+----+----+``, ``+====+``)
_GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_PIPES_ONLY = re.compile(r"^[\s|]*\|[\s|]*$")
_STAR_LINE = re.compile(r"^[\s|]*(?:\*(?:\s+\*)*|\*{3,})[\s|]*$")
_HEADING = re.compile(r"^(\s*)(#{1,6})(\s+|$)")
_BULLET = re.compile(r"^(\s*)(\*)(\s{2,}|\s(?=\s*\*\*))(?=\S)")
#: what stands after the header's star when a PDF or Word copy kept the columns on one line
#: ("      *          Hà Nội, ngày 12 tháng 3 năm 2025", "   *    Số 05-NQ/ĐU", "  *      ĐẢNG
#: CỘNG SẢN VIỆT NAM", an OCR's "S ố"): a cell of the header, not a converter's bullet
HEADER_CELL = (
    r"[^\n*|]{0,40}?,\s*(?i:ngày)\b|S ?[ốô]:?\s|ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG H(?:ÒA|OÀ) XÃ HỘI"
)
_HEADER_CELL = re.compile(HEADER_CELL)
_ESCAPE = re.compile(r"\\(?=[-*_.#()\[\]!+>|`{}~\\])")
_STARS = re.compile(r"(?<!\\)\*+")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LABEL = re.compile(
    r"^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ]|[A-Z])\s*[.)/\-–]\s|^(?:Điều|Chương|Mục|Phần)\s"
)
_MAX_JOIN = 4  # lines an open emphasis may join
_MARK_CHARS = re.compile(r"[*|#\\<_]")
#: emphasis by underscores, as mammoth writes it (``__BÁO CÁO__``, ``_Hà Nội, ngày …_``): one or
#: two underscores against a word inside the line, the same run closing it; a rule of
#: underscores (``______``) and a blank to fill (``Số: ___/QĐ``) are not emphasis
_UNDERSCORES = re.compile(r"(?<![\w\\])(__?)(?=[^\W_])[^\n]*?[^\s_\\]\1(?![\w])")


@dataclass(slots=True)
class Line:
    """One logical line: raw extent ``[start, end)`` (without its final line break), the text
    it shows once markup is gone, and what kind of line it was.

    ``strong`` — the whole line was bold or a ``#`` heading (a heading, never a wrapped
    sentence); ``table`` — a row of a pipe table; ``joined`` — raw line breaks inside it that
    an open emphasis joined.
    """

    start: int
    end: int
    text: str
    strong: bool = False
    table: bool = False


def _apply_local(raw: str, lo: int, hi: int, edits: list[Edit]) -> str:
    out: list[str] = []
    pos = lo
    for e in sorted(edits, key=edit_order):
        if e.start < pos or (e.start >= hi and e.start != e.end):
            continue
        out.append(raw[pos : e.start])
        out.append(e.new)
        pos = e.end
    out.append(raw[pos:hi])
    return "".join(out)


def _star_edits(
    raw: str, lo: int, hi: int, skip: set[int], carried: int = 0
) -> tuple[list[Edit], int]:
    """Edits removing the emphasis stars of ``raw[lo:hi]``, and the length of the run whose
    emphasis is still open at the line's end (0: none).

    ``carried`` is the run left open by the line above: the first run here that can close it
    does. Within the line a run that can open (a word or bracket follows) pairs with the next
    run of the same length. A run left unpaired at the start of the line (``*Hà Nội, ngày 19``)
    or at its end opens an emphasis the next line closes. Any other star stays: it is text
    (``*.dgn``, ``5 * 3``, ``(*)``).
    """
    runs: list[tuple[int, int, str, str]] = []
    for m in _STARS.finditer(raw, lo, hi):
        a, b = m.span()
        if a in skip:
            continue
        prev = raw[a - 1] if a > lo else ""
        nxt = raw[b] if b < hi else ""
        if prev == "(" and nxt == ")":
            continue  # (*): a footnote mark
        if prev in (" ", "\t") and nxt in (" ", "\t") and prev and nxt:
            continue  # a star between words
        runs.append((a, b, prev, nxt))
    if not runs:
        return [], carried
    if not raw[lo:hi].replace("*", "").strip(" |\t"):  # a line of stars only ("**"): markup
        return [Edit(a, b) for a, b, _, _ in runs], 0 if carried else runs[0][1] - runs[0][0]
    used = [False] * len(runs)
    if carried:
        for k, (_, _, prev, nxt) in enumerate(runs):
            if (prev and not prev.isspace()) or not nxt:
                used[k] = True
                carried = 0
                break
    for k, (a, b, _, nxt) in enumerate(runs):
        if used[k] or not nxt or nxt.isspace() or nxt in ".,;:":
            continue
        for j in range(k + 1, len(runs)):
            if not used[j] and runs[j][1] - runs[j][0] == b - a:
                used[k] = used[j] = True
                break
    open_len = carried
    for k, (a, b, prev, nxt) in enumerate(runs):
        if used[k] or open_len:
            continue
        at_start = not raw[lo:a].strip(" |\t#")
        at_end = not nxt
        opens = nxt and not nxt.isspace() and nxt not in ".,;:"
        if (at_start and opens and k == len(runs) - 1) or (at_end and prev.isspace()):
            used[k] = True
            open_len = b - a
    return [Edit(a, b) for k, (a, b, _, _) in enumerate(runs) if used[k]], open_len


def _cell_breaks(raw: str, lo: int, hi: int) -> list[Edit]:
    """Inside a layout cell: a line break where an emphasised run starts or ends between words."""
    edits: list[Edit] = []
    for m in _STARS.finditer(raw, lo, hi):
        a, b = m.span()
        before = raw[lo:a].strip(" *")
        after = raw[b:hi].strip(" *")
        if a > lo and raw[a - 1] == " " and before:
            edits.append(Edit(a - 1, a, "\n"))
        elif b < hi and raw[b] == " " and after:
            edits.append(Edit(b, b + 1, "\n"))
    return edits


def _table_blocks(raw: str, spans: list[tuple[int, int]]) -> dict[int, bool]:
    """Line index -> whether its pipe table is a layout table (at most two cells a row)."""
    out: dict[int, bool] = {}
    i = 0
    while i < len(spans):
        if not _TABLE_ROW.match(raw, *spans[i]) or raw.count("|", *spans[i]) < 2:
            i += 1
            continue
        j = i
        cells = 0
        while j < len(spans) and _TABLE_ROW.match(raw, *spans[j]):
            s = raw[spans[j][0] : spans[j][1]]
            if not _TABLE_SEP.match(s):
                cells = max(cells, s.strip().count("|") - 1)
            j += 1
        for k in range(i, j):
            out[k] = cells <= 2
        i = j
    return out


def _grid_blocks(raw: str, spans: list[tuple[int, int]]) -> dict[int, bool]:
    """Line index -> whether it is a border (else a row) of a grid table: a border line, then
    rows ``| … | … |`` and borders, ending on a border."""
    out: dict[int, bool] = {}
    i = 0
    while i < len(spans):
        line = raw[spans[i][0] : spans[i][1]]
        if "+" not in line or not _GRID_BORDER.match(line):
            i += 1
            continue
        j = i + 1
        last = i
        while j < len(spans):
            s = raw[spans[j][0] : spans[j][1]]
            if _GRID_BORDER.match(s):
                last = j
            elif not s.lstrip().startswith("|"):
                break
            j += 1
        if last > i:
            for k in range(i, last + 1):
                out[k] = _GRID_BORDER.match(raw[spans[k][0] : spans[k][1]]) is not None
        i = last + 1
    return out


def line_spans(raw: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every line of ``raw`` (without its line break)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    n = len(raw)
    while pos <= n:
        nl = raw.find("\n", pos)
        if nl < 0:
            spans.append((pos, n))
            break
        spans.append((pos, nl))
        pos = nl + 1
    return spans


def read_markup(raw: str) -> tuple[list[Line], list[Edit]]:
    """Logical lines of ``raw`` and the edits that remove its markup (see the module doc)."""
    spans = line_spans(raw)
    grid = _grid_blocks(raw, spans) if "+-" in raw or "+=" in raw else {}
    tables = _table_blocks(raw, spans)
    edits: list[Edit] = []
    lines: list[Line] = []
    open_from: int | None = None  # index in ``lines`` of a line whose emphasis is still open
    joins = 0
    carried = 0  # length of the star run whose emphasis is open at the end of the last line
    for idx, (lo, hi) in enumerate(spans):
        s = raw[lo:hi]
        table = idx in tables
        strong = False
        if grid.get(idx):  # the border of a grid table: markup (its rows are a pipe table's)
            edits.append(Edit(lo, hi))
            text = ""
        elif not table and not _MARK_CHARS.search(s):
            # no mark on the line: nothing to remove (most lines of a converted text)
            text = s.strip()
        else:
            if table:
                mine = _table_edits(raw, lo, hi, tables[idx])
            else:
                mine, strong, carried = _line_edits(raw, lo, hi, carried)
            edits.extend(mine)
            text = _apply_local(raw, lo, hi, mine).strip()
        if open_from is not None and text and not table and joins < _MAX_JOIN:
            prev = lines[open_from]
            edits.append(Edit(prev.end, lo, " "))  # the line break inside the emphasis
            prev.text = f"{prev.text} {text}".strip()
            prev.end = hi
            whole = raw[prev.start : hi].strip()
            prev.strong = prev.strong or (whole.startswith("**") and whole.endswith("**"))
            joins += 1
            if not carried:
                open_from = None
            continue
        stars_only = not text and "*" in s and not table
        if open_from is not None and (not text or table or joins >= _MAX_JOIN):
            open_from = None
            if not stars_only:
                carried = 0
        lines.append(Line(lo, hi, text, strong, table))
        joins = 0
        if not table and carried and text:
            open_from = len(lines) - 1
        elif not stars_only:  # "**" alone: its emphasis closes on the next line
            carried = 0
    return lines, edits


def _table_edits(raw: str, lo: int, hi: int, layout: bool) -> list[Edit]:
    """Reads the table row ``raw[lo:hi]``; returns the edits that remove its markup (a layout
    table becomes one cell a line, a data table keeps its rows)."""
    s = raw[lo:hi]
    mine: list[Edit] = []
    if _TABLE_SEP.match(s):
        mine.append(Edit(lo, hi))
    elif layout:  # layout table: one cell a line
        for m in re.finditer(r"\|", s):
            mine.append(Edit(lo + m.start(), lo + m.end(), "\n"))
        cell_lo = lo
        for cell_hi in [*(lo + p.start() for p in re.finditer(r"\|", s)), hi]:
            mine.extend(_cell_breaks(raw, cell_lo, cell_hi))
            cell_lo = cell_hi + 1
        mine.extend(Edit(lo + m.start(), lo + m.end(), "\n") for m in _BR.finditer(s))
        mine.extend(Edit(lo + m.start(), lo + m.end()) for m in _ESCAPE.finditer(s))
        mine.extend(_star_edits(raw, lo, hi, set())[0])
    else:  # data table: rows kept, emphasis dropped
        mine.extend(_star_edits(raw, lo, hi, set())[0])
        mine.extend(Edit(lo + m.start(), lo + m.end(), " ") for m in _BR.finditer(s))
        mine.extend(Edit(lo + m.start(), lo + m.end()) for m in _ESCAPE.finditer(s))
    return mine


def _line_edits(raw: str, lo: int, hi: int, carried: int) -> tuple[list[Edit], bool, int]:
    """Reads the marked non-table line ``raw[lo:hi]`` and the star run ``carried`` open before
    it; returns its edits, whether it is strong, and the star run left open after it."""
    s = raw[lo:hi]
    mine: list[Edit] = []
    strong = False
    if _PIPES_ONLY.match(s):
        mine.append(Edit(lo, hi))
        return mine, strong, carried
    if _STAR_LINE.match(s):
        for m in re.finditer(r"\s*\|\s*", s):  # "* |": the pipe of a crawled cell
            mine.append(Edit(lo + m.start(), lo + m.end()))
        return mine, strong, carried
    skip: set[int] = set()
    body = lo
    stripped = s.strip()
    if stripped.endswith("|") and not stripped.startswith("|"):
        k = s.rstrip().rfind("|")
        mine.append(Edit(lo + len(s[:k].rstrip()), lo + k + 1))
    elif stripped.startswith("|") and not stripped.endswith("|"):
        k = s.find("|")
        mine.append(Edit(lo + k, lo + k + 1))
    if (h := _HEADING.match(s)) is not None:
        mine.append(Edit(lo + h.start(2), lo + h.end(3)))
        body = lo + h.end(3)
        strong = True
    elif (b := _BULLET.match(s)) is not None and _HEADER_CELL.match(s, b.end()) is not None:
        skip.add(lo + b.start(2))  # the header's star beside a cell of the other column
    elif (b := _BULLET.match(s)) is not None:
        star = lo + b.start(2)
        rest = raw[lo + b.end() : hi].lstrip("* ")
        if _LABEL.match(rest):
            mine.append(Edit(star, lo + b.end()))
        else:
            mine.append(Edit(star, lo + b.end(), "- "))
        skip.add(star)
        body = lo + b.end()
    mine.extend(Edit(lo + m.start(), lo + m.end()) for m in _ESCAPE.finditer(s))
    stars, carried = _star_edits(raw, lo, hi, skip, carried)
    mine.extend(stars)
    rest = raw[body:hi].strip()
    if rest.startswith("**") and rest.endswith("**") and len(rest) > 4:
        strong = True
    if "_" in s:
        for m in _UNDERSCORES.finditer(s):
            k = len(m.group(1))
            mine.append(Edit(lo + m.start(), lo + m.start() + k))
            mine.append(Edit(lo + m.end() - k, lo + m.end()))
            if k == 2 and m.group() == rest:
                strong = True  # a whole line in bold: a heading
    return mine, strong, carried


__all__ = ["Line", "line_spans", "read_markup"]
