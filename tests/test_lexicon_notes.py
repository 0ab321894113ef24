"""Editorial notes: tests generated from the examples of :mod:`vbpl.lexicon.notes`."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vbpl.lexicon.notes import EXAMPLES, NOTE_OR_OPENING_RE, note_spans, notes_in, strip_notes


@pytest.mark.parametrize(("text", "notes"), list(EXAMPLES.items()))
def test_examples(text: str, notes: tuple[str, ...]) -> None:
    assert notes_in(text) == notes
    for note in notes:
        assert note not in strip_notes(text)


def test_citing_notes_only() -> None:
    text = "a [Điều này được sửa đổi bởi Luật 1/2020/QH14] b [Ghi chú của biên tập] c"
    spans = note_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "[Điều này được sửa đổi bởi Luật 1/2020/QH14]"
    ]


def test_opening_note_of_a_header_line() -> None:
    assert (
        NOTE_OR_OPENING_RE.sub("", "NGHỊ ĐỊNH [Nghị định này được sửa đổi").strip() == "NGHỊ ĐỊNH"
    )


@given(st.text())
def test_never_raises_and_strips_only_notes(text: str) -> None:
    out = strip_notes(text)
    assert len(out) <= len(text)
    assert all(n in text for n in notes_in(text))


def test_a_citing_note_stays_on_one_line() -> None:
    assert note_spans("a [Điều này được sửa đổi\nbởi Luật 1/2020/QH14] b") == []
