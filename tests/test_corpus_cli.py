"""``vbpl tasks``, ``vbpl graph`` and ``vbpl show`` on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vbpl.cli import main
from vbpl.corpus.store import demo_path

DEMO = demo_path()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tasks_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "tasks", str(DEMO / "hd-42-HD-BTGTU-2024.txt"), "--json")
    assert code == 0
    tasks = json.loads(out)
    assert {t["document"] for t in tasks} == {"42-HD/BTGTU@2024"}
    first = tasks[0]
    assert first["section"] == "hd_II__hd_1__item_1"
    assert first["deadline"] == "trước ngày 31/3/2024"
    assert first["actor"] == "Ban tuyên giáo các huyện ủy, thành ủy"
    assert [(s["number"], s["via"]) for s in first["sources"]] == [("185-KH/TU", "inherited")]


def test_tasks_implementing_with_a_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "tasks",
        str(DEMO / "kh-96-KH-HU-2024.txt"),
        "--implementing",
        "29-NQ/TW@2013",
        "--corpus",
        str(DEMO),
        "--json",
    )
    assert code == 0
    [task] = json.loads(out)
    assert task["sources"][0]["key"] == "29-NQ/TW@2013"
    code, out, _ = run(
        capsys, "tasks", str(DEMO / "kh-96-KH-HU-2024.txt"), "--implementing", "45-NQ/TW"
    )
    assert code == 0 and out.endswith("0 tasks\n")
    code, out, _ = run(
        capsys,
        "tasks",
        str(DEMO / "kh-96-KH-HU-2024.txt"),
        "--implementing",
        "45-NQ/TW",
        "--transitive",
        "--corpus",
        str(DEMO),
    )
    assert code == 0 and "implements 185-KH/TU@2024 (inherited)" in out


@pytest.mark.parametrize("fmt", ["json", "graphml"])
def test_graph(capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"g.{fmt}"
    code, _, err = run(capsys, "graph", str(DEMO), "--format", fmt, "-o", str(target))
    assert code == 0 and "links ->" in err
    if fmt == "json":
        data = json.loads(target.read_text(encoding="utf-8"))
        edges = {(e["source"], e["relation"], e["target"]) for e in data["edges"]}
        assert ("20-KH/TW@2023", "implements", "45-NQ/TW@2023") in edges
        assert ("08/2022/TT-BGDĐT@2022", "repeals", "12/2016/TT-BGDĐT@2016") in edges
    else:
        import networkx as nx

        g = nx.read_graphml(target)
        assert g.has_edge("97/2023/NĐ-CP@2023", "81/2021/NĐ-CP@2021")


def test_graph_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "graph", str(DEMO / "kh-20-KH-TW-2023.txt"))
    assert code == 0
    assert json.loads(out)["nodes"][0]["id"] == "20-KH/TW@2023"


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "20-KH/TW")
    assert code == 0
    assert "Cites" in out and "implements  45-NQ/TW@2023" in out
    assert "Cited by" in out and "185-KH/TU@2024" in out
    code, out, _ = run(capsys, "show", "29-NQ/TW@2013", "--json")
    data = json.loads(out)
    assert data["key"] == "29-NQ/TW@2013"
    assert {"relation": "implements", "key": "51-KL/TW@2019"}.items() <= next(
        r for r in data["relations_in"] if r["key"] == "51-KL/TW@2019"
    ).items()


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("29-NQ/TW", "ambiguous, the corpus has 29-NQ/TW@2013, 29-NQ/TW@2022"),
        ("999-NQ/TW", "no such document"),
    ],
)
def test_show_errors(capsys: pytest.CaptureFixture[str], key: str, message: str) -> None:
    code, out, err = run(capsys, "show", key)
    assert code == 1 and out == ""
    assert message in err and "Traceback" not in err


def test_tasks_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "tasks", str(tmp_path / "nope.txt"))
    assert code == 1 and "no such file" in err
