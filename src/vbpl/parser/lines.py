"""Lines of a normalised text, each with its offsets, its numbering token and its quote state.

Reads: normalised text (:func:`vbpl.text.normalize.normalize`). Writes: a list of
:class:`Line` — one per non-blank line — that the header, outline and tail readers share.

A line's *token* is what its start says about structure: ``article`` (Điều 5.), ``chapter``
(Chương II), ``arabic`` (1.), ``letter`` (a)), ``dash`` (-) and so on; the patterns, their
ranks and examples live in ``src/vbpl/data/outline.json``. Each line is classified with a
cheap check of its first character before any regex runs, so the pass is linear.

A line that starts inside quoted text (amending documents quote whole articles:
``Điều 5 được sửa đổi như sau: “5. …”``) or that opens with a quote mark gets no token.

>>> [(ln.token, ln.label) for ln in split_lines("Điều 1. Phạm vi\\n1. Luật này\\n“2. Trích dẫn”")]
[('article', '1'), ('arabic', '1'), (None, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vbpl.data import load_table


@dataclass(frozen=True, slots=True)
class TokenRule:
    """One numbered-line pattern of ``outline.json``."""

    kind: str
    rank: int
    first: str
    pattern: re.Pattern[str]
    rule: str


@dataclass(slots=True)
class Line:
    """One non-blank line: ``[start, end)`` in the text ``src``, and its token.

    A line holds offsets into the shared text, not copies: ``text`` and ``rest`` are sliced
    on access (a law's lines would otherwise hold its text twice over). ``token`` is
    ``None`` for running text; ``label`` the number as printed (``II``, ``5``, ``đ``, ``-``);
    ``rest`` the text after the label, ``[rest_start, rest_end)`` in ``src``; ``quoted`` true
    when the line stands inside quoted text; ``strong`` true when an article number is
    followed by punctuation (``Điều 5.``) rather than directly by a title.

    >>> ln = split_lines("Điều 5. Hiệu lực")[0]
    >>> ln.text, ln.rest, (ln.start, ln.end, ln.rest_start, ln.rest_end)
    ('Điều 5. Hiệu lực', 'Hiệu lực', (0, 16, 8, 16))
    """

    start: int
    end: int
    src: str
    token: str | None = None
    label: str | None = None
    rest_start: int = 0
    rest_end: int = 0
    quoted: bool = False
    strong: bool = False

    @property
    def text(self) -> str:
        """The line's content (``src[start:end]``)."""
        return self.src[self.start : self.end]

    @property
    def rest(self) -> str:
        """The text after the label (``""`` for running text)."""
        return self.src[self.rest_start : self.rest_end]

    @property
    def rank(self) -> int:
        return rank_of(self.token, self.label)


@cache
def token_rules() -> tuple[TokenRule, ...]:
    """The numbered-line patterns of ``outline.json``, compiled once.

    >>> sorted({r.kind for r in token_rules()})[:4]
    ['appendix', 'arabic', 'arabic_paren', 'article']
    """
    return tuple(
        TokenRule(t["kind"], t["rank"], t["first"], re.compile(t["pattern"]), t["rule"])
        for t in load_table("outline")["tokens"]
    )


@cache
def _dispatch() -> dict[str, tuple[TokenRule, ...]]:
    table: dict[str, list[TokenRule]] = {}
    for r in token_rules():
        for c in r.first:
            table.setdefault(c, []).append(r)
    return {c: tuple(rs) for c, rs in table.items()}


@cache
def _ordinals() -> dict[str, str]:
    return {
        k: v for k, v in load_table("outline")["part_ordinals"].items() if not k.startswith("_")
    }


#: token kind -> depth rank, from ``outline.json`` (filled on first use by :func:`_ranks`)
_RANKS: dict[str, int] = {}


def _ranks() -> dict[str, int]:
    """Token kind -> depth rank, from ``outline.json`` (the first rule of a kind gives it)."""
    if not _RANKS:
        for r in token_rules():
            _RANKS.setdefault(r.kind, r.rank)
    return _RANKS


def rank_of(token: str | None, label: str | None) -> int:
    """Depth rank of a token: lower ranks hold higher ones (``dotted`` 1.1 sits below 1.).

    >>> rank_of("article", "5") < rank_of("arabic", "1") < rank_of("dotted", "1.1") < rank_of("letter", "a")
    True
    """
    if token == "dotted":
        return 7 + (label or "").count(".")
    return (_RANKS or _ranks()).get(token or "", 99)


def _title_ok(rest: str) -> bool:
    if not rest:
        return True
    c = rest[0]
    return c.isupper() or c in '[(“"' or c.isdigit()


def classify(text: str) -> tuple[str, str, str, int, bool] | None:
    """The token of one line, as ``(kind, label, rest, rest_offset, strong)``, or ``None``.

    >>> classify("Điều 5. Hiệu lực thi hành")[:3]
    ('article', '5', 'Hiệu lực thi hành')
    >>> classify("Chương II của Luật này") is None
    True
    """
    rules = _dispatch().get(text[0])
    if not rules:
        return None
    return _classify(text, rules)


def _classify(text: str, rules: tuple[TokenRule, ...]) -> tuple[str, str, str, int, bool] | None:
    for r in rules:
        m = r.pattern.match(text)
        if m is None:
            continue
        rest = m.group("rest") or ""
        strong = False
        if r.rule == "title":
            if not _title_ok(rest):
                continue
        elif r.rule == "upper":
            if not rest[:1].isupper():
                continue
        elif r.rule == "capitalised":  # "1-Thống nhất": a capital, then a small letter
            if not (rest[:1].isupper() and rest[1:2].islower()):
                continue
        elif r.rule == "upper_word":  # "I-ĐÁNH GIÁ": a first word of two capitals or more
            word = rest.split(None, 1)[0] if rest else ""
            if len(word) < 2 or not word.isupper():
                continue
        elif r.rule == "punct_or_title":
            strong = bool(m.group("punct"))
            if not strong and not _title_ok(rest):
                continue
        label = m.group("label") or ""
        kind = r.kind
        if kind == "part":
            low = label.lower()
            if low.startswith("thứ"):
                label = _ordinals().get(low.split()[-1], label)
        elif kind in ("dash", "plus"):
            label = "-" if kind == "dash" else "+"
        rest_off = m.start("rest") if m.group("rest") is not None else len(text)
        return kind, label, rest, rest_off, strong
    return None


@cache
def _quote_chars() -> tuple[str, str, str]:
    q = load_table("outline")["quotes"]
    return q["open"], q["close"], q["either"]


_SPLIT_ARTICLE_RE = re.compile(r"^(\d{1,4}[a-zđ]?)\.(?:\s+|$)(.*)$")
#: a web page's slug that some copies put before lines ("Nghi-dinh-65-2022-ND-CP. ")
SLUG_RE = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+){2,}\.\s+")
_QUOTE_RE = re.compile(r"[“”«»\"]")
_OPEN_BEFORE = " \t([:—–"


#: labels that a converter's bullet may stand before ("- (1) …", "- a) …", "- (i) …")
_BULLETED = frozenset({"letter", "paren", "paren_roman", "paren_letter", "arabic_paren"})


def _bulleted_label(
    tok: tuple[str, str, str, int, bool], dispatch: dict[str, tuple[TokenRule, ...]]
) -> tuple[str, str, str, int, bool]:
    """A dash item whose text starts with a label of its own is that labelled unit: Word
    lists saved as markdown put a bullet before "(1)", "a)" or "(i)".

    >>> _bulleted_label(("dash", "-", "(ii) Rà soát", 2, False), _dispatch())[:3]
    ('paren_roman', 'ii', 'Rà soát')
    """
    rest, off = tok[2], tok[3]
    rules = dispatch.get(rest[0])
    inner = _classify(rest, rules) if rules else None
    if inner is None or inner[0] not in _BULLETED:
        return tok
    return inner[0], inner[1], inner[2], off + inner[3], inner[4]


def quote_delta(text: str) -> tuple[int, bool]:
    """Net quote depth change over one line, and whether the line opens with a quote mark.

    A quote left open at the end of the line carries over only when it introduces quoted
    text — it opens the line, follows a colon, a bracket or a full stop, or comes after "như
    sau" ("… như sau: [note] “3. …") — so a quote mark
    that a writer forgot to close in running prose ("phong trào “Cả nước thi đua …") does
    not turn the rest of the document into quoted text.

    >>> quote_delta("“Điều 6. Quy hoạch")
    (1, True)
    >>> quote_delta("theo Chỉ thị “Về tiếp tục”.")
    (0, False)
    >>> quote_delta("khoản 3 được sửa đổi như sau: “3. Nội dung"), quote_delta("phong trào “Cả nước thi đua")
    ((1, False), (0, False))
    """
    opens, closes, either = _quote_chars()
    depth = 0  # closes of quotes opened on earlier lines (negative)
    open_at: list[int] = []  # quotes opened on this line and not closed yet
    for m in _QUOTE_RE.finditer(text):
        c = m.group()
        i = m.start()
        if c in opens:
            opening = True
        elif c in closes:
            opening = False
        else:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            opening = before in _OPEN_BEFORE and not after.isspace()
        if opening:
            open_at.append(i)
        elif open_at:
            open_at.pop()
        else:
            depth -= 1
    for i in open_at:
        lead = text[:i].rstrip()
        if not lead or lead[-1] in ":])." or "như sau" in lead:
            depth += 1
    first = text[0] in opens or text[0] in either
    return depth, first


def page_prefix(first_line: str) -> str:
    """The prefix some web copies repeat before lines: the page slug or title plus ". ".

    Read from the first line: its slug (``Nghi-dinh-65-2022-ND-CP. CHÍNH PHỦ``) or, when the
    line is a short title, the whole line. ``""`` when there is none.

    >>> page_prefix("Nghi-dinh-65-2022-ND-CP. CHÍNH PHỦ -------"), page_prefix("Luật Doanh nghiệp 2020")
    ('Nghi-dinh-65-2022-ND-CP. ', 'Luật Doanh nghiệp 2020. ')
    """
    m = SLUG_RE.match(first_line)
    if m is not None:
        return m.group()
    if (
        len(first_line) <= 200
        and any(c.islower() for c in first_line)
        and not first_line.endswith((".", ":", ";"))
    ):
        return first_line + ". "
    return ""


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text`` with offsets, tokens and quote state (one pass).

    >>> [ln.text for ln in split_lines("a\\n\\n  \\nb")]
    ['a', 'b']
    """
    out: list[Line] = []
    append = out.append
    depth = 0
    has_quotes = any(c in text for c in '“”«»"')
    prefix: str | None = None  # the page prefix, read from the first line
    dispatch = _dispatch()
    quote_search = _QUOTE_RE.search
    find = text.find
    n = len(text)
    prev_s = ""  # the text of the last line kept, while it may be a lone "Điều"
    pos = 0  # the start of the current line
    while pos <= n:
        # one line at a time: a list of every line's text would hold the text over again
        line_start = pos
        nl = find("\n", pos)
        if nl < 0:
            nl = n
        pos = nl + 1
        raw = text[line_start:nl]
        # trim (normalised text has no edge spaces, but be safe for raw input); str.strip
        # drops the characters str.isspace finds
        s = raw.strip()
        if not s:
            continue
        if len(s) == len(raw):
            start, end = line_start, nl
        else:
            start = line_start + len(raw) - len(raw.lstrip())
            end = start + len(s)
        ln = Line(start, end, text)
        opened = False
        delta = 0
        if has_quotes and (s[0] in '“«"' or depth or quote_search(s)):
            delta, opened = quote_delta(s)
        if depth > 0 or opened:
            ln.quoted = True
        else:
            skip = 0
            if prefix is None:
                prefix = page_prefix(s)
            elif prefix and s.startswith(prefix):
                skip = len(prefix)  # "Luật Doanh nghiệp 2020. Điều 1. …": a page title first
            body = s[skip:] if skip else s
            rules = dispatch.get(body[0]) if body else None
            tok = _classify(body, rules) if rules else None
            if tok is not None and tok[0] == "dash" and tok[2]:
                tok = _bulleted_label(tok, dispatch)
            m = None
            if prev_s and out and not out[-1].quoted:
                m = _SPLIT_ARTICLE_RE.match(s)
            if m is not None:  # "Điều" / "30. Buộc phá dỡ …": a label split over two lines
                prev = out[-1]
                prev.token, prev.label, prev.strong = "article", m.group(1), True
                prev.rest_start, prev.rest_end = start + m.start(2), start + m.end(2)
            elif tok is not None:
                ln.token, ln.label, _, off, ln.strong = tok
                ln.rest_start = start + skip + off
                ln.rest_end = end
        if delta:
            depth = max(0, depth + delta)
        prev_s = s if s in ("Điều", "ĐIỀU") else ""
        append(ln)
    return out


__all__ = [
    "SLUG_RE",
    "Line",
    "classify",
    "page_prefix",
    "quote_delta",
    "rank_of",
    "split_lines",
    "token_rules",
]
