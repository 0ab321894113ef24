"""The whoosh engine: pure Python, the default embedded engine.

Coded against the plain ``whoosh`` import (whoosh 2.7.4; a fork such as whoosh3 with the
same API can be swapped in). Facts this module relies on (``../shared/DESIGN.md``):

* one writer at a time, never the multi-process writer (it lost documents silently);
  :meth:`WhooshEngine._writer` waits ``timeout`` seconds for the lock, then fails cleanly;
* ``commit(merge=False)``: the default merge policy can stall a commit for half a minute;
  :meth:`WhooshEngine.optimize` merges on purpose;
* searchers need ``refresh()`` to see new commits (done before every search);
* the schema pickles analyzer classes, so only whoosh's own ``RegexTokenizer`` is stored —
  the Vietnamese analysis happens in Python before (:mod:`vbpl.search.analysis`);
* the writer's lock is a kernel lock: a killed writer releases it, and committed segments
  survive (the TOC is replaced atomically on commit).

>>> import tempfile
>>> eng = WhooshEngine(tempfile.mkdtemp())
>>> eng.count()
0
>>> eng.close()
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from vbpl.errors import SearchIndexError
from vbpl.search.engine import Clause, Engine, EngineQuery, RawHit, RawResults
from vbpl.search.folder import create_atomically, os_failure, remove_stale_builds, writable
from vbpl.search.limits import MAX_HITS
from vbpl.search.units import Unit
from vbpl.text.repair import repair_fields

#: schema version, stored in the index; bump when fields change
SCHEMA_VERSION = 3
INDEX_NAME = "vbpl"


#: megabytes of postings the writer buffers before it spills a sorted run to disk (whoosh's
#: own estimate; it fills up within any large text and stays full: a constant above the
#: document). Indexing one 16.3 MB text through the API peaks at 8.9x the text with 32, 8.0x
#: with 16 (12: 7.8x, 8: 7.7x), and the 142 laws as files take the same CPU with 16 as with
#: 32 (``scripts/bench_memory.py``, docs/reliability.md "Memory")
LIMIT_MB = 16


def _schema() -> Any:
    from whoosh.analysis import RegexTokenizer
    from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

    tokens = RegexTokenizer(r"[^ ]+")
    return Schema(
        uid=ID(unique=True, stored=True),
        key=ID(),
        kind=ID(),
        body=TEXT(analyzer=tokens, phrase=True),
        folded=TEXT(analyzer=tokens, phrase=True),
        bigrams=TEXT(analyzer=tokens, phrase=False),
        title=TEXT(analyzer=tokens, phrase=False),
        type=TEXT(analyzer=tokens, phrase=False),
        notes=TEXT(analyzer=tokens, phrase=False),
        numbers=KEYWORD(),
        pinpoint=KEYWORD(),
        numkey=KEYWORD(),
        numparts=KEYWORD(),
        doc_type=KEYWORD(),
        issuer=KEYWORD(),
        status=KEYWORD(),
        fields=KEYWORD(),
        doc_type_v=ID(),
        issuer_v=ID(),
        year_v=ID(),
        year=NUMERIC(int, bits=32, signed=True),
        payload=STORED(),
        version=STORED(),
    )


class WhooshEngine(Engine):
    """An index in folder ``path`` (created when absent)."""

    name = "whoosh"

    @classmethod
    def detect(cls, path: Path) -> bool:
        """whoosh writes a table of contents ``_<indexname>_<generation>.toc``."""
        return any(Path(path).glob(f"_{INDEX_NAME}_*.toc"))

    def __init__(
        self,
        path: str | Path,
        *,
        timeout: float = 30.0,
        create: bool = True,
        bm25: tuple[float, float] = (1.2, 0.75),
        limitmb: int = LIMIT_MB,
    ) -> None:
        from whoosh import index as windex
        from whoosh.filedb.filestore import FileStorage

        self.path = Path(path)
        self.timeout = timeout
        self._writer_obj: Any = None
        self._writer_error: SearchIndexError | None = None
        self._searcher: Any = None
        self._bm25 = bm25
        self.limitmb = limitmb
        self.read_only = False
        try:
            if not windex.exists_in(str(self.path), indexname=INDEX_NAME):
                if not create:
                    raise SearchIndexError(f"{self.path}: no whoosh index here")
                remove_stale_builds(self.path.parent, self.path.name)
                create_atomically(self.path, _build, _exists)
            self.read_only = not writable(self.path)
            # a read-only storage: searching creates no file and takes no lock
            storage = FileStorage(str(self.path), readonly=self.read_only)
            self._ix = storage.open_index(INDEX_NAME)
        except SearchIndexError:
            raise
        except Exception as e:
            raise SearchIndexError(
                f"{self.path}: cannot open whoosh index, it may be damaged ({_first_line(e)})"
            ) from None
        if "payload" not in self._ix.schema.names():
            raise SearchIndexError(f"{self.path}: not a vbpl whoosh index")

    # -- writing ------------------------------------------------------------------------
    def _writer(self) -> Any:
        if self._writer_obj is not None:
            return self._writer_obj
        self._may_write()
        from whoosh.index import LockError

        start = time.monotonic()
        try:
            w = self._ix.writer(timeout=self.timeout, delay=0.25, limitmb=self.limitmb)
        except LockError:
            self._writer_error = SearchIndexError(
                f"{self.path}: another process is writing this index "
                f"(waited {time.monotonic() - start:.1f} s)"
            )
            raise self._writer_error from None
        except Exception as e:
            self._writer_error = os_failure(self.path, "cannot write", e)
            raise self._writer_error from None
        _clean_orphans(w)
        self._writer_obj = w
        return w

    def _failed(self, what: str, e: Exception) -> SearchIndexError:
        """Cancel the writer after a failure (its lock and temporary files with it)."""
        w, self._writer_obj = self._writer_obj, None
        if w is not None:
            with contextlib.suppress(Exception):
                w.cancel()
        return os_failure(self.path, what, e)

    def replace(self, key: str, units: Iterable[Unit]) -> int:
        from vbpl.search.engine import encode_each

        return self.replace_encoded(key, encode_each(units, _fields))

    def encoder(self) -> Callable[[Unit], dict[str, Any]]:
        """A unit's field values as whoosh takes them (run in worker processes)."""
        return _fields

    def replace_encoded(self, key: str, encoded: Iterable[dict[str, Any]]) -> int:
        w = self._writer()
        try:
            w.delete_by_term("key", key)
            n = 0
            for fields in encoded:
                w.add_document(**fields)
                del fields  # the unit's strings: not alive while the next unit is built
                n += 1
        except Exception as e:
            raise self._failed("writing failed", e) from None
        return n

    def delete(self, key: str) -> None:
        w = self._writer()
        try:
            w.delete_by_term("key", key)
        except Exception as e:
            raise self._failed("writing failed", e) from None

    def commit(self) -> None:
        if self._writer_obj is None:
            return
        try:
            self._writer_obj.commit(merge=False)
            self._writer_obj = None
        except Exception as e:
            raise self._failed("commit failed", e) from None

    def rollback(self) -> None:
        self._writer_error = None
        if self._writer_obj is not None:
            w, self._writer_obj = self._writer_obj, None
            try:
                w.cancel()
            except Exception as e:
                raise os_failure(self.path, "rollback failed", e) from None

    def optimize(self) -> None:
        """Merge all segments into one (slow; smaller and faster to search afterwards)."""
        self.commit()
        w = self._writer()
        self._writer_obj = None
        try:
            w.commit(optimize=True)
        except Exception as e:
            self._writer_obj = w
            raise self._failed("merging failed", e) from None

    # -- reading ------------------------------------------------------------------------
    def lean_reads(self) -> None:
        """Read segment files where needed instead of mapping them: mapped, whoosh copies
        each file of a compound segment that a reader opens into memory (a ``BytesIO`` of
        the mapped bytes: 50 MB for the terms of the 142 shared laws as one text), which
        makes its searches ~20% faster (docs/reliability.md, Memory)."""
        self._ix.storage.supports_mmap = False
        if self._searcher is not None:  # (its files were opened mapped)
            self._searcher.close()
            self._searcher = None

    def generation(self) -> object:
        """The generation of the latest table of contents (each commit writes a new one)."""
        try:
            return self._ix.latest_generation()
        except Exception:
            return None

    def _search_handle(self) -> Any:
        from whoosh import scoring

        try:
            if self._searcher is None:
                k1, b = self._bm25
                self._searcher = self._ix.searcher(weighting=scoring.BM25F(B=b, K1=k1))
            else:
                self._searcher = self._searcher.refresh()
        except Exception as e:  # a truncated or missing segment file
            self._searcher = None
            raise SearchIndexError(
                f"{self.path}: cannot read the index, it may be damaged ({_first_line(e)})"
            ) from None
        return self._searcher

    def search(self, query: EngineQuery) -> RawResults:
        from whoosh import query as wq
        from whoosh import sorting

        s = self._search_handle()
        parts: list[Any] = []
        if query.should:
            parts.append(_or([_clause(c) for c in dict.fromkeys(query.should)]))
        parts.extend(_clause(c) for c in dict.fromkeys(query.must))
        q = (parts[0] if len(parts) == 1 else _and(parts)) if parts else wq.Every()
        filters: list[Any] = [_clause(c) for c in dict.fromkeys(query.required)]
        for name, values in query.keywords:
            filters.append(_or([wq.Term(name, v) for v in values]))
        if query.year is not None:
            lo, hi = query.year
            filters.append(wq.NumericRange("year", lo, hi))
        if tuple(sorted(query.kinds)) != ("document", "section"):
            filters.append(_or([wq.Term("kind", k) for k in query.kinds]))
        flt = _and(filters) if filters else None
        kwargs: dict[str, Any] = {"limit": max(1, min(query.limit, MAX_HITS)), "filter": flt}
        if query.facets:
            kwargs["groupedby"] = {
                "doc_type": sorting.FieldFacet("doc_type_v"),
                "issuer": sorting.FieldFacet("issuer_v"),
                "year": sorting.FieldFacet("year_v"),
                "key": sorting.FieldFacet("key"),
            }
            kwargs["maptype"] = sorting.UnorderedList
        try:
            res = s.search(q, **kwargs)
            hits = [RawHit(h["uid"], float(h.score or 0.0), h["payload"]) for h in res]
            if query.limit <= 0:
                hits = []
            facets: dict[str, dict[str, int]] = {}
            if query.facets:  # facets count documents: the distinct keys under each value
                key_of = {n: k for k, nums in res.groups("key").items() for n in nums}
                for name in ("doc_type", "issuer", "year"):
                    facets[name] = {
                        str(k): len({key_of.get(n) for n in nums})
                        for k, nums in res.groups(name).items()
                        if k not in (None, "")
                    }
            return RawResults(hits, len(res), facets)
        except Exception as e:  # whoosh raises many types on odd states; one error family
            raise SearchIndexError(f"{self.path}: search failed ({_first_line(e)})") from None

    def count(self, kind: str | None = None) -> int:
        s = self._search_handle()
        try:
            if kind is None:
                return int(s.doc_count())
            from whoosh import query as wq

            return len(s.search(wq.Term("kind", kind), limit=1))
        except Exception as e:
            raise SearchIndexError(
                f"{self.path}: cannot read the index, it may be damaged ({_first_line(e)})"
            ) from None

    def check(self) -> list[str]:
        """Problems found by a full read: every term's postings of every field, every stored
        unit (whoosh keeps no checksums). Empty: the index is sound."""
        try:
            with self._ix.reader() as r:
                for fieldname in r.indexed_field_names():
                    for text in r.lexicon(fieldname):
                        r.postings(fieldname, text).all_ids()
                for stored in r.all_stored_fields():
                    if "payload" not in stored:
                        return ["a stored unit without payload"]
        except Exception as e:
            return [f"full read failed ({_first_line(e)})"]
        return []

    def close(self) -> None:
        try:
            self.rollback()
        finally:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()


def _clause(c: Clause) -> Any:
    from whoosh import query as wq

    if c.phrase and len(c.tokens) > 1:
        return wq.Phrase(c.field, list(c.tokens), boost=c.boost)
    terms = [wq.Term(c.field, t, boost=c.boost) for t in c.tokens]
    return terms[0] if len(terms) == 1 else _or(terms)


def _or(subqueries: list[Any]) -> Any:
    """``Or`` with whoosh's binary tree of union matchers. On indexes under 5,000 documents
    whoosh would pick its preloading ``ArrayUnionMatcher``, which scored wrongly here: with a
    clause matching every unit, the best article of an ALQAC question fell out of the top 10
    (R@1 0.57 instead of 0.73)."""
    from whoosh import query as wq

    q = wq.Or(subqueries)
    q.matcher_type = wq.Or.DEFAULT_MATCHER
    return q


def _and(subqueries: list[Any]) -> Any:
    """``And`` matched by a balanced tree: whoosh's own weighted tree degenerates into a
    chain as deep as the clauses are many (1,600 phrases: a recursion error; 500: 11 s)."""
    from whoosh import matching
    from whoosh import query as wq

    class BalancedAnd(wq.And):
        def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
            return self._tree_matcher(subs, matching.IntersectionMatcher, searcher, context, None)

    return BalancedAnd(subqueries)


def _build(folder: Path) -> None:
    from whoosh import index as windex

    windex.create_in(str(folder), _schema(), indexname=INDEX_NAME).close()


def _exists(folder: Path) -> bool:
    from whoosh import index as windex

    return bool(windex.exists_in(str(folder), indexname=INDEX_NAME))


def _clean_orphans(w: Any) -> None:
    """Delete segment files no commit refers to (left by a writer that died: disk full,
    killed), while ``w`` holds the lock; the new segment of ``w`` is kept."""
    from whoosh.index import TOC

    keep = {s.segment_id() for s in w.segments} | {w.newsegment.segment_id()}
    toc_re, seg_re = TOC._pattern(INDEX_NAME), TOC._segment_pattern(INDEX_NAME)
    storage = w.storage
    try:
        names = list(storage)
    except OSError:
        return
    for name in names:
        toc, seg = toc_re.match(name), seg_re.match(name)
        stale = (toc is not None and int(toc.group(1)) != w.generation - 1) or (
            seg is not None and seg.group(1) not in keep
        )
        if stale:
            with contextlib.suppress(OSError):
                storage.delete_file(name)


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return f"{type(e).__name__}: {text.splitlines()[0]}" if text else type(e).__name__


def _fields(u: Unit) -> dict[str, Any]:
    d = repair_fields(u.field_values())
    d["payload"] = repair_fields(u.payload)
    d["version"] = SCHEMA_VERSION
    if u.year is not None:
        d["year_v"] = str(u.year)
    return d


__all__ = ["SCHEMA_VERSION", "WhooshEngine"]
