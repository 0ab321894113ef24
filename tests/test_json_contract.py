"""The JSON of ``vbpl parse/refs/tasks/graph/search`` is what ``docs/json.md`` says.

Each command runs on the demo corpus and the test fixtures; every object it prints is checked
against the schemas below (the tables of docs/json.md written as data): the exact set of
fields, their types, the vocabularies, and the facts that tie them together (offsets slice the
normalised text, section ids are unique and referenced ids exist, graph edges join nodes).
A last test checks that every field named here is documented on the page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from vbpl.cli import main
from vbpl.model import ACTIVE, REFERENCE_KINDS, RELATION_KINDS, SECTION_KINDS
from vbpl.text.legacy import ENCODINGS as LEGACY_ENCODINGS

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"
FIXTURES = ROOT / "tests" / "fixtures"
DOC_PAGE = ROOT / "docs" / "json.md"

# -- a small schema language: a type, Opt(type), [type] (a list of), {field: schema}, or a
#    predicate; Maybe(field schema) marks a field that may be absent --------------------------


class Opt:
    def __init__(self, inner: Any) -> None:
        self.inner = inner


class Maybe:
    def __init__(self, inner: Any) -> None:
        self.inner = inner


class OneOf:
    def __init__(self, *values: str) -> None:
        self.values = set(values)


def iso_date(v: Any) -> bool:
    return isinstance(v, str) and date.fromisoformat(v).isoformat() == v


def span_pair(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(type(x) is int for x in v) and v[0] <= v[1]


ENCODING = OneOf("utf-8", "utf-8-sig", "utf-16", "docx", *LEGACY_ENCODINGS)
RELATION = OneOf(*RELATION_KINDS)
ACTIVE_RELATION = OneOf(*(r for r in RELATION_KINDS if r not in ACTIVE))

METADATA = {
    "number": Opt(str),
    "doc_type": Opt(str),
    "issuer": Opt(str),
    "issued": Opt(iso_date),
    "effective": Opt(iso_date),
    "signer": Opt(str),
    "fields": [str],
    "title": Opt(str),
    "place": Opt(str),
    "status": Opt(str),
    "term": Opt(str),
    "key": Opt(str),
}
SECTION: dict[str, Any] = {
    "id": str,
    "kind": OneOf(*SECTION_KINDS),
    "label": str,
    "heading": Opt(str),
    "text": str,
    "start": int,
    "end": int,
    "notes": [str],
}
SECTION["children"] = [SECTION]
REFERENCE = {
    "text": str,
    "start": int,
    "end": int,
    "section": Opt(str),
    "kind": OneOf(*REFERENCE_KINDS),
    "number": Opt(str),
    "doc_type": Opt(str),
    "date": Opt(iso_date),
    "issuer": Opt(str),
    "term": Opt(str),
    "title": Opt(str),
    "pinpoint": Opt(str),
    "relation": RELATION,
    "target": Opt(str),
    "confidence": lambda v: isinstance(v, int | float) and 0.0 <= v <= 1.0,
    "reason": Opt(
        OneOf("backwards", "lower_authority", "other_body", "other_system", "consolidated")
    ),
}
RELATION_OBJECT = {
    "subject": str,
    "relation": RELATION,
    "object": str,
    "start": Opt(int),
    "end": Opt(int),
    "section": Opt(str),
    "pinpoint": Opt(str),
    "source": str,
}
DOCUMENT = {
    "source": Opt(str),
    "key": Opt(str),
    "encoding": Opt(ENCODING),
    "metadata": METADATA,
    "sections": [SECTION],
    "references": [REFERENCE],
    "relations": [RELATION_OBJECT],
    "header": Opt(span_pair),
    "preamble": Opt(span_pair),
    "tail": Opt(span_pair),
    "notes": [str],
    "footnotes": Opt(span_pair),
    "text": str,
}
TASK = {
    "section": str,
    "document": str,
    "text": str,
    "actor": Opt(str),
    "deadline": Opt(str),
    "sources": [{"number": Opt(str), "key": Opt(str), "via": OneOf("direct", "inherited")}],
}
GRAPH_NODE = {
    "id": str,
    "number": Opt(str),
    "year": Opt(int),
    "in_corpus": bool,
    "doc_type": Maybe(Opt(str)),
    "issuer": Maybe(Opt(str)),
    "title": Maybe(Opt(str)),
    "issued": Maybe(Opt(iso_date)),
    "resolved": Maybe(bool),
}
GRAPH_EDGE = {
    "source": str,
    "target": str,
    "relation": ACTIVE_RELATION,
    "document": str,
    "sections": [str],
    "count": lambda v: type(v) is int and v >= 1,
    "resolved": bool,
}
GRAPH = {"directed": lambda v: v is True, "multigraph": lambda v: v is True}
GRAPH |= {"nodes": [GRAPH_NODE], "edges": [GRAPH_EDGE]}
HIT = {
    "key": str,
    "number": Opt(str),
    "title": Opt(str),
    "section": Opt(str),
    "score": float,
    "snippet": str,
    "source": Opt(str),
    "kind": OneOf("document", "section"),
    "path": str,
    "heading": Opt(str),
    "doc_type": Opt(str),
    "issuer": Opt(str),
    "year": Opt(int),
    "version": Opt(OneOf("current", "older", "newer")),
    "sections": [
        {"section": str, "score": float, "snippet": str, "path": str, "heading": Opt(str)}
    ],
}


def counts(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(k, str) and type(n) is int for k, n in v.items())


FACETED = {
    "hits": [HIT],
    "facets": {"doc_type": counts, "issuer": counts, "year": counts},
    "total": int,
}


def check(value: Any, schema: Any, where: str = "$") -> None:
    """Raise AssertionError naming the path of the first value that breaks ``schema``."""
    if isinstance(schema, Opt):
        if value is not None:
            check(value, schema.inner, where)
    elif isinstance(schema, OneOf):
        assert value in schema.values, f"{where}: {value!r} not in the vocabulary"
    elif isinstance(schema, list):
        assert isinstance(value, list), f"{where}: expected a list, got {value!r:.80}"
        for i, item in enumerate(value):
            check(item, schema[0], f"{where}[{i}]")
    elif isinstance(schema, dict):
        assert isinstance(value, dict), f"{where}: expected an object, got {value!r:.80}"
        required = {k for k, s in schema.items() if not isinstance(s, Maybe)}
        assert required <= value.keys(), f"{where}: missing {sorted(required - value.keys())}"
        assert value.keys() <= schema.keys(), (
            f"{where}: undocumented {sorted(value.keys() - schema.keys())}"
        )
        for k, v in value.items():
            s = schema[k]
            check(v, s.inner if isinstance(s, Maybe) else s, f"{where}.{k}")
    elif isinstance(schema, type):
        ok = type(value) is schema or (schema is float and type(value) is int)
        assert ok, f"{where}: expected {schema.__name__}, got {value!r:.80}"
    else:
        assert schema(value), f"{where}: {value!r:.80} fails {getattr(schema, '__name__', 'check')}"


@pytest.mark.parametrize(
    ("value", "schema", "ok"),
    [
        ({"a": 1}, {"a": int}, True),
        ({"a": 1, "b": 2}, {"a": int}, False),  # an undocumented field
        ({}, {"a": Opt(int)}, False),  # a documented field must be present, null or not
        ({}, {"a": Maybe(int)}, True),
        ({"a": None}, {"a": Opt(int)}, True),
        ({"a": True}, {"a": int}, False),  # bool is not int
        ([{"k": "x"}], [{"k": OneOf("y")}], False),
        ("2023-11-24", iso_date, True),
        ("24/11/2023", iso_date, False),
    ],
)
def test_check_is_strict(value: Any, schema: Any, ok: bool) -> None:
    if ok:
        check(value, schema)
    else:
        with pytest.raises((AssertionError, ValueError)):
            check(value, schema)


# -- running the commands --------------------------------------------------------------------


def run_json(capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> Any:
    capsys.readouterr()
    assert main(list(argv)) == code, capsys.readouterr().err
    out = capsys.readouterr().out
    return json.loads(out)


PARSE_INPUTS = sorted(DEMO.glob("*.txt")) + sorted((FIXTURES / "parse").glob("*.txt"))
PAGE_INPUTS = [FIXTURES / "html" / n for n in ("tvpl.html", "phapdien.html", "generic.html")]


def sections_of(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    stack = list(reversed(doc["sections"]))
    while stack:
        s = stack.pop()
        yield s
        stack.extend(reversed(s["children"]))


def check_document(doc: dict[str, Any]) -> None:
    check(doc, DOCUMENT)
    text = doc["text"]
    assert doc["key"] == doc["metadata"]["key"]
    ids = [s["id"] for s in sections_of(doc)]
    assert len(ids) == len(set(ids)), "section ids repeat"
    for s in sections_of(doc):
        assert 0 <= s["start"] <= s["end"] <= len(text), s["id"]
        for c in s["children"]:
            assert s["start"] <= c["start"] and c["end"] <= s["end"], c["id"]
    for r in doc["references"]:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["section"] is None or r["section"] in ids
    for rel in doc["relations"]:
        if rel["start"] is not None:
            assert 0 <= rel["start"] <= rel["end"] <= len(text)
        assert rel["section"] is None or rel["section"] in ids
    for name in ("header", "preamble", "tail", "footnotes"):
        if doc[name] is not None:
            assert doc[name][1] <= len(text)


def test_parse_json_of_the_demo_corpus_and_fixtures(capsys: pytest.CaptureFixture[str]) -> None:
    docs = run_json(capsys, "parse", "--json", *map(str, PARSE_INPUTS))
    assert isinstance(docs, list) and len(docs) == len(PARSE_INPUTS)
    assert [d["source"] for d in docs] == [str(p) for p in PARSE_INPUTS]  # input order
    for d in docs:
        check_document(d)
    assert sum(len(d["references"]) for d in docs) > 100  # the checks saw real content
    assert {r["relation"] for d in docs for r in d["references"]} >= {"based_on", "implements"}


@pytest.mark.parametrize("page", PAGE_INPUTS, ids=lambda p: p.name)
def test_parse_json_of_pages(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, "parse", "--json", str(page))
    assert isinstance(doc, dict)  # one file: one object
    check_document(doc)


def test_refs_json(capsys: pytest.CaptureFixture[str]) -> None:
    one = FIXTURES / "refs" / "decree.txt"
    refs = run_json(capsys, "refs", "--json", str(one))
    check(refs, [REFERENCE])
    assert refs
    text = run_json(capsys, "parse", "--json", str(one))["text"]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in refs)
    both = run_json(capsys, "refs", "--json", str(one), str(FIXTURES / "refs" / "guidance.txt"))
    check(both, [{"source": str, "references": [REFERENCE]}])
    assert [b["source"] for b in both] == [str(one), str(FIXTURES / "refs" / "guidance.txt")]


def test_tasks_json(capsys: pytest.CaptureFixture[str]) -> None:
    tasks = run_json(capsys, "tasks", "--json", str(DEMO))
    check(tasks, [TASK])
    assert len(tasks) > 10
    demo = [str(p) for p in sorted(DEMO.iterdir()) if p.suffix in (".txt", ".html")]
    docs = {d["key"]: d for d in run_json(capsys, "parse", "--json", *demo)}
    for t in tasks:
        assert t["section"] in {s["id"] for s in sections_of(docs[t["document"]])}
        assert all(s["key"] is None or s["key"] in docs for s in t["sources"])
    assert {s["via"] for t in tasks for s in t["sources"]} == {"direct", "inherited"}


@pytest.mark.parametrize("unresolved", [False, True])
def test_graph_json(unresolved: bool, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["graph", str(DEMO), *(["--unresolved"] if unresolved else [])]
    g = run_json(capsys, *args)
    check(g, GRAPH)
    ids = {n["id"] for n in g["nodes"]}
    assert len(ids) == len(g["nodes"])
    for e in g["edges"]:
        assert e["source"] in ids and e["target"] in ids
    for n in g["nodes"]:
        if n["in_corpus"]:
            assert {"doc_type", "issuer", "title", "issued"} <= n.keys()
    assert any(not e["resolved"] for e in g["edges"]) == unresolved


def test_search_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = str(tmp_path / "index")
    assert main(["index", str(DEMO), "--index", index, "--no-progress"]) == 0
    hits = run_json(capsys, "search", "trí thức", "--json", "--index", index)
    check(hits, [HIT])
    assert hits and [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert any(h["kind"] == "section" and h["section"] for h in hits)
    docs = run_json(capsys, "search", "trí thức", "--json", "--documents", "--index", index)
    check(docs, [HIT])
    assert docs and all(h["kind"] == "document" and h["section"] is None for h in docs)
    faceted = run_json(capsys, "search", "trí thức", "--json", "--facets", "--index", index)
    check(faceted, FACETED)
    assert faceted["total"] >= len(faceted["hits"])
    assert len({h["key"] for h in hits}) == len(hits)  # one hit per document
    flat = run_json(capsys, "search", "trí thức", "--json", "--sections", "--index", index)
    check(flat, [HIT])
    assert all(h["sections"] == [] for h in flat)
    none = run_json(capsys, "search", "zzzqqqxx", "--json", "--index", index, code=1)
    assert none == []


# -- the page documents every field ----------------------------------------------------------


def _fields(schema: Any) -> Iterator[str]:
    if isinstance(schema, Opt | Maybe):
        yield from _fields(schema.inner)
    elif isinstance(schema, list):
        yield from _fields(schema[0])
    elif isinstance(schema, dict):
        for k, v in schema.items():
            yield k
            if v is not schema and k != "children":
                yield from _fields(v)


SCHEMAS: dict[str, Any] = {
    "Document": DOCUMENT,
    "Task": TASK,
    "Graph": GRAPH,
    "Faceted search": FACETED,
}


def test_every_field_is_documented() -> None:
    page = DOC_PAGE.read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+)`", page)) | set(re.findall(r"\b([a-z_]+)\"?:", page))
    for name, schema in SCHEMAS.items():
        missing = sorted(set(_fields(schema)) - named)
        assert not missing, f"{name}: fields missing from docs/json.md: {missing}"
    for vocab in (SECTION_KINDS, REFERENCE_KINDS, RELATION_KINDS):
        assert all(f"`{v}`" in page for v in vocab), vocab
