"""Output helpers shared by the commands: JSON on standard output, one per call.

>>> import io
>>> buf = io.StringIO()
>>> emit_json({"số": 1}, buf)
>>> buf.getvalue()
'{\\n  "số": 1\\n}\\n'
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO


def emit_json(obj: Any, stream: TextIO | None = None) -> None:
    """Write ``obj`` as indented UTF-8 JSON (Vietnamese kept readable, not escaped; as
    ``\\u`` escapes when the stream's encoding cannot show it, so the JSON stays valid)."""
    out = stream if stream is not None else sys.stdout
    try:
        "ạđ".encode(getattr(out, "encoding", None) or "utf-8")
        readable = True
    except (UnicodeEncodeError, LookupError):
        readable = False
    json.dump(obj, out, ensure_ascii=not readable, indent=2, default=str)
    out.write("\n")


def one_or_list(items: list[Any]) -> Any:
    """One object for one input, a list for several (the CLI's JSON convention)."""
    return items[0] if len(items) == 1 else items


__all__ = ["emit_json", "one_or_list"]
