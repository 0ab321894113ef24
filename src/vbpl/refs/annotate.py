"""Annotate a parsed document with its references and relations.

Reads: a :class:`~vbpl.model.Document` from the parser (text, outline, header and preamble
spans, metadata). Writes: the same document with ``references`` (each with the ``section`` it
stands in; references in the Căn cứ preamble typed ``based_on``; relative references such as
``Điều này`` or ``khoản 2 Điều 5 Luật này`` resolved to section ids of this document in
``target``) and ``relations`` (this document -> the documents it amends, implements, …; the
passive relations of editorial notes on the section they stand in; relations the text states
between two other documents).

>>> from vbpl.model import Document, Metadata, Section, Span
>>> text = "Điều 1. Phạm vi\\nLuật này thay thế Luật số 45/2013/QH13.\\nĐiều 2. Hiệu lực\\nXem khoản 1 Điều này."
>>> a1 = Section("art_1", "article", "1", "Phạm vi", "", Span(0, 55))
>>> cl = Section("art_2__cl_1", "clause", "1", None, "", Span(73, 88))
>>> a2 = Section("art_2", "article", "2", "Hiệu lực", "", Span(56, len(text)), (cl,))
>>> doc = annotate(Document(Metadata(number="1/2024/QH15"), (a1, a2), text=text))
>>> [(r.number, r.relation, r.section) for r in doc.references if r.number]
[('45/2013/QH13', 'replaces', 'art_1')]
>>> [(r.pinpoint, r.target) for r in doc.references if r.pinpoint]
[('khoản 1 Điều này', 'art_2__cl_1')]
>>> [(x.subject, x.relation, x.object) for x in doc.relations]
[('1/2024/QH15', 'replaces', '45/2013/QH13')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from vbpl.data import load_table
from vbpl.lexicon.notes import note_spans
from vbpl.lexicon.numbers import number_key
from vbpl.lexicon.units import kind_of_word
from vbpl.model import Document, Metadata, Reference, Relation, Span
from vbpl.refs.find import scan_mentions, stated_year
from vbpl.refs.mention import Mention, make_reference, mention_object
from vbpl.refs.outline import OutlineIndex
from vbpl.refs.pinpoints import match_pinpoint
from vbpl.refs.relations import preamble_lead, settle_relations
from vbpl.text.fold import fold

_REL_UNIT_RE = re.compile(r"(?:^|\s)(?P<unit>(?:[Tt]iểu\s+)?[^\s]+(?:\s+lục)?)\s+này$")


@lru_cache(maxsize=4096)
def _paths(pinpoint: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    p = match_pinpoint(pinpoint, 0, skip_headings=False)
    return p.paths if p is not None else ()


def _resolve_ids(ix: OutlineIndex, paths, within: str | None) -> str | None:  # type: ignore[no-untyped-def]
    ids = []
    for path in paths:
        absolute = path and path[0][0] in ("article", "chapter", "part", "appendix")
        sid = ix.find(path) if absolute else ix.find(path, within=within)
        if sid is None:
            return None
        ids.append(sid)
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else ix.lca(ids)


def relative_target(
    ref: Reference, section: str | None, ix: OutlineIndex, doc_key: str | None
) -> tuple[str | None, float]:
    """The target and confidence of a reference into this document (``Điều này``,
    ``khoản 2 Điều 5 Luật này``, a bare ``khoản 2 Điều 5``) standing in ``section``: a section
    id, or for ``Luật này`` alone the document key."""
    pin = ref.pinpoint
    if pin is None:  # "Luật này", "Nghị định này"
        return doc_key, 1.0 if doc_key else 0.0
    m = _REL_UNIT_RE.search(pin)
    if m is not None:
        kind = kind_of_word(m["unit"])
        anchor = ix.ancestor(section, kind) if kind else None
        head = pin[: m.start()].strip()
        if anchor is None:
            return None, 0.0
        if not head:
            return anchor, 1.0
        sid = _resolve_ids(ix, _paths(head), anchor)
        return sid, 1.0 if sid else 0.0
    sid = _resolve_ids(ix, _paths(pin), section)
    if sid is not None:
        return sid, 1.0
    if ref.doc_type is not None and doc_key:  # "Điều 99 Luật này" that the outline lacks
        return doc_key, 0.5
    return None, 0.0


#: relations by which an article acts on another document ("Điều 1. Sửa đổi, bổ sung một số
#: điều của Nghị định số …", "Đính chính sai sót … tại Thông tư số …")
_ACTING = frozenset({"amends", "repeals", "corrects"})


def acting_pinpoints(
    refs: list[Reference] | tuple[Reference, ...], ix: OutlineIndex, own_type: str | None = None
) -> dict[int, int]:
    """Bare pinpoints that point into the document an article acts on: index of the relative
    reference -> index of the numbered reference it points into.

    An article that amends, repeals or corrects another document in its own words (its
    heading, or its text before its clauses: "Điều 1. Sửa đổi, bổ sung một số điều của Nghị
    định số 100/2019/NĐ-CP") is about that document: a pinpoint after it in the article with
    no document of its own ("1. Sửa đổi, bổ sung điểm b khoản 3 Điều 7 như sau:", "2. Bãi bỏ
    khoản 4 Điều 21", "Tại điểm a khoản 2 Điều 4: đã in là …") names a unit of that
    document, not of the citing one. "khoản 2 Điều này" still names the citing text.

    Likewise "<type> này" in a document of another type (``own_type``) names the document of
    that type cited before it in the same section: "… theo Điều 5 của Nghị định
    100/2019/NĐ-CP; thủ tục thực hiện theo Mục 1 Chương II Nghị định này" in a letter.
    """
    acting: dict[str, tuple[int, int]] = {}
    out: dict[int, int] = {}
    for i, r in enumerate(refs):
        if r.section is None:
            continue
        if (
            r.kind == "relative"
            and r.doc_type
            and own_type
            and r.doc_type != own_type
            and ix.ancestor(r.section, "appendix") is None  # "Kế hoạch này" in the plan issued
        ):
            for j in range(i - 1, -1, -1):
                x = refs[j]
                if x.section != r.section:
                    break
                if x.number and x.doc_type == r.doc_type:
                    out[i] = j
                    break
            continue
        if r.number and r.relation in _ACTING:
            if ix.ancestor(r.section, "article") == r.section:
                acting[r.section] = (i, r.span.end)
        elif (
            r.kind == "relative"
            and r.pinpoint
            and r.doc_type is None
            and acting
            and "này" not in r.pinpoint.split()
        ):
            a = acting.get(ix.ancestor(r.section, "article") or "")
            if a is not None and r.span.start >= a[1]:
                out[i] = a[0]
    return out


def resolve_relative(ref: Reference, ix: OutlineIndex, doc_key: str | None) -> Reference:
    """``ref`` with the target of :func:`relative_target` (non-relative refs unchanged)."""
    if ref.kind != "relative":
        return ref
    target, conf = relative_target(ref, ref.section, ix, doc_key)
    return replace(ref, target=target, confidence=conf)


def _names_itself(r: Reference, md: Metadata) -> bool:
    """True for a named mention of the document itself ("Quốc hội ban hành Luật Giáo dục."):
    same type and same title, compared folded."""
    if r.kind != "named" or not r.title or not md.title or r.doc_type != md.doc_type:
        return False
    year = stated_year(r)  # "Luật Giáo dục năm 2005" in the Luật Giáo dục of 2019 is another
    if year is not None and (md.issued is None or year != md.issued.year):
        return False
    return fold(r.title).lower() == fold(md.title).lower()


#: "Số:", "Số hiệu", "Số ký hiệu" at a line start just before a number: the own number line
_OWN_NUMBER_LINE_RE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:Số|SỐ)(?:[^\S\n]+(?:ký[^\S\n]+)?hiệu)?[^\S\n]*:?[^\S\n]*$"
)
#: "(Kèm theo Hướng dẫn số …", "(Ban hành kèm theo …" just before a number
_KEM_THEO_RE = re.compile(r"(?:[Kk]èm theo|KÈM THEO)[^\S\n]+[^\n\d]{0,30}$")


def _own_number_line(text: str, start: int) -> bool:
    """True for a number on a "Số: …" line (the document's own number, even when the header
    was not recognised).

    >>> _own_number_line("x\\nSố 212-KL/TW", 5), _own_number_line("theo văn bản số 5/BC", 16)
    (True, False)
    """
    return _OWN_NUMBER_LINE_RE.search(text, max(0, start - 30), start) is not None


def _appendix_caption(text: str, start: int, section: str) -> bool:
    """True for a number in an appendix's caption, "(Kèm theo Hướng dẫn số 40-HD/…)": it
    names the document the appendix belongs to."""
    return (
        section.startswith("app_")
        and "__" not in section
        and _KEM_THEO_RE.search(text, max(0, start - 60), start) is not None
    )


#: the closing mark of a Party or state document's body: "./." or "/." ending a line
_CLOSING_MARK_RE = re.compile(r"\.?/\.[^\S\n]*(?:\n|$)")


def _own_caption_mention(text: str, mentions: list[Mention]) -> Mention | None:
    """The mention a caption after the body's closing mark makes of the document itself, for
    a copy that states no number of its own (a news copy's "INFOGRAPHICS: … tại Kết luận số
    127-KL/TW …"): the one numbered mention after the last "/." whose type is the type the body
    calls itself by ("Kết luận này") and whose number the body does not cite. Anything else
    after the mark (a related article's link) stays a reference.

    >>> t = "1. Thực hiện Kết luận này./.\\nẢnh: Kết luận số 127-KL/TW của Bộ Chính trị"
    >>> ms, _ = scan_mentions(t)
    >>> _own_caption_mention(t, ms).number
    '127-KL/TW'
    >>> t = "1. Thực hiện Kết luận số 126-KL/TW./.\\nXem thêm: Kết luận số 126-KL/TW"
    >>> _own_caption_mention(t, scan_mentions(t)[0]) is None
    True
    """
    marks = list(_CLOSING_MARK_RE.finditer(text))
    if not marks:
        return None
    end = marks[-1].end()
    own_types = {m.doc_type for m in mentions if m.kind == "relative" and m.start < end}
    cue, link = _related_res()
    related = cue.search(text, end)  # "Tin liên quan", "Xem thêm": the page's, not the document's
    stop = related.start() if related else len(text)
    after = [
        m
        for m in mentions
        if end <= m.start < stop and m.number and not link.search(_line_at(text, m.start))
    ]
    body = {number_key(m.number) for m in mentions if m.start < end and m.number}
    if len(after) != 1 or after[0].doc_type not in own_types:
        return None
    number = after[0].number
    return after[0] if number and number_key(number) not in body else None


def related_line_kind(line: str) -> str:
    """How a line after a reproduced document reads (``news_related`` in header_lines.json):
    ``cue`` opens a list of related articles, ``link`` is one, ``caption`` may name the
    document itself.

    >>> related_line_kind("Xem thêm: Kết luận số 126-KL/TW"), related_line_kind("- Kết luận 1")
    ('cue', 'link')
    """
    cue, link = _related_res()
    if cue.search(line):
        return "cue"
    return "link" if link.search(line) else "caption"


@lru_cache(maxsize=1)
def _related_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    t = load_table("header_lines")["news_related"]
    return re.compile(t["cue_pattern"], re.M | re.I), re.compile(t["link_pattern"], re.M)


def _line_at(text: str, pos: int) -> str:
    """The whole line of ``text`` holding position ``pos``."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return text[lo : hi if hi >= 0 else len(text)]


#: the number a caption's mention starts with, and what follows it on the line
_CAPTION_NUMBER_RE = re.compile(r"\d[^\s,;]*")


def _caption_metadata(text: str, m: Mention, md: Metadata) -> Metadata:
    """``md`` completed by what the document's own caption states (:func:`_own_caption_mention`):
    its number and type, and the date and issuer written after the number on the caption's
    line ("… số 127-KL/TW, ngày 28/02/2025 của Bộ Chính trị, Ban Bí thư"). Fields already
    stated are kept; the caption's subject words are not the title."""
    from vbpl.parser.header import statement  # the header's sentence reader: one grammar

    line_end = text.find("\n", m.start)
    line = text[m.start : line_end if line_end >= 0 else len(text)]
    num = _CAPTION_NUMBER_RE.search(line)
    stated = statement(line[num.end() :]) if num else {}
    return replace(
        md,
        number=md.number or m.number,
        doc_type=md.doc_type or m.doc_type,
        issuer=md.issuer or stated.get("issuer") or m.issuer,
        issued=md.issued or stated.get("issued") or m.date,
    )


def annotate(doc: Document) -> Document:
    """``doc`` with references and relations filled in (see the module docstring)."""
    text = doc.text
    mentions, between = scan_mentions(text)
    ix = OutlineIndex(doc.sections)
    own = number_key(doc.metadata.number) if doc.metadata.number else None
    if own is None and (caption := _own_caption_mention(text, mentions)) and caption.number:
        own = number_key(caption.number)
        doc = replace(doc, metadata=_caption_metadata(text, caption, doc.metadata))
    subject = doc.key or doc.metadata.number or doc.source or "."
    notes = note_spans(text)
    note_starts = [n.start for n in notes]

    def in_note(span: Span) -> bool:
        i = bisect_right(note_starts, span.start) - 1
        return i >= 0 and notes[i].contains(span)

    out: list[Reference] = []
    relations: list[Relation] = [r for r in doc.relations if r.source not in ("text", "note")]
    header, preamble = doc.header, doc.preamble
    # taken from the list one at a time, each mention freed as its reference is made: the
    # mentions and the references of a long text are not all alive at once
    mentions.reverse()
    while mentions:
        x = mentions.pop()
        in_header = header is not None and header.start <= x.start and x.end <= header.end
        if in_header and not x.number:  # the header names the document; a title may cite another
            continue
        if x.number and (
            (own is not None and number_key(x.number) == own) or _own_number_line(text, x.start)
        ):
            continue
        section = ix.innermost(x.start, x.end)
        if x.number and section is not None and _appendix_caption(text, x.start, section):
            continue
        if (
            preamble is not None
            and preamble.start <= x.start
            and x.end <= preamble.end
            and x.relation == "cites"
        ):
            x = x.with_relation(preamble_lead(text, x.start) or "based_on")
        if x.kind == "relative":
            target, conf = relative_target(x, section, ix, doc.key)  # type: ignore[arg-type]
            r = make_reference(text, x, section=section, target=target, confidence=conf)
        else:
            r = make_reference(text, x, section=section)
            if _names_itself(r, doc.metadata):
                continue
        out.append(r)
        obj = mention_object(r)
        if obj and r.relation != "cites":
            relations.append(
                Relation(
                    subject=subject,
                    relation=r.relation,
                    object=obj,
                    span=r.span,
                    section=section,
                    pinpoint=r.pinpoint,
                    source="note" if in_note(r.span) else "text",
                )
            )
    for b in between:
        if b.span is None:
            continue
        relations.append(
            replace(
                b,
                section=ix.innermost(b.span.start, b.span.end),
                source="note" if in_note(b.span) else "text",
            )
        )
    doc = settle_relations(replace(doc, references=tuple(out), relations=tuple(relations)))
    into = acting_pinpoints(doc.references, ix, doc.metadata.doc_type)
    if into:  # units of the document acted on: resolved against it (vbpl.refs.resolve)
        refs = list(doc.references)
        for i in into:
            refs[i] = replace(refs[i], target=None, confidence=0.0)
        doc = replace(doc, references=tuple(refs))
    return doc


__all__ = ["acting_pinpoints", "annotate", "relative_target", "resolve_relative"]
