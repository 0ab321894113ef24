"""Properties of the plain-text parser: no text lost, no crash, ids unique, linear pieces.

``assert_no_text_lost`` is the invariant of ``docs/parsing.md``: every non-blank character of
the normalised text lies in exactly one of the header span, the preamble span, the tail span,
or the own text of one section (``Section.text`` starting at ``Section.span.start``).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vbpl.errors import VbplError
from vbpl.model import Document
from vbpl.parser.document import parse_text
from vbpl.text.read import decode_bytes


def regions(doc: Document) -> list[tuple[int, int, str]]:
    """The parts that must tile the text: header, preamble, tail and every section's own text."""
    out = []
    for name in ("header", "preamble", "tail", "footnotes"):
        sp = getattr(doc, name)
        if sp is not None:
            out.append((sp.start, sp.end, name))
    for s in doc.walk():
        assert doc.text[s.span.start : s.span.start + len(s.text)] == s.text, s.id
        out.append((s.span.start, s.span.start + len(s.text), s.id))
    return out


def assert_no_text_lost(doc: Document) -> None:
    """Every non-blank character is in exactly one region (regions sorted never overlap on a
    non-blank character, and what lies between them is blank)."""
    text = doc.text
    parts = sorted(r for r in regions(doc) if r[1] > r[0])
    pos = 0
    for start, end, name in parts:
        if start < pos:
            assert not text[start:pos].strip(), f"{name} overlaps the part before it"
            start = pos
        assert not text[pos:start].strip(), f"text lost before {name}: {text[pos:start][:80]!r}"
        pos = max(pos, end)
    assert not text[pos:].strip(), f"text lost at the end: {text[pos:][:80]!r}"


def assert_well_formed(doc: Document) -> None:
    ids = [s.id for s in doc.walk()]
    assert len(ids) == len(set(ids)), "duplicate section ids"
    for s in doc.walk():
        assert s.span.start <= s.span.end <= len(doc.text)
        for c in s.children:
            assert s.span.contains(c.span), (s.id, c.id)
        assert s.label is not None


# -- generated documents --------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.sampled_from('abcdđeghiklmnoqstuvxyàáạảãăâêôơưĐÂ ,.;:()[]“”"-+/0123456789'),
    min_size=1,
    max_size=40,
)
_LINE = st.one_of(
    _TEXT,
    st.builds(lambda n, t: f"Điều {n}. {t}", st.integers(1, 30), _TEXT),
    st.builds(
        lambda n, t: f"Chương {n}\n{t.upper()}", st.sampled_from(["I", "II", "III", "IV"]), _TEXT
    ),
    st.builds(lambda n, t: f"Mục {n}. {t.upper()}", st.integers(1, 5), _TEXT),
    st.builds(lambda n, t: f"Phần thứ {n}", st.sampled_from(["nhất", "hai", "ba"]), _TEXT),
    st.builds(lambda n, t: f"{n}. {t}", st.integers(1, 12), _TEXT),
    st.builds(lambda n, t: f"{n}. {t}", st.sampled_from(["I", "II", "III", "IV", "V"]), _TEXT),
    st.builds(lambda n, t: f"{n} {t}", st.sampled_from(["1.1.", "1.2", "2.1.3."]), _TEXT),
    st.builds(lambda c, t: f"{c}) {t}", st.sampled_from(list("abcdđeghik")), _TEXT),
    st.builds(lambda c, t: f"{c} {t}", st.sampled_from(["-", "+", "–", "•"]), _TEXT),
    st.builds(lambda t: f"“{t}", _TEXT),
    st.builds(lambda t: f"{t}”", _TEXT),
    st.builds(lambda t: f"[{t}]", _TEXT),
    st.sampled_from(
        [
            "QUỐC HỘI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Số: 12/2020/QH14",
            "Hà Nội, ngày 3 tháng 4 năm 2020",
            "LUẬT",
            "Căn cứ Hiến pháp;",
            "Nơi nhận:",
            "TM. CHÍNH PHỦ",
            "PHỤ LỤC I",
            "(Kèm theo Nghị định số 1/2020/NĐ-CP)",
            "[...]",
            "-------",
            "",
            "   ",
        ]
    ),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_LINE, max_size=60))
def test_generated_documents_lose_no_text(lines: list[str]) -> None:
    doc = parse_text("\n".join(lines))
    assert_no_text_lost(doc)
    assert_well_formed(doc)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_raises(text: str) -> None:
    doc = parse_text(text)
    assert_no_text_lost(doc)
    assert_well_formed(doc)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_decoded_raise_only_vbpl_errors(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data, "random.bin")
    except VbplError:
        return
    doc = parse_text(text)
    assert_no_text_lost(doc)


@settings(max_examples=50, deadline=None)
@given(st.integers(1, 400), st.randoms(use_true_random=False))
def test_deeply_nested_numbering(depth: int, rnd: random.Random) -> None:
    """Every kind of numbering, nested ``depth`` levels in a random order."""
    kinds = ["Phần thứ nhất", "Chương I", "Mục 1.", "Điều 1.", "I.", "1.", "1.1.", "a)", "-", "+"]
    lines = [f"{rnd.choice(kinds)} dòng {i}" for i in range(depth)]
    doc = parse_text("\n".join(lines))
    assert_no_text_lost(doc)
    assert_well_formed(doc)


def test_nesting_follows_ranks() -> None:
    text = "\n".join(
        ["Chương I", "Mục 1. A", "Điều 1. B", "1. C", "a) D", "- E", "+ F", "+ G", "- H"]
    )
    doc = parse_text(text)
    paths = [s.id for s in doc.walk()]
    assert paths == [
        "chp_I",
        "chp_I__sec_1",
        "chp_I__sec_1__art_1",
        "chp_I__sec_1__art_1__cl_1",
        "chp_I__sec_1__art_1__cl_1__pt_a",
        "chp_I__sec_1__art_1__cl_1__pt_a__item_1",
        "chp_I__sec_1__art_1__cl_1__pt_a__item_1__item_1",
        "chp_I__sec_1__art_1__cl_1__pt_a__item_1__item_2",
        "chp_I__sec_1__art_1__cl_1__pt_a__item_2",
    ]


def test_ten_megabyte_document() -> None:
    """A 10 MB document parses without error and keeps every character (timing: see
    scripts/bench_parse.py, which shows linear growth)."""
    block = "\n".join(
        [
            f"Điều {i}. Nội dung điều {i}\n1. Khoản một của Điều {i}.\na) Điểm a;\nđ) Điểm đ."
            for i in range(1, 501)
        ]
    )
    text = "QUỐC HỘI\nLuật số: 1/2020/QH14\nLUẬT\nTHỬ\n" + "\n".join([block] * 1) + "\n"
    filler = "Đoạn văn bản thử nghiệm có nội dung dài vừa phải để đạt kích thước. " * 20
    big = text + "\n".join(filler for _ in range(10_000_000 // len(filler.encode("utf-8")) + 1))
    assert len(big.encode("utf-8")) >= 10_000_000
    doc = parse_text(big)
    arts = [s for s in doc.walk() if s.kind == "article"]
    assert len(arts) == 500
    assert_no_text_lost(doc)


@pytest.mark.parametrize("bad", [b"bytes", 12, None])
def test_non_text_input_is_an_input_error(bad: object) -> None:
    with pytest.raises(VbplError):
        parse_text(bad)  # type: ignore[arg-type]


def test_article_label_split_over_two_lines() -> None:
    doc = parse_text("Điều 1. A\nĐiều\n2. Buộc phá dỡ công trình\nNội dung.\nĐiều 3. C")
    assert [(s.label, s.heading) for s in doc.walk()] == [
        ("1", "A"),
        ("2", "Buộc phá dỡ công trình"),
        ("3", "C"),
    ]


def test_article_sequence_rejects_wrapped_and_stray_numbers() -> None:
    text = "Điều 1. A\ntheo quy định tại\nĐiều 21 của Luật này.\nĐiều 2. B\nĐiều 40. Trích dẫn\nĐiều 3. C"
    assert [s.label for s in parse_text(text).walk() if s.kind == "article"] == ["1", "2", "3"]


def test_article_sequence_resumes_after_a_dropped_run() -> None:
    """A website dropped Điều 3–9: a run of three consecutive numbers resumes the sequence."""
    text = "\n".join(["Điều 1. A", "Điều 2. B"] + [f"Điều {n}. X{n}" for n in range(10, 14)])
    assert [s.label for s in parse_text(text).walk() if s.kind == "article"] == [
        "1",
        "2",
        "10",
        "11",
        "12",
        "13",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A" * 100_000,
        "1.\n" * 30_000,
        "- a\n" * 30_000,
        "“a\n" * 30_000,
        "Hà Nội, ngày " * 10_000,
        "Số: " * 20_000,
        "[ab " * 20_000,
        "a\u0301" * 50_000,
        "a  " * 50_000,
        "Điều 5 của\n" * 20_000,
        "QUỐC HỘI\n" * 20_000,
        "Kính gửi:\n- a\n" * 10_000,
    ],
    ids=[
        "caps",
        "headings",
        "dashes",
        "quotes",
        "dates",
        "numbers",
        "brackets",
        "combining",
        "spaces",
        "wrapped",
        "upper",
        "recipients",
    ],
)
def test_pathological_inputs_parse(text: str) -> None:
    """Repetitive inputs that would expose a quadratic rule (they finish in well under a
    second each when every rule is linear; bench_parse.py measures growth)."""
    doc = parse_text(text)
    assert_no_text_lost(doc)
    assert_well_formed(doc)
