"""The blind probe's documents (``tests/fixtures/probe``), kept as a regression set once fixed.

``scripts/probe_forms.py`` measured them before the rules they exposed were written (the
figures are in ``docs/parsing.md``, "Blind probe (2026-11-30)"); here every probe must keep
every stated field, no spurious field and its outline. A future probe is a new set of
documents, written before reading the rules.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PROBE = REPO / "tests" / "fixtures" / "probe"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


PROBE_FORMS = _module("probe_forms")
CASES = PROBE_FORMS.probe_cases(PROBE)


def test_probe_covers_both_families_and_many_forms() -> None:
    families = [gold["family"] for _, _, gold in CASES]
    assert families.count("party") >= 24 and families.count("state") >= 6
    assert {src.suffix for _, src, _ in CASES} == {".txt", ".md", ".html"}


@pytest.mark.parametrize(("stem", "source", "gold"), CASES, ids=[c[0] for c in CASES])
def test_probe_document(stem: str, source: Path, gold: dict) -> None:
    import vbpl

    sc, details = sys.modules["eval_party"].score_document(
        vbpl.parse_file(source), gold, {"outline": gold["outline"]}
    )
    assert details["wrong"] == {}
    assert sc.spurious == 0
    assert sc.prf("outline")[2] == 1.0
