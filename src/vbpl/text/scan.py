"""Many patterns over one long text, a block at a time, so that the block stays in the cache.

Reads: a text and a sequence of compiled patterns. Writes: each pattern's matches, as
``pattern.finditer(text)`` would give them, block after block (within a block, pattern after
pattern). A reference finder scans a text with a few dozen literal-led patterns; over a whole
text each pass reads it from memory again, and the 10x laws (163 M characters, 326 MB as a
``str``) took 16-22x the 1x time in those passes instead of 10x (docs/performance.md,
"Linearity, third look").

The blocks end just after a newline. A pattern must not look further than :data:`MARGIN`
characters past the end of a line it started on (a match of ``Điều 5`` reads a few characters
after ``Điều``; none of the patterns read across more than one line break): inside a block
each pattern sees the text up to :data:`MARGIN` characters past the block's end, and a match
is kept in the block it starts in.

>>> import re
>>> pats = [re.compile("ab"), re.compile(r"b\\n")]
>>> [(i, m.start()) for i, m in block_matches(pats, "ab\\nab\\nab\\n", block=2, margin=1)]
[(0, 0), (1, 1), (0, 3), (1, 4), (0, 6), (1, 7)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

#: characters per block: 256 Ki characters, 512 KB to 1 MB of a Vietnamese ``str``
BLOCK = 1 << 18
#: characters a pattern may read past the end of the block its match starts in
MARGIN = 256


def block_matches(
    patterns: Sequence[re.Pattern[str]],
    text: str,
    *,
    block: int = BLOCK,
    margin: int = MARGIN,
) -> Iterator[tuple[int, re.Match[str]]]:
    """``(index of the pattern, match)`` for every match of every pattern in ``text``, block
    by block; each pattern's matches are those of ``pattern.finditer(text)``, in order, for
    patterns that read at most ``margin`` characters past the end of a line (see above).

    >>> import re
    >>> [(i, m.group()) for i, m in block_matches([re.compile(r"\\d+"), re.compile("x")], "1x 22x")]
    [(0, '1'), (0, '22'), (1, 'x'), (1, 'x')]
    """
    n = len(text)
    if n <= block + margin:
        for i, pattern in enumerate(patterns):
            for m in pattern.finditer(text):
                yield i, m
        return
    resume = [0] * len(patterns)  # where each pattern's next match may start (no overlap)
    lo = 0
    while lo < n:
        hi = text.find("\n", lo + block)
        hi = n if hi < 0 else hi + 1
        end = min(n, hi + margin)
        for i, pattern in enumerate(patterns):
            for m in pattern.finditer(text, max(lo, resume[i]), end):
                if m.start() >= hi:
                    break
                yield i, m
                resume[i] = m.end()
        lo = hi


__all__ = ["BLOCK", "MARGIN", "block_matches"]
