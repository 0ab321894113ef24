"""The one family of errors vbpl raises on bad input.

Every error a user can cause (a file that cannot be read, a page that is not a document, a
query an index cannot answer) is a :class:`VbplError` with a one-line message; the CLI prints
that line on standard error and exits 1.

>>> try:
...     raise InputError("bad.txt: not UTF-8 or UTF-16")
... except VbplError as e:
...     str(e)
'bad.txt: not UTF-8 or UTF-16'
"""

from __future__ import annotations


class VbplError(Exception):
    """Base class of every error vbpl raises on purpose."""


class InputError(VbplError):
    """A source that cannot be read or is not a document (encoding, format, size)."""


class ParseError(VbplError):
    """A source that was read but holds no document: no text at all once decoded, extracted
    and normalised (an empty file, a page or Word file with no text, only spaces or
    zero-width characters). Raised by :func:`vbpl.pipeline.parse_extracted`; text that has
    words is always parsed (the parser never refuses a layout, it falls back to paragraphs)."""


class SearchIndexError(VbplError):
    """A search index that cannot be opened, written or queried."""


class CorpusError(VbplError):
    """A corpus operation on an unknown key or a corrupt saved corpus."""


__all__ = ["CorpusError", "InputError", "ParseError", "SearchIndexError", "VbplError"]
