"""Build small Documents by hand for the corpus, task and search tests (no parser needed).

An outline is a list of nodes ``(id, kind, label, text, children)``; the text of the document
is the nodes' texts one per line, and spans are computed from it. References are
``(section_id, mention, number, relation, target)``; the mention must occur in that section's
own text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from vbpl.model import Document, Metadata, Reference, Relation, Section, Span

Node = tuple[str, str, str, str, list[Any]]


def build_doc(
    number: str | None,
    issued: date | None,
    outline: list[Node],
    refs: list[tuple[str, str, str | None, str, str | None]] = (),  # type: ignore[assignment]
    *,
    doc_type: str | None = "Hướng dẫn",
    issuer: str | None = None,
    title: str | None = None,
    relations: tuple[Relation, ...] = (),
    source: str | None = None,
) -> Document:
    lines: list[str] = []
    pos = 0
    own_start: dict[str, int] = {}
    own_text: dict[str, str] = {}

    def make(node: Node) -> Section:
        nonlocal pos
        sid, kind, label, text, children = node
        start = pos
        own_start[sid] = pos
        own_text[sid] = text
        lines.append(text)
        pos += len(text) + 1
        kids = tuple(make(c) for c in children)
        heading = None
        if kind == "heading":
            heading = text.split(". ", 1)[1].split("\n")[0] if ". " in text else None
        return Section(sid, kind, label, heading, text, Span(start, pos - 1), kids)  # type: ignore[arg-type]

    sections = tuple(make(n) for n in outline)
    full = "\n".join(lines)
    references = []
    for sid, mention, num, relation, target in refs:
        at = own_text[sid].index(mention) + own_start[sid]
        references.append(
            Reference(
                text=mention,
                span=Span(at, at + len(mention)),
                number=num,
                section=sid,
                relation=relation,  # type: ignore[arg-type]
                target=target,
                confidence=1.0 if target else 0.0,
            )
        )
    return Document(
        metadata=Metadata(
            number=number, doc_type=doc_type, issued=issued, issuer=issuer, title=title
        ),
        sections=sections,
        references=tuple(references),
        relations=relations,
        text=full,
        source=source or (f"{number}.txt" if number else None),
    )


def seedlike(targets: bool = True) -> Document:
    """A guidance document shaped like the seed: parts I and II, headings, dash items."""
    t = (lambda k: k) if targets else (lambda k: None)
    outline: list[Node] = [
        (
            "hd_I",
            "heading",
            "I",
            "I. MỤC ĐÍCH, YÊU CẦU",
            [
                (
                    "hd_I__hd_1",
                    "heading",
                    "1",
                    "1. Thực hiện Quy chế theo Quyết định số 238-QĐ/TW.",
                    [],
                ),
            ],
        ),
        (
            "hd_II",
            "heading",
            "II",
            "II. NỘI DUNG THỰC HIỆN",
            [
                (
                    "hd_II__hd_1",
                    "heading",
                    "1",
                    "1. Công tác tham mưu\nBan tuyên giáo các cấp chủ động tham mưu các nội dung sau:",
                    [
                        (
                            "hd_II__hd_1__item_1",
                            "item",
                            "-",
                            "- Tham mưu thực hiện Nghị quyết số 45-NQ/TW; Kế hoạch số 20-KH/TW về thực hiện Nghị quyết số 45-NQ/TW.",
                            [],
                        ),
                        (
                            "hd_II__hd_1__item_2",
                            "item",
                            "-",
                            "- Tiếp tục tham mưu thực hiện Nghị quyết số 29-NQ/TW, ngày 04/11/2013; hoàn thành trước ngày 30/6/2024.",
                            [],
                        ),
                        (
                            "hd_II__hd_1__item_3",
                            "item",
                            "-",
                            "- Theo dõi, đôn đốc việc thực hiện.",
                            [],
                        ),
                    ],
                ),
                (
                    "hd_II__hd_2",
                    "heading",
                    "2",
                    "2. Thực hiện chương trình phối hợp theo Quyết định số 238-QĐ/TW\nCác cấp ủy tiếp tục quán triệt Quyết định số 238-QĐ/TW:",
                    [
                        (
                            "hd_II__hd_2__item_1",
                            "item",
                            "-",
                            "- Căn cứ chương trình công tác, Ban Tuyên giáo Tỉnh ủy chủ trì xây dựng chương trình phối hợp.",
                            [],
                        ),
                        (
                            "hd_II__hd_2__item_2",
                            "item",
                            "-",
                            "- Tham mưu sửa đổi Quyết định số 99-QĐ/TU và thực hiện Quyết định số 238-QĐ/TW.",
                            [],
                        ),
                    ],
                ),
                (
                    "hd_II__hd_3",
                    "heading",
                    "3",
                    "3. Giao Văn phòng Tỉnh ủy chủ trì tổng hợp, báo cáo trong quý IV/2024.",
                    [],
                ),
            ],
        ),
        ("hd_III", "heading", "III", "III. TỔ CHỨC THỰC HIỆN", []),
    ]
    refs = [
        ("hd_I__hd_1", "Quyết định số 238-QĐ/TW", "238-QĐ/TW", "cites", t("238-QĐ/TW@2020")),
        (
            "hd_II__hd_1__item_1",
            "Nghị quyết số 45-NQ/TW",
            "45-NQ/TW",
            "implements",
            t("45-NQ/TW@2023"),
        ),
        (
            "hd_II__hd_1__item_1",
            "Kế hoạch số 20-KH/TW",
            "20-KH/TW",
            "implements",
            t("20-KH/TW@2023"),
        ),
        (
            "hd_II__hd_1__item_2",
            "Nghị quyết số 29-NQ/TW, ngày 04/11/2013",
            "29-NQ/TW",
            "implements",
            t("29-NQ/TW@2013"),
        ),
        ("hd_II__hd_2", "Quyết định số 238-QĐ/TW", "238-QĐ/TW", "implements", t("238-QĐ/TW@2020")),
        ("hd_II__hd_2__item_2", "Quyết định số 99-QĐ/TU", "99-QĐ/TU", "amends", None),
        (
            "hd_II__hd_2__item_2",
            "Quyết định số 238-QĐ/TW",
            "238-QĐ/TW",
            "implements",
            t("238-QĐ/TW@2020"),
        ),
    ]
    return build_doc(
        "7-HD/BTGTU", date(2024, 1, 10), outline, refs, issuer="Ban Tuyên giáo Tỉnh ủy"
    )


def decree(i: int, title: str, articles: list[tuple[str, str]]) -> Document:
    """Nghị định (decree) ``i/2024/NĐ-CP`` of the Chính phủ, 1 January 2024, whose body is one
    Điều (article) per ``(heading, text)``: "Điều k. heading" and the text on the next line."""
    parts = [f"Điều {k}. {heading}\n{text}" for k, (heading, text) in enumerate(articles, 1)]
    sections, pos = [], 0
    for k, (part, (heading, _)) in enumerate(zip(parts, articles, strict=True), 1):
        sections.append(
            Section(f"art_{k}", "article", str(k), heading, part, Span(pos, pos + len(part)))
        )
        pos += len(part) + 1
    return Document(
        Metadata(
            number=f"{i}/2024/NĐ-CP",
            doc_type="Nghị định",
            issuer="Chính phủ",
            issued=date(2024, 1, 1),
            title=title,
        ),
        sections=tuple(sections),
        text="\n".join(parts),
    )
