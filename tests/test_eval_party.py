"""``scripts/eval_party.py``: skips without ``../shared``; scores the seed exactly with it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("eval_party", REPO / "scripts" / "eval_party.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["eval_party"] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize(
    ("key", "value", "want"),
    [
        ("title", "Về Phông lưu trữ  Đảng.", "phông lưu trữ đảng"),
        ("title", "VỀ CÔNG TÁC khoá XI", "công tác khóa xi"),
        ("number", "45-NQ/TW", "45-nq/tw"),
        ("issued", None, None),
        ("signer", "", None),
        ("fields", ["Y tế", "Giáo dục"], frozenset({"y tế", "giáo dục"})),
    ],
)
def test_norm_value(key: str, value: object, want: object) -> None:
    assert _script().norm_value(key, value) == want


def test_skips_without_shared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _script().main(["--shared", str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out.startswith("skipped:")


def test_gold_files_are_well_formed() -> None:
    keys = {"number", "doc_type", "issuer", "issued", "effective", "signer", "title", "place"}
    files = sorted((REPO / "tests" / "gold" / "party").glob("*.meta.json"))
    assert len(files) >= 10
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        assert {"file", "header_kind", "source_kind", "metadata"} <= set(g)
        assert keys <= set(g["metadata"]), f.name
        assert set(g.get("accept", {})) <= set(g["metadata"])


@pytest.mark.shared
def test_seed_scores_exactly(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _script().main(["--shared", str(shared_dir), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    seed = out["documents"]["128-HD-BTGTW.txt"]
    assert seed["wrong"] == {}
    assert seed["outline"]["f1"] == 1.0
    assert seed["references"]["precision"] == seed["references"]["recall"] == 1.0
    assert seed["tasks"]["f1"] == 1.0
