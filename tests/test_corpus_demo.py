"""The demo corpus (corpora/demo) parsed and resolved: chains, the two 29-NQ/TW, relations;
with the seed added when ../shared is present."""

from __future__ import annotations

from pathlib import Path

import pytest

from vbpl.corpus import Corpus
from vbpl.corpus.store import demo_path


@pytest.fixture(scope="module")
def demo() -> Corpus:
    return Corpus.demo()


def test_demo_corpus_size_and_kinds(demo: Corpus) -> None:
    assert len(demo) >= 25
    assert all(d.key for d in demo), [d.source for d in demo if not d.key]
    types = {d.metadata.doc_type for d in demo}
    assert types >= {
        "Nghị quyết",
        "Kế hoạch",
        "Hướng dẫn",
        "Chỉ thị",
        "Kết luận",
        "Quyết định",
        "Luật",
        "Nghị định",
        "Thông tư",
        "Công văn",
    }


def test_two_29_NQ_TW(demo: Corpus) -> None:
    assert demo.keys_for("29-NQ/TW") == ["29-NQ/TW@2013", "29-NQ/TW@2022"]
    assert "201-KH/TU@2023" in demo.cited_by("29-NQ/TW@2022")  # named by term (khóa XIII)
    assert "201-KH/TU@2023" not in demo.cited_by("29-NQ/TW@2013")
    assert "51-KL/TW@2019" in demo.cited_by("29-NQ/TW@2013", "implements")


def test_chain_of_45_NQ_TW(demo: Corpus) -> None:
    chain = demo.chain("45-NQ/TW@2023")
    rows = {r["key"]: r for r in chain.rows()}
    assert rows["20-KH/TW@2023"]["parent"] == "45-NQ/TW@2023"
    assert rows["185-KH/TU@2024"]["parent"] == "20-KH/TW@2023"
    assert rows["42-HD/BTGTU@2024"]["parent"] == "185-KH/TU@2024"
    assert rows["96-KH/HU@2024"]["parent"] == "42-HD/BTGTU@2024"
    assert rows["96-KH/HU@2024"]["depth"] == 4
    assert len(chain.all_tasks()) >= 10


@pytest.mark.parametrize(
    ("subject", "relation", "object"),
    [
        ("43/2019/QH14@2019", "replaces", "38/2005/QH11@2005"),
        ("44/2009/QH12@2009", "amends", "38/2005/QH11@2005"),
        ("84/2020/NĐ-CP@2020", "guides", "43/2019/QH14@2019"),
        ("08/2022/TT-BGDĐT@2022", "guides", "84/2020/NĐ-CP@2020"),
        ("08/2022/TT-BGDĐT@2022", "repeals", "12/2016/TT-BGDĐT@2016"),
        ("81/2021/NĐ-CP@2021", "replaces", "86/2015/NĐ-CP@2015"),
        ("97/2023/NĐ-CP@2023", "amends", "81/2021/NĐ-CP@2021"),
        ("20-KH/TW@2023", "implements", "45-NQ/TW@2023"),
        ("190-KH/TU@2024", "implements", "25-CT/TW@2023"),
        ("12-KH/BTGTU@2021", "implements", "238-QĐ/TW@2020"),
    ],
)
def test_demo_relations(demo: Corpus, subject: str, relation: str, object: str) -> None:
    assert subject in demo.cited_by(object, relation)


def test_law_chain(demo: Corpus) -> None:
    keys = demo.chain("43/2019/QH14").keys()
    assert {"84/2020/NĐ-CP@2020", "08/2022/TT-BGDĐT@2022", "81/2021/NĐ-CP@2021"} <= set(keys)


def test_demo_path_is_the_checkout_folder() -> None:
    assert (demo_path() / "nq-45-NQ-TW-2023.txt").is_file()


@pytest.mark.shared
def test_seed_plus_demo(shared_dir: Path) -> None:
    corpus = Corpus.from_paths([demo_path(), shared_dir / "seed/128-HD-BTGTW.txt"])
    tasks = corpus.tasks(implementing="45-NQ/TW")
    docs = {t.document for t in tasks}
    assert "128-HD/BTGTW@2023" in docs
    assert {"20-KH/TW@2023", "117-HD/BTGTW@2023", "185-KH/TU@2024"} <= docs
    cited = corpus.cited_by("45-NQ/TW@2023")
    assert {"20-KH/TW@2023", "117-HD/BTGTW@2023", "128-HD/BTGTW@2023", "42-HD/BTGTU@2024"} <= set(
        cited
    )
    assert "29-NQ/TW@2013" in corpus.cites("128-HD/BTGTW@2023")
    assert "29-NQ/TW@2022" not in corpus.cites("128-HD/BTGTW@2023")
    assert "128-HD/BTGTW@2023" in corpus.chain("45-NQ/TW@2023")
