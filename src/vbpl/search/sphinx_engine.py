"""The sphinx engine: a distributed index on Sphinx 2.2 / Manticore ``searchd`` nodes.

For a corpus served to many users from several machines. vbpl does all the analysis (the
same token strings as tantivy and whoosh, :mod:`vbpl.search.units`); ``searchd`` stores them
in real-time (RT) indexes whose ``charset_table`` keeps every token whole, and answers
SphinxQL over the MySQL protocol (PyMySQL, the ``vbpl[sphinx]`` extra).

Layout (written by :mod:`vbpl.search.sphinx_nodes` for local nodes, by hand for a real
cluster, see ``docs/deployment.md``):

* node *i* of the ``--nodes`` list holds shard *i*: an RT index :data:`RT_INDEX`;
* every node also serves a ``distributed`` index :data:`DIST_INDEX` over all shards
  (its own RT index plus agents), which answers the queries;
* a document and all its sections live on one shard, chosen by a hash of the document key
  (:func:`shard_of`), so that replacing or deleting a document touches one node;
* the index folder given to :func:`vbpl.search.open_index` holds only :data:`DESCRIPTOR`
  (the shard list) and vbpl's manifest; the data live on the nodes, so removing the
  folder does not remove them (:meth:`SphinxEngine.clear` does).

Facts this module relies on (checked against Sphinx 2.2.11 here):

* PyMySQL needs ``autocommit=True``, or inserts vanish; a batch is sent as one
  ``BEGIN … COMMIT`` per shard, so a node sees a batch whole or not at all;
* writes are ``REPLACE`` by a 63-bit id hashed from the unit id, and the stale units of a
  replaced document are deleted by id in the same transaction: sending a batch twice gives
  the same index, so a batch cut by a lost connection is simply sent again (:meth:`commit`
  retries for ``timeout`` seconds), and a rerun after a crash completes the index;
* ``WEIGHT()`` is an integer and field weights too: boosts are multiplied by 100 and the
  ranker expression by :data:`SCORE_SCALE`, then the score is divided back;
* a distributed query whose agent is down still answers, with a ``warning`` in
  ``SHOW META``: the engine turns it into an error, or (``partial=True``) records the
  missing shards in :attr:`SphinxEngine.missing` and answers from the others;
* ``charset_table`` ends at U+2FFFF (later code points are clamped by searchd).

Ranking: a BM25 per field written as a ranking expression (:data:`RANKERS` ``fields``):
for each field a query clause addresses, the idf of the matched query words times BM25's
saturation of their mean frequency, with the length norm taken from the unit's body length
(attribute ``blen``) against the index mean; weighted by the clause boost (the largest when
a field appears twice) and summed. tantivy sums one BM25 per clause and term instead, so
scores differ and close hits may order differently (ALQAC figures in
``docs/deployment.md``: the same R@1 and MRR@10 within 0.002). A phrase of two folded
syllables (the bigram clauses of a query typed without diacritics) is looked up in
``fbigrams``, the folded bigram field this engine adds, which answers the same question.
Each shard computes its own idf (Sphinx's distributed default); ``required`` clauses add
to the score only through fields a scoring clause also weighs.

>>> shard_of("45-NQ/TW@2023", 2) in (0, 1)
True
>>> match_expression(EngineQuery(should=(Clause("body", ("giáo", "dục")),)))
'((@body (giáo | dục)))'
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vbpl.errors import SearchIndexError
from vbpl.search.analysis import bigrams
from vbpl.search.engine import Clause, Engine, EngineQuery, RawHit, RawResults
from vbpl.search.units import Unit

#: name of the RT index each node holds (its shard)
RT_INDEX = "vbpl_rt"
#: name of the distributed index every node serves over all shards
DIST_INDEX = "vbpl"
#: the file in the index folder that names the nodes
DESCRIPTOR = "sphinx.json"
#: version of the stored layout; bump when fields or attributes change
LAYOUT_VERSION = 1
#: full-text fields, in the order of the RT index
RT_FIELDS = (
    "body",
    "folded",
    "bigrams",
    "fbigrams",
    "title",
    "type",
    "notes",
    "numbers",
    "numkey",
    "numparts",
    "pinpoint",
)
#: keyword fields stored as attributes holding 63-bit hashes of their values
HASHED = ("doc_type", "issuer", "status", "fields")
#: ``(kind, name)`` of every attribute of the RT index
RT_ATTRS = (
    ("string", "uid"),
    ("string", "payload"),
    ("string", "doc_type_v"),
    ("string", "issuer_v"),
    ("uint", "kind"),
    ("uint", "blen"),
    ("bigint", "key_h"),
    ("bigint", "year"),
    *(("multi_64", f"{name}_h") for name in HASHED),
)
#: every character a token may hold is a word character, mapped to itself (no case folding:
#: vbpl lowercases); the space is the only separator vbpl sends
CHARSET_TABLE = "U+21..U+7E, U+A1..U+2FFFF"
#: WEIGHT() is an integer: the BM25F value is multiplied by this, then divided back
SCORE_SCALE = 1000
BM25 = (1.2, 0.75)
_KINDS = {"document": 0, "section": 1}
_SPECIAL = set("\\()|-!@~\"&/^$=<>*'[]:")
_MAX_STATEMENT = 4_000_000  # bytes of values per REPLACE statement
_FACET_SIZE = {"doc_type_v": 50, "issuer_v": 50, "year": 200}  # as tantivy's aggregations
_AGENT_RE = re.compile(r"agent ([^:\s]+:\d+)")


def h63(value: str) -> int:
    """A stable positive 63-bit hash of ``value`` (ids, key and keyword attributes).

    >>> h63("a") == h63("a") and 0 < h63("a") < 2**63
    True
    """
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 1) or 1


def shard_of(key: str, shards: int) -> int:
    """The shard (0-based) that holds document ``key`` and all its sections."""
    return h63("shard:" + key) % shards


def parse_nodes(spec: str | Sequence[str]) -> tuple[str, ...]:
    """``--nodes`` -> one normalised spec per shard, in shard order.

    A shard is ``host:port`` (a SphinxQL listener), or replicas of one shard joined by ``|``
    (writes go to the first that answers), optionally ending in ``@cluster``: the Manticore
    replication cluster the shard's RT index belongs to (writes then name
    ``cluster:vbpl_rt``, as Manticore requires).

    >>> parse_nodes("127.0.0.1:9306, localhost:9307")
    ('127.0.0.1:9306', 'localhost:9307')
    >>> parse_nodes("a:9306|b:9306@shard1,c:9306")
    ('a:9306|b:9306@shard1', 'c:9306')
    """
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out = []
    seen: list[str] = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        body, at, cluster = item.partition("@")
        if at and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", cluster):
            raise SearchIndexError(f"bad cluster name in {item!r} (letters, digits, _)")
        replicas = []
        for node in (n.strip() for n in body.split("|")):
            host, sep, port = node.rpartition(":")
            if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise SearchIndexError(
                    f"bad node {node!r} (expected host:port, e.g. 127.0.0.1:9306)"
                )
            replicas.append(f"{host}:{int(port)}")
        seen.extend(replicas)
        out.append("|".join(replicas) + (f"@{cluster}" if at else ""))
    if not out:
        raise SearchIndexError("no nodes given (expected host:port,host:port)")
    if len(set(seen)) != len(seen):
        raise SearchIndexError(f"a node is listed twice in {','.join(out)}")
    return tuple(out)


def split_shard(spec: str) -> tuple[tuple[str, ...], str]:
    """The replicas of a shard spec and the table its writes name.

    >>> split_shard("a:1|b:2@s1"), split_shard("a:1")
    ((('a:1', 'b:2'), 's1:vbpl_rt'), (('a:1',), 'vbpl_rt'))
    """
    body, at, cluster = spec.partition("@")
    return tuple(body.split("|")), (f"{cluster}:{RT_INDEX}" if at else RT_INDEX)


def escape(token: str) -> str:
    """A token with the characters of Sphinx's query syntax escaped.

    >>> escape("a-b")
    'a\\\\-b'
    """
    return "".join("\\" + c if c in _SPECIAL else c for c in token)


def _target(c: Clause) -> tuple[str, list[str], bool]:
    """The field, escaped tokens and phrase flag a clause is sent as: a phrase of two folded
    syllables becomes one token of ``fbigrams``."""
    toks = [escape(t) for t in c.tokens if t]
    if c.field == "folded" and c.phrase and len(toks) == 2:
        return "fbigrams", [escape(bigrams(list(c.tokens))[0])], False
    return c.field, toks, c.phrase and len(toks) > 1


def _clause_expr(c: Clause) -> str | None:
    field, toks, phrase = _target(c)
    if not toks:
        return None
    if phrase:
        inner = '"' + " ".join(toks) + '"'
    elif len(toks) == 1:
        inner = toks[0]
    else:
        inner = "(" + " | ".join(toks) + ")"
    return f"(@{field} {inner})"


def _should_expr(clauses: Sequence[Clause]) -> list[str]:
    """The ``should`` clauses as few alternatives: the words of every non-phrase clause on
    one field are one OR group, and fields with the same words share one group
    (``@(body,title) (a | b)``), so that each word's postings are read once. Matching is
    the same (any clause = any word in any of its fields); the ranking expression sums per
    field, so scores are the same too."""
    words: dict[str, dict[str, None]] = {}
    out = []
    for c in clauses:
        field, toks, phrase = _target(c)
        if not toks:
            continue
        if phrase:
            out.append(f'(@{field} "{" ".join(toks)}")')
        else:
            words.setdefault(field, {}).update(dict.fromkeys(toks))
    groups: dict[tuple[str, ...], list[str]] = {}
    for field, field_words in words.items():
        groups.setdefault(tuple(field_words), []).append(field)
    for group, fields in groups.items():
        limit = fields[0] if len(fields) == 1 else "(" + ",".join(fields) + ")"
        inner = group[0] if len(group) == 1 else "(" + " | ".join(group) + ")"
        out.append(f"(@{limit} {inner})")
    return out


def match_expression(query: EngineQuery) -> str:
    """The ``MATCH()`` text of ``query``: any ``should`` clause, every ``must`` and
    ``required`` clause (empty: no full-text condition)."""
    parts = []
    should = _should_expr(query.should)
    if should:
        parts.append("(" + " | ".join(should) + ")")
    parts.extend(e for e in map(_clause_expr, (*query.must, *query.required)) if e)
    return " ".join(parts)


def field_weights(query: EngineQuery) -> dict[str, float]:
    """Weight of each field in the ranking: the largest boost of a scoring clause on it."""
    out: dict[str, float] = {}
    for c in (*query.should, *query.must):
        field = _target(c)[0]
        out[field] = max(out.get(field, 0.0), c.boost)
    return {k: v for k, v in out.items() if v > 0}


#: ranking expressions (``OPTION ranker=expr(...)``) by name; any other string is used as
#: the expression itself. ``fields``: per field, the idf of the matched query words times
#: BM25's saturation of their mean frequency, weighted by the field's boost, summed (BM25
#: without length normalisation: Sphinx 2.2 exposes no per-field length to expressions,
#: and its ``bm25a``/``bm25f`` return a constant on RT indexes)
RANKERS = {
    "fields": "sum(user_weight*sum_idf*{k1p}*hit_count/(hit_count+{k1}*word_count*{norm}))",
    "fields_b0": "sum(user_weight*sum_idf*{k1p}*hit_count/(hit_count+{k1}*word_count))",
    "tf_idf": "sum(user_weight*tf_idf)",
    "bm25": "bm25",
}
#: idf: ``plain`` = log(N/n), not divided by the number of query words
IDF_OPTION = "idf='plain,tfidf_unnormalized'"


def ranker_option(weights: dict[str, float], ranker: str = "fields", avg_len: float = 1.0) -> str:
    """The ``ranker``/``field_weights``/``idf`` options of a query whose fields weigh
    ``weights`` (field weights are integers in Sphinx: boosts are multiplied by 100).

    >>> ranker_option({"body": 1.0, "title": 0.5}, "tf_idf")
    "ranker=expr('1000*sum(user_weight*tf_idf)'), field_weights=(body=100, title=50), idf='plain,tfidf_unnormalized'"
    """
    iw = ", ".join(f"{k}={max(1, round(v * 100))}" for k, v in sorted(weights.items()))
    k1, b = BM25
    norm = f"({1 - b:g}+{b:g}*blen/{max(avg_len, 1.0):.3f})"
    expr = RANKERS.get(ranker, ranker).format(k1=f"{k1:g}", k1p=f"{k1 + 1:g}", norm=norm)
    return f"ranker=expr('{SCORE_SCALE}*{expr}'), field_weights=({iw}), {IDF_OPTION}"


@dataclass(frozen=True, slots=True)
class _Op:
    key: str
    rows: tuple[dict[str, Any], ...]  # empty: delete the document


class SphinxEngine(Engine):
    """An index on ``searchd`` nodes, described by the folder ``path``.

    ``nodes`` (``host:port`` of each node's SphinxQL listener, node *i* = shard *i*;
    replicas and clusters as :func:`parse_nodes` reads them) is needed when the index is
    created and must match the folder's list afterwards.
    ``timeout``: seconds to keep retrying a node that does not answer a write.
    ``partial``: answer queries from the shards that answer (see :attr:`missing`) instead
    of failing when a node is down.
    """

    name = "sphinx"

    @classmethod
    def detect(cls, path: Path) -> bool:
        """The folder of a sphinx index holds its descriptor (the data live on the nodes)."""
        return (Path(path) / DESCRIPTOR).is_file()

    def __init__(
        self,
        path: str | Path,
        *,
        nodes: str | Sequence[str] | None = None,
        timeout: float = 30.0,
        partial: bool = False,
        create: bool = True,
        connect_timeout: float = 2.0,
        ranker: str = "fields",
    ) -> None:
        try:
            import pymysql  # noqa: F401
        except ImportError:
            raise SearchIndexError(
                "the sphinx engine needs PyMySQL: pip install 'vbpl[sphinx]'"
            ) from None
        self.path = Path(path)
        self.timeout = timeout
        self.partial = partial
        self.ranker = ranker
        self.connect_timeout = connect_timeout
        #: the agents (``host:port`` of searchd's API listener) whose shard did not answer
        #: the last query (partial mode; ``()`` after a complete answer)
        self.missing: tuple[str, ...] = ()
        self._pending: list[_Op] = []
        self._avg: tuple[float, float] | None = None
        self._conns: dict[str, Any] = {}
        given = parse_nodes(nodes) if nodes else None
        desc = self.path / DESCRIPTOR
        if desc.is_file():
            try:
                meta = json.loads(desc.read_text(encoding="utf-8"))
                stored = parse_nodes(meta["nodes"])
                version = int(meta.get("version", 0))
            except (ValueError, KeyError, TypeError, AttributeError):
                raise SearchIndexError(f"{desc}: not a vbpl sphinx descriptor") from None
            if version != LAYOUT_VERSION:
                raise SearchIndexError(
                    f"{desc}: layout version {version}, this vbpl writes {LAYOUT_VERSION} "
                    "(re-index into a new index)"
                )
            if given is not None and given != stored:
                raise SearchIndexError(
                    f"{self.path}: this index lives on {','.join(stored)}, not "
                    f"{','.join(given)} (changing the shards means re-indexing)"
                )
            self.nodes = stored
        elif not create:
            raise SearchIndexError(f"{self.path}: no sphinx index here")
        elif given is None:
            raise SearchIndexError(
                f"{self.path}: a new sphinx index needs its nodes (--nodes host:port,...)"
            )
        else:
            self.nodes = given
            for shard in self.nodes:
                for node in split_shard(shard)[0]:
                    self._check_node(node)
            self.path.mkdir(parents=True, exist_ok=True)
            tmp = desc.with_suffix(".tmp")
            body = {"engine": "sphinx", "version": LAYOUT_VERSION, "nodes": list(self.nodes)}
            tmp.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
            tmp.replace(desc)

    # -- connections ------------------------------------------------------------------------
    def _connect(self, node: str) -> Any:
        import pymysql

        conn = self._conns.get(node)
        if conn is not None and conn.open:
            return conn
        host, _, port = node.rpartition(":")
        try:
            conn = pymysql.connect(
                host=host,
                port=int(port),
                autocommit=True,
                charset="utf8",
                connect_timeout=self.connect_timeout,
                read_timeout=max(self.timeout, 30.0),
                write_timeout=max(self.timeout, 30.0),
            )
        except pymysql.MySQLError as e:
            raise _NodeDown(node, _reason(e)) from None
        self._conns[node] = conn
        return conn

    def _drop(self, node: str) -> None:
        conn = self._conns.pop(node, None)
        if conn is not None:
            with contextlib.suppress(Exception):  # already broken: nothing to release
                conn.close()

    def _check_node(self, node: str) -> None:
        try:
            conn = self._connect(node)
            with conn.cursor() as cur:
                cur.execute("SHOW TABLES")
                tables = {row[0] for row in cur.fetchall()}
        except _NodeDown as e:
            raise SearchIndexError(f"node {node} does not answer ({e.reason})") from None
        missing = {RT_INDEX, DIST_INDEX} - tables
        if missing:
            raise SearchIndexError(
                f"node {node} has no index {', '.join(sorted(missing))} "
                "(write its configuration with vbpl cluster init)"
            )

    def _run(self, node: str, statements: Iterable[tuple[str, Any]]) -> list[Any]:
        """Run statements on ``node``; a lost connection raises :class:`_NodeDown`."""
        import pymysql

        out = []
        conn = self._connect(node)
        try:
            with conn.cursor() as cur:
                for sql, params in statements:
                    cur.execute(sql, params)
                    out.append(cur.fetchall())
        except (pymysql.OperationalError, pymysql.InterfaceError) as e:
            self._drop(node)
            raise _NodeDown(node, _reason(e)) from None
        except pymysql.MySQLError as e:
            self._drop(node)
            raise SearchIndexError(f"node {node}: {_reason(e)}") from None
        return out

    # -- writing ----------------------------------------------------------------------------
    def replace(self, key: str, units: Iterable[Unit]) -> int:
        rows = tuple(_row(u) for u in units)
        self._pending.append(_Op(key, rows))
        return len(rows)

    def delete(self, key: str) -> None:
        self._pending.append(_Op(key, ()))

    def rollback(self) -> None:
        self._pending.clear()

    def commit(self) -> None:
        """Send the queued batch, one transaction per shard; a node that does not answer
        is retried until ``timeout`` seconds have passed, then the commit fails (the shards
        already written keep the batch; sending it again is harmless)."""
        if not self._pending:
            return
        latest: dict[str, _Op] = {}
        for op in self._pending:  # the last operation on a key wins
            latest.pop(op.key, None)
            latest[op.key] = op
        by_shard: dict[int, list[_Op]] = {}
        for op in latest.values():
            by_shard.setdefault(shard_of(op.key, len(self.nodes)), []).append(op)
        jobs = sorted(by_shard.items())
        if len(jobs) == 1:
            self._write_with_retry(*jobs[0])
        else:  # shards are written in parallel, one connection each
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(len(jobs)) as pool:
                futures = [pool.submit(self._write_with_retry, *job) for job in jobs]
            for f in futures:
                f.result()  # the first failure is raised, after every shard has finished
        self._pending.clear()
        self._avg = None

    def _write_with_retry(self, shard: int, ops: list[_Op]) -> None:
        replicas, table = split_shard(self.nodes[shard])
        deadline = time.monotonic() + self.timeout
        delay = 0.1
        while True:
            reasons = []
            for node in replicas:
                try:
                    self._write_shard(node, table, ops)
                    return
                except _NodeDown as e:
                    reasons.append(f"{node}: {e.reason}")
            if time.monotonic() + delay > deadline:
                raise SearchIndexError(
                    f"shard {shard + 1} of {len(self.nodes)} does not answer "
                    f"({'; '.join(reasons)}); waited {self.timeout:g} s; this batch is not "
                    "written there: index the same input again to complete it"
                )
            time.sleep(delay)
            delay = min(delay * 2, 2.0)

    def _write_shard(self, node: str, table: str, ops: list[_Op]) -> None:
        existing = self._ids_of(node, [h63(op.key) for op in ops])
        keep = {row["id"] for op in ops for row in op.rows}
        stale = sorted(existing - keep)
        statements: list[tuple[str, Any]] = [("BEGIN", None)]
        for i in range(0, len(stale), 1000):
            chunk = stale[i : i + 1000]
            statements.append((f"DELETE FROM {table} WHERE id IN ({_ints(chunk)})", None))
        rows = [row for op in ops for row in op.rows]
        statements.extend(_replace_statements(rows, table))
        statements.append(("COMMIT", None))
        self._run(node, statements)

    def _ids_of(self, node: str, key_hashes: list[int]) -> set[int]:
        found: set[int] = set()
        for i in range(0, len(key_hashes), 500):
            chunk = _ints(key_hashes[i : i + 500])
            last = 0
            while True:
                sql = (
                    f"SELECT id FROM {RT_INDEX} WHERE key_h IN ({chunk}) AND id > {last} "
                    "ORDER BY id ASC LIMIT 5000 OPTION max_matches=5000"
                )
                (rows,) = self._run(node, [(sql, None)])
                found.update(int(r[0]) for r in rows)
                if len(rows) < 5000:
                    break
                last = int(rows[-1][0])
        return found

    def clear(self) -> None:
        """Remove every unit from every shard (``TRUNCATE RTINDEX``)."""
        self._pending.clear()
        for shard in self.nodes:
            self._on_shard(shard, "TRUNCATE RTINDEX {table}")

    def optimize(self) -> None:
        """Merge each shard's disk chunks (``OPTIMIZE INDEX``, runs in the background)."""
        self.commit()
        for shard in self.nodes:
            self._on_shard(shard, "OPTIMIZE INDEX {table}")

    def _on_shard(self, shard: str, sql: str) -> None:
        """Run one statement on the first replica of ``shard`` that answers."""
        replicas, table = split_shard(shard)
        reasons = []
        for node in (*replicas, *replicas):  # a dropped connection: a second round
            try:
                self._run(node, [(sql.format(table=table), None)])
                return
            except _NodeDown as e:
                reasons.append(f"{node}: {e.reason}")
        raise SearchIndexError(f"shard {shard} does not answer ({'; '.join(reasons)})")

    # -- reading ----------------------------------------------------------------------------
    def _query(self, statements: list[tuple[str, Any]]) -> tuple[list[Any], dict[str, str]]:
        """Run read statements (then ``SHOW META``) on the first node that answers (every
        node serves the distributed index); checks that every shard answered."""
        down: list[str] = []
        for node in (n for shard in self.nodes for n in split_shard(shard)[0]):
            try:
                results = self._run(node, [*statements, ("SHOW META", None)])
            except _NodeDown:
                try:  # a connection dropped since the last query: one new try
                    results = self._run(node, [*statements, ("SHOW META", None)])
                except _NodeDown as e:
                    down.append(f"node {node} ({e.reason})")
                    continue
            meta = {str(k): str(v) for k, v in results[-1]}
            warning = meta.get("warning", "")
            agents = _AGENT_RE.findall(warning)
            # an entry node that does not answer is not a missing shard: the distributed
            # index of the node that answered says which of its agents did not
            if not warning:
                self.missing = ()
            elif not self.partial:
                raise SearchIndexError(
                    f"a shard did not answer: {warning.removeprefix(f'index {DIST_INDEX}: ')}"
                    "; results would be partial (--partial accepts them)"
                )
            else:
                self.missing = tuple(dict.fromkeys(agents or [warning]))
            return results[:-1], meta
        raise SearchIndexError(f"no node answers: {'; '.join(down)}")

    def search(self, query: EngineQuery) -> RawResults:
        match = match_expression(query)
        where, params = self._where(query, match)
        limit = max(1, query.limit)
        options = [f"max_matches={max(1000, limit)}"]
        weights = field_weights(query)
        if match and weights:
            options.append(ranker_option(weights, self.ranker, self._avg_len()))
        else:
            options.append("ranker=none")
        statements = [
            (
                f"SELECT uid, payload, WEIGHT() AS w FROM {DIST_INDEX}{where} "
                f"ORDER BY w DESC, id ASC LIMIT {limit} OPTION {', '.join(options)}",
                params,
            )
        ]
        facets = ("doc_type_v", "issuer_v", "year") if query.facets else ()
        for attr in facets:
            # facets count documents (distinct keys; a document lives on one shard, so the
            # shards' counts add up). Sphinx 2.2 cannot compare strings in WHERE: empty
            # values are dropped below
            cond = " AND year > 0" if attr == "year" and where else ""
            cond = cond or (" WHERE year > 0" if attr == "year" else "")
            statements.append(
                (
                    f"SELECT {attr}, COUNT(DISTINCT key_h) AS c FROM {DIST_INDEX}{where}{cond} "
                    f"GROUP BY {attr} ORDER BY c DESC LIMIT {_FACET_SIZE[attr] + 1} "
                    "OPTION max_matches=1000, ranker=none",
                    params,
                )
            )
        # SHOW META answers for the last statement: the main query goes last
        results, meta = self._query([*statements[1:], statements[0]])
        rows = results[-1]
        hits = []
        if query.limit > 0:
            for uid, payload, w in rows:
                score = float(w) / (SCORE_SCALE * 100) if match else 1.0
                hits.append(RawHit(str(uid), score, json.loads(payload)))
        out: dict[str, dict[str, int]] = {}
        for attr, grouped in zip(facets, results[:-1], strict=True):
            counts = {str(v): int(c) for v, c in grouped if v not in (None, "", 0)}
            out[attr.removesuffix("_v")] = dict(list(counts.items())[: _FACET_SIZE[attr]])
        return RawResults(hits, int(meta.get("total_found", "0")), out)

    def _where(self, query: EngineQuery, match: str) -> tuple[str, tuple[Any, ...]]:
        conds: list[str] = []
        params: list[Any] = []
        if match:
            conds.append("MATCH(%s)")
            params.append(match)
        for name, values in query.keywords:
            if name in HASHED:
                conds.append(f"{name}_h IN ({_ints(h63(v) for v in values)})")
            elif name == "kind":
                conds.append(f"kind IN ({_ints(_KINDS.get(v, 99) for v in values)})")
            elif name == "key":
                conds.append(f"key_h IN ({_ints(h63(v) for v in values)})")
            else:
                raise SearchIndexError(f"unknown keyword field {name!r}")
        if query.year is not None:
            lo, hi = query.year
            conds.append(f"year BETWEEN {max(1, lo or 1)} AND {hi if hi is not None else 2**62}")
        kinds = sorted({_KINDS[k] for k in query.kinds if k in _KINDS})
        if kinds != [0, 1]:
            conds.append(f"kind IN ({_ints(kinds or [99])})")
        return (" WHERE " + " AND ".join(conds) if conds else ""), tuple(params)

    def _avg_len(self) -> float:
        """Mean body length (tokens) of the units, for BM25's length norm; cached 60 s."""
        now = time.monotonic()
        if self._avg is not None and now - self._avg[1] < 60:
            return self._avg[0]
        sql = f"SELECT kind, AVG(blen) AS a, COUNT(*) AS c FROM {DIST_INDEX} GROUP BY kind"
        (rows,), _ = self._query([(sql, None)])
        n = sum(int(c) for _, _, c in rows)
        avg = sum(float(a) * int(c) for _, a, c in rows) / n if n else 1.0
        self._avg = (avg, now)
        return avg

    def count(self, kind: str | None = None) -> int:
        where = f" WHERE kind={_KINDS.get(kind, 99)}" if kind is not None else ""
        sql = f"SELECT id FROM {DIST_INDEX}{where} LIMIT 1 OPTION ranker=none"
        _, meta = self._query([(sql, None)])
        return int(meta.get("total_found", "0"))

    def close(self) -> None:
        for node in list(self._conns):
            self._drop(node)


class _NodeDown(Exception):
    def __init__(self, node: str, reason: str) -> None:
        super().__init__(f"{node}: {reason}")
        self.node = node
        self.reason = reason


def _reason(e: Exception) -> str:
    """The message of a PyMySQL error, without its code and the errno wrapping.

    >>> _reason(OSError(2003, "Can't connect to MySQL server on 'h' ([Errno 111] Connection refused)"))
    'Connection refused'
    """
    text = str(e.args[-1]) if e.args else str(e)
    m = re.search(r"\[Errno \d+\] ([^)]*)", text)
    return m.group(1) if m else text


def _ints(values: Iterable[int]) -> str:
    return ",".join(str(int(v)) for v in values)


_PROBE_FIELDS: dict[str, Any] = {
    f.name: "" for f in dataclasses.fields(Unit) if f.name not in ("fields", "year", "payload")
}
_PROBE = Unit(**_PROBE_FIELDS, fields=(), year=None)  # a unit to compute slugs with


@functools.lru_cache(maxsize=4096)
def _hashed_slugs(
    values: tuple[str, str, str, tuple[str, ...]],
) -> dict[str, tuple[int, ...]]:
    """The hashed filter values of a unit's keyword fields (the same for every unit of a
    document: cached)."""
    doc_type, issuer, status, fields = values
    probe = dataclasses.replace(
        _PROBE, doc_type=doc_type, issuer=issuer, status=status, fields=fields
    )
    return {f"{name}_h": tuple(h63(s) for s in probe.slugs(name)) for name in HASHED}


def _row(u: Unit) -> dict[str, Any]:
    return {
        "id": h63(u.uid),
        "body": u.body,
        "folded": u.folded,
        "bigrams": u.bigrams,
        "fbigrams": " ".join(bigrams(u.folded.split())),
        "title": u.title,
        "type": u.type,
        "numbers": u.numbers,
        "numkey": u.numkey,
        "numparts": u.numparts,
        "notes": u.notes,
        "pinpoint": u.pinpoint,
        "uid": u.uid,
        "payload": json.dumps(u.payload, ensure_ascii=False, default=str),
        "doc_type_v": u.doc_type,
        "issuer_v": u.issuer,
        "kind": _KINDS[u.kind],
        "blen": u.body.count(" ") + 1 if u.body else 0,
        "key_h": h63(u.key),
        "year": u.year or 0,
        **_hashed_slugs((u.doc_type, u.issuer, u.status, u.fields)),
    }


_COLUMNS = ("id", *RT_FIELDS, *(name for _, name in RT_ATTRS))


def _replace_statements(
    rows: list[dict[str, Any]], table: str = RT_INDEX
) -> Iterable[tuple[str, Any]]:
    """``REPLACE`` statements of at most about :data:`_MAX_STATEMENT` bytes each."""
    head = f"REPLACE INTO {table} ({', '.join(_COLUMNS)}) VALUES "
    batch: list[str] = []
    params: list[Any] = []
    size = 0
    for row in rows:
        cells = []
        for col in _COLUMNS:
            v = row[col]
            if isinstance(v, tuple):  # a multi-value attribute
                cells.append("(" + _ints(v) + ")")
            elif isinstance(v, int):
                cells.append(str(v))
            else:
                cells.append("%s")
                params.append(v)
                size += len(v) * 2
        batch.append("(" + ", ".join(cells) + ")")
        if size >= _MAX_STATEMENT:
            yield head + ", ".join(batch), tuple(params)
            batch, params, size = [], [], 0
    if batch:
        yield head + ", ".join(batch), tuple(params)


__all__ = [
    "CHARSET_TABLE",
    "DESCRIPTOR",
    "DIST_INDEX",
    "RT_ATTRS",
    "RT_FIELDS",
    "RT_INDEX",
    "SphinxEngine",
    "escape",
    "field_weights",
    "h63",
    "match_expression",
    "parse_nodes",
    "shard_of",
]
