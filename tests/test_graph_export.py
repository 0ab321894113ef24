"""Researcher tables: one row per relation, datetime and category columns; Document.tasks and
its one-line repr."""

from __future__ import annotations

import pandas as pd
import pytest

from vbpl import Corpus, parse
from vbpl.corpus.export import COLUMNS, DTYPES

DECREE = (
    "CHÍNH PHỦ\nSố: 35/2022/NĐ-CP\nHà Nội, ngày 28 tháng 5 năm 2022\nNGHỊ ĐỊNH\n"
    "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU\n"
    "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n"
    "Chính phủ ban hành Nghị định sửa đổi, bổ sung một số điều của Nghị định số "
    "145/2020/NĐ-CP.\n"
    "Điều 1. Sửa đổi, bổ sung\n1. Sửa đổi, bổ sung Nghị định số 145/2020/NĐ-CP như sau. "
    "[Khoản này được sửa đổi bởi Khoản 2 Điều 1 Nghị định 12/2024/NĐ-CP có hiệu lực từ ngày "
    "01/03/2024]\n"
    "2. Bãi bỏ Thông tư số 23/2020/TT-BLĐTBXH.\n"
    "Điều 2. Hiệu lực thi hành\nNghị định này có hiệu lực thi hành từ ngày 15 tháng 7 năm 2022.\n"
)
PLAN = (
    "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố: 20-KH/TW\nHà Nội, ngày 28 tháng 11 năm 2023\nKẾ HOẠCH\n"
    "thực hiện Nghị quyết số 45-NQ/TW\n"
    "I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt Nghị quyết số 45-NQ/TW, ngày 24/11/2023.\n"
    "II. NHIỆM VỤ\n1. Các cấp ủy tổ chức quán triệt Nghị quyết số 45-NQ/TW, hoàn thành trong "
    "quý I năm 2024.\n"
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus([parse(DECREE, source="nd.txt"), parse(PLAN, source="kh.txt")]).resolve()


def test_one_row_per_relation_with_sources_merged(corpus: Corpus) -> None:
    rel = corpus.to_dataframe("relations")
    assert list(rel.columns) == list(COLUMNS["relations"])
    assert not rel.duplicated(["subject", "relation", "object", "section"]).any()
    row = rel[(rel["relation"] == "amends") & (rel["object"] == "145/2020/NĐ-CP@2020")]
    assert set(row["section"]) >= {"art_1__cl_1"}
    merged = row[row["section"] == "art_1__cl_1"]["sources"].iloc[0]
    assert "reference" in merged or "text" in merged
    # the note's statement: 12/2024 amends this decree
    note = rel[(rel["subject"] == "12/2024/NĐ-CP@2024") & (rel["relation"] == "amends")]
    assert list(note["object"]) == ["35/2022/NĐ-CP@2022"]
    assert "note" in note["sources"].iloc[0]


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_column_types(corpus: Corpus, kind: str) -> None:
    df = corpus.to_dataframe(kind)
    for col, dtype in DTYPES[kind].items():
        if dtype.startswith("datetime"):
            assert pd.api.types.is_datetime64_any_dtype(df[col]), (kind, col)
        else:
            assert isinstance(df[col].dtype, pd.CategoricalDtype), (kind, col)


def test_document_dates_are_datetimes(corpus: Corpus) -> None:
    docs = corpus.to_dataframe("documents").set_index("key")
    assert docs.loc["35/2022/NĐ-CP@2022", "issued"] == pd.Timestamp(2022, 5, 28)
    assert docs.loc["35/2022/NĐ-CP@2022", "effective"] == pd.Timestamp(2022, 7, 15)


def test_references_carry_the_reason(corpus: Corpus) -> None:
    refs = corpus.to_dataframe("references")
    assert "reason" in refs.columns


def test_document_tasks(corpus: Corpus) -> None:
    plan = corpus.get("20-KH/TW")
    tasks = plan.tasks
    assert tasks and all(t.document == plan.key for t in tasks)
    assert any(s.number == "45-NQ/TW" for t in tasks for s in t.sources)
    assert corpus.get("35/2022/NĐ-CP").tasks == []


def test_plain_repr_is_one_short_line(corpus: Corpus) -> None:
    for doc in corpus:
        r = repr(doc)
        assert "\n" not in r and len(r) <= 160, r
        assert r.startswith("<Document ") and doc.key in r
    assert "<html" not in repr(corpus.get("20-KH/TW")).lower()
    assert "<" in corpus.get("20-KH/TW")._repr_html_()
