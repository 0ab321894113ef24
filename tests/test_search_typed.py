"""Queries typed the way people ask, beyond the grammar (the second probe of typed queries,
docs/search.md): a question about what acts on a document, the words beside a named law,
a law named with a year that the index does not hold. One suite on every engine."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path

import pytest

from vbpl.data import load_table
from vbpl.search import open_index
from vbpl.search.engine import ENGINES
from vbpl.search.query import parse_query

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "search"))
from laws import law

sys.path.insert(0, str(Path(__file__).parent))
from sphinx_cluster import SPHINX_PARAM, cluster

AS_OF = date(2025, 6, 1)


def documents():
    """A decree, a decree amending it, a circular citing it without amending it, a civil
    code whose article on interest shares its words with another law's article."""
    decree = law(
        "13/2023/NĐ-CP",
        "Nghị định",
        "Bảo vệ dữ liệu cá nhân",
        date(2023, 4, 17),
        date(2023, 7, 1),
        (("5", "Quản lý nhà nước", "Chính phủ thống nhất quản lý về dữ liệu.", ()),),
        header="CHÍNH PHỦ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    amending = law(
        "7/2025/NĐ-CP",
        "Nghị định",
        "Sửa đổi, bổ sung một số điều của Nghị định số 13/2023/NĐ-CP",
        date(2025, 1, 9),
        date(2025, 3, 1),
        (
            (
                "1",
                "Sửa đổi, bổ sung một số điều của Nghị định số 13/2023/NĐ-CP",
                "Điều 5 được sửa đổi như sau: Bộ Công an quản lý về dữ liệu.",
                (),
            ),
        ),
        header="CHÍNH PHỦ ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    citing = law(
        "3/2024/TT-BCA",
        "Thông tư",
        "Quy định về mẫu biểu dữ liệu",
        date(2024, 2, 1),
        date(2024, 3, 1),
        (("1", "Phạm vi", "Mẫu biểu thực hiện theo Nghị định số 13/2023/NĐ-CP.", ()),),
        header="BỘ CÔNG AN ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    civil = law(
        "91/2015/QH13",
        "Bộ luật",
        "Dân sự",
        date(2015, 11, 24),
        date(2017, 1, 1),
        (
            ("4", "Áp dụng Bộ luật dân sự", "Bộ luật dân sự là luật chung.", ()),
            ("468", "Lãi suất", "Lãi suất vay do các bên thỏa thuận, không quá 20%/năm.", ()),
        ),
        chapter=False,
    )
    credit = law(
        "20/2017/QH14",
        "Luật",
        "Quản lý nợ công",
        date(2017, 11, 23),
        date(2018, 7, 1),
        (("34", "Cho vay lại", "Lãi suất cho vay lại tối đa bằng lãi suất vay.", ()),),
    )
    return [decree, amending, citing, civil, credit]


@pytest.fixture(
    scope="module", params=[SPHINX_PARAM if name == "sphinx" else name for name in ENGINES]
)
def ix(request, tmp_path_factory):
    with ExitStack() as stack:
        options = {}
        if request.param == "sphinx":
            options["nodes"] = stack.enter_context(cluster(tmp_path_factory.mktemp("cluster")))
        index = open_index(tmp_path_factory.mktemp(request.param), engine=request.param, **options)
        stack.callback(index.close)
        index.add(documents())
        yield index


@pytest.mark.parametrize(
    ("query", "relation"), load_table("query_text")["relation_questions"]["examples"]
)
def test_relation_questions_from_data(query, relation):
    assert parse_query(query).relation == relation


@pytest.mark.parametrize(
    "query",
    [
        "sửa đổi nghị định 13/2023/NĐ-CP",
        "văn bản nào sửa đổi Nghị định số 13/2023",
        "nghị định sửa đổi, bổ sung NĐ 13/2023/NĐ-CP",
        "sua doi nghi dinh 13/2023",
    ],
)
def test_what_amends_a_document_answers_the_amending_one_first(ix, query):
    hits = ix.search(query, limit=5, as_of=AS_OF)
    assert hits[0].key == "7/2025/NĐ-CP@2025"
    assert "13/2023/NĐ-CP@2023" in [h.key for h in hits]  # the document itself follows


def test_what_amends_a_document_nobody_amends_has_a_hint(ix):
    res = ix.search("bãi bỏ nghị định 13/2023/NĐ-CP", limit=5, as_of=AS_OF)
    assert res.hint and "repeals" in res.hint


def test_the_number_alone_still_gives_the_document(ix):
    hits = ix.search("nghị định 13/2023/NĐ-CP", limit=5, as_of=AS_OF)
    assert hits[0].key == "13/2023/NĐ-CP@2023" and hits[0].section is None


def test_words_beside_a_named_law_rank_within_it_first(ix):
    hits = ix.search("lãi suất cho vay tối đa theo bộ luật dân sự", limit=5, as_of=AS_OF)
    assert (hits[0].key, hits[0].section) == ("91/2015/QH13@2015", "art_468")


def test_discipline_is_not_a_law_named_after_it(ix):
    q = parse_query("hình thức kỷ luật lao động")
    assert q.named is None
