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
import struct
import time
import zipfile
import zlib
from dataclasses import dataclass, field

from vbpl.errors import InputError
from vbpl.lexicon.labels import format_counter
from vbpl.parser.extract import Extracted
from vbpl.parser.html_text import table_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

#: refuse .docx files whose parts unpack to more than this (bytes): a zip-bomb bound,
#: counted as the bytes come out of the decompressor
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
#: refuse an XML part larger than this (bytes): a 1,000-page law is about 10 MB of XML
MAX_XML_BYTES = 32 * 1024 * 1024
#: refuse a zip of more parts than this
MAX_PARTS = 5000
#: give up reading a Word document after this many seconds
MAX_SECONDS = 60.0
_CHUNK = 64 * 1024


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
            level = _val(numpr, "ilvl")
            direct[sid] = (_val(numpr, "numId"), int(level) if level and level.isdigit() else None)
    out: dict[str, tuple[str, int]] = {}
    for sid in set(direct) | set(based):
        num_id: str | None = None
        ilvl: int | None = None
        cur: str | None = sid
        seen: set[str] = set()
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

    The zip is unpacked by :func:`read_parts` (sizes counted as bytes come out, never
    trusted from the headers), then read within :data:`MAX_SECONDS`.

    >>> extract_docx(b"PK\\x03\\x04 not really", "x.docx")
    Traceback (most recent call last):
    ...
    vbpl.errors.InputError: x.docx: not a readable Word .docx file (File is not a zip file)
    """
    start = time.monotonic()
    parts = read_parts(data, name)
    if "word/document.xml" not in parts:
        raise InputError(f"{name}: a zip file without word/document.xml, not a .docx")
    try:
        import docx

        doc = docx.Document(io.BytesIO(_stored_zip(parts)))
        del parts
        reader = _Reader(doc)
        lines: list[str] = []
        for el in doc.element.body.iterchildren():
            lines.extend(reader.block(el))
            if time.monotonic() - start > MAX_SECONDS:
                raise InputError(
                    f"{name}: reading the Word document took more than {MAX_SECONDS:g} s"
                )
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


def read_parts(data: bytes, name: str) -> dict[str, bytes]:
    """Every part of the zip ``data``, unpacked with a running byte budget: at most
    :data:`MAX_UNPACKED_BYTES` in all and :data:`MAX_XML_BYTES` for one XML part, counted as
    the bytes come out of the decompressor — sizes the zip declares are checked, never
    trusted (a part that unpacks to more or less than it declares is refused). Parts that
    are not XML (images, fonts) are checked the same way but kept empty.

    >>> import io, zipfile
    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("word/document.xml", "<x/>")
    >>> read_parts(buf.getvalue(), "a.docx")
    {'word/document.xml': b'<x/>'}
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as e:
        raise InputError(f"{name}: not a readable Word .docx file ({e})") from None
    if len(infos) > MAX_PARTS:
        raise InputError(f"{name}: a .docx of more than {MAX_PARTS} parts")
    parts: dict[str, bytes] = {}
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        budget = MAX_UNPACKED_BYTES - total
        xml = info.filename.lower().endswith((".xml", ".rels"))
        if xml:
            budget = min(budget, MAX_XML_BYTES)
        # media (images, fonts) are checked but not kept: only the XML holds text
        body = _inflate(data, info, budget, name, keep=xml)
        total += len(body) if xml else info.file_size
        parts[info.filename] = body
    return parts


def _inflate(data: bytes, info: zipfile.ZipInfo, budget: int, name: str, keep: bool) -> bytes:
    """The bytes of one zip entry, decompressed 64 KB at a time, at most ``budget``; with
    ``keep`` false they are counted and checked, then dropped (``b""``)."""
    where = f"{name}: part {info.filename!r}"
    if info.flag_bits & 0x1:
        raise InputError(f"{where} is encrypted")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise InputError(f"{where} uses an unsupported compression ({info.compress_type})")
    try:
        head = struct.unpack("<4s2B4HL2L2H", data[info.header_offset : info.header_offset + 30])
    except struct.error:
        raise InputError(f"{where}: truncated zip") from None
    if head[0] != b"PK\x03\x04":
        raise InputError(f"{where}: bad zip entry header")
    pos = info.header_offset + 30 + head[10] + head[11]
    end = min(len(data), pos + info.compress_size)

    def too_big() -> InputError:
        if info.filename.lower().endswith((".xml", ".rels")) and budget == MAX_XML_BYTES:
            what = f"part {info.filename!r} is more than {_size(MAX_XML_BYTES)} of XML"
        else:
            what = f"unpacks to more than {_size(MAX_UNPACKED_BYTES)}"
        return InputError(f"{name}: .docx {what} (a zip bomb, or a document too large)")

    out = bytearray()
    size = crc = 0

    def take(piece: bytes) -> None:
        nonlocal size, crc
        size += len(piece)
        if size > budget:
            raise too_big()
        crc = zlib.crc32(piece, crc)
        if keep:
            out.extend(piece)

    if info.compress_type == zipfile.ZIP_STORED:
        for at in range(pos, end, _CHUNK):
            take(data[at : min(end, at + _CHUNK)])
    else:
        d = zlib.decompressobj(-15)
        pending = b""
        while not d.eof:
            if not pending:
                if pos >= end:
                    raise InputError(f"{where}: truncated compressed data")
                pending = data[pos : min(end, pos + _CHUNK)]
                pos += len(pending)
            try:
                take(d.decompress(pending, _CHUNK))
            except zlib.error as e:
                raise InputError(f"{where}: damaged compressed data ({e})") from None
            pending = d.unconsumed_tail
    if size != info.file_size:
        raise InputError(
            f"{where} unpacks to {size} bytes but declares {info.file_size} (a damaged "
            "or forged zip)"
        )
    if crc != info.CRC:
        raise InputError(f"{where}: bad CRC (damaged)")
    return bytes(out)


def _size(n: int) -> str:
    return f"{n >> 20} MB" if n >= 1 << 20 else f"{n >> 10} KB"


def _stored_zip(parts: dict[str, bytes]) -> bytes:
    """The checked parts again as a zip without compression, for python-docx to open (it
    would otherwise unpack the original with a single unbounded read per part)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for part, body in parts.items():
            z.writestr(part, body)
    return buf.getvalue()


__all__ = [
    "MAX_SECONDS",
    "MAX_UNPACKED_BYTES",
    "MAX_XML_BYTES",
    "extract_docx",
    "read_parts",
]
