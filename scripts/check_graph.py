"""Check the relation graph of the shared documents against the law on legal documents.

Loads a corpus (by default ``../shared/corpus/tvpl``: 141 whole documents of a commercial legal
site, with their editorial notes), resolves it, and over the resolved ``amends`` / ``replaces``
/ ``repeals`` edges counts those the law rules out (:func:`vbpl.lexicon.authority.impossible`):
``backwards`` (the acting document issued before the one it acts on), ``lower_authority`` (a
Nghị định "amending" a Luật), ``other_body`` (one ministry "amending" another's circular),
``other_system`` (a state document acting on a Party one, or back), ``consolidated`` (a Văn bản
hợp nhất at either end). An edge is one distinct (subject, relation, object); ``links`` counts
every statement of one. Impossible edges are printed with where they were stated.

It also counts the references left unresolved with a ``reason`` (the resolver refused an
impossible target), the statements the graph kept unresolved for the same rule (a relation
stated between two documents), the edges whose both ends are corpus or known-table documents
(the others end at a key a normative number states, ``66/2006/QH11@2006``), and the named
references resolved.

Usage: python scripts/check_graph.py [PATH ...] [--shared ../shared] [--laws] [--json] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from vbpl import Corpus, VbplError
from vbpl.corpus.graph import Link, act_of, impossible_links
from vbpl.lexicon.authority import GOVERNED, Act, impossible


def acts(corpus: Corpus) -> Any:
    """Node key -> Act: the corpus document's metadata, else the known-documents table, else
    the number and year of the key."""
    from vbpl.refs.resolve import Registry

    known = Registry()

    def act(key: str) -> Act:
        doc = corpus.find(key)
        if doc is not None:
            return act_of(key, doc.metadata)
        c = known.get(key)
        if c is not None and c.source == "known":
            return Act(
                c.number, c.doc_type, c.issuer, c.issued, c.issued.year if c.issued else None
            )
        return act_of(key)

    return act


def check(corpus: Corpus) -> dict[str, Any]:
    """Figures of the graph check for one resolved corpus."""
    links = [lk for lk in corpus.relations(resolved_only=True) if lk.relation in GOVERNED]
    bad = impossible_links(links, acts(corpus))
    edges = {(lk.subject, lk.relation, lk.object) for lk in links}
    bad_edges: dict[tuple[str, str, str], tuple[str, list[Link]]] = {}
    for lk, why in bad:
        e = (lk.subject, lk.relation, lk.object)
        bad_edges.setdefault(e, (why, []))[1].append(lk)
    by_kind = Counter((e[1], why) for e, (why, _) in bad_edges.items())
    # statements the graph kept unresolved because the rule rules them out (both ends keys)
    act = acts(corpus)
    refused = Counter()
    for lk in corpus.relations(relation=sorted(GOVERNED)):
        if not lk.resolved and "@" in lk.subject and "@" in lk.object:
            why = impossible(lk.relation, act(lk.subject), act(lk.object))
            refused[f"{lk.relation}/{why}"] += 1
    from vbpl.refs.resolve import Registry

    known = Registry()

    def registered(key: str) -> bool:
        return corpus.find(key) is not None or key in known

    both_known = sum(1 for e in edges if registered(e[0]) and registered(e[2]))
    refs = [r for d in corpus for r in d.references]
    reasons = Counter(getattr(r, "reason", None) for r in refs if getattr(r, "reason", None))
    named = [r for r in refs if r.kind == "named"]
    return {
        "documents": len(corpus),
        "links": len(links),
        "edges": len(edges),
        "edges_by_relation": dict(Counter(e[1] for e in edges)),
        "edges_both_ends_in_corpus_or_known_table": both_known,
        "impossible_links": len(bad),
        "impossible_edges": len(bad_edges),
        "impossible_share": round(len(bad_edges) / len(edges), 4) if edges else 0.0,
        "impossible_by_kind": {f"{k[0]}/{k[1]}": n for k, n in sorted(by_kind.items())},
        "unresolved_with_reason": dict(reasons),
        "statements_kept_unresolved_by_the_graph_rule": dict(refused),
        "named_references": len(named),
        "named_resolved": sum(1 for r in named if r.target),
        "_bad": bad_edges,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", help="files or folders (default: ../shared/corpus/tvpl)")
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--laws", action="store_true", help="also load ../shared/corpus/laws")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show", type=int, default=200, help="impossible edges to print")
    args = ap.parse_args(argv)
    paths = list(args.paths)
    if not paths:
        corpus_dir = Path(args.shared) / "corpus"
        if not corpus_dir.is_dir():
            print(f"check_graph: {corpus_dir} is absent", file=sys.stderr)
            return 1
        paths = [str(corpus_dir / "tvpl")] + ([str(corpus_dir / "laws")] if args.laws else [])
    t0 = time.perf_counter()
    try:
        corpus = Corpus.from_paths(paths)
    except VbplError as e:
        print(f"check_graph: {e}", file=sys.stderr)
        return 1
    figures = check(corpus)
    bad = figures.pop("_bad")
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
        return 0
    for e, (why, links) in sorted(bad.items(), key=lambda x: (x[1][0], x[0]))[: args.show]:
        where = sorted({f"{lk.document}#{lk.section or ''} ({lk.source})" for lk in links})
        print(f"{why:16} {e[0]} {e[1]} {e[2]}  <- {'; '.join(where[:3])}")
    print()
    for k, v in figures.items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
