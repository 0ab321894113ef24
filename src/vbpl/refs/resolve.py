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

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date

from vbpl.data import load_table
from vbpl.lexicon.authority import GOVERNED, Act, impossible
from vbpl.lexicon.doc_types import named_type_names
from vbpl.lexicon.numbers import number_key, parse_number
from vbpl.lexicon.party import party_term
from vbpl.model import ACTIVE, Document, Metadata, Reference, Relation, Span
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
                outline=(
                    OutlineIndex(doc.sections, lazy=True)
                    if doc is not None and doc.sections
                    else None
                ),
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


def _rank_numbered(
    ref: Reference, reg: Registry, citing: date | None
) -> list[tuple[Candidate, float]]:
    """Candidates for a numbered reference, best first, each with its confidence."""
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
        own = _stated_key(ref, citing)
        return [(own, NUMBER_ONLY_CONFIDENCE)] if own is not None else []
    scored.sort(key=lambda x: (x[0], x[1].issued or date.min), reverse=True)
    out: list[tuple[Candidate, float]] = []
    for i, (score, c) in enumerate(scored):
        if len(scored) == 1:
            conf = 1.0 if score >= 0 else 0.7
        elif i == 0 and score > scored[1][0]:
            conf = 0.9
        else:
            conf = 0.5  # several equally good (or a runner-up): the latest before the citing date
        out.append((c, conf))
    return out


#: confidence of a target known only from a normative number, which states its year of issue
NUMBER_ONLY_CONFIDENCE = 0.8


def _stated_key(ref: Reference, citing: date | None) -> Candidate | None:
    """A normative number states its year of issue (``66/2006/QH11``), so its key is known
    even when the registry lacks the document: ``66/2006/QH11@2006``. None when the number has
    no year, or the mention's date or the citing date contradicts it.

    >>> r = Reference("Luật số 66/2006/QH11", Span(0, 20), number="66/2006/QH11")
    >>> _stated_key(r, None).key, _stated_key(r, date(2005, 1, 1))
    ('66/2006/QH11@2006', None)
    """
    parts = parse_number(ref.number or "")
    if parts is None or parts.year is None or parts.party:
        return None
    if ref.date is not None and ref.date.year != parts.year:
        return None
    if citing is not None and parts.year > citing.year:
        return None
    number = ref.number or ""
    return Candidate(
        key=f"{number}@{parts.year}",
        number=number,
        doc_type=ref.doc_type,
        issued=ref.date,
        effective=None,
        issuer=ref.issuer,
        term=None,
        title=ref.title,
        name=None,
        source="number",
    )


#: the title of a law being drafted: "Luật X (sửa đổi)", "Luật X (dự thảo)"
_DRAFT_RE = re.compile(r"\((?:sửa đổi(?:, bổ sung)?|dự thảo)\)$")


def _rank_named(
    ref: Reference, reg: Registry, citing: date | None
) -> list[tuple[Candidate, float]]:
    """Candidates for a named reference (``Luật Đất đai 2024``), best first: the stated year
    decides; without one, the version in force on the citing date. A draft ("Luật Tổ chức
    chính quyền địa phương (sửa đổi)", "(dự thảo)") is no document yet: no candidate."""
    if not ref.title or _DRAFT_RE.search(ref.title):
        return []
    hits = reg.by_name(ref.doc_type, ref.title)
    year = stated_year(ref)
    if year is not None:
        hits = [(c, s) for c, s in hits if c.issued is not None and c.issued.year == year]
    if citing is not None:
        hits = [(c, s) for c, s in hits if c.issued is None or c.issued <= citing]
    if not hits:
        return []
    if year is None and citing is not None:
        in_force = [(c, s) for c, s in hits if (c.effective or c.issued or date.min) <= citing]
        rest = [h for h in hits if h not in in_force]
    else:
        in_force, rest = hits, []

    def order(x: tuple[Candidate, float]) -> tuple[float, date]:
        return x[1], x[0].effective or x[0].issued or date.min

    ranked = sorted(in_force, key=order, reverse=True) + sorted(rest, key=order, reverse=True)
    base = 0.9 if year is not None or citing is not None else 0.7
    return [(c, round(base * score / 100.0, 3)) for c, score in ranked]


def candidate_act(c: Candidate) -> Act:
    """What the registry knows of a candidate, for the rule of authority."""
    return Act(c.number, c.doc_type, c.issuer, c.issued, c.issued.year if c.issued else None)


def _choose(
    ref: Reference, ranked: list[tuple[Candidate, float]], acting: Act | None
) -> tuple[str | None, float, str | None]:
    """The best candidate the law allows for the reference's relation: (target, confidence,
    reason it stays unresolved)."""
    if not ranked:
        return None, 0.0, None
    rel = ref.relation
    if acting is None or (rel not in GOVERNED and ACTIVE.get(rel) not in GOVERNED):
        c, conf = ranked[0]
        target, conf = _pinpoint_target(ref, c, conf)
        return target, conf, None
    first_reason: str | None = None
    for c, conf in ranked:
        if rel in GOVERNED:  # the citing document acts on the candidate
            why = impossible(rel, acting, candidate_act(c))
        else:  # "được sửa đổi bởi": the candidate acts on the citing document
            why = impossible(ACTIVE[rel], candidate_act(c), acting)
        if why is None:
            target, conf = _pinpoint_target(ref, c, conf)
            return target, conf, None
        first_reason = first_reason or why
    return None, 0.0, first_reason


def resolve_reference(
    ref: Reference,
    registry: Registry,
    citing: date | None = None,
    *,
    acting: Act | None = None,
) -> Reference:
    """One reference resolved against ``registry`` as cited on the date ``citing``.

    ``acting`` is the citing document (:class:`~vbpl.lexicon.authority.Act`): when given, an
    ``amends``/``replaces``/``repeals`` reference (or its passive form) only resolves to a
    candidate the law on legal documents allows; when none is allowed the reference stays
    unresolved with the ``reason``.

    >>> reg = Registry()
    >>> from vbpl.refs.find import find_references
    >>> r = find_references("Bộ luật Dân sự năm 2015")[0]
    >>> resolve_reference(r, reg).target
    '91/2015/QH13@2015'
    >>> r = find_references("sửa đổi, bổ sung Bộ luật Dân sự năm 2015")[0]
    >>> nd = Act("1/2021/NĐ-CP", "Nghị định", issued=date(2021, 1, 4))
    >>> x = resolve_reference(r, reg, date(2021, 1, 4), acting=nd)
    >>> x.relation, x.target, x.reason
    ('amends', None, 'lower_authority')
    """
    if ref.kind == "relative":
        return ref
    if ref.number:
        ranked = _rank_numbered(ref, registry, citing)
    elif ref.kind == "named":
        ranked = _rank_named(ref, registry, citing)
    else:
        return ref
    target, conf, reason = _choose(ref, ranked, acting)
    return replace(ref, target=target, confidence=conf if target else 0.0, reason=reason)


def _in_any(spans: list[Span], span: Span) -> bool:
    i = bisect_right([s.start for s in spans], span.start) - 1
    return i >= 0 and spans[i].contains(span)


def resolve_references(
    doc: Document, registry: Registry, resolver: Resolver | None = None
) -> Document:
    """``doc`` with every non-relative reference resolved, and relation ends as keys.

    ``resolver(ref, doc)`` may return ``(target, confidence)`` to decide a reference itself,
    or ``None`` to leave it to the default rules. A reference inside an editorial note
    (``[Khoản này được sửa đổi bởi …]``, written after the document) may point at a document
    issued later than the citing one. A relation's ends take the targets of the references
    they were read from (by position), so two mentions of one name ("Luật Đất đai" and "Luật
    Đất đai 2024") keep their own targets; a relation between two other documents that the
    law rules out keeps its ends as stated (unresolved).
    """
    from vbpl.lexicon.notes import note_spans
    from vbpl.refs.mention import mention_object

    md = doc.metadata
    citing = md.issued
    acting = Act(
        md.number, md.doc_type, md.issuer, md.issued, md.issued.year if md.issued else None
    )
    notes = note_spans(doc.text) if doc.text else []
    refs: list[Reference] = []
    names: dict[str, set[str]] = {}
    starts: dict[tuple[int, str], str] = {}
    ends: dict[tuple[int, str], str] = {}
    mentioned: set[tuple[int, int]] = set()
    by_pos: dict[tuple[str, int], Reference] = {}
    for r in doc.references:
        mentioned.add((r.span.start, r.span.end))
        by_pos["start", r.span.start] = r
        by_pos["end", r.span.end] = r
        out = None
        if resolver is not None:
            got = resolver(r, doc)
            if got is not None:
                out = replace(r, target=got[0], confidence=float(got[1]))
        if out is None:
            when = None if notes and _in_any(notes, r.span) else citing
            out = resolve_reference(r, registry, when, acting=acting)
        if out.target and out.kind != "relative":
            key = out.target.split("#", 1)[0]
            name = mention_object(out)
            if name:
                starts[out.span.start, name] = key
                ends[out.span.end, name] = key
                names.setdefault(name, set()).add(key)
        refs.append(out)
    _resolve_acting_pinpoints(doc, refs, registry)
    rels = _keyed_relations(doc, registry, names, starts, ends, mentioned, by_pos)
    return replace(doc, references=tuple(refs), relations=tuple(rels))


def _resolve_acting_pinpoints(doc: Document, refs: list[Reference], registry: Registry) -> None:
    """Pinpoints in an article that acts on another document (``annotate.acting_pinpoints``)
    resolved into that document's outline, once it is resolved: ``key#section_id``."""
    own = doc.metadata.doc_type
    if not any(
        (r.number and r.target and r.relation in ("amends", "repeals", "corrects"))
        or (r.kind == "relative" and r.doc_type and own and r.doc_type != own)
        for r in refs
    ):
        return
    from vbpl.refs.annotate import acting_pinpoints

    for i, j in acting_pinpoints(refs, OutlineIndex(doc.sections), own).items():
        key = (refs[j].target or "").split("#", 1)[0]
        c = registry.get(key) if key else None
        if c is not None:
            target, conf = _pinpoint_target(refs[i], c, refs[j].confidence)
            refs[i] = replace(refs[i], target=target, confidence=conf)


def _keyed_relations(
    doc: Document,
    registry: Registry,
    names: dict[str, set[str]],
    starts: dict[tuple[int, str], str],
    ends: dict[tuple[int, str], str],
    mentioned: set[tuple[int, int]],
    by_pos: dict[tuple[str, int], Reference],
) -> list[Relation]:
    """Reads ``doc``'s relations and the keys its resolved mentions took (by name, by start and
    end position); returns the relations with their ends as keys."""
    md = doc.metadata
    own = {doc.key, md.number, doc.source, "."} - {None}

    def end_key(
        name: str, pos: int | None, table: dict[tuple[int, str], str], span: Span | None = None
    ) -> str:
        if name in own:
            return name
        if pos is not None and (pos, name) in table:
            return table[pos, name]
        if span is not None and (span.start, span.end) in mentioned:
            return name  # the mention it was read from stayed unresolved: so does the end
        keys = names.get(name)
        if keys is not None and len(keys) == 1:
            return next(iter(keys))
        stated = _stated_key(Reference(name, Span(0, 0), number=name), None)
        return stated.key if stated is not None and not keys else name

    rels: list[Relation] = []
    for x in doc.relations:
        sp = x.span
        if x.subject in own:  # this document -> the mention at x.span
            subj, obj = x.subject, end_key(x.object, sp.start if sp else None, starts, sp)
        else:  # "A <cue> B" between two mentions: A starts the span, B ends it
            subj = end_key(x.subject, sp.start if sp else None, starts)
            obj = end_key(x.object, sp.end if sp else None, ends)
            if _forbidden(x.relation, subj, obj, registry) and sp is not None:
                # "Luật số 03/2022/QH15 … sửa đổi … Luật Đấu thầu": the law named is the one
                # in force when the actor was issued, not when the citing text was
                subj, obj = _as_of_actor(x, subj, obj, sp, by_pos, registry)
            if _forbidden(x.relation, subj, obj, registry):
                subj, obj = x.subject, x.object
        rels.append(replace(x, subject=subj, object=obj))
    return rels


def _key_date(key: str, registry: Registry) -> date | None:
    c = registry.get(key)
    if c is not None and c.issued is not None:
        return c.issued
    _, _, year = key.partition("@")
    return date(int(year), 12, 31) if year.isdigit() else None


def _as_of_actor(
    x: Relation,
    subj: str,
    obj: str,
    sp: Span,
    by_pos: dict[tuple[str, int], Reference],
    registry: Registry,
) -> tuple[str, str]:
    """The relation's ends with its named, acted-on end resolved as of the actor's date."""
    active = x.relation in GOVERNED
    actor = subj if active else obj
    acted = by_pos.get(("end", sp.end) if active else ("start", sp.start))
    when = _key_date(actor, registry)
    if acted is None or acted.kind != "named" or when is None:
        return subj, obj
    ranked = _rank_named(acted, registry, when)
    if not ranked:
        return subj, obj
    key = ranked[0][0].key
    return (subj, key) if active else (key, obj)


def _key_act(key: str, registry: Registry) -> Act | None:
    """What is known of a relation end: the registry's facts, else a key's number and year."""
    c = registry.get(key)
    if c is not None:
        return candidate_act(c)
    number, _, year = key.partition("@")
    return Act(number, year=int(year)) if year.isdigit() else None


def _forbidden(relation: str, subject: str, obj: str, registry: Registry) -> bool:
    """True when a relation stated between two resolved documents (keys) breaks the rule of
    authority."""
    active = relation if relation in GOVERNED else ACTIVE.get(relation)
    if active not in GOVERNED:
        return False
    a, b = _key_act(subject, registry), _key_act(obj, registry)
    if a is None or b is None:
        return False
    if relation in GOVERNED:
        return impossible(relation, a, b) is not None
    return impossible(active, b, a) is not None


__all__ = [
    "Candidate",
    "Registry",
    "Resolver",
    "candidate_act",
    "party_term",
    "resolve_reference",
    "resolve_references",
]
