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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from vbpl.errors import SearchIndexError
from vbpl.model import Document
from vbpl.search.analysis import bigrams, folded, is_folded, number_parts, syllables
from vbpl.search.engine import Clause, Engine, EngineQuery, RawHit
from vbpl.search.query import NumberQuery, ParsedQuery, parse_query
from vbpl.search.snippets import make_snippet
from vbpl.search.units import Unit, document_key, units

ENGINES = ("whoosh", "tantivy", "sphinx")
#: environment variable naming the default index folder
INDEX_ENV = "VBPL_INDEX"
#: a number candidate must reach this rapidfuzz score (0-100) to be put first
NUMBER_MATCH_MIN = 80.0


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
    and_max_terms: int = 4  # queries of up to this many words need all of them (else: any)


@dataclass(frozen=True, slots=True)
class Hit:
    """One result: a document (``section`` is ``None``) or one of its sections.

    ``to_dict`` gives the JSON of ``vbpl search --json``: ``key, number, title, section,
    score, snippet, source`` plus ``kind``, ``path``, ``heading``, ``doc_type``, ``issuer``
    and ``year``.
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
        }


class SearchResults(list[Hit]):
    """Hits best first, with ``facets`` (counts by ``doc_type``, ``issuer``, ``year`` over
    every matching unit), ``total`` matching units and the parsed ``query``."""

    def __init__(
        self,
        hits: Iterable[Hit] = (),
        *,
        facets: dict[str, dict[str, int]] | None = None,
        total: int = 0,
        query: ParsedQuery | None = None,
    ) -> None:
        super().__init__(hits)
        self.facets: dict[str, dict[str, int]] = facets or {}
        self.total = total
        self.query = query

    def to_dicts(self) -> list[dict[str, Any]]:
        """The hits as JSON-ready dicts."""
        return [h.to_dict() for h in self]


def default_index_path(engine: str = "whoosh") -> Path:
    """``$VBPL_INDEX`` when set, else ``<user cache dir>/vbpl/index-<engine>``."""
    env = os.environ.get(INDEX_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("vbpl")) / f"index-{engine}"


def detect_engine(path: str | Path) -> str | None:
    """Which engine wrote the index in ``path`` (``None`` when there is none).

    >>> import tempfile
    >>> detect_engine(tempfile.mkdtemp()) is None
    True
    """
    p = Path(path)
    if not p.is_dir():
        return None
    if (p / "meta.json").is_file():
        return "tantivy"
    if (p / "sphinx.json").is_file():
        return "sphinx"
    if any(p.glob("_vbpl_*.toc")):
        return "whoosh"
    return None


def _make_engine(name: str, path: Path, **options: Any) -> Engine:
    if name == "whoosh":
        from vbpl.search.whoosh_engine import WhooshEngine

        return WhooshEngine(path, **options)
    if name == "tantivy":
        from vbpl.search.tantivy_engine import TantivyEngine

        return TantivyEngine(path, **options)
    if name == "sphinx":
        from vbpl.search.sphinx_engine import SphinxEngine

        return SphinxEngine(path, **options)
    raise SearchIndexError(f"unknown search engine {name!r} (choose whoosh or tantivy)")


def open_index(
    path: str | Path | None = None,
    *,
    engine: str = "whoosh",
    ranking: Ranking | None = None,
    **options: Any,
) -> SearchIndex:
    """Open (or create) the index at ``path``; ``None`` means :func:`default_index_path`.

    ``engine`` is ``whoosh``, ``tantivy`` or ``auto`` (the engine of the index found at
    ``path``, whoosh for a new one). Opening an index written by the other engine is an
    error. ``options`` go to the engine (``timeout`` for the writer lock, in seconds).
    """
    if engine not in (*ENGINES, "auto"):
        raise SearchIndexError(f"unknown search engine {engine!r} (choose whoosh or tantivy)")
    p = (
        Path(path).expanduser()
        if path is not None
        else default_index_path("whoosh" if engine == "auto" else engine)
    )
    found = detect_engine(p)
    if engine == "auto":
        engine = found or "whoosh"
    elif found is not None and found != engine:
        raise SearchIndexError(f"{p}: holds a {found} index, not {engine} (use --engine {found})")
    if p.exists() and not p.is_dir():
        raise SearchIndexError(f"{p}: not a folder")
    if found is None and p.is_dir() and any(p.iterdir()):
        raise SearchIndexError(f"{p}: folder is not empty and holds no vbpl index")
    return SearchIndex(_make_engine(engine, p, **options), p, ranking=ranking)


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

    @property
    def engine_name(self) -> str:
        """``whoosh`` or ``tantivy``."""
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
        bar = _progress(progress)
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
            for doc in docs:
                key = document_key(doc)
                if key in batch_keys:  # the same key twice in one batch: commit in between
                    commit()
                doc_units: list[Unit] = list(units(doc))
                current = key  # a document half-written when an error strikes is dropped
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
        opt = getattr(self.engine, "optimize", None)
        if opt is not None:
            opt()

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
    ) -> SearchResults:
        """Hits for ``query``, best first (see :mod:`vbpl.search.query` for its syntax).

        ``filters`` adds filters as a dict (``{"loai": "nghi-quyet", "nam": "2020..2023"}``,
        any name or alias the query language accepts). A document whose number the query
        names comes first. Never raises on the query text itself.
        """
        parsed = parse_query(query if isinstance(query, str) else str(query))
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
        keywords = tuple(parsed.filters.items())
        base = EngineQuery(keywords=keywords, year=parsed.year, kinds=kinds)

        number_hits = self._number_hits(parsed, base) if documents else []
        should, must = self._text_clauses(parsed)
        if not should and not must and not keywords and parsed.year is None:
            return SearchResults(
                self._hits(number_hits, parsed), query=parsed, total=len(number_hits)
            )
        # a short query wants every word (by its folded form); when nothing has them all,
        # any of them will do
        words = list(dict.fromkeys(folded(syllables(parsed.text))))
        required = (
            tuple(Clause("folded", (w,)) for w in words)
            if 1 < len(words) <= self.ranking.and_max_terms
            else ()
        )
        query_spec = EngineQuery(
            should=should,
            must=must,
            required=required,
            keywords=keywords,
            year=parsed.year,
            kinds=kinds,
            limit=limit + len(number_hits),
            facets=facets,
        )
        raw = self.engine.search(query_spec)
        if not raw.hits and required:
            raw = self.engine.search(replace(query_spec, required=()))
        ranked = bool(should or must)
        raw_hits = sorted(  # equal scores in a fixed order, the same for every engine
            (h if ranked else RawHit(h.uid, 0.0, h.payload) for h in raw.hits),
            key=lambda h: (-round(h.score, 4), h.uid),
        )
        seen = {h.uid for h in number_hits}
        top = raw_hits[0].score if raw_hits else 0.0
        first = [RawHit(h.uid, top + h.score / 100.0, h.payload) for h in number_hits]
        rest = [h for h in raw_hits if h.uid not in seen]
        hits = self._hits([*first, *rest][:limit], parsed)
        facet_counts = {
            name: dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            for name, counts in raw.facets.items()
        }
        return SearchResults(
            hits, facets=facet_counts, total=max(raw.total, len(hits)), query=parsed
        )

    def _text_clauses(self, q: ParsedQuery) -> tuple[tuple[Clause, ...], tuple[Clause, ...]]:
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
        for n in q.numbers:
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
                if n.doc_type and h.payload.get("doc_type") not in (None, n.doc_type):
                    continue
                ratio = _number_similarity(n, number)
                if ratio >= NUMBER_MATCH_MIN:
                    _keep(scored, h, ratio)
        ranked = sorted(scored.values(), key=lambda sh: (-sh[0], -(sh[1].payload.get("year") or 0)))
        return [RawHit(h.uid, s, h.payload) for s, h in ranked[:5]]

    def _hits(self, raw: list[RawHit], q: ParsedQuery) -> list[Hit]:
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
    "Hit",
    "Ranking",
    "SearchIndex",
    "SearchResults",
    "default_index_path",
    "detect_engine",
    "open_index",
]
