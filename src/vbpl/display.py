"""How documents and sections show themselves to people: terminal outlines and notebook HTML.

>>> from vbpl.model import Document, Metadata, Section, Span
>>> s = Section(id="art_1", kind="article", label="1", heading="Phạm vi", text="Điều 1. Phạm vi",
...             span=Span(0, 15))
>>> print(document_outline(Document(metadata=Metadata(number="1/2020/QH14"), sections=(s,))), end="")
1/2020/QH14
  art_1  Điều 1. Phạm vi
"""

from __future__ import annotations

from html import escape

from vbpl.model import Document, Section

_LABEL_WORD = {
    "part": "Phần",
    "chapter": "Chương",
    "section": "Mục",
    "subsection": "Tiểu mục",
    "article": "Điều",
    "clause": "Khoản",
    "point": "Điểm",
    "appendix": "Phụ lục",
}

_META_ROWS = (
    ("number", "Số hiệu"),
    ("doc_type", "Loại văn bản"),
    ("issuer", "Cơ quan ban hành"),
    ("issued", "Ngày ban hành"),
    ("effective", "Ngày có hiệu lực"),
    ("signer", "Người ký"),
    ("fields", "Lĩnh vực"),
    ("status", "Tình trạng"),
    ("place", "Nơi ban hành"),
)


def section_line(section: Section, width: int = 90) -> str:
    """One line naming a section: its label as printed and its heading or first words."""
    word = _LABEL_WORD.get(section.kind)
    if section.kind == "item":
        label = section.label
    elif word:
        label = f"{word} {section.label}."
    else:
        label = f"{section.label}." if section.kind == "heading" else section.label
    rest = section.heading or " ".join(section.text.split())
    if rest.startswith(label):
        rest = rest[len(label) :].lstrip()
    line = f"{label} {rest}".strip()
    return line if len(line) <= width else line[: width - 1] + "…"


def document_outline(doc: Document) -> str:
    """A readable outline of ``doc``: title line, metadata, then one line per section."""
    md = doc.metadata
    head = " ".join(x for x in (md.doc_type, md.number) if x) or (doc.source or "(no number)")
    lines = [head if not md.title else f"{head} — {md.title}"]
    for name, label in _META_ROWS[2:]:
        value = getattr(md, name)
        if value:
            text = ", ".join(value) if isinstance(value, tuple) else str(value)
            lines.append(f"  {label}: {text}")

    def walk(s: Section, depth: int) -> None:
        lines.append(f"{'  ' * (depth + 1)}{s.id}  {section_line(s)}")
        for c in s.children:
            walk(c, depth + 1)

    for s in doc.sections:
        walk(s, 0)
    if doc.references:
        lines.append(f"  ({len(doc.references)} references)")
    return "\n".join(lines) + "\n"


def _section_tree_html(s: Section) -> str:
    inner = "".join(_section_tree_html(c) for c in s.children)
    body = f"<details><summary>{escape(section_line(s))}</summary><ul>{inner}</ul></details>" if inner else escape(section_line(s))
    return f"<li title='{escape(s.id)}'>{body}</li>"


def section_html(section: Section) -> str:
    """Notebook HTML for one section: id, kind, text and children as a foldable tree."""
    return (
        f"<div class='vbpl-section'><code>{escape(section.id)}</code> <i>{escape(section.kind)}</i>"
        f"<p>{escape(section.text[:2000])}</p><ul>"
        + "".join(_section_tree_html(c) for c in section.children)
        + "</ul></div>"
    )


def document_html(doc: Document) -> str:
    """Notebook HTML for a document: a metadata table, the outline, reference counts."""
    md = doc.metadata
    rows = "".join(
        f"<tr><th style='text-align:left'>{escape(label)}</th><td>{escape(', '.join(v) if isinstance(v, tuple) else str(v))}</td></tr>"
        for name, label in _META_ROWS
        if (v := getattr(md, name))
    )
    title = escape(md.title or doc.source or "")
    outline = "".join(_section_tree_html(s) for s in doc.sections)
    refs = f"<p>{len(doc.references)} references, {len(doc.relations)} relations</p>"
    return (
        f"<div class='vbpl-document'><h4>{escape(md.doc_type or '')} {escape(md.number or '')}"
        f"</h4><p><b>{title}</b></p><table>{rows}</table><ul>{outline}</ul>{refs}</div>"
    )


__all__ = ["document_html", "document_outline", "section_html", "section_line"]
