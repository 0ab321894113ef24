"""Search units are built without repeated work, and the shortcuts change no field value.

``vbpl.search.units`` lowercases slices of ``Document.text`` without normalising them again
(the text was normalised when the document was read) and computes a document's filter
values once for all its units. Each test builds the units twice — as shipped, and with
every text normalised again and every filter value recomputed (the behaviour before the
shortcuts) — and compares every unit's field values and payload.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import vbpl
from vbpl.corpus.corpus import Corpus
from vbpl.errors import VbplError
from vbpl.model import Document
from vbpl.search import units as units_mod
from vbpl.search.analysis import prepare, tokens_of_prepared
from vbpl.search.units import units

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "search"))
from corpus import fixture_docs
from laws import laws

FIXTURES = Path(__file__).parent / "fixtures"


def _rows(doc: Document) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(u.field_values(), u.payload) for u in units(doc)]


def _rows_without_shortcuts(
    doc: Document, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    def syllables(text: str | None, *, normalised: bool = False) -> list[str]:
        return tokens_of_prepared(prepare(text)) if text else []

    with monkeypatch.context() as m:
        m.setattr(units_mod, "_syllables", syllables)
        m.setattr(units_mod, "_slugs", units_mod._slugs.__wrapped__)
        return _rows(doc)


def _check(docs: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    assert docs
    for doc in docs:
        expected = _rows_without_shortcuts(doc, monkeypatch)
        got = _rows(doc)
        assert len(got) == len(expected) > 0
        for g, e in zip(got, expected, strict=True):
            assert g == e, (doc.key, g[0]["uid"])


def _parsed_fixtures() -> list[Document]:
    docs = [vbpl.parse_file(p) for p in sorted(FIXTURES.glob("*/*.txt"))]
    for p in sorted(FIXTURES.glob("*/*.html")):
        try:
            docs.append(vbpl.parse_file(p))
        except VbplError:  # a page listing documents, not one
            continue
    return docs


def test_demo_corpus_units_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    _check(list(Corpus.demo()), monkeypatch)


def test_fixture_units_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    _check([*fixture_docs(), *laws(), *_parsed_fixtures()], monkeypatch)


def test_shortcut_is_taken() -> None:
    # the comparison above is not vacuous: section text really skips normalisation
    text = "Thuỷ lợi"  # not normalised: the tone mark of "uỷ" is placed differently
    assert units_mod._syllables(text, normalised=True) == ["thuỷ", "lợi"]
    assert units_mod._syllables(text) == ["thủy", "lợi"]


def test_filter_values_shared_between_units() -> None:
    doc = fixture_docs()[0]
    us = list(units(doc))
    assert len(us) > 1
    before = units_mod._slugs.cache_info().hits
    for u in us:
        u.field_values()
    assert units_mod._slugs.cache_info().hits > before


@pytest.mark.shared
def test_shared_laws_units_unchanged(shared_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted((shared_dir / "corpus" / "laws").iterdir())[:6]
    _check([vbpl.parse_file(p) for p in paths if p.is_file()], monkeypatch)


def test_document_built_by_hand_with_unnormalised_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # a Document built by hand (not parsed) may carry text that was never normalised
    from vbpl.model import Metadata, Section, Span

    text = "Điều 1. Thuỷ lợi\nHOÀ BÌNH  và  kĩ thuật\n"
    doc = Document(
        Metadata(title="Luật Thuỷ lợi", doc_type="Luật"),
        sections=(Section("art_1", "article", "1", "Thuỷ lợi", text, Span(0, len(text))),),
        text=text,
    )
    _check([doc], monkeypatch)
    assert "thủy" in next(u for u in units(doc) if u.kind == "section").body.split()


def _rows_in_pieces(doc: Document, monkeypatch: pytest.MonkeyPatch, piece: int) -> list[Any]:
    with monkeypatch.context() as m:
        m.setattr(units_mod, "ANALYSIS_PIECE", piece)
        return _rows(doc)


@pytest.mark.parametrize("piece", [1, 7, 64])
def test_long_text_analysed_in_pieces_gives_the_same_units(
    monkeypatch: pytest.MonkeyPatch, piece: int
) -> None:
    # long section text (and the whole text of a document without outline) is analysed a
    # piece at a time to bound memory: every field value must be what one pass gives
    docs = [*fixture_docs(), *laws(), *_parsed_fixtures()[:8]]
    docs += [d.with_(sections=()) for d in docs[:4]]  # the document unit holds all the text
    for doc in docs:
        whole = _rows_in_pieces(doc, monkeypatch, 10**12)
        assert _rows_in_pieces(doc, monkeypatch, piece) == whole, doc.key


@pytest.mark.parametrize(
    "text",
    [
        "Điều 5. Hiệu lực\nLuật này có hiệu lực",  # words across every cut
        "không_có_khoảng_trắng_nào_trong_dòng_này rồi mới có",  # one long run without spaces
        "ΟΔΟΣ ΟΔΟΣ\tΟΔΟΣ\n\nΣ",  # final sigma: lowercasing depends on the next letter
        "a  b\u00a0\u00a0c\u2003d",  # other spaces
        "  ",
    ],
)
def test_pieces_cut_only_before_whitespace(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(units_mod, "ANALYSIS_PIECE", 3)
    pieces = list(units_mod._pieces(text))
    assert "".join(pieces) == text
    assert all(p[:1].isspace() for p in pieces[1:])
    got = units_mod._analysed_texts((text, True), ("Điều 9", False))
    monkeypatch.setattr(units_mod, "ANALYSIS_PIECE", 10**12)
    assert got == units_mod._analysed_texts((text, True), ("Điều 9", False))
