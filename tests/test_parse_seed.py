"""The seed document (``../shared/seed/128-HD-BTGTW.txt``) against its hand-made gold file:
the nine metadata fields and the outline as label paths. Skipped without ``../shared``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from test_parse_properties import assert_no_text_lost
from vbpl.parser.document import parse_text
from vbpl.parser.ids import label_paths
from vbpl.text.read import read_text

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> tuple:
    text, _ = read_text(shared_dir / "seed" / "128-HD-BTGTW.txt")
    gold = json.loads((shared_dir / "seed" / "128-HD-BTGTW.gold.json").read_text(encoding="utf-8"))
    return parse_text(text, source="128-HD-BTGTW.txt"), gold


def test_metadata_equals_gold(seed: tuple) -> None:
    doc, gold = seed
    got = doc.metadata.to_dict()
    assert {k: got[k] for k in gold["metadata"]} == gold["metadata"]
    assert len(gold["metadata"]) == 9


def test_outline_equals_gold(seed: tuple) -> None:
    doc, gold = seed
    assert label_paths(doc.sections) == gold["outline"]


def test_seed_details(seed: tuple) -> None:
    doc, _ = seed
    ii4 = doc.section("hd_II__hd_4")
    assert ii4.heading.startswith("Thực hiện chương trình phối hợp theo Quyết định số 238-QĐ/TW")
    assert "tiếp tục quán triệt và triển khai" in ii4.text  # intro paragraph belongs to II.4
    assert doc.tail.slice(doc.text) == "[...]"
    assert doc.section("hd_II__hd_1__item_3").text.startswith("- Tiếp tục tham mưu")
    assert_no_text_lost(doc)


def test_shared_corpus_sample_loses_no_text(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    files = (
        sorted((corpus / "tvpl").glob("*.txt"))[::12]
        + sorted((corpus / "laws").glob("*.txt"))[::30]
    )
    for path in files:
        text, _ = read_text(path)
        assert_no_text_lost(parse_text(text, source=str(path)))


def test_cli_json_equals_gold(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``vbpl parse ../shared/seed/128-HD-BTGTW.txt --json``: the nine fields and the outline."""
    from vbpl.cli import main
    from vbpl.model import Section

    gold = json.loads((shared_dir / "seed" / "128-HD-BTGTW.gold.json").read_text(encoding="utf-8"))
    assert main(["parse", str(shared_dir / "seed" / "128-HD-BTGTW.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: out["metadata"][k] for k in gold["metadata"]} == gold["metadata"]
    assert label_paths([Section.from_dict(s) for s in out["sections"]]) == gold["outline"]
