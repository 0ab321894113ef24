"""Vietnamese rules kept as data: document types, issuer codes, relation cues, known documents.

Each table is a JSON file beside this module, every entry with examples that the tests turn
into test cases. Loaders are cached: the files are read once per process.

>>> [t.name for t in doc_types()][:3]
['Hiến pháp', 'Bộ luật', 'Luật']
>>> doc_type_for_code("NĐ")
'Nghị định'
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any


def load_table(name: str) -> Any:
    """The parsed JSON of ``src/vbpl/data/<name>.json``."""
    return json.loads(files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class DocType:
    """A loại văn bản: its name as written, English gloss, codes used inside numbers."""

    name: str
    gloss: str
    codes: tuple[str, ...]
    code_decides_type: bool
    examples: tuple[str, ...]
    named: bool = False
    named_prefixes: tuple[str, ...] = ()


@cache
def doc_types() -> tuple[DocType, ...]:
    """Every document type, longest names first within the same prefix (Nghị quyết liên tịch
    before Nghị quyết)."""
    return tuple(
        DocType(
            t["name"],
            t["gloss"],
            tuple(t["codes"]),
            t["code_decides_type"],
            tuple(t["examples"]),
            bool(t.get("named", False)),
            tuple(t.get("named_prefixes", ())),
        )
        for t in load_table("doc_types")["types"]
    )


@cache
def _by_code() -> dict[str, str]:
    out: dict[str, str] = {}
    for t in doc_types():
        for c in t.codes:
            out.setdefault(c.upper(), t.name)
    return out


def doc_type_for_code(code: str) -> str | None:
    """The document type a code inside a number stands for (``NQ`` -> Nghị quyết).

    ``QĐ`` gives Quyết định; callers that see the word "Quy định" before the number use that.
    """
    return _by_code().get(code.upper())


__all__ = ["DocType", "doc_type_for_code", "doc_types", "load_table"]
