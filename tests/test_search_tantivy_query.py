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


# -- phrases: the syllable pairs in ``bigrams`` match a superset of the phrase's units -----

#: text where neighbouring syllables are split by punctuation, line breaks, digits, case,
#: spelling variants (lí/lý) and the heading/text and title/number/body seams of a unit
TRICKY = (
    ("Quản lý đất đai.", "đất đai.\nQuy định: giáo dục; (đào tạo) - Lí luận/kĩ thuật…\n5 năm"),
    ("Hiệu lực", "HIỆU LỰC thi hành\r\nkể từ ngày 01/01/2025, trừ khoản 2.\tĐiều 3"),
    ("Giải thích từ ngữ", "«Đất» là: đất_đai, quy-hoạch; quy\u00a0hoạch\u2028sử dụng"),
)


def _units_of_tricky() -> list:
    from vbpl.search.units import units

    docs = [
        decree(i, f"Nghị định {i} về {h.lower()}", [(h, t)]) for i, (h, t) in enumerate(TRICKY, 1)
    ]
    long_text = " ".join(["quy định chung,"] * 30_000) + " đất đai\ncuối"  # read in pieces
    docs.append(decree(9, "Nghị định dài", [("Dài", long_text)]))
    return [u for d in docs for u in units(d)], docs


def test_bigrams_field_holds_every_pair_of_neighbouring_body_syllables():
    from vbpl.search.analysis import bigrams

    all_units, _ = _units_of_tricky()
    assert any(len(u.body) > 1 << 16 for u in all_units)  # the piecewise path is covered
    for u in all_units:
        assert u.bigrams.split() == bigrams(u.body.split()), u.uid


@pytest.fixture
def tricky(tmp_path):
    _, docs = _units_of_tricky()
    with open_index(tmp_path / "tricky", engine="tantivy") as ix:
        ix.add(docs)
    with open_index(tmp_path / "tricky", engine="tantivy") as ix:
        yield ix.engine


def _phrases_of(text: str) -> list[tuple[str, ...]]:
    from vbpl.search.analysis import syllables

    toks = syllables(text)
    return [tuple(toks[i : i + n]) for n in (2, 3, 4) for i in range(len(toks) - n + 1)]


def test_phrase_pairs_filter_changes_no_hit_nor_score(tricky, monkeypatch):
    import vbpl.search.tantivy_engine as te

    phrases = {p for h, t in TRICKY for p in _phrases_of(f"Nghị định về {h}. {h}\n{t}")}
    phrases |= {("đai", "cuối"), ("chung", "quy", "định"), ("đai", "quy"), ("đất", "quy")}

    def run() -> dict[tuple[str, ...], tuple[int, list[tuple[str, float]]]]:
        out = {}
        for p in sorted(phrases):
            res = tricky.search(EngineQuery(must=(Clause("body", p, phrase=True),), limit=50))
            out[p] = (res.total, [(h.uid, h.score) for h in res.hits])
        return out

    with_pairs = run()
    monkeypatch.setattr(te, "PAIR_FIELDS", {})
    plain = run()
    assert with_pairs == plain
    assert sum(1 for total, _ in plain.values() if total) > 60  # the phrases do match
    assert plain[("đất", "quy")][0] == 0 and plain[("đai", "quy")][0] >= 1


# -- common terms: rare terms first, the plain query when they are too few ------------------


@pytest.fixture
def common(tmp_path):
    # "quy định" in every unit, "thuế" in two documents, "môi trường" in one
    texts = [f"Quy định chung số {i} về quản lý." for i in range(12)]
    texts += ["Quy định về thuế thu nhập.", "Quy định miễn thuế.", "Quy định về môi trường."]
    with open_index(tmp_path / "common", engine="tantivy") as ix:
        ix.add([make_doc(i, t) for i, t in enumerate(texts, 1)])
    with open_index(tmp_path / "common", engine="tantivy") as ix:
        yield ix.engine


WORDS = (
    Clause("body", ("quy", "định", "thuế", "môi")),
    Clause("bigrams", ("quy_định", "định_thuế"), boost=3.0),
)
#: every unit holds "quy" (as the short queries of ``SearchIndex`` require each word)
EVERY = (Clause("folded", ("quy",)),)


def _run(engine, limit, required=EVERY):
    res = engine.search(EngineQuery(should=WORDS, required=required, limit=limit))
    return res.total, [(h.uid, h.score) for h in res.hits]


def test_common_terms_rank_the_units_with_a_rare_term(common, monkeypatch):
    import vbpl.search.tantivy_engine as te

    total, plain = _run(common, 100)
    monkeypatch.setattr(te, "COMMON_MIN_POSTINGS", 0)
    # thuế (4 units), môi (2): the weightiest terms, within half of the 96 postings
    rare_total, rare = _run(common, 4)
    assert total >= 30 and rare_total == 6  # the 3 documents with "thuế" or "môi", their sections
    assert {u for u, _ in rare} == {u for u, _ in plain[:4]}
    scores = dict(plain)
    for uid, score in rare:  # scored as the plain query scores them
        assert score == pytest.approx(scores[uid], rel=1e-6)


def test_common_terms_fall_back_to_the_plain_query(common, monkeypatch):
    import vbpl.search.tantivy_engine as te

    plain = _run(common, 10)
    monkeypatch.setattr(te, "COMMON_MIN_POSTINGS", 0)
    assert _run(common, 10) == plain  # 6 units hold a rare term: fewer than 10 asked
    monkeypatch.setattr(te, "RARE_SHARE", 0.0)  # no term is rare: nothing to restrict by
    assert _run(common, 2) == _run_plain(common, 2, monkeypatch)


def _run_plain(engine, limit, monkeypatch):
    import vbpl.search.tantivy_engine as te

    monkeypatch.setattr(te, "COMMON_MIN_POSTINGS", 10**12)
    return _run(engine, limit)


def test_common_terms_leave_cheap_queries_and_plain_unions_alone(common, monkeypatch):
    import vbpl.search.tantivy_engine as te

    searcher = common._searcher()
    query = EngineQuery(should=WORDS, required=EVERY)
    assert common._rare_terms(query, searcher) is None  # few postings
    assert searcher.num_docs < te.COMMON_MIN_POSTINGS
    monkeypatch.setattr(te, "COMMON_MIN_POSTINGS", 0)
    assert common._rare_terms(query, searcher) is not None
    assert common._rare_terms(EngineQuery(should=WORDS), searcher) is None  # nothing required
    assert _run(common, 4, required=()) == _run_plain(common, 4, monkeypatch)
