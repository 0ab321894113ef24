"""Pinpoints: the provisions a reference points at (điểm a khoản 2 Điều 5, Chương II, Mục 1).

Reads: text at a position where a unit word stands (Điều = article, khoản = clause, điểm =
point, Mục = section, Chương = chapter, Phần = part, Phụ lục = appendix). Writes: a
:class:`Pinpoint` with its span, the canonical words (``khoản 1, 2 và 3 Điều 10``) and the
expanded unit paths, highest level first, that resolution looks up in an outline.

Lists and ranges are read within one unit (``khoản 1, 2 và 3``, ``Khoản 1, Khoản 3 đến 6``,
``các Điều 12, 13 và 14``, ``từ Điều 5 đến Điều 10``) and units chain upwards
(``điểm a khoản 2 Điều 5``, ``Mục 1 Chương III``).

>>> p = match_pinpoint("điểm a khoản 2 Điều 5 Nghị định số 13/2023/NĐ-CP", 0)
>>> p.text, p.paths
('điểm a khoản 2 Điều 5', ((('article', '5'), ('clause', '2'), ('point', 'a')),))
>>> match_pinpoint("khoản 1, 2 và 3 Điều 10", 0).paths[2]
(('article', '10'), ('clause', '3'))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, product

from vbpl.lexicon.labels import POINT_LETTERS, roman, roman_value

#: unit kind -> (regex of the unit word, regex of one label, canonical word, level);
#: Tiểu mục (subsection) sits below Mục (section), as in the codes
UNITS: dict[str, tuple[str, str, str, int]] = {
    "point": (r"[Đđ]iểm", r"(?:[a-zđ]\d?|\d{1,2}(?:\.\d{1,2})?)(?!\w)", "điểm", 1),
    "clause": (r"[Kk]hoản", r"\d{1,3}(?:\.\d{1,2})?[a-zđ]?(?!\w)", "khoản", 2),
    "article": (r"[Đđ][Iiì]ều", r"\d{1,4}[a-zđ]?(?!\w)", "Điều", 3),
    "subsection": (r"[Tt]iểu\s+mục", r"\d{1,3}(?!\w)", "Tiểu mục", 4),
    "section": (r"(?<!iểu )[Mm]ục", r"(?:\d{1,3}|[IVXLC]{1,6}|[A-Z])(?!\w)", "Mục", 5),
    "chapter": (r"[Cc]hương", r"(?:[IVXLC]{1,7}|\d{1,3})(?!\w)", "Chương", 6),
    "part": (r"[Pp]hần", r"(?:[IVXLC]{1,6}|\d{1,2}|[A-Z]|thứ\s+[^\W\d]+)(?!\w)", "Phần", 7),
    "appendix": (r"[Pp]hụ\s+lục", r"(?:[IVXLC]{1,6}|\d{1,3}|[A-Z])(?!\w)", "Phụ lục", 8),
}
#: at most this many unit paths are expanded from one pinpoint
MAX_PATHS = 256
_CONT = r"(?:\s*,\s*(?:và\s+|hoặc\s+)?|\s+(?:và|hoặc|đến|tới)\s+|\s*[-–]\s*)"
_RANGE_WORDS = ("đến", "tới", "-", "–")


def _unit_pattern(kind: str) -> str:
    word, label, _, _ = UNITS[kind]
    return rf"(?P<{kind}>{word}\s+{label}(?:{_CONT}(?:{word}\s+)?{label})*)"


UNIT_RE = re.compile(r"(?:(?:các|từ)\s+)?(?:" + "|".join(_unit_pattern(k) for k in UNITS) + ")")
#: where a pinpoint may start: a unit word followed by something label-like
TRIGGER_RE = re.compile(
    r"(?<!\w)(?:[Đđ]iểm|[Kk]hoản|[Đđ][Iiì]ều|[Mm]ục|[Cc]hương|[Pp]hần|[Pp]hụ lục)\s+"
    r"(?=[\da-zđIVXLCA-Z])"
)
_NEXT_RE = re.compile(
    r"(?P<sep>[^\S\n]*[,;]?[^\S\n]*(?:(?:và|hoặc)[^\S\n]+)?)(?P<of>(?:của|thuộc|tại)[^\S\n]+)?"
)
_SIMPLE_RE = re.compile(r"[^\W\d]+(?: lục| mục)? [\w.]+")
_LABEL_SPLIT = re.compile(r"(" + _CONT + r")")


@dataclass(frozen=True, slots=True)
class Pinpoint:
    """A matched pinpoint: span, canonical text, unit paths (highest level first)."""

    start: int
    end: int
    text: str
    units: tuple[tuple[str, tuple[str, ...]], ...]
    paths: tuple[tuple[tuple[str, str], ...], ...]

    @property
    def lowest(self) -> str:
        """The kind of the lowest unit (``point`` in ``điểm a khoản 2``)."""
        return self.units[0][0]


def _expand_range(a: str, b: str) -> list[str]:
    """Labels from ``a`` to ``b`` inclusive (digits, roman numerals or point letters)."""
    if a.isdigit() and b.isdigit():
        lo, hi = int(a), int(b)
        return [str(i) for i in range(lo, hi + 1)] if 0 < hi - lo < 200 else [a, b]
    ra, rb = roman_value(a), roman_value(b)
    if ra and rb and 0 < rb - ra < 50:
        return [roman(i).upper() for i in range(ra, rb + 1)]
    if a in POINT_LETTERS and b in POINT_LETTERS:
        i, j = POINT_LETTERS.index(a), POINT_LETTERS.index(b)
        if i < j:
            return list(POINT_LETTERS[i : j + 1])
    return [a, b]


_WORD_RES = {kind: re.compile(word + r"\s+") for kind, (word, _, _, _) in UNITS.items()}
_LIST_LEAD_RE = re.compile(r"^(?:các|từ)\s+")
_SPACES_RE = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _labels(kind: str, s: str) -> tuple[tuple[str, ...], str]:
    """The labels of one unit match (ranges expanded) and its canonical words (the same
    units recur through a text: cached)."""
    if _SIMPLE_RE.fullmatch(s):  # the common case: one unit word, one label
        lab = s.rsplit(None, 1)[-1]
        return (lab,), f"{UNITS[kind][2]} {lab}"
    s = _LIST_LEAD_RE.sub("", s)
    s = _WORD_RES[kind].sub("", s)
    pieces = _LABEL_SPLIT.split(s)
    labels: list[str] = []
    canon = [UNITS[kind][2], " "]
    pending_range = False
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            lab = _SPACES_RE.sub(" ", piece.strip())
            if pending_range and labels:
                labels.extend(_expand_range(labels.pop(), lab))
            else:
                labels.append(lab)
            canon.append(lab)
            pending_range = False
        else:
            sep = piece.strip()
            pending_range = sep in _RANGE_WORDS
            canon.append(", " if sep == "," else f" {sep} " if sep else " ")
    return tuple(labels), "".join(canon)


def _is_heading(text: str, start: int, end: int) -> bool:
    """A unit word at a line start followed by '.', ':' or the end of the line is a heading
    (``Điều 5. Phạm vi``, ``Chương II``), not a reference."""
    if start and text[start - 1] != "\n":
        return False
    rest = text[end : end + 3]
    return not rest or rest[0] in ".:\n" or rest.startswith(" .") or rest[:2] == "\n"


def match_pinpoint(text: str, pos: int, *, skip_headings: bool = True) -> Pinpoint | None:
    """The pinpoint that starts at ``pos`` in ``text``, or ``None``.

    Units chain upwards (``điểm a khoản 2 Điều 5``); after a list separator a lower unit
    starts a new group whose missing higher units come from the group that has them, stepping
    up its ancestors (``Khoản 9, 10 và điểm d khoản 13 Điều 1``: khoản 9 and 10 of Điều 1).

    >>> match_pinpoint("Khoản 1, Khoản 3 đến 6 Điều 8 Nghị định", 0).text
    'khoản 1, 3 đến 6 Điều 8'
    >>> p = match_pinpoint("Khoản 9,10 và điểm d khoản 13 Điều 1 Nghị định", 0)
    >>> p.text, p.paths[0], p.paths[2]
    ('khoản 9, 10 và điểm d khoản 13 Điều 1', (('article', '1'), ('clause', '9')), (('article', '1'), ('clause', '13'), ('point', 'd')))
    """
    groups: list[list[tuple[str, tuple[str, ...], str, int]]] = [[]]
    seps: list[str] = []
    level = 0
    end = pos
    m = UNIT_RE.match(text, pos)
    while m:
        kind = m.lastgroup or ""
        lvl = UNITS[kind][3]
        labels, words = _labels(kind, m.group(kind))
        groups[-1].append((kind, labels, words, lvl))
        level = lvl
        end = m.end()
        nxt = _NEXT_RE.match(text, end)
        if nxt is None:
            break
        m2 = UNIT_RE.match(text, nxt.end())
        if m2 is None:
            break
        lvl2 = UNITS[m2.lastgroup or ""][3]
        if lvl2 <= level:
            sep = nxt["sep"].strip()
            if not sep or nxt["of"]:
                break
            groups.append([])
            seps.append(
                "; " if sep.startswith(";") else ", " if sep == "," else f" {sep.lstrip(',; ')} "
            )
            level = 0
        m = m2
    if not groups[0]:
        return None
    if (
        skip_headings
        and len(groups) == 1
        and len(groups[0]) == 1
        and len(groups[0][0][1]) == 1  # "Điều 5 đến Điều 10" alone is a range, not a heading
        and _is_heading(text, pos, end)
    ):
        return None
    canon = []
    for i, g in enumerate(groups):
        if i:
            canon.append(seps[i - 1])
        canon.append(" ".join(w for _, _, w, _ in g))
    paths: list[tuple[tuple[str, str], ...]] = []
    for i, g in enumerate(groups):
        if len(paths) >= MAX_PATHS:
            break
        top = g[-1][3]
        units = [(k, labs) for k, labs, _, _ in g]
        for later in groups[i + 1 :]:
            higher = [(k, labs) for k, labs, _, lv in later if lv > top]
            if higher:
                units.extend(higher)
                break
        if all(len(labels) == 1 for _, labels in units):  # the common case: one path
            paths.append(tuple((k, labels[0]) for k, labels in reversed(units)))
            continue
        kinds = [k for k, _ in reversed(units)]
        # lists multiply (điểm a-y × khoản 1-199 × …): expand lazily, keep the work bounded
        combos = product(*(labels for _, labels in reversed(units)))
        paths.extend(
            tuple(zip(kinds, c, strict=True)) for c in islice(combos, MAX_PATHS - len(paths))
        )
        if len(paths) >= MAX_PATHS:
            break
    flat = tuple((k, labs) for g in groups for k, labs, _, _ in g)
    return Pinpoint(pos, end, "".join(canon), flat, tuple(paths))


def canonical_pinpoint(s: str) -> str | None:
    """Canonical words of a pinpoint as typed (``Khoản 3 Điều 1`` -> ``khoản 3 Điều 1``).

    >>> canonical_pinpoint("Điểm c Khoản 1 Điều 75")
    'điểm c khoản 1 Điều 75'
    """
    p = match_pinpoint(s.strip(), 0, skip_headings=False)
    return p.text if p is not None else None


__all__ = ["TRIGGER_RE", "UNITS", "UNIT_RE", "Pinpoint", "canonical_pinpoint", "match_pinpoint"]
