"""The tantivy engine (tantivy-py): for corpora of tens of thousands of documents and more.

Facts this module relies on (``../shared/DESIGN.md``):

* custom analyzers are not stored in the index: :data:`ANALYZER` is registered after every
  ``Index.open``; its name is versioned (``vbpl_ws_v1``) so that a changed analyzer gets a
  new name instead of silently reading old tokens differently;
* text is normalised and tokenised in Python (:mod:`vbpl.search.analysis`); tantivy only
  splits the prepared token strings on spaces;
* queries are built from our own tokens (term, phrase, boolean queries), never from
  ``parse_query`` (which raises on "Điều 5: hiệu lực" and reads "-dữ" as NOT);
* the writer lock lives as long as the writer object: :meth:`TantivyEngine.close` drops it;
  a commit is atomic (``meta.json`` is replaced), so a killed writer loses only what it had
  not committed, and its lock (an OS file lock) dies with it.

>>> import tempfile
>>> eng = TantivyEngine(tempfile.mkdtemp())
>>> eng.count()
0
>>> eng.close()
"""

from __future__ import annotations

import base64
import contextlib
import gc
import json
import math
import os
import shutil
import struct
import tempfile
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import orjson

from vbpl.errors import SearchIndexError
from vbpl.search.engine import Clause, Engine, EngineQuery, RawHit, RawResults
from vbpl.search.folder import create_atomically, os_failure, remove_stale_builds, writable
from vbpl.search.limits import MAX_HITS
from vbpl.search.units import Unit
from vbpl.text.repair import repair_fields

#: the registered name of the space tokenizer; bump the suffix when it changes
ANALYZER = "vbpl_ws_v1"
_POSITIONS = ("body", "folded")
_FREQS = ("bigrams", "title", "type", "notes")
#: the field that holds every pair of neighbouring syllables of a positional field, joined
#: by "_" (:mod:`vbpl.search.units` writes both from one token list)
PAIR_FIELDS = {"body": "bigrams"}
#: common-terms execution (:meth:`TantivyEngine._rare_terms`): queries whose required
#: postings are shorter than this run as they are; the rare terms may hold this share of them
COMMON_MIN_POSTINGS = 50_000
RARE_SHARE = 0.5
_KEYWORDS = (
    "numbers",
    "numkey",
    "numparts",
    "pinpoint",
    "doc_type",
    "issuer",
    "status",
    "fields",
)


def _schema() -> Any:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("uid", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("key", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_text_field("kind", tokenizer_name="raw", index_option="basic")
    for name in _POSITIONS:
        sb.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    for name in _FREQS:
        sb.add_text_field(name, tokenizer_name=ANALYZER, index_option="freq")
    for name in _KEYWORDS:
        sb.add_text_field(name, tokenizer_name=ANALYZER, index_option="basic")
    sb.add_text_field("doc_type_v", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_text_field("issuer_v", tokenizer_name="raw", fast=True, index_option="basic")
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True)
    return sb.build()


def _register(ix: Any) -> None:
    import tantivy

    ix.register_tokenizer(
        ANALYZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )


#: the writer's memory budget per indexing thread (bytes): tantivy writes a segment when its
#: in-memory postings reach it. 128 MB: with 32 MB, `vbpl index` of one 16 MB text peaked
#: higher (138 MB against 124 MB: the budget filled and a segment was written mid-text), and
#: a build of a million sections left twice the segments (18 against 9) for queries ~15 %
#: slower, for the same build time (docs/reliability.md, Memory)
HEAP_SIZE = 128_000_000


class TantivyEngine(Engine):
    """An index in folder ``path`` (created when absent)."""

    name = "tantivy"

    @classmethod
    def detect(cls, path: Path) -> bool:
        """tantivy keeps its schema and segment list in ``meta.json``."""
        return (Path(path) / "meta.json").is_file()

    def __init__(
        self,
        path: str | Path,
        *,
        timeout: float = 30.0,
        create: bool = True,
        heap_size: int | None = None,
        threads: int = 1,
    ) -> None:
        import tantivy

        self.path = Path(path)
        self.timeout = timeout
        #: the writer's budget: :data:`HEAP_SIZE` per indexing thread unless given
        self.heap_size = heap_size if heap_size is not None else HEAP_SIZE * threads
        self.threads = threads
        self._writer_obj: Any = None
        self._writer_error: SearchIndexError | None = None
        self._shadow: Path | None = None
        #: a unit of :data:`RELEASE_AFTER` characters was written since the last commit
        self._huge_written = False
        self.read_only = False
        try:
            if not (self.path.is_dir() and tantivy.Index.exists(str(self.path))):
                if not create:
                    raise SearchIndexError(f"{self.path}: no tantivy index here")
                remove_stale_builds(self.path.parent, self.path.name)
                create_atomically(self.path, _build, _exists)
            self.read_only = not writable(self.path)
            damage = damaged_files(self.path, full=_index_bytes(self.path) <= VERIFY_ON_OPEN)
            if damage:
                raise SearchIndexError(f"{self.path}: the index is damaged ({damage[0]})")
            where = self.path
            if self.read_only:  # tantivy's reader takes a file lock: give it a folder of its own
                where = self._shadow = _shadow_folder(self.path)
            self._ix = tantivy.Index.open(str(where))
        except SearchIndexError:
            self._drop_shadow()
            raise
        except BaseException as e:
            self._drop_shadow()
            _reraise_interrupt(e)
            raise os_failure(self.path, "cannot open tantivy index", e) from None
        _register(self._ix)
        self._schema = self._ix.schema
        try:
            tantivy.Query.term_query(self._schema, "payload", b"")
        except Exception:
            raise SearchIndexError(f"{self.path}: not a vbpl tantivy index") from None

    def _drop_shadow(self) -> None:
        if self._shadow is not None:
            shutil.rmtree(self._shadow, ignore_errors=True)
            self._shadow = None

    # -- writing ------------------------------------------------------------------------
    def _writer(self) -> Any:
        if self._writer_obj is not None:
            return self._writer_obj
        self._may_write()
        start = time.monotonic()
        while True:
            try:
                self._writer_obj = self._ix.writer(self.heap_size, self.threads)
                break
            except BaseException as e:
                _reraise_interrupt(e)
                waited = time.monotonic() - start
                if "LockBusy" in str(e) and waited < self.timeout:
                    time.sleep(min(0.25, max(0.0, self.timeout - waited)))
                    continue
                if "LockBusy" in str(e):
                    err = SearchIndexError(
                        f"{self.path}: another process is writing this index "
                        f"(waited {waited:.1f} s)"
                    )
                else:
                    err = os_failure(self.path, "cannot write", e)
                self._writer_error = err
                raise err from None
        # files of a writer that died before its commit (disk full, killed)
        with contextlib.suppress(Exception):
            self._writer_obj.garbage_collect_files()
        return self._writer_obj

    def _failed(self, what: str, e: BaseException) -> SearchIndexError:
        """Drop the writer after a failure (its lock with it); the last commit stays."""
        _reraise_interrupt(e)
        if isinstance(e, SearchIndexError):
            return e
        self._writer_obj = None
        gc.collect()
        return os_failure(self.path, what, e)

    def replace(self, key: str, units: Iterable[Unit]) -> int:
        from vbpl.search.engine import encode_each

        return self.replace_encoded(key, encode_each(units, unit_json))

    def encoder(self) -> Callable[[Unit], str]:
        """A unit as the JSON document the writer reads (:func:`unit_json`; run in worker
        processes)."""
        return unit_json

    def replace_encoded(self, key: str, encoded: Iterable[str]) -> int:
        w = self._writer()
        try:
            w.delete_documents_by_term("key", key)
            n = 0
            # ``add_json`` parses the unit in Rust: no Python object per field in the
            # writing process (which also unpickles what the workers send)
            for doc in encoded:
                w.add_json(doc)
                big = len(doc) >= RELEASE_AFTER
                del doc  # a huge section's text: not alive while the next unit is built
                if big:
                    release_free_memory()
                    self._huge_written = True
                n += 1
        except BaseException as e:
            raise self._failed("writing failed", e) from None
        return n

    def delete(self, key: str) -> None:
        w = self._writer()
        try:
            w.delete_documents_by_term("key", key)
        except BaseException as e:
            raise self._failed("writing failed", e) from None

    def commit(self) -> None:
        if self._writer_obj is None:
            return
        if self._huge_written:  # the freed pages of huge units, before the segment is written
            self._huge_written = False
            release_free_memory()
        try:
            self._writer_obj.commit()
        except BaseException as e:
            raise self._failed("commit failed", e) from None

    def rollback(self) -> None:
        self._writer_error = None
        self._huge_written = False
        if self._writer_obj is not None:
            try:
                self._writer_obj.rollback()
            except BaseException as e:
                raise self._failed("rollback failed", e) from None

    def optimize(self) -> None:
        """Wait for background merges to finish (tantivy merges on its own)."""
        if self._writer_obj is not None:
            self.commit()
            w, self._writer_obj = self._writer_obj, None
            try:
                w.wait_merging_threads()
            except BaseException as e:
                raise self._failed("merging failed", e) from None
            finally:
                del w
                gc.collect()

    # -- reading ------------------------------------------------------------------------
    #: the searcher of the last reload and the bytes of ``meta.json`` it was opened on
    _searcher_obj: Any = None
    _searcher_meta: bytes | None = None

    def _searcher(self) -> Any:
        """A searcher on the last commit: reloaded only when ``meta.json`` (which every
        commit replaces) has changed (a reload reopens every segment: 0.7 ms a query at
        565,000 units)."""
        try:
            meta: bytes | None = (self.path / "meta.json").read_bytes()
        except OSError:
            meta = None
        if meta is None or meta != self._searcher_meta or self._searcher_obj is None:
            self._ix.reload()
            self._searcher_obj = self._ix.searcher()
            self._searcher_meta = meta
        return self._searcher_obj

    def generation(self) -> object:
        """The state of ``meta.json``, which every commit replaces."""
        try:
            st = (self.path / "meta.json").stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def search(self, query: EngineQuery) -> RawResults:
        """Units matching ``query``, best first.

        Two execution shortcuts give the same top hits as the plain query (tantivy-py never
        reaches tantivy's top-k pruning, so every matching unit is scored, see
        ``docs/search.md`` "Query latency: phrase pairs and common terms"):

        * a phrase on ``body`` also requires its syllable pairs in ``bigrams`` (constant
          score 0): the ``bigrams`` field holds every pair of neighbouring ``body``
          syllables, so the pairs match a superset of the phrase's units, and a short
          posting list drives the intersection instead of two long ones;
        * when the query's terms are common (:data:`COMMON_MIN_POSTINGS`), it is first run
          on the units that hold at least one of its weightiest terms (:meth:`_rare_terms`);
          only when they give fewer hits than asked does the plain query run. Scores are
          the plain query's; the top hits may differ only where a unit with none of those
          terms would have outscored them, and ``total`` then counts the units with one
          (a lower bound). Facets are always counted on the plain query.
        """
        import tantivy

        Q = tantivy.Query
        try:
            searcher = self._searcher()
            # tantivy allocates the whole top-k heap up front: never ask for more than exists
            k = max(1, min(query.limit, MAX_HITS, int(searcher.num_docs)))
            q = self._query(query)
            res = None
            rare = self._rare_terms(query, searcher)
            if rare is not None:
                res = searcher.search(
                    self._query(query, (Q.const_score_query(rare, 0.0),)), k, count=True
                )
                if len(res.hits) < k:  # too few units hold a rare term: the plain query
                    res = None
            if res is None:
                res = searcher.search(q, k, count=True)
            hits = []
            if query.limit > 0:
                import orjson  # about twice as fast as json on the stored payloads

                for score, addr in res.hits:
                    doc = searcher.doc(addr)
                    hits.append(
                        RawHit(
                            str(doc.get_first("uid")),
                            float(score),
                            orjson.loads(doc.get_first("payload") or b"{}"),
                        )
                    )
            facets: dict[str, dict[str, int]] = {}
            if query.facets:
                # facets count documents: the distinct keys under each value
                per_doc = {"keys": {"terms": {"field": "key", "size": 1_000_000}}}
                agg = searcher.aggregate(
                    q,
                    {
                        "doc_type": {"terms": {"field": "doc_type_v", "size": 50}, "aggs": per_doc},
                        "issuer": {"terms": {"field": "issuer_v", "size": 50}, "aggs": per_doc},
                        "year": {"terms": {"field": "year", "size": 200}, "aggs": per_doc},
                    },
                )
                for name in ("doc_type", "issuer", "year"):
                    buckets = agg.get(name, {}).get("buckets", [])
                    facets[name] = {
                        str(b["key"]): len(b.get("keys", {}).get("buckets", []))
                        for b in buckets
                        if b["key"] not in (None, "")
                    }
            # tantivy-py's stubs leave out SearchResult.count (set when count=True)
            return RawResults(hits, int(cast(Any, res).count or 0), facets)
        except SearchIndexError:
            raise
        except BaseException as e:  # a damaged index panics in Rust (not an Exception)
            _reraise_interrupt(e)
            raise SearchIndexError(f"{self.path}: search failed ({_first_line(e)})") from None

    def _query(self, query: EngineQuery, extra: tuple[Any, ...] = ()) -> Any:
        """``query`` as one tantivy boolean query; ``extra`` queries are required too."""
        import tantivy

        Occur = tantivy.Occur
        Q = tantivy.Query
        subs: list[tuple[Any, Any]] = []
        if query.should:
            # one flat disjunction of term (and phrase) queries: a boolean of booleans
            # scores the same sum but costs a union per level (measured: the union of
            # four nested field unions takes 1.5-1.9x the time of the flat one)
            alts = [(Occur.Should, q) for c in query.should for q in self._terms(c)]
            subs.append((Occur.Must, alts[0][1] if len(alts) == 1 else Q.boolean_query(alts)))
        subs.extend((Occur.Must, self._clause(c)) for c in query.must)
        if not subs:
            subs.append((Occur.Must, Q.all_query()))
        subs.extend((Occur.Must, Q.const_score_query(self._clause(c), 0.0)) for c in query.required)
        for c in (*query.must, *query.required):
            pairs = self._pairs(c)
            if pairs is not None:
                subs.append((Occur.Must, Q.const_score_query(pairs, 0.0)))
        for name, values in query.keywords:
            alt = Q.boolean_query(
                [(Occur.Should, Q.term_query(self._schema, name, v)) for v in values]
            )
            subs.append((Occur.Must, Q.const_score_query(alt, 0.0)))
        if query.year is not None:
            lo, hi = query.year
            rq = Q.range_query(
                self._schema,
                "year",
                tantivy.FieldType.Integer,
                lo if lo is not None else -(2**62),
                hi if hi is not None else 2**62,
            )
            subs.append((Occur.Must, Q.const_score_query(rq, 0.0)))
        if tuple(sorted(query.kinds)) != ("document", "section"):
            alt = Q.boolean_query(
                [(Occur.Should, Q.term_query(self._schema, "kind", k)) for k in query.kinds]
            )
            subs.append((Occur.Must, Q.const_score_query(alt, 0.0)))
        subs.extend((Occur.Must, x) for x in extra)
        return Q.boolean_query(subs)

    def _pairs(self, c: Clause) -> Any | None:
        """The conjunction of the syllable pairs of a ``body`` phrase in ``bigrams`` (a
        superset of the phrase's units: ``bigrams`` holds every pair of neighbouring
        ``body`` syllables), or ``None`` for any other clause."""
        if not (c.phrase and c.field in PAIR_FIELDS and len(c.tokens) > 1):
            return None
        import tantivy

        Q = tantivy.Query
        field = PAIR_FIELDS[c.field]
        pairs = dict.fromkeys(f"{a}_{b}" for a, b in zip(c.tokens, c.tokens[1:], strict=False))
        terms = [(tantivy.Occur.Must, Q.term_query(self._schema, field, p)) for p in pairs]
        return terms[0][1] if len(terms) == 1 else Q.boolean_query(terms)

    def _rare_terms(self, query: EngineQuery, searcher: Any) -> Any | None:
        """The disjunction of the query's weightiest ``should`` terms when common terms make
        the plain query expensive (in the spirit of Lucene's ``CommonTermsQuery``), else
        ``None``.

        Only for queries with required (or ``must``) single terms: a plain union (a long
        query, any word) intersected with its rare terms was measured slower than the union
        itself. Expensive: the shortest posting list among the required terms, the filters
        and the ``should`` terms' postings together (the matches are within each) holds :data:`COMMON_MIN_POSTINGS` units or more.
        Weightiest: the terms in order of their clause's boost times their idf, taken while
        their postings together stay within :data:`RARE_SHARE` of that estimate (at least
        one term left out: a unit without any of these can only score on the others).
        """
        terms = {
            (c.field, t): c.boost
            for c in query.should
            if not (c.phrase and len(c.tokens) > 1)
            for t in c.tokens
        }
        if len(terms) < 2 or int(searcher.num_docs) < COMMON_MIN_POSTINGS:
            return None
        df = {ft: int(searcher.doc_freq(*ft)) for ft in terms}
        needed = [
            int(searcher.doc_freq(c.field, c.tokens[0]))
            for c in (*query.must, *query.required)
            if len(c.tokens) == 1
        ]
        if not needed:  # a plain union: intersecting it with the rare terms costs more
            return None
        filters = [*query.keywords, ("kind", query.kinds)]
        needed.extend(sum(int(searcher.doc_freq(f, v)) for v in vs) for f, vs in filters)
        estimate = min([*needed, sum(df.values())])  # the matches are within each of them
        if estimate < COMMON_MIN_POSTINGS:
            return None
        n = int(searcher.num_docs)

        def weight(ft: tuple[str, str]) -> float:  # tantivy's BM25 idf times the boost
            return terms[ft] * math.log(1 + (n - df[ft] + 0.5) / (df[ft] + 0.5))

        rare: list[tuple[str, str]] = []
        budget = RARE_SHARE * estimate
        for ft in sorted((ft for ft in df if df[ft] > 0), key=weight, reverse=True):
            if df[ft] > budget:
                break
            budget -= df[ft]
            rare.append(ft)
        if not rare or len(rare) == sum(1 for ft in df if df[ft] > 0):
            return None
        import tantivy

        Q = tantivy.Query
        qs = [(tantivy.Occur.Should, Q.term_query(self._schema, f, t)) for f, t in rare]
        return qs[0][1] if len(qs) == 1 else Q.boolean_query(qs)

    def _clause(self, c: Clause) -> Any:
        import tantivy

        Q = tantivy.Query
        if c.phrase and len(c.tokens) > 1:
            q = Q.phrase_query(self._schema, c.field, list(c.tokens))
        elif len(c.tokens) == 1:
            q = Q.term_query(self._schema, c.field, c.tokens[0])
        else:
            q = Q.boolean_query(
                [(tantivy.Occur.Should, Q.term_query(self._schema, c.field, t)) for t in c.tokens]
            )
        return q if c.boost == 1.0 else Q.boost_query(q, c.boost)

    def _terms(self, c: Clause) -> list[Any]:
        """``c`` as sibling queries of a disjunction: one per token (boosted each), or its
        phrase."""
        if (c.phrase and len(c.tokens) > 1) or len(c.tokens) == 1:
            return [self._clause(c)]
        import tantivy

        Q = tantivy.Query
        terms = [Q.term_query(self._schema, c.field, t) for t in c.tokens]
        return terms if c.boost == 1.0 else [Q.boost_query(q, c.boost) for q in terms]

    def count(self, kind: str | None = None) -> int:
        import tantivy

        try:
            searcher = self._searcher()
            if kind is None:
                return int(searcher.num_docs)
            q = tantivy.Query.term_query(self._schema, "kind", kind)
            return int(cast(Any, searcher.search(q, 1, count=True)).count or 0)
        except BaseException as e:
            _reraise_interrupt(e)
            raise SearchIndexError(f"{self.path}: cannot read ({_first_line(e)})") from None

    def check(self) -> list[str]:
        """Problems of the committed index: checksums of every file, then a full read of
        every stored unit (empty: the index is sound)."""
        problems = damaged_files(self.path, full=True)
        if problems:
            return problems
        import tantivy

        try:
            self._ix.reload()
            searcher = self._ix.searcher()
            total, step = int(searcher.num_docs), 5000
            for offset in range(0, total, step):
                res = searcher.search(tantivy.Query.all_query(), step, offset=offset)
                for _, addr in res.hits:
                    payload = searcher.doc(addr).get_first("payload")
                    if payload is None:
                        return ["a stored unit without payload"]
                    json.loads(payload)
        except BaseException as e:
            _reraise_interrupt(e)
            return [f"reading stored units failed ({_first_line(e)})"]
        return []

    def close(self) -> None:
        if self._writer_obj is not None:
            w, self._writer_obj = self._writer_obj, None
            # let merges end: a merge dropped half-way leaves files until the next writer
            with contextlib.suppress(BaseException):
                w.wait_merging_threads()  # uncommitted changes are dropped, as before
            del w
            gc.collect()
        self._drop_shadow()


#: a unit whose JSON holds this many characters or more is followed by
#: :func:`release_free_memory` (only passages of huge sections are that large), and so is
#: the next commit: one 16 MB text through the API peaks at 9.5x instead of 10x its size
#: (docs/reliability.md, "Indexing through the API (fourth round)")
RELEASE_AFTER = 1 << 20


def release_free_memory() -> bool:
    """Give the pages of freed memory back to the system (glibc's ``malloc_trim``, once:
    no setting of the allocator changes); ``False`` where the C library is not glibc.

    After a huge passage, its strings and JSON (0.3-2 MB each, taken from the heap once
    glibc's mmap threshold has risen) leave freed pages that stay resident between the
    blocks still in use.

    >>> import platform
    >>> release_free_memory() == (platform.libc_ver()[0] == "glibc")
    True
    """
    import ctypes

    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018 (glibc only)
        libc.malloc_trim(0)
        return True
    except (OSError, AttributeError, TypeError):
        return False


def unit_json(u: Unit) -> str:
    """Unit ``u`` as one JSON document for ``IndexWriter.add_json``: its field values and its
    payload (the stored bytes: the payload as JSON, base64-encoded, which is how tantivy's
    JSON reader takes a bytes field). Lone surrogates (which UTF-8 cannot hold) become
    U+FFFD; the text is walked for them only when orjson refuses it.

    >>> from vbpl.search.units import Unit
    >>> u = Unit("k", "k", "document", "điều", "", "", "", "", "", "", "", "Luật", "", "", "",
    ...          "", (), 2020)
    >>> d = json.loads(unit_json(u))
    >>> d["body"], d["year"], base64.b64decode(d["payload"]) == orjson.dumps(u.payload)
    ('điều', 2020, True)
    """
    try:
        fields = orjson.dumps(u.field_values())
        payload = orjson.dumps(u.payload, default=str)
    except orjson.JSONEncodeError:  # a lone surrogate: repair every string, then again
        fields = orjson.dumps(repair_fields(u.field_values()))
        payload = orjson.dumps(repair_fields(u.payload), default=str)
    b64 = base64.b64encode(payload)
    del payload  # one copy of a huge section at a time
    text = b"".join((fields[:-1], b"," if len(fields) > 2 else b"", b'"payload":"', b64, b'"}'))
    del fields, b64
    return text.decode()


def _build(folder: Path) -> None:
    import tantivy

    ix = tantivy.Index(_schema(), path=str(folder), reuse=False)
    del ix
    gc.collect()


def _exists(folder: Path) -> bool:
    import tantivy

    return bool(tantivy.Index.exists(str(folder)))


def _shadow_folder(path: Path) -> Path:
    """A private folder of links to the index files, for a reader that may not write in
    ``path`` (tantivy's reader creates ``.tantivy-meta.lock`` beside ``meta.json``)."""
    shadow = Path(tempfile.mkdtemp(prefix="vbpl-readonly-"))
    for f in path.iterdir():
        if f.name.endswith(".lock"):
            continue
        os.symlink(f.resolve(), shadow / f.name)
    return shadow


#: indexes up to this size (bytes) have every checksum verified when opened (about 20 ms);
#: larger ones only their footers (``vbpl index --check`` verifies every byte)
VERIFY_ON_OPEN = 32 * 1024 * 1024


def _index_bytes(path: Path) -> int:
    try:
        return sum(e.stat().st_size for e in os.scandir(path) if e.is_file())
    except OSError:
        return 0


#: tantivy writes this number after the JSON footer of every segment file
_FOOTER_MAGIC = 1337


def damaged_files(path: Path, *, full: bool) -> list[str]:
    """Problems of the files ``meta.json`` names: missing files, missing footers and, with
    ``full``, CRC32 checksums that do not match (tantivy's own footer checksums).

    >>> import tempfile
    >>> damaged_files(Path(tempfile.mkdtemp()), full=True)
    ['meta.json: missing']
    """
    meta_path = path / "meta.json"
    try:
        meta = json.loads(meta_path.read_bytes())
        segments = [str(s["segment_id"]).replace("-", "") for s in meta["segments"]]
    except FileNotFoundError:
        return ["meta.json: missing"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        return [f"meta.json: unreadable ({type(e).__name__})"]
    problems: list[str] = []
    try:
        names = [f.name for f in path.iterdir()]
    except OSError as e:
        return [f"cannot list the folder ({e.strerror or e})"]
    for seg in segments:
        files = sorted(n for n in names if n.startswith(seg + "."))
        if not any(n.endswith(".store") for n in files):
            problems.append(f"segment {seg}: files missing")
        for name in files:
            problem = _file_problem(path / name, full=full)
            if problem:
                problems.append(f"{name}: {problem}")
    return problems


def _file_problem(f: Path, *, full: bool) -> str | None:
    try:
        size = f.stat().st_size
        with f.open("rb") as fh:
            if size < 8:
                return "truncated"
            fh.seek(size - 8)
            footer_len, magic = struct.unpack("<II", fh.read(8))
            if magic != _FOOTER_MAGIC or footer_len + 8 > size:
                return "no tantivy footer (truncated or overwritten)"
            fh.seek(size - 8 - footer_len)
            footer = json.loads(fh.read(footer_len))
            if not full:
                return None
            fh.seek(0)
            crc, left = 0, size - 8 - footer_len
            while left > 0:
                chunk = fh.read(min(left, 1 << 20))
                if not chunk:
                    return "truncated"
                crc = zlib.crc32(chunk, crc)
                left -= len(chunk)
    except OSError as e:
        return f"unreadable ({e.strerror or e})"
    except (ValueError, struct.error):
        return "footer unreadable"
    if crc != footer.get("crc"):
        return "checksum mismatch (the file was changed after it was written)"
    return None


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


def _reraise_interrupt(e: BaseException) -> None:
    """Interrupts pass through; everything else (also a Rust panic, a BaseException) is
    turned into a one-line error by the caller."""
    if isinstance(e, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise e


__all__ = ["ANALYZER", "HEAP_SIZE", "TantivyEngine", "damaged_files"]
