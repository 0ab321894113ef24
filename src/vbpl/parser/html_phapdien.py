"""Topic pages of the official legal codification (Bộ pháp điển, phapdien.moj.gov.vn).

Reads: a parsed codification page — a ``h3`` with the topic (Đề mục) and its name, then
``p.pChuong`` (chapter lines), ``p.pDieu`` (a codified article, ``Điều 23.8.QĐ.1.1.``),
``p.pGhiChu`` (its source note) and ``p.pNoiDung`` (its content), ``p.pChiDan`` (cross
references). Writes: :class:`~vbpl.parser.extract.Extracted` with format ``phapdien``.

The text keeps every line as the page shows it, source notes included (the reference finder
reads them). Each source note also gives relations:

* ``Relation(".", "cites", <source number>, pinpoint="Điều 1", source="codification")`` —
  the codified article reproduces that provision of the source document. No relation kind
  says "reproduces"; ``cites`` is the closest of the vocabulary, and ``source`` tells the
  two apart.
* for a note that goes on "có nội dung bị bãi bỏ / được sửa đổi / được bổ sung bởi Điều 34
  Nghị định số …", a relation between the two other documents:
  ``Relation(<source number>, "repealed_by" | "amended_by" | …, <other number>,
  pinpoint="Điều 34", source="codification")``, the pinpoint being the provision of the
  other document.

A source without a number (an old Pháp lệnh) is named by its type and title.

>>> from vbpl.parser.html_text import parse_html
>>> page = parse_html("<h3>Đề mục 1.2<br>Thử nghiệm</h3><div class='_content'>"
...     "<p class='pDieu'>Điều 1.2.LQ.1. Phạm vi</p><p class='pGhiChu'>(Điều 1 Luật số "
...     "80/2015/QH13, có hiệu lực thi hành kể từ ngày 01/07/2016)</p>"
...     "<p class='pNoiDung'>Luật này quy định...</p></div>")
>>> [(r.relation, r.object, r.pinpoint) for r in extract_phapdien(page).relations]
[('cites', '80/2015/QH13', 'Điều 1')]
"""

from __future__ import annotations

import re

from lxml import etree

from vbpl.errors import InputError
from vbpl.model import Metadata, Relation
from vbpl.parser.extract import Extracted
from vbpl.parser.html_fields import codification_relations, split_title
from vbpl.parser.html_text import element_lines, find_class, has_class, page_marks

_PIN = r"(?:(?:điểm|khoản|điều)\s+[0-9]+[a-zđ]?\s+)+"
_SOURCE = re.compile(rf"^\(\s*(?P<pin>{_PIN})(?P<doc>.+?)(?:,\s*có hiệu lực|,?\s*\)\s*$)", re.I)
_NAME_END = re.compile(r"\s+ngày\s+\d{1,2}[/ ]")
_BY = re.compile(rf"\bbởi\s+(?P<pin>{_PIN})(?P<doc>.+?)(?=\s+có hiệu lực|,|\)\s*$|$)", re.I)


def is_codification(root: etree._Element, marks: frozenset[str] | None = None) -> bool:
    """Whether the page is a codification topic page (has codified articles and notes)."""
    marks = page_marks(root) if marks is None else marks
    return "pDieu" in marks and "pGhiChu" in marks


def _target(doc: str) -> str | None:
    kind, number, rest = split_title(doc.strip())
    if number:
        return number
    rest = _NAME_END.split(rest, maxsplit=1)[0].strip()
    name = " ".join(x for x in (kind, rest) if x).strip()
    return name or None


def note_relations(note: str) -> list[Relation]:
    """The relations one source note states (see the module docstring).

    >>> [(r.subject, r.relation, r.object, r.pinpoint) for r in note_relations(
    ...     "(Điều 2 Nghị định số 10/2010/NĐ-CP, có hiệu lực thi hành kể từ ngày 01/03/2010, "
    ...     "có nội dung bị bãi bỏ bởi Điều 5 Nghị định số 20/2015/NĐ-CP có hiệu lực thi hành "
    ...     "kể từ ngày 01/05/2015)")]
    [('.', 'cites', '10/2010/NĐ-CP', 'Điều 2'), ('10/2010/NĐ-CP', 'repealed_by', '20/2015/NĐ-CP', 'Điều 5')]
    """
    note = " ".join(note.split())
    m = _SOURCE.match(note)
    if m is None:
        return []
    source = _target(m.group("doc"))
    if source is None:
        return []
    pin = _pinpoint(m.group("pin"))
    out = [Relation(".", "cites", source, pinpoint=pin, source="codification")]
    phrases = codification_relations()
    last = m.end()
    for b in _BY.finditer(note, m.end()):
        before = note[last : b.start()].lower()
        last = b.end()
        other = _target(b.group("doc"))
        if other is None:
            continue
        kinds = []
        for phrase, kind in phrases.items():
            if phrase in before and kind not in kinds:
                kinds.append(kind)
        for kind in kinds:
            out.append(
                Relation(
                    source,
                    kind,  # type: ignore[arg-type]
                    other,
                    pinpoint=_pinpoint(b.group("pin")),
                    source="codification",
                )
            )
    return out


def _pinpoint(pin: str) -> str:
    words = pin.split()
    return " ".join(w.capitalize() if i % 2 == 0 else w for i, w in enumerate(words))


def extract_phapdien(root: etree._Element) -> Extracted:
    """Read a codification topic page (see the module docstring)."""
    lines: list[str] = []
    title = None
    for h in root.iter("h3"):
        head = element_lines(h)
        lines.extend(head)
        if len(head) > 1:
            title = head[-1]
        break
    contents = find_class(root, "_content", "div") or [root]
    relations: list[Relation] = []
    for content in contents:
        lines.extend(element_lines(content))
        for p in content.iter("p"):
            if has_class(p, "pGhiChu"):
                relations.extend(note_relations("".join(p.itertext())))
    if not lines:
        raise InputError("codification page without text")
    return Extracted(
        text="\n".join(lines),
        format="phapdien",
        metadata=Metadata(title=title),
        relations=tuple(relations),
    )


__all__ = ["extract_phapdien", "is_codification", "note_relations"]
