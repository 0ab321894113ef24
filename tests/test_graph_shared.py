"""The graph check and the effective-date check over the shared documents (skipped when
``../shared`` is absent). The figures are in ``docs/corpus.md``; the scripts print them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from vbpl import Corpus

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
#: resolved amends / replaces / repeals edges on main before issue 11 (docs/corpus.md)
EDGES_BEFORE = 503

pytestmark = pytest.mark.shared


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def tvpl(shared_dir: Path) -> Corpus:
    return Corpus.from_paths([shared_dir / "corpus" / "tvpl"])


@pytest.fixture(scope="module")
def figures(tvpl: Corpus) -> dict[str, Any]:
    return _script("check_graph").check(tvpl)


def test_impossible_edges_are_at_most_one_percent(figures: dict[str, Any]) -> None:
    assert figures["impossible_edges"] <= 0.01 * figures["edges"], figures["_bad"]


def test_no_fewer_edges_are_resolved_than_before(figures: dict[str, Any]) -> None:
    assert figures["edges"] >= EDGES_BEFORE


def test_no_relation_row_is_duplicated(tvpl: Corpus) -> None:
    rel = tvpl.to_dataframe("relations")
    assert not rel.duplicated(["subject", "relation", "object", "section"]).any()


def test_effective_dates_of_the_laws(tvpl: Corpus) -> None:
    """Every law whose effect article states a date gets that date (check_effective.py runs
    this over laws/ too)."""
    truth = _script("check_effective").truth
    checked = 0
    for doc in tvpl:
        md = doc.metadata
        if md.doc_type not in ("Luật", "Bộ luật") or (md.number and "VBHN" in md.number):
            continue
        t = truth(doc.text)
        if t is None:
            continue
        checked += 1
        want = t[1] if t[0] == "date" else md.issued
        assert md.effective == want, (doc.source, md.effective, want)
    assert checked >= 20
