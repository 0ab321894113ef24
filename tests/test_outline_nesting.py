"""Outline nesting by the order a document introduces its numbering styles (hypothesis).

A generated outline picks a numbering style per depth in any order the real documents use
(A- › I- › 1- › 1.1- › a) › - › +, or I/ › (1) › a. › *, 1) › (a) › • › ○, …), renders it as
text and must come back as the same label paths.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vbpl import parse
from vbpl.parser.ids import label_paths

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
LETTERS = ["a", "b", "c", "d", "đ", "e", "g", "h"]
UPPER = ["A", "B", "C", "D", "E", "G", "H"]
ROMAN_LOWER = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]

# style -> (rank class, render(n, parent_label) -> (printed line start, label or None))
STYLES = {
    "upper_dash": (0, lambda n, p: (f"{UPPER[n]}- ", UPPER[n])),
    "upper_dot": (0, lambda n, p: (f"{UPPER[n]}. ", UPPER[n])),
    "roman_dash": (1, lambda n, p: (f"{ROMAN[n]}- ", ROMAN[n])),
    "roman_dot": (1, lambda n, p: (f"{ROMAN[n]}. ", ROMAN[n])),
    "roman_slash": (1, lambda n, p: (f"{ROMAN[n]}/ ", ROMAN[n])),
    "arabic_dot": (2, lambda n, p: (f"{n + 1}. ", str(n + 1))),
    "arabic_dash": (2, lambda n, p: (f"{n + 1}- ", str(n + 1))),
    "arabic_paren": (2, lambda n, p: (f"{n + 1}) ", str(n + 1))),
    "dotted": (3, lambda n, p: (f"{p}.{n + 1}. ", f"{p}.{n + 1}")),
    "dotted_dash": (3, lambda n, p: (f"{p}.{n + 1}- ", f"{p}.{n + 1}")),
    "paren": (3, lambda n, p: (f"({n + 1}) ", str(n + 1))),
    "letter_paren": (4, lambda n, p: (f"{LETTERS[n]}) ", LETTERS[n])),
    "letter_dot": (4, lambda n, p: (f"{LETTERS[n]}. ", LETTERS[n])),
    "letter_slash": (4, lambda n, p: (f"{LETTERS[n]}/ ", LETTERS[n])),
    "letter_hyphen": (4, lambda n, p: (f"{LETTERS[n]}- ", LETTERS[n])),
    "letter_parens": (4, lambda n, p: (f"({LETTERS[n]}) ", LETTERS[n])),
    "roman_lower": (4, lambda n, p: (f"{ROMAN_LOWER[n]}. ", ROMAN_LOWER[n])),
    "dash": (5, lambda n, p: ("- ", None)),
    "endash": (5, lambda n, p: ("– ", None)),
    "emdash": (5, lambda n, p: ("— ", None)),
    "bullet": (5, lambda n, p: ("• ", None)),
    "plus": (6, lambda n, p: ("+ ", None)),
    "circle": (6, lambda n, p: ("○ ", None)),
    "star": (6, lambda n, p: ("* ", None)),
}
BULLET = {
    "dash": "-",
    "endash": "-",
    "emdash": "-",
    "bullet": "-",
    "plus": "+",
    "circle": "+",
    "star": "*",
}


@st.composite
def outlines(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A text and its label paths: one style per depth, drawn in an order real documents use
    (a style of a later class below one of an earlier class; dotted labels under arabic)."""
    depth = draw(st.integers(1, 4))
    styles: list[str] = []
    cls = -1
    for _ in range(depth):
        options = [
            s
            for s, (c, _) in STYLES.items()
            if c > cls
            and not (s.startswith("dotted") and (not styles or "arabic" not in styles[-1]))
        ]
        if not options:
            break
        s = draw(st.sampled_from(sorted(options)))
        styles.append(s)
        cls = STYLES[s][0]
    lines: list[str] = []
    paths: list[str] = []

    def grow(level: int, prefix: str, parent_label: str) -> None:
        if level >= len(styles):
            return
        n_children = draw(st.integers(1 if level == 0 else 0, 3))
        for k in range(n_children):
            start, label = STYLES[styles[level]][1](k, parent_label)
            step = label if label is not None else f"{BULLET[styles[level]]}{k + 1}"
            path = f"{prefix}/{step}" if prefix else step
            lines.append(f"{start}Nội dung mục {path.replace('/', ' ')} được thực hiện.")
            paths.append(path)
            grow(level + 1, path, label or parent_label)

    grow(0, "", "")
    return "\n".join(lines), paths


@settings(max_examples=150, deadline=None)
@given(outlines())
def test_styles_nest_in_the_order_they_are_introduced(case: tuple[str, list[str]]) -> None:
    text, paths = case
    assert label_paths(parse(text).sections) == paths


def test_a_style_introduced_first_holds_the_others() -> None:
    """The same styles in two documents, nested the other way round."""
    one = "a) Đối với cấp tỉnh:\n1. Kiện toàn bộ máy.\n2. Bố trí cán bộ.\nb) Đối với cấp xã:\n1. Rà soát."
    two = "1. Đối với cấp tỉnh:\na) Kiện toàn bộ máy.\nb) Bố trí cán bộ.\n2. Đối với cấp xã:\na) Rà soát."
    assert label_paths(parse(one).sections) == ["a", "a/1", "a/2", "b", "b/1"]
    assert label_paths(parse(two).sections) == ["1", "1/a", "1/b", "2", "2/a"]


def test_an_attached_report_after_the_signature() -> None:
    """A letter, its signature, then the draft report it sends: the report is an appendix
    whose own Nơi nhận list is not part of its outline."""
    text = (
        "Văn phòng đề nghị các đồng chí cho ý kiến về dự thảo báo cáo.\n"
        "Nơi nhận:\n- Như trên,\n- Lưu VT.\n"
        "CHÁNH VĂN PHÒNG\nNguyễn Văn An\n"
        "DỰ THẢO BÁO CÁO Kết quả thực hiện Nghị quyết số 57-NQ/TW\n"
        "A. KẾT QUẢ\n1. Công tác chỉ đạo.\n- (1) Ban hành kế hoạch.\n- (2) Kiện toàn ban chỉ đạo.\n"
        "B. KIẾN NGHỊ\nĐề nghị bổ sung nhiệm vụ.\n"
        "Nơi nhận:\n- Văn phòng Trung ương Đảng,\n- Lưu VT.\n"
        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nTrần Văn Bình\n"
    )
    assert label_paths(parse(text).sections) == [
        "¶1",
        "PL1",
        "PL1/A",
        "PL1/A/1",
        "PL1/A/1/1",
        "PL1/A/1/2",
        "PL1/B",
    ]


def test_an_unclosed_quote_in_prose_does_not_hide_the_outline() -> None:
    text = (
        "1. Phát động phong trào “Cả nước thi đua đổi mới sáng tạo, chuyển đổi số.\n"
        "2. Kiện toàn ban chỉ đạo.\n3. Sơ kết việc thực hiện."
    )
    assert label_paths(parse(text).sections) == ["1", "2", "3"]
