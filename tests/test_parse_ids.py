"""Section ids: the scheme of docs/section-ids.md, tested on parsed outlines."""

from __future__ import annotations

import pytest

from vbpl.lexicon.units import id_prefixes
from vbpl.parser.document import parse_text
from vbpl.parser.ids import IdRegistry, id_step


@pytest.mark.parametrize(
    ("kind", "label", "ordinal", "step"),
    [
        ("part", "1", 1, "part_1"),
        ("chapter", "II", 1, "chp_II"),
        ("section", "3", 1, "sec_3"),
        ("subsection", "1", 1, "subsec_1"),
        ("article", "5", 1, "art_5"),
        ("article", "10a", 1, "art_10a"),
        ("clause", "2", 1, "cl_2"),
        ("point", "a", 1, "pt_a"),
        ("point", "đ", 1, "pt_đ"),
        ("point", "d", 1, "pt_d"),
        ("item", "-", 3, "item_3"),
        ("item", "+", 2, "item_2"),
        ("heading", "II", 1, "hd_II"),
        ("heading", "1.1", 1, "hd_1.1"),
        ("paragraph", "", 4, "para_4"),
        ("appendix", "II", 1, "app_II"),
        ("appendix", "", 2, "app_2"),
    ],
)
def test_id_steps(kind: str, label: str, ordinal: int, step: str) -> None:
    assert id_step(kind, label, ordinal) == step


def test_every_kind_has_a_prefix() -> None:
    from vbpl.model import SECTION_KINDS

    assert set(id_prefixes()) == set(SECTION_KINDS)


def test_duplicates_get_a_suffix() -> None:
    ids = IdRegistry()
    assert [ids.make("", "chapter", "I", 1) for _ in range(3)] == ["chp_I", "chp_I_2", "chp_I_3"]


def test_design_example_law() -> None:
    doc = parse_text(
        "Chương I\nĐiều 1. A\nĐiều 2. A\nĐiều 3. A\nĐiều 4. A\nChương II\nĐiều 5. B\n1. x\n2. y\na) z\nđ) w"
    )
    assert doc.section("chp_II__art_5__cl_2__pt_a") is not None
    assert doc.section("chp_II__art_5__cl_2__pt_đ").label == "đ"
    assert doc.section("chp_II__art_5__cl_2__pt_d") is None


def test_design_example_guidance() -> None:
    doc = parse_text("I. A\nII. B\n1. Nhiệm vụ\nGiới thiệu.\n- một\n- hai\n- ba")
    item = doc.section("hd_II__hd_1__item_3")
    assert item is not None and item.label == "-" and item.text == "- ba"


def test_ids_are_stable_across_reparses() -> None:
    text = "Phần thứ nhất\nChương I\nMục 1\nĐiều 1. A\n1. B\na) C\n- D"
    assert [s.id for s in parse_text(text).walk()] == [s.id for s in parse_text(text).walk()]
    assert [s.id for s in parse_text(text).walk()][
        -1
    ] == "part_1__chp_I__sec_1__art_1__cl_1__pt_a__item_1"


def test_repeated_labels_are_unique() -> None:
    doc = parse_text("I. A\n1. x\nI. B\n1. y")
    assert [s.id for s in doc.walk()] == ["hd_I", "hd_I__hd_1", "hd_I_2", "hd_I_2__hd_1"]
