"""The whole pipeline for one document: source -> text -> parse -> refs -> Document.

Reads: a ``str`` (plain text or HTML), bytes, or a path. Writes: a :class:`~vbpl.model.Document`
with metadata, outline, references (typed, not yet resolved against a corpus) and relations.

>>> doc = parse("QUỐC HỘI\\nLuật số: 80/2015/QH13\\nĐiều 1. Phạm vi điều chỉnh\\nLuật này quy định ...")
>>> doc.metadata.number
'80/2015/QH13'
"""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from vbpl.model import Document, Metadata, Relation
from vbpl.parser.extract import Extracted


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
    ex: Extracted, *, source: str | None = None, encoding: str | None = None, raw: str | None = None
) -> Document:
    """Parse text that a format reader extracted, then find references and relations."""
    import gc

    from vbpl.parser.document import parse_text
    from vbpl.refs import annotate

    # parse and annotate build many small objects and no cycles: the collector's passes
    # over them cost 5-10 % of the time (docs/performance.md); reference counting still frees
    paused = gc.isenabled()
    gc.disable()
    try:
        doc = parse_text(ex.text, source=source)
        if ex.metadata is not None:
            doc = replace(doc, metadata=merge_metadata(ex.metadata, doc.metadata))
        doc = annotate(doc)
    finally:
        if paused:
            gc.enable()
    if ex.relations:
        doc = replace(doc, relations=_relations_for(doc, ex.relations))
    if encoding is not None or raw is not None:
        doc = replace(doc, encoding=encoding, raw=raw if raw != doc.text else None)
    return doc


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        head.startswith("<") and ("<body" in text[:65536].lower() or "<div" in head or "<p" in head)
    )


def extract(text: str) -> Extracted:
    """Choose a reader by content: HTML pages go through :mod:`vbpl.parser.html`."""
    if _looks_like_html(text):
        from vbpl.parser.html import extract_html

        return extract_html(text)
    return Extracted(text=text, format="text")


def parse(text_or_html: str, *, source: str | None = None) -> Document:
    """Parse a document given as plain text or HTML.

    >>> parse("Điều 1. Phạm vi\\nNội dung.").sections[0].id
    'art_1'
    """
    return parse_extracted(extract(text_or_html), source=source)


def parse_bytes(data: bytes, *, source: str | None = None) -> Document:
    """Parse a document from bytes: docx by signature, otherwise decoded text or HTML."""
    from vbpl.text.read import decode_bytes

    name = source or "<input>"
    if data[:4] == b"PK\x03\x04":
        from vbpl.parser.docx import extract_docx

        return parse_extracted(extract_docx(data, name), source=source, encoding="docx")
    text, encoding = decode_bytes(data, name)
    return parse_extracted(extract(text), source=source, encoding=encoding, raw=text)


def parse_file(path: str | Path) -> Document:
    """Parse the file at ``path`` (``-`` reads standard input), whatever its format.

    The format is chosen by content (docx signature, HTML markup, legacy encodings), not by the
    file name.
    """
    from vbpl.text.read import read_bytes

    return parse_bytes(read_bytes(path), source=str(path))


__all__ = ["extract", "merge_metadata", "parse", "parse_bytes", "parse_extracted", "parse_file"]
