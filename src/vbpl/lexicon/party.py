"""Party terms: khóa (the term of a Party committee), Hội nghị (plenums), the terms' dates.

Party documents name the committee with its term ("Ban Chấp hành Trung ương Đảng khóa XIII")
and resolutions of the Central Committee the plenum that passed them ("Hội nghị lần thứ tám
Ban Chấp hành Trung ương Đảng khóa XIII", "Hội nghị Trung ương 8"). Numbers of Party
documents restart with each term, so the term tells two "45-NQ/TW" apart; the start dates of
the terms are the ``party_terms`` rows of ``known_documents.json``.

>>> term_of("của Ban Chấp hành Trung ương Đảng khóa XI"), term_of("khóa học")
('XI', None)
>>> party_term(date(2013, 11, 4)), party_term(date(2022, 11, 17))
('XI', 'XIII')
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from vbpl.data import load_table

#: the term of a committee: "khóa XIII" (roman numeral in group ``term``)
TERM_PATTERN = r"[Kk]hóa[^\S\n]+(?P<term>[IVXLC]{1,6})(?!\w)"
TERM_RE = re.compile(TERM_PATTERN)
#: a plenum of the Central Committee, before "Ban Chấp hành Trung ương": "Hội nghị lần thứ
#: tám", "Hội nghị Trung ương 8", "Hội nghị" alone (compile case-insensitive)
PLENUM_PATTERN = (
    r"hội nghị"
    r"(?: lần thứ \S+(?: \S+)?"  # lần thứ tám, lần thứ mười hai
    r"| trung ương(?: \d+)?"  # Trung ương 8
    r")?"
)

#: examples: text -> its term; the tests check every one
TERM_EXAMPLES: dict[str, str | None] = {
    "Ban Chấp hành Trung ương Đảng khóa XIII": "XIII",
    "Ban Bí thư (khóa XII)": "XII",
    "Khóa  IX": "IX",
    "khóa họp thứ 7": None,
    "khóa XIIIa": None,
}
#: examples of plenums (each followed by " Ban Chấp hành Trung ương")
PLENUM_EXAMPLES = ("Hội nghị lần thứ tám", "HỘI NGHỊ LẦN THỨ MƯỜI HAI", "Hội nghị Trung ương 8")


def term_of(text: str) -> str | None:
    """The first term (khóa) named in ``text``, else ``None``."""
    m = TERM_RE.search(text)
    return m["term"] if m is not None else None


@cache
def party_terms() -> tuple[tuple[date, str], ...]:
    """``(first day, term)`` of each Central Committee term, oldest first."""
    rows = load_table("known_documents")["party_terms"]
    return tuple(sorted((date.fromisoformat(r["from"]), r["term"]) for r in rows))


def party_term(issued: date | None) -> str | None:
    """The Party Central Committee term (khóa) in office on a date."""
    if issued is None:
        return None
    out = None
    for start, term in party_terms():
        if start <= issued:
            out = term
    return out


__all__ = [
    "PLENUM_EXAMPLES",
    "PLENUM_PATTERN",
    "TERM_EXAMPLES",
    "TERM_PATTERN",
    "TERM_RE",
    "party_term",
    "party_terms",
    "term_of",
]
