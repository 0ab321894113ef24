"""Evaluate search the way legal users ask: pinpoints, numbers, crowding, snippets, CLI cost.

Parses every document of a folder with vbpl's defaults (``../shared/corpus/tvpl``: 141
documents of a commercial legal site), indexes them with the defaults (tantivy unless
``--engine``), generates queries from the parsed documents and measures:

* **pinpoint → article first**: ``Điều N`` (and ``khoản K Điều N``, ``điểm X khoản K Điều N``)
  with the document designated by number (``Luật số 45/2013/QH13``, ``45/2013/qh13``), by type
  and short number (``Nghị định 13/2023``), by name and year (``Luật Đất đai 2013``) and by
  name alone (``Bộ luật Dân sự``). Expected: that section of the designated document — for
  a name alone, of the version in force today (the latest start, start = the later of issue
  and effective dates, among the documents with that name); for a name and year, of the
  document issued that year. Names and years come from the file names (``Luật_đất_đai_2013``)
  and, for consolidated texts, from "hợp nhất Luật X" in the title — not from vbpl's own
  name logic;
* **number → document first**: each document's number, typed canonical, lowercase, with
  ``/`` and ``-`` swapped, and as type + number;
* **numbers no document holds**: perturbed real numbers that no document holds and no text
  cites → must give no hits; numbers cited but not held → every hit must cite them;
* **crowding**: topical queries (2–4 words of article headings): the most hits one document
  has in the first 10 (default one result per document, and the flat list);
* **snippets**: share of snippets free of header boilerplate and editorial notes;
* **CLI cost**: ``vbpl search`` against ``vbpl --help``, median of N runs each, with Python's
  bytecode caches (as an installed package has them) and without.

Usage::

    python scripts/eval_search_queries.py [--data ../shared/corpus/tvpl] [--engine tantivy]
        [--per-doc 3] [--cli-runs 15] [--json out.json] [--show-failures 10]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from vbpl.model import Document
from vbpl.search import open_index
from vbpl.text.normalize import normalize_text

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "corpus" / "tvpl"
TODAY = date.today()

#: header boilerplate and editorial notes that must not show in a snippet
#: (the national motto in capitals, "Độc lập - Tự do", rules of dashes or stars; the preamble's
#: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam" is body text and allowed)
HEADER_RE = re.compile(r"CỘNG H[OÒ]À XÃ HỘI|Độc lập\s*-\s*Tự do|-{4,}|\*{4,}")
NOTE_RE = re.compile(
    r"\[[^\]]*[^\W\d_][^\]]*[^\W\d_][^\]]*\]|được (?:sửa đổi|hướng dẫn|bổ sung) bởi"
)


def load(data: Path) -> list[Document]:
    """Every document of ``data`` parsed by vbpl (cached under /tmp by content hash)."""
    from vbpl import __version__
    from vbpl.pipeline import parse_file

    files = sorted(data.glob("*.txt"))
    h = hashlib.sha1(__version__.encode())
    # a changed parser parses anew: its code and its rules (data tables) are in the key
    for src in sorted((REPO / "src" / "vbpl").rglob("*")):
        if src.suffix in (".py", ".json", ".tsv"):
            h.update(src.read_bytes())
    for f in files:
        h.update(f.name.encode())
        h.update(str(f.stat().st_size).encode())
    cache = Path(tempfile.gettempdir()) / f"vbpl-eval-queries-{h.hexdigest()[:12]}.jsonl"
    if cache.exists():
        rows = [json.loads(line) for line in cache.read_text(encoding="utf-8").splitlines()]
        return [Document.from_dict(r) for r in rows]
    docs = [parse_file(f) for f in files]
    with cache.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
    return docs


# -- names and years from file names (independent of vbpl's name logic) -------------------

_FILE_LAW_RE = re.compile(r"^(Bộ_luật|Luật)_(.+?)_((?:19|20)\d\d)$")
_VBHN_RE = re.compile(r"hợp_nhất_(Bộ_luật|Luật)_(.+?)(?:_do_|\.|$)")
_TITLE_LAW_RE = re.compile(r"(bộ luật|luật) (.+?) số \d+/((?:19|20)\d\d)/", re.IGNORECASE)


# file names of ../shared/corpus/laws, folded: Bo-luat-dan-su-2015-296215,
# Luat-08-2017-QH14-Thuy-loi-2017-322933 (the name is then typed without diacritics)
_FILE_FOLDED_RE = re.compile(
    r"^(Bo-luat|Luat)-(?:\d+-\d{4}-QH\d+-)?([A-Za-z-]+?)-((?:19|20)\d\d)-\d+$"
)


def designations(doc: Document) -> tuple[str, str, int | None] | None:
    """(type, name, year of the law) a user would cite the document by, or ``None``."""
    stem = Path(doc.source or "").stem
    f = _FILE_FOLDED_RE.match(stem)
    if f and "sua-doi" not in stem.lower():
        kind = "Bộ luật" if f.group(1) == "Bo-luat" else "Luật"
        return kind, f.group(2).replace("-", " ").lower(), int(f.group(3))
    m = _FILE_LAW_RE.match(stem)
    if m and "sửa_đổi" not in stem.lower() and "," not in m.group(2)[:1]:
        kind = "Bộ luật" if m.group(1) == "Bộ_luật" else "Luật"
        return kind, m.group(2).replace("_", " "), int(m.group(3))
    if (doc.metadata.number or "").endswith("VBHN-VPQH"):
        # the law a consolidated text consolidates: "Luật Đất đai số 31/2024/QH15" in its
        # title (older parses) or at its opening
        for text in (doc.metadata.title or "", doc.text[:3000]):
            t = _TITLE_LAW_RE.search(normalize_text(text))
            if t:
                kind = "Bộ luật" if t.group(1).lower() == "bộ luật" else "Luật"
                return kind, t.group(2).strip(), int(t.group(3))
    return None


def start(doc: Document) -> date:
    md = doc.metadata
    dates = [d for d in (md.issued, md.effective) if d]
    return max(dates) if dates else date.min


def fold_name(name: str) -> str:
    from vbpl.text.fold import fold

    return " ".join(fold(normalize_text(name).lower()).replace(",", " ").split())


# -- query generation ---------------------------------------------------------------------


def pinpoint_targets(doc: Document, rng: random.Random, n: int) -> list[tuple[str, str]]:
    """Up to ``n`` (pinpoint words, section id): articles, clauses and points."""
    arts = [s for s in doc.walk() if s.kind == "article" and re.fullmatch(r"\d+[a-z]?", s.label)]
    labels = [s.label for s in arts]
    arts = [a for a in arts if labels.count(a.label) == 1]  # an article number said once
    out: list[tuple[str, str]] = []
    for a in rng.sample(arts, min(n, len(arts))):
        words, sid = f"Điều {a.label}", a.id
        clauses = [c for c in a.children if c.kind == "clause"]
        r = rng.random()
        if clauses and r < 0.35:
            c = rng.choice(clauses)
            words, sid = f"khoản {c.label} Điều {a.label}", c.id
            points = [p for p in c.children if p.kind == "point"]
            if points and r < 0.15:
                p = rng.choice(points)
                words, sid = f"điểm {p.label} khoản {c.label} Điều {a.label}", p.id
        out.append((words, sid))
    return out


def make_pinpoints(docs: list[Document], per_doc: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    by_number: dict[str, list[Document]] = {}
    for d in docs:
        if d.metadata.number:
            by_number.setdefault(d.metadata.number, []).append(d)
    shorts: dict[str, int] = {}  # "Thông tư 11/2024": how many documents it can mean
    for d in docs:
        m = re.match(r"^(\d+)/((?:19|20)\d\d)/", d.metadata.number or "")
        if m and d.metadata.doc_type:
            short = f"{d.metadata.doc_type} {m.group(1)}/{m.group(2)}"
            shorts[short] = shorts.get(short, 0) + 1
    names: dict[tuple[str, str], list[Document]] = {}
    for d in docs:
        des = designations(d)
        if des:
            names.setdefault((des[0], fold_name(des[1])), []).append(d)
    queries: list[dict[str, Any]] = []
    for d in docs:
        md = d.metadata
        if not d.key:
            continue
        for words, sid in pinpoint_targets(d, rng, per_doc):
            want = [(d.key, sid)]
            if md.number and len(by_number.get(md.number, [])) == 1:
                typ = md.doc_type or ""
                queries.append(
                    {"form": "number", "q": f"{words} {typ} số {md.number}", "want": want}
                )
                queries.append(
                    {"form": "number", "q": f"{words} {md.number.lower()}", "want": want}
                )
                m = re.match(r"^(\d+)/((?:19|20)\d\d)/", md.number)
                short = f"{typ} {m.group(1)}/{m.group(2)}" if m else ""
                if m and typ not in ("", "Luật", "Bộ luật") and shorts.get(short) == 1:
                    queries.append(
                        {
                            "form": "type+short",
                            "q": f"{words} {typ} {m.group(1)}/{m.group(2)}",
                            "want": want,
                        }
                    )
            des = designations(d)
            if des is None:
                continue
            kind, name, year = des
            group = names[(kind, fold_name(name))]
            same_year = [g for g in group if g.metadata.issued and g.metadata.issued.year == year]
            if d in same_year and len(same_year) == 1:
                queries.append(
                    {"form": "name+year", "q": f"{words} {kind} {name} {year}", "want": want}
                )
            in_force = [g for g in group if start(g) <= TODAY]
            current = max(in_force or group, key=lambda g: (start(g), g.key or ""))
            if current is d:
                queries.append({"form": "name", "q": f"{words} {kind} {name}", "want": want})
    return queries


def variants(number: str) -> list[str]:
    out = [number, number.lower()]
    swapped = number.translate(str.maketrans({"/": "-", "-": "/"}))
    if swapped != number:
        out.append(swapped)
    return out


def make_numbers(docs: list[Document]) -> list[dict[str, Any]]:
    from vbpl.lexicon.numbers import number_key

    by_key: dict[str, set[str]] = {}
    for d in docs:
        if d.metadata.number and d.key:
            by_key.setdefault(number_key(d.metadata.number), set()).add(d.key)
    out = []
    for d in docs:
        md = d.metadata
        if not (md.number and d.key):
            continue
        want = sorted(by_key[number_key(md.number)])
        for v in variants(md.number):
            out.append({"q": v, "want": want})
        if md.doc_type:
            out.append({"q": f"{md.doc_type} {md.number}", "want": want})
    return out


def make_absent(docs: list[Document], seed: int) -> tuple[list[str], list[str]]:
    """(numbers nobody holds or cites, numbers cited but not held)."""
    from vbpl.lexicon.numbers import number_key
    from vbpl.search.analysis import cited_numbers
    from vbpl.search.units import clean_text

    held = {number_key(d.metadata.number) for d in docs if d.metadata.number}
    cited: dict[str, str] = {}
    for d in docs:  # numbers the text cites (editorial notes are not the text)
        for n in cited_numbers(clean_text(d.text)):
            cited.setdefault(number_key(n), n)
    rng = random.Random(seed)
    absent: list[str] = []
    for d in docs:
        n = d.metadata.number
        if not n:
            continue
        m = re.match(r"^(\d+)(.*)$", n)
        if not m:
            continue
        for _ in range(3):
            cand = f"{int(m.group(1)) + rng.randint(300, 900)}{m.group(2)}"
            k = number_key(cand)
            if k not in held and k not in cited:
                absent.append(cand)
                break
    for typed in ("45-NQ/TW", "999/2023/NĐ-CP", "57-NQ/TW", "888/2024/QĐ-TTg"):
        k = number_key(typed)
        if k not in held and k not in cited and typed not in absent:
            absent.append(typed)
    cited_only = sorted(v for k, v in cited.items() if k not in held)
    rng.shuffle(cited_only)
    return absent, cited_only[:60]


def make_topical(docs: list[Document], n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    headings = [
        s.heading
        for d in docs
        for s in d.walk()
        if s.kind == "article" and s.heading and 2 <= len(s.heading.split()) <= 8
    ]
    out = []
    for h in rng.sample(headings, min(n, len(headings))):
        words = re.findall(r"[^\W\d_]+", h.lower())
        k = rng.randint(2, min(4, len(words)))
        out.append(" ".join(words[:k]))
    return out


# -- measuring ----------------------------------------------------------------------------


def clean(snippet: str) -> bool:
    text = snippet.replace("<b>", "").replace("</b>", "")
    return not HEADER_RE.search(text) and not NOTE_RE.search(text)


def cli_cost(index: Path, runs: int, queries: list[str], *, bytecode: bool) -> dict[str, Any]:
    """Median wall time of ``vbpl --help`` and of ``vbpl search`` (fresh processes).

    ``bytecode``: let Python write and read its bytecode caches, as an installed package has
    them (an environment with ``PYTHONDONTWRITEBYTECODE`` compiles every module each run)."""
    import os

    exe = [sys.executable, "-m", "vbpl"]
    env = dict(os.environ)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"

    def timed(argv: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False, env=env)
        return time.perf_counter() - t

    timed([*exe, "--help"])  # warm the file cache (and write bytecode caches when allowed)
    timed([*exe, "search", queries[0], "--index", str(index)])
    help_t, search_t = [], []
    for i in range(runs):
        help_t.append(timed([*exe, "--help"]))
        search_t.append(timed([*exe, "search", queries[i % len(queries)], "--index", str(index)]))
    h, s = statistics.median(help_t), statistics.median(search_t)
    return {
        "help_median_s": round(h, 4),
        "search_median_s": round(s, 4),
        "ratio": round(s / h, 2),
        "help_range_s": [round(min(help_t), 4), round(max(help_t), 4)],
        "search_range_s": [round(min(search_t), 4), round(max(search_t), 4)],
        "runs": runs,
        "bytecode_caches": bytecode,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--engine", default="auto", help="tantivy, whoosh or auto (the default)")
    ap.add_argument("--per-doc", type=int, default=3, help="pinpoint targets per document")
    ap.add_argument("--topical", type=int, default=60, help="topical queries for crowding")
    ap.add_argument("--cli-runs", type=int, default=15, help="0 skips the CLI timing")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--show-failures", type=int, default=0, metavar="N")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data at {args.data}", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    docs = load(args.data)
    t_parse = time.perf_counter() - t0
    work = Path(tempfile.mkdtemp(prefix="vbpl-eval-queries-"))
    t0 = time.perf_counter()
    with open_index(work / "ix", engine=args.engine) as ix:
        ix.add(docs)
        engine = ix.engine_name
    t_index = time.perf_counter() - t0
    report: dict[str, Any] = {
        "data": str(args.data),
        "documents": len(docs),
        "engine": engine,
        "date": TODAY.isoformat(),
        "parse_s": round(t_parse, 1),
        "index_s": round(t_index, 1),
    }
    failures: dict[str, list[Any]] = {}
    snippets_total = snippets_clean = 0

    def count_snippets(hits: Any) -> None:
        nonlocal snippets_total, snippets_clean
        for h in hits:
            for snip in (h.snippet, *(x.snippet for x in h.sections)):
                snippets_total += 1
                snippets_clean += clean(snip)
                if not clean(snip):
                    failures.setdefault("snippet", []).append((h.key, h.section, snip[:200]))

    with open_index(work / "ix") as ix:
        # pinpoints
        pins = make_pinpoints(docs, args.per_doc, args.seed)
        by_form: dict[str, list[int]] = {}
        for q in pins:
            hits = ix.search(q["q"], limit=10)
            count_snippets(hits)
            ok = bool(hits) and (hits[0].key, hits[0].section) in {tuple(w) for w in q["want"]}
            by_form.setdefault(q["form"], []).append(int(ok))
            if not ok:
                got = (hits[0].key, hits[0].section) if hits else None
                failures.setdefault("pinpoint", []).append((q["q"], q["want"][0], got))
        all_ok = [x for v in by_form.values() for x in v]
        report["pinpoint_article_first"] = round(sum(all_ok) / max(1, len(all_ok)), 3)
        report["pinpoint_queries"] = len(all_ok)
        report["pinpoint_by_form"] = {
            k: {"n": len(v), "first": round(sum(v) / len(v), 3)} for k, v in sorted(by_form.items())
        }
        # numbers
        nums = make_numbers(docs)
        ok_n = 0
        for q in nums:
            hits = ix.search(q["q"], limit=10)
            count_snippets(hits)
            ok = bool(hits) and hits[0].key in q["want"] and hits[0].section is None
            ok_n += ok
            if not ok:
                failures.setdefault("number", []).append(
                    (q["q"], q["want"], (hits[0].key, hits[0].section) if hits else None)
                )
        report["number_document_first"] = round(ok_n / max(1, len(nums)), 3)
        report["number_queries"] = len(nums)
        # numbers nobody holds
        absent, cited_only = make_absent(docs, args.seed)
        empty = 0
        for n in absent:
            res = ix.search(n, limit=10)
            empty += not res
            if res:
                failures.setdefault("absent", []).append((n, [h.key for h in res]))
        report["absent_numbers_no_hits"] = round(empty / max(1, len(absent)), 3)
        report["absent_numbers"] = len(absent)
        from vbpl.lexicon.numbers import number_key
        from vbpl.search.analysis import cited_numbers

        only_citing = 0
        for n in cited_only:
            res = ix.search(n, limit=10, flat=True)
            key = number_key(n)
            good = bool(res) and all(
                key in {number_key(c) for c in cited_numbers(_unit_text(docs, h))} for h in res
            )
            only_citing += good
            if not good:
                failures.setdefault("cited_only", []).append((n, [(h.key, h.section) for h in res]))
        report["cited_not_held_only_citing"] = round(only_citing / max(1, len(cited_only)), 3)
        report["cited_not_held_numbers"] = len(cited_only)
        # crowding
        topical = make_topical(docs, args.topical, args.seed)
        worst_grouped, worst_flat, over = 0, 0, 0
        for q in topical:
            g = ix.search(q, limit=10, facets=False)
            f = ix.search(q, limit=10, flat=True, facets=False)
            count_snippets(g)
            mg = max((list(h.key for h in g).count(k) for k in {h.key for h in g}), default=0)
            keys = [h.key for h in f]
            mf = max((keys.count(k) for k in set(keys)), default=0)
            worst_grouped, worst_flat = max(worst_grouped, mg), max(worst_flat, mf)
            over += mf > 3
        report["crowding_max_per_doc_top10"] = worst_grouped
        report["crowding_flat_max_per_doc_top10"] = worst_flat
        report["crowding_flat_queries_over_3"] = f"{over}/{len(topical)}"
        report["snippets_clean"] = round(snippets_clean / max(1, snippets_total), 4)
        report["snippets"] = snippets_total
    if args.cli_runs:
        qs = [q["q"] for q in pins[:5]] + topical[:5]
        report["cli"] = cli_cost(work / "ix", args.cli_runs, qs, bytecode=True)
        report["cli_no_bytecode_caches"] = cli_cost(work / "ix", args.cli_runs, qs, bytecode=False)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.show_failures:
        for kind, rows in failures.items():
            print(f"\n{kind}: {len(rows)} failures", file=sys.stderr)
            for row in rows[: args.show_failures]:
                print("  ", row, file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _unit_text(docs: list[Document], hit: Any) -> str:
    from vbpl.search.units import clean_text, document_key

    for d in docs:
        if document_key(d) == hit.key:
            if hit.section is None:
                own = d.text[: min((s.span.start for s in d.sections), default=len(d.text))]
                return clean_text(own)
            s = d.section(hit.section)
            return clean_text(s.text) if s else ""
    return ""


if __name__ == "__main__":
    sys.exit(main())
