"""Loại văn bản (document types): names as written, codes inside numbers, the ``named`` flag.

The table is ``src/vbpl/data/doc_types.json``; each entry carries examples that
``tests/test_data_tables.py`` checks. Adding a type is one entry there: the parser's header and
listings, the reference finder, the resolver and the search filters all read it from here.

>>> [t.name for t in doc_types()][:3]
['Hiến pháp', 'Bộ luật', 'Luật']
>>> doc_type_for_code("NĐ")
'Nghị định'
>>> "Pháp lệnh" in named_type_names(), "Nghị định" in named_type_names()
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vbpl.data import load_table
from vbpl.text.fold import fold


@dataclass(frozen=True, slots=True)
class DocType:
    """A loại văn bản: its name as written, English gloss, codes used inside numbers.

    ``named`` types are cited by name alone ("Luật Đất đai", "Bộ luật Dân sự");
    ``named_prefixes`` are the words after which another type is cited by name too
    ("Nghị quyết *Đại hội*"). ``kind_of`` is the broader type people also call it by (a Bộ
    luật = code is a Luật = law to a user typing "luật 45/2019").
    """

    name: str
    gloss: str
    codes: tuple[str, ...]
    code_decides_type: bool
    examples: tuple[str, ...]
    named: bool = False
    named_prefixes: tuple[str, ...] = ()
    kind_of: str | None = None


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
            t.get("kind_of"),
        )
        for t in load_table("doc_types")["types"]
    )


@cache
def type_names() -> tuple[str, ...]:
    """Every type name, longest first (so that a prefix never hides a longer name).

    >>> type_names().index("Thông tư liên tịch") < type_names().index("Thông tư")
    True
    """
    return tuple(sorted((t.name for t in doc_types()), key=len, reverse=True))


@cache
def folded_type_names() -> tuple[tuple[str, str], ...]:
    """``(folded upper-case name, name)`` of every type, longest first (for upper-case lines).

    >>> ("LUAT", "Luật") in folded_type_names()
    True
    """
    return tuple((fold(n).upper(), n) for n in type_names())


@cache
def named_type_names() -> frozenset[str]:
    """The types cited by name alone (``named`` in the table): Luật, Bộ luật, Pháp lệnh, …"""
    return frozenset(t.name for t in doc_types() if t.named)


@cache
def types_of_kind(name: str) -> frozenset[str]:
    """``name`` and the types that are a kind of it (``kind_of`` in the table): what a user
    who names this type may mean.

    >>> sorted(types_of_kind("Luật"))
    ['Bộ luật', 'Luật']
    >>> sorted(types_of_kind("Nghị định"))
    ['Nghị định']
    """
    return frozenset([name, *(t.name for t in doc_types() if t.kind_of == name)])


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


__all__ = [
    "DocType",
    "doc_type_for_code",
    "doc_types",
    "folded_type_names",
    "named_type_names",
    "type_names",
    "types_of_kind",
]
