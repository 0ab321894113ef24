"""Party terms: tests generated from the examples of :mod:`vbpl.lexicon.party`."""

from __future__ import annotations

import re
from datetime import date

import pytest

from vbpl.lexicon.party import (
    PLENUM_EXAMPLES,
    PLENUM_PATTERN,
    TERM_EXAMPLES,
    party_term,
    party_terms,
    term_of,
)
from vbpl.lexicon.patterns import VARIABLES, expand


@pytest.mark.parametrize(("text", "term"), list(TERM_EXAMPLES.items()))
def test_terms(text: str, term: str | None) -> None:
    assert term_of(text) == term


@pytest.mark.parametrize("text", PLENUM_EXAMPLES)
def test_plenums(text: str) -> None:
    rx = re.compile(PLENUM_PATTERN + " Ban Chấp hành Trung ương", re.IGNORECASE)
    assert rx.fullmatch(text + " Ban Chấp hành Trung ương")


def test_terms_follow_each_other() -> None:
    for (start, term), (_, following) in zip(party_terms(), party_terms()[1:], strict=False):
        assert party_term(start) == term != following


def test_before_the_first_term() -> None:
    assert party_term(date(1900, 1, 1)) is None and party_term(None) is None


@pytest.mark.parametrize("name", sorted(VARIABLES))
def test_every_variable_expands_to_a_pattern(name: str) -> None:
    rx = re.compile(expand(f"^${name}+$"))
    assert rx.pattern.startswith("^(?:") and "$" not in rx.pattern[1:-1]
