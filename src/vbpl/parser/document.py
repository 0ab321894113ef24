"""Plain text -> :class:`~vbpl.model.Document`: metadata, header, preamble, outline, tail.

Reads: text as read from a file or page (not yet normalised). Writes: a Document whose
``text`` is the normalised text every span indexes, with ``metadata``, ``sections`` (the
outline tree), ``header``/``preamble``/``tail`` spans and ``references=()`` (the reference
finder, :mod:`vbpl.refs`, fills them in). Stages: :mod:`vbpl.text.normalize` ->
:mod:`vbpl.parser.lines` -> :mod:`vbpl.parser.header` -> :mod:`vbpl.parser.tail` ->
:mod:`vbpl.parser.outline`.

Every non-blank character of the text lies in exactly one of: the header span, the preamble
span, the own text of one section (``Section.text``, starting at ``Section.span.start``), the
tail span, or the footnotes span (:mod:`vbpl.parser.footnotes`).

>>> doc = parse_text("QUỐC HỘI\\nLuật số: 80/2015/QH13\\nHà Nội, ngày 22 tháng 6 năm 2015\\nLUẬT\\nBAN HÀNH VĂN BẢN\\nCăn cứ Hiến pháp;\\nChương I\\nĐiều 1. Phạm vi\\n1. Luật này quy định.")
>>> doc.metadata.number, doc.metadata.doc_type, doc.key
('80/2015/QH13', 'Luật', '80/2015/QH13@2015')
>>> [s.id for s in doc.walk()]
['chp_I', 'chp_I__art_1', 'chp_I__art_1__cl_1']
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import replace
from datetime import date
from functools import cache

from vbpl.collector import paused_collector
from vbpl.errors import InputError
from vbpl.lexicon.dates import EFFECTIVE_RE, EFFECTIVE_SIGNED_RE, date_of
from vbpl.lexicon.notes import notes_in, strip_notes
from vbpl.model import Document, Metadata, Section, Span, shared_section
from vbpl.parser.footnotes import footnotes_start
from vbpl.parser.header import is_addressing_line, is_preamble_line, issuer_name, read_header
from vbpl.parser.ids import IdRegistry
from vbpl.parser.lines import Line, split_lines
from vbpl.parser.outline import build_outline
from vbpl.parser.tail import find_tail, tail_kind
from vbpl.text.normalize import normalize

_MAX_CHARS = 200_000_000
#: an introduction longer than this many lines before the first numbered line is body text
_INTRO_MAX_LINES = 12
_DIVISION_TOKENS = frozenset({"part", "chapter"})
_GC_PAUSE_CHARS = 100_000


#: the document's own statement of effect: "Luật này có hiệu lực …", "Nghị định này …", and
#: the closing formula "Quy định này thay thế Quy định số 270-QĐ/TW, ngày … và có hiệu lực …"
#: (what it replaces stands between; the sentence does not end before "và có hiệu lực")
_OWN_EFFECT_RE = re.compile(
    r"(?<!\w)này(?:(?:\s+[^\s,;.]+){0,3}?|\s+thay thế[^;]{1,300}?\s+và"
    r"|\s+(?:đã\s+)?được[^;]{1,300}?thông qua[^;]{1,80}?\s+và)\s+có hiệu lực"
)
#: the heading of an effect article: "Hiệu lực thi hành", "Hiệu lực", "Điều khoản thi hành"
_EFFECT_HEADING_RE = re.compile(
    r"^\s*(?:hiệu lực(?!\s+(?:của|pháp luật))|điều khoản thi hành|thi hành$)", re.IGNORECASE
)


def _effective(
    lines: list[Line], lo: int, hi: int, issued: date | None, doc_type: str | None = None
) -> date | None:
    """The date the document says it takes effect: the first statement of effect that is the
    document's own ("Luật này có hiệu lực thi hành từ ngày …", "… có hiệu lực kể từ ngày ký")
    or stands in its effect article (Điều N. Hiệu lực thi hành), outside quotes and editorial
    notes (their dates are other documents'). ``None`` when the text states none: "Quyết
    định … có hiệu lực kể từ ngày ký" inside an article on decisions is not the document's.
    """
    found = _effective_in(lines, lo, hi, issued, quoted=False, doc_type=doc_type)
    if found is None:  # quotes left open by an amending law's text: the closing lines
        found = _effective_in(lines, max(lo, hi - 8), hi, issued, quoted=True)
    return found


def _effective_in(
    lines: list[Line],
    lo: int,
    hi: int,
    issued: date | None,
    *,
    quoted: bool,
    doc_type: str | None = None,
) -> date | None:
    in_effect_article = False
    own = _own_type_effect_re(doc_type) if doc_type else None
    for ln in lines[lo:hi]:
        if ln.token == "article":
            rest = strip_notes(ln.rest).strip(" .:")
            in_effect_article = bool(_EFFECT_HEADING_RE.match(rest)) or bool(
                own and own.match(rest)  # "Điều 2. Quyết định có hiệu lực từ ngày ký."
            )
        elif ln.token in ("chapter", "part", "section", "appendix"):
            in_effect_article = False
        s = ln.text
        if (ln.quoted and not quoted) or "hiệu lực" not in s:
            continue
        s = strip_notes(s)  # an editorial note's dates are another document's
        if not (in_effect_article and not quoted) and not _OWN_EFFECT_RE.search(s):
            continue
        m = EFFECTIVE_RE.search(s)
        if m:
            return date_of(m)
        if issued is not None and EFFECTIVE_SIGNED_RE.search(s):
            return issued
    return None


@cache
def _own_type_effect_re(doc_type: str) -> re.Pattern[str]:
    """An article that opens with the document's own type and its effect ("Quyết định có
    hiệu lực kể từ ngày ký" in a Quyết định): the document's own statement, "này" or not.

    >>> bool(_own_type_effect_re("Quyết định").match("Quyết định có hiệu lực kể từ ngày ký"))
    True
    >>> bool(_own_type_effect_re("Quyết định").match("Quyết định xử phạt có hiệu lực từ ngày ký"))
    False
    """
    return re.compile(rf"{re.escape(doc_type)}(?:\s+này)?\s+có hiệu lực", re.IGNORECASE)


def intro_end(lines: list[Line], lo: int, hi: int) -> int:
    """Where the body starts once its introduction is set apart as preamble.

    Lines before the first numbered line (from ``lo``, before ``hi``) are the preamble when
    they introduce it: the last one ends with ":" ("…, Bộ Chính trị kết luận như sau:") and
    there are at most twelve, or the first numbered line opens a Phần or Chương (the opening
    part of a charter). Lines "- Căn cứ …" of a Party preamble count as unnumbered. Returns
    ``lo`` when there is no such introduction.

    >>> from vbpl.parser.lines import split_lines
    >>> ls = split_lines("Tại phiên họp ngày 14/11/2025, Bộ Chính trị kết luận như sau:\\n1. Nhất trí.")
    >>> intro_end(ls, 0, len(ls))
    1
    >>> ls = split_lines("Đoạn mở đầu.\\n1. Nhất trí.")
    >>> intro_end(ls, 0, len(ls))
    0
    """
    k = lo
    addressees = False  # under a dispatch's "THỦ TƯỚNG CHÍNH PHỦ điện:": its addressees
    listed = 0
    while k < hi:
        ln = lines[k]
        if ln.token is None or ln.quoted or is_preamble_line(ln.text):
            addressees = ln.token is None and is_addressing_line(ln.text)
        elif addressees and ln.token in ("dash", "plus"):
            listed += 1
        else:
            break
        k += 1
    if k == lo or k >= hi:
        return lo
    if lines[k].token in _DIVISION_TOKENS:
        return k
    if k - lo - listed <= _INTRO_MAX_LINES and (
        addressees or lines[k - 1].text.rstrip().endswith(":")
    ):
        return k
    return lo


def _span(lines: list[Line], lo: int, hi: int) -> Span | None:
    if hi <= lo:
        return None
    return Span(lines[lo].start, lines[hi - 1].end)


def _without_tail(lines: list[Line], lo: int, hi: int) -> list[Line]:
    """``lines[lo:hi]`` with the tail of an attached document (its "Nơi nhận:" list and
    signature) left unnumbered: text of the unit above it, not items of its outline."""
    prev = ""
    for k in range(lo, hi):
        ln = lines[k]
        unnumbered = ln.token is None or ln.token in ("dash", "plus")
        if unnumbered and not ln.quoted and tail_kind(ln.text, prev) is not None:
            return lines[lo:k] + [replace(x, token=None, label=None) for x in lines[k:hi]]
        prev = ln.text
    return lines[lo:hi]


def _appendix(
    text: str, lines: list[Line], lo: int, hi: int, ids: IdRegistry, ordinal: int
) -> Section:
    """One appendix: its title lines are its own text; numbered lines below become children."""
    first = lines[lo]
    label = first.label if first.token == "appendix" else ""
    sid = ids.make("", "appendix", label or "", ordinal)
    body = lo + 1
    while body < hi and lines[body].token in (None, "appendix", "dash", "plus"):
        body += 1
    children = build_outline(text, _without_tail(lines, body, hi), ids, parent_id=sid)
    own_end = lines[body - 1].end
    heading = (
        strip_notes(first.rest if first.token == "appendix" else first.text).strip(" .:-") or None
    )
    if heading is None and lo + 1 < body:
        heading = strip_notes(lines[lo + 1].text) or None
    end = max([own_end] + [c.span.end for c in children])
    return shared_section(  # its own text: text[first.start:own_end], shared
        sid,
        "appendix",
        label or "",
        heading,
        text,
        own_end,
        Span(first.start, end),
        children,
        notes_in(text[first.start : own_end]),
    )


def parse_text(text: str, *, source: str | None = None) -> Document:
    """Parse a plain-text legal or Party document (see the module docstring).

    Raises :class:`~vbpl.errors.InputError` when ``text`` is not a string or is too large.
    """
    return parse_text_owned([text], source=source)


def parse_text_owned(
    box: list[str], *, source: str | None = None, keep_raw: bool = True
) -> Document:
    """:func:`parse_text` of the text in ``box``, which it empties. ``keep_raw=False``
    leaves ``raw`` out (``None``) and drops the text as given once it is normalised, so
    that a caller holding no other reference to it (``box`` was its only holder) parses
    with one copy of the text less (a large text: 1.4x its UTF-8 size).

    >>> box = ["Điều 1.  Phạm vi"]
    >>> doc = parse_text_owned(box, keep_raw=False)
    >>> box, doc.raw, doc.text
    ([], None, 'Điều 1. Phạm vi')
    """
    text = box[0] if box else None
    if not isinstance(text, str):
        raise InputError(f"{source or '<input>'}: expected text (str), got {type(text).__name__}")
    if len(text) > _MAX_CHARS:
        raise InputError(f"{source or '<input>'}: document too large ({len(text)} characters)")
    # parsing builds no reference cycles: the collector's passes over a growing heap made
    # parse time grow faster than the text (measured in ``docs/parsing.md``)
    with paused_collector() if len(text) >= _GC_PAUSE_CHARS else nullcontext():
        del text
        return _parse(box, source, keep_raw)


def _parse(box: list[str], source: str | None, keep_raw: bool) -> Document:
    text: str | None = box.pop()
    norm = normalize(text)  # type: ignore[arg-type]
    t = norm.text
    raw = text if keep_raw and text != t else None
    offsets = norm.offsets if raw is not None else None  # t -> raw, for Document.offsets
    del norm, text  # without keep_raw, the text as given is freed here
    all_lines = split_lines(t)
    fn = footnotes_start(t, all_lines, 0)
    lines = all_lines if fn is None else all_lines[:fn]
    head = read_header(lines)
    tail = find_tail(lines, head.body_start)
    body_start = intro_end(lines, head.body_start, tail.start)
    preamble = head.preamble
    if body_start > head.body_start:
        preamble = (head.preamble[0] if head.preamble else head.body_start, body_start)
    ids = IdRegistry()
    sections = list(build_outline(t, lines[body_start : tail.start], ids))
    bounds = [*tail.appendices, len(lines)]
    for k, lo in enumerate(tail.appendices):
        sections.append(_appendix(t, lines, lo, bounds[k + 1], ids, k + 1))
    tail_end = tail.appendices[0] if tail.appendices else len(lines)
    f = dict(head.fields)
    passed = tail.fields.pop("passed", None)
    signed_for = tail.fields.pop("signed_for", None)
    if "issuer" not in f and signed_for is not None:
        f["issuer"] = issuer_name(signed_for)  # no header issuer: the body signed for
    for key, value in tail.fields.items():
        f.setdefault(key, value)
    if "issued" not in f and passed is not None:
        f["issued"] = passed  # a law without a dated header: the day it was passed
    if "effective" not in f:
        # a council's resolution states its effect in the passing statement that opens the
        # tail ("Nghị quyết này đã được … thông qua ngày … và có hiệu lực từ ngày …")
        end = tail.start
        if end < len(lines) and tail_kind(lines[end].text, "./.") == "passed":
            end += 1
        eff = _effective(lines, body_start, end, f.get("issued"), f.get("doc_type"))
        if eff is not None:
            f["effective"] = eff
    header_span = Span(0, lines[head.header_end - 1].end) if head.header_end else None
    preamble_span = _span(lines, *preamble) if preamble else None
    doc_notes: list[str] = []
    for sp in (header_span, preamble_span):
        if sp is not None:
            doc_notes.extend(notes_in(sp.slice(t)))
    metadata = Metadata(
        number=f.get("number"),
        doc_type=f.get("doc_type"),
        issuer=f.get("issuer"),
        issued=f.get("issued"),
        effective=f.get("effective"),
        signer=f.get("signer"),
        fields=tuple(f.get("fields", ())),
        title=f.get("title"),
        place=f.get("place"),
        status=f.get("status"),
        term=f.get("term"),
    )
    return Document(
        metadata=metadata,
        sections=tuple(sections),
        text=t,
        raw=raw,
        source=source,
        header=header_span,
        preamble=preamble_span,
        tail=_span(lines, tail.start, tail_end),
        notes=tuple(doc_notes),
        footnotes=None if fn is None else _span(all_lines, fn, len(all_lines)),
        offsets=offsets,
    )


__all__ = ["parse_text", "parse_text_owned"]
