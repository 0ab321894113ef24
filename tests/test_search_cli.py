"""``vbpl index`` and ``vbpl search`` end to end, in-process through ``vbpl.cli.main``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from vbpl.cli import main

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "search"))
from corpus import fixture_docs


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "docs.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for d in fixture_docs():
            f.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    return path


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_index_then_search_json(tmp_path, corpus_file, capsys, engine):
    ix = tmp_path / "ix"
    assert main(["index", str(corpus_file), "--index", str(ix), "--engine", engine, "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["indexed"] == 7 and summary["engine"] == engine
    # the engine is found from the folder
    assert main(["search", "45/NQ-TW", "--index", str(ix), "--json", "--limit", "3"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["key"] == "45-NQ/TW@2023" and hits[0]["section"] is None
    for name in ("key", "number", "title", "section", "score", "snippet", "source"):
        assert name in hits[0]
    assert len(hits) <= 3


def test_search_filters_and_text_output(tmp_path, corpus_file, capsys):
    ix = tmp_path / "ix"
    assert main(["index", str(corpus_file), "--index", str(ix), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["search", "hiệu", "lực", "--index", str(ix), "--loai", "luat", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and {h["key"] for h in hits} == {"80/2015/QH13@2015"}
    assert main(["search", "giáo dục", "--index", str(ix), "--documents", "--facets"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1. ") and "doc_type:" in out and "*" in out
    assert main(["search", "zzzz", "--index", str(ix)]) == 1  # no hits: exit 1, as grep
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "zzzz" in captured.err


def test_reindex_replaces(tmp_path, corpus_file, capsys):
    ix = tmp_path / "ix"
    for _ in range(2):
        assert main(["index", str(corpus_file), "--index", str(ix), "--json", "--add"]) == 0
    summary = json.loads(capsys.readouterr().out.split("}\n")[-2] + "}")
    assert summary["documents"] == 7


def test_errors_are_one_line(tmp_path, corpus_file, capsys):
    assert main(["search", "x", "--index", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("vbpl: ") and err.count("\n") == 1
    assert main(["index", str(tmp_path / "missing.txt"), "--index", str(tmp_path / "i")]) == 1
    assert "missing.txt" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["search", "x", "--engine", "lucene"])
    assert e.value.code == 2
    assert main(["search", "x", "--limit", "0", "--index", str(tmp_path)]) == 2


def test_fresh_install_builds_demo_index(tmp_path, monkeypatch, capsys):
    from vbpl.cli.search_cmd import demo_corpus

    if demo_corpus() is None or not any(demo_corpus().iterdir()):
        pytest.skip("no demo corpus in this checkout")
    monkeypatch.setenv("VBPL_INDEX", str(tmp_path / "default"))
    assert main(["search", "trí thức", "--json", "--limit", "3"]) == 0
    captured = capsys.readouterr()
    assert "demo corpus" in captured.err
    hits = json.loads(captured.out)
    assert hits and all(
        "trí" in h["snippet"].lower() or "trí" in (h["title"] or "").lower() for h in hits
    )
    assert main(["search", "trí thức", "--json"]) == 0  # second time: no rebuild
    assert "demo corpus" not in capsys.readouterr().err
