"""A section longer than ``PASSAGE_CHARS`` is indexed as several passages (bounded memory per
unit) and searched as one section: found by words of any passage, returned once, at its
best passage's score. Sections up to the limit are indexed exactly as before.

The limit is lowered here so that the fixtures stay small.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus_factory import decree
from vbpl.search import open_index
from vbpl.search import units as units_mod
from vbpl.search.units import PASSAGE_MARK, passages, units

LIMIT = 120
FILLER = "Cơ quan nhà nước có trách nhiệm thực hiện quy định về quản lý tài sản công"


def _long_article(rare: str, lines: int = 12) -> str:
    """Text of one article: ``lines`` lines of filler, ``rare`` in the last one only."""
    rows = [f"{k}. {FILLER} theo khoản {k}." for k in range(1, lines)]
    return "\n".join([*rows, f"{lines}. Trường hợp {rare} được miễn trừ."])


def _doc() -> Any:
    return decree(
        7,
        "Nghị định về quản lý tài sản",
        [
            ("Phạm vi", "Nghị định này quy định việc quản lý tài sản công."),
            ("Miễn trừ", _long_article("thiên tai hỏa hoạn")),
            ("Hiệu lực", "Nghị định này có hiệu lực từ ngày ký."),
        ],
    )


@given(st.text(alphabet="ab \n\t", max_size=400), st.integers(1, 50))
def test_passages_join_to_the_text_and_respect_the_limit(text: str, limit: int) -> None:
    parts = list(passages(text, limit))
    assert "".join(parts) == text
    assert all(len(p) <= limit for p in parts)
    assert all(parts) or parts == [""]
    for p, nxt in itertools.pairwise(parts):
        # cut after a line break when the passage holds one, else before whitespace
        if "\n" in p[:-1] and not p.endswith("\n"):
            pytest.fail(f"cut inside a line although {p!r} holds a line break")
        assert p.endswith("\n") or nxt[:1].isspace() or len(p) == limit


def test_passages_cut_after_line_breaks() -> None:
    text = "Điều 1\nmột hai ba\nbốn năm"
    assert list(passages(text, 12)) == ["Điều 1\n", "một hai ba\n", "bốn năm"]
    assert list(passages(text, 10**6)) == [text]


def test_long_section_becomes_passages_sharing_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _doc()
    whole = list(units(doc))
    monkeypatch.setattr(units_mod, "PASSAGE_CHARS", LIMIT)
    split = list(units(doc))
    long_id = doc.sections[1].id
    parts = [u for u in split if u.payload["section"] == long_id]
    assert len(parts) > 2
    assert parts[0].uid == f"{doc.key}#{long_id}"
    assert [u.uid for u in parts[1:]] == [
        f"{doc.key}#{long_id}{PASSAGE_MARK}{n}" for n in range(2, len(parts) + 1)
    ]
    assert all(len(u.payload["text"]) <= LIMIT for u in parts)
    assert "".join(u.payload["text"] for u in parts) == doc.sections[1].text
    # every syllable of the section is indexed once, the heading in the first passage
    (original,) = [u for u in whole if u.payload["section"] == long_id]
    assert " ".join(u.body for u in parts).split() == original.body.split()
    assert {u.title for u in parts} == {original.title}
    assert {u.pinpoint for u in parts} == {original.pinpoint}
    # the other units are the same as without passages
    others = [(u.uid, u.field_values(), u.payload) for u in split if u not in parts]
    assert others == [
        (u.uid, u.field_values(), u.payload) for u in whole if u.payload["section"] != long_id
    ]


@pytest.mark.parametrize("engine", ["tantivy", "whoosh"])
@pytest.mark.parametrize("flat", [False, True])
def test_long_section_is_found_once(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, engine: str, flat: bool
) -> None:
    monkeypatch.setattr(units_mod, "PASSAGE_CHARS", LIMIT)
    doc = _doc()
    with open_index(tmp_path / engine, engine=engine) as ix:
        ix.add([doc])
        assert ix.count("section") > len(doc.sections)  # passages are units of their own
        # words only in the last passage find the section
        res = ix.search("thiên tai hỏa hoạn", flat=flat)
        assert [(h.key, h.section) for h in res][:1] == [(doc.key, "art_2")]
        assert "<b>thiên</b> <b>tai</b>" in res[0].snippet  # cut from that passage
        # words in every passage: the section once, not once per passage
        res = ix.search("tài sản công", flat=flat, limit=20)
        found = [(h.key, h.section) for h in res]
        found += [(res[0].key, s.section) for s in res[0].sections] if not flat else []
        assert found.count((doc.key, "art_2")) == 1
        assert len(found) == len(set(found))
