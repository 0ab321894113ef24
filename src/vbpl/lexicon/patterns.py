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


__all__ = ["VARIABLES", "expand"]
