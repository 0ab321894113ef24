"""Bounds on what a search may ask for: hits per query, query length, number candidates.

Reads: the ``limit`` and query text a caller passes. Writes: a clamped limit, or a
:class:`~vbpl.errors.SearchIndexError` with one line. An engine is never asked for more than
:data:`MAX_HITS` hits (tantivy allocates the whole result heap up front: a limit of 2**31
aborted the process), and a query is at most :data:`MAX_QUERY_CHARS` characters.

>>> clamp_limit(2147483647), clamp_limit(5), clamp_limit(-3)
(10000, 5, 0)
"""

from __future__ import annotations

import operator
from typing import Any

from vbpl.errors import SearchIndexError

#: the most hits one search returns (more are clamped to this)
MAX_HITS = 10_000
#: the longest query text accepted, in characters
MAX_QUERY_CHARS = 10_000
#: document numbers of one query looked up as numbers (the rest are searched as text)
MAX_QUERY_NUMBERS = 20


def clamp_limit(limit: Any) -> int:
    """``limit`` as an int in ``0..MAX_HITS``; anything that is not an integer is an error.

    >>> clamp_limit("5")
    Traceback (most recent call last):
    ...
    vbpl.errors.SearchIndexError: limit must be an integer, not str
    """
    if isinstance(limit, bool):
        raise SearchIndexError("limit must be an integer, not bool")
    try:
        n = operator.index(limit)
    except TypeError:
        raise SearchIndexError(f"limit must be an integer, not {type(limit).__name__}") from None
    return max(0, min(n, MAX_HITS))


def check_query(query: Any) -> str:
    """``query`` when it is a string of at most :data:`MAX_QUERY_CHARS` characters.

    >>> check_query("x" * 10_001)
    Traceback (most recent call last):
    ...
    vbpl.errors.SearchIndexError: query too long: 10001 characters (at most 10000)
    """
    if not isinstance(query, str):
        query = str(query)
    if len(query) > MAX_QUERY_CHARS:
        raise SearchIndexError(
            f"query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})"
        )
    return query


__all__ = ["MAX_HITS", "MAX_QUERY_CHARS", "MAX_QUERY_NUMBERS", "check_query", "clamp_limit"]
