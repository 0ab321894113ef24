"""The 9 shared Party documents against their body gold (``tests/gold/party/*.body.json``):
outline label paths, numbered references (section, number, type, date) and task links.

Where the gold is partial its scope keys say what is annotated (``outline_scope``:
``max_depth`` or ``top_steps``; ``references_scope``: the sections annotated). The table
below is what holds today per document — exact unless a known gap is named — so that a change
that loses any of it fails. Skipped without ``../shared``.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from vbpl import parse_file
from vbpl.corpus.tasks import find_tasks
from vbpl.parser.ids import label_paths

pytestmark = pytest.mark.shared

GOLD = Path(__file__).parent / "gold" / "party"

# file -> (outline exact, references exact, task links exact); a False names a known gap
EXPECTED = {
    "cv-402-vpdu-2025.txt": (True, True, True),
    "dieu-le-dang-2011.txt": (True, True, True),
    "hd-40-btgdvtw-2025.no-header.txt": (True, True, True),
    "kl-127-tw-2025.news.txt": (True, True, True),
    "kl-212-tw-2025.tvpl.txt": (True, True, True),
    "kl-69-tw-2024.news.txt": (True, True, True),
    "qd-1147-btgdvtw-2025.txt": (True, True, True),
    "qd-383-tw-2025.txt": (True, True, True),
    "qd-384-tw-2025.txt": (True, True, True),
}


def _in_scope(path: str, scope: dict) -> bool:
    if "max_depth" in scope and path.count("/") + 1 > scope["max_depth"]:
        return False
    return "top_steps" not in scope or path.split("/")[0] in scope["top_steps"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_party_document_body(name: str, shared_dir: Path) -> None:
    body = json.loads((GOLD / f"{Path(name).stem}.body.json").read_text(encoding="utf-8"))
    doc = parse_file(shared_dir / "corpus" / "party" / name)
    paths = label_paths(doc.sections)
    path_of = dict(zip((s.id for s in doc.walk()), paths, strict=True))
    outline_ok, refs_ok, tasks_ok = EXPECTED[name]

    got_outline = [p for p in paths if _in_scope(p, body.get("outline_scope", {}))]
    assert (got_outline == body["outline"]) is outline_ok

    want_refs = Counter(
        (r["section"], r["number"], r["doc_type"], r["date"]) for r in body["references"]
    )
    got_refs = Counter(
        (
            path_of[r.section] if r.section else None,
            r.number,
            r.doc_type,
            r.date.isoformat() if r.date else None,
        )
        for r in doc.references
        if r.number
    )
    if "references_scope" in body:
        scope = body["references_scope"]["sections"]
        got_refs = Counter({k: v for k, v in got_refs.items() if k[0] in scope})
    assert (got_refs == want_refs) is refs_ok
    assert not want_refs - got_refs  # recall holds

    got_links = {
        path_of[t.section]: [s.number for s in t.sources] for t in find_tasks(doc) if t.sources
    }
    assert (got_links == body["task_links"]) is tasks_ok


def test_every_body_gold_is_checked() -> None:
    files = {json.loads(p.read_text(encoding="utf-8"))["file"] for p in GOLD.glob("*.body.json")}
    assert files == set(EXPECTED)
