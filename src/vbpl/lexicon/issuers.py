"""Cơ quan ban hành (issuing bodies): the codes they put inside numbers and their names.

The table is ``src/vbpl/data/issuers.json``: one entry per code (``CP`` Chính phủ, ``TW``
Trung ương, …) with its kind (``state`` or ``party``) and example numbers, and the spellings
typed for a code inside numbers (``TƯ`` for ``TW``). Adding an issuer code is one entry there
with an example number; the number grammar (:mod:`vbpl.lexicon.numbers`) reads it from here.

>>> issuer_for_code("ttg").name
'Thủ tướng Chính phủ'
>>> "TW" in party_codes(), code_variants()["TƯ"]
(True, 'TW')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vbpl.data import load_table


@dataclass(frozen=True, slots=True)
class Issuer:
    """An issuing body's code inside numbers, its name, kind (``state``/``party``), examples."""

    code: str
    name: str
    kind: str
    examples: tuple[str, ...]


@cache
def issuers() -> tuple[Issuer, ...]:
    """Every issuer code of the table, in its order."""
    return tuple(
        Issuer(e["code"], e["name"], e["kind"], tuple(e["examples"]))
        for e in load_table("issuers")["issuers"]
    )


@cache
def issuer_codes() -> dict[str, str]:
    """Upper-case code -> the code as the table spells it (``TTG`` -> ``TTg``)."""
    out: dict[str, str] = {}
    for e in issuers():
        out.setdefault(e.code.upper(), e.code)
    return out


def issuer_for_code(code: str) -> Issuer | None:
    """The issuer a code stands for, whatever its letter case."""
    canonical = issuer_codes().get(code.upper())
    return next((e for e in issuers() if e.code == canonical), None)


@cache
def party_codes() -> frozenset[str]:
    """Codes of Party bodies (their numbers restart each term: ``45-NQ/TW``)."""
    return frozenset(e.code for e in issuers() if e.kind == "party")


@cache
def code_variants() -> dict[str, str]:
    """Upper-case spelling typed inside numbers -> canonical code (``TƯ`` -> ``TW``)."""
    table = load_table("issuers")["variants"]
    return {k.upper(): v for k, v in table.items() if not k.startswith("_")}


__all__ = [
    "Issuer",
    "code_variants",
    "issuer_codes",
    "issuer_for_code",
    "issuers",
    "party_codes",
]
