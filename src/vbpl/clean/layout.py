"""Line layout a source broke: hard wraps, flattened lines, PDF page debris — as edits.

Reads: the raw text and its logical lines (:class:`~vbpl.clean.markup.Line`). Writes:
:class:`~vbpl.clean.edits.Edit` lists; nothing is deleted but line breaks, page numbers and
running heads of a PDF, and the hyphen of a word a PDF split at a line end.

* **Hard wraps** (:func:`wrap_edits`): when a text is hard-wrapped (lines of about the same
  width that end inside a sentence and go on in lower case), a line that ends without closing
  punctuation is joined to the next unless that one starts a unit (a label ``1.``, ``a)``,
  ``II-``; ``Điều``, ``Chương``, ``Nơi nhận``, ``T/M`` …; a dash item ``- Căn cứ``). A line
  starting with the hyphen of a compound (``- xã hội`` after ``chính trị``) is joined: a dash
  followed by a lower-case word after an unfinished line is not an item.
* **Divisions run on** (:func:`division_edits`): ``… ban hành Luật đất đai, Chương 1.`` or
  ``…] Chương 4. [note] QUY HOẠCH …`` — the division heading goes back on its own line.
* **Title runs on** (:func:`title_edits`): a flattened header ``… CHỈ THỊ VỀ CÔNG TÁC … TRONG
  CẢ NƯỚC Ngày 24 tháng 6 …`` — the body starts on a line of its own where the capitals end.
* **Dates broken after the day** (:func:`date_edits`): ``Hà Nội, ngày 19`` / ``tháng 11 năm
  2025`` is one date again, wrapped text or not.
* **PDF pages** (:func:`page_edits`): pages are separated by form feeds; a page number alone
  on the first or last line of a page, and a running head or foot repeated on most pages,
  go.

>>> from vbpl.clean.edits import apply_edits
>>> raw = "Quốc hội ban hành Luật đất đai, Chương 1.\\nNHỮNG QUY ĐỊNH CHUNG"
>>> apply_edits(raw, division_edits(raw))[0]
'Quốc hội ban hành Luật đất đai,\\nChương 1.\\nNHỮNG QUY ĐỊNH CHUNG'
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from typing import Any

from vbpl.clean.edits import Edit
from vbpl.clean.markup import Line
from vbpl.data import load_table
from vbpl.lexicon.doc_types import doc_types
from vbpl.text.fold import fold

_END_PUNCT = ".;:!?…"
_LABEL_START = re.compile(
    r"^(?:[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ]|[A-ZĐ])\s*[.)\-–/]\s|^\(\d{1,3}\)\s|^[-–+•]\s+[A-ZĐ0-9\"“(]"
)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–])?\s*$"
)
#: a document number a line end broke after its digits and hyphen ("số 127-" / "KL/TW …")
_NUMBER_BROKEN = re.compile(r"(?:^|[\s(])\d{1,5}[a-z]?(?:/\d{4})?[-/]$")
_NUMBER_REST = re.compile(r"[A-ZĐ][A-ZĐa-z0-9&]*[/-][A-ZĐ0-9]")
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+\d")
#: a point label in lower case ("a.", "b)", "c/", "d-", "(đ)", "ii.") before its text
_POINT_LABEL = re.compile(
    r"^(?:\((?:[a-zđ]|[ivx]{1,4})\)|(?:[a-zđ]|[ivx]{1,4})[.)/\-–])[^\S\n]+(\S)"
)


def _opens_point(t: str) -> bool:
    """A line that opens a point: a lower-case label, then text that starts a sentence (upper
    case, a digit, a quote). "d) khoản 1, Điều 10 …" after an unfinished line is the wrapped
    end of "tại điểm" / "d) …", not a point.

    >>> _opens_point("a. Tổ chức quán triệt"), _opens_point("(b) Xây dựng"), _opens_point("ii. Các")
    (True, True, True)
    >>> _opens_point("d) khoản 1, Điều 10"), _opens_point("an toàn")
    (False, False)
    """
    m = _POINT_LABEL.match(t)
    return m is not None and (m.group(1).isupper() or m.group(1).isdigit() or m.group(1) in "“\"'(")


@cache
def _rules() -> dict[str, Any]:
    return load_table("cleanup")


def _upper(s: str) -> bool:
    """Letters, none of them lower case ("BAN CHẤP HÀNH", "QĐ-TW 12").

    >>> _upper("BAN CHẤP HÀNH"), _upper("Ban"), _upper("12 - 3")
    (True, False, False)
    """
    if s.isupper():  # no lower-case letter and an upper-case one: read in C, not letter by letter
        return any(c.isalpha() for c in s)
    return any(c.isalpha() for c in s) and not any(c.islower() for c in s)


@cache
def _type_words() -> frozenset[str]:
    return frozenset(t.name.upper() for t in doc_types())


def _is_type_word(s: str) -> bool:
    return s in _type_words()


def _type_line(s: str) -> bool:
    """A document's type alone on its line in capitals (``CHỈ THỊ``, ``KẾ HOẠCH``)."""
    t = s.strip(" *#:")
    return _upper(t) and _is_type_word(t)


@cache
def _title_name_re() -> re.Pattern[str]:
    names = sorted(_rules()["wrap"]["title_name_starts"], key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def title_goes_on(text: str) -> bool:
    """Whether a line in running case that starts with a capital goes on with the title above
    it: it starts with a name (``title_name_starts`` in ``cleanup.json``) or with two
    capitalised words; else it is the body's first sentence.

    >>> title_goes_on("Đảng đối với công tác"), title_goes_on("Thời gian qua, công tác")
    (True, False)
    """
    if _title_name_re().match(text):
        return True
    words = text.split(maxsplit=2)
    return len(words) > 1 and words[1][:1].isupper()


def _starts_unit(text: str) -> bool:
    if _LABEL_START.match(text):
        return True
    return text.startswith(tuple(_rules()["wrap"]["unit_starts"]))


def may_be_hard_wrapped(raw: str) -> bool:
    """A quick look on the raw text: could :func:`is_hard_wrapped` hold? (A text of one
    paragraph a line has almost no line that ends inside a sentence before lower case.)"""
    lines = raw.split("\n")
    need = max(3.0, 0.05 * len(lines))
    pairs = 0
    prev = ""
    for line in lines:
        t = line.lstrip()
        if t and len(prev) >= 30 and prev[-1] not in _END_PUNCT and t[0].islower():
            pairs += 1
            if pairs >= need:
                return True
        prev = line.rstrip()
    return False


def is_hard_wrapped(lines: list[Line]) -> bool:
    """Whether many lines end inside a sentence and the next goes on in lower case."""
    plain = [ln for ln in lines if ln.text and not ln.table]
    pairs = 0
    for a, b in itertools.pairwise(lines):
        if not a.text or not b.text or a.table or b.table:
            continue
        if len(a.text) >= 30 and a.text[-1] not in _END_PUNCT and b.text[0].islower():
            pairs += 1
    return pairs >= 3 and pairs >= 0.05 * len(plain)


def _width(lines: list[Line]) -> int:
    lengths = sorted(len(ln.text) for ln in lines if ln.text and not ln.table)
    if not lengths:
        return 0
    return lengths[int(0.9 * (len(lengths) - 1))]


def _continues(a: Line, b: Line, width: int) -> bool:
    """Whether ``b`` goes on with the sentence ``a`` leaves unfinished."""
    s, t = a.text, b.text
    if not s or not t or a.table or b.table or a.strong or b.strong:
        return False
    if _upper(s) and _upper(t):
        # a title the crawler broke after its first short word: "BAN" / "HÀNH QUY CHẾ …"
        return " " not in s and len(s) <= 4 and not _is_type_word(s)
    if _upper(s) or _upper(t):
        return False
    if s[-1] in ":;," and t[0].islower() and not _starts_unit(t):
        return True  # "(riêng Quân ủy …:" / "mỗi đơn vị tối đa 15 người)"
    if s[-1] in _END_PUNCT:
        return False
    if t.startswith(("- ", "– ")) and len(t) > 2 and t[2:3].islower():
        return True  # "chính trị" / "- xã hội": the hyphen of a compound
    if _opens_point(t):
        return False  # "… gồm" / "a. Tổ chức …": a point label starts its own line
    if t[0].islower():
        return True
    if len(s) < 0.45 * width:
        return False  # a short line: the end of a paragraph or a header line
    if _starts_unit(t):
        return False
    if _ARTICLE.match(s) and t[0].isupper():
        return False  # an article heading, then its first sentence
    return t[0].islower() or t[0].isdigit() or t[0] in "(“\"'" or t[0].isupper()


def wrap_edits(raw: str, lines: list[Line], *, pdf: bool = False) -> list[Edit]:
    """Join the lines of a hard-wrapped text back into their sentences."""
    if not (pdf or is_hard_wrapped(lines)):
        return []
    width = _width(lines)
    edits: list[Edit] = []
    title = after_type = False  # ``a`` is a line of the title under the type word
    for a, b in itertools.pairwise(lines):
        title = (
            bool(a.text) and not _upper(a.text) and (after_type or (title and a.text[0].islower()))
        )
        after_type = _type_line(a.text)
        if raw[a.end : b.start] != "\n":
            continue
        if _NUMBER_BROKEN.search(a.text) and _NUMBER_REST.match(b.text):
            edits.append(Edit(a.end, b.start))  # "Kết luận số 127-" / "KL/TW của …": one number
            continue
        if title and b.text[:1].isupper() and not _upper(b.text) and not title_goes_on(b.text):
            continue  # a title ends without a stop: a sentence after it starts the body
        if not _continues(a, b, width):
            continue
        if pdf and re.search(r"\w-$", a.text) and b.text[0].islower():
            cut = raw.rfind("-", a.start, a.end)
            edits.append(Edit(cut, b.start))  # a word split at the line end
        else:
            edits.append(Edit(a.end, b.start, " "))
    return edits


_DATE_BREAK = re.compile(
    r"ngày[ \t]*\d{1,2}(?:[ \t]*tháng[ \t]*\d{1,2})?[ \t]*(\n)[ \t]*"
    r"(?=tháng[ \t]*(?:\d|(?i:giêng|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười|chạp)\b)|năm[ \t]*\d{4})"
)


def _in_table(raw: str, pos: int) -> bool:
    start = raw.rfind("\n", 0, pos) + 1
    return raw[start : start + 1] == "|"


#: the place of issue alone on its line, the date on the next ("Đông Anh," / "ngày 14 tháng 6 …"):
#: the comma before a date on the next line is looked for first (rare, a fast scan), then the
#: line it ends is checked to be a place's words alone (``_PLACE_LINE``)
_PLACE_BREAK = re.compile(
    r",[ \t]*(\n[ \t]*)(?=[Nn]gày[ \t]*\d{1,2}(?:[ \t]*tháng[ \t]*\d|[ \t]*[/.-][ \t]*\d))"
)
_PLACE_LINE = re.compile(r"[ \t]*[A-ZĐ][\w.]{0,25}(?:[ \t]+[\w.]{1,25}){0,5}[ \t]*")


def _place_breaks(raw: str) -> Iterator[re.Match[str]]:
    for m in _PLACE_BREAK.finditer(raw):
        if _PLACE_LINE.fullmatch(raw, raw.rfind("\n", 0, m.start()) + 1, m.start()):
            yield m


def date_edits(raw: str) -> list[Edit]:
    """Join a date a layout broke after the day (``Hà Nội, ngày 19`` / ``tháng 11 năm 2025``),
    or after the place (``Đông Anh,`` / ``ngày 14 tháng 6 năm 2024``).

    >>> from vbpl.clean.edits import apply_edits
    >>> raw = "Đông Anh,\\nngày 14 tháng 6 năm 2024"
    >>> apply_edits(raw, date_edits(raw))[0]
    'Đông Anh, ngày 14 tháng 6 năm 2024'
    """
    found = [*_DATE_BREAK.finditer(raw), *_place_breaks(raw)]
    return sorted(
        (Edit(m.start(1), m.end(1), " ") for m in found if not _in_table(raw, m.start())),
        key=lambda e: e.start,
    )


@cache
def _division_re() -> re.Pattern[str]:
    words = "|".join(map(re.escape, _rules()["division_words"]["words"]))
    return re.compile(rf"(?:{words}) +(?:[IVXLC]+|\d+)(?![\w])\s*\.?\s*(?:\*\*)?(?P<after>.?)")


def _starts_title(raw: str, pos: int, end: int) -> bool:
    """Whether a division heading's label is followed by nothing, a note, or its name in
    capitals (not by running text: "Chương III Thông tư 29/2024/TT-BTC")."""
    rest = raw[pos:end].lstrip()
    if not rest or rest.startswith("["):
        return True
    word = rest.split(maxsplit=1)[0].strip(",.;:")
    return len(word) >= 2 and _upper(word) and not re.fullmatch(r"[IVXLC]+", word)


def division_edits(raw: str) -> list[Edit]:
    """Put a division heading that runs on at the end of a line back on its own line: one
    that follows a full stop, comma, colon, semicolon or a note's closing bracket."""
    edits: list[Edit] = []
    for m in _division_re().finditer(raw):
        at = m.start() - 2 if raw[m.start() - 2 : m.start()] == "**" else m.start()
        pos = at - 1
        if pos < 1 or raw[pos] != " " or raw[pos - 1] not in "].,;:":
            continue
        start = raw.rfind("\n", 0, pos) + 1
        end = raw.find("\n", pos)
        end = len(raw) if end < 0 else end
        head = raw[start:pos]
        if head.startswith("|") or head.count("[") > head.count("]"):
            continue  # a table row, or inside an editorial note
        if _starts_title(raw, min(m.start("after"), end), end):
            edits.append(Edit(pos, pos + 1, "\n"))
    return edits


@cache
def _type_upper_re() -> re.Pattern[str]:
    names = sorted((t.name.upper() for t in doc_types()), key=len, reverse=True)
    return re.compile(r"(?<![^\s*])(?:" + "|".join(map(re.escape, names)) + r")(?=[\s*])")


_WORD = re.compile(r"\S+")


def title_edits(raw: str, lines: list[Line], *, scan: int = 30) -> list[Edit]:
    """Where a flattened header runs a title in capitals on into the body, break the line."""
    edits: list[Edit] = []
    seen = 0
    for ln in lines:
        if not ln.text or ln.table:
            continue
        seen += 1
        if seen > scan:
            break
        tm = _type_upper_re().search(raw, ln.start, ln.end)
        if tm is None:
            continue
        words = list(_WORD.finditer(raw, tm.end(), ln.end))
        caps = 0
        for w in words:
            token = w.group().strip("*_,.;:()")
            if not token or not any(c.isalpha() for c in token):
                continue
            if _upper(token):
                caps += 1
                continue
            if caps >= 2 and token[0].isupper():  # "… TRONG CẢ NƯỚC Ngày 24 tháng 6 …"
                space = w.start() - 1
                if raw[space] == " ":
                    edits.append(Edit(space, space + 1, "\n"))
            break
    return edits


def page_edits(raw: str, lines: list[Line]) -> list[Edit]:
    """Drop page numbers and running heads of a text whose pages a form feed separates: a
    head or foot repeated on most pages, or on ``min_repeats`` pages (``page_debris`` in
    cleanup.json) that carry a page number."""
    if "\f" not in raw:
        return []
    pages: list[list[Line]] = [[]]
    for ln in lines:
        pages[-1].append(ln)
        if "\f" in raw[ln.start : ln.end + 1]:
            pages.append([])
    edges: list[tuple[Line, str]] = []
    numbered: Counter[str] = Counter()  # repeats on pages that also carry a page number
    for page in pages:
        body = [ln for ln in page if ln.text.strip("\f ")]
        ends = {id(ln): ln for ln in body[:2] + body[-2:]}.values()
        has_number = any(_PAGE_NUMBER.match(ln.text.strip("\f ")) for ln in ends)
        for ln in ends:
            key = re.sub(r"\d+", "#", ln.text.strip("\f "))
            edges.append((ln, key))
            if has_number and not _LABEL_START.match(ln.text.strip("\f ")):
                numbered[key] += 1
    repeated = Counter(key for _, key in set((id(ln), key) for ln, key in edges))
    limit = max(3, len(pages) // 2)
    few = _rules()["page_debris"]["min_repeats"]
    edits: list[Edit] = []
    done: set[int] = set()
    for ln, key in edges:
        if id(ln) in done:
            continue
        head = len(key) < 120 and (repeated[key] >= limit or numbered[key] >= few)
        if not head and not _PAGE_NUMBER.match(ln.text.strip("\f ")):
            continue
        done.add(id(ln))
        lo, hi = ln.start, ln.end
        while lo < hi and raw[lo] == "\f":
            lo += 1
        while hi > lo and raw[hi - 1] == "\f":
            hi -= 1
        edits.append(Edit(lo, hi))
    return edits


#: a line that is only a number: a page number once it is one of an increasing run
_LONE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:Trang\s+)?(\d{1,4})(?:\s*/\s*\d{1,4})?(?:\s*[-–])?\s*$"
)
#: a line that is only a number, in raw text: the first line, then any line after a "\n" (two
#: patterns, so that the search scans for the literal "\n" instead of trying "^" everywhere)
_LONE_NUMBER_FIRST = re.compile(r"[ \t\-–]*\d{1,4}[ \t\-–]*(?=\n)")
_LONE_NUMBER_RAW = re.compile(r"\n[ \t\-–]*\d{1,4}[ \t\-–]*(?=\n)")


def may_have_page_numbers(raw: str) -> bool:
    """A quick look: two lines or more that are only a number (see :func:`page_break_edits`).

    >>> may_have_page_numbers("1\\nVăn bản\\n - 2 -\\nHết"), may_have_page_numbers("1\\nVăn bản 2\\n")
    (True, False)
    """
    found = _LONE_NUMBER_FIRST.match(raw) or _LONE_NUMBER_RAW.search(raw)
    if found is not None and _LONE_NUMBER_RAW.search(raw, found.end()) is not None:
        return True
    return _MARKED_PAGE_RAW.search(raw) is not None  # "- 2 -": one page break is enough


#: (a page 2 or later: never on the first line; the leading newline lets the scan skip ahead)
_MARKED_PAGE_RAW = re.compile(r"\n[ \t]*[-–][ \t]*\d{1,3}[ \t]*[-–][ \t]*(?:\n|$)")


def page_break_edits(raw: str, lines: list[Line]) -> list[Edit]:
    """Drop the page debris of a PDF's text copied without form feeds: page numbers alone on
    their line, increasing by one from 1 or 2, at least ``min_lines`` lines apart
    (``page_debris`` in cleanup.json), the first within two pages of the start, and a running
    head or foot (with letters, not a label) repeated next to them.

    >>> body = [f"dòng {k} của văn bản." for k in range(12)]
    >>> page = ["Kế hoạch số 12-KH/TU", *body]
    >>> raw = "\\n".join(["Mở đầu.", *body, "1", *page, "2", *page, "3", "Hết."])
    >>> from vbpl.clean.edits import apply_edits
    >>> out = apply_edits(raw, page_break_edits(raw, _lines(raw)))[0]
    >>> out.count("Kế hoạch số 12-KH/TU"), out.count("\\n1\\n") + out.count("\\n3\\n")
    (0, 0)
    """
    rules = _rules()["page_debris"]
    numbered = [
        (k, int(m.group(1)))
        for k, ln in enumerate(lines)
        if not ln.table and (m := _LONE_NUMBER.match(ln.text)) is not None
    ]
    text_index = [k for k, ln in enumerate(lines) if ln.text.strip()]
    position = {k: n for n, k in enumerate(text_index)}
    pages: list[int] = []  # line indexes of the page numbers kept
    for k, value in numbered:
        if pages and value == int(_LONE_NUMBER.match(lines[pages[-1]].text).group(1)) + 1:  # type: ignore[union-attr]
            if position.get(k, 0) - position.get(pages[-1], 0) >= rules["min_lines"]:
                pages.append(k)
        elif not pages or len(pages) == 1:
            pages = [k]
    if len(pages) < 2 or not _paged(pages, position, lines):
        return _marked_pages(lines, position, rules["marked_min_lines"])
    beside: Counter[str] = Counter()
    near: list[tuple[int, str]] = []
    for k in pages:
        n = position[k]
        for j in (n - 1, n + 1):
            if 0 <= j < len(text_index):
                i = text_index[j]
                key = re.sub(r"\d+", "#", lines[i].text.strip())
                text = lines[i].text
                if (
                    len(key) < 120
                    and i not in pages
                    and any(c.isalpha() for c in text)
                    and not _LABEL_START.match(text)
                ):
                    near.append((i, key))
                    beside[key] += 1
    drop = set(pages) | {i for i, key in near if beside[key] >= rules["min_repeats"]}
    return [Edit(lines[i].start, lines[i].end) for i in sorted(drop)]


#: a page number set between dashes ("- 2 -"): a page number even alone
_MARKED_PAGE = re.compile(r"^\s*[-–]\s*(\d{1,3})\s*[-–]\s*$")


def _marked_pages(lines: list[Line], position: dict[int, int], min_lines: int) -> list[Edit]:
    """The page numbers set between dashes of a short PDF (``- 2 -``, ``- 3 -``): counting up
    from 2, each at least ``min_lines`` lines after the one before (the first after the top of
    the text); dropped even when one page break is all the text has.

    >>> raw = "\\n".join([*(f"dòng {k}." for k in range(12)), "    - 2 -", "Hết."])
    >>> [raw[e.start : e.end] for e in _marked_pages(_lines(raw), {k: k for k in range(14)}, 12)]
    ['    - 2 -']
    """
    out: list[Edit] = []
    expected, last = 2, 0
    for k, ln in enumerate(lines):
        m = _MARKED_PAGE.match(ln.text)
        if m is None or ln.table:
            continue
        if int(m.group(1)) != expected or position.get(k, 0) - last < min_lines:
            return []
        out.append(Edit(ln.start, ln.end))
        expected, last = expected + 1, position.get(k, 0)
    return out


def _paged(pages: list[int], position: dict[int, int], lines: list[Line]) -> bool:
    """Whether a run of lone numbers paginates the text: it starts at page 1 or 2, and the
    first one stands no further from the start than two pages' length (a table's numbered
    cells deep inside a law do not)."""
    first = _LONE_NUMBER.match(lines[pages[0]].text)
    if first is None or int(first.group(1)) > 2:
        return False
    gaps = sorted(position[b] - position[a] for a, b in itertools.pairwise(pages))
    return position[pages[0]] <= 2 * gaps[len(gaps) // 2]


_SO_RE = re.compile(r"(?<!\w)[Ss][ốô](?=\s*:?\s*\d)")
_DATE_WORDS_RE = re.compile(r"(?<!\w)(?:Ngày|Tháng|Năm|NGÀY|THÁNG|NĂM)(?=\s*\d)")
_PLACE_RE = re.compile(r"(?:[^\W\d_]+ ){0,4}[^\W\d_]+(?=,\s*[Nn][Gg][Àà][Yy]\s*\d)")
_BODY_LABEL_RE = re.compile(r"^\s*(?:[IVX]+|\d{1,2})\s*[.\-–)]")


def _recased_line(line: str) -> str:
    """One header line of a lower-case or Title Case header in the case the parser reads: a
    place-date or number line in running case ("Hà Nội, ngày 8 tháng 4 năm 2025", "Số 17-…"),
    any other line in capitals."""
    dated = _PLACE_RE.search(line) is not None
    if not dated and _SO_RE.search(line) is None:
        return line.upper()
    line = _SO_RE.sub("Số", line)
    line = _DATE_WORDS_RE.sub(lambda m: m.group().lower(), line)
    return _PLACE_RE.sub(
        lambda m: " ".join(w[:1].upper() + w[1:] for w in m.group().split(" ")), line
    )


def _motto_recased(line: str, mottos: list[str]) -> bool:
    """Whether ``line`` holds a motto all in small letters or with every word capitalised
    ("đảng cộng sản việt nam", "Đảng Cộng Sản Việt Nam"), not in the capitals of a header nor
    in the running case of a sentence ("… nước Cộng hòa xã hội chủ nghĩa Việt Nam")."""
    if not any(c.islower() for c in line):
        return False
    folded = fold(line).upper()
    for m in mottos:
        i = folded.find(m)
        if i >= 0:
            seg = line[i : i + len(m)]
            if seg.islower() or all(w[:1].isupper() and w[1:].islower() for w in seg.split()):
                return True
    return False


def recased_header(raw: str) -> str | None:
    """``raw`` with a header a converter left in lower case or Title Case put back in the
    capitals of a printed header (``header_case`` in cleanup.json), or ``None`` when its
    header is not such (the case of nearly every text: a check of its first lines). Only
    the case of letters changes: every offset stays.

    >>> recased_header("đảng ủy xã an phú đảng cộng sản việt nam\\n*\\nsố 3-NQ/ĐU an phú, ngày 2 tháng 3 năm 2025\\nnghị quyết\\nvề công tác\\n1. Nội dung")
    'ĐẢNG ỦY XÃ AN PHÚ ĐẢNG CỘNG SẢN VIỆT NAM\\n*\\nSố 3-NQ/ĐU An Phú, ngày 2 tháng 3 năm 2025\\nNGHỊ QUYẾT\\nVỀ CÔNG TÁC\\n1. Nội dung'
    >>> recased_header("ĐẢNG ỦY XÃ AN PHÚ ĐẢNG CỘNG SẢN VIỆT NAM") is None
    True
    """
    head = raw[:600]
    if "ộng " not in head:  # no "cộng sản" / "Cộng Hòa" in small letters: the common case
        return None
    rule = _rules()["header_case"]
    first = head.split("\n", rule["first_lines"])[: rule["first_lines"]]
    if not any(_motto_recased(ln, rule["mottos"]) for ln in first):
        return None
    lines = raw.split("\n", rule["max_lines"])
    out: list[str] = []
    for k, line in enumerate(lines[: rule["max_lines"]]):
        s = line.strip()
        if s.endswith(":") or len(s) > 300 or _BODY_LABEL_RE.match(s):
            out.extend(lines[k:])
            break
        out.append(_recased_line(line))
    else:
        out.extend(lines[rule["max_lines"] :])
    text = "\n".join(out)
    text = _recased_signature(text)
    return text if len(text) == len(raw) else None


def _recased_signature(text: str) -> str:
    """The signature block's prefix line and the position under it in capitals ("t/m ban
    chấp hành" / "bí thư"), in the last lines of a text whose header was recased."""
    t = load_table("header_lines")["tail"]
    prefixes = tuple(fold(p).upper() for p in t["signature_prefixes"])
    positions = set(t["positions_folded"])
    cut = max(0, len(text) - 1500)
    lines = text[cut:].split("\n")
    up = False
    for k, line in enumerate(lines):
        folded = fold(line.strip()).upper()
        if folded.startswith(prefixes) or (up and folded in positions):
            lines[k] = line.upper()
            up = True
        elif line.strip():
            up = False
    return text[:cut] + "\n".join(lines)


def _lines(raw: str) -> list[Line]:
    """The raw lines of ``raw`` (for the examples)."""
    out, pos = [], 0
    for part in raw.split("\n"):
        out.append(Line(pos, pos + len(part), part.strip()))
        pos += len(part) + 1
    return out


__all__ = [
    "date_edits",
    "division_edits",
    "is_hard_wrapped",
    "may_have_page_numbers",
    "page_break_edits",
    "page_edits",
    "title_edits",
    "wrap_edits",
]
