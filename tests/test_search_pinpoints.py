"""Pinpoints, document designations and versions, numbers, one result per document, snippets:
one suite on both engines over laws in several versions (``fixtures/search/laws.py``)."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import pytest

from vbpl.search import open_index
from vbpl.search.engine import ENGINES

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "search"))
from laws import laws

sys.path.insert(0, str(Path(__file__).parent))
from sphinx_cluster import SPHINX_PARAM, cluster

AS_OF = date(2025, 6, 1)


@pytest.fixture(
    scope="module", params=[SPHINX_PARAM if name == "sphinx" else name for name in ENGINES]
)
def ix(request, tmp_path_factory):
    with ExitStack() as stack:
        options = {}
        if request.param == "sphinx":  # a server engine: two local nodes
            options["nodes"] = stack.enter_context(cluster(tmp_path_factory.mktemp("cluster")))
        index = open_index(tmp_path_factory.mktemp(request.param), engine=request.param, **options)
        stack.callback(index.close)
        index.add(laws())
        yield index


# query -> (key, section) of the first hit
PINPOINTS = [
    ("Điều 5 Luật Đất đai", ("26/VBHN-VPQH@2024", "chp_I__art_5")),  # the version in force
    ("Điều 5 Luật Đất đai 2013", ("45/2013/QH13@2013", "chp_I__art_5")),
    ("Điều 5 Luật Đất đai năm 2024", ("26/VBHN-VPQH@2024", "chp_I__art_5")),
    ("dieu 5 luat dat dai 2013", ("45/2013/QH13@2013", "chp_I__art_5")),
    ("Điều 83 Luật số 31/2024/QH15", ("31/2024/QH15@2024", "chp_I__art_83")),
    ("khoản 2 Điều 83 Luật Đất đai 2024", ("31/2024/QH15@2024", "chp_I__art_83__cl_2")),
    (
        "điểm đ khoản 1 Điều 83 Luật Đất đai 2024",
        ("31/2024/QH15@2024", "chp_I__art_83__cl_1__pt_đ"),
    ),
    (
        "điểm d khoản 1 Điều 83 Luật Đất đai 2024",
        ("31/2024/QH15@2024", "chp_I__art_83__cl_1__pt_d"),
    ),
    ("khoản 2, Điều 5 của Bộ luật Dân sự", ("91/2015/QH13@2015", "art_5__cl_2")),
    ("Điều 12 Bộ luật Dân sự 2015", ("91/2015/QH13@2015", "art_12")),
    ("Điều 5 Nghị định 13/2023", ("13/2023/NĐ-CP@2023", "chp_I__art_5")),
    (
        "điểm a khoản 4 Điều 2 Nghị định số 13/2023/NĐ-CP",
        ("13/2023/NĐ-CP@2023", "chp_I__art_2__cl_4__pt_a"),
    ),
    ("Điều 5 13/2023/nđ-cp", ("13/2023/NĐ-CP@2023", "chp_I__art_5")),
    # short forms of a law's name (data/law_abbreviations.json)
    ("Điều 12 BLDS 2015", ("91/2015/QH13@2015", "art_12")),
    ("khoản 2 Điều 83 Luật ĐĐ 2024", ("31/2024/QH15@2024", "chp_I__art_83__cl_2")),
]


@pytest.mark.parametrize(("query", "first"), PINPOINTS)
def test_pinpoint_first(ix, query, first):
    hits = ix.search(query, limit=5, as_of=AS_OF)
    assert hits, query
    assert (hits[0].key, hits[0].section) == first


def test_other_versions_follow_marked(ix):
    hits = ix.search("Điều 5 Luật Đất đai", limit=5, as_of=AS_OF)
    assert [(h.key, h.version) for h in hits] == [
        ("26/VBHN-VPQH@2024", "current"),
        ("31/2024/QH15@2024", "older"),
        ("45/2013/QH13@2013", "older"),
    ]
    assert all(h.section.endswith("art_5") for h in hits)


def test_in_force_depends_on_the_date(ix):
    hits = ix.search("Điều 5 Luật Đất đai", limit=5, as_of=date(2020, 1, 1))
    assert (hits[0].key, hits[0].version) == ("45/2013/QH13@2013", "current")
    assert {h.version for h in hits[1:]} == {"newer"}


@pytest.mark.parametrize(
    "query",
    ["Điều 12 Luật Cạnh tranh 2018", "Điều 99 Luật Đất đai 2013", "Điều 5 Nghị định 99/2023"],
)
def test_pinpoint_nobody_holds_is_no_hits_with_a_hint(ix, query):
    res = ix.search(query, limit=5, as_of=AS_OF)
    assert res == [] and res.hint


def test_mixed_query_keeps_its_text_ranked(ix):
    hits = ix.search("Điều 83 Luật Đất đai 2024 ủy ban nhân dân cấp huyện", limit=5, as_of=AS_OF)
    assert (hits[0].key, hits[0].section) == ("26/VBHN-VPQH@2024", "chp_I__art_83")
    assert any(
        x.section == "chp_I__art_83__cl_2" for h in hits for x in (h, *h.sections) if x.section
    )


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("13/2023/NĐ-CP", "13/2023/NĐ-CP@2023"),
        ("nghị định 13/2023", "13/2023/NĐ-CP@2023"),
        ("45/2013/qh13", "45/2013/QH13@2013"),
        ("Luật Đất đai 2013", "45/2013/QH13@2013"),
        # a serial and year alone, and under a broader type (a Bộ luật asked for as a Luật)
        ("13/2023", "13/2023/NĐ-CP@2023"),
        ("91/2015", "91/2015/QH13@2015"),
        ("luật 91/2015", "91/2015/QH13@2015"),
        ("Bộ luật 91/2015", "91/2015/QH13@2015"),
    ],
)
def test_number_or_name_gives_the_document_first(ix, query, key):
    hits = ix.search(query, limit=5, as_of=AS_OF)
    assert hits[0].key == key and hits[0].section is None


def test_number_nobody_holds_gives_only_citing_sections(ix):
    hits = ix.search("57-NQ/TW", limit=10, as_of=AS_OF)
    assert hits and all("57" in h.snippet for h in hits)
    assert {h.key for h in hits} == {"12/2024/TT-BTNMT@2024"}
    assert "no document numbered 57-NQ/TW" in hits.hint


@pytest.mark.parametrize("query", ["45-NQ/TW", "999/2023/NĐ-CP", "13/2022/NĐ-CP"])
def test_number_nobody_holds_or_cites_is_no_hits(ix, query):
    res = ix.search(query, limit=10, as_of=AS_OF)
    assert res == []
    assert res.hint.startswith(f"no document numbered {query} in this index")


@pytest.mark.parametrize(
    "query", ["Nghị định 999/2023/NĐ-CP", "NĐ 999/2023", "thông tư số 7/2013/TT-BTC", "nq 999"]
)
def test_number_typed_with_its_type_nobody_holds_is_no_hits(ix, query):
    # the type words before the number are part of the designation, not words to search
    res = ix.search(query, limit=10, as_of=AS_OF)
    assert res == [] and res.hint.startswith("no document numbered")


@pytest.mark.parametrize(
    "query", ["Nghị định 13/2023/NĐ-CP", "NĐ 13/2023/NĐ-CP", "nghị định số 13/2023/nđ-cp"]
)
def test_number_typed_with_its_type_gives_the_document(ix, query):
    hits = ix.search(query, limit=5, as_of=AS_OF)
    assert hits[0].key == "13/2023/NĐ-CP@2023" and hits[0].section is None


@pytest.mark.parametrize("query", ["Luật Cạnh tranh 2018", "luat dat dai 2003"])
def test_named_law_of_a_year_nobody_holds_has_a_hint(ix, query):
    # the passages that name it may follow; the hint says the document itself is not here
    res = ix.search(query, limit=10, as_of=AS_OF)
    assert res.hint and res.hint.startswith("no document")


def test_name_without_a_year_is_words_when_nobody_holds_it(ix):
    assert ix.search("luật sư", limit=10, as_of=AS_OF).hint is None


def test_serial_and_year_nobody_holds_is_searched_as_text(ix):
    # "2013" is in the text of the laws: a bare serial/year that names no document is not
    # an error (a typed one, "nghị định 7/2013", would be)
    res = ix.search("7/2013", limit=10, as_of=AS_OF)
    assert res and not (res.hint or "").startswith("no document numbered")
    assert ix.search("nghị định 7/2013", limit=10, as_of=AS_OF) == []


def test_near_number_is_suggested(ix):
    res = ix.search("13/2022/NĐ-CP", limit=10)
    assert "did you mean 13/2023/NĐ-CP" in res.hint


def test_one_hit_per_document_with_three_more_sections(ix):
    grouped = ix.search("đất", limit=10)
    keys = [h.key for h in grouped]
    assert len(keys) == len(set(keys))
    assert all(len(h.sections) <= 3 for h in grouped)
    assert any(h.sections for h in grouped)
    flat = ix.search("đất", limit=50, flat=True)
    assert len({h.key for h in flat}) < len(flat) and all(not h.sections for h in flat)


def test_snippets_leave_out_header_and_notes(ix):
    for query in ("cộng hòa xã hội chủ nghĩa", "thu hồi đất", "Thông tư 99/2025/TT-BTNMT"):
        for h in ix.search(query, limit=10, flat=True):
            assert "CỘNG HÒA" not in h.snippet and "Độc lập" not in h.snippet
            assert "[" not in h.snippet and "sửa đổi bởi" not in h.snippet


def test_notes_are_searchable_when_asked(ix):
    plain = ix.search("sửa đổi bởi", limit=10, flat=True)
    asked = ix.search("sửa đổi bởi", limit=10, flat=True, notes=True)
    target = ("12/2024/TT-BTNMT@2024", "chp_I__art_2")
    assert target not in {(h.key, h.section) for h in plain}
    assert target == (asked[0].key, asked[0].section)
    assert "sửa đổi bởi" not in asked[0].snippet


def test_facets_count_documents(ix):
    res = ix.search("đất", limit=3)
    assert res.facets["doc_type"]["Luật"] == 3
