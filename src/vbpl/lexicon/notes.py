"""Editorial notes: what publishers insert between square brackets.

A consolidated text on a legal database carries notes of the editor inside the text:
"[Điểm này được sửa đổi bởi Khoản 2 Điều 1 Nghị định 16/2023/NĐ-CP]" (this point was amended
by …), "[Chương này được hướng dẫn bởi …]" (guided by …). They are not the document's words:
the parser keeps them apart (:attr:`Section.notes`), the reference finder reads the ones that
cite ("bởi", "theo") with their own relation. Footnote marks ("[1]") and elisions ("[...]")
hold fewer than three letters and are not notes.

>>> notes_in("a) Điểm [1] này [Điểm này được sửa đổi bởi Khoản 2 Điều 1 Nghị định 16/2023/NĐ-CP]")
('Điểm này được sửa đổi bởi Khoản 2 Điều 1 Nghị định 16/2023/NĐ-CP',)
"""

from __future__ import annotations

import re

from vbpl.model import Span

#: a bracketed note (it may wrap lines inside a section); ``inner`` is its text
NOTE_RE = re.compile(
    r"""\[
        (?P<inner>[^\[\]]{3,5000}?)   # no nested brackets
    \]""",
    re.VERBOSE,
)
#: a note, or the start of one that the line cuts before its closing bracket (header lines
#: wrap: "NGHỊ ĐỊNH [Nghị định này được sửa đổi …" / "… bởi Nghị định 1/2020/NĐ-CP]")
NOTE_OR_OPENING_RE = re.compile(r"\[[^\]]*\]?")
#: words of a note that cites the document that made it ("sửa đổi bởi …", "theo …")
_CITING_WORDS = ("bởi", "theo")


def _is_note(inner: str) -> bool:
    """Three letters or more (stops at the third: notes run to thousands of characters)."""
    letters = 0
    for c in inner:
        if c.isalpha():
            letters += 1
            if letters == 3:
                return True
    return False


def strip_notes(s: str) -> str:
    """A line without its editorial notes, spaces collapsed.

    >>> strip_notes("Chương 2: [Chương này được hướng dẫn bởi Thông tư 70-TC/TCT]")
    'Chương 2:'
    """
    if "[" not in s:
        return s.strip()
    return " ".join(NOTE_RE.sub(" ", s).split())


def notes_in(s: str) -> tuple[str, ...]:
    """The editorial notes inside a text; footnote marks and ``[...]`` are not notes."""
    if "[" not in s:
        return ()
    return tuple(inner for m in NOTE_RE.finditer(s) if _is_note(inner := m["inner"].strip()))


def note_spans(text: str) -> list[Span]:
    """Spans of the notes that cite (``[Khoản này được sửa đổi bởi …]``).

    >>> note_spans("a [Điều này được hướng dẫn bởi Nghị định 1/2020/NĐ-CP] b")
    [Span(start=2, end=54)]
    """
    return [Span(m.start(), m.end()) for m in NOTE_RE.finditer(text) if _citing(m["inner"])]


def _citing(inner: str) -> bool:
    """A note that cites stands on one line of running text, and says by what (bởi, theo)."""
    return 5 <= len(inner) <= 4000 and "\n" not in inner and any(w in inner for w in _CITING_WORDS)


#: examples: text -> its notes; the tests check every one
EXAMPLES: dict[str, tuple[str, ...]] = {
    "Điều 5. [Điều này được sửa đổi bởi Luật số 35/2018/QH14]": (
        "Điều này được sửa đổi bởi Luật số 35/2018/QH14",
    ),
    "khoản 2 [1] và [...] [a]": (),
    "[Khoản này được bãi bỏ theo Nghị định 10/2020/NĐ-CP] [Điểm này được hướng dẫn bởi …]": (
        "Khoản này được bãi bỏ theo Nghị định 10/2020/NĐ-CP",
        "Điểm này được hướng dẫn bởi …",
    ),
    "[Điều này được sửa đổi\nbởi Luật số 35/2018/QH14]": (
        "Điều này được sửa đổi\nbởi Luật số 35/2018/QH14",
    ),
}

__all__ = [
    "EXAMPLES",
    "NOTE_OR_OPENING_RE",
    "NOTE_RE",
    "note_spans",
    "notes_in",
    "strip_notes",
]
