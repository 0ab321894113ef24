"""Check the effective date vbpl reads against each shared law's own effect article.

For every law (Luật, Bộ luật, Pháp lệnh, Hiến pháp) of ``../shared/corpus/laws`` and
``../shared/corpus/tvpl``, the truth is read by a simple, independent rule: the article whose
heading speaks of effect (``Điều N. Hiệu lực thi hành``, ``Điều khoản thi hành``, ``Hiệu lực``)
and, in it, the first "có hiệu lực … (từ) ngày D tháng M năm Y" (or dd/mm/yyyy) outside
editorial notes in brackets; "có hiệu lực (kể) từ ngày ký/ban hành/thông qua" gives the date of
issue. Laws whose effect article states no date are counted apart (vbpl must leave the date
empty or take it from elsewhere in the text, never from a note). Prints the figure and every
mismatch.

Usage: python scripts/check_effective.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from vbpl import parse_file

LAW_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
HEADING_RE = re.compile(
    r"^\s*Điều\s+\d+[a-zđ]?\s*[.:]?\s*(?:Hiệu lực(?! của| pháp luật)|Điều khoản thi hành)[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)
ARTICLE_RE = re.compile(r"^\s*(?:Điều\s+\d+|Chương\s+[IVXLC\d]+)\b", re.MULTILINE)
NOTE_RE = re.compile(r"\[[^\[\]]*\]")
DATE_RE = re.compile(
    r"có hiệu lực[^.;\n]{0,40}?ngày\s*(?P<d>\d{1,2})\s*(?:tháng|/|-)\s*(?P<m>\d{1,2})\s*"
    r"(?:năm|/|-)\s*(?P<y>\d{4})"
)
SIGNED_RE = re.compile(
    # "từ ngày ký kết" (of a contract, an agreement) is no signing of the document itself
    r"có hiệu lực[^.;\n]{0,30}?(?:từ|kể từ) ngày (?:ký(?! kết)|ban hành|thông qua|công bố)"
)


def truth(text: str) -> tuple[str, date | None] | None:
    """("date", d) when the effect article states a date, ("signed", None) when it says
    "from signing", None when there is no effect article or it states neither."""
    for h in HEADING_RE.finditer(text):
        nxt = ARTICLE_RE.search(text, h.end())
        body = NOTE_RE.sub(" ", text[h.end() : nxt.start() if nxt else len(text)])
        m = DATE_RE.search(body)
        if m:
            try:
                return "date", date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                return None
        if SIGNED_RE.search(body):
            return "signed", None
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    args = ap.parse_args(argv)
    corpus = Path(args.shared) / "corpus"
    if not corpus.is_dir():
        print(f"check_effective: {corpus} is absent", file=sys.stderr)
        return 1
    laws = stated = right = signed = signed_right = 0
    wrong: list[str] = []
    for folder in ("laws", "tvpl"):
        for path in sorted((corpus / folder).glob("*.txt")):
            doc = parse_file(path)
            md = doc.metadata
            if md.doc_type not in LAW_TYPES or (md.number and "VBHN" in md.number):
                continue
            laws += 1
            t = truth(doc.text)
            if t is None:
                continue
            if t[0] == "signed":
                signed += 1
                ok = md.effective is not None and md.effective == md.issued
                signed_right += ok
            else:
                stated += 1
                ok = md.effective == t[1]
                right += ok
            if not ok:
                wrong.append(
                    f"{folder}/{path.name}: vbpl {md.effective} truth {t[1] or 'date of signing'} (issued {md.issued})"
                )
    for w in wrong:
        print("WRONG", w)
    print(f"laws: {laws}; effect article states a date: {stated}, vbpl right on {right}")
    print(f"effect article says 'from signing': {signed}, vbpl right on {signed_right}")
    return 0 if not wrong else 1


if __name__ == "__main__":
    raise SystemExit(main())
