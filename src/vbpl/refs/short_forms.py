"""Short forms: a document stated in full once, then named short in the same text.

Reads: normalised text and the full mentions found in it (``(start, end, number, doc_type)``
in text order). Writes: :class:`ShortForm` spans, each standing for the full number.

Both kinds (grammar in :mod:`vbpl.lexicon.short_forms`) resolve only against a full
reference of the same text — a bare "Nghị quyết 45" with no 45-… stated in full is not a
reference:

* **defined**: "Kết luận số 91-KL/TW, ngày 12/8/2024 … (sau đây gọi tắt là Kết luận 91)": the
  alias stands for the mention right before the parenthesis, wherever it recurs; the
  definition itself is not a mention;
* **conventional**: "Nghị quyết 45", "Quy định 377", "Chỉ thị số 45", "HD 31" stand for the
  full reference of that type and sequence number — the nearest one before, else the first
  one after.

>>> text = "Hướng dẫn số 31-HD/BTGTW, ngày 30/12/2011. Số lượng (theo HD 31)."
>>> find_short_forms(text, [(0, 41, "31-HD/BTGTW", "Hướng dẫn")])
[ShortForm(start=58, end=63, number='31-HD/BTGTW', doc_type='Hướng dẫn')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from vbpl.lexicon.numbers import parse_number
from vbpl.lexicon.short_forms import (
    SEQ_AFTER_RE,
    definition_re,
    names_a_document,
    types_of,
    words_for,
)
from vbpl.text.scan import block_matches

#: how far (characters) a definition may follow the full reference it names
_DEFINITION_REACH = 300
#: the sequence number an alias repeats ("Kết luận 91", "Đề án 06")
_ALIAS_SEQ_RE = re.compile(r"(?<!\w)\d{1,6}(?!\w)")
#: after a code (not a type word) the sequence number may follow with no space: "NQ18"
_CODE_SEQ_AFTER_RE = re.compile(
    r"(?:" + SEQ_AFTER_RE.pattern.replace("[^\\S\\n]+", "[^\\S\\n]*", 1) + ")"
)


@dataclass(frozen=True, slots=True)
class ShortForm:
    """A short mention at ``[start, end)`` standing for ``number`` (of type ``doc_type``)."""

    start: int
    end: int
    number: str
    doc_type: str | None


def _seq(number: str) -> str | None:
    p = parse_number(number)
    return (p.seq.lstrip("0") or "0") if p is not None else None


@cache
def _word_seq_re(word: str) -> re.Pattern[str] | None:
    """``word`` after no letter or digit, then :data:`SEQ_AFTER_RE` (group ``after``), in one
    pattern that starts with the word (a fast literal scan); ``None`` for a word that can
    overlap itself ("ABA"), whose every start the scan would not see.

    >>> [m["seq"] for m in _word_seq_re("NQ").finditer("NQ 5, TNQ 6, NQ số 7")]
    ['5', '7']
    """
    if any(word[:k] == word[-k:] for k in range(1, len(word))):
        return None
    w = re.escape(word)
    after = _CODE_SEQ_AFTER_RE if word.isupper() and " " not in word else SEQ_AFTER_RE
    return re.compile(rf"{w}(?<![^\W_]{w})(?=(?P<after>{after.pattern}))")


_OPEN_RE = re.compile(r"[^\S\n]*\($")
_CLOSE_RE = re.compile(r"[^\S\n]*\)")


def _defines(
    text: str,
    start: int,
    end: int,
    ends: list[int],
    full: Sequence[tuple[int, int, str, str | None]],
    number: str,
) -> bool:
    """True when the short form at ``[start, end)`` stands alone in a parenthesis right after
    the full mention of its number: "Chỉ thị số 12-CT/TU ngày 15/02/2024 … (CT 12)",
    "Hướng dẫn số 06-HD/TW (Hướng dẫn 06) của Ban Bí thư" define the short name, as "(gọi
    tắt là …)" does; they are not mentions."""
    m = _OPEN_RE.search(text, max(0, start - 4), start)
    if m is None or _CLOSE_RE.match(text, end) is None:
        return False
    i = bisect_right(ends, m.start()) - 1
    return i >= 0 and ends[i] == m.start() and full[i][2] == number


def find_short_forms(
    text: str, full: Sequence[tuple[int, int, str, str | None]]
) -> list[ShortForm]:
    """Short forms in ``text`` of the full mentions ``full`` (see the module docstring), in
    text order; they never overlap a full mention or each other."""
    if not full:
        return []
    starts = [s for s, _, _, _ in full]  # full mentions come in text order
    ends = [e for _, e, _, _ in full]
    taken: list[tuple[int, int]] = []  # definitions and short forms found so far (few)

    def free(s: int, e: int) -> bool:
        i = bisect_right(starts, s) - 1  # the last full mention starting at or before s
        if i >= 0 and ends[i] > s:
            return False
        if i + 1 < len(starts) and starts[i + 1] < e:
            return False
        return all(e <= a or s >= b for a, b in taken)

    out: list[ShortForm] = []
    aliases: dict[str, tuple[str, str | None]] = {}
    for m in definition_re().finditer(text):
        alias = " ".join(m["alias"].split())
        if not names_a_document(alias):
            continue  # "(sau đây gọi là Ngân hàng Nhà nước)" names a body, not a document
        before = [f for f in full if f[1] <= m.start() and m.start() - f[1] <= _DEFINITION_REACH]
        if before:
            # "Kết luận số 91-KL/TW … về Nghị quyết số 29-NQ/TW … (gọi tắt là Kết luận 91)":
            # the alias names the mention whose sequence number it repeats, else the last one
            seq_m = _ALIAS_SEQ_RE.search(alias)
            want = (seq_m[0].lstrip("0") or "0") if seq_m else None
            same = [f for f in before if want is not None and _seq(f[2]) == want]
            aliases[alias] = ((same or before)[-1][2], (same or before)[-1][3])
            taken.append((m.start(), m.end()))  # the definition is not a mention
    for alias, (number, doc_type) in aliases.items():
        words = r"\s+".join(re.escape(w) for w in alias.split())
        for m in re.finditer(rf"(?<!\w){words}(?![\w/\-–]|[.,]\d)", text):
            if free(m.start(), m.end()):
                out.append(ShortForm(m.start(), m.end(), number, doc_type))
                taken.append((m.start(), m.end()))
    by_key: dict[tuple[str, str], list[tuple[int, str, str]]] = {}
    for s, _, number, doc_type in full:
        seq = _seq(number)
        if seq is not None and doc_type is not None:
            by_key.setdefault((doc_type, seq), []).append((s, number, doc_type))
    if not by_key:
        return sorted(out, key=lambda x: x.start)
    # the type words and codes of the full references, each found by a literal scan, then
    # the sequence number right after it
    found: list[tuple[int, int, str, str]] = []
    type_words = words_for(frozenset(t for t, _ in by_key))
    # all the words' patterns over one block of the text before the next (a long text is
    # read once, not once per word: vbpl.text.scan)
    scanned = [(w, r) for w in type_words if (r := _word_seq_re(w)) is not None]
    for i, m in block_matches([r for _, r in scanned], text):
        found.append((m.start(), m.end("after"), scanned[i][0], m["seq"]))
    for word in type_words:
        if _word_seq_re(word) is not None:
            continue
        pos = text.find(word)  # a word that can overlap itself: every start, one by one
        while pos >= 0:
            if not (pos and text[pos - 1].isalnum()):
                after = SEQ_AFTER_RE.match(text, pos + len(word))
                if after is not None:
                    found.append((pos, after.end(), word, after["seq"]))
            pos = text.find(word, pos + 1)
    for start, end, word, seq_text in sorted(found):
        seq = seq_text.lstrip("0") or "0"
        cands = sorted(c for t in types_of(word) for c in by_key.get((t, seq), ()))
        if not cands or not free(start, end):
            continue
        earlier = [c for c in cands if c[0] < start]
        _, number, doc_type = earlier[-1] if earlier else cands[0]
        if _defines(text, start, end, ends, full, number):
            taken.append((start, end))  # "Chỉ thị số 12-CT/TU … (CT 12)": a definition
            continue
        out.append(ShortForm(start, end, number, doc_type))
        taken.append((start, end))
    out.sort(key=lambda x: x.start)
    return out


__all__ = ["ShortForm", "find_short_forms"]
