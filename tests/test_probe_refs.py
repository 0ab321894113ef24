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


# -- the second blind probe (tests/fixtures/probe_refs2): each rule with variants the probe
# -- does not hold

PROBE2 = REPO / "tests" / "fixtures" / "probe_refs2"


@pytest.mark.parametrize(
    ("text", "number", "doc_type"),
    [
        # typed in lower case, after "số" (the codes must be known)
        ("Quán triệt nghị quyết số 21-nq/tw của Bộ Chính trị.", "21-NQ/TW", "Nghị quyết"),
        ("theo Thông tư số 05/2023/tt-btc ngày 10/2/2023", "05/2023/TT-BTC", "Thông tư"),
        ("Chỉ thị số 12-ct/tu của Ban Thường vụ", "12-CT/TU", "Chỉ thị"),
        # a thousands dot, "sô" for "số"
        ("Quyết định số 2.150/QĐ-UBND ngày 3/9/2024", "2150/QĐ-UBND", "Quyết định"),
        ("Nghị định sô 38/2022/NĐ-CP về lương tối thiểu", "38/2022/NĐ-CP", "Nghị định"),
        # a tone mark slipped in the type word before "số"
        ("theo Quy đinh số 144-QĐ/TW ngày 09/5/2024", "144-QĐ/TW", "Quy định"),
        ("Thực hiện Qui định số 105-QĐ/TW của Bộ Chính trị", "105-QĐ/TW", "Quy định"),
        ("Căn cứ Nghi định số 30/2020/NĐ-CP về công tác văn thư", "30/2020/NĐ-CP", "Nghị định"),
    ],
)
def test_numbers_typed_loosely(text: str, number: str, doc_type: str) -> None:
    refs = [r for r in find_references(text) if r.number == number]
    assert len(refs) == 1 and refs[0].doc_type == doc_type


@pytest.mark.parametrize(
    "text",
    [
        "Vận tốc tối đa 60 km/h trên đường số 2/km-h.",  # lower-case codes no table knows
        "Hồ sơ gồm tờ khai theo mẫu số 01/TNDN.",  # a form, not a document
        "Lập báo cáo theo Biểu số 02/BC-UBND kèm theo.",
        "đạt tỷ lệ 1.234/QĐ",  # a thousands dot with no "số" before it
    ],
)
def test_not_numbers(text: str) -> None:
    assert [r.number for r in find_references(text) if r.number] == []


@pytest.mark.parametrize(
    ("text", "number", "date"),
    [
        (
            "Ngày 21/6/2024, Bộ Chính trị ban hành Kết luận số 83-KL/TW về tiền lương.",
            "83-KL/TW",
            "2024-06-21",
        ),
        (
            "Ngày 15 tháng 3 năm 2025, Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 95/KH-UBND.",
            "95/KH-UBND",
            "2025-03-15",
        ),
        # a date elsewhere in the sentence is not the date of issue
        ("Đến ngày 21/6/2024, tỉnh đã thực hiện Kết luận số 83-KL/TW.", "83-KL/TW", None),
    ],
)
def test_date_of_issue_opening_the_sentence(text: str, number: str, date: str | None) -> None:
    ref = next(r for r in find_references(text) if r.number == number)
    assert (ref.date.isoformat() if ref.date else None) == date


@pytest.mark.parametrize(
    ("text", "number", "shorts"),
    [
        # a short form alone in a parenthesis right after the full mention defines it
        ("Thực hiện Chỉ thị số 05-CT/TU ngày 2/3/2024 (CT 05); tổng kết CT 05.", "05-CT/TU", 1),
        ("theo Kế hoạch số 118-KH/TU (Kế hoạch 118). Thực hiện Kế hoạch 118.", "118-KH/TU", 1),
        # a code with no space before the sequence number
        ("Nghị quyết số 27-NQ/TW ngày 09/11/2022. Tuyên truyền NQ27 rộng rãi.", "27-NQ/TW", 1),
    ],
)
def test_short_forms_defined_in_a_bare_parenthesis(text: str, number: str, shorts: int) -> None:
    refs = [r for r in find_references(text) if r.number == number]
    assert sum(r.kind == "short" for r in refs) == shorts


@pytest.mark.parametrize(
    ("text", "doc_type", "title"),
    [
        ("Căn cứ Điều lệ Đảng; Quy định số 232-QĐ/TW", "Điều lệ", "Đảng"),
        ("theo Điều lệ Công đoàn Việt Nam khóa XIII", "Điều lệ", "Công đoàn Việt Nam"),
        ("thực hiện Nghị quyết Trung ương 8 khóa XI về chiến lược", "Nghị quyết", "Trung ương 8"),
        (
            "Nghị quyết Hội nghị Trung ương 6 (khóa XII) về y tế",
            "Nghị quyết",
            "Hội nghị Trung ương 6",
        ),
        (
            "theo Kết luận của Bộ Chính trị “Về tiếp tục đổi mới phương thức lãnh đạo”",
            "Kết luận",
            "Về tiếp tục đổi mới phương thức lãnh đạo",
        ),
        (
            'thực hiện Nghị quyết "Về công tác dân vận" của tỉnh',
            "Nghị quyết",
            "Về công tác dân vận",
        ),
        ("đề xuất xây dựng Luật Đất đai (sửa đổi) trình Quốc hội", "Luật", "Đất đai (sửa đổi)"),
    ],
)
def test_named_without_number(text: str, doc_type: str, title: str) -> None:
    refs = [r for r in find_references(text) if r.kind == "named"]
    assert [(r.doc_type, r.title) for r in refs][:1] == [(doc_type, title)]


def test_a_draft_law_resolves_to_nothing() -> None:
    from datetime import date

    from vbpl.refs.resolve import Registry, resolve_reference

    reg = Registry()
    draft, law = (
        find_references("xây dựng Luật Đất đai (sửa đổi)")[0],
        find_references("theo Luật Đất đai")[0],
    )
    assert resolve_reference(draft, reg, date(2023, 1, 5)).target is None
    assert resolve_reference(law, reg, date(2023, 1, 5)).target == "45/2013/QH13@2013"


@pytest.mark.parametrize(
    ("text", "number", "pinpoint"),
    [
        (
            "Đề nghị thực hiện theo Thông tư số 36/2019/TT-BGTVT (khoản 2 Điều 5).",
            "36/2019/TT-BGTVT",
            "khoản 2 Điều 5",
        ),
        (
            "áp dụng Nghị định số 15/2020/NĐ-CP (Điều 3, Điều 4) về xử phạt",
            "15/2020/NĐ-CP",
            "Điều 3, 4",
        ),
        # a parenthesis that is not a pinpoint stays apart
        ("theo Nghị định số 15/2020/NĐ-CP (đã được sửa đổi) khoản 2", "15/2020/NĐ-CP", None),
    ],
)
def test_pinpoint_in_parentheses_after_the_document(
    text: str, number: str, pinpoint: str | None
) -> None:
    ref = next(r for r in find_references(text) if r.number == number)
    assert ref.pinpoint == pinpoint


AMENDING = """BỘ TÀI CHÍNH
Số: 12/2025/TT-BTC

THÔNG TƯ
Sửa đổi Thông tư số 40/2021/TT-BTC

Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 40/2021/TT-BTC ngày 01 tháng 6 năm 2021
1. Sửa đổi khoản 2 Điều 3 như sau:
"2. Hồ sơ gồm tờ khai theo quy định tại khoản 1 Điều 4."
2. Bãi bỏ điểm b khoản 1 Điều 5.

Điều 2. Hiệu lực thi hành
1. Thông tư này có hiệu lực từ ngày 01 tháng 3 năm 2025.
2. Việc chuyển tiếp thực hiện theo khoản 1 Điều này.
"""


def test_pinpoints_in_an_amending_article_point_into_the_amended_document() -> None:
    from vbpl import Corpus, parse

    base = parse(
        "BỘ TÀI CHÍNH\nSố: 40/2021/TT-BTC\nHà Nội, ngày 01 tháng 6 năm 2021\n\nTHÔNG TƯ\nVề thuế\n\n"
        "Điều 1. Phạm vi\nNội dung.\n\nĐiều 2. Đối tượng\nNội dung.\n\nĐiều 3. Hồ sơ\n"
        "1. Tờ khai.\n2. Bản sao.\n\nĐiều 4. Thời hạn\n1. Ba mươi ngày.\n\nĐiều 5. Miễn\n"
        "1. Các trường hợp:\na) Hộ nghèo;\nb) Người khuyết tật.\n"
    )
    doc = parse(AMENDING)
    pins = {r.pinpoint: r.target for r in doc.references if r.kind == "relative" and r.pinpoint}
    # before resolution: no target in the amending circular itself
    assert pins["khoản 2 Điều 3"] is None and pins["điểm b khoản 1 Điều 5"] is None
    assert pins["khoản 1 Điều này"] == "art_2__cl_1"  # "Điều này" still names the citing text
    corpus = Corpus([base, doc]).resolve()
    got = {
        r.pinpoint: r.target
        for r in corpus.get("12/2025/TT-BTC").references
        if r.kind == "relative" and r.pinpoint
    }
    assert got["khoản 2 Điều 3"] == "40/2021/TT-BTC@2021#art_3__cl_2"
    assert got["điểm b khoản 1 Điều 5"] == "40/2021/TT-BTC@2021#art_5__cl_1__pt_b"
    assert got["khoản 1 Điều 4"] == "40/2021/TT-BTC@2021#art_4__cl_1"  # in the quoted new text


def test_type_nay_in_a_document_of_another_type() -> None:
    from vbpl import parse

    doc = parse(
        "BỘ TƯ PHÁP\nSố: 12/BTP-PL\nHà Nội, ngày 01 tháng 3 năm 2025\nV/v trả lời\n\n"
        "1. Thẩm quyền theo Điều 5 của Nghị định số 100/2019/NĐ-CP; thủ tục theo Chương II "
        "Nghị định này.\n2. Công văn này thay thế Công văn số 8/BTP-PL.\n"
    )
    rel = {r.text: r.target for r in doc.references if r.kind == "relative"}
    assert rel["Chương II Nghị định này"] is None  # the decree, resolved in a corpus
    assert rel["Công văn này"] == doc.key


def test_type_nay_in_the_document_a_decision_issues() -> None:
    """ "Kế hoạch này" in the plan a decision issues is that plan, not a plan cited before."""
    from vbpl import parse

    doc = parse(
        "ỦY BAN NHÂN DÂN TỈNH\nSố: 95/QĐ-UBND\nNgày 01 tháng 3 năm 2025\n\nQUYẾT ĐỊNH\nBan hành Kế "
        "hoạch\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch cải cách.\n\nĐiều 2. Quyết "
        "định có hiệu lực từ ngày ký.\n\n                CHỦ TỊCH\n                Nguyễn Văn A\n\nKẾ HOẠCH\nCải cách hành chính\n(Kèm theo Quyết định số "
        "95/QĐ-UBND)\n\nI. NHIỆM VỤ\n1. Thực hiện Kế hoạch số 22/KH-UBND; các sở báo cáo kết quả "
        "thực hiện Kế hoạch này.\n"
    )
    assert any(s.kind == "appendix" for s in doc.sections)
    rel = [r for r in doc.references if r.kind == "relative" and r.text == "Kế hoạch này"]
    assert len(rel) == 1 and rel[0].target == doc.key


def test_party_pinpoints_name_headings() -> None:
    from vbpl import parse
    from vbpl.refs.outline import OutlineIndex
    from vbpl.refs.pinpoints import match_pinpoint

    doc = parse(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 29-NQ/TW\n\nNGHỊ QUYẾT\nvề giáo dục\n\n"
        "I. TÌNH HÌNH\nNội dung.\n\nII. NHIỆM VỤ\n1. Đổi mới.\n2. Phát triển đội ngũ.\n"
    )
    ix = OutlineIndex(doc.sections)
    for pin, want in (("mục 2 phần II", "hd_II__hd_2"), ("điểm 1 Mục II", "hd_II__hd_1")):
        p = match_pinpoint(pin, 0, skip_headings=False)
        assert p is not None and ix.find(p.paths[0]) == want


def _probe2() -> dict:
    sys.path.insert(0, str(REPO / "scripts"))
    import contextlib
    import io
    import json

    from probe_forms import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["--probe", str(PROBE2), "--json"])
    return json.loads(out.getvalue())


def test_probe_refs2_figures() -> None:
    """The second probe's figures after the fixes (before them, docs/references.md: references
    P / R 0.963 / 0.956, relations 90/105, named 22/30, pinpoints 22/25, targets 65/78, task
    links F1 0.750); what is still open is pinned by name."""
    res = _probe2()
    assert round(res["total"]["references"]["precision"], 3) == 1.0
    assert round(res["total"]["references"]["recall"], 3) == 1.0
    assert res["relations"] == {"right": 110, "stated": 112}
    assert res["named"] == {"found": 30, "stated": 30}
    r = res["resolution"]
    assert (r["pinpoints_right"], r["pinpoints"]) == (24, 25)
    assert (r["relative_found"], r["relative"]) == (37, 37)
    assert (r["targets_right"], r["targets"]) == (77, 78)
    # task links: the gold counts only documents a task implements; the project's convention
    # (eval_party, probe_refs) also counts the documents a task cites ("theo Nghị định số …"),
    # 6 such pairs; and a letter's numbered points (s08) are no tasks
    assert round(res["total"]["tasks"]["f1"], 3) == 0.756
    # open: the annex words kept in a pinpoint ("khoản 3 Điều 4 Quy chế ban hành kèm theo");
    # a consolidated text's footnote ("[2] Khoản này được sửa đổi …") typed consolidates and
    # its "Khoản này" not tied to the clause that carries the marker; a named Chỉ thị after an
    # unnumbered "Quy định của …" not typed implements
    wrong = {
        stem
        for stem, d in res["documents"].items()
        if d["resolution"]["pinpoints_right"] < d["resolution"]["pinpoints"]
        or d["resolution"]["targets_right"] < d["resolution"]["targets"]
        or d["relations"]["right"] < d["relations"]["stated"]
    }
    assert wrong == {"p05_ubkttw_tb_quoted", "p06_tu_qd_thaythe", "s05_vbhn_notes"}
