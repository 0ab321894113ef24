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
``doc_type`` ``issuer`` ``status`` ``fields``  keyword slugs (filters) and display values
``year``      integer (filters, ranges, facets); ``kind``: ``document`` or ``section``
============  ==========================================================================

>>> q = EngineQuery(should=(Clause("body", ("giáo", "dục"), phrase=True),), limit=5)
>>> q.should[0].phrase, q.kinds
(True, ('document', 'section'))
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vbpl.search.units import Unit

#: the text fields a :class:`Clause` may address
TEXT_FIELDS = ("body", "folded", "bigrams", "title", "type", "numbers", "numkey", "numparts")
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
    """A store of units that answers :class:`EngineQuery`; one writer at a time."""

    name: str = "?"

    @abstractmethod
    def replace(self, key: str, units: Iterable[Unit]) -> int:
        """Queue: delete every unit of ``key``, then add ``units``; returns units added."""

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


__all__ = [
    "FACETS",
    "KEYWORD_FIELDS",
    "TEXT_FIELDS",
    "Clause",
    "Engine",
    "EngineQuery",
    "RawHit",
    "RawResults",
]
