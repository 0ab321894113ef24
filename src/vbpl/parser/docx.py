"""Read a Word file (.docx) into lines of text, with Word's automatic numbering made visible.

Reads: the bytes of a .docx (python-docx opens it). Writes:
:class:`~vbpl.parser.extract.Extracted` (format ``docx``): one paragraph a line, table rows as
lines (cells joined by ``" | "``, or cell by cell for layout rows, as for HTML), and each
numbered paragraph prefixed with the label Word shows for it.

Many documents number their Điều, khoản and điểm with Word list numbering, so the label is
not in the text. It is rebuilt from ``numbering.xml``: the paragraph's ``numId``/``ilvl``
(directly or through its style), the level's ``lvlText`` (``Điều %1.``, ``%1.``, ``%2)``),
``numFmt`` and ``start``. Counters belong to the abstract numbering, so lists that share one
continue each other, as in Word; a ``startOverride`` restarts them. Deeper levels restart
when a higher level advances. Formats:

* ``decimal`` 1 2 3, ``decimalZero`` 01 02, ``upperRoman``/``lowerRoman`` I II / i ii;
* ``lowerLetter``/``upperLetter`` use the Vietnamese letter sequence of points (điểm,
  :mod:`vbpl.lexicon.labels`):
  a b c d đ e g h i k l m n o p q r s t u v x y — Word itself would print f and j; Vietnamese
  documents never use them, so the label matches the text the author meant;
* ``bullet`` becomes ``-`` (``+`` when the bullet character is a plus), ``none`` no label.

A file that is not a readable .docx is an :class:`~vbpl.errors.InputError`.

>>> format_counter(5, "lowerLetter"), format_counter(6, "lowerLetter")
('đ', 'e')
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from vbpl.errors import InputError
from vbpl.lexicon.labels import format_counter
from vbpl.parser.extract import Extracted
from vbpl.parser.html_text import table_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: refuse .docx files whose parts unpack to more than this (bytes): a zip-bomb bound
MAX_UNPACKED_BYTES = 256 * 1024 * 1024


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


@dataclass(slots=True)
class _Numbering:
    """Levels of each abstract numbering, and num -> (abstract, start overrides)."""

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[tuple[str, int]] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The visible label of the next paragraph of list ``num_id`` at level ``ilvl``."""
        if num_id not in self.nums:
            return None
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(abstract_id, [None] * 9)
        if ilvl in overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = overrides[ilvl] - 1
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "bullet":
            return "+" if level.text.strip() == "+" else "-"
        out = level.text
        for k in range(9, 0, -1):
            marker = f"%{k}"
            if marker not in out:
                continue
            lvl = levels.get(k - 1, _Level())
            value = counters[k - 1]
            if value is None:
                value = lvl.start
            fmt = "decimal" if level.legal and lvl.fmt != "none" else lvl.fmt
            out = out.replace(marker, format_counter(value, fmt))
        return out.strip()


def _val(el, tag: str) -> str | None:  # type: ignore[no-untyped-def]
    child = el.find(W + tag) if el is not None else None
    return child.get(W + "val") if child is not None else None


def _read_numbering(doc) -> _Numbering:  # type: ignore[no-untyped-def]
    numbering = _Numbering()
    try:
        root = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    for absn in root.iter(W + "abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in absn.iter(W + "lvl"):
            ilvl = int(lvl.get(W + "ilvl", "0"))
            start = _val(lvl, "start")
            levels[ilvl] = _Level(
                start=int(start) if start and start.lstrip("-").isdigit() else 1,
                fmt=_val(lvl, "numFmt") or "decimal",
                text=_val(lvl, "lvlText") or "",
                suffix=_val(lvl, "suff") or "tab",
                legal=lvl.find(W + "isLgl") is not None,
            )
        numbering.abstract[absn.get(W + "abstractNumId", "")] = levels
    for num in root.iter(W + "num"):
        abstract_id = _val(num, "abstractNumId") or ""
        overrides: dict[int, int] = {}
        for ov in num.iter(W + "lvlOverride"):
            start = _val(ov, "startOverride")
            if start and start.isdigit():
                overrides[int(ov.get(W + "ilvl", "0"))] = int(start)
        numbering.nums[num.get(W + "numId", "")] = (abstract_id, overrides)
    return numbering


def _style_numbering(doc) -> dict[str, tuple[str, int]]:  # type: ignore[no-untyped-def]
    """style id -> (numId, ilvl) of paragraph styles that carry numbering (with basedOn)."""
    direct: dict[str, tuple[str | None, int | None]] = {}
    based: dict[str, str] = {}
    try:
        root = doc.styles.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    for style in root.iter(W + "style"):
        sid = style.get(W + "styleId", "")
        base = _val(style, "basedOn")
        if base:
            based[sid] = base
        ppr = style.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is not None:
            ilvl = _val(numpr, "ilvl")
            direct[sid] = (_val(numpr, "numId"), int(ilvl) if ilvl and ilvl.isdigit() else None)
    out: dict[str, tuple[str, int]] = {}
    for sid in set(direct) | set(based):
        num_id, ilvl, cur, seen = None, None, sid, set()
        while cur and cur not in seen:
            seen.add(cur)
            n, lv = direct.get(cur, (None, None))
            num_id = num_id or n
            ilvl = ilvl if ilvl is not None else lv
            cur = based.get(cur)
        if num_id:
            out[sid] = (num_id, ilvl or 0)
    return out


#: what may stand left of a tab as a label, not as a column (Điều 1.<tab>, 1.<tab>, a)<tab>, -<tab>)
_TAB_LABEL_RE = re.compile(
    r"^(?:(?:Điều|Chương|Mục|Phần|Điểm|Khoản)\s+\S+|[\dIVXLC]+(?:\.\d+)*|[a-zđ])[.):\-]?$|^[-+•*–]$"
)
#: a line of a paragraph run that may sit in the left column between tabbed lines ("*")
_COLUMN_LINE_MAX = 80


def _tabbed(line: str) -> str:
    """A paragraph line with its spaces collapsed; a tab between two texts, the left one not
    a label, is kept: the two columns of a header or a signature aligned with tab stops.

    >>> _tabbed("Số 15-KH/TU\\t\\tBắc Ninh, ngày 2"), _tabbed("Điều 1.\\tPhạm vi")
    ('Số 15-KH/TU\\tBắc Ninh, ngày 2', 'Điều 1. Phạm vi')
    """
    parts = [" ".join(p.split()) for p in line.split("\t")]
    parts = [p for p in parts if p]
    if len(parts) == 2 and not _TAB_LABEL_RE.match(parts[0]) and line.strip()[:1] != "\t":
        return "\t".join(parts)
    if len(parts) == 1 and line.lstrip(" ").startswith("\t"):
        return "\t" + parts[0]  # the right column alone, or an indented paragraph
    return " ".join(parts)


def columns_in_order(lines: list[str]) -> list[str]:
    """Runs of lines with two columns aligned by tab stops, read column by column (the left
    column, then the right), as a table is; a short line between two tabbed lines belongs to
    the left column.

    >>> columns_in_order(["A\\tX", "*", "B\\tY", "- c", "\\tZ", "body", "text", "\\tindented"])
    ['A', '*', 'B', '- c', 'X', 'Y', 'Z', 'body', 'text', 'indented']
    """
    out: list[str] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i][1:]:  # no two columns: an indented paragraph loses its tab
            out.append(lines[i].lstrip("\t"))
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and (
            "\t" in lines[j + 1]
            or (
                len(lines[j + 1]) <= _COLUMN_LINE_MAX
                and "\t" in (lines[j + 2] if j + 2 < len(lines) else "")
            )
        ):
            j += 1
        run = [x.split("\t", 1) for x in lines[i : j + 1]]
        out.extend(x[0] for x in run if x[0])
        out.extend(x[1] for x in run if len(x) == 2)
        i = j + 1
    return out


class _Reader:
    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        self.numbering = _read_numbering(doc)
        self.styles = _style_numbering(doc)

    def paragraph(self, p) -> list[str]:  # type: ignore[no-untyped-def]
        parts: list[str] = []
        for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
            tag = el.tag
            if tag == W + "t":
                parts.append(el.text or "")
            elif tag == W + "tab":
                if el.getparent().tag != W + "tabs":  # not a tab stop's definition
                    parts.append("\t")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            else:
                parts.append("\n")
        text = "".join(parts)
        label = self._label(p)
        if label and text.strip():
            text = f"{label} {text.lstrip()}"
        elif label:
            text = label
        return [_tabbed(line) for line in text.split("\n") if line.strip()]

    def _label(self, p) -> str | None:  # type: ignore[no-untyped-def]
        ppr = p.find(W + "pPr")
        num_id: str | None = None
        ilvl = 0
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id = _val(numpr, "numId")
                lv = _val(numpr, "ilvl")
                ilvl = int(lv) if lv and lv.isdigit() else 0
            if num_id is None:
                style = _val(ppr, "pStyle")
                if style and style in self.styles:
                    num_id, ilvl = self.styles[style]
                    if numpr is not None and _val(numpr, "ilvl"):
                        ilvl = int(_val(numpr, "ilvl") or 0)
        if not num_id or num_id == "0":
            return None
        return self.numbering.label(num_id, min(max(ilvl, 0), 8))

    def block(self, el) -> list[str]:  # type: ignore[no-untyped-def]
        """Lines of a body-level element: paragraph, table or content control."""
        if el.tag == W + "p":
            return self.paragraph(el)
        if el.tag == W + "tbl":
            lines: list[str] = []
            for tr in el.iter(W + "tr"):
                if tr.getparent() is not el:
                    continue  # rows of nested tables are read with their cell
                cells = []
                for tc in tr.findall(W + "tc"):
                    cell: list[str] = []
                    for child in tc:
                        cell.extend(self.block(child))
                    cells.append(cell)
                lines.extend(table_lines(cells))
            return lines
        if el.tag == W + "sdt":
            content = el.find(W + "sdtContent")
            out: list[str] = []
            for child in content if content is not None else ():
                out.extend(self.block(child))
            return out
        return []


def extract_docx(data: bytes, name: str) -> Extracted:
    """Read the .docx ``data`` (``name`` is used in error messages).

    >>> extract_docx(b"PK\\x03\\x04 not really", "x.docx")
    Traceback (most recent call last):
    ...
    vbpl.errors.InputError: x.docx: not a readable Word .docx file (File is not a zip file)
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > MAX_UNPACKED_BYTES:
                raise InputError(
                    f"{name}: .docx unpacks to more than {MAX_UNPACKED_BYTES >> 20} MB"
                )
            if "word/document.xml" not in z.namelist():
                raise InputError(f"{name}: a zip file without word/document.xml, not a .docx")
    except zipfile.BadZipFile as e:
        raise InputError(f"{name}: not a readable Word .docx file ({e})") from None
    try:
        import docx

        doc = docx.Document(io.BytesIO(data))
        reader = _Reader(doc)
        lines: list[str] = []
        for el in doc.element.body.iterchildren():
            lines.extend(reader.block(el))
        lines = columns_in_order(lines)
    except InputError:
        raise
    except Exception as e:  # python-docx and lxml raise many kinds on a damaged file
        raise InputError(
            f"{name}: not a readable Word .docx file ({type(e).__name__}: {e})"
        ) from None
    if not any(c.isalpha() for line in lines for c in line):
        raise InputError(f"{name}: the Word document has no text")
    return Extracted(text="\n".join(lines), format="docx")


__all__ = [
    "MAX_UNPACKED_BYTES",
    "extract_docx",
]
