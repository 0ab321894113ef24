"""The issuer table: every entry well formed; its examples are numbers of that issuer."""

from __future__ import annotations

import pytest

from vbpl.lexicon.issuers import (
    code_variants,
    issuer_codes,
    issuer_for_code,
    issuers,
    party_codes,
)
from vbpl.lexicon.numbers import parse_number


@pytest.mark.parametrize("issuer", issuers(), ids=lambda e: e.code)
def test_entry(issuer) -> None:  # type: ignore[no-untyped-def]
    assert issuer.kind in {"state", "party"}
    assert issuer.name and issuer.examples
    assert issuer_for_code(issuer.code.lower()) is not None
    for number in issuer.examples:
        p = parse_number(number)
        assert p is not None
        assert any(i.rstrip("0123456789") == issuer.code or i == issuer.code for i in p.issuers)
        if issuer.kind == "party":
            assert p.party


def test_codes_unique_whatever_the_case() -> None:
    assert len(issuer_codes()) == len({e.code for e in issuers()})


@pytest.mark.parametrize(("typed", "code"), list(code_variants().items()))
def test_variants_lead_to_known_codes(typed: str, code: str) -> None:
    assert code.upper() in issuer_codes()


def test_party_codes() -> None:
    assert {"TW", "TU"} <= party_codes()
    assert "CP" not in party_codes()
