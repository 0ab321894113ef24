"""Memory of indexing one large text (docs/reliability.md, Memory): what the indexer lets go
of while it writes, and the engines' memory settings."""

from __future__ import annotations

import gc
import platform
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vbpl.model import Document, Metadata, Section, Span
from vbpl.search import open_index, tantivy_engine
from vbpl.search.engine import unit_itself
from vbpl.search.index import _prepared, encoded_units
from vbpl.search.tantivy_engine import HEAP_SIZE, TantivyEngine
from vbpl.search.units import section_path, units
from vbpl.search.whoosh_engine import WhooshEngine


class _Section(Section):
    __slots__ = ("__weakref__",)  # (the model's classes have slots and no weak references)


class _Document(Document):
    __slots__ = ("__weakref__",)


def _section(sid: str, kind: str, label: str, start: int, *children: Section) -> _Section:
    text = f"{kind} {label} nội dung {sid}"
    return _Section(sid, kind, label, None, text, Span(start, start + len(text)), children)  # type: ignore[arg-type]


def _document(name: str = "1/2024/QH15") -> _Document:
    """Chapters holding articles holding clauses: a tree three levels deep."""
    chapters = []
    pos = 100
    for c in range(1, 3):
        articles = []
        for a in range(1, 3):
            art = f"{c}{a}"
            clauses = [_section(f"art_{art}__cl_{k}", "clause", str(k), pos + k) for k in (1, 2)]
            articles.append(_section(f"art_{art}", "article", art, pos, *clauses))
            pos += 50
        chapters.append(_section(f"chp_{c}", "chapter", str(c), pos, *articles))
        pos += 50
    md = Metadata(number=name, doc_type="Luật", title="Luật Thử nghiệm")
    return _Document(md, sections=tuple(chapters), text="Luật Thử nghiệm\n" + "x " * 400)


def _preorder(doc: Document) -> list[tuple[list[Section], Section]]:
    out: list[tuple[list[Section], Section]] = []

    def walk(sections: tuple[Section, ...], ancestors: list[Section]) -> None:
        for s in sections:
            out.append((ancestors, s))
            walk(s.children, [*ancestors, s])

    walk(doc.sections, [])
    return out


def test_units_come_in_document_order_with_their_paths() -> None:
    doc = _document()
    got = [(u.uid, u.payload["path"]) for u in units(doc)]
    want = [(doc.key or "", "")] + [
        (f"{got[0][0]}#{s.id}", section_path(anc, s)) for anc, s in _preorder(doc)
    ]
    assert got == want
    assert got[3] == ("1/2024/QH15#art_11__cl_1", "Chương 1 › Điều 11 › Khoản 1")


def test_units_let_go_of_the_document_and_of_each_indexed_section() -> None:
    doc = _document()
    order = [s for _, s in _preorder(doc)]
    doc_ref = weakref.ref(doc)
    refs = [weakref.ref(s) for s in order]
    ids = [s.id for s in order]
    gen = units(doc)
    del doc, order
    assert next(gen).kind == "document"
    gc.collect()
    assert doc_ref() is None  # its text, references, ...: gone once its own unit is built
    for i, unit in enumerate(gen):
        assert unit.payload["section"] == ids[i]
        gc.collect()
        assert [r() is None for r in refs] == [j < i for j in range(len(refs))]


def test_encoded_units_hands_the_document_over(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[weakref.ref[_Document]] = []

    asked: list[bool] = []

    def run_task(task: object, *, keep_raw: bool = True) -> _Document:
        asked.append(keep_raw)
        doc = _document()
        made.append(weakref.ref(doc))
        return doc

    monkeypatch.setattr("vbpl.corpus.load.run_task", run_task)
    key, encoded = encoded_units(("file", "x.txt"), encode=unit_itself, lazy=True)
    it = iter(encoded)
    assert key == "1/2024/QH15" and next(it).kind == "document"
    gc.collect()
    assert made[0]() is None
    assert len(list(it)) == 14
    assert asked == [False]  # units index the normalised text: the text as read is not kept


def test_add_lets_go_of_documents_the_caller_does_not_hold() -> None:
    made: list[weakref.ref[_Document]] = []

    def docs() -> Iterator[Document]:
        for name in ("1/2024/QH15", "2/2024/QH15"):
            held = [_document(name)]
            made.append(weakref.ref(held[0]))
            yield held.pop()  # (no name in this frame holds it)

    prepared = _prepared(docs())
    for n, (key, us, encoded) in enumerate(prepared):
        assert next(iter(us)).uid == key and not encoded
        gc.collect()
        assert made[n]() is None


@pytest.mark.parametrize(("threads", "given", "budget"), [
    (1, None, HEAP_SIZE),
    (2, None, 2 * HEAP_SIZE),
    (1, 50_000_000, 50_000_000),
])  # fmt: skip
def test_tantivy_writer_budget_is_per_thread_unless_given(
    tmp_path: Path, threads: int, given: int | None, budget: int
) -> None:
    eng = TantivyEngine(tmp_path / "ix", threads=threads, heap_size=given)
    try:
        assert eng.heap_size == budget
        eng.replace("k", [])  # the writer is created with that budget (tantivy refuses < 15 MB)
        eng.commit()
    finally:
        eng.close()


def test_tantivy_releases_free_memory_after_a_huge_unit_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bool] = []
    real = tantivy_engine.release_free_memory
    monkeypatch.setattr(tantivy_engine, "release_free_memory", lambda: calls.append(real()))
    monkeypatch.setattr(tantivy_engine, "RELEASE_AFTER", 3000)
    doc = _document()
    long = Metadata(number="3/2024/QH15", doc_type="Luật", title="Luật " + "dài " * 1000)
    with open_index(tmp_path / "ix", engine="tantivy") as ix:
        ix.add([doc])
        assert calls == []  # every unit's JSON is under the mark
        ix.add([Document(long, text="x")])
        # after the huge unit, and again before the commit that writes its segment
        assert calls == [platform.libc_ver()[0] == "glibc"] * 2
        assert ix.count() == 2
        ix.add([_document("4/2024/QH15")])
        assert len(calls) == 2  # (not before every commit)


def test_whoosh_lean_reads_stop_mapping_segments(tmp_path: Path) -> None:
    # mapped, whoosh copies every file of a compound segment it reads into memory
    eng = WhooshEngine(tmp_path / "ix")
    try:
        eng.replace("k", units(_document()))
        eng.commit()
        assert eng._ix.storage.supports_mmap is True and eng.count() == 15
        eng.lean_reads()
        assert eng._ix.storage.supports_mmap is False and eng.count() == 15
    finally:
        eng.close()


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_vbpl_index_counts_with_lean_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    from vbpl.cli import main
    from vbpl.search.engine import Engine

    calls: list[str] = []
    for cls in (Engine, WhooshEngine):  # (whoosh overrides the engines' no-op)

        def spy(self: Engine, orig: Any = cls.lean_reads) -> None:
            calls.append(self.name)
            orig(self)

        monkeypatch.setattr(cls, "lean_reads", spy)
    src = tmp_path / "luat.txt"
    src.write_text("QUỐC HỘI\nLuật số: 1/2020/QH14\nĐiều 1. Phạm vi\nNội dung.\n", encoding="utf-8")
    rc = main(
        ["index", "--index", str(tmp_path / "ix"), "--engine", engine, "--no-progress", str(src)]
    )
    assert rc == 0 and calls == [engine]


def _utf8_cached(s: str) -> bool:
    """True when CPython holds a UTF-8 copy inside ``s`` (``sys.getsizeof`` counts it)."""
    import sys

    fresh = "".join((s, ""))
    return sys.getsizeof(s) > sys.getsizeof(fresh)


def _caller_strings(doc: Document) -> dict[str, str]:
    md = doc.metadata
    out = {"text": doc.text, "title": md.title or "", "issuer": md.issuer or ""}
    out |= {f"type {md.doc_type}": md.doc_type or "", "source": doc.source or ""}
    out |= {f"field {i}": f for i, f in enumerate(md.fields)}
    for s in doc.walk():
        out[f"{s.id} text"] = s.text
        out[f"{s.id} heading"] = s.heading or ""
    return out


def _held_documents() -> list[Document]:
    md = Metadata(
        number="5/2024/NĐ-CP",
        doc_type="Nghị định",
        title="Nghị định về thủ tục hành chính",
        issuer="Chính phủ",
        fields=("Hành chính",),
    )
    text = "Điều 1. Phạm vi điều chỉnh\nNghị định này quy định thủ tục.\nĐiều 2. Hiệu lực\nCó hiệu lực."
    first, second = text.index("Điều 1"), text.index("Điều 2")
    sections = (
        Section(
            "art_1", "article", "1", "Phạm vi điều chỉnh", text[first:second], Span(first, second)
        ),
        Section("art_2", "article", "2", "Hiệu lực", text[second:], Span(second, len(text))),
    )
    sectioned = Document(md, sections=sections, text=text, source="nđ/5.txt")
    # no outline, no title: the stored text of its unit is the whole text
    plain = Document(Metadata(issuer="Bộ Tư pháp"), text="Công văn về việc góp ý dự thảo luật.")
    return [sectioned, plain]


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_indexing_leaves_no_utf8_copy_in_the_callers_document(tmp_path: Path, engine: str) -> None:
    # orjson (tantivy's payload) and pickle (whoosh's stored fields) ask CPython for the UTF-8
    # of each non-ASCII str they encode, which CPython then keeps inside that str
    import orjson

    probe = "".join(("Điều ", "1"))
    orjson.dumps(probe)
    if not _utf8_cached(probe):  # pragma: no cover - a Python that keeps no such copy
        pytest.skip("this Python caches no UTF-8 inside a str")
    docs = _held_documents()
    with open_index(tmp_path / "ix", engine=engine) as ix:
        assert ix.add(docs) == 2
        assert ix.count(None) == 4
        assert "<b>thủ</b> <b>tục</b>" in ix.search("thủ tục hành chính")[0].snippet
    cached = {k: v for doc in docs for k, v in _caller_strings(doc).items() if _utf8_cached(v)}
    assert cached == {}


#: a file as a user might give it: CRLF, doubled and non-breaking spaces, tone marks placed
#: the new way (hoà, thuỷ) and one written as a combining mark
_MESSY = (
    "QUỐC HỘI\r\nLuật số: 9/2099/QH99\r\nLUẬT\r\nHOÀ GIẢI  THUỶ LỢI\r\n"
    "Điều 1.\u00a0Phạm vi\r\nLuật này quy định việc hoà giải, thuỷ lợi và khoe\u0309 mạnh.\r\n"
    "1. Khoản một  của Điều 1.\r\n"
)


def _fields(us: Any) -> list[tuple[str, str, str, str, str]]:
    return [(u.uid, u.body, u.folded, u.bigrams, u.payload["text"]) for u in us]


@pytest.mark.parametrize("kind", ["file", "bytes"])
def test_parsed_tasks_skip_the_normalisation_check_with_the_same_units(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from vbpl.pipeline import parse_file

    src = tmp_path / "luat.txt"
    src.write_bytes(_MESSY.encode("utf-8"))
    want = _fields(units(parse_file(src)))  # (the text checked: normalised)
    assert any("hòa giải" in body for _, body, *_ in want)

    def no_check(text: str) -> str:
        raise AssertionError("the parser's text checked again")

    monkeypatch.setattr("vbpl.search.units.normalize_text", no_check)
    task = ("file", str(src)) if kind == "file" else ("bytes", src.read_bytes(), str(src))
    key, got = encoded_units(task, encode=unit_itself)
    assert key == "9/2099/QH99" and _fields(got) == want


def test_a_saved_documents_text_is_still_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    # a JSON row holding a document as saved: its text is whatever the row says
    row = Document(Metadata(number="1/2099/QH99"), text="Hoà  giải THUỶ lợi").to_dict()
    _key, got = encoded_units(("row", row, "x.jsonl", 1), encode=unit_itself)
    assert [u.body for u in got] == ["1 2099 qh99 hòa giải thủy lợi"]
