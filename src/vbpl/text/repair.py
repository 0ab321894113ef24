"""Repair text that cannot be encoded: lone surrogates become U+FFFD.

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


__all__ = ["has_lone_surrogate", "repair_fields", "repair_text"]
