"""``vbpl index`` and ``vbpl search`` end to end, in-process through ``vbpl.cli.main``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from vbpl.cli import main

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "search"))
from corpus import fixture_docs
from laws import laws


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


# -- answers, output forms, encodings ------------------------------------------------------


@pytest.fixture(scope="module")
def laws_index(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("laws") / "laws.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for d in laws():
            f.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    ix = tmp_path_factory.mktemp("laws-ix") / "ix"
    assert main(["index", str(src), "--index", str(ix), "--no-progress"]) == 0
    return ix


def test_pinpoint_json_one_hit_per_document(laws_index, capsys):
    argv = ["search", "Điều 5 Luật Đất đai", "--index", str(laws_index), "--json"]
    assert main([*argv, "--date", "2025-06-01"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert [(h["key"], h["version"]) for h in hits][:2] == [
        ("26/VBHN-VPQH@2024", "current"),
        ("31/2024/QH15@2024", "older"),
    ]
    assert all(isinstance(h["sections"], list) for h in hits)


def test_text_output_marks_versions(laws_index, capsys):
    assert main(["search", "Điều 5 Luật Đất đai", "--index", str(laws_index)]) == 0
    out = capsys.readouterr().out
    assert "[in force]" in out and "[older version]" in out and "Chương I › Điều 5" in out


def test_sections_flag_gives_the_flat_list(laws_index, capsys):
    assert main(["search", "đất", "--index", str(laws_index), "--json", "--sections"]) == 0
    flat = json.loads(capsys.readouterr().out)
    assert main(["search", "đất", "--index", str(laws_index), "--json"]) == 0
    grouped = json.loads(capsys.readouterr().out)
    assert len({h["key"] for h in grouped}) == len(grouped)
    assert len({h["key"] for h in flat}) < len(flat)


def test_jsonl_one_hit_per_line(laws_index, capsys):
    assert main(["search", "đất", "--index", str(laws_index), "--jsonl", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["key"] for line in lines)


@pytest.mark.parametrize(
    ("query", "err"),
    [
        ("45-NQ/TW", "no document numbered 45-NQ/TW in this index"),
        ("13/2022/NĐ-CP", "did you mean 13/2023/NĐ-CP"),
        ("Điều 12 Luật Cạnh tranh 2018", "no document"),
    ],
)
def test_no_hits_exit_1_with_a_hint(laws_index, capsys, query, err):
    assert main(["search", query, "--index", str(laws_index), "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert err in captured.err and captured.err.count("\n") == 1


@pytest.mark.parametrize(
    "argv",
    [["đất nam:abc"], ["đất", "--nam", "abc"], ["đất loai:"], ["đất hieu-luc:"]],
)
def test_bad_filter_is_a_usage_error(laws_index, capsys, argv):
    assert main(["search", *argv, "--index", str(laws_index)]) == 2
    assert "bad filter" in capsys.readouterr().err


def test_any_terminal_encoding(laws_index):
    import os
    import subprocess

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for extra in ([], ["--json"]):
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "vbpl",
                "search",
                "thu hồi đất",
                "--index",
                str(laws_index),
                *extra,
            ],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert r.returncode == 0, r.stderr
        assert b"Traceback" not in r.stderr and r.stdout.isascii()
        if extra:
            assert json.loads(r.stdout)[0]["key"]


# -- indexes that do what the user said --------------------------------------------------


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.delenv("VBPL_INDEX", raising=False)
    monkeypatch.setenv("VBPL_INDEX_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "home"


def test_index_is_fresh_named_listable_removable(home, tmp_path, corpus_file, capsys):
    assert main(["index", str(corpus_file), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["name"] == "docs" and first["documents"] == 7
    assert Path(first["index"]).parent == home
    # again: a fresh index, not an addition
    assert main(["index", str(corpus_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 7
    assert main(["index", "--list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["docs"] and rows[0]["sources"] == [str(corpus_file)]
    # a search with no --index reads it, never the demo
    assert main(["search", "45-NQ/TW", "--json"]) == 0
    captured = capsys.readouterr()
    assert "demo" not in captured.err and json.loads(captured.out)[0]["key"] == "45-NQ/TW@2023"
    assert main(["search", "trí thức", "--index", "docs", "--json", "--limit", "1"]) == 0
    capsys.readouterr()
    assert main(["index", "--remove", "docs"]) == 0
    assert not (home / "docs").exists()
    assert main(["index", "--remove", "docs"]) == 1


def test_index_add_keeps_what_was_there(home, tmp_path, corpus_file, capsys):
    one = tmp_path / "one.jsonl"
    one.write_text(corpus_file.read_text(encoding="utf-8").splitlines()[0] + "\n", "utf-8")
    assert main(["index", str(one), "--name", "mine", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 1
    assert main(["index", str(corpus_file), "--name", "mine", "--add", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 7


def test_index_of_an_older_vbpl_says_how_to_rebuild(home, tmp_path, corpus_file, capsys):
    from vbpl.search.catalog import MANIFEST

    ix = tmp_path / "old"
    assert main(["index", str(corpus_file), "--index", str(ix), "--no-progress"]) == 0
    capsys.readouterr()
    (ix / MANIFEST).unlink()  # what an index of vbpl before format 2 looks like
    assert main(["search", "trí thức", "--index", str(ix)]) == 1
    err = capsys.readouterr().err
    assert "older vbpl" in err and f"vbpl index PATH... --index {ix}" in err


def test_bad_index_name_is_refused(home, corpus_file, capsys):
    assert main(["index", str(corpus_file), "--name", "../x"]) == 1
    assert "bad index name" in capsys.readouterr().err


def test_demo_only_without_an_index_of_ones_own(home, capsys):
    from vbpl.cli.search_cmd import demo_corpus

    if demo_corpus() is None:
        pytest.skip("no demo corpus in this checkout")
    assert main(["search", "trí thức", "--json", "--limit", "1"]) == 0
    assert "demo corpus" in capsys.readouterr().err
    assert main(["index", "--list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the demo is not one of yours


def test_show_depth(capsys):
    assert main(["show", "29-NQ/TW@2013", "--json"]) == 0
    full = json.loads(capsys.readouterr().out)["outline"]
    assert main(["show", "29-NQ/TW@2013", "--json", "--depth", "1"]) == 0
    top = json.loads(capsys.readouterr().out)["outline"]
    assert top and len(top) < len(full) and all("__" not in s["id"] for s in top)
    assert main(["show", "29-NQ/TW@2013", "--depth", "1"]) == 0
    outline = capsys.readouterr().out.split("\nCites")[0]
    assert "hd_I " in outline and "hd_I__" not in outline
    assert main(["show", "29-NQ/TW@2013", "--depth", "0"]) == 2
