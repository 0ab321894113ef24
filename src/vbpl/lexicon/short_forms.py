"""Short forms of document references: the grammar (data in ``short_forms.json``).

Two shapes name a document stated in full elsewhere in the same text:

* a **definition** in a parenthesis right after the full reference: "(sau đây gọi tắt là
  Kết luận 91)" — :func:`definition_re`, group ``alias``;
* a **conventional** short form: a type word or its code and the sequence number alone —
  "Nghị quyết 45", "Quy định 377", "Chỉ thị số 45", "HD 31" — :func:`conventional_re`,
  groups ``word`` and ``seq``; :func:`types_of` gives the types a word or code may be.

Which full reference a short form stands for is the reference finder's job
(:mod:`vbpl.refs.short_forms`).

>>> m = definition_re().search("Kết luận số 91-KL/TW (sau đây gọi tắt là Kết luận 91), Tỉnh ủy")
>>> m["alias"]
'Kết luận 91'
>>> m = conventional_re().search("rà soát theo HD 31 và Nghị quyết số 57.")
>>> m["word"], m["seq"], types_of(m["word"])
('HD', '31', ('Hướng dẫn',))
>>> conventional_re().search("số 45-NQ/TW") is None
True
"""

from __future__ import annotations

import re
from functools import cache

from vbpl.data import load_table
from vbpl.lexicon.doc_types import doc_types


@cache
def definition_re() -> re.Pattern[str]:
    """A parenthesis that defines a short name: ``(sau đây gọi tắt là “Quy định 377”)``."""
    cues = "|".join(
        r"\s+".join(map(re.escape, c.split()))
        for c in sorted(load_table("short_forms")["definition_cues"], key=len, reverse=True)
    )
    return re.compile(rf"\(\s*(?:{cues})\s*:?\s*[“\"]?(?P<alias>[^()“”\"\n]{{2,60}}?)[”\"]?\s*\)")


@cache
def _codes() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for t in doc_types():
        for c in t.codes:
            if len(c) >= 2:
                out.setdefault(c, []).append(t.name)
    return {k: tuple(v) for k, v in out.items()}


def names_a_document(alias: str) -> bool:
    """True when a defined short name starts with a document type or its code ("Kết luận 91",
    "NQ 57"), not with the name of a body ("Ngân hàng Nhà nước").

    >>> names_a_document("Kết luận 91"), names_a_document("Ngân hàng Nhà nước")
    (True, False)
    """
    words = alias.split()
    heads = {" ".join(words[:k]) for k in range(1, min(4, len(words)) + 1)}
    names = {t.name.lower() for t in doc_types()}
    return any(h in _codes() or h.lower() in names for h in heads)


def types_of(word: str) -> tuple[str, ...]:
    """The document types a short form's word may name: a type name itself, or the types of
    a code (``QĐ`` -> Quyết định and Quy định).

    >>> types_of("QĐ"), types_of("nghị quyết")
    (('Quyết định', 'Quy định'), ('Nghị quyết',))
    """
    word = " ".join(word.split())
    if word in _codes():
        return _codes()[word]
    return (word[0].upper() + word[1:],)


def words_for(types: frozenset[str]) -> frozenset[str]:
    """The words a short form of one of ``types`` may start with: the type names and their
    codes.

    >>> sorted(words_for(frozenset({"Hướng dẫn"})))
    ['HD', 'Hướng dẫn']
    """
    codes = {c for c, names in _codes().items() if any(n in types for n in names)}
    return frozenset(types) | codes


#: what follows the type word or code of a short form: an optional "số" and a bare sequence
#: number (not the start of a full number, a longer number or a decimal)
SEQ_AFTER_RE = re.compile(
    r"[^\S\n]+(?:số[^\S\n]+)?(?P<seq>\d{1,5})(?![\w/\-–]|[.,]\d|\s?[/\-–]\s?[\dA-ZĐ])"
)


@cache
def conventional_re(words: frozenset[str] | None = None) -> re.Pattern[str]:
    """A type word or code (any, or one of ``words``), an optional ``số``, and a bare
    sequence number (not followed by the ``-``/``/`` of a full number, a digit, or a
    decimal)."""
    if words is None:
        words = frozenset({t.name for t in doc_types()} | set(_codes()))
    alts = "|".join(
        r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(
        rf"(?<!\w)(?P<word>{alts})[^\S\n]+(?:số[^\S\n]+)?(?P<seq>\d{{1,5}})"
        r"(?![\w/\-–]|[.,]\d|\s?[/\-–]\s?[\dA-ZĐ])"
    )


__all__ = [
    "SEQ_AFTER_RE",
    "conventional_re",
    "definition_re",
    "names_a_document",
    "types_of",
    "words_for",
]
