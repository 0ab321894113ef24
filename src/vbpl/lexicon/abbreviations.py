"""Short forms people type for a law: ``BLDS`` (Bộ luật Dân sự = Civil Code), ``Luật DN``
(Luật Doanh nghiệp = Law on Enterprises). The table is ``data/law_abbreviations.json``; each
entry's examples are tests. Used on queries, where a short form is common; a document's text
names its laws in full.

>>> expand_law_abbreviations("Điều 5 BLDS 2015")
'Điều 5 Bộ luật Dân sự 2015'
>>> expand_law_abbreviations("luat dn 2020")
'luat Doanh nghiệp 2020'
"""

from __future__ import annotations

import re
from functools import cache

from vbpl.data import load_table
from vbpl.text.fold import fold


@cache
def _patterns() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern over the folded, upper-case text; the full form of each folded short."""
    table = load_table("law_abbreviations")
    full: dict[str, str] = {}
    codes = []
    for row in table["codes"]:
        key = fold(row["short"]).upper()
        full[key] = row["full"]
        codes.append(re.escape(key))
    after = []
    for row in table["after_luat"]:
        key = fold(row["short"]).upper()
        full["LUAT " + key] = row["full"]
        after.append(re.escape(key))
    pattern = re.compile(
        rf"(?<!\w)(?:(?P<code>{'|'.join(sorted(codes, key=len, reverse=True))})"
        rf"|LUAT\s+(?P<short>{'|'.join(sorted(after, key=len, reverse=True))}))(?!\w)"
    )
    return pattern, full


def expand_law_abbreviations(text: str) -> str:
    """``text`` with each short form of a law written out (whole words, any case, with or
    without diacritics); the word ``Luật`` before a short name is kept as typed.

    >>> expand_law_abbreviations("Luật ĐĐ và BLLĐ")
    'Luật Đất đai và Bộ luật Lao động'
    >>> expand_law_abbreviations("DN nhỏ và vừa")  # "DN" alone is not the law
    'DN nhỏ và vừa'
    """
    pattern, full = _patterns()
    folded = fold(text).upper()  # same length as NFC text: offsets carry over
    if len(folded) != len(text):
        return text
    out: list[str] = []
    last = 0
    for m in pattern.finditer(folded):
        if m.group("code"):
            out += [text[last : m.start()], full[m.group("code")]]
        else:
            out += [text[last : m.start("short")], full["LUAT " + m.group("short")]]
        last = m.end()
    if not out:
        return text
    return "".join([*out, text[last:]])


def law_abbreviation_examples() -> list[tuple[str, str, str]]:
    """``(short, query, expected)`` of every example in the table (for the tests)."""
    table = load_table("law_abbreviations")
    return [
        (row["short"], query, expected)
        for part in ("codes", "after_luat")
        for row in table[part]
        for query, expected in row["examples"]
    ]


__all__ = ["expand_law_abbreviations", "law_abbreviation_examples"]
