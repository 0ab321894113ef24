"""Resolve references against a registry of documents: number + every stated part -> key.

Reads: a :class:`~vbpl.model.Document` whose references were found (:func:`vbpl.refs.annotate`)
and a :class:`Registry` of documents (their metadata, and outlines when given whole documents;
the table ``known_documents.json`` of well-known real documents is included by default).
Writes: the document with ``target`` (a key ``number@year``, or ``key#section_id`` for a
pinpoint found in the target's outline) and ``confidence`` on each reference, and relation
ends replaced by keys.

Rules (``../shared/DESIGN.md``, issue 3 §4):

* candidates share the number's lookup key (:func:`~vbpl.lexicon.numbers.number_key`); Party
  numbers restart each term and administrative numbers each year, so the stated date, year,
  term (khóa) and issuer choose among them; a candidate that contradicts a stated part is
  dropped; one issued after the citing document is rejected;
* a pinpoint that the target's outline lacks halves the confidence; a target without an
  outline cannot be checked (confidence × 0.9);
* named references (``Luật Đất đai``, ``Bộ luat Dân sự năm 2015``) match titles with rapidfuzz
  and take the version in force on the citing date (or of the stated year);
* relative references were resolved by :func:`~vbpl.refs.annotate.annotate` and are kept.

>>> from vbpl.model import Document, Metadata
>>> from datetime import date
>>> reg = Registry()
>>> reg.add(Metadata(number="29-NQ/TW", doc_type="Nghị quyết", issued=date(2022, 11, 17)))
>>> reg.add(Metadata(number="29-NQ/TW", doc_type="Nghị quyết", issued=date(2013, 11, 4)))
>>> from vbpl.refs.annotate import annotate
>>> doc = annotate(Document(Metadata(number="128-HD/BTGTW", issued=date(2023, 12, 22)),
...     text="thực hiện Nghị quyết số 29-NQ/TW, ngày 04/11/2013 của Ban Chấp hành Trung ương Đảng khóa XI"))
>>> [(r.target, r.confidence) for r in resolve_references(doc, reg).references]
[('29-NQ/TW@2013', 1.0)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from vbpl.data import load_table
from vbpl.lexicon.doc_types import named_type_names
from vbpl.lexicon.numbers import number_key, parse_number
from vbpl.lexicon.party import party_term
from vbpl.model import Document, Metadata, Reference
from vbpl.refs.find import stated_year
from vbpl.refs.outline import OutlineIndex
from vbpl.refs.pinpoints import match_pinpoint
from vbpl.text.fold import fold

#: a user resolver: (reference, citing document) -> (target, confidence), or None to defer
Resolver = Callable[[Reference, Document], "tuple[str | None, float] | None"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A document a reference may point at, as the registry knows it."""

    key: str
    number: str
    doc_type: str | None
    issued: date | None
    effective: date | None
    issuer: str | None
    term: str | None
    title: str | None
    name: str | None
    outline: OutlineIndex | None = None
    source: str = "corpus"


def _norm_name(s: str | None, doc_type: str | None = None) -> str:
    if not s:
        return ""
    s = fold(s).lower().strip()
    if doc_type:
        t = fold(doc_type).lower()
        if s.startswith(t + " "):
            s = s[len(t) + 1 :]
    return " ".join(s.split())


class Registry:
    """Documents known to a resolver, looked up by number key or by name.

    ``Registry(docs)`` adds Documents (metadata and outline) or Metadata; ``known=True``
    also adds the well-known documents of ``known_documents.json`` (corpus entries win).

    >>> reg = Registry([Metadata(number="45-NQ/TW", issued=date(2023, 11, 24))], known=False)
    >>> [c.key for c in reg.lookup("45/NQ-TW")]
    ['45-NQ/TW@2023']
    """

    def __init__(
        self, documents: Iterable[Document | Metadata] = (), *, known: bool = True
    ) -> None:
        self._by_key: dict[str, Candidate] = {}
        self._by_number: dict[str, list[str]] = {}
        self._by_name: dict[str, list[str]] = {}
        if known:
            self._add_known()
        for d in documents:
            self.add(d)

    def __len__(self) -> int:
        return len(self._by_key)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Candidate]:
        return iter(self._by_key.values())

    def get(self, key: str) -> Candidate | None:
        """The candidate with this key (``number@year``)."""
        return self._by_key.get(key)

    def _put(self, c: Candidate) -> None:
        old = self._by_key.get(c.key)
        if old is not None and old.source == "corpus" and c.source != "corpus":
            return
        self._by_key[c.key] = c
        keys = self._by_number.setdefault(number_key(c.number), [])
        if c.key not in keys:
            keys.append(c.key)
        if c.name:
            names = self._by_name.setdefault(c.name, [])
            if c.key not in names:
                names.append(c.key)

    def _add_known(self) -> None:
        for d in load_table("known_documents")["documents"]:
            issued = date.fromisoformat(d["issued"]) if d.get("issued") else None
            m = Metadata(number=d["number"], issued=issued)
            key = m.key
            if not key:
                continue
            name = d.get("name") or d.get("title")
            self._put(
                Candidate(
                    key=key,
                    number=d["number"],
                    doc_type=d.get("doc_type"),
                    issued=issued,
                    effective=date.fromisoformat(d["effective"]) if d.get("effective") else None,
                    issuer=d.get("issuer"),
                    term=d.get("term") or None,
                    title=d.get("title"),
                    name=_norm_name(name, d.get("doc_type")) if d.get("name") else None,
                    source="known",
                )
            )

    def add(self, item: Document | Metadata) -> None:
        """Add a document (with its outline) or bare metadata; entries without a number are
        skipped (they have no key)."""
        doc = item if isinstance(item, Document) else None
        meta = item.metadata if isinstance(item, Document) else item
        if not meta.number or not meta.key:
            return
        parts = parse_number(meta.number)
        term = meta.term or (party_term(meta.issued) if parts is not None and parts.party else None)
        name = (
            _norm_name(meta.title, meta.doc_type) if meta.doc_type in named_type_names() else None
        )
        self._put(
            Candidate(
                key=meta.key,
                number=meta.number,
                doc_type=meta.doc_type,
                issued=meta.issued,
                effective=meta.effective,
                issuer=meta.issuer,
                term=term,
                title=meta.title,
                name=name or None,
                outline=OutlineIndex(doc.sections) if doc is not None and doc.sections else None,
            )
        )

    def lookup(self, number: str) -> list[Candidate]:
        """Every candidate whose number has the same lookup key."""
        return [self._by_key[k] for k in self._by_number.get(number_key(number), ())]

    def by_name(
        self, doc_type: str | None, name: str, *, cutoff: float = 90.0
    ) -> list[tuple[Candidate, float]]:
        """Candidates whose name matches ``name`` (exact folded match, else rapidfuzz ≥ cutoff)."""
        q = _norm_name(name, doc_type)
        if not q:
            return []
        keys = self._by_name.get(q)
        if keys:
            out = [(self._by_key[k], 100.0) for k in keys]
        else:
            from rapidfuzz import fuzz, process

            hits = process.extract(
                q, list(self._by_name), scorer=fuzz.ratio, score_cutoff=cutoff, limit=5
            )
            out = [
                (self._by_key[k], float(score))
                for name_, score, _ in hits
                for k in self._by_name[name_]
            ]
        return [(c, s) for c, s in out if doc_type is None or c.doc_type in (None, doc_type)]


def _issuer_match(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(_norm_name(a), _norm_name(b)) >= 80


def _title_score(stated: str | None, title: str | None) -> float:
    """+1 when a stated title matches the candidate's (rapidfuzz token_set_ratio ≥ 85),
    -1 when it clearly does not (< 50), else 0."""
    if not stated or not title:
        return 0.0
    from rapidfuzz import fuzz

    score = fuzz.token_set_ratio(_norm_name(stated), _norm_name(title))
    return 1.0 if score >= 85 else -1.0 if score < 50 else 0.0


def _pinpoint_target(ref: Reference, c: Candidate, conf: float) -> tuple[str, float]:
    if not ref.pinpoint:
        return c.key, conf
    if c.outline is None:
        return c.key, conf * 0.9
    p = match_pinpoint(ref.pinpoint, 0, skip_headings=False)
    ids = [c.outline.find(path) for path in (p.paths if p else ())]
    if not ids or any(i is None for i in ids):
        return c.key, conf * 0.5
    sid = ids[0] if len(ids) == 1 else c.outline.lca([i for i in ids if i])
    return (f"{c.key}#{sid}" if sid else c.key), conf


def _resolve_numbered(
    ref: Reference, reg: Registry, citing: date | None
) -> tuple[str | None, float]:
    cands = reg.lookup(ref.number or "")
    if citing is not None:
        cands = [c for c in cands if c.issued is None or c.issued <= citing]
    year = stated_year(ref)
    scored: list[tuple[float, Candidate]] = []
    for c in cands:
        score = 0.0
        if ref.date is not None and c.issued is not None:
            if c.issued != ref.date:
                continue
            score += 3
        elif year is not None and c.issued is not None:
            if c.issued.year != year:
                continue
            score += 2
        if ref.term and c.term:
            if ref.term != c.term:
                continue
            score += 2
        im = _issuer_match(ref.issuer, c.issuer)
        if im is True:
            score += 0.5
        if ref.doc_type and c.doc_type and ref.doc_type != c.doc_type:
            score -= 0.5
        score += _title_score(ref.title, c.title)
        scored.append((score, c))
    if not scored:
        return None, 0.0
    scored.sort(key=lambda x: (x[0], x[1].issued or date.min), reverse=True)
    best, c = scored[0]
    if len(scored) == 1:
        conf = 1.0 if best >= 0 else 0.7
    elif best > scored[1][0]:
        conf = 0.9
    else:
        conf = 0.5  # several equally good: the latest before the citing date
    return _pinpoint_target(ref, c, conf)


def _resolve_named(ref: Reference, reg: Registry, citing: date | None) -> tuple[str | None, float]:
    if not ref.title:
        return None, 0.0
    hits = reg.by_name(ref.doc_type, ref.title)
    year = stated_year(ref)
    if year is not None:
        hits = [(c, s) for c, s in hits if c.issued is not None and c.issued.year == year]
    if citing is not None:
        hits = [(c, s) for c, s in hits if c.issued is None or c.issued <= citing]
    if not hits:
        return None, 0.0
    if year is None and citing is not None:
        in_force = [(c, s) for c, s in hits if (c.effective or c.issued or date.min) <= citing]
        pool = in_force or hits
    else:
        pool = hits
    c, score = max(pool, key=lambda x: (x[1], x[0].effective or x[0].issued or date.min))
    conf = (0.9 if year is not None or citing is not None else 0.7) * score / 100.0
    return _pinpoint_target(ref, c, round(conf, 3))


def resolve_reference(ref: Reference, registry: Registry, citing: date | None = None) -> Reference:
    """One reference resolved against ``registry`` as cited on the date ``citing``.

    >>> reg = Registry()
    >>> from vbpl.refs.find import find_references
    >>> r = find_references("Bộ luật Dân sự năm 2015")[0]
    >>> resolve_reference(r, reg).target
    '91/2015/QH13@2015'
    """
    if ref.kind == "relative":
        return ref
    if ref.number:
        target, conf = _resolve_numbered(ref, registry, citing)
    elif ref.kind == "named":
        target, conf = _resolve_named(ref, registry, citing)
    else:
        return ref
    return replace(ref, target=target, confidence=conf if target else 0.0)


def resolve_references(
    doc: Document, registry: Registry, resolver: Resolver | None = None
) -> Document:
    """``doc`` with every non-relative reference resolved, and relation ends as keys.

    ``resolver(ref, doc)`` may return ``(target, confidence)`` to decide a reference itself,
    or ``None`` to leave it to the default rules.
    """
    citing = doc.metadata.issued
    refs: list[Reference] = []
    keys: dict[str, str] = {}
    for r in doc.references:
        out = None
        if resolver is not None:
            got = resolver(r, doc)
            if got is not None:
                out = replace(r, target=got[0], confidence=float(got[1]))
        if out is None:
            out = resolve_reference(r, registry, citing)
        if out.target and out.kind != "relative":
            name = out.number or (f"{out.doc_type} {out.title}" if out.title else None)
            if name:
                keys.setdefault(name, out.target.split("#", 1)[0])
        refs.append(out)
    rels = tuple(
        replace(x, subject=keys.get(x.subject, x.subject), object=keys.get(x.object, x.object))
        for x in doc.relations
    )
    return replace(doc, references=tuple(refs), relations=rels)


__all__ = [
    "Candidate",
    "Registry",
    "Resolver",
    "party_term",
    "resolve_reference",
    "resolve_references",
]
