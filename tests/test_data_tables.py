"""Tests generated from the examples beside every entry of the data tables in vbpl.data."""

from __future__ import annotations

import pytest

from vbpl.data import load_table
from vbpl.lexicon.doc_types import doc_type_for_code, doc_types, types_of_kind
from vbpl.refs import Registry, find_references, resolve_reference
from vbpl.refs.relations import cue_before

TYPE_EXAMPLES = [(t.name, ex) for t in doc_types() for ex in t.examples]


@pytest.mark.parametrize(("name", "example"), TYPE_EXAMPLES)
def test_doc_type_examples(name: str, example: str) -> None:
    """Each example of doc_types.json is read as one reference of that type."""
    refs = [r for r in find_references(example) if r.kind != "relative"]
    assert refs, example
    assert refs[0].doc_type == name
    assert refs[0].span.start == 0


@pytest.mark.parametrize("t", doc_types(), ids=lambda t: t.name)
def test_doc_type_entries(t) -> None:  # type: ignore[no-untyped-def]
    assert t.name and t.gloss and t.examples
    for code in t.codes:
        assert doc_type_for_code(code) is not None
    if t.kind_of is not None:  # a narrower type is named by the broader one's words
        assert t.kind_of in {x.name for x in doc_types()} and t.kind_of != t.name
        assert t.kind_of.lower() in t.name.lower()
        assert t.name in types_of_kind(t.kind_of)


CUE_EXAMPLES = [
    (entry["relation"], ex)
    for entry in load_table("relation_cues")["cues"]
    for ex in entry["examples"]
]


@pytest.mark.parametrize(("relation", "example"), CUE_EXAMPLES)
def test_relation_cue_examples(relation: str, example: dict) -> None:
    refs = [r for r in find_references(example["text"]) if r.number == example["number"]]
    assert len(refs) == 1, example
    assert refs[0].relation == example["relation"] == relation


@pytest.mark.parametrize(
    "phrase",
    [
        p
        for e in load_table("relation_cues")["cues"]
        if e["position"] == "before"
        for p in e["phrases"]
    ],
)
def test_every_before_phrase_is_recognised(phrase: str) -> None:
    assert cue_before(phrase + " ") != "cites"


@pytest.mark.parametrize("example", load_table("relation_cues")["passive_between"]["examples"])
def test_passive_between_examples(example: dict) -> None:
    """ "A đã được sửa đổi … theo B" states B amends A; the text itself only cites B."""
    from vbpl.refs.find import scan

    refs, relations = scan(example["text"])
    stated = {(r.subject, r.relation, r.object) for r in relations}
    assert (example["subject"], example["relation"], example["object"]) in stated
    agent = next(r for r in refs if r.number == example["object"])
    assert agent.relation in ("cites", "based_on")


KNOWN = [
    (d["number"], d["issued"], ex)
    for d in load_table("known_documents")["documents"]
    for ex in d["examples"]
]


@pytest.mark.parametrize(("number", "issued", "example"), KNOWN)
def test_known_document_examples(number: str, issued: str, example: str) -> None:
    """Each example mention resolves to its entry (named ones as cited in 2025)."""
    from datetime import date

    ref = find_references(example)[0]
    out = resolve_reference(ref, Registry(), date(2025, 6, 1))
    assert out.target == f"{number}@{issued[:4]}", (example, ref)
    assert out.confidence > 0


def test_party_terms_are_ordered() -> None:
    rows = load_table("known_documents")["party_terms"]
    assert [r["from"] for r in rows] == sorted(r["from"] for r in rows)
