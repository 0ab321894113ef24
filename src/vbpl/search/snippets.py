"""Snippets: the part of a unit's text where the query's words are densest, highlighted.

Reads: the stored (normalised) text of a hit and the analysed query tokens. Writes: one line
of text with each matched syllable wrapped in ``<b>…</b>`` (the rest HTML-escaped), the same
for every engine.

>>> make_snippet("Điều 5. Hiệu lực thi hành\\nLuật này có hiệu lực từ ngày 01/01/2025.",
...              {"hiệu", "lực"}, set())
'Điều 5. <b>Hiệu</b> <b>lực</b> thi hành Luật này có <b>hiệu</b> <b>lực</b> từ ngày 01/01/2025.'
"""

from __future__ import annotations

from html import escape

from vbpl.search.analysis import token_spans
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
    spans = token_spans(text)
    matches = [
        (s, e, tok)
        for tok, s, e in spans
        if tok in terms or (folded_terms and fold(tok) in folded_terms)
    ]
    if len(text) <= width:
        start, end = 0, len(text)
    elif not matches:
        start, end = 0, width
    else:
        best, best_start = -1, 0
        for s, _, _ in matches:
            lo = max(0, s - width // 4)
            distinct = {tok for ms, me, tok in matches if lo <= ms and me <= lo + width}
            if len(distinct) > best:
                best, best_start = len(distinct), lo
        start = best_start
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


__all__ = ["SNIPPET_CHARS", "make_snippet"]
