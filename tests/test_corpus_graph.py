"""The corpus over hand-built documents: keys, every relation kind, chains, tasks, exports,
saving and reloading, and the search index kept in step."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from corpus_factory import build_doc, seedlike
from vbpl.corpus import Corpus
from vbpl.corpus.export import COLUMNS, graph_to_json, write_graphml
from vbpl.errors import CorpusError
from vbpl.model import Document, Metadata, Relation


def resolution(number: str, issued: date, title: str) -> Document:
    outline = [("hd_I", "heading", "I", "I. QUAN ĐIỂM, MỤC TIÊU", [])]
    return build_doc(
        number,
        issued,
        outline,
        doc_type="Nghị quyết",
        issuer="Ban Chấp hành Trung ương",
        title=title,
    )


def plan() -> Document:
    outline = [
        ("hd_I", "heading", "I", "I. MỤC ĐÍCH, YÊU CẦU", []),
        (
            "hd_II",
            "heading",
            "II",
            "II. NHIỆM VỤ TRỌNG TÂM",
            [
                (
                    "hd_II__hd_1",
                    "heading",
                    "1",
                    "1. Tổ chức quán triệt Nghị quyết số 45-NQ/TW.",
                    [],
                ),
            ],
        ),
    ]
    refs = [
        ("hd_I", "I. MỤC ĐÍCH", None, "cites", None),
        ("hd_II__hd_1", "Nghị quyết số 45-NQ/TW", "45-NQ/TW", "implements", "45-NQ/TW@2023"),
    ]
    return build_doc(
        "20-KH/TW",
        date(2023, 11, 28),
        outline,
        refs[1:],
        doc_type="Kế hoạch",
        issuer="Bộ Chính trị",
    )


def provincial() -> Document:
    outline = [
        (
            "hd_II",
            "heading",
            "II",
            "II. NHIỆM VỤ, GIẢI PHÁP",
            [
                (
                    "hd_II__item_1",
                    "item",
                    "-",
                    "- Thực hiện Kế hoạch số 20-KH/TW của Bộ Chính trị.",
                    [],
                ),
                ("hd_II__item_2", "item", "-", "- Tiếp tục thực hiện Chỉ thị số 25-CT/TW.", []),
            ],
        ),
    ]
    refs = [
        ("hd_II__item_1", "Kế hoạch số 20-KH/TW", "20-KH/TW", "implements", "20-KH/TW@2023"),
        ("hd_II__item_2", "Chỉ thị số 25-CT/TW", "25-CT/TW", "implements", None),
    ]
    return build_doc(
        "15-KH/TU", date(2024, 2, 1), outline, refs, doc_type="Kế hoạch", issuer="Tỉnh ủy Nam Định"
    )


def law(number: str, issued: date, refs=(), relations=(), doc_type: str = "Luật") -> Document:
    outline = [
        ("art_1", "article", "1", "Điều 1. Phạm vi điều chỉnh " + " ".join(r[0] for r in refs), [])
    ]
    return build_doc(
        number,
        issued,
        outline,
        [("art_1", *r) for r in refs],
        doc_type=doc_type,
        relations=tuple(relations),
    )


@pytest.fixture
def corpus() -> Corpus:
    docs = [
        resolution("45-NQ/TW", date(2023, 11, 24), "Trí thức"),
        resolution("29-NQ/TW", date(2013, 11, 4), "Giáo dục"),
        resolution("29-NQ/TW", date(2022, 11, 17), "Công nghiệp hóa"),
        plan(),
        seedlike(),
        provincial(),
        law("45/2019/QH14", date(2019, 6, 20)),
        law(
            "145/2020/NĐ-CP",
            date(2020, 12, 14),
            [
                ("Bộ luật Lao động số 45/2019/QH14", "45/2019/QH14", "guides", "45/2019/QH14@2019"),
                ("Luật Tổ chức Chính phủ", None, "based_on", "76/2015/QH13@2015"),
            ],
            doc_type="Nghị định",
        ),
        law(
            "10/2020/TT-BLĐTBXH",
            date(2020, 11, 12),
            [
                ("Nghị định số 145/2020/NĐ-CP", "145/2020/NĐ-CP", "guides", "145/2020/NĐ-CP@2020"),
                ("Thông tư số 47/2015/TT-BLĐTBXH", "47/2015/TT-BLĐTBXH", "replaces", None),
                (
                    "Thông tư số 1/2016/TT-BLĐTBXH",
                    "1/2016/TT-BLĐTBXH",
                    "repeals",
                    "1/2016/TT-BLĐTBXH@2016",
                ),
            ],
            doc_type="Thông tư",
        ),
        law(
            "35/2022/NĐ-CP",
            date(2022, 5, 28),
            [("Nghị định số 145/2020/NĐ-CP", "145/2020/NĐ-CP", "amends", "145/2020/NĐ-CP@2020")],
            doc_type="Nghị định",
        ),
        law(
            "1/2016/TT-BLĐTBXH",
            date(2016, 1, 5),
            [
                (
                    "Thông tư số 10/2020/TT-BLĐTBXH",
                    "10/2020/TT-BLĐTBXH",
                    "repealed_by",
                    "10/2020/TT-BLĐTBXH@2020",
                )
            ],
            relations=[Relation(".", "corrected_by", "2/QĐ-BLĐTBXH", source="note")],
            doc_type="Thông tư",
        ),
        law(
            "2/QĐ-BLĐTBXH",
            date(2016, 3, 1),
            [
                (
                    "Thông tư số 1/2016/TT-BLĐTBXH",
                    "1/2016/TT-BLĐTBXH",
                    "corrects",
                    "1/2016/TT-BLĐTBXH@2016",
                )
            ],
            doc_type="Quyết định",
        ),
    ]
    return Corpus(docs)


def test_keys_and_get(corpus: Corpus) -> None:
    assert len(corpus) == 12
    assert corpus.get("45-NQ/TW").key == "45-NQ/TW@2023"
    assert corpus.get("45/NQ-TW").key == "45-NQ/TW@2023"  # a typed variant of the number
    assert corpus.get("29-NQ/TW@2013").metadata.title == "Giáo dục"
    with pytest.raises(CorpusError, match=r"ambiguous.*29-NQ/TW@2013, 29-NQ/TW@2022"):
        corpus.get("29-NQ/TW")
    with pytest.raises(CorpusError, match="no such document"):
        corpus.get("99-NQ/TW")
    assert "29-NQ/TW@2022" in corpus and "1-NQ/TW" not in corpus


@pytest.mark.parametrize(
    ("subject", "relation", "object"),
    [
        ("20-KH/TW@2023", "implements", "45-NQ/TW@2023"),
        ("7-HD/BTGTU@2024", "cites", "238-QĐ/TW@2020"),
        ("145/2020/NĐ-CP@2020", "guides", "45/2019/QH14@2019"),
        ("145/2020/NĐ-CP@2020", "based_on", "76/2015/QH13@2015"),
        ("35/2022/NĐ-CP@2022", "amends", "145/2020/NĐ-CP@2020"),
        ("10/2020/TT-BLĐTBXH@2020", "repeals", "1/2016/TT-BLĐTBXH@2016"),
        ("2/QĐ-BLĐTBXH@2016", "corrects", "1/2016/TT-BLĐTBXH@2016"),
    ],
)
def test_each_relation_kind(corpus: Corpus, subject: str, relation: str, object: str) -> None:
    assert object in corpus.cites(subject, relation)
    assert subject in corpus.cited_by(object, relation)


def test_passive_forms_are_stored_active(corpus: Corpus) -> None:
    # 1/2016 says it is repealed by 10/2020: the link reads 10/2020 repeals 1/2016, stated in 1/2016
    links = corpus.relations("10/2020/TT-BLĐTBXH@2020", "repeals", "1/2016/TT-BLĐTBXH@2016")
    assert {lk.document for lk in links} == {"10/2020/TT-BLĐTBXH@2020", "1/2016/TT-BLĐTBXH@2016"}
    # a relation the document lists (an editorial note), its number mapped to the key
    [note] = [lk for lk in corpus.relations(relation="corrects") if lk.source == "note"]
    assert (note.subject, note.object) == ("2/QĐ-BLĐTBXH@2016", "1/2016/TT-BLĐTBXH@2016")


def test_unresolved_links_kept_but_not_answered(corpus: Corpus) -> None:
    [replaces] = corpus.relations("10/2020/TT-BLĐTBXH@2020", "replaces")
    assert (replaces.object, replaces.resolved) == ("47/2015/TT-BLĐTBXH", False)
    assert corpus.cites("10/2020/TT-BLĐTBXH@2020", "replaces") == []


def test_cited_by_sorted_by_date_and_filtered(corpus: Corpus) -> None:
    assert corpus.cited_by("45-NQ/TW@2023") == ["20-KH/TW@2023", "7-HD/BTGTU@2024"]
    assert corpus.cited_by("29-NQ/TW@2013") == ["7-HD/BTGTU@2024"]
    assert corpus.cited_by("29-NQ/TW@2022") == []
    assert corpus.cited_by("145/2020/NĐ-CP", "amends") == ["35/2022/NĐ-CP@2022"]


def test_chain(corpus: Corpus) -> None:
    chain = corpus.chain("45-NQ/TW@2023")
    # the seed-like guidance implements both the resolution and the plan: it sits under the plan
    assert [(r["depth"], r["key"], r["parent"]) for r in chain.rows()] == [
        (0, "45-NQ/TW@2023", None),
        (1, "20-KH/TW@2023", "45-NQ/TW@2023"),
        (2, "7-HD/BTGTU@2024", "20-KH/TW@2023"),
        (2, "15-KH/TU@2024", "20-KH/TW@2023"),
    ]
    tasks = {n.key: [t.section for t in n.tasks] for n in chain.walk()}
    assert tasks["20-KH/TW@2023"] == ["hd_II__hd_1"]
    assert tasks["7-HD/BTGTU@2024"] == ["hd_II__hd_1__item_1"]
    assert tasks["15-KH/TU@2024"] == ["hd_II__item_1"]
    assert "20-KH/TW@2023" in str(chain)
    law_chain = corpus.chain("45/2019/QH14")
    assert law_chain.keys() == [
        "45/2019/QH14@2019",
        "145/2020/NĐ-CP@2020",
        "10/2020/TT-BLĐTBXH@2020",
    ]


def test_tasks_implementing(corpus: Corpus) -> None:
    direct = corpus.tasks(implementing="45-NQ/TW")
    assert [(t.document, t.section) for t in direct] == [
        ("20-KH/TW@2023", "hd_II__hd_1"),
        ("7-HD/BTGTU@2024", "hd_II__hd_1__item_1"),
    ]
    transitive = corpus.tasks(implementing="45-NQ/TW@2023", transitive=True)
    assert ("15-KH/TU@2024", "hd_II__item_1") in [(t.document, t.section) for t in transitive]
    assert [t.section for t in corpus.tasks(implementing="29-NQ/TW@2013")] == [
        "hd_II__hd_1__item_2"
    ]
    assert corpus.tasks(implementing="29-NQ/TW@2022") == []
    # an unresolved source still matches by number
    assert [t.section for t in corpus.tasks(implementing="25-CT/TW")] == ["hd_II__item_2"]


def test_dataframes_have_the_documented_columns(corpus: Corpus) -> None:
    for kind, cols in COLUMNS.items():
        df = corpus.to_dataframe(kind)
        assert list(df.columns) == list(cols), kind
        assert len(df) > 0, kind
    docs = corpus.to_dataframe("documents")
    assert docs.set_index("key").loc["7-HD/BTGTU@2024", "tasks"] == 6
    rel = corpus.to_dataframe("relations")
    assert set(rel["relation"]) >= {
        "implements",
        "cites",
        "guides",
        "based_on",
        "amends",
        "repeals",
        "replaces",
        "corrects",
    }
    links = corpus.to_dataframe("task_links")
    assert set(links["via"]) == {"direct", "inherited"}
    with pytest.raises(CorpusError, match="unknown table"):
        corpus.to_dataframe("nope")


def test_networkx_edges_are_typed(corpus: Corpus, tmp_path: Path) -> None:
    g = corpus.to_networkx()
    assert g.has_edge("20-KH/TW@2023", "45-NQ/TW@2023", key="implements")
    assert g.edges["35/2022/NĐ-CP@2022", "145/2020/NĐ-CP@2020", "amends"]["relation"] == "amends"
    assert g.nodes["45-NQ/TW@2023"]["in_corpus"] is True
    assert g.nodes["76/2015/QH13@2015"]["in_corpus"] is False
    # two statements of one link (in 10/2020 and in 1/2016) make one edge counted twice
    assert g.edges["10/2020/TT-BLĐTBXH@2020", "1/2016/TT-BLĐTBXH@2016", "repeals"]["count"] == 2
    assert "47/2015/TT-BLĐTBXH" not in g
    assert "47/2015/TT-BLĐTBXH" in corpus.to_networkx(unresolved=True)
    data = graph_to_json(g)
    assert {"source": "20-KH/TW@2023", "target": "45-NQ/TW@2023"}.items() <= next(
        e for e in data["edges"] if e["relation"] == "implements"
    ).items()
    json.dumps(data)
    write_graphml(g, tmp_path / "g.graphml")
    import networkx as nx

    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_edges() == g.number_of_edges()


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_save_and_reload(corpus: Corpus, tmp_path: Path, name: str) -> None:
    path = corpus.save(tmp_path / name)
    again = Corpus.load(path)
    assert again.keys() == corpus.keys()
    assert [d.to_dict() for d in again] == [d.to_dict() for d in corpus]
    assert again.cited_by("45-NQ/TW@2023") == corpus.cited_by("45-NQ/TW@2023")
    assert again.tasks() == corpus.tasks()
    # a saved corpus is also accepted where documents are expected
    assert Corpus.from_paths([path], resolve=False).keys() == corpus.keys()


def test_corrupt_saved_corpus(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_text('{"vbpl_corpus": 1}\n{"metadata": {"issued": "x"}}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"c\.jsonl:2: corrupt row"):
        Corpus.load(p)
    p.write_text('{"text": "no header"}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match="not a saved vbpl corpus"):
        Corpus.load(p)
    with pytest.raises(CorpusError, match="no such file"):
        Corpus.load(tmp_path / "missing.jsonl")


class RecordingIndex:
    """Stands in for a search index: records what the corpus sends it."""

    def __init__(self) -> None:
        self.added: list[str] = []
        self.deleted: list[str] = []

    def add(self, docs):
        self.added.extend(d.key for d in docs)

    def delete(self, key):
        self.deleted.append(key)

    def search(self, query, limit=10, filters=None):
        return [(query, limit, filters)]


def test_index_kept_in_step(corpus: Corpus) -> None:
    index = RecordingIndex()
    corpus.attach_index(index)
    assert len(index.added) == 12
    corpus.add(Document(Metadata(number="1-KL/TW", issued=date(2024, 1, 1))))
    corpus.add(Document(Metadata(number="1-KL/TW", issued=date(2024, 1, 1), title="again")))
    corpus.remove("1-KL/TW")
    assert index.added[-2:] == ["1-KL/TW@2024", "1-KL/TW@2024"]
    assert index.deleted == ["1-KL/TW@2024", "1-KL/TW@2024"]
    assert corpus.search("trí thức", limit=3) == [("trí thức", 3, None)]


def test_resolve_with_a_custom_resolver(corpus: Corpus) -> None:
    def drop_targets(doc: Document, _c: Corpus) -> Document:
        from dataclasses import replace

        return doc.with_(references=tuple(replace(r, target=None) for r in doc.references))

    corpus.resolve(drop_targets)
    assert corpus.cited_by("45-NQ/TW@2023") == []
    assert corpus.tasks(implementing="45-NQ/TW@2023") == []
    assert len(corpus.tasks(implementing="45-NQ/TW")) == 2  # by number


def test_html_of_results(corpus: Corpus) -> None:
    assert "Kế hoạch" in corpus.cited_by("45-NQ/TW@2023")._repr_html_()
    assert "hd_II__hd_1__item_1" in corpus.tasks(implementing="45-NQ/TW")._repr_html_()
    assert "20-KH/TW@2023" in corpus.chain("45-NQ/TW@2023")._repr_html_()
    assert "12 documents" in corpus._repr_html_()
    assert "7-HD/BTGTU@2024" in corpus.get("7-HD/BTGTU")._repr_html_()


def test_section_html(corpus: Corpus) -> None:
    section = corpus.get("7-HD/BTGTU").sections[1]
    html = section._repr_html_()
    assert "hd_II" in html and "hd_II__hd_1__item_1" in html and "<details>" in html
