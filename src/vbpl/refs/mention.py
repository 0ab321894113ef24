"""A mention of a document in text, before it becomes a :class:`~vbpl.model.Reference`.

The finder (:mod:`vbpl.refs.find`) produces mentions; :mod:`vbpl.refs.relations` types them;
:mod:`vbpl.refs.annotate` turns them into References with their section and target.

>>> m = Mention(0, 15, "full", number="45-NQ/TW", doc_type="Nghị quyết")
>>> mention_object(m), make_reference("Nghị quyết 45-NQ/TW", m).number
('45-NQ/TW', '45-NQ/TW')
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date

from vbpl.model import Reference, Span


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a document is mentioned (``[start, end)`` in the normalised text) and what the
    mention states. ``kind`` is a :data:`~vbpl.model.ReferenceKind`; ``unit_relative`` marks
    a pinpoint into the citing document itself (``khoản 2 Điều này``); ``extra`` holds what
    the finder read besides the Reference fields (``year`` of a named mention)."""

    start: int
    end: int
    kind: str
    number: str | None = None
    doc_type: str | None = None
    date: date | None = None
    issuer: str | None = None
    term: str | None = None
    title: str | None = None
    pinpoint: str | None = None
    relation: str = "cites"
    unit_relative: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=False)

    def with_relation(self, relation: str) -> Mention:
        """This mention with another relation (``dataclasses.replace``, without its cost on
        the hot path of the finder)."""
        return Mention(
            self.start, self.end, self.kind, self.number, self.doc_type, self.date, self.issuer,
            self.term, self.title, self.pinpoint, relation, self.unit_relative, self.extra,
        )  # fmt: skip


def mention_object(x: Mention | Reference | None) -> str | None:
    """How a relation names a mentioned document: its number, else ``"<type> <title>"`` for a
    named mention (``Luật Đất đai``), else ``None``.

    >>> mention_object(Mention(0, 5, "named", doc_type="Luật", title="Đất đai"))
    'Luật Đất đai'
    """
    if x is None:
        return None
    if x.number:
        return x.number
    if x.kind == "named" and x.title:
        return f"{x.doc_type} {x.title}" if x.doc_type else x.title
    return None


def _shared(value: str | None) -> str | None:
    """One string object for equal values: a long text repeats the same few numbers, types,
    issuers and mention texts thousands of times (``sys.intern``; freed with their last use)."""
    return value if value is None else sys.intern(value)


def make_reference(t: str, x: Mention, **extra: object) -> Reference:
    """The Reference of a mention; ``extra`` sets more fields (section, target, …) at once.
    Its strings are shared with equal ones of other references (:func:`_shared`)."""
    fields: dict[str, object] = {
        "text": sys.intern(t[x.start : x.end]),
        "span": Span(x.start, x.end),
        "kind": x.kind,
        "number": _shared(x.number),
        "doc_type": _shared(x.doc_type),
        "date": x.date,
        "issuer": _shared(x.issuer),
        "term": _shared(x.term),
        "title": _shared(x.title),
        "pinpoint": _shared(x.pinpoint),
        "relation": x.relation,
    }
    fields.update(extra)
    return Reference(**fields)  # type: ignore[arg-type]


__all__ = ["Mention", "make_reference", "mention_object"]
