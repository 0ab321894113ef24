"""How a reader designates a provision and a document: pinpoints, named laws, law names.

The grammar of what users type (and texts write) to point at a provision of a law:

* a **pinpoint** — ``Điều 5`` (article), ``khoản 2 Điều 5`` (clause), ``điểm a khoản 1, Điều
  3`` (point), in that order or the other (``Điều 5 khoản 2 điểm a``), with or without
  diacritics (``dieu 12``); :func:`find_pinpoint` gives a :class:`Pinpoint`, whose
  :attr:`Pinpoint.key` (``d5_k2_pa``) is the :func:`pinpoint_key` a section is indexed under;
* a **named document** — a named type (Hiến pháp, Bộ luật, Luật, Pháp lệnh: ``named`` in
  ``doc_types.json``) and the words after it, with its year when one follows (``Luật Đất đai
  2024``, ``bo luat dan su nam 2015``); :func:`find_named` gives a :class:`NamedDocument`
  (which of the words are the name is for whoever holds the names to decide);
* the **name** a law is cited by, read from its title (:func:`law_name`: ``Đất đai luật đất
  đai số 31/2024/QH15 …`` → ``dat dai``) or from how it names itself in its preamble
  (:func:`self_names`: ``Quốc hội ban hành Luật …``, ``Luật này quy định về …``).

>>> find_pinpoint("điểm a khoản 2 Điều 5 Luật Đất đai 2024").key
'd5_k2_pa'
>>> n = find_named("điểm a khoản 2 Điều 5 Luật Đất đai 2024")
>>> n.doc_type, n.words, n.year
('Luật', ('đất', 'đai'), 2024)
>>> law_name("Đất đai luật đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024", "Luật")
'dat dai'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from vbpl.lexicon.doc_types import doc_types
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize_text

#: the letter of each pinpoint level in a pinpoint key (Điều, khoản, điểm)
PINPOINT_LETTERS: dict[str, str] = {"article": "d", "clause": "k", "point": "p"}


def pinpoint_label(label: str) -> str:
    """The label of a pinpoint level as a key part: lowercase ASCII, ``đ`` -> ``dd`` (điểm đ
    and điểm d are two points).

    >>> pinpoint_label("đ"), pinpoint_label("5a"), pinpoint_label("D")
    ('dd', '5a', 'd')
    """
    return fold(label.strip().lower().replace("đ", "dd"))


def pinpoint_key(levels: Sequence[tuple[str, str]]) -> str:
    """The pinpoint key of a chain of ``(kind, label)`` from the article down, ``""`` when
    it does not start at an article.

    >>> pinpoint_key([("article", "5"), ("clause", "2"), ("point", "đ")])
    'd5_k2_pdd'
    >>> pinpoint_key([("clause", "2")])
    ''
    """
    if not levels or levels[0][0] != "article":
        return ""
    return "_".join(PINPOINT_LETTERS[k] + pinpoint_label(label) for k, label in levels)


@dataclass(frozen=True, slots=True)
class Pinpoint:
    """A provision named by article, clause and point labels (as typed, lowercase) and
    where it stands in the text it was found in."""

    article: str
    clause: str | None = None
    point: str | None = None
    span: tuple[int, int] = (0, 0)

    @property
    def key(self) -> str:
        """The pinpoint key (:func:`pinpoint_key`).

        >>> Pinpoint("5", "2", "đ").key
        'd5_k2_pdd'
        """
        levels = [("article", self.article)]
        if self.clause:
            levels.append(("clause", self.clause))
        if self.point:
            levels.append(("point", self.point))
        return pinpoint_key(levels)

    def __str__(self) -> str:
        parts = [f"điểm {self.point}"] if self.point else []
        if self.clause:
            parts.append(f"khoản {self.clause}")
        parts.append(f"Điều {self.article}")
        return " ".join(parts)


# pinpoints on folded lowercase text (fold keeps lengths: labels are read from the original):
# "điểm a khoản 2 Điều 5" (the usual order) or "Điều 5 khoản 2 điểm a"
_PINPOINT_RE = re.compile(
    r"""(?<![\w])
    (?:
      (?:diem\s+(?P<point>[a-z]{1,2})[\s,]+)?       # điểm a / điểm đ (folded: d)
      (?:khoan\s+(?P<clause>\d{1,3}[a-z]?)[\s,]+)?  # khoản 2
      dieu\s+(?P<article>\d{1,4}[a-z]?)             # Điều 5, Điều 5a
      (?:[\s,]+khoan\s+(?P<clause2>\d{1,3}[a-z]?)   # Điều 5 khoản 2
         (?:[\s,]+diem\s+(?P<point2>[a-z]{1,2}))?)?  # Điều 5 khoản 2 điểm a
    )
    (?![\w/])""",
    re.VERBOSE,
)


def find_pinpoint(text: str) -> Pinpoint | None:
    """The first pinpoint in normalised text (``None`` when there is none).

    >>> p = find_pinpoint("điểm đ khoản 1, Điều 3 Nghị định 13/2023")
    >>> (p.point, p.clause, p.article, p.key, p.span)
    ('đ', '1', '3', 'd3_k1_pdd', (0, 22))
    >>> find_pinpoint("dieu 12 luat canh tranh").key
    'd12'
    >>> find_pinpoint("Điều 5, khoản 2, điểm đ Luật Đất đai").key
    'd5_k2_pdd'
    >>> find_pinpoint("Điều 45/2013") is None
    True
    """
    low = text.lower()
    m = _PINPOINT_RE.search(fold(low))
    if m is None:
        return None

    def label(name: str) -> str | None:
        return low[m.start(name) : m.end(name)] if m.group(name) else None

    if m.group("clause2") and (m.group("clause") or m.group("point")):
        return Pinpoint(  # "khoản 1 Điều 5 khoản 2": the first reading wins
            article=label("article") or "",
            clause=label("clause"),
            point=label("point"),
            span=(m.start(), m.end("article")),
        )
    return Pinpoint(
        article=label("article") or "",
        clause=label("clause") or label("clause2"),
        point=label("point") or label("point2"),
        span=(m.start(), m.end()),
    )


@dataclass(frozen=True, slots=True)
class NamedDocument:
    """A document named by type and name (``Luật Đất đai 2024``): the type, the words that
    follow it (the name, perhaps followed by other words), the year if written, and the span
    of the type word to the last word or the year."""

    doc_type: str
    words: tuple[str, ...]
    year: int | None = None
    span: tuple[int, int] = (0, 0)


_WORD_RE = re.compile(r"[^\W_]+")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


@cache
def _named_types() -> tuple[tuple[str, str], ...]:
    """(folded lowercase type name, type name) of named types, longest first."""
    names = [(fold(t.name.lower()), t.name) for t in doc_types() if t.named]
    return tuple(sorted(names, key=lambda n: -len(n[0])))


def find_named(text: str) -> NamedDocument | None:
    """A named type and the words after it, in normalised text.

    >>> n = find_named("Điều 5 Luật Đất đai 2024")
    >>> (n.doc_type, n.words, n.year, n.span)
    ('Luật', ('đất', 'đai'), 2024, (7, 24))
    >>> find_named("bo luat dan su nam 2015 quy dinh").words
    ('dan', 'su', 'nam')
    >>> n = find_named("Luật biển Việt Nam 2012")
    >>> n.words, n.year
    (('biển', 'việt', 'nam'), 2012)
    >>> find_named("Luật số 45/2013/QH13") is None
    True
    """
    low = text.lower()
    folded_low = fold(low)
    for name_folded, name in _named_types():  # "bộ luật" before "luật"
        for m in re.finditer(rf"(?<!\w){re.escape(name_folded)}(?!\w)", folded_low):
            rest = low[m.end() :]
            words: list[str] = []
            pos = m.end()
            year: int | None = None
            for w in _WORD_RE.finditer(rest):
                token = w.group()
                if fold(token) == "so" and not words:
                    break  # "Luật số 45/2013/QH13": a number, not a name
                if _YEAR_RE.fullmatch(token) and words:
                    year = int(token)  # "năm" before it stays a word: "Việt Nam" is a name
                    pos = m.end() + w.end()
                    break
                if token.isdigit() or not token.isalpha():
                    break
                words.append(token)
                pos = m.end() + w.end()
            if words:
                return NamedDocument(name, tuple(words), year, (m.start(), pos))
    return None


# what ends the name part of a title (lowercase, with diacritics: "năm 2024" ends a name,
# "Việt Nam" does not): "… luật đất đai số 31/2024", "… năm 2014", "… được sửa đổi"
# ("pháp luật" is a word of names: "Luật Phổ biến, giáo dục pháp luật")
_NAME_END_RE = re.compile(r"(?<!\w)(?:bộ luật|(?<!pháp )luật|(?:số|năm|ngày)\s*:?\s*\d|được)(?!\w)")


def law_name(title: str | None, doc_type: str | None) -> str:
    """The name a document is cited by after its type word: folded lowercase words of the
    title, without a leading type word, up to what ends a name.

    >>> law_name("Luật Doanh nghiệp", "Luật"), law_name("Dân sự", "Bộ luật")
    ('doanh nghiep', 'dan su')
    >>> law_name("Biển Việt Nam", "Luật"), law_name("Công nghiệp công nghệ số", "Luật")
    ('bien viet nam', 'cong nghiep cong nghe so')
    >>> law_name("Phổ biến, giáo dục pháp luật", "Luật")
    'pho bien giao duc phap luat'
    """
    if not title:
        return ""
    t = normalize_text(title).lower()
    if doc_type:
        t = t.removeprefix(doc_type.lower()).lstrip()
    m = _NAME_END_RE.search(t)
    if m is not None:
        t = t[: m.start()]
    return " ".join(_WORD_RE.findall(fold(t)))


# how a law names itself in its preamble (lowercase): "Quốc hội ban hành Luật Đất đai.",
# "Luật này quy định về hải quan."
_SELF_NAME_RES = (
    re.compile(r"ban hành (bộ luật|luật) ([^.;:\n]{2,150})"),
    re.compile(r"(bộ luật|luật) này quy định (?:về )?([^.;:\n]{2,150})"),
)


def self_names(text: str, doc_type: str | None) -> set[str]:
    """The names (as :func:`law_name` gives them) a law gives itself in its header or
    preamble, when its type is ``doc_type`` (any type when ``None``).

    >>> sorted(self_names("Căn cứ Hiến pháp; Quốc hội ban hành Luật Đất đai.", "Luật"))
    ['dat dai']
    >>> self_names("Luật này quy định về hải quan.", "Luật")
    {'hai quan'}
    >>> self_names("Luật này quy định về hải quan.", "Bộ luật")
    set()
    """
    low = normalize_text(text).lower()
    out: set[str] = set()
    for pattern in _SELF_NAME_RES:
        m = pattern.search(low)
        if m is not None and (doc_type or "").lower() in ("", m.group(1)):
            name = law_name(m.group(2), None)
            if name:
                out.add(name)
    return out


__all__ = [
    "PINPOINT_LETTERS",
    "NamedDocument",
    "Pinpoint",
    "find_named",
    "find_pinpoint",
    "law_name",
    "pinpoint_key",
    "pinpoint_label",
    "self_names",
]
