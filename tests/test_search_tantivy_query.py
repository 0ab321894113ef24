"""The tantivy engine's query side: the flat disjunction scores what the clauses score, the
searcher is reused until a commit changes ``meta.json``."""

from __future__ import annotations

import pytest

from corpus_factory import decree
from vbpl.model import Document
from vbpl.search import open_index
from vbpl.search.engine import Clause, EngineQuery

pytest.importorskip("tantivy")

TEXTS = (
    "Quy định về quản lý đất đai và quy hoạch sử dụng đất của địa phương.",
    "Điều kiện cấp giấy phép xây dựng theo quy định của pháp luật về đất đai.",
    "Trách nhiệm của cơ quan quản lý nhà nước về xây dựng.",
    "Quy hoạch xây dựng vùng, quy hoạch đô thị và nông thôn.",
    "Thủ tục cấp giấy chứng nhận quyền sử dụng đất theo quy định.",
)


def make_doc(i: int, text: str) -> Document:
    title = f"Nghị định {i} quy định về {text.split()[2]} {text.split()[3]}"
    return decree(i, title, [("Phạm vi", text)])


@pytest.fixture
def engine(tmp_path):
    with open_index(tmp_path / "ix", engine="tantivy") as ix:
        ix.add([make_doc(i, t) for i, t in enumerate(TEXTS, 1)])
    with open_index(tmp_path / "ix", engine="tantivy") as ix:  # a reader: no writer lock
        yield ix.engine


CLAUSES = (
    Clause("body", ("quy", "định", "đất")),
    Clause("bigrams", ("quy_định", "đất_đai"), boost=3.0),
    Clause("title", ("quy", "định", "đất"), boost=1.0),
    Clause("type", ("nghị", "định"), boost=2.0),
    Clause("folded", ("quy", "hoach"), phrase=True, boost=3.0),
    Clause("body", ("xây",), boost=0.5),
)


@pytest.mark.parametrize("required", [(), (Clause("folded", ("dat",)),)])
def test_should_score_is_the_sum_of_each_boosted_clause(engine, required):
    def scores(should: tuple[Clause, ...]) -> dict[str, float]:
        q = EngineQuery(should=should, required=required, limit=100)
        return {h.uid: h.score for h in engine.search(q).hits}

    together = scores(CLAUSES)
    alone = [scores((c,)) for c in CLAUSES]
    assert len(together) >= 3
    assert set(together) == set().union(*alone)
    for uid, score in together.items():
        expected = sum(s.get(uid, 0.0) for s in alone)
        assert score == pytest.approx(expected, rel=1e-5), uid


def test_searcher_is_reused_until_a_commit(tmp_path, engine):
    first = engine._searcher()
    assert engine._searcher() is first
    with open_index(engine.path, engine="tantivy") as other:  # another writer commits
        other.add([make_doc(9, "Bảo vệ rừng phòng hộ đầu nguồn.")])
    after = engine._searcher()
    assert after is not first
    hits = engine.search(EngineQuery(must=(Clause("body", ("phòng", "hộ"), phrase=True),)))
    assert [h.payload.get("number") for h in hits.hits] == ["9/2024/NĐ-CP"]
    assert engine._searcher() is after
