"""The blind probe of references (tests/fixtures/probe_refs, docs/references.md): the rules it
led to, generated from the examples of ``relation_cues.json``, and the probe's figures pinned
(the gaps still open are listed, so that a fix or a regression shows)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from vbpl.data import load_table
from vbpl.refs import find_references
from vbpl.refs.relations import preamble_lead

REPO = Path(__file__).resolve().parents[1]
PROBE = REPO / "tests" / "fixtures" / "probe_refs"


@pytest.mark.parametrize("example", load_table("relation_cues")["objects"]["examples"])
def test_cue_acting_on_an_object_at_a_document(example: dict) -> None:
    """ "triển khai các nhiệm vụ tại Chỉ thị số …", "Bãi bỏ thủ tục số 3 tại Quyết định số …"."""
    refs = [r for r in find_references(example["text"]) if r.number == example["number"]]
    assert len(refs) == 1, example
    assert refs[0].relation == example["relation"]


@pytest.mark.parametrize("example", load_table("relation_cues")["preamble_leads"]["examples"])
def test_preamble_lead(example: dict) -> None:
    """ "Thực hiện A (…) và B; C, Ban Thường vụ …": B and C are implemented, not bases."""
    text = example["text"]
    pos = next(r.span.start for r in find_references(text) if r.number == example["number"])
    want = None if example["relation"] == "based_on" else example["relation"]
    assert preamble_lead(text, pos) == want


@pytest.mark.parametrize(
    ("text", "number", "relation"),
    [
        # the issuer's name stops before "hết hiệu lực", which then types the mention
        (
            "Thông tư số 01/2008/TT-BXD ngày 02 tháng 01 năm 2008 của Bộ Xây dựng hết hiệu "
            "lực kể từ ngày Nghị định này có hiệu lực.",
            "01/2008/TT-BXD",
            "repeals",
        ),
        (
            "Quyết định số 15-QĐ/TU ngày 20/11/2020 của Ban Thường vụ Thành ủy hết hiệu lực.",
            "15-QĐ/TU",
            "repeals",
        ),
        # a cue after the last item of a list types the items before it
        (
            "Nghị định số 43/2014/NĐ-CP ngày 15 tháng 5 năm 2014 và Nghị định số "
            "148/2020/NĐ-CP của Chính phủ hết hiệu lực kể từ ngày 01/8/2024.",
            "43/2014/NĐ-CP",
            "repeals",
        ),
        (
            "Thông tư số 05/2019/TT-BCT, Thông tư số 06/2019/TT-BCT và Thông tư số "
            "07/2019/TT-BCT hết hiệu lực thi hành.",
            "05/2019/TT-BCT",
            "repeals",
        ),
        # after the agent of a passive statement the cue is the subject's; the agent is cited
        (
            "Luật Nhà ở số 65/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số "
            "03/2022/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
            "65/2014/QH13",
            "repeals",
        ),
        (
            "Luật Nhà ở số 65/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số "
            "03/2022/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
            "03/2022/QH15",
            "cites",
        ),
        (
            "Nghị định số 15/2019/NĐ-CP đã được sửa đổi theo Nghị định số 24/2022/NĐ-CP hết "
            "hiệu lực.",
            "24/2022/NĐ-CP",
            "cites",
        ),
        # not across a clause: the first item is only cited
        (
            "Theo Nghị định số 43/2014/NĐ-CP, Bộ công bố Thông tư số 02/2015/TT-BTNMT hết hiệu lực.",
            "43/2014/NĐ-CP",
            "cites",
        ),
    ],
)
def test_cue_after_a_list(text: str, number: str, relation: str) -> None:
    refs = [r for r in find_references(text) if r.number == number]
    assert len(refs) == 1 and refs[0].relation == relation


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("gắn với Chỉ thị số 21- CT/TW ngày 20/01/2023 của Ban Bí thư.", "21-CT/TW"),
        ("theo Hướng dẫn số 126 - HD/BTGTW ngày 30/11/2023.", "126-HD/BTGTW"),
        ("V/v triển khai Nghị quyết số 45 – NQ/TW", "45-NQ/TW"),
        ("căn cứ Quy định số 08 -QĐi/TW và Kết luận số 14– KL/TW", "14-KL/TW"),
    ],
)
def test_party_number_with_a_space_after_the_dash(text: str, number: str) -> None:
    assert number in [r.number for r in find_references(text)]


@pytest.mark.parametrize(
    ("text", "alias_number"),
    [
        (
            "Căn cứ Kết luận số 91-KL/TW, ngày 12/8/2024 của Bộ Chính trị về tiếp tục thực hiện "
            'Nghị quyết số 29-NQ/TW, ngày 04/11/2013 "về đổi mới giáo dục" (sau đây gọi tắt là '
            "Kết luận 91). Tuyên truyền Kết luận 91.",
            "91-KL/TW",
        ),
        (
            "Thực hiện Chỉ thị số 35-CT/TW ngày 14/6/2024 về đại hội, Kết luận số 118-KL/TW "
            "ngày 18/01/2025 (gọi tắt là Chỉ thị 35). Quán triệt Chỉ thị 35.",
            "35-CT/TW",
        ),
    ],
)
def test_defined_alias_names_the_mention_of_its_sequence(text: str, alias_number: str) -> None:
    last = [r for r in find_references(text)][-1]
    assert last.number == alias_number


def _probe() -> dict:
    sys.path.insert(0, str(REPO / "scripts"))
    import contextlib
    import io
    import json

    from probe_forms import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["--probe", str(PROBE), "--json"])
    return json.loads(out.getvalue())


def test_probe_refs_figures() -> None:
    """The probe's figures after the fixes (before them: references P / R 0.944 / 0.922, task
    links F1 0.897, relations 76/90); the gaps still open are pinned by name."""
    res = _probe()
    blind = res["groups"]["round 1"]  # written before reading the rules
    # 0.984: the month in words (tháng Bảy) is read since the fourth blind probe of forms
    assert round(blind["references"]["precision"], 3) == 0.984
    assert round(blind["references"]["recall"], 3) == 0.984
    assert round(blind["tasks"]["f1"], 3) == 1.0
    assert res["groups"]["round 2"]["references"]["recall"] == 1.0  # variants, after the fixes
    assert res["relations"] == {"right": 103, "stated": 103}
    assert res["named"] == {"found": 7, "stated": 7}
    missed = {
        stem: sorted(d["references_missed"])
        for stem, d in res["documents"].items()
        if d.get("references_missed")
    }
    # open: 'Đề án 06' typed as the decision that approves it (the gold keeps the mention's
    # type word)
    assert set(missed) == {"q08_ubnd_kh_quoted"}


@pytest.mark.parametrize(
    ("text", "number", "doc_type"),
    [
        # a law's name holding "văn bản" before its number
        (
            "theo quy định tại Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15.",
            "64/2025/QH15",
            "Luật",
        ),
        (
            "Căn cứ Pháp lệnh Hợp nhất văn bản quy phạm pháp luật số 01/2012/UBTVQH13;",
            "01/2012/UBTVQH13",
            "Pháp lệnh",
        ),
        # "văn bản số …" of a state letter (no type code): a Công văn; with a code: its type
        ("Phúc đáp văn bản số 412/UBND-NC ngày 10/3/2025 của tỉnh.", "412/UBND-NC", "Công văn"),
        ("Theo văn bản số 1542/BNV-CQĐP của Bộ Nội vụ.", "1542/BNV-CQĐP", "Công văn"),
        ("Theo văn bản số 45/TB-VPCP của Văn phòng Chính phủ.", "45/TB-VPCP", "Thông báo"),
        ("Theo văn bản số 15000-CV/VPTW của Văn phòng.", "15000-CV/VPTW", "Công văn"),
    ],
)
def test_type_of_a_generic_or_named_mention(text: str, number: str, doc_type: str) -> None:
    refs = [r for r in find_references(text) if r.number == number]
    assert len(refs) == 1 and refs[0].doc_type == doc_type
