"""Query parsing and Vietnamese analysis: tables from the data files, odd input never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl.data import load_table
from vbpl.lexicon.designations import find_named, find_pinpoint, pinpoint_key
from vbpl.search.analysis import (
    bigrams,
    cited_numbers,
    folded,
    query_number_key,
    query_numbers,
    syllables,
    unify_spelling,
)
from vbpl.search.query import filter_specs, parse_query, unglue
from vbpl.search.snippets import make_snippet
from vbpl.search.units import slug
from vbpl.text.fold import fold

EXAMPLES = [(f.name, ex) for f in filter_specs() for ex in f.examples]


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[e["query"] for _, e in EXAMPLES])
def test_filter_examples_from_data(name, example):
    q = parse_query(example["query"])
    field, value = example["filter"]
    if field == "year":
        assert q.year == tuple(value)
    else:
        assert q.filters[field] == tuple(value)


def test_every_filter_has_examples_and_aliases():
    for spec in filter_specs():
        assert spec.examples and spec.aliases
        for alias in spec.aliases:  # every spelling works
            q = parse_query(f"{alias}:2020" if spec.field == "year" else f"{alias}:x-y")
            assert q.filters or q.year, alias


@pytest.mark.parametrize(
    ("query", "text", "phrases"),
    [
        ('"giáo dục" đào tạo', "đào tạo", ["giáo dục"]),
        ("“giáo dục” đào tạo", "đào tạo", ["giáo dục"]),  # typographic quotes
        ('"giáo dục', "", ["giáo dục"]),  # unclosed: quotes to the end
        ('""', "", []),
        ("Điều 5: hiệu lực", "Điều 5: hiệu lực", []),  # not a filter
        ("http://x.vn", "http://x.vn", []),
        ("nam:abc trí thức", "trí thức", []),  # a bad value is dropped, not an error
    ],
)
def test_text_and_phrases(query, text, phrases):
    q = parse_query(query)
    assert (q.text, q.phrases) == (text, phrases)


@pytest.mark.parametrize(
    ("query", "key", "parts", "doc_type"),
    [
        ("45-NQ/TW", "45nqtw", ("45", "nq", "tw"), None),
        ("45/NQ-TW", "45nqtw", ("45", "nq", "tw"), None),
        ("NQ 45/TW", "45nqtw", ("nq", "45", "tw"), None),
        ("13/2023/nđ-cp", "132023ndcp", ("13", "2023", "nd", "cp"), None),
        ("nghị định 13/2023/NÐ-CP", "132023ndcp", ("13", "2023", "nd", "cp"), None),
        ("nq 45", None, ("45", "nq"), "Nghị quyết"),
        ("45 nq", None, ("45", "nq"), "Nghị quyết"),
        ("nghị quyết số 45 về trí thức", None, ("45", "nq"), "Nghị quyết"),
        ("chỉ thị 05", None, ("05", "ct"), "Chỉ thị"),
        ("45/2019", None, ("45", "2019"), None),  # a serial and year alone
        ("luật 45/2019", None, ("45", "2019"), "Luật"),
        ("thông tư 141/2010 về", None, ("141", "2010", "tt"), "Thông tư"),
        # a type code before a number that names its type itself is not part of the key
        ("QĐ 12/2024/QĐ-TTg", "122024qdttg", ("12", "2024", "qd", "ttg"), None),
        ("NQ 7/2021/NQ-HĐTP", "72021nqhdtp", ("7", "2021", "nq", "hdtp"), None),
        ("tt 3/2019/tt-bct", "32019ttbct", ("3", "2019", "tt", "bct"), None),
    ],
)
def test_number_candidates(query, key, parts, doc_type):
    (n,) = parse_query(query).numbers
    assert (n.key, n.parts, n.doc_type) == (key, parts, doc_type)


@pytest.mark.parametrize(
    ("query", "typed"),
    [
        # the type words typed before a number belong to it: the query designates a document
        ("Nghị định 7/2013/NĐ-CP", "Nghị định 7/2013/NĐ-CP"),
        ("theo Thông tư số 3/2019/TT-BCT", "Thông tư số 3/2019/TT-BCT"),
        ("sửa đổi NĐ 7/2013", "NĐ 7/2013"),
        ("tt 12/2015", "tt 12/2015"),
        ("kết luận 69-KL/TW", "kết luận 69-KL/TW"),
        ("Thông tư liên tịch 89/2016", "Thông tư liên tịch 89/2016"),
        ("nq 45 trí thức", "nq 45"),
        ("45 nq", "45 nq"),
        ("trí thức 45-NQ/TW", "45-NQ/TW"),
        ("vbhn 28/VBHN-VPQH", "vbhn 28/VBHN-VPQH"),
    ],
)
def test_number_typed_with_its_type_words(query, typed):
    (n,) = parse_query(query).numbers
    assert n.typed == typed


@pytest.mark.parametrize(
    "query",
    [
        "Điều 5 khoản 2",
        "năm 2023",
        "giáo dục",
        "trang 45",
        "ngày 15/7/2019",  # a date, not a serial and year
        "tỷ lệ 1/2",
        "ngày 15-7-2019",
    ],
)
def test_no_number_candidates(query):
    assert parse_query(query).numbers == []


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_parse_query_never_raises(s):
    q = parse_query(s)
    assert isinstance(q.text, str)


@given(st.text(alphabet="\"':-./()*!?…“” aAđĐ45nqtwNQTW\u0301\u00d0", max_size=60))
@settings(max_examples=300, deadline=None)
def test_parse_query_never_raises_on_syntax_characters(s):
    parse_query(s)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Nghị quyết", ["nghị", "quyết"]),
        ("Nghi\u0323 quye\u0302\u0301t", ["nghị", "quyết"]),  # decomposed input
        ("HOÀ BÌNH, thuỷ lợi", ["hòa", "bình", "thủy", "lợi"]),  # tone placement
        ("y tế ở xã", ["y", "tế", "ở", "xã"]),  # one-letter syllables kept
        ("lí luận, kĩ thuật", ["lý", "luận", "kỹ", "thuật"]),  # i/y spelling
        ("Điều 5: hiệu_lực", ["điều", "5", "hiệu", "lực"]),
        ("", []),
    ],
)
def test_syllables(text, tokens):
    assert syllables(text) == tokens


def test_folded_and_bigrams():
    assert folded(syllables("Đường bộ, đê điều")) == ["duong", "bo", "de", "dieu"]
    assert bigrams(["a", "b", "c"]) == ["a_b", "b_c"]
    assert bigrams(["a"]) == []


@pytest.mark.parametrize(
    ("token", "unified"),
    [("hi", "hy"), ("ti", "ty"), ("tin", "tin"), ("mĩ", "mỹ"), ("quỳ", "quỳ"), ("khi", "khi")],
)
def test_unify_spelling(token, unified):
    assert unify_spelling(token) == unified


def test_numbers_in_text():
    text = "Căn cứ Luật số 80/2015/QH13; thực hiện Nghị quyết số 45-NQ/TW, Điều 5."
    assert query_numbers(text) == ["80/2015/QH13", "45-NQ/TW"]
    assert cited_numbers(text) == ["80/2015/QH13", "45-NQ/TW"]
    assert query_number_key("45-nq/tư") == query_number_key("45-NQ/TW")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Quốc hội", "quoc-hoi"),
        ("quoc-hoi", "quoc-hoi"),
        ("Thể thao - Y tế", "the-thao-y-te"),
        ("  ", ""),
    ],
)
def test_slug(value, expected):
    assert slug(value) == expected


def test_snippet_highlights_and_escapes():
    s = make_snippet("a < b: Nghị quyết về trí thức", {"trí", "thức"}, set())
    assert s == "a &lt; b: Nghị quyết về <b>trí</b> <b>thức</b>"
    long = "mở đầu " * 100 + "đội ngũ trí thức" + " kết" * 100
    s = make_snippet(long, {"trí", "thức"}, set())
    assert "<b>trí</b> <b>thức</b>" in s and s.startswith("…") and s.endswith("…")
    assert len(s) < 300
    assert make_snippet("Nghị quyết", set(), {"nghi"}) == "<b>Nghị</b> quyết"
    assert make_snippet("", {"x"}, set()) == ""


# -- pinpoints and named documents (hypothesis) --------------------------------------------

_POINTS = [*"abcdeghiklmn", "đ"]


@given(
    article=st.integers(1, 999),
    suffix=st.sampled_from(["", "a", "b"]),
    clause=st.one_of(st.none(), st.integers(1, 40)),
    point=st.one_of(st.none(), st.sampled_from(_POINTS)),
    reverse=st.booleans(),
    folded=st.booleans(),
    sep=st.sampled_from([" ", ", "]),
    before=st.sampled_from(["", "theo ", "quy định tại "]),
    after=st.sampled_from(["", " Luật Đất đai", " của Nghị định 13/2023/NĐ-CP", " về thuế"]),
)
def test_pinpoint_grammar(article, suffix, clause, point, reverse, folded, sep, before, after):
    if clause is None:
        point = None
    art = f"{article}{suffix}"
    parts = [f"Điều {art}"]
    if clause is not None:
        parts.append(f"khoản {clause}")
    if point is not None:
        parts.append(f"điểm {point}")
    words = sep.join(parts if reverse else parts[::-1])
    text = before + words + after
    if folded and point != "đ":  # folded "điểm đ" is "diem d": another point
        text = fold(text)
    p = find_pinpoint(text)
    assert p is not None
    levels = [("article", art)]
    if clause is not None:
        levels.append(("clause", str(clause)))
    if point is not None:
        levels.append(("point", point))
    assert p.key == pinpoint_key(levels)
    assert (
        text[p.span[0] : p.span[1]]
        .lower()
        .startswith(("điều", "khoản", "điểm", "dieu", "khoan", "diem"))
    )


@given(
    kind=st.sampled_from(["Luật", "Bộ luật", "luat", "bo luat", "Pháp lệnh"]),
    name=st.lists(
        st.sampled_from(["đất", "đai", "dân", "sự", "nhà", "ở", "việt", "nam"]),
        min_size=1,
        max_size=4,
    ),
    year=st.one_of(st.none(), st.integers(1945, 2030)),
    nam=st.booleans(),
)
def test_named_document_grammar(kind, name, year, nam):
    text = f"Điều 5 {kind} {' '.join(name)}"
    if year is not None:
        text += f" năm {year}" if nam else f" {year}"
    n = find_named(text)
    assert n is not None and n.year == year
    expected = [*name, "năm"] if (year is not None and nam) else name
    assert list(n.words) == expected


_QUERY_TEXT = load_table("query_text")


@pytest.mark.parametrize(("typed", "reads"), _QUERY_TEXT["glued_unit_words"]["examples"])
def test_glued_unit_words_from_data(typed, reads):
    assert unglue(typed) == reads


@pytest.mark.parametrize(("query", "names_a_law"), _QUERY_TEXT["not_a_law_name_after"]["examples"])
def test_words_that_make_one_word_with_luat_from_data(query, names_a_law):
    assert (parse_query(query).named is not None) is names_a_law


@pytest.mark.parametrize(
    ("query", "pinpoint"),
    [("điều113 bộ luật lao động", "d113"), ("Khoản2 Điều 5 BLDS", "d5_k2"), ("dieu7", "d7")],
)
def test_a_pinpoint_typed_glued_is_read(query, pinpoint):
    q = parse_query(query)
    assert q.pinpoint is not None and q.pinpoint.key == pinpoint
