"""The number grammar: canonical forms, lookup keys, parts; round trips (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.data import load_table
from vbpl.lexicon.doc_types import doc_types
from vbpl.lexicon.numbers import (
    NumberParts,
    canonical_number,
    find_numbers,
    format_number,
    number_key,
    parse_number,
)

CANONICAL = [
    ("45/NQ-TW", "45-NQ/TW"),
    ("NQ 45/TW", "45-NQ/TW"),
    ("45-NQ/TƯ", "45-NQ/TW"),
    ("45 - NQ / TW", "45-NQ/TW"),
    ("45–NQ/TW", "45-NQ/TW"),
    ("13/2023/N\u00d0-CP", "13/2023/NĐ-CP"),
    ("13 / 2023 / NĐ - CP", "13/2023/NĐ-CP"),
    ("13/2023/nđ-cp", "13/2023/NĐ-CP"),
    ("1234/QĐ-TTG", "1234/QĐ-TTg"),
    ("128-HD/BTGTW", "128-HD/BTGTW"),
    ("12-CTr/TU", "12-CTr/TU"),
    ("57/2020/QH14", "57/2020/QH14"),
    ("02/2022/UBTVQH15", "02/2022/UBTVQH15"),
    ("19046/BTC-TCHQ", "19046/BTC-TCHQ"),
    ("403/2017/NQLT-UBTVQH14-ĐCTUBTWMTTQVN", "403/2017/NQLT-UBTVQH14-ĐCTUBTWMTTQVN"),
    ("18-L/CTN", "18-L/CTN"),
    ("21-LCT/HĐNN8", "21-LCT/HĐNN8"),
    ("70-TC/TCT", "70-TC/TCT"),
    ("15-CP", "15-CP"),
]
NOT_NUMBERS = ["", "Điều 5", "5/2020", "24/11/2023", "Luật Đất đai", "2- Vi", "abc/def", "12/Vi-An"]


@pytest.mark.parametrize(("typed", "canonical"), CANONICAL)
def test_canonical_number(typed: str, canonical: str) -> None:
    assert canonical_number(typed) == canonical
    assert number_key(typed) == number_key(canonical)


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(text: str) -> None:
    assert canonical_number(text) is None


def test_key_and_parts() -> None:
    assert number_key("45-NQ/TW") == "45nqtw"
    assert number_key("13/2023/NÐ-CP") == "132023ndcp"
    assert parse_number("13/2023/NĐ-CP") == NumberParts("13", 2023, "NĐ", ("CP",), False, "state")
    p = parse_number("45/NQ-TW")
    assert p is not None and p.party and p.shape == "party" and p.type_code == "NQ"
    assert parse_number("57/2020/QH14").type_code is None  # type: ignore[union-attr]


def test_tu_is_not_tw() -> None:
    # TƯ (Trung ương) maps to TW; TU (Tỉnh ủy) stays TU
    assert canonical_number("05-NQ/TU") == "05-NQ/TU"
    assert number_key("05-NQ/TƯ") != number_key("05-NQ/TU")


def test_find_numbers_in_text() -> None:
    text = (
        "các Nghị định số 15/2022/NĐ-CP và 16/2022/N\u00d0-CP, Chỉ thị 05/CT-TTg; ngày 24/11/2023"
    )
    assert [c for _, _, c in find_numbers(text)] == ["15/2022/NĐ-CP", "16/2022/NĐ-CP", "05/CT-TTg"]


ISSUER_EXAMPLES = [
    (e["code"], ex) for e in load_table("issuers")["issuers"] for ex in e["examples"]
]


@pytest.mark.parametrize(("code", "example"), ISSUER_EXAMPLES)
def test_issuer_examples(code: str, example: str) -> None:
    """Every example number of issuers.json is canonical and carries its issuer code."""
    assert canonical_number(example) == example
    p = parse_number(example)
    assert p is not None
    assert any(i == code or i.rstrip("0123456789") == code for i in p.issuers)


TYPE_CODE_EXAMPLES = [(t.name, c) for t in doc_types() for c in t.codes]


@pytest.mark.parametrize(("name", "code"), TYPE_CODE_EXAMPLES)
def test_type_codes_parse(name: str, code: str) -> None:
    """Every type code of doc_types.json reads as a type code inside a number."""
    number = f"12/2024/{code}-CP"
    p = parse_number(number)
    assert p is not None and p.type_code == code, name


# --- hypothesis: canonical forms round-trip --------------------------------------------------

_types = sorted({c for t in doc_types() for c in t.codes if c.isupper()})
_party = ["TW", "BTGTW", "TU", "HU", "ĐU", "VPTW"]
_state = ["CP", "TTg", "BTC", "BGDĐT", "UBND", "HĐND", "NHNN"]
_seq = st.integers(min_value=1, max_value=99999).map(str)
party_numbers = st.builds(
    lambda s, t, i: f"{s}-{t}/{i}", _seq, st.sampled_from(_types), st.sampled_from(_party)
)
state_numbers = st.builds(
    lambda s, y, t, i: f"{s}/{y}/{t}-{i}" if y else f"{s}/{t}-{i}",
    _seq,
    st.one_of(st.none(), st.integers(min_value=1945, max_value=2099)),
    st.sampled_from(_types),
    st.sampled_from(_state),
)
law_numbers = st.builds(
    lambda s, y, k: f"{s}/{y}/QH{k}", _seq, st.integers(1990, 2099), st.integers(1, 20)
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(party_numbers, state_numbers, law_numbers))
def test_canonical_round_trip(number: str) -> None:
    assert canonical_number(number) == number
    p = parse_number(number)
    assert p is not None and format_number(p) == number
    # typed variants map back
    spaced = number.replace("/", " / ").replace("-", " - ")
    assert canonical_number(spaced) == number
    assert canonical_number(number.replace("Đ", "\u00d0")) == number
    assert number_key(spaced) == number_key(number)


@settings(max_examples=200, deadline=None)
@given(party_numbers)
def test_party_variants(number: str) -> None:
    seq, rest = number.split("-", 1)
    type_code, issuer = rest.split("/")
    assert canonical_number(f"{seq}/{type_code}-{issuer}") == number
    assert canonical_number(f"{type_code} {seq}/{issuer}") == number


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_canonical_never_raises(s: str) -> None:
    out = canonical_number(s)
    assert out is None or canonical_number(out) == out
