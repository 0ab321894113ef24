r"""Output helpers shared by the commands: JSON on standard output, one per call, and file
names made safe for a terminal (:func:`safe`).

>>> safe("a\nb\x1b[31m.txt")
'a\\nb\\x1b[31m.txt'
>>> import io
>>> buf = io.StringIO()
>>> emit_json({"số": 1}, buf)
>>> buf.getvalue()
'{\n  "số": 1\n}\n'
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

#: C0 and C1 control characters, DEL, and the bidirectional overrides a name could hide behind
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    r"""``text`` with control characters written as Python escapes (``\n``, ``\x1b``), so
    that a file name cannot move the cursor, colour the terminal or split a line. Every line
    the CLI prints about a file goes through here.

    >>> safe("Điều 1\tx")
    'Điều 1\\tx'
    """
    s = str(text)
    if not _CONTROLS.search(s):
        return s
    return _CONTROLS.sub(lambda m: repr(m.group())[1:-1], s)


def error_line(e: object) -> str:
    r"""The one line printed on standard error for an error ``e``.

    >>> error_line(ValueError("bad\nname"))
    'vbpl: bad\\nname'
    """
    return f"vbpl: {safe(e)}"


def emit_json(obj: Any, stream: TextIO | None = None) -> None:
    """Write ``obj`` as indented UTF-8 JSON (Vietnamese kept readable, not escaped)."""
    out = stream if stream is not None else sys.stdout
    json.dump(obj, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def one_or_list(items: list[Any]) -> Any:
    """One object for one input, a list for several (the CLI's JSON convention)."""
    return items[0] if len(items) == 1 else items


__all__ = ["emit_json", "error_line", "one_or_list", "safe"]
