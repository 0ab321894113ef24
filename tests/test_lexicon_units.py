"""The unit table: one entry per section kind, consistent with the outline rules and model."""

from __future__ import annotations

import re

import pytest

from vbpl.lexicon.units import id_prefixes, kind_of_word, kind_words, units
from vbpl.model import SECTION_KINDS
from vbpl.parser.lines import classify, token_rules


def test_one_entry_per_section_kind() -> None:
    assert [u.kind for u in units()] == list(dict.fromkeys(u.kind for u in units()))
    assert {u.kind for u in units()} == set(SECTION_KINDS)
    assert len(set(id_prefixes().values())) == len(id_prefixes())


@pytest.mark.parametrize("unit", [u for u in units() if u.word], ids=lambda u: u.kind)
def test_printed_examples_are_read_as_their_kind(unit) -> None:  # type: ignore[no-untyped-def]
    printed = {r.kind for r in token_rules()}  # clauses and points print as "2." and "a)"
    for example in unit.examples:
        assert example.startswith(unit.word)
        assert kind_of_word(unit.word) == unit.kind
        if unit.kind in printed:
            token = classify(example)
            assert token is not None and token[0] == unit.kind, example


@pytest.mark.parametrize(
    ("word", "kind"), [(w, u.kind) for u in units() for w in u.cited_as] + [("ĐIỀU", "article")]
)
def test_cited_words(word: str, kind: str) -> None:
    assert kind_of_word(word) == kind
    assert kind_of_word(re.sub(" ", "  ", word.title())) == kind


def test_words_are_the_printed_ones() -> None:
    assert kind_words()["point"] == "Điểm" and "item" not in kind_words()
