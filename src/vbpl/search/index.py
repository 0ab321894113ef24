"""The search index: documents and their sections, Vietnamese queries, one interface.

Reads: :class:`~vbpl.model.Document` streams to index; query strings. Writes: an index folder
(whoosh or tantivy) and :class:`SearchResults`. Everything Vietnamese happens here and in
:mod:`vbpl.search.analysis` / :mod:`vbpl.search.query`; the engines only store and score.

>>> import tempfile
>>> from datetime import date
>>> from vbpl.model import Document, Metadata
>>> doc = Document(Metadata(number="45-NQ/TW", doc_type="Nghị quyết", issued=date(2023, 11, 24),
...     title="Về tiếp tục xây dựng và phát huy vai trò của đội ngũ trí thức"))
>>> with open_index(tempfile.mkdtemp()) as ix:
...     ix.add([doc])
...     [h.key for h in ix.search("nghi quyet tri thuc")]
1
['45-NQ/TW@2023']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from vbpl.errors import SearchIndexError
from vbpl.lexicon.doc_types import doc_types, types_of_kind
from vbpl.model import Document
from vbpl.search.analysis import (
    bigrams,
    folded,
    is_folded,
    number_parts,
    query_number_key,
    syllables,
)
from vbpl.search.catalog import read_manifest, stale_error, write_manifest
from vbpl.search.engine import (
    ENGINES,
    Clause,
    Engine,
    EngineQuery,
    RawHit,
    default_engine,
    engine_entry,
)
from vbpl.search.limits import MAX_QUERY_NUMBERS, check_query, clamp_limit
from vbpl.search.query import NumberQuery, ParsedQuery, parse_query
from vbpl.search.snippets import make_snippet
from vbpl.search.units import Unit, document_key, slug, units
from vbpl.search.versions import Version, law_names, order_versions, years_of
from vbpl.text.fold import fold

#: environment variable naming the default index folder
INDEX_ENV = "VBPL_INDEX"
#: a number candidate must reach this rapidfuzz score (0-100) to be put first
NUMBER_MATCH_MIN = 80.0
#: a document's hit shows up to this many more of its matching sections
MORE_SECTIONS = 3
#: at most this many units are read to fill the hits of one query, one per document
MAX_WINDOW = 200
#: words that join a pinpoint or a designation to the rest of a query (folded): "của", "tại"
_JOINING_WORDS = frozenset({"so", "cua", "tai", "theo", "trong", "nam"})


@dataclass(frozen=True, slots=True)
class Ranking:
    """Field weights of free-text queries, chosen on the dev half of the ALQAC questions
    (``scripts/eval_alqac.py --grid``; figures in ``docs/search.md``)."""

    body: float = 1.0
    folded: float = 0.0  # folded field when the query carries diacritics
    folded_plain: float = 1.0  # folded field when the query is typed without them
    bigrams: float = 3.0  # syllable bigram field (word-level signal)
    title: float = 1.0  # document title / section heading
    numbers: float = 3.0  # number keys cited in the text
    doc_type: float = 2.0  # query words naming the document type (nghị quyết, luật)
    notes: float = 3.0  # editorial notes, when the query asks for them (notes=True)
    and_max_terms: int = 4  # queries of up to this many words need all of them (else: any)


@dataclass(frozen=True, slots=True)
class SectionHit:
    """One more matching section of a document's hit: id, score, snippet, breadcrumb."""

    section: str | None
    score: float
    snippet: str
    path: str = ""
    heading: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "path": self.path,
            "heading": self.heading,
        }


@dataclass(frozen=True, slots=True)
class Hit:
    """One result: a document (``section`` is ``None``) or one of its sections.

    ``to_dict`` gives the JSON of ``vbpl search --json``: ``key, number, title, section,
    score, snippet, source`` plus ``kind``, ``path`` (the breadcrumb), ``heading``,
    ``doc_type``, ``issuer``, ``year``, ``version`` (``current``, ``older`` or ``newer``
    when the query named a document with several versions, else ``None``) and
    ``sections``: up to 3 more matching sections of the same document (one result per
    document; empty in the flat list).
    """

    key: str
    number: str | None
    title: str | None
    section: str | None
    score: float
    snippet: str
    source: str | None
    kind: str
    path: str = ""
    heading: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    year: int | None = None
    version: str | None = None
    sections: tuple[SectionHit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "number": self.number,
            "title": self.title,
            "section": self.section,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "source": self.source,
            "kind": self.kind,
            "path": self.path,
            "heading": self.heading,
            "doc_type": self.doc_type,
            "issuer": self.issuer,
            "year": self.year,
            "version": self.version,
            "sections": [x.to_dict() for x in self.sections],
        }


class SearchResults(list[Hit]):
    """Hits best first, with ``facets`` (how many matching documents by ``doc_type``,
    ``issuer``, ``year``), ``total`` matching units, the parsed ``query`` and ``hint``: a
    line for people when the answer needs one (``no document numbered … in this index; did
    you mean …``)."""

    def __init__(
        self,
        hits: Iterable[Hit] = (),
        *,
        facets: dict[str, dict[str, int]] | None = None,
        total: int = 0,
        query: ParsedQuery | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(hits)
        self.facets: dict[str, dict[str, int]] = facets or {}
        self.total = total
        self.query = query
        self.hint = hint

    def to_dicts(self) -> list[dict[str, Any]]:
        """The hits as JSON-ready dicts."""
        return [h.to_dict() for h in self]


def default_index_path(engine: str | None = None) -> Path:
    """``$VBPL_INDEX`` when set, else ``<user cache dir>/vbpl/index-<engine>``."""
    env = os.environ.get(INDEX_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("vbpl")) / f"index-{engine or default_engine()}"


def demo_index_path(engine: str | None = None) -> Path:
    """Where the index of the bundled demo corpus lives: ``<user cache>/vbpl/demo-<engine>``
    (never mixed with the user's own indexes)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("vbpl")) / f"demo-{engine or default_engine()}"


def detect_engine(path: str | Path) -> str | None:
    """Which registered engine wrote the index in ``path`` (``None`` when there is none).

    >>> import tempfile
    >>> detect_engine(tempfile.mkdtemp()) is None
    True
    """
    p = Path(path)
    if not p.is_dir():
        return None
    manifest = read_manifest(p)
    if manifest is not None and manifest.engine in ENGINES:
        return manifest.engine
    for entry in ENGINES.values():
        if entry.load().detect(p):
            return entry.name
    return None


def open_index(
    path: str | Path | None = None,
    *,
    engine: str = "auto",
    ranking: Ranking | None = None,
    **options: Any,
) -> SearchIndex:
    """Open (or create) the index at ``path``; ``None`` means :func:`default_index_path`.

    ``engine`` is a name from :data:`vbpl.search.engine.ENGINES` (``tantivy``, ``whoosh``)
    or ``auto``: the engine of the index found at ``path``, else the default engine (tantivy,
    or whoosh when tantivy cannot be imported). Opening an index written by another engine is
    an error; so is opening one an older vbpl built (the error says how to rebuild it). A new
    index records its engine and format in ``vbpl-index.json`` (:mod:`vbpl.search.catalog`).
    ``options`` go to the engine (``timeout`` for the writer lock, in seconds).
    """
    if engine != "auto":
        engine_entry(engine)  # raises on an unknown name
    p = (
        Path(path).expanduser()
        if path is not None
        else default_index_path(default_engine() if engine == "auto" else engine)
    )
    found = detect_engine(p)
    if engine == "auto":
        engine = found or default_engine()
    elif found is not None and found != engine:
        raise SearchIndexError(f"{p}: holds a {found} index, not {engine} (use --engine {found})")
    if p.exists() and not p.is_dir():
        raise SearchIndexError(f"{p}: not a folder")
    if found is None and p.is_dir() and any(p.iterdir()):
        raise SearchIndexError(f"{p}: folder is not empty and holds no vbpl index")
    if found is not None:
        manifest = read_manifest(p)
        if manifest is None or manifest.stale:
            raise stale_error(p, manifest)
    entry = engine_entry(engine)
    if not entry.available():
        raise SearchIndexError(
            f"search engine {engine} needs the {entry.requires} package (pip install {entry.requires})"
        )
    engine_class: Callable[..., Engine] = entry.load()
    index = SearchIndex(engine_class(p, **options), p, ranking=ranking)
    if found is None:
        write_manifest(p, engine=engine)
    return index


class SearchIndex:
    """Documents and sections of a corpus, searchable; use as a context manager.

    Writing: :meth:`add` (streams documents, replaces by key, commits in batches),
    :meth:`delete`. Reading: :meth:`search`, :meth:`count`. One writer at a time per index;
    any number of readers, also while a writer writes.
    """

    def __init__(self, engine: Engine, path: Path, *, ranking: Ranking | None = None) -> None:
        self.engine = engine
        self.path = path
        self.ranking = ranking or Ranking()
        self._names_cache: dict[str, list[dict[str, Any]]] | None = None
        self._numbers_cache: tuple[object, list[str]] | None = None
        self._names_generation: object = None

    @property
    def engine_name(self) -> str:
        """The engine's name in :data:`vbpl.search.engine.ENGINES` (``tantivy``, ``whoosh``)."""
        return self.engine.name

    # -- writing ------------------------------------------------------------------------
    def add(
        self,
        docs: Iterable[Document],
        progress: bool = False,
        *,
        batch_docs: int = 200,
        batch_units: int = 20_000,
        on_commit: Callable[[int], None] | None = None,
    ) -> int:
        """Index ``docs`` (replacing documents with the same key); returns how many.

        Commits every ``batch_docs`` documents or ``batch_units`` units, so that a run killed
        mid-way keeps every batch committed before. An error raised by the ``docs`` iterator
        commits what was read before it, then propagates. ``on_commit`` is called after each
        commit with the number of documents committed so far by this call.
        """
        return self._write(_prepared(docs), _progress(progress), batch_docs, batch_units, on_commit)

    def add_paths(
        self,
        paths: Iterable[str | Path],
        *,
        jobs: int | None = None,
        on_error: Callable[[Exception], None] | None = None,
        progress: bool | None = False,
        follow_links: bool = False,
        on_skip: Callable[[Path, str], None] | None = None,
        batch_docs: int = 200,
        batch_units: int = 20_000,
        on_commit: Callable[[int], None] | None = None,
    ) -> int:
        """Read, parse and index every document ``paths`` name (folders, files, JSON lines,
        saved corpora, ``-``; see :func:`vbpl.corpus.load.iter_documents`); returns how many.

        ``jobs`` processes (``None``: every core) parse the documents *and* compute their
        units and field values; this process only writes them to the engine, in input order
        — the same index as :meth:`add` of the same documents. ``on_error`` receives each
        input that cannot be read or parsed (without it the first one is raised); commits
        as in :meth:`add`.
        """
        from functools import partial

        from vbpl.corpus.load import document_tasks
        from vbpl.corpus.parallel import Failed, ordered_map, resolve_jobs
        from vbpl.corpus.read_ahead import read_ahead

        tasks, total = document_tasks(paths, follow_links=follow_links, on_skip=on_skip)
        n = resolve_jobs(jobs)
        if total is not None:  # no more processes than files (one file: no worker at all)
            n = max(1, min(n, total))
        results: Iterable[Any] = ordered_map(
            # one process: each unit encoded as the writer takes it, never a list of all the
            # units of a huge document at once (its peak memory is the API's, add)
            partial(encoded_units, encode=self.engine.encoder(), lazy=n == 1),
            tasks,
            jobs=n,
            batch=8,
            progress=progress,
            total=total,
            unit="doc",
        )
        if n > 1:  # the workers go on parsing while this process commits
            results = read_ahead(results, limit=READ_AHEAD_CHARS, size=_encoded_size)

        def prepared() -> Iterator[tuple[str, Iterable[Any], bool]]:
            for result in results:
                if isinstance(result, Failed):
                    if on_error is None:
                        raise result.error
                    on_error(result.error)
                    continue
                key, encoded = result
                yield key, encoded, True

        return self._write(prepared(), None, batch_docs, batch_units, on_commit)

    def _write(
        self,
        prepared: Iterable[tuple[str, Iterable[Any], bool]],
        bar: Any,
        batch_docs: int,
        batch_units: int,
        on_commit: Callable[[int], None] | None,
    ) -> int:
        """Write ``(key, units, encoded)`` items: replace each key's units, commit in batches."""
        n_docs = 0
        pending_docs = 0
        pending_units = 0
        batch_keys: set[str] = set()
        current: str | None = None

        def commit() -> None:
            nonlocal pending_docs, pending_units
            self.engine.commit()
            batch_keys.clear()
            pending_docs = pending_units = 0
            if on_commit is not None:
                on_commit(n_docs)

        try:
            for key, doc_units, encoded in prepared:
                if key in batch_keys:  # the same key twice in one batch: commit in between
                    commit()
                current = key  # a document half-written when an error strikes is dropped
                if encoded:
                    pending_units += self.engine.replace_encoded(key, doc_units)
                else:
                    pending_units += self.engine.replace(key, doc_units)
                current = None
                batch_keys.add(key)
                n_docs += 1
                pending_docs += 1
                if bar is not None:
                    bar.update(1)
                if pending_docs >= batch_docs or pending_units >= batch_units:
                    commit()
            commit()
        except BaseException:
            if pending_docs or current is not None:
                try:
                    if current is not None:
                        self.engine.delete(current)
                    commit()
                except Exception:  # the original error is the one to report
                    self.engine.rollback()
            raise
        finally:
            if bar is not None:
                bar.close()
        return n_docs

    def delete(self, key: str) -> None:
        """Remove a document and its sections (no error when ``key`` is not indexed)."""
        self.engine.delete(key)
        self.engine.commit()

    def optimize(self) -> None:
        """Merge segments (whoosh: one segment; tantivy: wait for background merges)."""
        self.engine.optimize()

    # -- reading ------------------------------------------------------------------------
    def count(self, kind: str | None = "document") -> int:
        """How many documents are indexed (``kind=None``: every unit; ``"section"``)."""
        return self.engine.count(kind)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        filters: dict[str, Any] | None = None,
        sections: bool = True,
        documents: bool = True,
        facets: bool = True,
        flat: bool = False,
        notes: bool = False,
        as_of: date | None = None,
    ) -> SearchResults:
        """Hits for ``query``, best first (see :mod:`vbpl.search.query` for its syntax).

        One hit per document (its best unit, with up to :data:`MORE_SECTIONS` more matching
        sections in ``Hit.sections``) unless ``flat``: then every matching unit is a hit.
        ``filters`` adds filters as a dict (``{"loai": "nghi-quyet", "nam": "2020..2023"}``,
        any name or alias the query language accepts). ``notes`` also searches the
        editorial notes. ``as_of`` is the date "in force" means (default: today).

        * A pinpoint with a document (``khoản 2 Điều 5 Luật Đất đai 2024``) answers that
          section of the version in force first, the same section of other versions after
          it (``Hit.version``), then the rest of the query's words within those documents.
        * A query that is only a document designation (a number, ``nq 45``, ``Luật Đất
          đai``) answers those documents, then the sections that cite the number; when no
          document has the number, only the sections citing it — or nothing, with
          ``SearchResults.hint`` naming numbers that are close.
        * Otherwise documents whose number the query names come first, then the text hits.

        Never raises on the query text itself, unless it is longer than ``MAX_QUERY_CHARS``
        (:mod:`vbpl.search.limits`); ``limit`` is clamped (:func:`~vbpl.search.limits.clamp_limit`).
        """
        limit = clamp_limit(limit)
        parsed = parse_query(check_query(query))
        for name, value in (filters or {}).items():
            values = value if isinstance(value, (list, tuple)) else [value]
            extra = parse_query(" ".join(f'{name}:"{v}"' for v in values))
            for f, vs in extra.filters.items():
                parsed.filters[f] = tuple(dict.fromkeys([*parsed.filters.get(f, ()), *vs]))
            if extra.year is not None:
                parsed.year = extra.year
            if not extra.filters and extra.year is None:
                raise SearchIndexError(f"unknown filter {name!r} or bad value {value!r}")
        kinds = tuple(k for k, on in (("document", documents), ("section", sections)) if on)
        if not kinds or limit <= 0:
            return SearchResults(query=parsed)
        when = as_of or date.today()
        keywords = tuple(parsed.filters.items())
        base = EngineQuery(keywords=keywords, year=parsed.year, kinds=kinds)
        # how many units to fetch so that ``limit`` documents can be filled
        window = limit if flat else max(limit * 5, 50)

        # documents whose own number the query names: one lookup, used twice below
        own = self._number_hits(parsed, base)
        targets, consumed = self._designated(parsed, base, when, own)
        rest = _leftover(parsed, consumed)
        pinned: list[RawHit] = []
        versions: dict[str, str] = {}
        if len(targets) > 1:
            versions = {t.key: t.version for t in targets}
        hint: str | None = None
        if parsed.relation is not None and (targets or any(n.key for n in parsed.numbers)):
            return self._acting_on(parsed, targets, base, limit, flat, versions, window)
        if parsed.pinpoint is not None and targets and "section" in kinds:
            pinned = self._pinpoint_hits(parsed, targets, base)
            if not pinned:
                where = targets[0].payload.get("number") or targets[0].key
                hint = f"no {parsed.pinpoint} in {where}"
            if not rest and not parsed.phrases:
                return self._results(pinned, [], parsed, limit, flat, versions, hint=hint)
            # the rest of the words, within the documents named
            keywords = (*keywords, ("key", tuple(t.key for t in targets)))
        elif (
            parsed.pinpoint is not None
            and (parsed.named is not None or parsed.numbers)
            and not _leftover(parsed, _designation_words(parsed))
        ):
            return SearchResults(
                query=parsed, hint=f"no document {_designation_text(parsed)} in this index"
            )
        elif not rest and not parsed.phrases and (targets or _designating(parsed.numbers)):
            return self._designation_only(parsed, targets, base, limit, flat, versions, window)

        elif (
            not targets
            and parsed.named is not None
            and parsed.named.year is not None
            and not parsed.numbers
            and not _leftover(parsed, _designation_words(parsed))
        ):
            # "Luật Cư trú 2020" with no such law here: the passages naming it, and a hint
            # (a name with its year designates a document; "luật sư" may be words)
            hint = f"no document {_designation_text(parsed)} in this index"

        number_hits = own if documents else []
        should, must = self._text_clauses(parsed, notes=notes)
        if not should and not must and not keywords and parsed.year is None:
            return self._results(pinned, number_hits, parsed, limit, flat, versions, hint=hint)
        # a short query wants every word (by its folded form); when nothing has them all,
        # any of them will do
        words = list(dict.fromkeys(folded(syllables(parsed.text))))
        required = (
            tuple(Clause("folded", (w,)) for w in words)
            if 1 < len(words) <= self.ranking.and_max_terms and not pinned
            else ()
        )
        query_spec = EngineQuery(
            should=should,
            must=must,
            required=required,
            keywords=keywords,
            year=parsed.year,
            kinds=kinds,
            limit=window + len(number_hits) + len(pinned),
            facets=facets,
        )
        raw = self.engine.search(query_spec)
        if not raw.hits and required:
            query_spec = replace(query_spec, required=())
            raw = self.engine.search(query_spec)
        within: list[RawHit] = []
        if targets and not pinned and not parsed.numbers and rest:
            # "lãi suất cho vay theo Bộ luật Dân sự": the other words (not the law's name)
            # within the law named first, then the rest of the index
            own_should, own_must = self._text_clauses(replace(parsed, text=rest), notes=notes)
            inside = replace(
                query_spec,
                should=own_should,
                must=own_must,
                required=(),
                keywords=(*keywords, ("key", tuple(t.key for t in targets))),
            )
            within = [h for h in self.engine.search(inside).hits if h.score > 0]
        # one hit per document: when a few documents filled the window, look further
        while (
            not flat
            and len(raw.hits) >= query_spec.limit < MAX_WINDOW
            and len({h.payload.get("key") for h in raw.hits}) < limit
        ):
            query_spec = replace(query_spec, limit=min(query_spec.limit * 4, MAX_WINDOW))
            raw = self.engine.search(query_spec)
        ranked = bool(should or must)
        raw_hits = sorted(  # equal scores in a fixed order, the same for every engine
            (h if ranked else RawHit(h.uid, 0.0, h.payload) for h in raw.hits),
            key=lambda h: (-round(h.score, 4), h.uid),
        )
        top = raw_hits[0].score if raw_hits else 0.0
        first = [RawHit(h.uid, top + h.score / 100.0, h.payload) for h in [*pinned, *number_hits]]
        first += sorted(
            (RawHit(h.uid, top + h.score / 1000.0, h.payload) for h in within),
            key=lambda h: (-round(h.score, 4), h.uid),
        )
        results = self._results(first, raw_hits, parsed, limit, flat, versions, hint=hint)
        results.facets = {
            name: dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            for name, counts in raw.facets.items()
        }
        results.total = max(raw.total, len(results))
        return results

    def _results(
        self,
        first: list[RawHit],
        rest: list[RawHit],
        q: ParsedQuery,
        limit: int,
        flat: bool,
        versions: dict[str, str],
        *,
        hint: str | None = None,
    ) -> SearchResults:
        """``first`` then ``rest`` (without repeats), grouped by document unless ``flat``."""
        seen: set[tuple[str, Any]] = set()
        ordered: list[RawHit] = []
        for h in [*first, *rest]:
            unit = _unit_identity(h)  # a long section's passages are one section
            if unit not in seen:
                seen.add(unit)
                ordered.append(h)
        hits: list[Hit]
        if flat:
            hits = self._hits(ordered[:limit], q, versions)
        else:
            groups: dict[str, list[RawHit]] = {}
            for h in ordered:
                key = h.payload.get("key") or h.uid
                if key in groups:
                    if len(groups[key]) <= MORE_SECTIONS:
                        groups[key].append(h)
                elif len(groups) < limit:
                    groups[key] = [h]
            hits = []
            for members in groups.values():
                head, *extra = self._hits(
                    [members[0], *(m for m in members[1:] if m.payload.get("section"))],
                    q,
                    versions,
                )  # the document itself is not one of its sections
                more = tuple(
                    SectionHit(x.section, x.score, x.snippet, x.path, x.heading) for x in extra
                )
                hits.append(replace(head, sections=more))
        return SearchResults(hits, total=len(ordered), query=q, hint=hint)

    def _designated(
        self, q: ParsedQuery, base: EngineQuery, when: date, own: list[RawHit]
    ) -> tuple[list[Version], set[str]]:
        """The documents the query designates by number (``own``: :meth:`_number_hits`) or by
        name, in force first, and the folded words that designation used up."""
        consumed: set[str] = set()
        payloads: list[dict[str, Any]] = []
        year = q.named.year if q.named else None
        for n in q.numbers:
            consumed.update(number_parts(n.text))
            consumed.update(folded(syllables(f"{n.text} {n.typed}")))
            year = year or next(
                (int(p) for p in n.parts if len(p) == 4 and p.isdigit() and p[:2] in ("19", "20")),
                None,
            )
        if q.numbers:
            payloads = [h.payload for h in own]
        elif q.named is not None:
            found, used = self._named_documents(q.named.doc_type, q.named.words)
            if found:
                consumed.update(folded(syllables(q.named.doc_type)))
                consumed.update(folded(list(q.named.words[:used])))
                if q.named.year:
                    consumed.add(str(q.named.year))
                    consumed.add("nam")
                payloads = found
        versions = order_versions(payloads, when) if payloads else []
        if year is not None and q.named is not None and not q.numbers:
            # the year asked: documents issued that year, else those whose title names a law
            # of that year (a consolidated text); the other versions follow
            asked = [v for v in versions if v.payload.get("year") == year] or [
                v for v in versions if year in years_of(v.payload)
            ]
            if not asked:
                return [], consumed
            versions = [*asked, *(v for v in versions if v not in asked)]
        return versions, consumed

    def _named_documents(
        self, doc_type: str, words: tuple[str, ...]
    ) -> tuple[list[dict[str, Any]], int]:
        """Documents whose name is the longest run of ``words`` that names any, and how
        many words that is; the type typed decides between equal names when it can."""
        names = self._names()
        typed = [fold(w.lower()) for w in words]
        for n in range(len(typed), 0, -1):
            found = names.get(" ".join(typed[:n]), [])
            if found:
                same_type = [p for p in found if p.get("doc_type") == doc_type]
                return (same_type or found), n
        # no name is the words: a name they begin, when only one law has it
        whole = " ".join(typed)
        longer = {name: ps for name, ps in names.items() if name.startswith(whole + " ")}
        if len(typed) >= 2 and len({p["key"] for ps in longer.values() for p in ps}) == 1:
            return next(iter(longer.values())), len(typed)
        # a name typed with a word missing or added ("bảo vệ kiểm dịch thực vật" for "bảo vệ
        # và kiểm dịch thực vật"): the one closest name, when it is close and alone
        if len(typed) >= 3:
            from rapidfuzz import fuzz, process

            close = process.extract(
                whole, list(names), scorer=fuzz.token_set_ratio, limit=2, score_cutoff=90
            )
            if len(close) == 1 or (len(close) == 2 and close[0][1] - close[1][1] >= 5):
                return names[close[0][0]], len(typed)
        return [], 0

    def _names(self) -> dict[str, list[dict[str, Any]]]:
        """Folded law name -> document payloads, for documents of the named types."""
        generation = self.engine.generation()
        if generation is not None and generation != self._names_generation:
            self._names_cache = None  # the index changed since the names were read
            self._names_generation = generation
        if self._names_cache is None:
            types = tuple(slug(t.name) for t in doc_types() if t.named)
            res = self.engine.search(
                EngineQuery(keywords=(("doc_type", types),), kinds=("document",), limit=100_000)
            )
            out: dict[str, list[dict[str, Any]]] = {}
            for h in res.hits:
                for name in law_names(h.payload):
                    out.setdefault(name, []).append(h.payload)
            self._names_cache = out
        return self._names_cache

    def _pinpoint_hits(
        self, q: ParsedQuery, targets: list[Version], base: EngineQuery
    ) -> list[RawHit]:
        """The pinpointed section of each designated document, in version order."""
        assert q.pinpoint is not None
        res = self.engine.search(
            EngineQuery(
                must=(Clause("pinpoint", (q.pinpoint.key,)),),
                keywords=(*base.keywords, ("key", tuple(t.key for t in targets))),
                kinds=("section",),
                limit=len(targets) * 4,
            )
        )
        order = {t.key: i for i, t in enumerate(targets)}
        best: dict[str, RawHit] = {}
        for h in sorted(res.hits, key=lambda h: len(h.payload.get("section") or "")):
            k = h.payload.get("key") or ""
            best.setdefault(k, h)  # the shortest id: the article itself, not a sub-unit
        hits = sorted(best.values(), key=lambda h: order.get(h.payload.get("key") or "", 99))
        n = len(hits)
        return [RawHit(h.uid, float(n - i), h.payload) for i, h in enumerate(hits)]

    def _designation_only(
        self,
        q: ParsedQuery,
        targets: list[Version],
        base: EngineQuery,
        limit: int,
        flat: bool,
        versions: dict[str, str],
        window: int,
    ) -> SearchResults:
        """A query that only designates documents: them, then the units citing the number;
        only the citing units when no document has it; else nothing, with a hint."""
        docs = [RawHit(t.key, float(len(targets) - i), t.payload) for i, t in enumerate(targets)]
        docs = [h for h in docs if "document" in base.kinds]
        keys = tuple(dict.fromkeys(n.key for n in q.numbers if n.key))
        citing: list[RawHit] = []
        if keys:
            res = self.engine.search(
                EngineQuery(
                    should=(Clause("numbers", keys),),
                    keywords=base.keywords,
                    year=base.year,
                    kinds=base.kinds,
                    limit=window,
                )
            )
            own = {t.key for t in targets}
            citing = sorted(
                (h for h in res.hits if (h.payload.get("key") or h.uid) not in own),
                key=lambda h: (-round(h.score, 4), h.uid),
            )
        hint = None
        if not targets:
            typed = ", ".join(n.text for n in q.numbers) or q.text
            close = self._close_numbers(q)
            hint = f"no document numbered {typed} in this index"
            if close:
                hint += "; did you mean " + ", ".join(close) + "?"
            if citing:
                hint += f"; {len(citing)} passages cite it"
        return self._results(docs, citing, q, limit, flat, versions, hint=hint)

    def _acting_on(
        self,
        q: ParsedQuery,
        targets: list[Version],
        base: EngineQuery,
        limit: int,
        flat: bool,
        versions: dict[str, str],
        window: int,
    ) -> SearchResults:
        """A question about what acts on a document ("văn bản nào sửa đổi Nghị định
        08/2015/NĐ-CP"): the passages of other documents citing it, those with the cue's
        words first, then the document itself."""
        keys = {n.key for n in q.numbers if n.key}
        keys.update(
            query_number_key(t.payload["number"]) for t in targets if t.payload.get("number")
        )
        own = {t.key for t in targets}
        cue = Clause("folded", q.relation_words, phrase=True, boost=self.ranking.bigrams)
        citing = Clause("numbers", tuple(sorted(keys)), boost=self.ranking.numbers)
        spec = EngineQuery(
            should=(cue, citing),
            required=(replace(citing, boost=1.0),),
            keywords=base.keywords,
            year=base.year,
            kinds=base.kinds,
            limit=window,
        )
        acting = sorted(
            (
                h
                for h in self.engine.search(spec).hits
                if (h.payload.get("key") or h.uid) not in own
            ),
            key=lambda h: (-round(h.score, 4), h.uid),
        )
        docs = [RawHit(t.key, 0.0, t.payload) for t in targets if "document" in base.kinds]
        hint = None
        with_cue = self.engine.search(replace(spec, should=(), must=(cue,), limit=4 * len(own) + 1))
        if all((h.payload.get("key") or h.uid) in own for h in with_cue.hits):
            hint = f"no passage in this index {q.relation} {_designation_text(q)}"
            if acting:
                hint += f"; {len(acting)} passages cite it"
        return self._results(acting, docs, q, limit, flat, versions, hint=hint)

    def _close_numbers(self, q: ParsedQuery, n: int = 3) -> list[str]:
        """Up to ``n`` document numbers of the index closest to the numbers typed."""
        from rapidfuzz import fuzz, process

        numbers = self._numbers()
        if not numbers:
            return []
        out: list[str] = []
        for typed in q.numbers:
            found = process.extract(
                " ".join(typed.parts),
                {num: " ".join(number_parts(num)) for num in numbers},
                scorer=fuzz.token_sort_ratio,
                limit=n,
                score_cutoff=50,
            )
            out.extend(key for _, _, key in found)
        return list(dict.fromkeys(out))[:n]

    def _numbers(self) -> list[str]:
        """Every document number of the index, sorted; read once per index generation (the
        first query naming an unknown number reads every document unit)."""
        generation = self.engine.generation()
        cached = self._numbers_cache
        if generation is not None and cached is not None and cached[0] == generation:
            return cached[1]
        numbers = sorted(
            {
                h.payload["number"]
                for h in self.engine.search(EngineQuery(kinds=("document",), limit=100_000)).hits
                if h.payload.get("number")
            }
        )
        if generation is not None:
            self._numbers_cache = (generation, numbers)
        return numbers

    def _text_clauses(
        self, q: ParsedQuery, *, notes: bool = False
    ) -> tuple[tuple[Clause, ...], tuple[Clause, ...]]:
        r = self.ranking
        should: list[Clause] = []
        must: list[Clause] = []
        tokens = list(dict.fromkeys(syllables(q.text)))
        if tokens:
            plain = is_folded(q.text)
            if r.body:
                should.append(Clause("body", tuple(tokens), boost=r.body))
            # a query typed without diacritics matches the folded field; one typed with them
            # matches it only when ``folded`` > 0 (its plain ASCII syllables such as "theo",
            # "cho" are words as typed, not folded ones: measured, folding them hurts)
            fw = r.folded_plain if plain else r.folded
            if fw:
                should.append(Clause("folded", tuple(dict.fromkeys(folded(tokens))), boost=fw))
            pairs = bigrams(syllables(q.text))
            if r.bigrams and pairs:
                if plain:  # no folded bigram field: adjacent pairs as phrases on folded
                    for pair in dict.fromkeys(pairs):
                        a, b = pair.split("_")
                        should.append(Clause("folded", (a, b), phrase=True, boost=r.bigrams))
                else:
                    should.append(Clause("bigrams", tuple(dict.fromkeys(pairs)), boost=r.bigrams))
            if r.title:
                should.append(Clause("title", tuple(tokens), boost=r.title))
            if r.doc_type:  # the type field holds plain and folded syllables
                type_tokens = tuple(dict.fromkeys(folded(tokens) if plain else tokens))
                should.append(Clause("type", type_tokens, boost=r.doc_type))
            if notes and r.notes:
                should.append(Clause("notes", tuple(tokens), boost=r.notes))
        keys = tuple(dict.fromkeys(n.key for n in q.numbers if n.key))
        if keys and r.numbers:
            should.append(Clause("numbers", keys, boost=r.numbers))
        for phrase in q.phrases:
            toks = syllables(phrase)
            if not toks:
                continue
            if is_folded(phrase):
                must.append(Clause("folded", tuple(folded(toks)), phrase=True))
            else:
                must.append(Clause("body", tuple(toks), phrase=True))
        return tuple(should), tuple(must)

    def _number_hits(self, q: ParsedQuery, base: EngineQuery) -> list[RawHit]:
        """Documents whose own number the query names, best match first."""
        if not q.numbers:
            return []
        scored: dict[str, tuple[float, RawHit]] = {}
        for n in q.numbers[:MAX_QUERY_NUMBERS]:
            if n.key:
                res = self.engine.search(
                    EngineQuery(
                        must=(Clause("numkey", (n.key,)),),
                        keywords=base.keywords,
                        year=base.year,
                        kinds=("document",),
                        limit=20,
                    )
                )
                for h in res.hits:
                    _keep(scored, h, 101.0)
                continue  # a whole number is that number: near misses are only suggested
            if not n.serial:
                continue
            res = self.engine.search(
                EngineQuery(
                    must=(Clause("numparts", (n.serial,)),),
                    keywords=base.keywords,
                    year=base.year,
                    kinds=("document",),
                    limit=200,
                )
            )
            for h in res.hits:
                number = h.payload.get("number") or ""
                # "luật 45/2019" asks for the Bộ luật 45/2019/QH14 too (``kind_of``)
                if n.doc_type and h.payload.get("doc_type") not in (
                    None,
                    *types_of_kind(n.doc_type),
                ):
                    continue
                ratio = _number_similarity(n, number)
                if ratio >= NUMBER_MATCH_MIN:
                    _keep(scored, h, ratio)
        ranked = sorted(scored.values(), key=lambda sh: (-sh[0], -(sh[1].payload.get("year") or 0)))
        return [RawHit(h.uid, s, h.payload) for s, h in ranked[:5]]

    def _hits(
        self, raw: list[RawHit], q: ParsedQuery, versions: dict[str, str] | None = None
    ) -> list[Hit]:
        tokens = syllables(" ".join([q.text, *q.phrases]))
        terms = set(tokens)
        plain = is_folded(" ".join([q.text, *q.phrases]))
        folded_terms = set(folded(tokens)) if plain else set()
        out = []
        for h in raw:
            p = h.payload
            text = p.get("text") or ""
            if p.get("heading") and p["heading"] not in text:
                text = f"{p['heading']}. {text}"
            out.append(
                Hit(
                    key=p.get("key") or h.uid,
                    number=p.get("number"),
                    title=p.get("title"),
                    section=p.get("section"),
                    score=h.score,
                    snippet=make_snippet(text, terms, folded_terms),
                    source=p.get("source"),
                    kind=p.get("kind") or ("section" if p.get("section") else "document"),
                    path=p.get("path") or "",
                    heading=p.get("heading"),
                    doc_type=p.get("doc_type"),
                    issuer=p.get("issuer"),
                    year=p.get("year"),
                    version=(versions or {}).get(p.get("key") or ""),
                )
            )
        return out

    # -- life -----------------------------------------------------------------------------
    def close(self) -> None:
        """Release the writer lock and readers."""
        self.engine.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SearchIndex({str(self.path)!r}, engine={self.engine_name!r})"


#: characters of encoded units that wait, parsed ahead, while :meth:`SearchIndex.add_paths`
#: commits (about 128 MB; a commit takes seconds at millions of sections, and without this
#: every worker would stand idle once its few tasks in flight are done)
READ_AHEAD_CHARS = 64 * 2**20


def _prepared(docs: Iterable[Document]) -> Iterator[tuple[str, Iterable[Unit], bool]]:
    """``(key, units, False)`` of each document, its units streamed; a document the caller
    does not hold (a generator of parsed documents) is freed as its units are written."""
    for doc in docs:
        key, us = document_key(doc), units(doc)
        del doc
        yield key, us, False


def _encoded_size(result: Any) -> int:
    """About how many characters a worker's result holds (:func:`encoded_units`).

    >>> _encoded_size(("k", ['{"body":"điều"}', {"body": "khoản", "year": 2020}]))
    20
    """
    if not isinstance(result, tuple):  # a failed task: its error only
        return 1
    n = 0
    for e in result[1]:
        if isinstance(e, str | bytes):
            n += len(e)
        elif isinstance(e, dict):
            n += sum(len(v) for v in e.values() if isinstance(v, str | bytes))
    return n


#: the kinds of :func:`vbpl.corpus.load.run_task` task whose document the parser makes from
#: the text as read (its ``text`` normalised by :func:`vbpl.text.normalize.normalize`)
PARSED_TASKS = frozenset({"file", "bytes"})


def encoded_units(
    task: tuple[Any, ...], *, encode: Callable[[Unit], Any], lazy: bool = False
) -> tuple[str, Iterable[Any]]:
    """Parse the document one task names (:func:`vbpl.corpus.load.run_task`) and return its
    index key and its units passed through ``encode`` (an engine's :meth:`Engine.encoder`):
    what a worker process of :meth:`SearchIndex.add_paths` sends back (a list), or with
    ``lazy``, an iterator that builds each unit as it is read (in this process only).

    >>> from vbpl.search.engine import unit_itself
    >>> key, us = encoded_units(("row", {"text": "Điều 1. Phạm vi"}, "x.jsonl", 1), encode=unit_itself)
    >>> key, [u.kind for u in us]
    ('x.jsonl:1', ['document', 'section'])
    """
    from vbpl.corpus.load import run_task
    from vbpl.search.engine import encode_each

    # units index the normalised text: the text as read (``raw``) is not kept
    doc = run_task(task, keep_raw=False)
    key = document_key(doc)
    # a file's or bytes' text was normalised by the parser just now: not checked again (a
    # JSON row may hold a saved document's text as it was written: checked)
    encoded = encode_each(
        units(doc, normalised=task[0] in PARSED_TASKS or None, owned=True), encode
    )
    # the units hold the only reference to the document now: it is freed once its own unit
    # is built, each section once its units are (a huge text: not alive through the writing)
    del doc
    return key, encoded if lazy else list(encoded)


def _designating(numbers: list[NumberQuery]) -> bool:
    """Whether numbers that match no document still make the query a designation (answered
    by the passages citing them, or by nothing): a whole number or a typed one does; a bare
    serial and year ("43/2014") may as well be words of the text, and is searched as such.

    >>> _designating(parse_query("43/2014").numbers), _designating(parse_query("nđ 43/2014").numbers)
    (False, True)
    """
    return any(n.key or n.doc_type for n in numbers)


def _designation_text(q: ParsedQuery) -> str:
    """The document the query designates, as the user wrote it.

    >>> _designation_text(parse_query("Điều 12 Luật Cạnh tranh 2018"))
    'Luật cạnh tranh 2018'
    """
    if q.numbers:
        return ", ".join(n.text for n in q.numbers)
    if q.named is None:
        return ""
    year = f" {q.named.year}" if q.named.year else ""
    return f"{q.named.doc_type} {' '.join(q.named.words)}{year}"


def _designation_words(q: ParsedQuery) -> set[str]:
    """Every folded word of the query's number and named-document candidates (resolved or
    not): what is left without them is the query's own text.

    >>> sorted(_designation_words(parse_query("Điều 12 Luật Cạnh tranh 2018")))
    ['2018', 'canh', 'luat', 'tranh']
    """
    out: set[str] = set()
    for n in q.numbers:
        out.update(folded(syllables(f"{n.text} {n.typed}")))
    if q.named is not None:
        out.update(folded(syllables(q.named.doc_type)))
        out.update(folded(list(q.named.words)))
        if q.named.year:
            out.add(str(q.named.year))
    return out


def _leftover(q: ParsedQuery, consumed: set[str]) -> str:
    """The query's free text without the words its designation and pinpoint used up.

    >>> _leftover(parse_query("Điều 5 Luật Đất đai 2024 thu hồi đất"),
    ...           {"dieu", "5", "luat", "dat", "dai", "2024"})
    'thu hồi'
    """
    words = syllables(q.text)
    if q.pinpoint is not None:
        start, end = q.pinpoint.span
        words = syllables(q.text[:start] + " " + q.text[end:])
    kept = [w for w, f in zip(words, folded(words), strict=True) if f not in consumed]
    if all(fold(w) in _JOINING_WORDS for w in kept):
        return ""
    return " ".join(kept)


def _unit_identity(h: RawHit) -> tuple[str, Any]:
    """The document and section a hit stands for: the passages of a long section
    (:data:`vbpl.search.units.PASSAGE_CHARS`) are one section, the best of them first."""
    p = h.payload
    return (p.get("key") or h.uid, p.get("section") if p.get("key") else None)


def _keep(scored: dict[str, tuple[float, RawHit]], h: RawHit, score: float) -> None:
    if h.uid not in scored or scored[h.uid][0] < score:
        scored[h.uid] = (score, h)


def _number_similarity(n: NumberQuery, number: str) -> float:
    """rapidfuzz similarity (0-100) of the parts typed and a document's number parts; the
    typed parts may be a subset (``nq 45`` against ``45-NQ/TW``).

    >>> _number_similarity(NumberQuery("nq 45", None, ("45", "nq")), "45-NQ/TW")
    100.0
    """
    from rapidfuzz import fuzz

    parts = number_parts(number)
    if not parts or n.serial not in parts:
        return 0.0
    return float(fuzz.token_set_ratio(" ".join(n.parts), " ".join(parts)))


def _progress(on: bool) -> Any:
    if not on:
        return None
    import sys

    from tqdm import tqdm

    return tqdm(desc="indexing", unit=" doc", file=sys.stderr, dynamic_ncols=True)


__all__ = [
    "ENGINES",
    "INDEX_ENV",
    "MORE_SECTIONS",
    "Hit",
    "Ranking",
    "SearchIndex",
    "SearchResults",
    "SectionHit",
    "default_index_path",
    "demo_index_path",
    "detect_engine",
    "encoded_units",
    "open_index",
]
