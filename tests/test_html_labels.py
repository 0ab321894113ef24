"""Tests generated from the examples of ``src/vbpl/data/html_labels.json``."""

from __future__ import annotations

import pytest

from vbpl.data import load_table
from vbpl.parser.html_fields import metadata_field, metadata_from_pairs, relation_for_label
from vbpl.parser.html_phapdien import note_relations

TABLE = load_table("html_labels")


@pytest.mark.parametrize(("label", "entry"), sorted(TABLE["metadata"].items()))
def test_metadata_labels(label: str, entry: dict[str, str]) -> None:
    printed_label, _, value = entry["example"].partition(" | ")
    if not value:  # "Hiệu lực: Còn hiệu lực" — label and value in one cell
        printed_label, _, value = entry["example"].partition(":")
    assert metadata_field(printed_label) == entry["field"]
    meta = metadata_from_pairs([(printed_label, value)])
    assert getattr(meta, entry["field"]) not in (None, ())


@pytest.mark.parametrize(("label", "entry"), sorted(TABLE["relations"].items()))
def test_relation_labels(label: str, entry: dict[str, str | None]) -> None:
    assert relation_for_label(str(entry["example"])) == (True, entry["relation"])


def test_unknown_box_label() -> None:
    assert relation_for_label("Văn bản tiếng Anh (1)") == (False, None)


@pytest.mark.parametrize(
    ("phrase", "entry"),
    sorted((k, v) for k, v in TABLE["codification"].items() if k != "_doc"),
)
def test_codification_phrases(phrase: str, entry: dict[str, str]) -> None:
    note = (
        "(Điều 4 Nghị định số 10/2019/NĐ-CP, có hiệu lực thi hành kể từ ngày 01/03/2019, "
        f"{entry['example']} có hiệu lực thi hành kể từ ngày 01/01/2025)"
    )
    rels = note_relations(note)
    assert rels[0].relation == "cites" and rels[0].object == "10/2019/NĐ-CP"
    assert [r.relation for r in rels[1:]] == [entry["relation"]]
    assert rels[1].subject == "10/2019/NĐ-CP"


@pytest.mark.parametrize(("value", "kept"), sorted(TABLE["place_issuer"]["examples"].items()))
def test_place_issuer(value: str, kept: str | None) -> None:
    assert metadata_from_pairs([("Nơi ban hành:", value)]).issuer == kept
