"""The citation graph of a corpus: typed links between document keys, and chains.

Reads: documents whose references were resolved (``Reference.target`` is ``number@year`` or
``key#section_id``) and the relations documents state (``Document.relations``). Writes:
:class:`Link` objects indexed by subject and object, and :class:`ChainNode` trees.

Every link is stored in its **active** direction: a law's note "được sửa đổi bởi Luật X"
(``amended_by``) becomes ``X amends law``, stated in the law. A reference that is not
resolved links to the number it states (``resolved=False``), so nothing is dropped; the
queries that answer with documents (``cites``, ``cited_by``, chains) use resolved links only.

>>> from vbpl.model import Document, Metadata, Reference, Span
>>> from datetime import date
>>> ref = Reference("Nghị quyết số 45-NQ/TW", Span(0, 22), number="45-NQ/TW",
...                 relation="implements", target="45-NQ/TW@2023")
>>> plan = Document(Metadata(number="20-KH/TW", issued=date(2023, 11, 28)), references=(ref,))
>>> g = CitationGraph.build([plan])
>>> g.cited_by("45-NQ/TW@2023"), g.cites("20-KH/TW@2023", relation="implements")
(['20-KH/TW@2023'], ['45-NQ/TW@2023'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from vbpl.display import chain_html
from vbpl.lexicon.authority import GOVERNED, Act, impossible
from vbpl.model import ACTIVE, Document, Metadata, Task

#: relations that make a document part of a resolution's implementation chain
CHAIN_RELATIONS: tuple[str, ...] = ("implements", "guides")


def document_key(doc: Document, position: int = 0) -> str:
    """The key a corpus files ``doc`` under: its ``number@year``, else its source.

    >>> from vbpl.model import Metadata
    >>> document_key(Document(Metadata(), source="a.txt"))
    'a.txt'
    """
    return doc.key or doc.source or f"document-{position}"


def target_key(target: str) -> str:
    """The document key of a reference target (``key#section`` -> ``key``).

    >>> target_key("80/2015/QH13@2015#art_5__cl_2")
    '80/2015/QH13@2015'
    """
    return target.split("#", 1)[0]


@dataclass(frozen=True, slots=True)
class Link:
    """One typed link between two documents, as one document states it.

    ``subject`` and ``object`` are document keys (``object`` is the stated number when the
    reference is unresolved, with ``resolved=False``); ``relation`` is active (``cites``,
    ``based_on``, ``implements``, ``guides``, ``amends``, ``replaces``, ``repeals``,
    ``corrects``); ``document`` is the key of the document that states it and ``section``
    where; ``pinpoint`` the provision of the object cited (``khoản 2 Điều 5``) or its
    section id; ``source`` tells whether it came from a reference (``reference``) or from
    relations the document lists (``text``, ``note``, ``diagram``, …).
    """

    subject: str
    relation: str
    object: str
    document: str
    section: str | None = None
    pinpoint: str | None = None
    source: str = "reference"
    resolved: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "relation": self.relation,
            "object": self.object,
            "document": self.document,
            "section": self.section,
            "pinpoint": self.pinpoint,
            "source": self.source,
            "resolved": self.resolved,
        }


def links_of(doc: Document, key: str, resolve_number: Callable[[str], str | None]) -> list[Link]:
    """The links ``doc`` (filed under ``key``) states, in active direction.

    ``resolve_number`` maps a bare number (from ``Document.relations``) to a key when the
    corpus knows exactly one document with it. A relation the document lists that repeats a
    reference's link (same subject, relation, object and section) is one link, whose
    ``source`` tells where it was read (``note``, ``text``). An ``amends``/``replaces``/
    ``repeals`` link that the law rules out by the numbers and years of its ends
    (:func:`vbpl.lexicon.authority.impossible`) is kept unresolved.
    """
    out: list[Link] = []
    seen: dict[tuple[str, str, str, str | None], int] = {}

    def put(link: Link) -> None:
        if (
            link.resolved
            and link.relation in GOVERNED
            and impossible(link.relation, act_of(link.subject), act_of(link.object))
        ):
            link = replace(link, resolved=False)
        k = (link.subject, link.relation, link.object, link.section)
        i = seen.get(k)
        if i is None:
            seen[k] = len(out)
            out.append(link)
        elif out[i].source == "reference" and link.source != "reference":
            out[i] = replace(out[i], source=link.source, pinpoint=out[i].pinpoint or link.pinpoint)

    for ref in doc.references:
        if ref.kind == "relative":
            continue
        if ref.target:
            obj, resolved = target_key(ref.target), True
            pinpoint = ref.pinpoint or (ref.target.split("#", 1)[1] if "#" in ref.target else None)
        elif ref.number:
            obj, resolved, pinpoint = ref.number, False, ref.pinpoint
        else:
            continue
        if obj == key:
            continue
        rel: str = ref.relation  # (a passive relation turns into its active form)
        if rel in ACTIVE:
            put(Link(obj, ACTIVE[rel], key, key, ref.section, pinpoint, "reference", resolved))
        else:
            put(Link(key, rel, obj, key, ref.section, pinpoint, "reference", resolved))
    for r in doc.relations:
        subj, subj_ok = _node(r.subject, key, doc, resolve_number)
        obj, obj_ok = _node(r.object, key, doc, resolve_number)
        if subj == obj:
            continue
        rel = r.relation
        if rel in ACTIVE:
            subj, obj, subj_ok, obj_ok, rel = obj, subj, obj_ok, subj_ok, ACTIVE[rel]
        put(Link(subj, rel, obj, key, r.section, r.pinpoint, r.source, subj_ok and obj_ok))
    return out


def _node(
    name: str, key: str, doc: Document, resolve_number: Callable[[str], str | None]
) -> tuple[str, bool]:
    if name in (".", key, doc.metadata.number, doc.key):
        return key, True
    if "@" in name:
        return target_key(name), True
    found = resolve_number(name)
    return (found, True) if found else (name, False)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass
class CitationGraph:
    """Links indexed by subject and by object; built from documents, updated per document."""

    outgoing: dict[str, list[Link]] = field(default_factory=dict)
    incoming: dict[str, list[Link]] = field(default_factory=dict)
    stated: dict[str, list[Link]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        docs: Iterable[Document],
        resolve_number: Callable[[str], str | None] | None = None,
    ) -> CitationGraph:
        """A graph of the links every document in ``docs`` states."""
        g = cls()
        for i, doc in enumerate(docs):
            g.add(doc, document_key(doc, i), resolve_number or (lambda _n: None))
        return g

    def add(self, doc: Document, key: str, resolve_number: Callable[[str], str | None]) -> None:
        """Add the links ``doc`` states (replacing those it stated before)."""
        self.remove(key)
        links = links_of(doc, key, resolve_number)
        self.stated[key] = links
        for link in links:
            self.outgoing.setdefault(link.subject, []).append(link)
            self.incoming.setdefault(link.object, []).append(link)

    def remove(self, key: str) -> None:
        """Forget the links the document ``key`` stated."""
        for link in self.stated.pop(key, ()):
            self.outgoing[link.subject].remove(link)
            self.incoming[link.object].remove(link)

    def links(
        self,
        subject: str | None = None,
        relation: str | Sequence[str] | None = None,
        object: str | None = None,
        *,
        resolved_only: bool = False,
    ) -> list[Link]:
        """Links matching every argument given (``relation`` may be several)."""
        if subject is not None:
            pool: Iterable[Link] = self.outgoing.get(subject, ())
        elif object is not None:
            pool = self.incoming.get(object, ())
        else:
            pool = (link for links in self.stated.values() for link in links)
        rels = {relation} if isinstance(relation, str) else set(relation or ())
        return [
            link
            for link in pool
            if (object is None or link.object == object)
            and (not rels or link.relation in rels)
            and (link.resolved or not resolved_only)
        ]

    def cites(self, key: str, relation: str | Sequence[str] | None = None) -> list[str]:
        """Keys of the documents ``key`` links to (resolved links), in order of mention."""
        return _unique(link.object for link in self.links(key, relation, resolved_only=True))

    def cited_by(self, key: str, relation: str | Sequence[str] | None = None) -> list[str]:
        """Keys of the documents that link to ``key`` (resolved links)."""
        return _unique(link.subject for link in self.links(None, relation, key, resolved_only=True))

    def nodes(self) -> Iterator[str]:
        """Every key or number that takes part in a link."""
        yield from _unique([*self.outgoing, *self.incoming])


@dataclass
class ChainNode:
    """One document in an implementation chain, with the documents that implement it.

    ``relation`` is how this document relates to its parent (``implements``, ``guides``);
    ``tasks`` are this document's tasks whose sources include the parent or any document
    above it in the chain.
    """

    key: str
    relation: str | None = None
    children: list[ChainNode] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    depth: int = 0

    def walk(self) -> Iterator[ChainNode]:
        """This node and every node below it, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()

    def keys(self) -> list[str]:
        """Every key in the chain, root first."""
        return [n.key for n in self.walk()]

    def __contains__(self, key: object) -> bool:
        return any(n.key == key for n in self.walk())

    def all_tasks(self) -> list[Task]:
        """The tasks of every node in the chain."""
        return [t for n in self.walk() for t in n.tasks]

    def rows(self) -> list[dict[str, Any]]:
        """One row per node: depth, key, parent, relation, number of tasks."""
        out: list[dict[str, Any]] = []

        def visit(n: ChainNode, parent: str | None) -> None:
            out.append(
                {
                    "depth": n.depth,
                    "key": n.key,
                    "parent": parent,
                    "relation": n.relation,
                    "tasks": len(n.tasks),
                }
            )
            for c in n.children:
                visit(c, n.key)

        visit(self, None)
        return out

    def __str__(self) -> str:
        lines = []
        for row in self.rows():
            rel = f"{row['relation']} " if row["relation"] else ""
            tasks = f"  ({row['tasks']} tasks)" if row["tasks"] else ""
            lines.append(f"{'  ' * row['depth']}{rel}{row['key']}{tasks}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return chain_html(self)


def chain_tree(
    graph: CitationGraph,
    root: str,
    relations: Sequence[str] = CHAIN_RELATIONS,
    order: Callable[[str], Any] = str,
) -> ChainNode:
    """The documents that implement ``root``, directly or through each other, as a tree.

    A document that implements both the resolution and the plan for it sits under the plan:
    each document is placed at its longest distance from the root, under a parent one level
    up (the first in ``order``).
    """
    reach: set[str] = {root}
    frontier = [root]
    while frontier:
        nxt = []
        for k in frontier:
            for s in graph.cited_by(k, relations):
                if s not in reach:
                    reach.add(s)
                    nxt.append(s)
        frontier = nxt

    parents: dict[str, list[str]] = {
        k: [o for o in graph.cites(k, relations) if o in reach and o != k] for k in reach
    }
    depth: dict[str, int] = {root: 0}
    visiting: set[str] = set()

    def longest(k: str) -> int:
        if k in depth:
            return depth[k]
        visiting.add(k)
        best = 0
        for p in parents[k]:
            if p not in visiting:
                best = max(best, longest(p) + 1)
        visiting.discard(k)
        depth[k] = best if best else 1
        return depth[k]

    for k in reach:
        longest(k)
    nodes = {k: ChainNode(k, depth=depth[k]) for k in reach}
    for k in sorted(reach - {root}, key=order):
        ps = sorted((p for p in parents[k] if depth[p] == depth[k] - 1), key=order)
        parent = ps[0] if ps else root
        rel = next(
            (lk.relation for lk in graph.links(k, relations, parent, resolved_only=True)),
            None,
        )
        nodes[k].relation = rel
        nodes[parent].children.append(nodes[k])
    return nodes[root]


def act_of(key: str, metadata: Metadata | None = None) -> Act:
    """What a graph node tells of its document: the metadata when the corpus has it, else the
    number and year its key (``number@year``) states.

    >>> act_of("76/2015/QH13@2015")
    Act(number='76/2015/QH13', doc_type=None, issuer=None, issued=None, year=2015)
    """
    number, _, year = key.partition("@")
    if metadata is not None:
        md = metadata
        return Act(
            md.number or number,
            md.doc_type,
            md.issuer,
            md.issued,
            md.issued.year if md.issued else None,
        )
    return Act(number or None, year=int(year) if year.isdigit() else None)


def impossible_links(
    links: Iterable[Link], act: Callable[[str], Act] = act_of
) -> list[tuple[Link, str]]:
    """The resolved ``amends``/``replaces``/``repeals`` links that the law on legal documents
    rules out, each with its reason (:func:`vbpl.lexicon.authority.impossible`).

    >>> bad = Link("01/2021/NĐ-CP@2021", "amends", "76/2015/QH13@2015", "01/2021/NĐ-CP@2021")
    >>> impossible_links([bad])[0][1]
    'lower_authority'
    """
    out: list[tuple[Link, str]] = []
    for link in links:
        if not link.resolved or link.relation not in GOVERNED:
            continue
        why = impossible(link.relation, act(link.subject), act(link.object))
        if why is not None:
            out.append((link, why))
    return out


__all__ = [
    "CHAIN_RELATIONS",
    "ChainNode",
    "CitationGraph",
    "Link",
    "act_of",
    "chain_tree",
    "document_key",
    "impossible_links",
    "links_of",
    "target_key",
]
