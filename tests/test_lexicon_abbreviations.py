"""Short forms of laws in queries (``data/law_abbreviations.json``): every example of the
table, and forms that must stay as typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.lexicon.abbreviations import expand_law_abbreviations, law_abbreviation_examples
from vbpl.search.query import parse_query


@pytest.mark.parametrize(("short", "query", "expected"), law_abbreviation_examples())
def test_table_examples(short: str, query: str, expected: str) -> None:
    assert expand_law_abbreviations(query) == expected, short


@pytest.mark.parametrize(
    "query",
    [
        "DN nhỏ và vừa",  # "DN" without "Luật" is not the law's name
        "ĐĐ",
        "BLDSX 2015",  # not a whole word
        "xBLDS",
        "Luật số 59/2020/QH14",
        "luật dân sự",
        "",
    ],
)
def test_left_as_typed(query: str) -> None:
    assert expand_law_abbreviations(query) == query


@pytest.mark.parametrize(
    ("query", "pinpoint", "named"),
    [
        ("Điều 5 BLDS 2015", "d5", ("Bộ luật", ("dân", "sự"), 2015)),
        ("khoản 2 điều 35 blld", "d35_k2", ("Bộ luật", ("lao", "động"), None)),
        ("Điều 17 Luật DN 2020", "d17", ("Luật", ("doanh", "nghiệp"), 2020)),
    ],
)
def test_queries_read_the_law(query: str, pinpoint: str, named: tuple) -> None:
    q = parse_query(query)
    assert q.pinpoint is not None and q.pinpoint.key == pinpoint
    assert q.named is not None and (q.named.doc_type, q.named.words, q.named.year) == named


@given(st.text(alphabet="BLDSĐHNGTUAbldsđhngtuậ ", max_size=40))
@settings(max_examples=300, deadline=None)
def test_expansion_is_stable(text: str) -> None:
    # a written-out name holds no short form: expanding twice changes nothing more
    once = expand_law_abbreviations(text)
    assert expand_law_abbreviations(once) == once
