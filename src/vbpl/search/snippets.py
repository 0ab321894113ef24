"""Snippets: the part of a unit's text where the query's words are densest, highlighted.

Reads: the stored (normalised) text of a hit and the analysed query tokens. Writes: one line
of text with each matched syllable wrapped in ``<b>…</b>`` (the rest HTML-escaped), the same
for every engine.

>>> make_snippet("Điều 5. Hiệu lực thi hành\\nLuật này có hiệu lực từ ngày 01/01/2025.",
...              {"hiệu", "lực"}, set())
'Điều 5. <b>Hiệu</b> <b>lực</b> thi hành Luật này có <b>hiệu</b> <b>lực</b> từ ngày 01/01/2025.'
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from vbpl.search.analysis import unify_spelling
from vbpl.text.fold import fold

#: characters of text a snippet shows (about two lines)
SNIPPET_CHARS = 240


def make_snippet(
    text: str, terms: set[str], folded_terms: set[str], width: int = SNIPPET_CHARS
) -> str:
    """The ``width`` characters of ``text`` with the most distinct matched terms, matches in
    ``<b>``. ``terms`` match syllables exactly (lowercased); ``folded_terms`` match the
    folded form of a syllable (for queries typed without diacritics)."""
    if not text:
        return ""
    matches = _matches(text, frozenset(terms), frozenset(folded_terms))
    if len(text) <= width:
        start, end = 0, len(text)
    elif not matches:
        start, end = 0, width
    else:
        start = _densest(matches, width)
        end = min(len(text), start + width)
        start = max(0, end - width)
    # move the edges to word boundaries
    if start > 0:
        sp = text.rfind(" ", max(0, start - 20), start)
        start = sp + 1 if sp >= 0 else start
    if end < len(text):
        sp = text.find(" ", end, end + 20)
        end = sp if sp >= 0 else end
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for s, e, _ in matches:
        if s < start or e > end:
            continue
        out.append(escape(text[pos:s], quote=False))
        out.append(f"<b>{escape(text[s:e], quote=False)}</b>")
        pos = e
    out.append(escape(text[pos:end], quote=False))
    if end < len(text):
        out.append("…")
    return " ".join("".join(out).split())


def _densest(matches: list[tuple[int, int, str]], width: int) -> int:
    """Where the window of ``width`` characters with the most distinct matched terms starts
    (a window starts a quarter width before a match; the first of equals wins). Two
    pointers over the matches, in order: linear, however many matches a long text has.

    >>> _densest([(0, 2, "a"), (300, 302, "b"), (320, 322, "c")], 240)
    240
    """
    counts: dict[str, int] = {}
    left = right = 0  # the window holds matches[left:right]
    best, best_start = -1, 0
    for s, _, _ in matches:
        lo = max(0, s - width // 4)
        while right < len(matches) and matches[right][1] <= lo + width:
            tok = matches[right][2]
            counts[tok] = counts.get(tok, 0) + 1
            right += 1
        while left < right and matches[left][0] < lo:
            tok = matches[left][2]
            counts[tok] -= 1
            if not counts[tok]:
                del counts[tok]
            left += 1
        if len(counts) > best:
            best, best_start = len(counts), lo
    return best_start


def _matches(
    text: str, terms: frozenset[str], folded_terms: frozenset[str]
) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of every syllable of ``text`` that is a term, in order: one
    regular-expression pass (in C) instead of tokenising the whole text in Python.

    >>> _matches("Lí do: LÝ lịch, li", frozenset({"lý"}), frozenset())
    [(0, 2, 'lý'), (7, 9, 'lý')]
    """
    found: dict[int, tuple[int, int, str]] = {}
    low = text.lower()
    plain = _pattern(terms)
    if plain is not None:
        for m in plain.finditer(low):
            tok = unify_spelling(m.group())
            if tok in terms:
                found[m.start()] = (m.start(), m.end(), tok)
    folded_re = _pattern(folded_terms)
    if folded_re is not None:
        for m in folded_re.finditer(fold(low)):  # fold keeps every offset
            if m.start() not in found:
                tok = unify_spelling(low[m.start() : m.end()])
                found[m.start()] = (m.start(), m.end(), tok)
    return [found[k] for k in sorted(found)]


@lru_cache(maxsize=256)
def _pattern(terms: frozenset[str]) -> re.Pattern[str] | None:
    """Whole syllables equal to a term or to a spelling of it (``lý`` also as ``lí``)."""
    if not terms:
        return None
    spellings = set(terms)
    for t in terms:
        spellings.update(v for v, u in _SPELLINGS.items() if u == t)
    alternation = "|".join(re.escape(t) for t in sorted(spellings, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternation})(?![^\W_])")


#: the i spellings that :func:`unify_spelling` maps to y (lí -> lý)
_SPELLINGS = {
    onset + i: onset + y
    for onset in ("h", "k", "l", "m", "t", "qu")
    for i, y in zip("iìíỉĩị", "yỳýỷỹỵ", strict=True)
}


__all__ = ["SNIPPET_CHARS", "make_snippet"]
