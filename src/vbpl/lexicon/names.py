"""Tên văn bản (names): the grammar of a document cited by its name ("Luật Đất đai", "Bộ luật
Dân sự năm 2015", "Luật Đầu tư công 2024").

A name runs from the type word to the first stop word (``và``, ``số``, ``của``, ``năm``, …) or
punctuation; the well-known documents of ``known_documents.json`` are matched first, unless
the name goes on (a longer name that starts with a known one). The reference finder
(:mod:`vbpl.refs.find`) reads names here; the resolver matches them against titles by name
and time (:mod:`vbpl.refs.resolve`).
"""

from __future__ import annotations

import re
from functools import cache

from vbpl.data import load_table
from vbpl.text.fold import fold

_NAME_WORD_RE = re.compile(r"[^\S\n]+([^\W\d_]+)")
#: more stop words, kept apart for readability: conjunctions and verbs that follow a name
NAME_STOP_MORE = frozenset(
    [
        "nếu",
        "thuộc",
        "trừ",
        "hay",
        "tức",
        "đang",
        "cũng",
        "chỉ",
        "không",
        "cần",
        "áp",
        "liên",
        "quy_định",
        "ngoài",
        "tương",
        "khóa",  # "Điều lệ Công đoàn Việt Nam khóa XIII": the term follows the name
    ]
)
#: a year after a name ("Luật Đất đai 2024", "Bộ luật Dân sự năm 2015")
NAMED_YEAR_RE = re.compile(r"\s+(?:năm\s+)?(?P<year>(?:19|20)\d\d)(?![\d/])")

#: lower-case words that end a law's name ("Luật Đất đai *và* …"); "quy" only before "định"
NAME_STOP = frozenset(
    [
        "này",
        "số",
        "của",
        "và",
        "thì",
        "được",
        "đã",
        "có",
        "về",
        "tại",
        "theo",
        "để",
        "với",
        "trong",
        "khi",
        "hoặc",
        "nhưng",
        "do",
        "cho",
        "mà",
        "là",
        "ngày",
        "năm",
        "bị",
        "thay",
        "hết",
        "hiện",
        "trước",
        "sau",
        "các",
        "những",
        "như",
        "đến",
        "từ",
        "nêu",
        "mới",
        "nói",
        "trên",
        "đó",
        "ban",
        "sẽ",
        "phải",
        "gồm",
        "kể",
        "tương",
        "cùng",
        "vẫn",
    ]
)
#: first words after "Luật" that are not a name (Luật sư = lawyer, Luật định = by law)
NAME_NOT_FIRST = frozenset(
    ["sư", "gia", "định", "pháp", "lệ", "học", "này", "số", "sửa", "khác", "chung", "riêng"]
)


@cache
def known_names() -> dict[str, tuple[tuple[str, str], ...]]:
    """doc type -> (folded lower-case name, name) of well-known documents, longest first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for d in load_table("known_documents")["documents"]:
        name = d.get("name")
        if name:
            out.setdefault(d["doc_type"], []).append((fold(name).lower(), name))
    return {k: tuple(sorted(set(v), key=lambda x: -len(x[0]))) for k, v in out.items()}


@cache
def _known_by_first(doc_type: str) -> dict[str, tuple[str, ...]]:
    """The folded names of :func:`known_names` by their first letter, in the same order: a
    name can only start the text where its first letter does."""
    out: dict[str, list[str]] = {}
    for fname, _name in known_names().get(doc_type, ()):
        out.setdefault(fname[:1], []).append(fname)
    return {k: tuple(v) for k, v in out.items()}


def named_name(t: str, pos: int, doc_type: str) -> tuple[str, int] | None:
    """The name after a type word ending at ``pos`` (``Đất đai``) and where it ends: a
    well-known document's name when the name does not go on (``Luật Đầu tư`` but ``Luật Đầu
    tư công``), else word by word up to a stop word; ``None`` when no name follows (``Luật
    sư``, ``Luật này``).

    >>> t = "Luật Đầu tư công 2024"
    >>> named_name(t, 4, "Luật")
    ('Đầu tư công', 16)
    >>> named_name("Luật sư", 4, "Luật") is None
    True
    """
    known = known_names().get(doc_type, ())
    if known:
        p = pos + 1 if pos < len(t) and t[pos] == " " else pos
        ft = fold(t[p : p + len(known[0][0]) + 1]).lower()
        for fname in _known_by_first(doc_type).get(ft[:1], ()):
            e = p + len(fname)
            if ft.startswith(fname) and (e >= len(t) or not t[e].isalnum()):
                nxt = _NAME_WORD_RE.match(t, e)
                low = nxt.group(1).lower() if nxt else ""
                ends = (
                    low in NAME_STOP
                    or low in NAME_STOP_MORE
                    or (nxt is not None and low == "quy" and t.startswith(" định", nxt.end()))
                )
                if nxt and low[:1].islower() and not ends:
                    break  # a longer name (Luật Quy hoạch *đô thị và nông thôn*): word by word
                return t[p:e], e
    words: list[str] = []
    end = pos
    for m in _NAME_WORD_RE.finditer(t, pos, min(len(t), pos + 160)):
        if m.start() != end:
            break
        w = m.group(1)
        low = w.lower()
        if not words and (low in NAME_NOT_FIRST or low in NAME_STOP):
            return None
        if words and w[0].islower():
            if low == "số":  # "Luật X số 12/…" ends the name; "Pháp lệnh Dân số" does not
                if re.match(r"[^\S\n]*:?[^\S\n]*\d", t[m.end() : m.end() + 4]):
                    break
            elif (
                low in NAME_STOP
                or low in NAME_STOP_MORE
                or (low == "quy" and t.startswith(" định", m.end()))
            ):
                break
        if len(words) >= 14:
            break
        words.append(w)
        end = m.end()
    if not words or (
        doc_type == "Nghị quyết"
        and words[:2] == ["Đại", "hội"]
        and len(words) > 2
        and words[2] == "đồng"
    ):  # Đại hội đồng cổ đông
        return None
    return t[pos:end].strip(), end


__all__ = [
    "NAMED_YEAR_RE",
    "NAME_NOT_FIRST",
    "NAME_STOP",
    "NAME_STOP_MORE",
    "known_names",
    "named_name",
]
