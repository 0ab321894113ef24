"""Document -> indexable units: one for the document itself and one per section.

Reads: a :class:`~vbpl.model.Document`. Writes: :class:`Unit` records, engine-neutral, that
carry the analysed token strings each engine indexes and the stored payload that hits and
snippets are built from.

* The **document unit** (``section`` is ``None``) indexes the title, the number and the
  text above the first section (header and Căn cứ preamble); a document without an outline
  indexes its whole text.
* A **section unit** indexes the section's heading and own text (``Section.text``, not its
  children's — they are units of their own). (A lower-weighted field of the document title
  and ancestor headings was measured on ALQAC and gave nothing: not indexed.)
* **Editorial notes** that a legal website put in square brackets (``[Điều này được hướng
  dẫn bởi …]``) are taken out of the text fields and the stored text, and indexed in their
  own ``notes`` field: searchable when a query asks for them, never in a snippet.
* The stored text of a document unit (what its snippet is cut from) is its title and the
  text between the header block and the first section (the Căn cứ preamble), never the
  header block itself (issuing body, motto, number, place and date).
* Each section under an article carries its **pinpoint** keys
  (:func:`vbpl.lexicon.designations.pinpoint_key`):
  ``d5`` for Điều 5, ``d5_k2`` for khoản 2 of it, ``d5_k2_pa`` for its điểm a.

Every unit carries the document's key, number, type, issuer, year, fields (lĩnh vực) and
status for filters and facets.

No work is repeated per section: ``Document.text`` is normalised once (a parsed document's
already is; one built by hand may not be) and, when it is, the slices of it indexed here
(section text and heading, the text above the first section) are only lowercased, while
metadata values (title, number, type) are normalised;
a document's filter values are computed once and shared by its units.

>>> from vbpl.model import Document, Metadata, Section, Span
>>> doc = Document(Metadata(number="1/2024/QH15", doc_type="Luật", title="Luật Thủ đô"),
...     sections=(Section("art_1", "article", "1", "Phạm vi", "Điều 1. Phạm vi", Span(0, 15)),),
...     text="Điều 1. Phạm vi")
>>> [(u.uid, u.payload["path"]) for u in units(doc)]
[('1/2024/QH15', ''), ('1/2024/QH15#art_1', 'Điều 1')]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from vbpl.data import load_table
from vbpl.lexicon.designations import PINPOINT_LETTERS, pinpoint_key
from vbpl.lexicon.notes import notes_in, strip_notes
from vbpl.lexicon.units import kind_words
from vbpl.model import Document, Section, own_text_range, own_texts
from vbpl.search.analysis import (
    bigrams,
    cited_numbers,
    folded,
    number_parts,
    prepare,
    query_number_key,
    tokens_of_prepared,
)
from vbpl.text.fold import fold
from vbpl.text.normalize import normalize_text

#: the document unit indexes at most this many characters of text above the first section
MAX_DOCUMENT_TEXT = 20_000
#: characters of a document's lead (header and preamble) kept to read its name from
MAX_LEAD = 3_000
#: normalised text longer than this is analysed a piece at a time (cut at a space), so that
#: one huge section never holds a list of all its syllables (~60 bytes each) at once
ANALYSIS_PIECE = 1 << 16
_SPACE = re.compile(r"\s")
#: a section's text longer than this is indexed as several **passages** of at most this
#: many characters, cut after a line break (else before a space): units that share the
#: section's key and id (search returns the section once, at its best passage's score), so
#: that no one unit — its field strings and the engine's buffers for it — grows with the text.
#: Above the longest section of the shared corpora (144,000 characters: an appendix of a
#: decree), so that their units are unchanged; 64 K split 6 of the 141 tvpl documents.
PASSAGE_CHARS = 1 << 18
#: joins a section's unit id and a passage's number (2, 3, …; the first passage keeps the
#: section's own id)
PASSAGE_MARK = "~"


def slug(value: str) -> str:
    """The filter form of a keyword value: folded, lowercased, words joined by ``-``.

    >>> slug("Ban Tuyên giáo Trung ương"), slug("  Nghị  quyết ")
    ('ban-tuyen-giao-trung-uong', 'nghi-quyet')
    """
    return "-".join(fold(prepare(value)).replace("_", " ").replace("-", " ").split())


def document_key(doc: Document) -> str:
    """The key a document is indexed under: ``Document.key`` (number@year), else its source,
    else a hash of its text (a document without a number is still findable and replaceable).

    >>> from vbpl.model import Metadata
    >>> document_key(Document(Metadata(), source="notes/a.txt"))
    'notes/a.txt'
    """
    if doc.key:
        return doc.key
    if doc.source:
        return doc.source
    digest = hashlib.sha1((doc.metadata.title or "").encode() + doc.text.encode()).hexdigest()
    return f"sha1:{digest[:16]}"


def section_path(ancestors: list[Section], section: Section) -> str:
    """Readable path of a section: ``Chương II › Điều 5 › Khoản 2``."""
    return _path([*((a.kind, a.label) for a in ancestors), (section.kind, section.label)])


def _path(chain: Iterable[tuple[str, str]]) -> str:
    """:func:`section_path` of the ``(kind, label)`` of a section and its ancestors, outermost
    first.

    >>> _path([("chapter", "II"), ("article", "5"), ("clause", "2")])
    'Chương II › Điều 5 › Khoản 2'
    """
    parts = []
    for kind, label in chain:
        name = kind_words().get(kind)
        if name:
            parts.append(f"{name} {label}")
        elif label and label != "-":
            parts.append(label)
    return " › ".join(parts)


def clean_text(text: str) -> str:
    """Text without editorial notes in square brackets, its lines kept.

    >>> clean_text("Điều 5. Hiệu lực\\n[Điều này được sửa đổi bởi Luật 1/2024/QH15]\\nLuật này …")
    'Điều 5. Hiệu lực\\nLuật này …'
    """
    if "[" not in text:
        return text
    lines = (strip_notes(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True, slots=True)
class Unit:
    """One indexable unit: analysed token strings plus the stored payload of a hit."""

    uid: str
    key: str
    kind: str  # "document" or "section"
    body: str  # syllables, space-separated, positions kept (phrases)
    folded: str  # the same syllables folded to ASCII
    bigrams: str  # neighbouring syllables joined by "_"
    title: str  # syllables of the title (document) or heading (section)
    type: str  # document type syllables, plain and folded (every unit of the document)
    numbers: str  # number keys cited in the text
    numkey: str  # the document's own number key ("" without a number)
    numparts: str  # the parts of the document's own number
    doc_type: str
    notes: str  # syllables of the editorial notes (their own field, never in snippets)
    pinpoint: str  # pinpoint keys of a section under an article (d5 d5_k2 d5_k2_pa)
    issuer: str
    status: str
    fields: tuple[str, ...]
    year: int | None
    payload: dict[str, Any] = field(default_factory=dict)

    def field_values(self) -> dict[str, Any]:
        """The field values both engines store (empty values left out); each engine adds its
        own encoding of the payload and any engine-specific fields.

        >>> u = Unit("k", "k", "document", "", "", "", "", "", "", "", "", "Luật", "", "", "", "", (),
        ...          2020)
        >>> u.field_values()["doc_type"], u.field_values()["year"]
        ('luat', 2020)
        """
        d: dict[str, Any] = {
            "uid": self.uid,
            "key": self.key,
            "kind": self.kind,
            "body": self.body,
            "folded": self.folded,
            "bigrams": self.bigrams,
            "title": self.title,
            "type": self.type,
            "numbers": self.numbers,
            "numkey": self.numkey,
            "numparts": self.numparts,
            "notes": self.notes,
            "pinpoint": self.pinpoint,
            "doc_type": " ".join(self.slugs("doc_type")),
            "issuer": " ".join(self.slugs("issuer")),
            "status": " ".join(self.slugs("status")),
            "fields": " ".join(self.slugs("fields")),
        }
        if self.doc_type:
            d["doc_type_v"] = self.doc_type
        if self.issuer:
            d["issuer_v"] = self.issuer
        if self.year is not None:
            d["year"] = self.year
        return {k: v for k, v in d.items() if v != ""}

    def slugs(self, name: str) -> list[str]:
        """The filter values of keyword field ``name`` (doc_type, issuer, status, fields); for
        prefix fields (``search_filters.json``) every leading run of words too, so that
        ``hieu-luc:het`` finds ``het-hieu-luc-mot-phan``.

        >>> u = Unit("k", "k", "document", "", "", "", "", "", "", "", "", "Luật", "", "", "",
        ...          "Hết hiệu lực một phần", (), None)
        >>> u.slugs("doc_type"), u.slugs("status")[:2]
        (['luat'], ['het', 'het-hieu'])
        """
        value = getattr(self, name)
        return list(_slugs(name, value if isinstance(value, tuple) else (value,)))


@lru_cache(maxsize=65_536)
def _slugs(name: str, values: tuple[str, ...]) -> tuple[str, ...]:
    """:meth:`Unit.slugs` of ``values``: computed once for a document's units (and for
    the documents that share a type, an issuer or a status), not once per section."""
    out = [s for s in (slug(v) for v in values if v) if s]
    if name in prefix_fields():
        words = [s.split("-") for s in out]
        out = ["-".join(w[:i]) for w in words for i in range(1, len(w) + 1)]
    return tuple(dict.fromkeys(out))


@cache
def prefix_fields() -> frozenset[str]:
    """Keyword fields whose filter values match by leading words (from the filter table)."""
    return frozenset(f["field"] for f in load_table("search_filters")["filters"] if f.get("prefix"))


def _syllables(text: str | None, *, normalised: bool = False) -> list[str]:
    """Syllable tokens of ``text``; ``normalised`` text (a slice of ``Document.text``,
    normalised when the document was read) is only lowercased, not normalised again."""
    if not text:
        return []
    return tokens_of_prepared(text.lower() if normalised else prepare(text))


def _analysed(tokens: list[str]) -> tuple[str, str, str]:
    return " ".join(tokens), " ".join(folded(tokens)), " ".join(bigrams(tokens))


def _pieces(text: str) -> Iterator[str]:
    """``text`` in pieces of about :data:`ANALYSIS_PIECE` characters, each cut right before
    a whitespace character: no syllable is split, and lowercasing a piece gives the same
    characters as lowercasing the whole (whitespace ends the context of a final sigma)."""
    pos, n = 0, len(text)
    while pos < n:
        m = _SPACE.search(text, pos + ANALYSIS_PIECE) if pos + ANALYSIS_PIECE < n else None
        cut = m.start() if m else n
        yield text[pos:cut]
        pos = cut


def passages(
    text: str, limit: int | None = None, *, start: int = 0, end: int | None = None
) -> Iterator[str]:
    """``text`` (``text[start:end]``) in passages of at most ``limit``
    (:data:`PASSAGE_CHARS`) characters, each cut right after a line break, else right
    before a whitespace character, else (a run without any) at the limit; joined, they are
    ``text``. Empty text is one empty passage.

    >>> list(passages("Điều 1\\nmột hai ba\\nbốn", 12))
    ['Điều 1\\n', 'một hai ba\\n', 'bốn']
    >>> list(passages("x Điều 1\\nmột hai ba\\nbốn", 12, start=2))
    ['Điều 1\\n', 'một hai ba\\n', 'bốn']
    """
    limit = limit or PASSAGE_CHARS
    pos, n = start, len(text) if end is None else end
    if n - pos <= limit:
        yield text[pos:n]
        return
    while pos < n:
        end = pos + limit
        if end >= n:
            cut = n
        else:
            cut = text.rfind("\n", pos, end) + 1
            if cut <= pos:
                spaces = [m.start() for m in _SPACE.finditer(text, pos + 1, end + 1)]
                cut = spaces[-1] if spaces else end
        yield text[pos:cut]
        pos = cut


def _analysed_texts(*texts: tuple[str | None, bool]) -> tuple[str, str, str]:
    """:func:`_analysed` of the syllables of ``texts`` (each with whether it is normalised),
    in bounded memory for long normalised text: its syllables are read a piece at a time
    and only the three field strings grow.

    >>> _analysed_texts(("Điều 5", True), ("Hiệu lực", True))
    ('điều 5 hiệu lực', 'dieu 5 hieu luc', 'điều_5 5_hiệu hiệu_lực')
    """
    if sum(len(t) for t, _ in texts if t) <= ANALYSIS_PIECE:
        return _analysed([tok for t, norm in texts for tok in _syllables(t, normalised=norm)])
    body: list[str] = []
    pairs: list[str] = []
    last: list[str] = []  # the syllable before the current piece, for the bigram across
    for text, norm in texts:
        for piece in _pieces(text or "") if norm else (text,):
            tokens = _syllables(piece, normalised=norm)
            if not tokens:
                continue
            body.append(" ".join(tokens))
            pair = " ".join(bigrams(last + tokens))
            if pair:
                pairs.append(pair)
            last = tokens[-1:]
            del tokens
    joined = " ".join(body)
    del body
    paired = " ".join(pairs)  # (before the folded string exists: the peak of this step)
    del pairs
    # folding maps one character to one character (never to a space): the folded tokens
    # joined are the joined tokens folded
    return joined, fold(joined), paired


def _own_copy(value: Any) -> Any:
    """``value`` as a string of this module's own when it is a non-ASCII ``str`` (a copy),
    else ``value`` itself; tuples and lists of strings element by element.

    An encoder of the stored payload (orjson for tantivy, pickle for whoosh) asks CPython
    for the UTF-8 of every non-ASCII string it encodes, and CPython caches that UTF-8
    inside the string for the string's lifetime: encoding the caller's own ``Section.text``
    or ``Metadata.title`` would leave ~1x their size in the ``Document`` the caller holds.
    A copy takes the cache and is freed with the unit. (ASCII strings are their own UTF-8:
    no cache, no copy.)

    >>> name, code = "Luật Thủ đô", "QH15"
    >>> _own_copy(name) == name, _own_copy(name) is name, _own_copy(code) is code
    (True, False, True)
    """
    if isinstance(value, str):
        return value if value.isascii() else "".join((value, ""))
    if isinstance(value, tuple | list):
        return type(value)(_own_copy(v) for v in value)
    return value


def _tokens(*texts: str | None, normalised: bool = False) -> str:
    return " ".join(t for text in texts for t in _syllables(text, normalised=normalised))


def _number_keys(text: str) -> str:
    return " ".join(dict.fromkeys(query_number_key(n) for n in cited_numbers(text)))


def units(doc: Document, *, normalised: bool | None = None, owned: bool = False) -> Iterator[Unit]:
    """The units of ``doc``: the document first, then its sections in document order.

    ``normalised``: whether ``doc.text`` is known to be normalised (``True`` for a document
    the parser has just made, :func:`vbpl.search.index.encoded_units`); ``None`` checks it
    (a document built by hand may not be), which reads the whole text once. ``owned``: the
    caller lets ``doc`` go (``vbpl index``): once its own unit is built, its sections get
    their own texts out of its text (:func:`vbpl.model.own_texts`), so that the text is
    freed then and each section's text once its units are built, rather than the whole
    text staying alive until the last section."""
    md = doc.metadata
    key = _own_copy(document_key(doc))
    year = md.issued.year if md.issued else None
    # the caller's strings that reach an encoder are copied once (:func:`_own_copy`)
    common: dict[str, Any] = {
        "key": key,
        "numkey": query_number_key(md.number) if md.number else "",
        "doc_type": _own_copy(md.doc_type or ""),
        "issuer": _own_copy(md.issuer or ""),
        "status": _own_copy(md.status or ""),
        "fields": _own_copy(tuple(md.fields)),
        "year": year,
    }
    type_tokens = _tokens(md.doc_type)
    common_type = f"{type_tokens} {fold(type_tokens)}" if type_tokens else ""
    base_payload = {
        "key": key,
        "number": _own_copy(md.number),
        "title": _own_copy(md.title),
        "source": _own_copy(doc.source),
        "doc_type": common["doc_type"] or md.doc_type,
        "issuer": common["issuer"] or md.issuer,
        "year": year,
        "status": common["status"] or md.status,
        "fields": list(common["fields"]),
        "issued": md.issued.isoformat() if md.issued else None,
        "effective": md.effective.isoformat() if md.effective else None,
    }
    if doc.sections:
        first = min(s.span.start for s in doc.sections)
        own_raw = doc.text[:first][:MAX_DOCUMENT_TEXT]
    else:
        first = len(doc.text)
        own_raw = doc.text
    own = clean_text(own_raw)
    # the snippet of a document: its title and what follows the header block (Căn cứ …)
    body_start = doc.header.end if doc.header is not None else 0
    shown = clean_text(doc.text[body_start:first][:MAX_DOCUMENT_TEXT]) if body_start < first else ""
    doc_text = "\n".join(t for t in (md.title, own) if t)
    # the lead: header and preamble up to the first numbered unit, where a law names itself
    # ("Quốc hội ban hành Luật …", "Luật này quy định về …"); kept for designations only
    lead_end = min((x.span.start for x in doc.walk() if x.kind != "paragraph"), default=first)
    lead = clean_text(doc.text[: min(lead_end, MAX_LEAD)]) if md.doc_type else ""
    # the stored text: the title and what follows the header (a short document's whole text
    # may be ``doc.text`` itself)
    stored = "\n".join(t for t in (base_payload["title"], shown.strip()) if t)
    # Document.text is normalised when a document is read; one built by hand may not be
    if normalised is None:
        normalised = normalize_text(doc.text) == doc.text
    body, fold_, bi = _analysed_texts((md.title, False), (md.number, False), (own, normalised))
    unit = Unit(
        uid=key,
        kind="document",
        body=body,
        folded=fold_,
        bigrams=bi,
        title=_tokens(md.title),
        type=common_type,
        numbers=_number_keys(doc_text),
        numparts=" ".join(number_parts(md.number)) if md.number else "",
        notes=_tokens(*notes_in(own_raw), *doc.notes),
        pinpoint="",
        payload={
            **base_payload,
            "section": None,
            "kind": "document",
            "path": "",
            "heading": None,
            "text": _own_copy(stored) if stored is doc.text else stored,
            "lead": _own_copy(lead) if lead is doc.text else lead,
        },
        **common,
    )
    # sections still to index, the next one last; each with the (kind, label) of its
    # ancestors. From here on this generator holds no reference to the document: when its
    # caller has let it go too (``encoded_units`` in ``vbpl index``), its text, references
    # and the like are freed now, and each section (its own text) once it is indexed
    todo: list[tuple[Section, tuple[tuple[str, str], ...]]] = [
        (s, ()) for s in reversed(doc.sections)
    ]
    del doc, md, own_raw, own, shown, stored, doc_text, lead, body, fold_, bi
    yield unit
    del unit
    if owned:
        own_texts(s for s, _ in todo)
    yield from _section_units(todo, common, base_payload, common_type, normalised)


def _section_units(
    todo: list[tuple[Section, tuple[tuple[str, str], ...]]],
    common: dict[str, Any],
    base_payload: dict[str, Any],
    common_type: str,
    normalised: bool,
) -> Iterator[Unit]:
    """The units of the sections in ``todo`` and of their descendants, in document order
    (``todo`` is a stack: the next section last). A section is taken off the stack before
    its units are built and its children are put on it after, so that nothing here keeps
    a section alive once its units are built."""
    while todo:
        s, ancestors = todo.pop()
        # the own text where it is (a parsed section's: in its document's text), read in
        # passages: a long one is never copied whole
        source, start, end = own_text_range(s)
        notes = s.notes
        if source.find("[", start, end) >= 0:  # editorial notes: not in the indexed text
            own = source[start:end]
            notes = notes or notes_in(own)
            source = clean_text(own)
            start, end = 0, len(source)
            del own
        heading = strip_notes(s.heading) if s.heading else None
        chain = (*ancestors, (s.kind, s.label))
        levels = [(kind, label) for kind, label in chain if kind in PINPOINT_LETTERS]
        while levels and levels[0][0] != "article":
            levels = levels[1:]
        uid = f"{common['key']}#{s.id}"
        path = _path(chain)
        title = _tokens(heading, normalised=normalised)
        pinpoint = pinpoint_key(levels)
        with_heading = not (heading and source.find(heading, start, end) >= 0)
        # what the payload stores is never the caller's own string (:func:`_own_copy`)
        stored_heading = _own_copy(heading) if heading is s.heading else heading
        for n, part in enumerate(passages(source, start=start, end=end)):
            texts = (heading, part) if n == 0 and with_heading else (part,)
            if len(part) <= ANALYSIS_PIECE:  # (a heading is short) the common case: one pass
                body, fold_, bi = _analysed(
                    [t for x in texts for t in _syllables(x, normalised=normalised)]
                )
            else:
                body, fold_, bi = _analysed_texts(*((x, normalised) for x in texts))
            yield Unit(
                uid=uid if n == 0 else f"{uid}{PASSAGE_MARK}{n + 1}",
                kind="section",
                body=body,
                folded=fold_,
                bigrams=bi,
                title=title,
                type=common_type,
                numbers=_number_keys(part),
                numparts="",
                notes=_tokens(*notes) if n == 0 else "",
                pinpoint=pinpoint,
                payload={
                    **base_payload,
                    "section": _own_copy(s.id),
                    "kind": "section",
                    "path": path,
                    "heading": stored_heading,
                    # (a slice made for this unit, else the caller's string)
                    "text": _own_copy(part) if part is source else part,
                },
                **common,
            )
            del body, fold_, bi, texts  # a passage's fields: not alive through the next one
        del source, part  # a huge section's text: not alive through its children
        todo.extend((c, chain) for c in reversed(s.children))
        del s


__all__ = [
    "MAX_DOCUMENT_TEXT",
    "PASSAGE_CHARS",
    "PASSAGE_MARK",
    "Unit",
    "clean_text",
    "document_key",
    "passages",
    "section_path",
    "slug",
    "units",
]
