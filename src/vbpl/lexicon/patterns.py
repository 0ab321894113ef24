"""Named pieces of grammar that the patterns of data tables refer to as ``$name``.

A table keeps its pattern readable and free of copies of the shared grammar:
``"[Nn]gày\\s*$date"`` instead of the date written out again. :func:`expand` substitutes
the pieces when the table is loaded; a piece is a non-capturing group, so quantifiers apply
to it whole. Pieces written verbose (``party.PLENUM_PATTERN``) are flattened first.

>>> import re
>>> re.search(expand("thông qua ngày $date"), "thông qua ngày 4/11/2013")["y"]
'2013'
>>> re.search(expand("$plenum Ban"), "Hội nghị lần thứ tám Ban", re.I).group()
'Hội nghị lần thứ tám Ban'
"""

from __future__ import annotations

import re
from functools import cache

from vbpl.lexicon.dates import DATE_PATTERN, WRITTEN_DATE_PATTERN
from vbpl.lexicon.numbers import NUMBER_PATTERN
from vbpl.lexicon.party import PLENUM_PATTERN, TERM_PATTERN

#: the pieces a table may use
VARIABLES: dict[str, str] = {
    "date": DATE_PATTERN,  # 4 tháng 11 năm 2013, 04/11/2013 (groups d, m, y)
    "written_date": WRITTEN_DATE_PATTERN,  # 4 tháng 11 năm 2013 only
    "number": NUMBER_PATTERN,  # a số ký hiệu inside running text
    "term": TERM_PATTERN,  # khóa XIII (group term)
    "plenum": PLENUM_PATTERN,  # Hội nghị lần thứ tám
}


@cache
def expand(pattern: str) -> str:
    """``pattern`` with each ``$name`` replaced by its piece; an unknown name is a KeyError."""
    return re.sub(r"\$([a-z]\w*)", lambda m: f"(?:{VARIABLES[m[1]]})", pattern)


def _common_prefix(words: list[str]) -> str:
    """The letters every word starts with (the first and last in sorted order share them)."""
    first, last = min(words), max(words)
    i = 0
    while i < len(first) and first[i] == last[i]:
        i += 1
    return first[:i]


def literal_alternation(phrases: list[str]) -> str:
    """``(?:p1|p2|…)`` for literal phrases, tried in the order given, written as a tree of
    shared prefixes: the regex engine then compares one letter per branch instead of one per
    phrase at each position (twice as fast on the cue phrases), with the same matches.

    Phrases that share a first letter keep their order inside its branch; phrases with
    different first letters cannot match at the same place, so their order does not matter.

    >>> literal_alternation(["căn", "cấp", "theo"])
    '(?:c(?:ăn|ấp)|theo)'
    >>> re.match(literal_alternation(["ab", "a", "abc"]), "abc").group()
    'ab'
    """
    phrases = list(
        dict.fromkeys(phrases)
    )  # a repeated phrase never matches where the first did not
    if len(phrases) == 1:
        return re.escape(phrases[0])
    common = _common_prefix(phrases)
    if common:
        return re.escape(common) + literal_alternation([p[len(common) :] for p in phrases])
    groups: dict[str, list[str]] = {}
    for p in phrases:
        groups.setdefault(p[:1], []).append(p[1:])
    if "" in groups and phrases[-1] != "":
        # a phrase that ends here, before a longer one: it would win wherever it stands
        # first, so the order across branches matters; keep this level flat
        return "(?:" + "|".join(map(re.escape, phrases)) + ")"
    alts = [
        re.escape(first + rest[0])
        if len(rest) == 1
        else re.escape(first) + literal_alternation(rest)
        for first, rest in groups.items()
    ]
    return "(?:" + "|".join(alts) + ")"


__all__ = ["VARIABLES", "expand", "literal_alternation"]
