"""The seed guidance 128-HD/BTGTW: task -> source links equal the hand-made gold exactly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared


def gold_id(path: str) -> str:
    """A gold label path (``II/1/-1``) as a section id (``hd_II__hd_1__item_1``)."""
    parts = []
    for p in path.split("/"):
        parts.append(f"item_{p[1:]}" if p.startswith("-") else f"hd_{p}")
    return "__".join(parts)


def test_gold_id() -> None:
    assert gold_id("II/4/-2") == "hd_II__hd_4__item_2"


@pytest.fixture(scope="module")
def seed_tasks(shared_dir: Path) -> list[dict]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "vbpl",
            "tasks",
            str(shared_dir / "seed/128-HD-BTGTW.txt"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_task_links_equal_gold(seed_tasks: list[dict], shared_dir: Path) -> None:
    gold = json.loads((shared_dir / "seed/128-HD-BTGTW.gold.json").read_text(encoding="utf-8"))
    want = {gold_id(k): v for k, v in gold["task_links"].items()}
    got = {t["section"]: [s["number"] for s in t["sources"]] for t in seed_tasks if t["sources"]}
    assert got == want


def test_task_json_shape_and_keys(seed_tasks: list[dict]) -> None:
    assert all(
        set(t) == {"section", "document", "text", "actor", "deadline", "sources"}
        for t in seed_tasks
    )
    assert {t["document"] for t in seed_tasks} == {"128-HD/BTGTW@2023"}
    by_id = {t["section"]: t for t in seed_tasks}
    # the stated date decides between the two 29-NQ/TW even without a corpus
    assert by_id["hd_II__hd_1__item_3"]["sources"] == [
        {"number": "29-NQ/TW", "key": "29-NQ/TW@2013", "via": "direct"}
    ]
    assert [s["via"] for s in by_id["hd_II__hd_4__item_2"]["sources"]] == ["inherited"]
    assert by_id["hd_II__hd_4__item_1"]["actor"] == "ban tuyên giáo các cấp"
    # part I (purpose and requirements) holds no tasks, though I.3 cites 238-QĐ/TW
    assert not any(t["section"].startswith("hd_I__") for t in seed_tasks)
