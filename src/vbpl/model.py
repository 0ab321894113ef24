"""The data model: frozen dataclasses shared by every stage of the pipeline.

Everything a parser, the reference finder, the corpus or the search index produces is one of
these classes. They are immutable (``frozen=True, slots=True``), use tuples for sequences, and
round-trip through plain JSON-ready dicts with :meth:`to_dict` / :meth:`from_dict`; the dict
shapes are the JSON interface of ``../shared/DESIGN.md`` and ``docs/json.md``.

Offsets (:class:`Span`) index ``Document.text``, the *normalised* text (see
:mod:`vbpl.text.normalize`); ``Document.to_dict`` carries that text so that a JSON reader can
slice it.

>>> m = Metadata(number="128-HD/BTGTW", doc_type="Hướng dẫn", issued=date(2023, 12, 22))
>>> m.key
'128-HD/BTGTW@2023'
>>> Metadata.from_dict(m.to_dict()) == m
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import import_module
from typing import Any, Literal, get_args

from vbpl.lexicon.units import kind_words
from vbpl.text.normalize import LazyOffsets, OffsetMap, RawEdits

SectionKind = Literal[
    "part",  # Phần
    "chapter",  # Chương
    "section",  # Mục
    "subsection",  # Tiểu mục
    "article",  # Điều
    "clause",  # khoản
    "point",  # điểm
    "item",  # dash (-) or plus (+) item
    "heading",  # I./II., 1./2., 1.1 headings of guidance outlines
    "paragraph",  # an unnumbered paragraph that stands on its own (preamble, closing words)
    "appendix",  # Phụ lục
]
SECTION_KINDS: tuple[str, ...] = get_args(SectionKind)

#: the word written before each kind's label (Điều 5, Khoản 2): :func:`vbpl.lexicon.units.kind_words`

RelationKind = Literal[
    "cites",
    "based_on",  # Căn cứ … (legal basis)
    "implements",  # thực hiện, triển khai, quán triệt
    "guides",  # hướng dẫn, quy định chi tiết
    "amends",  # sửa đổi, bổ sung
    "replaces",  # thay thế
    "repeals",  # bãi bỏ
    "corrects",  # đính chính
    "consolidates",  # a Văn bản hợp nhất and the texts it consolidates
    "guided_by",
    "amended_by",
    "replaced_by",
    "repealed_by",
    "corrected_by",
    "implemented_by",
    "consolidated_by",
]
RELATION_KINDS: tuple[str, ...] = get_args(RelationKind)

#: active relation -> its passive form, and back
PASSIVE: dict[str, str] = {
    "guides": "guided_by",
    "amends": "amended_by",
    "replaces": "replaced_by",
    "repeals": "repealed_by",
    "corrects": "corrected_by",
    "implements": "implemented_by",
    "consolidates": "consolidated_by",
}
ACTIVE: dict[str, str] = {v: k for k, v in PASSIVE.items()}

ReferenceKind = Literal["full", "short", "relative", "named"]
REFERENCE_KINDS: tuple[str, ...] = get_args(ReferenceKind)

TaskVia = Literal["direct", "inherited"]


#: computed views of a Document that a later stage provides; the model imports nothing above
#: it, so the stage registers its function here when it loads ("tasks": the task finder)
DOCUMENT_VIEWS: dict[str, Callable[[Any], Any]] = {}


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


#: characters of a long string encoded at a time by :meth:`Document.iter_json` (orjson
#: reserves room for the worst case of escapes: a 1M-character slice cost 38 MB), and the
#: bytes of its pieces
_JSON_SLICE = 1 << 15
_JSON_PIECE = 1 << 18


@dataclass(frozen=True, slots=True)
class _Items:
    """A list value of :func:`_object_json`: ``encode(item, pad)`` gives each item's pieces."""

    items: tuple[Any, ...]
    encode: Callable[[Any, bytes | None], Iterator[bytes]]


def _value_json(value: Any, pad: bytes | None) -> Iterator[bytes]:
    """Pieces of the JSON of a plain value whose first line sits at column ``len(pad)``
    (``pad`` ``None``: not indented); a long string in slices."""
    import orjson

    if isinstance(value, str) and not value.isascii():
        # orjson asks CPython for the UTF-8 of a non-ASCII string, which caches it in the
        # string object for as long as it lives: encoding the document's own strings would
        # add their UTF-8 (0.7x the text per copy) to the Document for good. A fresh copy or
        # slice is encoded instead and freed at once.
        if len(value) <= _JSON_SLICE:
            yield orjson.dumps("".join((value, "")))
            return
        yield b'"'
        for k in range(0, len(value), _JSON_SLICE):
            yield orjson.dumps(value[k : k + _JSON_SLICE])[1:-1]
        yield b'"'
    elif pad is None:
        yield orjson.dumps(value)
    else:  # newlines occur only between tokens in JSON (escaped inside strings)
        yield orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n" + pad)


def _object_json(
    pairs: list[tuple[str, Any]], pad: bytes | None, *, opened: bool = False
) -> Iterator[bytes]:
    """Pieces of ``orjson.dumps(dict(pairs))`` (indented by two when ``pad`` is not ``None``,
    the object's ``{`` at column ``len(pad)``), :class:`_Items` values item by item;
    ``opened``: the object's first keys were written already (a ``,`` before the first pair)."""
    import orjson

    inner = b"" if pad is None else b"\n" + pad + b"  "
    sep = b":" if pad is None else b": "
    deeper = None if pad is None else pad + b"  "
    for n, (key, value) in enumerate(pairs):
        yield (b"," if n or opened else b"{") + inner + orjson.dumps(key) + sep
        if isinstance(value, _Items):
            if not value.items:
                yield b"[]"
                continue
            item = b"" if deeper is None else b"\n" + deeper + b"  "
            inside = None if deeper is None else deeper + b"  "
            for k, x in enumerate(value.items):
                yield (b"," if k else b"[") + item
                yield from value.encode(x, inside)
            yield b"]" if deeper is None else b"\n" + deeper + b"]"
        else:
            yield from _value_json(value, deeper)
    yield b"}" if pad is None else b"\n" + pad + b"}"


def _fresh(value: Any) -> Any:
    """A copy of a non-ASCII string (see :func:`_value_json`), other values as they are."""
    if type(value) is str and not value.isascii():
        return "".join((value, ""))
    return value


def _dict_json(d: dict[str, Any], pad: bytes | None) -> bytes | None:
    """``orjson.dumps(d)`` in one call, nested at ``pad`` (see :func:`_object_json`) and its
    strings encoded from fresh copies; ``None`` when a value is a long string (then encoded
    in slices, key by key)."""
    import orjson

    fresh = {}
    for key, value in d.items():
        if type(value) is str and len(value) > _JSON_SLICE:
            return None
        fresh[key] = _fresh(value)
    if pad is None:
        return orjson.dumps(fresh)
    return orjson.dumps(fresh, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n" + pad)


def _flat_json(x: Any, pad: bytes | None) -> Iterator[bytes]:
    """Pieces of ``x.to_dict()`` (a reference or relation): one, unless a string is long."""
    d = x.to_dict()
    data = _dict_json(d, pad)
    if data is None:
        yield from _object_json(list(d.items()), pad)
    else:
        yield data


def _section_json(s: Section, pad: bytes | None) -> Iterator[bytes]:
    """Pieces of ``s.to_dict()``, its children one at a time."""
    d = s.to_dict_shallow()
    children = _Items(s.children, _section_json)
    data = _dict_json(d, pad) if d else None
    if data is None:
        yield from _object_json([*d.items(), ("children", children)], pad)
        return
    # the object without its last key: reopen it before the "}" and add the children
    close = b"}" if pad is None else b"\n" + pad + b"}"
    yield data[: -len(close)]
    yield from _object_json([("children", children)], pad, opened=True)


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into a document's normalised text.

    >>> Span(3, 7).slice("0123456789")
    '3456'
    """

    start: int
    end: int

    def slice(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def __reduce__(self) -> tuple[Any, ...]:
        # positional state: pickling documents between processes is on the hot path of
        # parallel loading (``jobs=``); the dataclass default sets each slot by name
        return (Span, (self.start, self.end))


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a document says about itself (or what a legal website says about it).

    ``number`` is the canonical số ký hiệu (``128-HD/BTGTW``, ``13/2023/NĐ-CP``); ``doc_type``
    the loại văn bản (Luật, Nghị định, Hướng dẫn, …); ``issued``/``effective`` the ngày ban
    hành / ngày có hiệu lực; ``fields`` the lĩnh vực; ``title`` the trích yếu; ``status`` the
    tình trạng hiệu lực when a source states it; ``term`` the Party khóa (``XIII``) when known.
    """

    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issued: date | None = None
    effective: date | None = None
    signer: str | None = None
    fields: tuple[str, ...] = ()
    title: str | None = None
    place: str | None = None
    status: str | None = None
    term: str | None = None

    @property
    def key(self) -> str | None:
        """Document key: canonical number plus year of issue (``45-NQ/TW@2023``).

        Party numbers restart each term and administrative numbers each year, so the number
        alone is ambiguous; the year disambiguates. Without a number there is no key.
        """
        if not self.number:
            return None
        return f"{self.number}@{self.issued.year}" if self.issued else self.number

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Metadata,
            (
                self.number,
                self.doc_type,
                self.issuer,
                self.issued,
                self.effective,
                self.signer,
                self.fields,
                self.title,
                self.place,
                self.status,
                self.term,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "issued": _iso(self.issued),
            "effective": _iso(self.effective),
            "signer": self.signer,
            "fields": list(self.fields),
            "title": self.title,
            "place": self.place,
            "status": self.status,
            "term": self.term,
            "key": self.key,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Metadata:
        return cls(
            number=d.get("number"),
            doc_type=d.get("doc_type"),
            issuer=d.get("issuer"),
            issued=_date(d.get("issued")),
            effective=_date(d.get("effective")),
            signer=d.get("signer"),
            fields=tuple(d.get("fields") or ()),
            title=d.get("title"),
            place=d.get("place"),
            status=d.get("status"),
            term=d.get("term"),
        )


@dataclass(frozen=True, slots=True)
class Section:
    """One numbered unit of a document's outline, with its children.

    ``id`` is path-shaped and stable (``chp_II__art_5__cl_2__pt_a``, ``hd_II__hd_1__item_3``;
    see :mod:`vbpl.parser.ids`). ``label`` is the number as printed without punctuation
    (``II``, ``1``, ``a``, ``đ``, ``5``; ``-`` for a dash item). ``heading`` is the title that
    follows the label when the unit has one (Điều 5. *Hiệu lực thi hành*), else ``None``.
    ``text`` is the section's own text — its label line and the unnumbered paragraphs that
    belong to it, **not** its children's text; ``span`` covers the whole unit including its
    children. ``notes`` are editorial notes (``[Khoản này được sửa đổi bởi …]``) that a legal
    website put inside the unit, kept as annotations.

    A parsed document's sections share its text: ``text`` is then sliced from
    ``Document.text`` on each access (a new string each time, equal to the one the parser
    read) instead of being a copy kept per section.
    """

    id: str
    kind: SectionKind
    label: str
    heading: str | None
    text: str
    span: Span
    children: tuple[Section, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def kind_word(self) -> str | None:
        """How the kind is written before the label (``Điều``, ``Khoản``), if it has a word.

        >>> Section("art_5", "article", "5", None, "Điều 5.", Span(0, 7)).kind_word
        'Điều'
        """
        return kind_words().get(self.kind)

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self, document_text: str) -> str:
        """The text of the whole unit, children included."""
        return self.span.slice(document_text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Section,
            (
                self.id,
                self.kind,
                self.label,
                self.heading,
                self.text,
                self.span,
                self.children,
                self.notes,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        d = self.to_dict_shallow()
        d["children"] = [c.to_dict() for c in self.children] if self.children else []
        return d

    def to_dict_shallow(self) -> dict[str, Any]:
        """:meth:`to_dict` without its last key, ``children``."""
        span = self.span
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "heading": self.heading,
            "text": self.text,
            "start": span.start,
            "end": span.end,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Section:
        children = d.get("children")
        notes = d.get("notes")
        return cls(
            d["id"],
            d["kind"],
            d["label"],
            d.get("heading"),
            d.get("text", ""),
            Span(int(d.get("start", 0)), int(d.get("end", 0))),
            tuple([cls.from_dict(c) for c in children]) if children else (),
            tuple(notes) if notes else (),
        )

    def _repr_html_(self) -> str:
        from vbpl.display import section_html  # notebooks only: html is not imported to parse

        return section_html(self)


class _SharedText(tuple[str, int]):
    """A section's own text kept as ``(document text, where it ends)``: it starts where the
    section's span starts; the document's string is shared, not copied."""

    __slots__ = ()


#: the slot that holds a section's own text: a ``str``, or a :class:`_SharedText`
_SECTION_TEXT: Any = Section.__dict__["text"]


def _section_text(section: Section) -> str:
    text: str | _SharedText = _SECTION_TEXT.__get__(section, Section)
    if isinstance(text, _SharedText):
        return text[0][section.span.start : text[1]]
    return text


# ``text`` read through the slot: positional construction, ``replace``, equality, hashing,
# ``repr`` and pickling all see the string (the dataclass's methods read the attribute)
setattr(  # noqa: B010 (a class attribute mypy would refuse to see reassigned)
    Section,
    "text",
    property(_section_text, _SECTION_TEXT.__set__, doc="The section's own text (see the class)."),
)


def shared_section(
    id: str,
    kind: SectionKind,
    label: str,
    heading: str | None,
    source: str,
    own_end: int,
    span: Span,
    children: tuple[Section, ...] = (),
    notes: tuple[str, ...] = (),
) -> Section:
    """A :class:`Section` whose own text is ``source[span.start:own_end]``, kept as that
    range of ``source`` (a parser's sections and its document's text: one string).

    >>> s = shared_section("art_1", "article", "1", None, "Điều 1. Phạm vi", 7, Span(0, 15))
    >>> s.text, s == Section("art_1", "article", "1", None, "Điều 1.", Span(0, 15))
    ('Điều 1.', True)
    """
    # the slots set one by one: a frozen dataclass's ``__init__`` costs twice as much (it
    # looks ``object.__setattr__`` up for each field), and a parser makes many sections
    section = _new_section(Section)
    _set_id(section, id)
    _set_kind(section, kind)
    _set_label(section, label)
    _set_heading(section, heading)
    _SECTION_TEXT.__set__(section, _SharedText((source, own_end)))
    _set_span(section, span)
    _set_children(section, children)
    _set_notes(section, notes)
    return section


_new_section = Section.__new__
_set_id, _set_kind, _set_label, _set_heading, _set_span, _set_children, _set_notes = (
    Section.__dict__[name].__set__
    for name in ("id", "kind", "label", "heading", "span", "children", "notes")
)


def own_text_range(section: Section) -> tuple[str, int, int]:
    """Where a section's own text is held: ``(string, start, end)``, with
    ``string[start:end] == section.text`` — its document's text when it shares it (a
    parsed document's section), else its own string. Reads a long text without a copy.

    >>> s = shared_section("art_1", "article", "1", None, "Điều 1. Phạm vi", 7, Span(0, 15))
    >>> own_text_range(s)
    ('Điều 1. Phạm vi', 0, 7)
    >>> own_text_range(Section("art_1", "article", "1", None, "Điều 1.", Span(0, 15)))
    ('Điều 1.', 0, 7)
    """
    text: str | _SharedText = _SECTION_TEXT.__get__(section, Section)
    if isinstance(text, _SharedText):
        return text[0], section.span.start, text[1]
    return text, 0, len(text)


def own_texts(sections: Iterable[Section]) -> None:
    """Give ``sections`` (and their descendants) their own texts again, copied from the
    document's text they share: for a holder that lets the document go and frees each
    section once done with it (an indexer), so that the document's text is freed at once
    and each section's text with the section. Values, equality and hashes do not change.

    >>> s = shared_section("art_1", "article", "1", None, "Điều 1. Phạm vi", 7, Span(0, 15))
    >>> own_texts([s])
    >>> own_text_range(s)
    ('Điều 1.', 0, 7)
    """
    get, put = _SECTION_TEXT.__get__, _SECTION_TEXT.__set__
    todo = list(sections)
    while todo:
        s = todo.pop()
        if get(s, Section).__class__ is _SharedText:
            put(s, _section_text(s))
        if s.children:
            todo.extend(s.children)


def share_texts(text: str, sections: tuple[Section, ...]) -> None:
    """Let ``sections`` (and their descendants) share ``text``: each whose own text is
    the text at its span's start keeps only where it ends. Only for sections nobody else
    holds yet (a loader's): their values do not change, so neither does their equality or
    hash.

    >>> s = Section("art_1", "article", "1", None, "Điều 1.", Span(0, 7))
    >>> share_texts("Điều 1. Phạm vi", (s,))
    >>> s.text, _SECTION_TEXT.__get__(s, Section).__class__.__name__
    ('Điều 1.', '_SharedText')
    """
    get, put, starts = _SECTION_TEXT.__get__, _SECTION_TEXT.__set__, text.startswith
    todo = list(sections)
    while todo:
        s = todo.pop()
        own = get(s, Section)
        if own.__class__ is str and own:
            start = s.span.start
            if starts(own, start):
                put(s, _SharedText((text, start + len(own))))
        if s.children:
            todo.extend(s.children)


@dataclass(frozen=True, slots=True)
class Reference:
    """A mention of another document or provision, with the parts it states.

    ``kind`` is ``full`` (type word + số + number), ``short`` (a bare number, or a pinpoint
    into a document named before), ``relative`` (``Điều này``, ``Luật này``) or ``named``
    (``Luật Đất đai``). ``pinpoint`` is the provision in canonical words (``khoản 2 Điều 5``).
    ``relation`` is how the citing text relates to it; ``target`` is a document key or a
    section id once resolved, with ``confidence`` in [0, 1]. ``reason`` says why a reference
    that names a document was left unresolved although a candidate exists (``backwards``,
    ``lower_authority``, ``other_body``, ``other_system``, ``consolidated``: the edge would
    break the law on legal documents, see :mod:`vbpl.lexicon.authority`).
    """

    text: str
    span: Span
    kind: ReferenceKind = "full"
    number: str | None = None
    doc_type: str | None = None
    date: date | None = None
    issuer: str | None = None
    term: str | None = None
    title: str | None = None
    pinpoint: str | None = None
    section: str | None = None
    relation: RelationKind = "cites"
    target: str | None = None
    confidence: float = 0.0
    reason: str | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Reference,
            (
                self.text,
                self.span,
                self.kind,
                self.number,
                self.doc_type,
                self.date,
                self.issuer,
                self.term,
                self.title,
                self.pinpoint,
                self.section,
                self.relation,
                self.target,
                self.confidence,
                self.reason,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.span.start,
            "end": self.span.end,
            "section": self.section,
            "kind": self.kind,
            "number": self.number,
            "doc_type": self.doc_type,
            "date": _iso(self.date),
            "issuer": self.issuer,
            "term": self.term,
            "title": self.title,
            "pinpoint": self.pinpoint,
            "relation": self.relation,
            "target": self.target,
            "confidence": self.confidence,
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Reference:
        get = d.get
        return cls(
            d["text"],
            Span(int(get("start", 0)), int(get("end", 0))),
            get("kind", "full"),
            get("number"),
            get("doc_type"),
            _date(get("date")),
            get("issuer"),
            get("term"),
            get("title"),
            get("pinpoint"),
            get("section"),
            get("relation", "cites"),
            get("target"),
            float(get("confidence", 0.0)),
            get("reason"),
        )


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed edge between two documents (or provisions), as some text states it.

    ``subject`` and ``object`` are keys when resolved, else canonical numbers. Most relations
    come from the citing document itself (``subject`` is that document); some are stated
    between two other documents ("Kế hoạch số 20-KH/TW … về thực hiện Nghị quyết số
    45-NQ/TW" gives ``20-KH/TW implements 45-NQ/TW``). ``source`` tells where it was read:
    ``text``, ``note`` (an editorial note), ``diagram`` (a lược đồ page) or ``codification``.
    """

    subject: str
    relation: RelationKind
    object: str
    span: Span | None = None
    section: str | None = None
    pinpoint: str | None = None
    source: str = "text"

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            Relation,
            (
                self.subject,
                self.relation,
                self.object,
                self.span,
                self.section,
                self.pinpoint,
                self.source,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "relation": self.relation,
            "object": self.object,
            "start": self.span.start if self.span else None,
            "end": self.span.end if self.span else None,
            "section": self.section,
            "pinpoint": self.pinpoint,
            "source": self.source,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Relation:
        span = Span(d["start"], d["end"]) if d.get("start") is not None else None
        return cls(
            subject=d["subject"],
            relation=d["relation"],
            object=d["object"],
            span=span,
            section=d.get("section"),
            pinpoint=d.get("pinpoint"),
            source=d.get("source", "text"),
        )


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: metadata, outline, references and relations, and its text.

    ``text`` is the normalised text every span indexes; ``raw`` the text as read (``None``
    when it equals ``text``); ``source`` where it came from (a path, ``-`` or a URL);
    ``encoding`` the encoding it was read in when read from bytes; ``header`` the span of the
    part above the body (issuing body, motto, số, date, type and title); ``preamble`` the
    span of the Căn cứ lines; ``tail`` the span of the signature block and Nơi nhận list;
    ``footnotes`` the span of the numbered notes ("[1] …") that end the file, outside the
    outline like the tail.

    ``offsets`` maps offsets of ``text`` back to the plain text the parser was given (the
    caller's string for :func:`vbpl.parse` of plain text, the extracted text of a page or
    Word file); ``None`` when unknown (a document loaded from JSON). It is not part of the
    JSON form, whose offsets index ``text``. See :meth:`source_span`.

    A parsed document keeps ``raw``, when it is the text the parser normalised, as the
    normaliser's edits (:class:`~vbpl.text.normalize.RawEdits`, also its ``offsets``):
    ``raw`` is rebuilt from ``text`` on each access (a new string each time, equal to the
    text as read), and its sections share ``text`` (see :class:`Section`).
    """

    metadata: Metadata
    sections: tuple[Section, ...] = ()
    references: tuple[Reference, ...] = ()
    relations: tuple[Relation, ...] = ()
    text: str = ""
    raw: str | None = None
    source: str | None = None
    encoding: str | None = None
    header: Span | None = None
    preamble: Span | None = None
    tail: Span | None = None
    notes: tuple[str, ...] = field(default=())
    footnotes: Span | None = None
    offsets: OffsetMap | LazyOffsets | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # a copy of a document that keeps ``raw`` as edits (``replace(doc, references=…)``
        # reads ``raw`` as a string) keeps the edits again when they rebuild it
        raw = _RAW.__get__(self, Document)
        edits = self.offsets
        if raw.__class__ is str and isinstance(edits, RawEdits) and edits.rebuilds(raw, self.text):
            _RAW.__set__(self, edits)

    @property
    def key(self) -> str | None:
        """The document key (``number@year``), see :attr:`Metadata.key`."""
        return self.metadata.key

    def source_span(self, span: Span) -> Span:
        """``span`` (an offset range of :attr:`text`) as a range of the text the parser was
        given, so that it slices the caller's own string (double spaces, decomposed tone
        marks and zero-width characters included).

        >>> doc = Document(Metadata(), text="Điều 1", offsets=OffsetMap((0, 4, 5), (0, 4, 6), 7))
        >>> doc.source_span(Span(5, 6))
        Span(start=6, end=7)
        """
        if self.offsets is None:
            return span
        return Span(self.offsets.to_raw(span.start), self.offsets.to_raw_end(span.end))

    def walk(self) -> Iterator[Section]:
        """Every section of the outline, depth first, in document order."""
        for s in self.sections:
            yield from s.walk()

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        for s in self.walk():
            if s.id == section_id:
                return s
        return None

    def __reduce__(self) -> tuple[Any, ...]:
        # ``raw`` as stored (the edits, not the text they rebuild); sections share the text
        # again once unpickled (:func:`_unpickled`)
        return (
            _unpickled,
            (
                self.metadata,
                self.sections,
                self.references,
                self.relations,
                self.text,
                _RAW.__get__(self, Document),
                self.source,
                self.encoding,
                self.header,
                self.preamble,
                self.tail,
                self.notes,
                self.footnotes,
                self.offsets,
            ),
        )

    def with_(self, **changes: Any) -> Document:
        """A copy with some fields replaced (dataclasses.replace).

        >>> Document(Metadata(), text="a", raw="a ").with_(source="x").raw
        'a '
        """
        raw = _RAW.__get__(self, Document)
        if isinstance(raw, RawEdits) and not {"raw", "text"} & changes.keys():
            copy = replace(self, raw=None, **changes)  # the edits as they are, not rebuilt
            _RAW.__set__(copy, raw)
            return copy
        return replace(self, **changes)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {
            "source": self.source,
            "key": self.key,
            "encoding": self.encoding,
            "metadata": self.metadata.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "references": [r.to_dict() for r in self.references],
            "relations": [r.to_dict() for r in self.relations],
            "header": [self.header.start, self.header.end] if self.header else None,
            "preamble": [self.preamble.start, self.preamble.end] if self.preamble else None,
            "tail": [self.tail.start, self.tail.end] if self.tail else None,
            "notes": list(self.notes),
            "footnotes": [self.footnotes.start, self.footnotes.end] if self.footnotes else None,
        }
        if include_text:
            d["text"] = self.text
        return d

    def to_json(self, *, include_text: bool = True, indent: bool = False) -> bytes:
        """The document as UTF-8 JSON bytes (the shape of :meth:`to_dict`), encoded by orjson.

        >>> Document(Metadata(number="5-CT/TW")).to_json()[:30]
        b'{"source":null,"key":"5-CT/TW"'
        """
        import orjson

        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(self.to_dict(include_text=include_text), option=option)

    def iter_json(self, *, include_text: bool = True, indent: bool = False) -> Iterator[bytes]:
        """:meth:`to_json` in pieces of about 256 KB: their concatenation is the same bytes,
        but writing a large document never holds its whole JSON (3x its text) or its tree of
        dicts: sections (their children too), references and relations are encoded one at a
        time and long texts in slices.

        >>> doc = Document(Metadata(number="5-CT/TW"), text="Điều 1")
        >>> b"".join(doc.iter_json(indent=True)) == doc.to_json(indent=True)
        True
        """
        pairs: list[tuple[str, Any]] = [
            ("source", self.source),
            ("key", self.key),
            ("encoding", self.encoding),
            ("metadata", self.metadata.to_dict()),
            ("sections", _Items(self.sections, _section_json)),
            ("references", _Items(self.references, _flat_json)),
            ("relations", _Items(self.relations, _flat_json)),
            ("header", [self.header.start, self.header.end] if self.header else None),
            ("preamble", [self.preamble.start, self.preamble.end] if self.preamble else None),
            ("tail", [self.tail.start, self.tail.end] if self.tail else None),
            ("notes", list(self.notes)),
            ("footnotes", [self.footnotes.start, self.footnotes.end] if self.footnotes else None),
        ]
        if include_text:
            pairs.append(("text", self.text))
        # copied into one buffer at once: orjson gives even a short result 4 KB of memory,
        # so keeping the pieces of a chunk held 40 MB for 256 KB of JSON
        buf = bytearray()
        for piece in _object_json(pairs, b"" if indent else None):
            buf += piece
            if len(buf) >= _JSON_PIECE:
                yield bytes(buf)
                buf.clear()
        yield bytes(buf)

    @classmethod
    def from_json(cls, data: bytes | str) -> Document:
        """A document from :meth:`to_json` output (or any ``to_dict`` JSON).

        >>> Document.from_json(Document(Metadata(number="5-CT/TW")).to_json()).key
        '5-CT/TW'
        """
        import orjson

        return cls.from_dict(orjson.loads(data))

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Document:
        def span(v: Any) -> Span | None:
            return Span(int(v[0]), int(v[1])) if v else None

        section = Section.from_dict
        reference = Reference.from_dict
        relation = Relation.from_dict
        doc = cls(
            metadata=Metadata.from_dict(d.get("metadata") or {}),
            sections=tuple([section(s) for s in d.get("sections", ())]),
            references=tuple([reference(r) for r in d.get("references", ())]),
            relations=tuple([relation(r) for r in d.get("relations", ())]),
            text=d.get("text", ""),
            source=d.get("source"),
            encoding=d.get("encoding"),
            header=span(d.get("header")),
            preamble=span(d.get("preamble")),
            tail=span(d.get("tail")),
            notes=tuple(d.get("notes", ())),
            footnotes=span(d.get("footnotes")),
        )
        share_texts(doc.text, doc.sections)
        return doc

    @property
    def tasks(self) -> list[Task]:
        """The task items (nhiệm vụ) of this document, with the documents each implements
        (:func:`vbpl.corpus.tasks.find_tasks`; computed on each access)."""
        finder = DOCUMENT_VIEWS.get("tasks")
        if finder is None:  # the task finder registers itself when its module loads
            import_module("vbpl.corpus.tasks")
            finder = DOCUMENT_VIEWS["tasks"]
        return finder(self)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        """One short line; notebooks show the rich view (``_repr_html_``).

        >>> Document(Metadata(number="80/2015/QH13", doc_type="Luật", issued=date(2015, 6, 22)))
        <Document 80/2015/QH13@2015 Luật: 0 sections, 0 references>
        """
        md = self.metadata
        name = self.key or self.source or "(no number)"
        title = md.title if not md.title or len(md.title) <= 40 else md.title[:39] + "…"
        what = " ".join(x for x in (md.doc_type, f"«{title}»" if title else None) if x)
        n_sections = sum(1 for _ in self.walk())
        return (
            f"<Document {name}{' ' + what if what else ''}: {n_sections} sections, "
            f"{len(self.references)} references>"
        )

    def _repr_html_(self) -> str:
        from vbpl.display import document_html

        return document_html(self)


#: the slot that holds ``Document.raw``: a ``str``, ``None`` or the :class:`RawEdits` that
#: rebuild it from the document's text
_RAW: Any = Document.__dict__["raw"]


def _raw(doc: Document) -> str | None:
    raw: str | RawEdits | None = _RAW.__get__(doc, Document)
    if isinstance(raw, RawEdits):
        return raw.text_as_read(doc.text)
    return raw


# ``raw`` read through the slot (see ``Section.text`` above)
setattr(  # noqa: B010
    Document,
    "raw",
    property(
        _raw, _RAW.__set__, doc="The text as read, ``None`` when it is ``text`` (see the class)."
    ),
)


def _unpickled(*fields: Any) -> Document:
    """A document from :meth:`Document.__reduce__`'s fields, its sections sharing its text."""
    doc = Document(*fields)
    share_texts(doc.text, doc.sections)
    return doc


def keep_as_edits(doc: Document, edits: RawEdits, **changes: Any) -> Document:
    """A copy of ``doc`` with ``changes`` (as :func:`dataclasses.replace`) that keeps its
    ``raw`` as ``edits``, which rebuild it from ``doc.text``.

    >>> from vbpl.text.normalize import normalize
    >>> n = normalize("Điều  1. Hoà")
    >>> edits = RawEdits.of(n.text, "Điều  1. Hoà", n.offsets)
    >>> doc = keep_as_edits(Document(Metadata(), text=n.text, offsets=edits), edits)
    >>> doc.raw, doc.source_span(Span(5, 7))
    ('Điều  1. Hoà', Span(start=6, end=8))
    """
    kept = replace(doc, **{**changes, "raw": None})
    _RAW.__set__(kept, edits)
    return kept


@dataclass(frozen=True, slots=True)
class TaskSource:
    """A document a task implements: ``via`` is ``direct`` (the task cites it) or
    ``inherited`` (a heading above the task cites it)."""

    number: str
    key: str | None
    via: TaskVia

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "key": self.key, "via": self.via}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TaskSource:
        return cls(number=d["number"], key=d.get("key"), via=d.get("via", "direct"))


@dataclass(frozen=True, slots=True)
class Task:
    """A task item (nhiệm vụ) of a plan, guidance, directive or resolution.

    ``actor`` is who must act (``ban tuyên giáo các cấp``) and ``deadline`` the stated time
    limit, when the text gives them.
    """

    section: str
    document: str | None
    text: str
    actor: str | None = None
    deadline: str | None = None
    sources: tuple[TaskSource, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "document": self.document,
            "text": self.text,
            "actor": self.actor,
            "deadline": self.deadline,
            "sources": [s.to_dict() for s in self.sources],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Task:
        return cls(
            section=d["section"],
            document=d.get("document"),
            text=d.get("text", ""),
            actor=d.get("actor"),
            deadline=d.get("deadline"),
            sources=tuple(TaskSource.from_dict(s) for s in d.get("sources", ())),
        )


__all__ = [
    "ACTIVE",
    "PASSIVE",
    "REFERENCE_KINDS",
    "RELATION_KINDS",
    "SECTION_KINDS",
    "Document",
    "Metadata",
    "Reference",
    "ReferenceKind",
    "Relation",
    "RelationKind",
    "Section",
    "SectionKind",
    "Span",
    "Task",
    "TaskSource",
    "TaskVia",
]
