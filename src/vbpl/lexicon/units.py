"""Units of the outline (Phần, Chương, Mục, Tiểu mục, Điều, Khoản, Điểm, gạch đầu dòng, Phụ lục).

The table is ``src/vbpl/data/units.json``: per section kind of :mod:`vbpl.model`, the word
printed before its number, the id prefix of :attr:`Section.id`, and the words citations name
it by. The depth ranks and line patterns live beside the outline rules (``outline.json``).

>>> kind_words()["article"], id_prefixes()["clause"], kind_of_word("Tiểu mục")
('Điều', 'cl', 'subsection')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vbpl.data import load_table


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit: section kind, printed word (``None`` for items, headings, paragraphs), English
    gloss, id prefix, lower-case words a citation uses, example labels."""

    kind: str
    word: str | None
    gloss: str
    id_prefix: str
    cited_as: tuple[str, ...]
    examples: tuple[str, ...]


@cache
def units() -> tuple[Unit, ...]:
    """Every unit of the table, outermost first."""
    return tuple(
        Unit(
            u["kind"],
            u["word"],
            u["gloss"],
            u["id_prefix"],
            tuple(u["cited_as"]),
            tuple(u["examples"]),
        )
        for u in load_table("units")["units"]
    )


@cache
def kind_words() -> dict[str, str]:
    """Section kind -> the word printed before its number (kinds that have one)."""
    return {u.kind: u.word for u in units() if u.word}


@cache
def id_prefixes() -> dict[str, str]:
    """Section kind -> id prefix (``article`` -> ``art``)."""
    return {u.kind: u.id_prefix for u in units()}


@cache
def _by_word() -> dict[str, str]:
    return {w: u.kind for u in units() for w in u.cited_as}


def kind_of_word(word: str) -> str | None:
    """The section kind a citation word names (``Điều`` -> ``article``), any letter case."""
    return _by_word().get(" ".join(word.lower().split()))


__all__ = ["Unit", "id_prefixes", "kind_of_word", "kind_words", "units"]
