r"""Output helpers shared by the commands: JSON on standard output, encoded by orjson, and file
names made safe for a terminal (:func:`safe`).

One object is written with :func:`emit_json`; many documents stream with
:class:`JsonListWriter`, one at a time, so that ``vbpl parse --json`` never holds every
document (or one big tree of dicts) in memory.

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
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from vbpl.text.repair import escape_controls as safe


def error_line(e: object) -> str:
    r"""The one line printed on standard error for an error ``e``.

    >>> error_line(ValueError("bad\nname"))
    'vbpl: bad\\nname'
    """
    return f"vbpl: {safe(e)}"


def _default(obj: Any) -> Any:
    if isinstance(obj, (set, frozenset)):
        return sorted(obj, key=str)
    if isinstance(obj, tuple):
        return list(obj)
    return str(obj)


def dumps(obj: Any, *, indent: bool = True) -> bytes:
    """``obj`` as UTF-8 JSON bytes, indented by two spaces (Vietnamese kept readable).

    >>> dumps({"số": [1, None]}, indent=False).decode()
    '{"số":[1,null]}'
    """
    import orjson

    option = orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(obj, default=_default, option=option)


def write_bytes(data: bytes, stream: TextIO | None = None) -> None:
    """Write UTF-8 ``data`` to a text stream (through its binary buffer when it has one)."""
    out = stream if stream is not None else sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
    else:
        out.write(data.decode("utf-8"))


def readable(stream: TextIO | None = None) -> bool:
    """True when ``stream`` (standard output by default) can show Vietnamese text."""
    out = stream if stream is not None else sys.stdout
    try:
        "ạđ".encode(getattr(out, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def emit_json(obj: Any, stream: TextIO | None = None) -> None:
    """Write ``obj`` as indented UTF-8 JSON (Vietnamese kept readable, not escaped; as
    ``\\u`` escapes when the stream's encoding cannot show it, so the JSON stays valid)."""
    data = dumps(obj)
    if not readable(stream):
        data = json.dumps(json.loads(data), ensure_ascii=True, indent=2).encode("ascii")
    write_bytes(data + b"\n", stream)


def nest_item(data: bytes) -> bytes:
    r"""Indented JSON bytes of one item, indented once more to sit inside a list.

    Newlines only occur between tokens in JSON (inside strings they are escaped), so
    indenting every line nests the item.

    >>> nest_item(b'{\n  "a": 1\n}')
    b'{\n    "a": 1\n  }'
    """
    return data.replace(b"\n", b"\n  ")


class JsonListWriter:
    """Write JSON items one at a time: one item alone as an object, several as a list.

    The CLI's convention is one object for one input and a list for several; ``single``
    says which (known from the number of inputs before any is parsed). Items are JSON bytes
    (``Document.to_json(indent=True)``) or objects.

    >>> import io
    >>> buf = io.StringIO()
    >>> with JsonListWriter(buf, single=False) as w:
    ...     w.write(b'{\\n  "a": 1\\n}')
    ...     w.write({"b": 2})
    >>> print(buf.getvalue(), end="")
    [
      {
        "a": 1
      },
      {
        "b": 2
      }
    ]
    """

    def __init__(self, stream: TextIO | None = None, *, single: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.single = single
        self.count = 0

    def write(self, item: bytes | Any, *, nested: bool = False) -> None:
        """Write one item (JSON bytes indented by two, or an object to encode).

        ``nested``: the bytes were already indented as an item of the list
        (:func:`nest_item`, done by the worker that made them), so that this process only
        writes them.
        """
        data = item if isinstance(item, bytes) else dumps(item)
        if self.single:
            if self.count:
                raise ValueError("a single JSON object was already written")
            write_bytes(data + b"\n", self.stream)
        else:
            head = b"[\n  " if self.count == 0 else b",\n  "
            if nested:  # two writes rather than a copy of a large item
                write_bytes(head, self.stream)
                write_bytes(data, self.stream)
            else:
                write_bytes(head + nest_item(data), self.stream)
        self.count += 1

    def write_chunks(self, chunks: Iterable[bytes]) -> None:
        """Write one item given as pieces of its JSON indented by two
        (:meth:`vbpl.model.Document.iter_json`), each written as it comes: a large document
        is never held whole as bytes.

        >>> import io
        >>> buf = io.StringIO()
        >>> with JsonListWriter(buf) as w:
        ...     w.write_chunks([b'{\\n  "a"', b': 1\\n}'])
        >>> buf.getvalue()
        '[\\n  {\\n    "a": 1\\n  }\\n]\\n'
        """
        if self.single:
            if self.count:
                raise ValueError("a single JSON object was already written")
        else:
            write_bytes(b"[\n  " if self.count == 0 else b",\n  ", self.stream)
        for chunk in chunks:
            write_bytes(chunk if self.single else nest_item(chunk), self.stream)
        if self.single:
            write_bytes(b"\n", self.stream)
        self.count += 1

    def close(self) -> None:
        """End the list (``[]`` when nothing was written, ``null`` for a missing single)."""
        if self.single:
            if not self.count:
                write_bytes(b"null\n", self.stream)
        elif self.count:
            write_bytes(b"\n]\n", self.stream)
        else:
            write_bytes(b"[]\n", self.stream)

    def __enter__(self) -> JsonListWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def one_or_list(items: list[Any]) -> Any:
    """One object for one input, a list for several (the CLI's JSON convention)."""
    return items[0] if len(items) == 1 else items


__all__ = [
    "JsonListWriter",
    "dumps",
    "emit_json",
    "error_line",
    "nest_item",
    "one_or_list",
    "safe",
    "write_bytes",
]
