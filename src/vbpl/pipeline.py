"""The whole pipeline for one document: source -> text -> clean -> parse -> refs -> Document.

Reads: a ``str`` (plain text or HTML), bytes, or a path. Writes: a :class:`~vbpl.model.Document`
with metadata, outline, references (typed, not yet resolved against a corpus) and relations.

>>> doc = parse("QUỐC HỘI\\nLuật số: 80/2015/QH13\\nĐiều 1. Phạm vi điều chỉnh\\nLuật này quy định ...")
>>> doc.metadata.number
'80/2015/QH13'
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from vbpl.clean import ComposedOffsets
from vbpl.collector import paused_collector
from vbpl.errors import InputError, ParseError
from vbpl.model import Document, Metadata, Reference, Relation, Span, keep_as_edits
from vbpl.parser.document import parse_text_owned
from vbpl.parser.extract import Extracted
from vbpl.parser.pdf import is_pdf
from vbpl.refs import annotate, scan
from vbpl.text.normalize import LazyOffsets, OffsetMap, RawEdits, normalize
from vbpl.text.read import decode_bytes, is_docx, read_bytes


@dataclass(frozen=True, slots=True)
class Source:
    """What :func:`read_source` made of some bytes: the reader's output, the encoding the
    bytes were read in (``docx`` for a Word file) and the decoded text before extraction
    (``None`` for a Word file)."""

    extracted: Extracted
    encoding: str
    decoded: str | None


def read_source(data: bytes, *, name: str = "<input>") -> Source:
    """Read bytes of any format vbpl knows, chosen by content, not by file name: a Word file
    by its zip signature, a PDF's text layer by its ``%PDF-`` signature, otherwise text decoded (byte-order mark, UTF-8, UTF-16, legacy
    Vietnamese encodings) and, when it is markup, read as an HTML page.

    Raises :class:`~vbpl.errors.InputError` naming ``name`` when the bytes are not readable.

    >>> s = read_source("Điều 1. Phạm vi".encode("utf-16"))
    >>> s.encoding, s.extracted.format, s.extracted.text
    ('utf-16', 'text', 'Điều 1. Phạm vi')
    """
    if is_docx(data):
        from vbpl.parser.docx import extract_docx  # python-docx and lxml: only for Word files

        return Source(extract_docx(data, name), "docx", None)
    if is_pdf(data):
        from vbpl.clean import extract_text
        from vbpl.parser.pdf import extract_pdf  # pypdf: only for PDF files

        text = extract_pdf(data, name).text
        return Source(extract_text(text, pdf=True), "pdf", text)
    text, encoding = decode_bytes(data, name)
    return Source(extract(text), encoding, text)


def _read_owned(box: list[bytes], name: str) -> Source:
    """:func:`read_source` of the bytes in ``box``, emptied once they are decoded: the caller
    keeps no reference, so the bytes are freed before the clean-up stage and the parse (a
    large text's bytes are 0.7x its decoded size)."""
    data = box.pop()
    if is_docx(data) or is_pdf(data):
        return read_source(data, name=name)
    text, encoding = decode_bytes(data, name)
    del data
    return Source(extract(text), encoding, text)


def merge_metadata(stated: Metadata | None, parsed: Metadata) -> Metadata:
    """Fields a source states (``stated``) win; the parser's fill in what it does not state.

    >>> merge_metadata(Metadata(number="1/2020/NĐ-CP"), Metadata(number="x", signer="A")).signer
    'A'
    """
    if stated is None:
        return parsed
    changes = {}
    for f in fields(Metadata):
        value = getattr(stated, f.name)
        if value not in (None, ()):
            changes[f.name] = value
    return replace(parsed, **changes)


def _relations_for(doc: Document, stated: tuple[Relation, ...]) -> tuple[Relation, ...]:
    key = doc.key or doc.metadata.number or (doc.source or ".")
    fixed = tuple(
        replace(
            r,
            subject=key if r.subject == "." else r.subject,
            object=key if r.object == "." else r.object,
        )
        for r in stated
    )
    return doc.relations + fixed


def parse_extracted(
    ex: Extracted,
    *,
    source: str | None = None,
    encoding: str | None = None,
    raw: str | None = None,
    metadata: Metadata | None = None,
) -> Document:
    """Parse text that a format reader extracted, then find references and relations.

    ``metadata`` (fields a caller states, e.g. from a JSON row) wins over what the source
    states, which wins over what the parser reads from the text. Text with nothing to parse
    (empty, or only spaces and zero-width characters once normalised — an empty page or
    Word file included) raises :class:`~vbpl.errors.ParseError`.
    """
    return _parse_extracted(
        ex, [ex.text], source=source, encoding=encoding, raw=raw, metadata=metadata
    )


def _parse_extracted(
    ex: Extracted,
    box: list[str],
    *,
    source: str | None,
    encoding: str | None,
    raw: str | None,
    metadata: Metadata | None,
    keep_raw: bool = True,
) -> Document:
    """:func:`parse_extracted` of the text in ``box`` (emptied; ``ex.text`` is not read).
    ``keep_raw=False``: no ``raw`` and no ``offsets`` (the text as read is freed once
    normalised, see :func:`~vbpl.parser.document.parse_text_owned`)."""
    with paused_collector():
        doc = parse_text_owned(box, source=source, keep_raw=keep_raw)
        if not doc.text or doc.text.isspace():  # normalised: zero-width characters are gone
            where = source or "<input>"
            raise ParseError(f"{where}: no text to parse ({ex.format} source is empty)")
        # the text the parser normalised (kept only when it differs from doc.text), as the
        # normaliser's edits when they are smaller: they rebuild it and map spans back to it
        given = doc.raw
        edits = _edits(doc.text, given, doc.offsets) if given is not None else None
        # the map from doc.text back to ex.text, computed when first asked for
        offsets: LazyOffsets | ComposedOffsets | None = None
        if keep_raw:
            offsets = None if given is None else edits or LazyOffsets(ex.text)
            if ex.offsets is not None:  # the clean-up stage changed the text: on to the source
                offsets = ComposedOffsets(ex.offsets, offsets)
        stated = merge_metadata(metadata, ex.metadata) if ex.metadata is not None else metadata
        if stated is not None:
            doc = replace(doc, metadata=merge_metadata(stated, doc.metadata))
        doc = annotate(doc)
    if ex.relations:
        doc = replace(doc, relations=_relations_for(doc, ex.relations))
    changes: dict[str, Any] = {} if offsets is None else {"offsets": offsets}
    if encoding is not None or raw is not None:
        raw = raw if keep_raw and raw != doc.text else None
        changes.update(encoding=encoding, raw=raw)
    else:
        raw = given
    if edits is not None and raw is not None and (raw is given or raw == given):
        return keep_as_edits(doc, edits, **changes)  # (last: a replace would rebuild raw)
    return replace(doc, **changes) if changes else doc


#: the edits of the text as read are kept instead of the text when they take at most this
#: share of its memory (a text whose every other word was changed keeps its string; a
#: text with ``\r\n`` line ends: ~20 %)
_EDITS_SHARE = 0.5


def _edits(text: str, raw: str, offsets: OffsetMap | LazyOffsets | None) -> RawEdits | None:
    """The :class:`RawEdits` of ``raw`` (normalised into ``text`` with the map ``offsets``),
    or ``None`` when there is no map or they would not save memory."""
    if not isinstance(offsets, OffsetMap):
        return None
    size = sys.getsizeof(raw)
    if len(offsets.norm) * 8 > size * _EDITS_SHARE:  # the map alone would be too large
        return None
    edits = RawEdits.of(text, raw, offsets)
    return edits if edits.nbytes <= size * _EDITS_SHARE else None


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in text[:65536].lower() or "<div" in head or "<p" in head)
    )


def extract(text: str) -> Extracted:
    """Choose a reader by content: HTML pages go through :mod:`vbpl.parser.html`, other text
    through the clean-up stage (:mod:`vbpl.clean`: converter markdown, saved site pages, hard
    wraps).

    >>> extract("Điều 1. Phạm vi").format
    'text'
    """
    if _looks_like_html(text):
        from vbpl.parser.html import extract_html  # beautifulsoup and lxml: only for pages

        return extract_html(text)
    from vbpl.clean import extract_text

    return extract_text(text)


def parse(
    text_or_html: str, *, source: str | None = None, metadata: Metadata | None = None
) -> Document:
    """Parse a document given as plain text or HTML.

    ``metadata``, when given, states fields that win over what the parser reads (a JSON row's
    metadata, a catalogue's record); the parser fills in the rest.

    >>> parse("Điều 1. Phạm vi\\nNội dung.").sections[0].id
    'art_1'
    >>> parse("Điều 1. Phạm vi", metadata=Metadata(number="5/2020/QH14")).metadata.number
    '5/2020/QH14'
    """
    if not isinstance(text_or_html, str):
        raise InputError(f"parse expects text, got {type(text_or_html).__name__}")
    with paused_collector():  # the clean-up stage too: its objects grow with the text
        ex = extract(text_or_html)
        raw = text_or_html if ex.offsets is not None else None  # spans map to the caller's text
        return parse_extracted(ex, source=source, metadata=metadata, raw=raw)


def parse_bytes(
    data: bytes,
    *,
    source: str | None = None,
    metadata: Metadata | None = None,
    keep_raw: bool = True,
) -> Document:
    """Parse a document from bytes of any format :func:`read_source` reads
    (``keep_raw``: see :func:`parse_file`).

    >>> parse_bytes("Điều 1. Phạm vi".encode("utf-8")).sections[0].id
    'art_1'
    """
    return _parse_owned([data], source=source, metadata=metadata, keep_raw=keep_raw)


def _parse_owned(
    box: list[bytes], *, source: str | None, metadata: Metadata | None, keep_raw: bool = True
) -> Document:
    with paused_collector():  # decoding and the clean-up stage too
        src = _read_owned(box, source or "<input>")
        ex, encoding = src.extracted, src.encoding
        if keep_raw:
            return parse_extracted(
                ex, source=source, encoding=encoding, raw=src.decoded, metadata=metadata
            )
        # the extracted text handed over alone: no Source or Extracted keeps it alive
        text = [ex.text]
        del src
        ex = replace(ex, text="")
        return _parse_extracted(
            ex, text, source=source, encoding=encoding, raw=None, metadata=metadata, keep_raw=False
        )


def parse_file(
    path: str | Path, *, metadata: Metadata | None = None, keep_raw: bool = True
) -> Document:
    """Parse the file at ``path`` (``-`` reads standard input), whatever its format.

    The format is chosen by content (docx and PDF signatures, HTML markup, markdown, legacy
    encodings), not by the file name. ``keep_raw=False`` leaves ``Document.raw`` and
    ``Document.offsets`` out (``None``: spans then map back to nothing), so that the text as
    read is freed once normalised: the peak memory of a large text is lower by 1.4x its size
    (its JSON form holds neither).
    """
    # the bytes are handed over in a list that the reader empties: an argument would stay
    # referenced from this frame through the whole parse
    return _parse_owned([read_bytes(path)], source=str(path), metadata=metadata, keep_raw=keep_raw)


def find_references(text: str) -> list[Reference]:
    """Every reference in ``text``, with spans that index ``text`` itself — the caller's
    string, whatever spaces, zero-width characters or decomposed tone marks it holds.
    ``Reference.text`` is the mention as normalised (:mod:`vbpl.text.normalize`).

    >>> s = "theo  Nghị định số 13/2023/NĐ-CP"
    >>> [s[r.span.start : r.span.end] for r in find_references(s)]
    ['Nghị định số 13/2023/NĐ-CP']
    """
    if not isinstance(text, str):
        raise InputError(f"find_references expects text, got {type(text).__name__}")
    norm = normalize(text)
    refs = scan(norm.text)[0]
    m = norm.offsets
    if len(m.norm) == 1:  # nothing changed: the spans already index text
        return refs
    return [replace(r, span=Span(m.to_raw(r.span.start), m.to_raw_end(r.span.end))) for r in refs]


__all__ = [
    "Source",
    "extract",
    "find_references",
    "merge_metadata",
    "parse",
    "parse_bytes",
    "parse_extracted",
    "parse_file",
    "paused_collector",
    "read_source",
]
