"""Many patterns over a long text a block at a time (vbpl.text.scan): the same matches as
each pattern's own finditer, whatever the block size."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.refs.find import _literal_res
from vbpl.text.scan import block_matches

SIMPLE = [re.compile("ab"), re.compile(r"b\n"), re.compile(r"a(?=b\n)"), re.compile(r"\n\n")]

#: lines of running text in the style the reference finder reads
LINES = [
    "Điều 5. Phạm vi điều chỉnh",
    "1. Theo khoản 2 Điều 5 Luật này và điểm a khoản 1 Điều 3 Nghị định số 100/2019/NĐ-CP.",
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
    "Thực hiện Nghị quyết số 45-NQ/TW “Về tiếp tục xây dựng giai cấp công nhân”,",
    "các Điều 7, 8 và 9 Bộ luật này; Chương II, Mục 2 của Hiến pháp; Pháp lệnh số 01/2024",
    "- Bãi bỏ khoản 3 Điều 4 Quyết định số 12/2024/QĐ-TTg – hết hiệu lực.",
]


def _by_pattern(patterns, text, **kw):
    out = [[] for _ in patterns]
    for i, m in block_matches(patterns, text, **kw):
        out[i].append(m.span())
    return out


def _expected(patterns, text):
    return [[m.span() for m in p.finditer(text)] for p in patterns]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n", max_size=80), st.integers(1, 12), st.integers(3, 6))
def test_the_same_matches_as_finditer_for_any_block(text: str, block: int, margin: int) -> None:
    assert _by_pattern(SIMPLE, text, block=block, margin=margin) == _expected(SIMPLE, text)


@pytest.mark.parametrize("block", [1, 7, 40, 200, 1 << 18])
def test_the_reference_triggers_are_found_whatever_the_block(block: int) -> None:
    text = "\n".join(LINES[i % len(LINES)] for i in range(60))
    patterns = [p for p, _ in _literal_res()]
    assert _by_pattern(patterns, text, block=block) == _expected(patterns, text)


def test_blocks_come_in_text_order_and_patterns_in_turn_within_a_block() -> None:
    text = "ab\nab\nab\n"
    got = [(i, m.start()) for i, m in block_matches(SIMPLE[:2], text, block=2, margin=1)]
    assert got == [(0, 0), (1, 1), (0, 3), (1, 4), (0, 6), (1, 7)]
