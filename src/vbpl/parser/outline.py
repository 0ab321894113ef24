"""The outline tree: numbered lines -> nested :class:`~vbpl.model.Section` objects.

Reads: the :class:`~vbpl.parser.lines.Line` list of the body (between the preamble and the
tail) or of one appendix. Writes: a tuple of sections with ids (:mod:`vbpl.parser.ids`), own
text, spans and editorial notes.

Numbered lines nest in the order the document introduces its numbering styles (20-NQ/TW
runs A- › I- › 1- › 2.1- › a); another guidance puts a) above 1.), not by a fixed rank table:
a line of a style already open is a sibling of that unit, a new style opens under the
innermost unit (:func:`place`). Law divisions (Phần › Chương › Mục › Tiểu mục) keep their
fixed order above everything else. Unnumbered lines belong to the unit opened last (the intro
paragraph of a heading, a wrapped line of a clause); before the first numbered line they are
stand-alone paragraphs. Law numbering is checked for sequence: ``Điều N`` opens an article
only when N follows the previous article (or skips at most two, or starts a run N, N+1, N+2
of ``Điều`` lines), so a wrapped line that starts with "Điều 21 của Luật này" or an
unquoted cited article does not open one.

Kinds (``docs/parsing.md``): ``part``, ``chapter``, ``section`` (Mục), ``subsection``,
``article``, ``clause`` (1. inside an article), ``point`` (a), and (1) or (i) inside an
article), ``item`` (-, +, *), ``heading`` (I., A., 1., 1.1, (1) outside articles),
``paragraph``, ``appendix``.

>>> from vbpl.parser.lines import split_lines
>>> text = "Chương I\\nQUY ĐỊNH CHUNG\\nĐiều 1. Phạm vi\\n1. Khoản một\\na) Điểm a\\nĐiều 2. Đối tượng"
>>> secs = build_outline(text, split_lines(text), IdRegistry())
>>> [s.id for s in secs[0].walk()]
['chp_I', 'chp_I__art_1', 'chp_I__art_1__cl_1', 'chp_I__art_1__cl_1__pt_a', 'chp_I__art_2']
>>> secs[0].heading, secs[0].children[0].heading
('QUY ĐỊNH CHUNG', 'Phạm vi')
"""

from __future__ import annotations

import re
from dataclasses import replace

from vbpl.lexicon.labels import roman_value
from vbpl.lexicon.notes import notes_in, strip_notes
from vbpl.model import Section, SectionKind, Span, shared_section
from vbpl.parser.ids import IdRegistry
from vbpl.parser.lines import Line

_KIND: dict[str, SectionKind] = {
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "subsection": "subsection",
    "article": "article",
    "upper_alpha": "heading",
    "roman": "heading",
    "dotted": "heading",
    "letter": "point",
    "paren_letter": "point",
    "arabic_paren": "heading",
    "roman_lower": "heading",
    "dash": "item",
    "plus": "item",
    "star": "item",
    "appendix": "appendix",
}
#: list styles whose units are clauses or points inside an article, headings elsewhere
_IN_ARTICLE: dict[str, SectionKind] = {"arabic_paren": "clause", "roman_lower": "point"}
#: law divisions: they nest by their fixed rank (Phần > Chương > Mục > Tiểu mục) above all else
_DIVISIONS = frozenset({"part", "chapter", "section", "subsection"})
#: styles that hold the lists of a body (Điều, A-, I-): they never open inside a list unit
_STRONG = frozenset({"article", "upper_alpha", "roman"})
#: bullets, and the numbered list styles that never open under a bullet item
_BULLETS = frozenset({"dash", "plus", "star"})
_NUMBERED = frozenset({"arabic", "arabic_paren", "dotted", "paren", "paren_roman", "roman_lower"})
_TITLED = frozenset({"part", "chapter", "section", "subsection", "appendix"})
_ARTICLE_NO = re.compile(r"(\d+)([a-zđ]?)")
_MAX_ARTICLE_GAP = 3


class _Node:
    __slots__ = (
        "children",
        "end",
        "heading",
        "kind",
        "label",
        "own_end",
        "rank",
        "start",
        "style",
        "title_pending",
        "token",
    )

    def __init__(
        self, kind: SectionKind, label: str, heading: str | None, ln: Line, rank: int
    ) -> None:
        self.kind = kind
        self.label = label
        self.heading = heading
        self.start = ln.start
        self.own_end = ln.end
        self.end = ln.end
        self.rank = rank
        self.children: list[_Node] = []
        self.token = ln.token
        self.style = style_of(ln.token, ln.label)
        self.title_pending = heading is None and (ln.token in _TITLED or ln.token == "article")


def style_of(token: str | None, label: str | None) -> str:
    """The numbering style of a line: its token, with the depth of a dotted label (``1.1``
    and ``1.1.1`` are two styles).

    >>> style_of("dotted", "2.1"), style_of("dotted", "1.2.3"), style_of("roman", "IV")
    ('dotted1', 'dotted2', 'roman')
    """
    if token == "dotted":
        return f"dotted{(label or '').count('.')}"
    return token or ""


def place(stack: list[_Node], token: str, style: str, rank: int) -> None:
    """Close the open units (``stack``, outermost first) that a new line does not nest in.

    A law division closes everything but the higher divisions. A line of a style already
    open closes that unit and everything below it (it is their sibling). A new style opens
    under the innermost unit — except that ``Điều``, ``A-`` and ``I-`` lines first close open
    list units, and a numbered list (``1.``, ``1.1``, ``(1)``, ``(i)``) never opens under a
    bullet item.
    """
    if token in _DIVISIONS:
        while stack and not (stack[-1].token in _DIVISIONS and stack[-1].rank < rank):
            stack.pop()
        return
    for k in range(len(stack) - 1, -1, -1):
        if stack[k].style == style:
            del stack[k:]
            return
    if token in _STRONG:
        while stack and stack[-1].token not in _DIVISIONS and stack[-1].token not in _STRONG:
            stack.pop()
    elif token in _NUMBERED:
        while stack and stack[-1].token in _BULLETS:
            stack.pop()


def _heading_of(rest: str) -> str | None:
    h = strip_notes(rest).strip(" .:-–")
    return h or None


def _title_line(s: str, token: str | None) -> bool:
    """Can an unnumbered line right after a label line be that unit's title?"""
    if len(s) > 250:
        return False
    t = strip_notes(s)
    if not t:
        return False
    if token in _TITLED:
        return not any(c.islower() for c in t) or t[-1] not in ".;:,"
    return t[-1] not in ".;:," and t[0].isupper()


def _article_ok(ln: Line, last: tuple[int, str] | None) -> tuple[int, str] | None:
    m = _ARTICLE_NO.fullmatch(ln.label or "")
    if m is None:
        return None
    num, suf = int(m.group(1)), m.group(2)
    if last is None:
        return (num, suf) if (ln.strong or num == 1) else None
    lnum, lsuf = last
    if num == lnum + 1 and (not suf or ln.strong):
        return num, suf
    if num == lnum and suf > lsuf:
        return num, suf
    if ln.strong and lnum + 1 < num <= lnum + _MAX_ARTICLE_GAP and ln.rest:
        return num, suf
    return None


def _confirmed_runs(lines: list[Line]) -> set[int]:
    """Indexes of ``Điều N.`` lines that start a run of three consecutive article numbers
    (N, N+1, N+2): a sequence resumes there even after a gap (a website dropped articles)."""
    cands = []
    for i, ln in enumerate(lines):
        if ln.token == "article" and ln.strong:
            m = _ARTICLE_NO.fullmatch(ln.label or "")
            if m is not None and not m.group(2):
                cands.append((i, int(m.group(1))))
    return {
        cands[k][0]
        for k in range(len(cands) - 2)
        if cands[k + 1][1] == cands[k][1] + 1 and cands[k + 2][1] == cands[k][1] + 2
    }


_ROMAN_LETTERS = frozenset({"i", "v", "x"})
_LOWER_ROMAN = ("letter", "roman_lower")


def roman_runs(lines: list[Line]) -> list[Line]:
    """``lines`` with the letter points ``i.``, ``v.``, ``x.`` read as lower-case roman numerals
    where they stand in a roman run: ``i.`` whose next point line is ``ii.``, ``v.`` or ``x.``
    right after ``iv.`` or ``ix.``. Elsewhere they are the letters after h, u and v.

    >>> from vbpl.parser.lines import split_lines
    >>> ls = roman_runs(split_lines("i. Đưa vào kế hoạch\\nii. Sơ kết\\nh. Khác\\ni. Cuối"))
    >>> [(ln.token, ln.label) for ln in ls]
    [('roman_lower', 'i'), ('roman_lower', 'ii'), ('letter', 'h'), ('letter', 'i')]
    """
    if not any(ln.token == "roman_lower" for ln in lines):
        return lines
    out = list(lines)
    points = [k for k, ln in enumerate(out) if ln.token in _LOWER_ROMAN]
    for n, k in enumerate(points):
        ln = out[k]
        if ln.token != "letter" or ln.label not in _ROMAN_LETTERS:
            continue
        prev = out[points[n - 1]] if n else None
        nxt = out[points[n + 1]] if n + 1 < len(points) else None
        if (ln.label == "i" and nxt is not None and nxt.label == "ii") or (
            prev is not None
            and prev.token == "roman_lower"
            and (roman_value((prev.label or "").upper()) or 0) + 1
            == roman_value((ln.label or "").upper())
        ):
            out[k] = replace(ln, token="roman_lower")
    return out


def build_outline(
    text: str, lines: list[Line], ids: IdRegistry, *, parent_id: str = ""
) -> tuple[Section, ...]:
    """The sections of ``lines`` (a body or an appendix), with ids under ``parent_id``."""
    lines = roman_runs(lines)
    roots: list[_Node] = []
    stack: list[_Node] = []
    last_article: tuple[int, str] | None = None
    runs: set[int] | None = None
    for i, ln in enumerate(lines):
        tok = ln.token
        if tok == "appendix" and not ln.text.startswith("PHỤ LỤC"):
            tok = None  # "Phụ lục I - Danh mục …" in running text names an appendix
        if tok is not None and tok != "appendix":
            if tok == "article":
                ok = _article_ok(ln, last_article)
                if ok is None and ln.strong and last_article is not None:
                    if runs is None:
                        runs = _confirmed_runs(lines)
                    m = _ARTICLE_NO.fullmatch(ln.label or "")
                    if i in runs and m is not None and int(m.group(1)) > last_article[0]:
                        ok = (int(m.group(1)), "")
                if ok is None:
                    tok = None
                else:
                    last_article = ok
            elif tok in ("part", "chapter", "section", "subsection"):
                top = stack[-1] if stack else None
                if (
                    top is not None
                    and top.token == tok
                    and top.label == ln.label
                    and not top.children
                ):
                    tok = None  # a heading a website repeated
        if tok is None or (tok == "appendix" and parent_id):
            if stack:
                top = stack[-1]
                if top.title_pending:
                    top.title_pending = False
                    if _title_line(ln.text, top.token):
                        top.heading = _heading_of(ln.text)
                top.own_end = ln.end
                top.end = ln.end
            else:
                roots.append(_Node("paragraph", "", None, ln, 99))
            continue
        rank = ln.rank
        place(stack, tok, style_of(tok, ln.label), rank)
        kind: SectionKind
        if tok == "arabic":
            kind = "clause" if any(n.kind == "article" for n in stack) else "heading"
        elif tok in ("paren", "paren_roman"):
            kind = "point" if any(n.kind == "article" for n in stack) else "heading"
        else:
            kind = _KIND[tok]
        if tok in _IN_ARTICLE and any(n.kind == "article" for n in stack):
            kind = _IN_ARTICLE[tok]
        heading: str | None = None
        if kind not in ("clause", "point", "item"):
            heading = _heading_of(ln.rest)
        node = _Node(kind, ln.label or "", heading, ln, rank)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return tuple(_freeze(text, roots, ids, parent_id))


def _freeze(text: str, nodes: list[_Node], ids: IdRegistry, parent_id: str) -> list[Section]:
    out: list[Section] = []
    counts: dict[str, int] = {}
    make = ids.make
    for node in nodes:
        kind = node.kind
        n = counts[kind] = counts.get(kind, 0) + 1
        sid = make(parent_id, kind, node.label, n)
        children = _freeze(text, node.children, ids, sid) if node.children else ()
        end = node.own_end
        if children:  # children are in order: the last one ends last
            end = max(end, children[-1].span.end)
        has_notes = text.find("[", node.start, node.own_end) >= 0
        notes = notes_in(text[node.start : node.own_end]) if has_notes else ()
        out.append(  # its own text: text[node.start:node.own_end], shared with the document
            shared_section(
                sid,
                kind,
                node.label,
                node.heading,
                text,
                node.own_end,
                Span(node.start, end),
                tuple(children),
                notes,
            )
        )
    return out


__all__ = ["build_outline", "place", "style_of"]
