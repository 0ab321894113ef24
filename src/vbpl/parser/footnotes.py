"""The numbered notes that end a file ("[1] …", "[^1]: …"): outside the outline.

A Word or PDF converter puts a document's footnotes after its last line. They are not part of
the last unit or appendix: the parser sets them apart as :attr:`vbpl.model.Document.footnotes`
(references in them have no section). A block is footnotes when it runs to the end of the
text, its first line opens with note 1, the following note lines are numbered 2, 3, … in
order (other lines are a note's wrapped text), and the text before it carries the mark of
every note ("…đảng viên[1].") — a numbered list "[1] …" of the body itself has no marks.
"""

from __future__ import annotations

import re

from vbpl.parser.lines import Line

#: a note's first line: "[1] Text", "[^1]: Text", "[1]. Text"
_NOTE_RE = re.compile(r"^[^\S\n]*\[\^?(\d{1,3})\][:.]?(?:[^\S\n]|$)")


def footnotes_start(text: str, lines: list[Line], lo: int) -> int | None:
    """Index of the line that opens the file's closing footnotes (from ``lo`` on), or None.

    >>> from vbpl.parser.lines import split_lines
    >>> t = "1. Cấp giấy chứng nhận[1].\\n2. Trả thù lao[2].\\n[1] Mẫu 1.\\nphụ lục 3.\\n[2] Vận dụng."
    >>> footnotes_start(t, split_lines(t), 0)
    2
    >>> t = "Các bước:\\n[1] Chuẩn bị.\\n[2] Thực hiện."
    >>> footnotes_start(t, split_lines(t), 0) is None
    True
    """
    first = None
    for k in range(len(lines) - 1, lo - 1, -1):
        m = _NOTE_RE.match(lines[k].text)
        if m and m.group(1) == "1":
            first = k
            break
    if first is None:
        return None
    expected = 1
    for ln in lines[first:]:
        m = _NOTE_RE.match(ln.text)
        if m is None:
            continue
        if int(m.group(1)) != expected:
            return None
        expected += 1
    before = text[: lines[first].start]
    for n in range(1, expected):
        if f"[{n}]" not in before and f"[^{n}]" not in before:
            return None
    return first


__all__ = ["footnotes_start"]
