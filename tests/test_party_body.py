"""Party documents' body: outline variants, references in Party prose, task links.

Fixtures ``tests/fixtures/party/body_<name>.txt`` and ``var_<name>.txt`` (body variants
absent from ``../shared``: provincial plans, reports in Phần thứ parts, guidance with Điều in
roman parts, hard-wrapped text, '1)', 'a/', 'a-', '(a)', 'i.', '•', '○', '—') are invented
documents modelled on the structure of real Party plans, guidance and conclusions (never
copied); the expected results beside each (``<name>.expected.json``) have the shape of
``tests/gold/party/*.body.json`` plus the reference ``kind``, pinpoints and the units that
must not be tasks.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from test_parse_properties import assert_no_text_lost
from vbpl import parse
from vbpl.corpus.tasks import find_tasks
from vbpl.model import Document
from vbpl.parser.ids import label_paths

FIXTURES = Path(__file__).parent / "fixtures" / "party"
NAMES = sorted(p.stem for pattern in ("body_*.txt", "var_*.txt") for p in FIXTURES.glob(pattern))


def load(name: str) -> tuple[Document, dict, dict[str, str]]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    doc = parse(text, source=name)
    paths = dict(zip((s.id for s in doc.walk()), label_paths(doc.sections), strict=True))
    return doc, expected, paths


def test_fixtures_present() -> None:
    assert len(NAMES) >= 3
    assert sum(n.startswith("var_") for n in NAMES) >= 4


@pytest.mark.parametrize("name", NAMES)
def test_outline(name: str) -> None:
    doc, expected, _ = load(name)
    assert label_paths(doc.sections) == expected["outline"]
    assert_no_text_lost(doc)


@pytest.mark.parametrize("name", NAMES)
def test_references(name: str) -> None:
    doc, expected, paths = load(name)
    got = Counter(
        (
            paths[r.section] if r.section else None,
            r.number,
            r.doc_type,
            r.date.isoformat() if r.date else None,
            r.kind,
        )
        for r in doc.references
        if r.number
    )
    want = Counter(
        (e["section"], e["number"], e["doc_type"], e["date"], e["kind"])
        for e in expected["references"]
    )
    assert got == want


@pytest.mark.parametrize("name", NAMES)
def test_pinpoints(name: str) -> None:
    doc, expected, paths = load(name)
    got = {(paths.get(r.section or ""), r.pinpoint) for r in doc.references if r.pinpoint}
    for e in expected.get("pinpoints", []):
        assert (e["section"], e["pinpoint"]) in got


@pytest.mark.parametrize("name", NAMES)
def test_task_links(name: str) -> None:
    doc, expected, paths = load(name)
    tasks = find_tasks(doc)
    got = {paths[t.section]: [s.number for s in t.sources] for t in tasks if t.sources}
    assert got == expected["task_links"]
    task_paths = {paths[t.section] for t in tasks}
    assert not task_paths & set(expected["not_tasks"])
