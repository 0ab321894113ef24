"""The interface every search engine implements, and the engine-neutral query it answers.

Reads: :class:`~vbpl.search.units.Unit` records to write, :class:`EngineQuery` to answer.
Writes: :class:`RawHit` lists and facet counts. :class:`~vbpl.search.index.SearchIndex`
does everything Vietnamese (analysis, query parsing, number lookup, snippets) once, above
this line; an engine only stores units and runs boolean/BM25 queries over fixed fields. A
server engine (OpenSearch, Elasticsearch) would be a third implementation of :class:`Engine`.

Fields every engine provides (tokens are space-separated, already analysed):

============  ==========================================================================
``body``      syllables with positions (free text, phrases)
``folded``    the same syllables folded to ASCII, with positions
``bigrams``   neighbouring syllables joined by ``_`` (ranking only)
``title``     title (document) or heading (section) syllables (ranking only)
``type``      the document type's syllables, on every unit (ranking only)
``numbers``   number keys cited in the text; ``numkey`` / ``numparts`` the unit's own number
``notes``     syllables of editorial notes (``[Điều này được sửa đổi bởi …]``), ranking only
``pinpoint``  a section's pinpoint keys (``d5``, ``d5_k2``, ``d5_k2_pa``)
``doc_type`` ``issuer`` ``status`` ``fields``  keyword slugs (filters) and display values
``year``      integer (filters, ranges, facets); ``kind``: ``document`` or ``section``
============  ==========================================================================

>>> q = EngineQuery(should=(Clause("body", ("giáo", "dục"), phrase=True),), limit=5)
>>> q.should[0].phrase, q.kinds
(True, ('document', 'section'))
"""

from __future__ import annotations

import importlib
import importlib.util
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vbpl.errors import SearchIndexError

if TYPE_CHECKING:  # the CLI reads the engine table at start-up: keep this module light
    from vbpl.search.units import Unit

#: the text fields a :class:`Clause` may address
TEXT_FIELDS = (
    "body",
    "folded",
    "bigrams",
    "title",
    "type",
    "notes",
    "numbers",
    "numkey",
    "numparts",
    "pinpoint",
)
#: keyword fields a filter may address (values are slugs, see :func:`vbpl.search.units.slug`)
KEYWORD_FIELDS = ("doc_type", "issuer", "status", "fields", "kind", "key")
#: facet dimensions (display values)
FACETS = ("doc_type", "issuer", "year")


@dataclass(frozen=True, slots=True)
class Clause:
    """Tokens in one field: a phrase (positions in order) or each token on its own (OR)."""

    field: str
    tokens: tuple[str, ...]
    phrase: bool = False
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class EngineQuery:
    """What to match: at least one ``should`` clause (if any), every ``must`` and
    ``required`` clause, and every filter; ``year`` is an inclusive range (``None`` = open
    end). ``required`` clauses and filters do not score."""

    should: tuple[Clause, ...] = ()
    must: tuple[Clause, ...] = ()
    required: tuple[Clause, ...] = ()  # must match, but add nothing to the score
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    year: tuple[int | None, int | None] | None = None
    kinds: tuple[str, ...] = ("document", "section")
    limit: int = 10
    facets: bool = False


@dataclass(frozen=True, slots=True)
class RawHit:
    """One matched unit: its stored payload and the engine's score."""

    uid: str
    score: float
    payload: dict[str, Any]


@dataclass(slots=True)
class RawResults:
    hits: list[RawHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


class Engine(ABC):
    """A store of units that answers :class:`EngineQuery`; one writer at a time.

    A new engine subclasses this, implements the abstract methods and :meth:`detect`, and
    adds one :class:`EngineEntry` to :data:`ENGINES` (the CLI's ``--engine`` choices and
    :func:`detect_engine` read that table).
    """

    name: str = "?"
    #: the folder of an on-disk index, opened without write access (searching only)
    path: Path
    read_only: bool = False
    #: a writer request that failed (a lock held elsewhere): asked once, never waited twice
    _writer_error: SearchIndexError | None = None

    def _may_write(self) -> None:
        """Raise at once when this index cannot take a writer: a read-only folder, or a
        writer already asked for in vain."""
        if self.read_only:
            raise SearchIndexError(
                f"{self.path}: the index is read-only here (no write access): "
                "searching works, indexing does not"
            )
        if self._writer_error is not None:  # asked once already: do not wait a second time
            raise self._writer_error

    @classmethod
    @abstractmethod
    def detect(cls, path: Path) -> bool:
        """True when folder ``path`` holds an index this engine wrote (cheap: looks at file
        names, never imports the engine's library)."""

    def optimize(self) -> None:  # noqa: B027 - optional for engines, a no-op by default
        """Merge segments or otherwise compact the index; engines that need nothing keep
        this no-op."""

    @abstractmethod
    def replace(self, key: str, units: Iterable[Unit]) -> int:
        """Queue: delete every unit of ``key``, then add ``units``; returns units added."""

    def lean_reads(self) -> None:  # noqa: B027 - optional for engines, a no-op by default
        """From now on, read with as little memory as the engine allows, at some cost in
        speed (``vbpl index`` before it counts what it wrote). A no-op by default."""

    def generation(self) -> object:
        """A value that changes whenever a commit changes the index (``None``: unknown, so
        nothing read from the index is cached between queries)."""
        return None

    def encoder(self) -> Callable[[Unit], Any]:
        """The module-level function that turns a unit into what :meth:`replace_encoded`
        writes (its field values in the engine's own form). Worker processes run it, so that
        building an index's fields uses every core; by default the unit itself."""
        return unit_itself

    def replace_encoded(self, key: str, encoded: Iterable[Any]) -> int:
        """:meth:`replace` with units already passed through :meth:`encoder`."""
        return self.replace(key, encoded)

    @abstractmethod
    def delete(self, key: str) -> None:
        """Queue: delete every unit of document ``key``."""

    @abstractmethod
    def commit(self) -> None:
        """Make queued changes visible and durable, atomically."""

    @abstractmethod
    def rollback(self) -> None:
        """Drop queued changes."""

    @abstractmethod
    def search(self, query: EngineQuery) -> RawResults:
        """Units matching ``query``, best first, at most ``query.limit``."""

    @abstractmethod
    def count(self, kind: str | None = None) -> int:
        """How many units (of ``kind``) are committed."""

    @abstractmethod
    def close(self) -> None:
        """Release the writer (and its lock) and readers."""


def encode_each(units: Iterable[Unit], encode: Callable[[Unit], Any]) -> Iterator[Any]:
    """``encode`` of each unit, holding neither a unit nor its encoding once the writer
    has taken it (a generator expression keeps the last unit alive while the next one is
    built: the field strings of a huge section twice over).

    >>> list(encode_each(iter([1, 2]), str))
    ['1', '2']
    """
    for unit in units:
        value = encode(unit)
        del unit
        yield value
        del value


def unit_itself(unit: Unit) -> Unit:
    """The default :meth:`Engine.encoder`: a unit is written as it is."""
    return unit


@dataclass(frozen=True, slots=True)
class EngineEntry:
    """One row of the engine table: how to load an engine without importing it first.

    ``target`` is ``"module:Class"``; ``requires`` the module the engine cannot run without
    (checked with :func:`importlib.util.find_spec`, which does not import it).
    """

    name: str
    target: str
    requires: str
    summary: str

    def load(self) -> type[Engine]:
        """The engine class (imports its module, not its library)."""
        module, _, cls = self.target.partition(":")
        engine: type[Engine] = getattr(importlib.import_module(module), cls)
        return engine

    def available(self) -> bool:
        """True when the library the engine needs can be imported."""
        try:
            return importlib.util.find_spec(self.requires) is not None
        except (ImportError, ValueError):
            return False


#: every engine, in order of preference: the first available one is the default
ENGINES: dict[str, EngineEntry] = {
    e.name: e
    for e in (
        EngineEntry(
            "tantivy",
            "vbpl.search.tantivy_engine:TantivyEngine",
            "tantivy",
            "Rust (tantivy-py): fast to index and query; the default",
        ),
        EngineEntry(
            "whoosh",
            "vbpl.search.whoosh_engine:WhooshEngine",
            "whoosh",
            "pure Python; used when tantivy cannot be imported",
        ),
        EngineEntry(
            "sphinx",
            "vbpl.search.sphinx_engine:SphinxEngine",
            "pymysql",
            "distributed: shards on Sphinx/Manticore searchd nodes (--nodes; docs/deployment.md)",
        ),
    )
}


def engine_names() -> tuple[str, ...]:
    """The registered engine names, in order of preference.

    >>> engine_names()[:2]
    ('tantivy', 'whoosh')
    """
    return tuple(ENGINES)


def default_engine() -> str:
    """The first registered engine whose library can be imported (the last one otherwise,
    so that opening it reports what is missing)."""
    for entry in ENGINES.values():
        if entry.available():
            return entry.name
    return list(ENGINES)[-1]


def engine_entry(name: str) -> EngineEntry:
    """The table row of engine ``name``; :class:`~vbpl.errors.SearchIndexError` when unknown."""
    entry = ENGINES.get(name)
    if entry is None:
        raise SearchIndexError(
            f"unknown search engine {name!r} (choose {', '.join(engine_names())})"
        )
    return entry


__all__ = [
    "ENGINES",
    "FACETS",
    "KEYWORD_FIELDS",
    "TEXT_FIELDS",
    "Clause",
    "Engine",
    "EngineEntry",
    "EngineQuery",
    "RawHit",
    "RawResults",
    "default_engine",
    "encode_each",
    "engine_entry",
    "engine_names",
    "unit_itself",
]
