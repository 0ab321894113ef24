"""Evaluate the plain-text parser on the shared corpus: articles, number, date of issue.

Usage: python scripts/eval_parse.py [--shared ../shared] [--verbose]

Documents: every ``corpus/laws/*.txt`` and the Luật / Bộ luật / Nghị định / Thông tư (incl.
liên tịch) files of ``corpus/tvpl/``. For each, the script derives the truth **from the raw
file with its own simple rules** (not with vbpl's parser) and compares:

* **articles** — the document's own articles (Điều) in order. Truth: lines of the raw text
  (NFC) that start with ``Điều N.`` / ``Điều N:`` / ``Điều N.-`` (N may carry a letter, 10a),
  or are ``Điều N`` alone, or ``Điều`` alone followed by a line that starts with ``N.``;
  outside quoted text (a line that opens with a quote mark, or lies between an opening “ and
  its closing ”), before the first ``Nơi nhận`` / signature line (TM., KT., …) that follows
  an article. From these, walk in order keeping N when it is the next number (N = last + 1,
  or the same number with a later letter): the walk must start at 1. The truth is *certain*
  when every unquoted ``Điều N.`` line up to the tail was kept and, for a Luật/Bộ luật, the
  count equals the highest number (numbers run 1..N with no gaps or extras); otherwise the
  document is reported as *uncertain* and left out of the article share. A page title or
  slug that a web copy repeats before lines ("Luật Doanh nghiệp 2020. Điều 1. …") is removed
  first. The parser's list is
  the labels of its ``article`` sections outside appendices.
* **number** — truth from the file name (``Nghị_định_01_2015_NĐ-CP`` -> 01/2015/NĐ-CP,
  ``Luat-08-2017-QH14-…`` -> 08/2017/QH14), else from the first ``Số:`` / ``Luật số:`` in
  the first 15 non-blank lines of the raw text. Compared after folding (Đ/đ -> D/d) and
  upper-casing, so the file names' ASCII spellings compare equal.
* **date** — truth: the first ``ngày D tháng M năm Y`` in the first 15 non-blank lines; else
  the date in the statement that the law was passed ("… thông qua ngày …").

Prints the shares, the failures by kind, and (with --verbose) every failing document.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from vbpl.parser.document import parse_text  # noqa: E402
from vbpl.text.fold import fold  # noqa: E402

ART_RE = re.compile(r"^\s*(?:Điều|ĐIỀU)\s+(\d{1,4})([a-zđ]?)\s*(?:\.-|\.|:|$)")
TAIL_RE = re.compile(r"^\s*(?:Nơi nhận|TM\.|KT\.|TL\.|Q\.|PP\.|T/M)")
DATE_RE = re.compile(r"^[^\d,]{2,40},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
PASSED_RE = re.compile(r"thông qua ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
NUM_LINE_RE = re.compile(r"[Ss]ố\s*:\s*(\d[\w\-/Đđ]*)")
FILE_NUM_RE = re.compile(
    r"(?:^|[_-])(\d{1,4})[_-](\d{4})[_-]((?:QH|ND|NĐ|TT|TTLT|UBTVQH)[\w-]*?)(?:[_-]\d{4,}|[_-][a-zA-Z][a-z].*|$)"
)
FILE_NUM2_RE = re.compile(r"(?:^|[_-])(\d{1,4})-(CP|L-CTN|LCT-HĐNN\d|LCT-HDNN\d)(?:[_-]|$)")


def nfc_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110")
    return text.splitlines()


def truth_articles(lines: list[str], is_law: bool) -> tuple[list[str], bool]:
    depth = 0
    cands: list[tuple[int, str]] = []
    seen_article = False
    first = next((x.strip() for x in lines if x.strip()), "")
    slug = re.match(r"^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+){2,}\.\s+", first)
    prefix = slug.group() if slug else first + ". "
    pending = False  # a line "Điều" alone: the number may start the next line
    for raw in lines:
        s = " ".join(raw.split())
        if s.startswith(prefix):
            s = s[len(prefix) :]
        if not s:
            continue
        if pending and re.match(r"\d{1,4}[a-zđ]?\.", s):
            s = "Điều " + s
        pending = s in ("Điều", "ĐIỀU")
        quoted = depth > 0 or s[0] in '“"«'
        depth += s.count("“") - s.count("”")
        if s.count('"') % 2 == 1:
            depth += 1 if s.startswith('"') else -1
        depth = max(depth, 0)
        if quoted:
            continue
        if seen_article and TAIL_RE.match(s):
            break
        m = ART_RE.match(s)
        if m:
            seen_article = True
            cands.append((int(m.group(1)), m.group(2)))
    kept: list[tuple[int, str]] = []
    for num, suf in cands:
        if not kept:
            if num == 1 and not suf:
                kept.append((num, suf))
            continue
        ln, ls = kept[-1]
        if (num == ln + 1 and not suf) or (num == ln and suf > ls):
            kept.append((num, suf))
    certain = bool(kept) and len(kept) == len(cands)
    if is_law and kept:
        plain = [n for n, s in kept if not s]
        certain = certain and len(plain) == max(plain)
    return [f"{n}{s}" for n, s in kept], certain


def number_from_name(path: Path) -> str | None:
    stem = unicodedata.normalize("NFC", path.stem)
    m = FILE_NUM_RE.search(stem)
    if m:
        return f"{m.group(1)}/{m.group(2)}/{m.group(3)}"
    m = FILE_NUM2_RE.search(stem)
    if m:
        code = m.group(2).replace("L-CTN", "L/CTN").replace("LCT-", "LCT/")
        return f"{m.group(1)}-{code}"
    return None


def number_from_header(lines: list[str]) -> str | None:
    nonblank = [" ".join(s.split()) for s in lines if s.strip()][:15]
    joined = "\n".join(nonblank)
    m = NUM_LINE_RE.search(joined) or re.search(r"[Ss]ố\s*:\s*\n\s*(\d[\w\-/Đđ]*)", joined)
    if not m:
        return None
    num = m.group(1).rstrip(".,;")
    tail = joined[m.end() : m.end() + 4]
    if num[-1:].isalpha() and re.match(r" \d{1,2}\b", tail):  # "73/2006/QH 11"
        num += tail.split()[0]
    return num


def truth_number(path: Path, lines: list[str]) -> tuple[str | None, bool]:
    """The number stated in the header, else the one in the file name; and whether they
    disagree (both present and different)."""
    head, name = number_from_header(lines), number_from_name(path)
    return head or name, bool(head and name and key(head) != key(name))


def truth_date(lines: list[str]) -> date | None:
    nonblank = [" ".join(s.split()) for s in lines if s.strip()]
    for s in nonblank[:15]:
        m = DATE_RE.search(s) or re.search(
            r"(?:^|\s)[^\d,\s][^\d,]{1,38},\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
            s,
        )
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    for s in nonblank[::-1][:40]:
        m = PASSED_RE.search(s)
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None


def key(n: str | None) -> str:
    return re.sub(r"[^0-9A-Z]", "", fold(n or "").upper())


def documents(shared: Path) -> list[Path]:
    laws = sorted((shared / "corpus" / "laws").glob("*.txt"))
    prefixes = ("Luật", "Bộ_luật", "Nghị_định", "Nghi-dinh", "Thông_tư")
    tvpl = sorted(
        p
        for p in (shared / "corpus" / "tvpl").glob("*.txt")
        if unicodedata.normalize("NFC", p.name).startswith(prefixes)
    )
    return laws + tvpl


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "corpus").is_dir():
        print(f"no corpus under {shared}", file=sys.stderr)
        return 1
    docs = documents(shared)
    art_ok = art_n = art_uncertain = 0
    num_ok = num_n = date_ok = date_n = 0
    failures: Counter[str] = Counter()
    details: list[str] = []
    for path in docs:
        raw = path.read_text(encoding="utf-8-sig")
        lines = nfc_lines(path)
        name = unicodedata.normalize("NFC", path.name)
        is_law = "aw" in str(path.parent.name) or name.startswith(("Luật", "Bộ_luật"))
        doc = parse_text(raw, source=str(path))
        got = [
            s.label
            for top in doc.sections
            if top.kind != "appendix"
            for s in top.walk()
            if s.kind == "article"
        ]
        want, certain = truth_articles(lines, is_law)
        if not certain:
            art_uncertain += 1
        else:
            art_n += 1
            if got == want:
                art_ok += 1
            else:
                extra = [x for x in got if x not in want]
                missing = [x for x in want if x not in got]
                kind = (
                    "articles: missing"
                    if missing and not extra
                    else "articles: extra"
                    if extra and not missing
                    else "articles: order/both"
                )
                failures[kind] += 1
                details.append(
                    f"{kind:22} {name[:70]}  got={len(got)} want={len(want)} missing={missing[:5]} extra={extra[:5]}"
                )
        tn, disagree = truth_number(path, lines)
        if disagree:
            details.append(
                f"{'(file name disagrees)':22} {name[:70]}  header={tn} file={number_from_name(path)}"
            )
        if tn:
            num_n += 1
            if key(doc.metadata.number) == key(tn):
                num_ok += 1
            else:
                failures["number"] += 1
                details.append(f"{'number':22} {name[:70]}  got={doc.metadata.number} want={tn}")
        td = truth_date(lines)
        if td:
            date_n += 1
            if doc.metadata.issued == td:
                date_ok += 1
            else:
                failures["date"] += 1
                details.append(f"{'date':22} {name[:70]}  got={doc.metadata.issued} want={td}")
    pct = lambda a, b: f"{100 * a / b:.1f}% ({a}/{b})" if b else "n/a"  # noqa: E731
    print(f"documents: {len(docs)}")
    print(f"exact articles: {pct(art_ok, art_n)}   (truth uncertain, left out: {art_uncertain})")
    print(f"number:         {pct(num_ok, num_n)}")
    print(f"date of issue:  {pct(date_ok, date_n)}")
    if failures:
        print("failures:", dict(failures))
    if args.verbose:
        for d in details:
            print(" ", d)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
