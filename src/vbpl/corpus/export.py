"""Exports of a corpus: pandas tables, a networkx graph, GraphML and JSON.

Reads: a :class:`~vbpl.corpus.Corpus`. Writes: ``pandas.DataFrame`` (one kind of row per
table, columns listed in :data:`COLUMNS`), ``networkx.MultiDiGraph`` (nodes are document
keys, edges typed by ``relation``), GraphML files and node-link JSON. pandas and networkx are
imported only here, when an export is asked for.

>>> sorted(COLUMNS)
['documents', 'references', 'relations', 'sections', 'task_links', 'tasks']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vbpl.errors import CorpusError
from vbpl.model import Document, Section

if TYPE_CHECKING:  # pragma: no cover
    import networkx
    import pandas

    from vbpl.corpus.corpus import Corpus

#: the columns of each table :func:`to_dataframe` makes
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "key",
        "number",
        "doc_type",
        "issuer",
        "issued",
        "effective",
        "year",
        "signer",
        "title",
        "place",
        "status",
        "term",
        "fields",
        "source",
        "sections",
        "references",
        "tasks",
    ),
    "sections": (
        "document",
        "id",
        "kind",
        "label",
        "heading",
        "parent",
        "depth",
        "start",
        "end",
        "text",
    ),
    "references": (
        "document",
        "section",
        "text",
        "kind",
        "number",
        "doc_type",
        "date",
        "issuer",
        "term",
        "title",
        "pinpoint",
        "relation",
        "target",
        "confidence",
        "reason",
        "start",
        "end",
    ),
    "relations": (
        "subject",
        "relation",
        "object",
        "document",
        "section",
        "pinpoint",
        "sources",
        "resolved",
    ),
    "tasks": ("document", "section", "text", "actor", "deadline", "sources", "source_keys"),
    "task_links": ("document", "section", "number", "key", "via", "actor", "deadline"),
}


#: column types :func:`to_dataframe` sets: dates as ``datetime64``, vocabularies as ``category``
DTYPES: dict[str, dict[str, str]] = {
    "documents": {
        "issued": "datetime64[ns]",
        "effective": "datetime64[ns]",
        "doc_type": "category",
        "issuer": "category",
        "status": "category",
        "term": "category",
        "place": "category",
    },
    "sections": {"kind": "category"},
    "references": {
        "date": "datetime64[ns]",
        "kind": "category",
        "doc_type": "category",
        "relation": "category",
        "term": "category",
        "reason": "category",
    },
    "relations": {"relation": "category", "sources": "category"},
    "tasks": {},
    "task_links": {"via": "category"},
}


def _iso(d: Any) -> str | None:
    return d.isoformat() if d is not None else None


def _document_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    for key, doc in zip(corpus.keys(), corpus.documents, strict=True):
        md = doc.metadata
        yield {
            "key": key,
            "number": md.number,
            "doc_type": md.doc_type,
            "issuer": md.issuer,
            "issued": _iso(md.issued),
            "effective": _iso(md.effective),
            "year": md.issued.year if md.issued else None,
            "signer": md.signer,
            "title": md.title,
            "place": md.place,
            "status": md.status,
            "term": md.term,
            "fields": list(md.fields),
            "source": doc.source,
            "sections": sum(1 for _ in doc.walk()),
            "references": len(doc.references),
            "tasks": len(corpus.tasks(documents=[key])),
        }


def _section_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    def visit(key: str, s: Section, parent: str | None, depth: int) -> Iterator[dict[str, Any]]:
        yield {
            "document": key,
            "id": s.id,
            "kind": s.kind,
            "label": s.label,
            "heading": s.heading,
            "parent": parent,
            "depth": depth,
            "start": s.span.start,
            "end": s.span.end,
            "text": s.text,
        }
        for c in s.children:
            yield from visit(key, c, s.id, depth + 1)

    for key, doc in zip(corpus.keys(), corpus.documents, strict=True):
        for s in doc.sections:
            yield from visit(key, s, None, 0)


def _reference_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    for key, doc in zip(corpus.keys(), corpus.documents, strict=True):
        for r in doc.references:
            d = r.to_dict()
            yield {"document": key, **{c: d.get(c) for c in COLUMNS["references"][1:]}}


def _task_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    for t in corpus.tasks():
        yield {
            "document": t.document,
            "section": t.section,
            "text": t.text,
            "actor": t.actor,
            "deadline": t.deadline,
            "sources": [s.number for s in t.sources],
            "source_keys": [s.key for s in t.sources],
        }


def _task_link_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    for t in corpus.tasks():
        for s in t.sources:
            yield {
                "document": t.document,
                "section": t.section,
                "number": s.number,
                "key": s.key,
                "via": s.via,
                "actor": t.actor,
                "deadline": t.deadline,
            }


def _relation_rows(corpus: Corpus) -> Iterator[dict[str, Any]]:
    """One row per (subject, relation, object, section): a relation read both from a reference
    and from the text (or a note) is one row whose ``sources`` lists where it was read."""
    merged: dict[tuple[str, str, str, str | None], dict[str, Any]] = {}
    for link in corpus.relations():
        k = (link.subject, link.relation, link.object, link.section)
        row = merged.get(k)
        if row is None:
            row = link.to_dict()
            row["sources"] = {row.pop("source")}
            merged[k] = row
        else:
            row["sources"].add(link.source)
            row["pinpoint"] = row["pinpoint"] or link.pinpoint
            row["resolved"] = row["resolved"] or link.resolved
    for row in merged.values():
        row["sources"] = ", ".join(sorted(row["sources"]))
        yield row


def rows(corpus: Corpus, kind: str) -> list[dict[str, Any]]:
    """The rows of one table as dicts (what :func:`to_dataframe` puts in a DataFrame)."""
    makers = {
        "documents": _document_rows,
        "sections": _section_rows,
        "references": _reference_rows,
        "relations": _relation_rows,
        "tasks": _task_rows,
        "task_links": _task_link_rows,
    }
    if kind not in makers:
        raise CorpusError(f"unknown table {kind!r}: choose one of {', '.join(COLUMNS)}")
    return list(makers[kind](corpus))


def to_dataframe(corpus: Corpus, kind: str = "documents") -> pandas.DataFrame:
    """One table of the corpus as a pandas DataFrame (columns: :data:`COLUMNS` [kind]; dates
    as ``datetime64``, vocabularies as ``category``: :data:`DTYPES` [kind])."""
    import pandas as pd

    data = rows(corpus, kind)
    df = pd.DataFrame(data, columns=list(COLUMNS[kind]))
    for col, dtype in DTYPES.get(kind, {}).items():
        if dtype.startswith("datetime"):
            df[col] = pd.to_datetime(df[col], errors="coerce")
        else:
            df[col] = df[col].astype(dtype)
    return df


def _node_attrs(doc: Document | None, key: str) -> dict[str, Any]:
    if doc is None:
        number = key.split("@", 1)[0]
        year = int(key.split("@", 1)[1]) if "@" in key and key.split("@")[1].isdigit() else None
        return {"number": number, "year": year, "in_corpus": False}
    md = doc.metadata
    return {
        "number": md.number,
        "doc_type": md.doc_type,
        "issuer": md.issuer,
        "issued": _iso(md.issued),
        "year": md.issued.year if md.issued else None,
        "title": md.title,
        "in_corpus": True,
    }


def to_networkx(corpus: Corpus, *, unresolved: bool = False) -> networkx.MultiDiGraph:
    """The citation graph: one node per document key (and per cited key outside the corpus),
    one edge per (subject, relation, object) with ``relation`` as edge key and attribute,
    ``count`` (times stated) and ``sections`` (where). Unresolved mentions (a number, no key)
    are left out unless ``unresolved=True``."""
    import networkx as nx

    g = nx.MultiDiGraph()
    docs = dict(zip(corpus.keys(), corpus.documents, strict=True))
    for key, doc in docs.items():
        g.add_node(key, **_node_attrs(doc, key))
    for link in corpus.relations(resolved_only=not unresolved):
        for node in (link.subject, link.object):
            if node not in g:
                g.add_node(node, **_node_attrs(docs.get(node), node))
                if not link.resolved:
                    g.nodes[node]["resolved"] = False
        if g.has_edge(link.subject, link.object, key=link.relation):
            data = g.edges[link.subject, link.object, link.relation]
            data["count"] += 1
            if link.section and link.section not in data["sections"]:
                data["sections"].append(link.section)
        else:
            g.add_edge(
                link.subject,
                link.object,
                key=link.relation,
                relation=link.relation,
                document=link.document,
                sections=[link.section] if link.section else [],
                count=1,
                resolved=link.resolved,
            )
    return g


def _scalar(v: Any) -> Any:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ";".join(str(x) for x in v)
    return v


def write_graphml(graph: networkx.MultiDiGraph, path: str | Path) -> None:
    """Write ``graph`` as GraphML (lists joined with ``;``, absent values as empty strings)."""
    import networkx as nx

    g = graph.copy()
    for _, data in g.nodes(data=True):
        for k, v in list(data.items()):
            data[k] = _scalar(v)
    for _, _, data in g.edges(data=True):
        for k, v in list(data.items()):
            data[k] = _scalar(v)
    nx.write_graphml(g, str(path))


def graph_to_json(graph: networkx.MultiDiGraph) -> dict[str, Any]:
    """``graph`` as node-link JSON: ``{"nodes": [{"id", …}], "edges": [{"source", "target",
    "relation", …}]}``."""
    nodes = [{"id": n, **data} for n, data in graph.nodes(data=True)]
    edges = [{"source": u, "target": v, **data} for u, v, data in graph.edges(data=True)]
    return {"directed": True, "multigraph": True, "nodes": nodes, "edges": edges}


def write_graph_json(graph: networkx.MultiDiGraph, path: str | Path) -> None:
    """Write :func:`graph_to_json` of ``graph`` to ``path``."""
    Path(path).write_text(
        json.dumps(graph_to_json(graph), ensure_ascii=False, indent=1), encoding="utf-8"
    )


__all__ = [
    "COLUMNS",
    "DTYPES",
    "graph_to_json",
    "rows",
    "to_dataframe",
    "to_networkx",
    "write_graph_json",
    "write_graphml",
]
