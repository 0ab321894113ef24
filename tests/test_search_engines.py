"""The engine table: one row per engine; detection, defaults and the CLI read it."""

from __future__ import annotations

import importlib.util
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from vbpl.cli import build_parser
from vbpl.errors import SearchIndexError
from vbpl.search import engine as engine_mod
from vbpl.search import open_index
from vbpl.search.engine import ENGINES, Engine, EngineEntry, default_engine, engine_entry
from vbpl.search.index import detect_engine

sys.path.insert(0, str(Path(__file__).parent))
from sphinx_cluster import cluster


def test_table_rows_load_engines():
    for name, entry in ENGINES.items():
        cls = entry.load()
        assert issubclass(cls, Engine) and cls.name == name
        assert entry.summary


@pytest.mark.parametrize("name", list(ENGINES))
def test_detect_finds_own_index_only(tmp_path, name):
    with ExitStack() as stack:
        options = {}
        if name == "sphinx":  # a server engine: two local nodes (skips without searchd)
            options["nodes"] = stack.enter_context(cluster(tmp_path / "cluster"))
        with open_index(tmp_path / name, engine=name, **options) as ix:
            ix.add([])
    assert detect_engine(tmp_path / name) == name
    others = [e for e in ENGINES.values() if e.name != name]
    assert not any(e.load().detect(tmp_path / name) for e in others)


def test_default_is_first_available(monkeypatch):
    assert default_engine() == "tantivy"
    real = importlib.util.find_spec

    def no_tantivy(name, *a, **k):
        return None if name == "tantivy" else real(name, *a, **k)

    monkeypatch.setattr(engine_mod.importlib.util, "find_spec", no_tantivy)
    assert default_engine() == "whoosh"


def test_unknown_engine_names_the_choices():
    with pytest.raises(SearchIndexError, match="tantivy, whoosh"):
        engine_entry("lucene")


def test_cli_choices_come_from_the_table(monkeypatch):
    row = EngineEntry("fake", "vbpl.search.whoosh_engine:WhooshEngine", "whoosh", "a test row")
    monkeypatch.setitem(ENGINES, "fake", row)
    args = build_parser().parse_args(["search", "x", "--engine", "fake"])
    assert args.engine == "fake"


def test_optimize_is_on_the_base_class():
    assert "optimize" in Engine.__dict__ and "detect" in Engine.__abstractmethods__


def test_whoosh_when_tantivy_cannot_be_imported(tmp_path, monkeypatch):
    real = importlib.util.find_spec

    def no_tantivy(name, *a, **k):
        return None if name == "tantivy" else real(name, *a, **k)

    monkeypatch.setattr(engine_mod.importlib.util, "find_spec", no_tantivy)
    with open_index(tmp_path / "ix") as ix:
        assert ix.engine_name == "whoosh"
    # an existing tantivy index says what it needs instead of failing obscurely
    monkeypatch.undo()
    with open_index(tmp_path / "t", engine="tantivy"):
        pass
    monkeypatch.setattr(engine_mod.importlib.util, "find_spec", no_tantivy)
    with pytest.raises(SearchIndexError, match="needs the tantivy package"):
        open_index(tmp_path / "t")
