"""Check one JSON row before it becomes a Document: types of every field, encodable text.

Reads: a row decoded from JSON (a dict of a JSON-lines file, a ``.json`` file or a caller).
Writes: the row with lone surrogates repaired (U+FFFD), or an
:class:`~vbpl.errors.InputError` whose message says which field is wrong — so that a bad
row is one line and the rows after it are still read, and nothing a later step cannot encode
or index (a list where a number should be, a string where metadata should be) gets through.

>>> check_row({"text": "Điều 1", "metadata": {"number": ["a"]}})
Traceback (most recent call last):
...
vbpl.errors.InputError: 'metadata.number' must be a string or null, not list
>>> check_row({"text": "Điều 1\\ud800"})["text"]
'Điều 1\\ufffd'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from vbpl.errors import InputError
from vbpl.text.repair import repair_fields

#: metadata fields holding a string (or null)
METADATA_STRINGS = (
    "number",
    "doc_type",
    "issuer",
    "issued",
    "effective",
    "signer",
    "title",
    "place",
    "status",
    "term",
)
#: a parsed document's fields: name -> expected JSON kind
DOCUMENT_FIELDS = {
    "text": "str",
    "source": "str?",
    "encoding": "str?",
    "raw": "str?",
    "header": "span?",
    "preamble": "span?",
    "tail": "span?",
    "notes": "strs",
    "sections": "list",
    "references": "list",
    "relations": "list",
}
SECTION_FIELDS = {
    "id": "str",
    "kind": "str",
    "label": "str",
    "heading": "str?",
    "text": "str?",
    "start": "int?",
    "end": "int?",
    "children": "list",
    "notes": "strs",
}
REFERENCE_FIELDS = {
    "text": "str",
    "start": "int?",
    "end": "int?",
    "kind": "str?",
    "number": "str?",
    "doc_type": "str?",
    "date": "str?",
    "issuer": "str?",
    "term": "str?",
    "title": "str?",
    "pinpoint": "str?",
    "section": "str?",
    "relation": "str?",
    "target": "str?",
    "confidence": "num?",
}
RELATION_FIELDS = {
    "subject": "str",
    "relation": "str",
    "object": "str",
    "start": "int?",
    "end": "int?",
    "section": "str?",
    "pinpoint": "str?",
    "source": "str?",
}


def check_row(row: Any) -> dict[str, Any]:
    """``row`` checked (see the module) and with its text repaired; raises
    :class:`InputError` (without the file and line, which the caller adds)."""
    if not isinstance(row, Mapping):
        raise InputError(f"a row must be a JSON object, not {_kind(row)}")
    for name in ("text", "html", "source"):
        _check(row, name, "str?", "")
    meta = row.get("metadata")
    if meta is not None:
        if not isinstance(meta, Mapping):
            raise InputError(f"'metadata' must be a JSON object, not {_kind(meta)}")
        for name in METADATA_STRINGS:
            _check(meta, name, "str?", "metadata.")
        _check(meta, "fields", "strs", "metadata.")
    if "sections" in row:
        for name, kind in DOCUMENT_FIELDS.items():
            _check(row, name, kind, "")
        _check_items(row.get("references") or (), REFERENCE_FIELDS, "references")
        _check_items(row.get("relations") or (), RELATION_FIELDS, "relations")
        stack: list[tuple[Any, str]] = [(row.get("sections") or (), "sections")]
        while stack:  # no recursion: a deep outline cannot overflow the stack
            items, where = stack.pop()
            _check_items(items, SECTION_FIELDS, where)
            for i, s in enumerate(items):
                if s.get("children"):
                    stack.append((s["children"], f"{where}[{i}].children"))
    import orjson

    try:  # orjson refuses lone surrogates: most rows need no walk (a tenth of a worker's time)
        orjson.dumps(row)
    except TypeError:  # orjson.JSONEncodeError: a surrogate, a non-string key, a huge int
        return repair_fields(dict(row))
    return dict(row)


def _check_items(items: Any, fields: dict[str, str], where: str) -> None:
    for i, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise InputError(f"'{where}[{i}]' must be a JSON object, not {_kind(item)}")
        for name, kind in fields.items():
            _check(item, name, kind, f"{where}[{i}].", required=kind == "str")


def _check(
    d: Mapping[str, Any], name: str, kind: str, where: str, *, required: bool = False
) -> None:
    if name not in d:
        if required:
            raise InputError(f"'{where}{name}' is missing")
        return
    v = d[name]
    optional = kind.endswith("?")
    base = kind.rstrip("?")
    if v is None and (optional or base in ("strs", "list")):
        return
    ok = {
        "str": isinstance(v, str),
        "int": isinstance(v, int) and not isinstance(v, bool),
        "num": isinstance(v, (int, float)) and not isinstance(v, bool),
        "list": isinstance(v, list),
        "strs": isinstance(v, list) and all(isinstance(x, str) for x in v),
        "span": isinstance(v, list)
        and len(v) == 2
        and all(isinstance(x, int) and not isinstance(x, bool) for x in v),
    }[base]
    if not ok:
        expected = {
            "str": "a string",
            "int": "an integer",
            "num": "a number",
            "list": "a list",
            "strs": "a list of strings",
            "span": "a [start, end] pair of integers",
        }[base]
        if optional:
            expected += " or null"
        raise InputError(f"'{where}{name}' must be {expected}, not {_kind(v)}")


def _kind(v: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}.get(
        type(v), type(v).__name__
    )


__all__ = ["check_row"]
