"""Evaluate vbpl.refs.find_references on real notes of ../shared/corpus (dev evaluation).

(a) ``phapdien/*.html``: every Điều of the codification carries a source note (``p.pGhiChu``),
    "(Điều 1 Luật số 57/2020/QH14 … ngày 16/06/2020 …, có hiệu lực thi hành kể từ ngày …)".
    Truth comes from an independent simple regex over the note text: the numbers, and for each
    number the date of issue written after it ("ngày dd/mm/yyyy" not preceded by "từ"; none
    when the note only gives the date of effect). Scored: number precision/recall/F1 and date
    accuracy over matched numbers.
(b) ``tvpl/*.txt``: bracketed editorial notes ("[Khoản này được sửa đổi bởi Khoản 3 Điều 1
    Nghị định 15/2022/NĐ-CP có hiệu lực từ ngày …]"). Truth per statement "<verb> bởi <pinpoint>
    <type> <number>" from a simple regex: the number, the passive relation the verb gives, the
    pinpoint. Scored: number precision/recall/F1, relation accuracy and pinpoint accuracy over
    matched statements. A statement's subject is the annotated text, unless a number stands
    right before the verb ("tại Nghị định X (…) nay được sửa đổi bởi … Y": the scan must state
    X <relation> Y and the reference only cite Y) or it is "Nội dung hướng dẫn …" (the
    guidance, another document: the reference must only cite).

Usage: python scripts/eval_refs.py [--shared ../shared] [--examples 5]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from vbpl.refs import find_references
from vbpl.refs.find import scan
from vbpl.text.normalize import normalize

NUM = r"(?<![\w/])\d{1,5}(?:/\d{4})?[/-][A-ZĐ][A-Za-zĐđ0-9]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9]*)*"
NUM_RE = re.compile(NUM)
DATE_RE = re.compile(r"(?<!từ )ngày (\d{1,2})(?:/| tháng )(\d{1,2})(?:/| năm )(\d{4})")
VERBS = {
    "được sửa đổi, bổ sung": "amended_by",
    "được sửa đổi": "amended_by",
    "được bổ sung": "amended_by",
    "được hướng dẫn": "guided_by",
    "bị bãi bỏ": "repealed_by",
    "được bãi bỏ": "repealed_by",
    "hết hiệu lực": "repealed_by",
    "bị hủy bỏ": "repealed_by",
    "bị thay thế": "replaced_by",
    "được thay thế": "replaced_by",
    "được đính chính": "corrected_by",
}
TYPES = (
    "Thông tư liên tịch|Nghị quyết liên tịch|Văn bản hợp nhất|Nghị định|Thông tư|Bộ luật|Luật|"
    "Quyết định|Nghị quyết|Pháp lệnh|Công văn|Chỉ thị|Lệnh|Thông báo|Hướng dẫn|Kế hoạch"
)
STATEMENT_RE = re.compile(
    r"(?P<verb>" + "|".join(re.escape(v) for v in sorted(VERBS, key=len, reverse=True)) + r")"
    r" bởi (?P<pin>(?:(?:[Đđ]iểm|[Kk]hoản|[Đđ]iều|Mục|Chương|Phần|Phụ lục)(?:(?!bởi|hiệu lực)[^\[\]])*?)?)"
    r"(?P<type>" + TYPES + r") (?:số )?(?P<num>" + NUM + ")"
)
SUBJECT_RE = re.compile(r"(?P<num>" + NUM + r")(?:\s*\([^()]*\))?\s*(?:nay\s*)?(?:đã\s*)?$")
UNIT_WORDS = {
    "điểm": "pt",
    "khoản": "cl",
    "điều": "art",
    "mục": "sec",
    "chương": "chp",
    "phần": "part",
    "phụ": "app",
}


def clean(s: str) -> str:
    return unicodedata.normalize("NFC", s).replace("\u00d0", "Đ").replace("\u00f0", "đ")


def pin_tokens(s: str | None) -> list[str]:
    """A pinpoint as a list of unit:label tokens (unit words repeated or not give the same)."""
    if not s:
        return []
    out: list[str] = []
    unit = "?"
    for tok in re.findall(r"[\wđĐ]+", s.lower()):
        if tok in UNIT_WORDS:
            unit = UNIT_WORDS[tok]
        elif tok in ("lục", "và", "các", "từ", "hoặc"):
            continue
        elif tok in ("đến", "tới"):
            out.append("..")
        else:
            out.append(f"{unit}:{tok}")
    return out


def type_of(number: str) -> str:
    """A coarse document kind of a number for the per-kind table: its type code, or QH
    (laws, resolutions of the National Assembly) when it has none."""
    parts = re.split(r"[/-]", number)
    codes = [p for p in parts[1:] if not p.isdigit()]
    if not codes:
        return "?"
    return codes[0] if len(codes) > 1 else re.sub(r"\d+$", "", codes[0])


def per_kind(tp: Counter[str], fp: Counter[str], fn: Counter[str]) -> None:
    kinds = sorted(set(tp) | set(fp) | set(fn), key=lambda k: -(tp[k] + fn[k]))
    print("    per kind (type code of the number):")
    for k in kinds:
        p, r, f = prf(tp[k], fp[k], fn[k])
        print(f"      {k:10s} n={tp[k] + fn[k]:5d}  P={p:.4f} R={r:.4f} F1={f:.4f}")


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def eval_phapdien(folder: Path, n_examples: int) -> dict[str, float]:
    from bs4 import BeautifulSoup

    tp = fp = fn = 0
    date_ok = date_n = 0
    ktp: Counter[str] = Counter()
    kfp: Counter[str] = Counter()
    kfn: Counter[str] = Counter()
    fails: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    notes = 0
    for path in sorted(folder.glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for p in soup.select("p.pGhiChu"):
            note = clean(" ".join(p.get_text(" ", strip=True).split()))
            notes += 1
            truth_nums = [m for m in NUM_RE.finditer(note)]
            truth: list[tuple[str, tuple[int, int, int] | None]] = []
            for i, m in enumerate(truth_nums):
                seg_end = truth_nums[i + 1].start() if i + 1 < len(truth_nums) else len(note)
                seg = note[m.end() : seg_end]
                seg = seg.split("có hiệu lực")[0]
                d = DATE_RE.search(seg)
                truth.append((m.group(), (int(d[3]), int(d[2]), int(d[1])) if d else None))
            refs = [r for r in find_references(note) if r.number]
            pred = Counter(r.number for r in refs)
            gold = Counter(n for n, _ in truth)
            t = sum((pred & gold).values())
            tp += t
            fp += sum((pred - gold).values())
            fn += sum((gold - pred).values())
            for num, c in (pred & gold).items():
                ktp[type_of(num)] += c
            for num, c in (pred - gold).items():
                kfp[type_of(num)] += c
            for num, c in (gold - pred).items():
                kfn[type_of(num)] += c
            for kind, c in (("missed number", gold - pred), ("extra number", pred - gold)):
                if c:
                    fails[kind] += sum(c.values())
                    examples.setdefault(kind, []).append(f"{dict(c)} in: {note[:160]}")
            used: set[int] = set()
            for num, d in truth:
                for i, r in enumerate(refs):
                    if i not in used and r.number == num:
                        used.add(i)
                        got = (r.date.year, r.date.month, r.date.day) if r.date else None
                        date_n += 1
                        if got == d:
                            date_ok += 1
                        else:
                            kind = (
                                "date missed"
                                if got is None
                                else "date extra"
                                if d is None
                                else "date wrong"
                            )
                            fails[kind] += 1
                            examples.setdefault(kind, []).append(
                                f"got {got} want {d}: {note[:160]}"
                            )
                        break
    p, r, f = prf(tp, fp, fn)
    acc = date_ok / date_n if date_n else 1.0
    print(f"(a) phapdien source notes: {notes} notes, {tp + fn} numbers")
    print(f"    number   P={p:.4f} R={r:.4f} F1={f:.4f}  (tp={tp} fp={fp} fn={fn})")
    print(f"    date     accuracy={acc:.4f}  ({date_ok}/{date_n})")
    per_kind(ktp, kfp, kfn)
    _fails(fails, examples, n_examples)
    return {"number_p": p, "number_r": r, "number_f1": f, "date_acc": acc}


def eval_tvpl(folder: Path, n_examples: int) -> dict[str, float]:
    tp = fp = fn = 0
    rel_ok = pin_ok = matched = 0
    statements = 0
    notes = 0
    ktp: Counter[str] = Counter()
    kfp: Counter[str] = Counter()
    kfn: Counter[str] = Counter()
    fails: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8"))
        for m in re.finditer(r"\[([^\[\]\n]{5,4000})\]", text):
            body = " ".join(m.group(1).split())
            if " bởi " not in body:
                continue
            notes += 1
            truth = [
                (
                    s["num"],
                    VERBS[s["verb"]],
                    pin_tokens(s["pin"]),
                    s.group(),
                    s.start("num"),
                    s.start(),
                )
                for s in STATEMENT_RE.finditer(body)
            ]
            statements += len(truth)
            spaced = re.sub(r"(?<=[/-]) (?=[A-ZĐ])|(?<=[A-ZĐ]) (?=[/-])", "", body)
            all_nums = Counter(x.group() for x in NUM_RE.finditer(spaced))
            found, stated = scan(normalize(body).text)
            refs = [r for r in found if r.number]
            between = {(x.subject, x.relation, x.object) for x in stated}
            pred = Counter(r.number for r in refs)
            gold = Counter(t[0] for t in truth)
            t = sum((pred & gold).values())
            tp += t
            fn += sum((gold - pred).values())
            extra = pred - all_nums  # numbers the simple regex does not see at all
            fp += sum(extra.values())
            for num, c in (pred & gold).items():
                ktp[type_of(num)] += c
            for num, c in extra.items():
                kfp[type_of(num)] += c
            for num, c in (gold - pred).items():
                kfn[type_of(num)] += c
            for kind, c in (("missed number", gold - pred), ("extra number", extra)):
                if c:
                    fails[kind] += sum(c.values())
                    examples.setdefault(kind, []).append(f"{dict(c)} in: {body[:200]}")
            used: set[int] = set()
            prev_end = 0
            for num, rel, pin, stmt, at, verb_at in truth:
                # the statement's subject: "Khoản này" (the annotated text), or a document
                # named right before the verb ("… tại Nghị định 152/2020/NĐ-CP nay được sửa
                # đổi bởi … Nghị định 70/2023/NĐ-CP": 70/2023 amends 152/2020, not the text)
                lead = body[prev_end:verb_at]
                own = SUBJECT_RE.search(
                    re.sub(r"(?<=[/-]) (?=[A-ZĐ])|(?<=[A-ZĐ]) (?=[/-])", "", lead)
                )
                subject = own.group("num") if own else None
                # "Nội dung hướng dẫn Khoản này [tại …] nay được sửa đổi bởi …": the guidance,
                # another document, was changed; the annotated text only cites the changer
                guidance = subject is None and "nội dung hướng dẫn" in lead.lower()
                prev_end = at
                for i, r in enumerate(refs):
                    if i in used or r.number != num or not (r.span.start <= at < r.span.end):
                        continue
                    used.add(i)
                    matched += 1
                    if (
                        (guidance and r.relation == "cites")
                        or (subject is None and not guidance and r.relation == rel)
                        or (subject is not None and (subject, rel, num) in between)
                    ):
                        rel_ok += 1
                    else:
                        fails[f"relation {r.relation} for {rel}"] += 1
                        examples.setdefault(f"relation {r.relation} for {rel}", []).append(
                            stmt[:200]
                        )
                    if pin_tokens(r.pinpoint) == pin:
                        pin_ok += 1
                    else:
                        fails["pinpoint wrong"] += 1
                        examples.setdefault("pinpoint wrong", []).append(
                            f"got {r.pinpoint!r}: {stmt[:200]}"
                        )
                    break
    p, r, f = prf(tp, fp, fn)
    ra = rel_ok / matched if matched else 1.0
    pa = pin_ok / matched if matched else 1.0
    print(f"(b) tvpl editorial notes: {notes} notes, {statements} statements")
    print(f"    number   P={p:.4f} R={r:.4f} F1={f:.4f}  (tp={tp} fp={fp} fn={fn})")
    print(f"    relation accuracy={ra:.4f}  ({rel_ok}/{matched})")
    print(f"    pinpoint accuracy={pa:.4f}  ({pin_ok}/{matched})")
    per_kind(ktp, kfp, kfn)
    _fails(fails, examples, n_examples)
    return {"number_p": p, "number_r": r, "number_f1": f, "relation_acc": ra, "pinpoint_acc": pa}


def _fails(fails: Counter[str], examples: dict[str, list[str]], n: int) -> None:
    if not fails:
        print("    failures: none")
        return
    print("    failures:")
    for kind, c in fails.most_common():
        print(f"      {c:6d}  {kind}")
        for ex in examples.get(kind, [])[:n]:
            print(f"              e.g. {ex}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    corpus = Path(args.shared) / "corpus"
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 1
    a = eval_phapdien(corpus / "phapdien", args.examples)
    b = eval_tvpl(corpus / "tvpl", args.examples)
    ok = (
        a["number_p"] >= 0.98
        and a["number_r"] >= 0.98
        and a["date_acc"] >= 0.95
        and b["number_r"] >= 0.95
        and b["relation_acc"] >= 0.90
        and b["pinpoint_acc"] >= 0.90
    )
    print("targets met" if ok else "targets NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
