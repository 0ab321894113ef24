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

import gc
import json
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vbpl.errors import SearchIndexError
from vbpl.search.engine import Clause, Engine, EngineQuery, RawHit, RawResults
from vbpl.search.units import Unit

#: the registered name of the space tokenizer; bump the suffix when it changes
ANALYZER = "vbpl_ws_v1"
_POSITIONS = ("body", "folded")
_FREQS = ("bigrams", "title", "type", "notes")
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
        heap_size: int = 128_000_000,
        threads: int = 1,
    ) -> None:
        import tantivy

        self.path = Path(path)
        self.timeout = timeout
        self.heap_size = heap_size
        self.threads = threads
        self._writer_obj: Any = None
        try:
            if self.path.is_dir() and tantivy.Index.exists(str(self.path)):
                self._ix = tantivy.Index.open(str(self.path))
            elif create:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ix = tantivy.Index(_schema(), path=str(self.path), reuse=False)
            else:
                raise SearchIndexError(f"{self.path}: no tantivy index here")
        except SearchIndexError:
            raise
        except Exception as e:
            raise SearchIndexError(f"{self.path}: cannot open tantivy index ({e})") from None
        _register(self._ix)
        self._schema = self._ix.schema
        try:
            tantivy.Query.term_query(self._schema, "payload", b"")
        except Exception:
            raise SearchIndexError(f"{self.path}: not a vbpl tantivy index") from None

    # -- writing ------------------------------------------------------------------------
    def _writer(self) -> Any:
        if self._writer_obj is None:
            deadline = time.monotonic() + self.timeout
            while True:
                try:
                    self._writer_obj = self._ix.writer(self.heap_size, self.threads)
                    break
                except ValueError as e:
                    if "lock" not in str(e).lower() or time.monotonic() > deadline:
                        raise SearchIndexError(
                            f"{self.path}: another process is writing this index "
                            f"(waited {self.timeout:g} s)"
                        ) from None
                    time.sleep(0.25)
        return self._writer_obj

    def replace(self, key: str, units: Iterable[Unit]) -> int:
        import tantivy

        w = self._writer()
        w.delete_documents_by_term("key", key)
        n = 0
        for u in units:
            w.add_document(tantivy.Document.from_dict(_fields(u), self._schema))
            n += 1
        return n

    def delete(self, key: str) -> None:
        self._writer().delete_documents_by_term("key", key)

    def commit(self) -> None:
        if self._writer_obj is None:
            return
        try:
            self._writer_obj.commit()
        except Exception as e:
            raise SearchIndexError(f"{self.path}: commit failed ({e})") from None

    def rollback(self) -> None:
        if self._writer_obj is not None:
            self._writer_obj.rollback()

    def optimize(self) -> None:
        """Wait for background merges to finish (tantivy merges on its own)."""
        if self._writer_obj is not None:
            self.commit()
            self._writer_obj.wait_merging_threads()
            self._writer_obj = None
            gc.collect()

    # -- reading ------------------------------------------------------------------------
    def search(self, query: EngineQuery) -> RawResults:
        import tantivy

        Occur = tantivy.Occur
        Q = tantivy.Query
        subs: list[tuple[Any, Any]] = []
        try:
            if query.should:
                subs.append(
                    (
                        Occur.Must,
                        Q.boolean_query([(Occur.Should, self._clause(c)) for c in query.should]),
                    )
                )
            subs.extend((Occur.Must, self._clause(c)) for c in query.must)
            if not subs:
                subs.append((Occur.Must, Q.all_query()))
            subs.extend(
                (Occur.Must, Q.const_score_query(self._clause(c), 0.0)) for c in query.required
            )
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
            q = Q.boolean_query(subs)
            self._ix.reload()
            searcher = self._ix.searcher()
            res = searcher.search(q, max(1, query.limit), count=True)
            hits = []
            if query.limit > 0:
                for score, addr in res.hits:
                    doc = searcher.doc(addr)
                    hits.append(
                        RawHit(
                            doc.get_first("uid"), float(score), json.loads(doc.get_first("payload"))
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
            return RawResults(hits, int(res.count or 0), facets)
        except SearchIndexError:
            raise
        except Exception as e:
            raise SearchIndexError(f"{self.path}: search failed ({e})") from None

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

    def count(self, kind: str | None = None) -> int:
        import tantivy

        self._ix.reload()
        searcher = self._ix.searcher()
        if kind is None:
            return int(searcher.num_docs)
        q = tantivy.Query.term_query(self._schema, "kind", kind)
        return int(searcher.search(q, 1, count=True).count or 0)

    def close(self) -> None:
        if self._writer_obj is not None:
            self._writer_obj = None
            gc.collect()


def _fields(u: Unit) -> dict[str, Any]:
    d = u.field_values()
    d["payload"] = json.dumps(u.payload, ensure_ascii=False, default=str).encode()
    return d


__all__ = ["ANALYZER", "TantivyEngine"]
