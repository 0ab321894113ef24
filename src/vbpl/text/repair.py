"""Repair text that cannot be encoded or shown: lone surrogates become U+FFFD; control
characters in names shown on a terminal become escapes (:func:`escape_controls`).

Reads: strings (and the dicts and lists of a JSON row). Writes: the same, with every lone
surrogate (``"\\ud800"``, which JSON allows and UTF-8 cannot hold) replaced by ``"\\ufffd"``,
so that such text never reaches an index or a saved corpus, where it would fail later.

>>> repair_text("Điều\\ud8001")
'Điều\\ufffd1'
>>> repair_fields({"a": ["x\\udfff", 2]})
{'a': ['x\\ufffd', 2]}
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate code point (Python strings never pair them)."""
    return _SURROGATE.search(text) is not None


def repair_text(text: str) -> str:
    """``text`` with each surrogate code point replaced by U+FFFD."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


def repair_fields(value: Any) -> Any:
    """``value`` with :func:`repair_text` applied to every string inside (dicts, lists,
    tuples); unchanged objects are returned as they are."""
    if isinstance(value, str):
        return repair_text(value)
    if isinstance(value, dict):
        return {repair_fields(k): repair_fields(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(repair_fields(v) for v in value)
    return value


#: C0 and C1 control characters, DEL, and the bidirectional overrides a name could hide behind
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: object) -> str:
    r"""``text`` with control characters written as Python escapes (``\n``, ``\x1b``), so
    that a file name cannot move the cursor, colour the terminal or split a line. Every line
    the CLI prints about a file goes through here (as ``vbpl.cli.output.safe``).

    >>> escape_controls("Điều 1\tx")
    'Điều 1\\tx'
    """
    s = str(text)
    if not _CONTROLS.search(s):
        return s
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1], s)


__all__ = ["escape_controls", "has_lone_surrogate", "repair_fields", "repair_text"]
