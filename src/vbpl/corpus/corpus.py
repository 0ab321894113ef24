"""The :class:`Corpus`: many documents under their keys, resolved against each other.

Reads: documents (parsed here from folders, files or JSON lines, or given parsed). Writes:
answers — a document by key or number, the documents one cites and those citing it (typed),
implementation chains, task items and what they implement — plus exports (pandas, networkx)
and a saved form that reloads without reparsing.

The corpus keeps a registry of keys (``number@year``: Party numbers restart each term, so
``29-NQ/TW@2013`` and ``29-NQ/TW@2022`` are two documents) and a citation graph
(:mod:`vbpl.corpus.graph`) that it updates as documents are added. :meth:`Corpus.resolve`
points every reference at its target with the references layer's resolver, using every part
a mention states (date, term, issuer, title) to choose between documents sharing a number.

>>> from datetime import date
>>> from vbpl.model import Document, Metadata, Reference, Span
>>> ref = Reference("Nghị quyết số 45-NQ/TW", Span(0, 22), number="45-NQ/TW",
...                 relation="implements", target="45-NQ/TW@2023")
>>> c = Corpus([Document(Metadata(number="45-NQ/TW", issued=date(2023, 11, 24))),
...             Document(Metadata(number="20-KH/TW", issued=date(2023, 11, 28)), references=(ref,))])
>>> c.get("20-KH/TW").key, c.cited_by("45-NQ/TW@2023")
('20-KH/TW@2023', ['20-KH/TW@2023'])
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vbpl.collector import paused_collector
from vbpl.corpus.export import to_dataframe, to_networkx
from vbpl.corpus.graph import (
    CHAIN_RELATIONS,
    ChainNode,
    CitationGraph,
    Link,
    chain_tree,
    document_key,
)
from vbpl.corpus.load import iter_documents
from vbpl.corpus.results import KeyList, TaskList
from vbpl.corpus.store import demo_path, is_saved_corpus, iter_saved, save_documents
from vbpl.corpus.tasks import find_tasks
from vbpl.display import corpus_html
from vbpl.errors import CorpusError, VbplError
from vbpl.lexicon.numbers import number_key
from vbpl.model import Document, Task
from vbpl.refs import Registry, resolve_references
from vbpl.search import open_index

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pandas

#: resolves a whole document against the corpus: (document, corpus) -> the document with its
#: references' targets set (not :data:`vbpl.refs.resolve.Resolver`, which resolves one
#: reference)
DocumentResolver = Callable[[Document, "Corpus"], Document]


class Corpus:
    """Documents under their keys, with the citation graph, tasks, search and exports.

    Build one with :meth:`from_paths` (folders, files, JSON lines), :meth:`from_jsonl`,
    :meth:`load` (a saved corpus) or from parsed documents; then :meth:`resolve` once all
    documents are in (``from_paths`` does it for you).
    """

    def __init__(self, documents: Iterable[Document] = (), *, index: Any = None) -> None:
        self._docs: dict[str, Document] = {}
        self._by_number: dict[str, list[str]] = {}
        self._graph_cache: CitationGraph | None = None
        self._tasks: dict[str, list[Task]] = {}
        self._index = index
        #: the inputs :meth:`from_paths` could not read or parse, each a VbplError naming it
        self.skipped: list[VbplError] = []
        for doc in documents:
            self.add(doc)

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_paths(
        cls,
        paths: Iterable[str | Path] | str | Path,
        *,
        resolve: bool = True,
        on_error: str | Callable[[VbplError], None] | None = "skip",
        jobs: int | None = 1,
        progress: bool | None = None,
    ) -> Corpus:
        """Parse every document under ``paths`` (folders recursively, files, JSON lines, ``-``).

        Saved corpora (``.jsonl``/``.jsonl.gz`` written by :meth:`save`) load without
        reparsing. References are resolved across the corpus unless ``resolve=False``.
        ``jobs`` processes parse in parallel (``None``: every core), documents keep the input
        order. A file that cannot be read or parsed is skipped and listed in
        :attr:`skipped` (``on_error="raise"`` stops at the first one instead; a function
        receives each error). ``progress`` shows a bar on standard error (``None``: when it
        is a terminal and the load takes more than a second).
        """
        if isinstance(paths, (str, Path)):
            paths = [paths]
        corpus = cls()
        handler: Callable[[VbplError], None] | None
        if on_error == "raise" or on_error is None:
            handler = None
        elif on_error == "skip":
            handler = corpus.skipped.append
        elif callable(on_error):
            handler = on_error
        else:
            raise ValueError('on_error must be "skip", "raise" or a function')
        # loading builds no reference cycles; with the collector on, its passes over a heap
        # that holds every document loaded so far took 40 % of the time spent unpickling the
        # workers' Documents (docs/performance.md, "Corpus.from_paths on two cores")
        with paused_collector():
            plain: list[str | Path] = []
            for p in paths:
                if is_saved_corpus(p):
                    for doc in iter_saved(p):
                        corpus.add(doc)
                else:
                    plain.append(p)
            # the resolver's registry grows while the workers parse (this process would wait
            # for them otherwise), not in one serial pass after the last document
            registry = Registry(corpus.documents) if resolve else None
            replaced = False
            for doc in iter_documents(plain, on_error=handler, jobs=jobs, progress=progress):
                before = len(corpus)
                corpus.add(doc)
                replaced = replaced or len(corpus) == before
                if registry is not None:
                    registry.add(doc)
            if registry is not None:
                # a document replaced by a later one with its key: build the registry afresh
                corpus.resolve(None if replaced else _registry_resolver(registry))
        return corpus

    @classmethod
    def from_jsonl(cls, path: str | Path, *, resolve: bool = True) -> Corpus:
        """A corpus from a JSON-lines file: one document per line, ``text`` or ``html`` with
        optional ``source`` and ``metadata`` (or rows already parsed)."""
        return cls.from_paths([path], resolve=resolve)

    @classmethod
    def demo(cls, *, resolve: bool = True) -> Corpus:
        """The demo corpus shipped with vbpl (``corpora/demo``), parsed and resolved."""
        return cls.from_paths([demo_path()], resolve=resolve)

    @classmethod
    def load(cls, path: str | Path) -> Corpus:
        """A corpus saved by :meth:`save`, read back without reparsing or re-resolving."""
        with paused_collector():  # as in from_paths: 24 % of the time otherwise
            return cls(iter_saved(path))

    def save(self, path: str | Path) -> Path:
        """Write the corpus as JSON lines (gzip when ``path`` ends in ``.gz``)."""
        return save_documents(self._docs.values(), path)

    def add(self, doc: Document) -> str:
        """Add (or replace) a document; returns its key. The search index follows."""
        key = document_key(doc, len(self._docs))
        if key in self._docs:
            self._forget(key)
        self._docs[key] = doc
        if doc.metadata.number:
            self._by_number.setdefault(number_key(doc.metadata.number), []).append(key)
        self._graph_cache = None
        if self._index is not None:
            self._index.add([doc])
        return key

    def remove(self, key: str) -> None:
        """Remove the document ``key`` (and its links, tasks and index entries)."""
        key = self._key(key)
        self._forget(key)
        del self._docs[key]

    def _forget(self, key: str) -> None:
        doc = self._docs[key]
        if doc.metadata.number:
            keys = self._by_number.get(number_key(doc.metadata.number), [])
            if key in keys:
                keys.remove(key)
        self._graph_cache = None
        self._tasks.pop(key, None)
        if self._index is not None:
            self._index.delete(key)

    def resolve(self, resolver: DocumentResolver | None = None) -> Corpus:
        """Point every reference of every document at its target in this corpus.

        ``resolver(doc, corpus)`` returns the document with targets set; by default the
        references layer's :func:`vbpl.refs.resolve_references` with a registry of this
        corpus's documents. Returns the corpus itself.
        """
        if resolver is None:
            resolver = _default_resolver(self)
        for key in list(self._docs):
            doc = self._docs[key]
            resolved = resolver(doc, self)
            if resolved is not doc:
                self._docs[key] = resolved
                self._tasks.pop(key, None)
        self._graph_cache = None
        return self

    # -- looking up -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._docs)

    def __iter__(self) -> Iterator[Document]:
        return iter(self._docs.values())

    def __contains__(self, key_or_number: object) -> bool:
        if not isinstance(key_or_number, str):
            return False
        return bool(self.keys_for(key_or_number))

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} documents>"

    def keys(self) -> list[str]:
        """Every document key, in the order documents were added."""
        return list(self._docs)

    @property
    def documents(self) -> list[Document]:
        """Every document, in the order they were added."""
        return list(self._docs.values())

    def find(self, key: str) -> Document | None:
        """The document filed under exactly this key, or ``None``."""
        return self._docs.get(key)

    def keys_for(self, key_or_number: str) -> list[str]:
        """The keys a key or a number (any typed variant) stands for in this corpus.

        >>> Corpus().keys_for("29-NQ/TW")
        []
        """
        if key_or_number in self._docs:
            return [key_or_number]
        if "@" in key_or_number:
            number, _, year = key_or_number.partition("@")
            return [k for k in self.keys_for(number) if k.endswith(f"@{year}")]
        try:
            nk = number_key(key_or_number)
        except VbplError:
            return []
        return list(self._by_number.get(nk, ()))

    def _unique_key(self, number: str) -> str | None:
        keys = self.keys_for(number)
        return keys[0] if len(keys) == 1 else None

    def _key(self, key_or_number: str) -> str:
        keys = self.keys_for(key_or_number)
        if len(keys) == 1:
            return keys[0]
        if not keys:
            raise CorpusError(f"{key_or_number}: no such document in the corpus")
        raise CorpusError(f"{key_or_number}: ambiguous, the corpus has {', '.join(sorted(keys))}")

    def get(self, key_or_number: str) -> Document:
        """The document with this key (``29-NQ/TW@2013``) or number (``13/2023/NĐ-CP``).

        A number several documents share (Party numbers restart each term) raises
        :class:`~vbpl.errors.CorpusError` naming the keys; so does an unknown one.
        """
        return self._docs[self._key(key_or_number)]

    # -- the citation graph ---------------------------------------------------------------

    def _keylist(self, keys: Iterable[str]) -> KeyList:
        return KeyList(keys, corpus=self)

    def _sorted(self, keys: Iterable[str]) -> list[str]:
        return sorted(keys, key=self._order)

    def _order(self, key: str) -> tuple[str, str]:
        doc = self._docs.get(key)
        issued = doc.metadata.issued.isoformat() if doc and doc.metadata.issued else "9999"
        return issued, key

    def _target(self, key_or_number: str) -> str:
        keys = self.keys_for(key_or_number)
        if len(keys) == 1:
            return keys[0]
        if keys:
            return self._key(key_or_number)  # raises: ambiguous
        return key_or_number  # a key outside the corpus may still be cited

    def cites(self, key: str, relation: str | Sequence[str] | None = None) -> KeyList:
        """Keys of the documents ``key`` cites (any relation, or the ones given), by date."""
        return self._keylist(self._sorted(self._graph.cites(self._target(key), relation)))

    def cited_by(self, key: str, relation: str | Sequence[str] | None = None) -> KeyList:
        """Keys of the documents that cite ``key`` (or relate to it as ``relation``), by date.

        ``relation`` is active: ``cited_by(law, "amends")`` lists the laws amending it.
        """
        return self._keylist(self._sorted(self._graph.cited_by(self._target(key), relation)))

    def relations(
        self,
        subject: str | None = None,
        relation: str | Sequence[str] | None = None,
        object: str | None = None,
        *,
        resolved_only: bool = False,
    ) -> list[Link]:
        """Every link matching the arguments given (keys or numbers), in active direction."""
        s = self._target(subject) if subject else None
        o = self._target(object) if object else None
        return self._graph.links(s, relation, o, resolved_only=resolved_only)

    @property
    def _graph(self) -> CitationGraph:
        if self._graph_cache is None:
            g = CitationGraph()
            for key, doc in self._docs.items():
                g.add(doc, key, self._unique_key)
            self._graph_cache = g
        return self._graph_cache

    @property
    def graph(self) -> CitationGraph:
        """The citation graph (links indexed by subject and object), rebuilt after changes:
        a relation naming a bare number links to the key once that document is added."""
        return self._graph

    def chain(self, key: str, relations: Sequence[str] = CHAIN_RELATIONS) -> ChainNode:
        """The implementation chain of ``key``: the plans implementing it, the guidance
        implementing those, …, each with its tasks that implement something above it."""
        root = self._target(key)
        tree = chain_tree(self._graph, root, relations, order=self._order)

        def fill(node: ChainNode, above: tuple[str, ...]) -> None:
            if node.key in self._docs and above:
                wanted = set(above)
                numbers = {a.split("@", 1)[0] for a in above}
                node.tasks = [
                    t
                    for t in self._tasks_of(node.key)
                    if any((s.key in wanted) if s.key else (s.number in numbers) for s in t.sources)
                ]
            for c in node.children:
                fill(c, (*above, node.key))

        fill(tree, ())
        return tree

    # -- tasks ----------------------------------------------------------------------------

    def _tasks_of(self, key: str) -> list[Task]:
        if key not in self._tasks:
            doc = self._docs[key]
            self._tasks[key] = [
                t if t.document else replace(t, document=key) for t in find_tasks(doc)
            ]
        return self._tasks[key]

    def tasks(
        self,
        implementing: str | None = None,
        *,
        transitive: bool = False,
        documents: Iterable[str] | None = None,
    ) -> TaskList:
        """Task items of the corpus (or of ``documents``), optionally only those implementing
        ``implementing`` (a key, or a number meaning every document with it).

        A task implements a document when one of its sources (direct or inherited) is that
        document. With ``transitive=True`` it also counts when a source is a document that
        itself implements or guides it (a task of a guidance text citing the plan of a
        resolution implements the resolution).
        """
        keys = [self._key(k) for k in documents] if documents is not None else list(self._docs)
        tasks = [t for k in keys for t in self._tasks_of(k)]
        if implementing is None:
            return TaskList(tasks, corpus=self)
        if "@" in implementing:
            targets, numbers = {implementing}, set()
        else:
            targets, numbers = set(self.keys_for(implementing)), {number_key(implementing)}
        if transitive:
            for t in list(targets):
                targets.update(chain_tree(self._graph, t).keys())

        def hit(t: Task) -> bool:
            return any(s.key in targets or number_key(s.number) in numbers for s in t.sources)

        return TaskList([t for t in tasks if hit(t)], corpus=self)

    # -- search ---------------------------------------------------------------------------

    def attach_index(self, index_or_path: Any, *, engine: str | None = None) -> Any:
        """Use a search index (an open one, or a path to open) and add every document to it;
        from then on :meth:`add` and :meth:`remove` keep it in step."""
        if isinstance(index_or_path, (str, Path)):
            index = (
                open_index(index_or_path, engine=engine) if engine else open_index(index_or_path)
            )
        else:
            index = index_or_path
        index.add(list(self._docs.values()))
        self._index = index
        return index

    @property
    def index(self) -> Any:
        """The attached search index, or ``None``."""
        return self._index

    def search(
        self,
        query: str,
        limit: int = 10,
        filters: dict[str, Any] | None = None,
        *,
        engine: str | None = None,
        flat: bool = False,
        **options: Any,
    ) -> Any:
        """Search the corpus (:meth:`vbpl.search.SearchIndex.search`): one hit per document,
        its best section first with up to 3 more in ``Hit.sections``; ``flat=True`` gives
        every matching section as a hit. ``options`` are those of ``SearchIndex.search``
        (``notes``, ``as_of``, ``facets``, ``sections``, ``documents``). Without an attached
        index, one is built first in a temporary folder with ``engine`` (default: tantivy,
        or whoosh when tantivy cannot be imported)."""
        if self._index is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="vbpl-corpus-")
            self.attach_index(Path(self._tmp.name) / "index", engine=engine)
        if flat:  # passed only when asked: an attached index may be any object with search()
            options["flat"] = True
        return self._index.search(query, limit=limit, filters=filters, **options)

    # -- exports --------------------------------------------------------------------------

    def to_dataframe(self, kind: str = "documents") -> pandas.DataFrame:
        """A pandas table of ``documents``, ``sections``, ``references``, ``relations``,
        ``tasks`` or ``task_links`` (one row per task and source); see ``docs/corpus.md``."""
        return to_dataframe(self, kind)

    def to_networkx(self, *, unresolved: bool = False) -> networkx.MultiDiGraph:
        """The citation graph as a networkx MultiDiGraph: nodes are keys with metadata,
        edges carry ``relation`` (also the edge key), ``document`` and ``section``."""
        return to_networkx(self, unresolved=unresolved)

    def _repr_html_(self) -> str:
        return corpus_html(self)


def _default_resolver(corpus: Corpus) -> DocumentResolver:
    return _registry_resolver(Registry(corpus.documents))


def _registry_resolver(registry: Registry) -> DocumentResolver:
    def resolve(doc: Document, _corpus: Corpus) -> Document:
        return resolve_references(doc, registry)

    return resolve


__all__ = ["Corpus", "DocumentResolver"]
