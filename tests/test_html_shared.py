"""The saved pages of ``../shared/corpus`` (skipped when it is absent): metadata and the article
list as each page shows them, the properties page's fields, the diagram's relations, the
codification notes. Expected values are read from the page with BeautifulSoup, independently
of the reader under test, or are the facts the page states."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from vbpl.errors import InputError
from vbpl.parser.html import extract_html

pytestmark = pytest.mark.shared


def _pages(shared_dir: Path, folder: str) -> list[Path]:
    return sorted((shared_dir / "corpus" / folder).glob("*.html"))


def _full_text_pages(shared_dir: Path) -> list[Path]:
    return [
        p for p in _pages(shared_dir, "vbpl_html") if 'id="toanvancontent"' in p.read_text("utf-8")
    ]


def _shown_articles(soup: BeautifulSoup) -> list[str]:
    """Article numbers as the page prints them: paragraphs of the text starting 'Điều N'."""
    out = []
    for p in soup.select("#toanvancontent p"):
        m = re.match(r"Điều\s+(\d+[a-zđ]?)\b", " ".join(p.get_text(" ").split()))
        if m:
            out.append(m.group(1))
    return out


def test_every_full_text_page(shared_dir: Path) -> None:
    pages = _full_text_pages(shared_dir)
    assert pages, "no full-text page found"
    for path in pages:
        html = path.read_text("utf-8")
        soup = BeautifulSoup(html, "lxml")
        ex = extract_html(html)
        assert ex.format == "vbpl-toanvan", path.name
        got = [m.group(1) for m in re.finditer(r"(?m)^Điều (\d+[a-zđ]?)\b", ex.text)]
        assert got == _shown_articles(soup), path.name
        # the info box and breadcrumb as the page shows them
        info = " ".join(soup.select_one(".vbInfo").get_text(" ").split())
        status = re.search(r"Hiệu lực:\s*(.+?)\s+Ngày có hiệu lực", info).group(1)
        effective = re.search(r"Ngày có hiệu lực:\s*(\d\d)/(\d\d)/(\d{4})", info)
        assert ex.metadata is not None
        assert ex.metadata.status == status, path.name
        assert ex.metadata.effective == date(*map(int, effective.group(3, 2, 1))), path.name
        crumb = " ".join(soup.select(".box-map li")[-1].get_text(" ").split())
        assert crumb.startswith(ex.metadata.doc_type), path.name
        if ex.metadata.number:
            assert ex.metadata.number in crumb
        else:
            assert "Không số" in crumb


def test_known_full_text_pages(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "vbpl_html"
    code = extract_html((folder / "vbpl.html").read_text("utf-8"))
    assert code.metadata is not None
    assert (code.metadata.number, code.metadata.doc_type) == ("100/2015/QH13", "Bộ luật")
    assert code.metadata.issued == date(2015, 11, 27)
    assert code.metadata.status == "Hết hiệu lực một phần"
    arts = re.findall(r"(?m)^Điều (\d+)\.", code.text)
    # the saved page has no Điều 317 (the page itself skips it); every other article is there
    assert arts == [str(n) for n in range(1, 427) if n != 317]
    assert code.text.splitlines()[-1] == "Nguyễn Sinh Hùng"
    constitution = extract_html((folder / "vbpl_v1.html").read_text("utf-8"))
    assert constitution.metadata is not None
    assert (constitution.metadata.number, constitution.metadata.doc_type) == (None, "Hiến pháp")
    assert re.findall(r"(?m)^Điều (\d+)$", constitution.text)[-1] == "120"


def test_properties_pages(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "vbpl_html"
    ex = extract_html((folder / "vbpl_thuoctinh.html").read_text("utf-8"))
    assert ex.format == "vbpl-thuoctinh"
    m = ex.metadata
    assert m is not None
    assert (m.number, m.doc_type, m.issuer, m.signer) == (
        "101/2015/QH13",
        "Bộ luật",
        "Quốc hội",
        "Nguyễn Sinh Hùng",
    )
    assert (m.issued, m.effective, m.status, m.title) == (
        date(2015, 11, 27),
        date(2018, 1, 1),
        "Còn hiệu lực",
        "Tố tụng hình sự",
    )
    consolidated = extract_html((folder / "vbpl_v2.html").read_text("utf-8"))
    c = consolidated.metadata
    assert c is not None
    assert (c.number, c.doc_type, c.issuer, c.signer, c.issued) == (
        "31/VBHN-VPQH",
        "Văn bản hợp nhất",
        "Văn phòng Quốc hội",
        "Nguyễn Hạnh Phúc",
        date(2020, 12, 7),
    )


def test_diagram_page(shared_dir: Path) -> None:
    html = (shared_dir / "corpus" / "vbpl_html" / "vbpl_luocdo_phaply.html").read_text("utf-8")
    soup = BeautifulSoup(html, "lxml")
    ex = extract_html(html)
    assert ex.format == "vbpl-luocdo"
    assert ex.metadata is not None and ex.metadata.doc_type == "Hiến pháp"
    # every listed document of a box with a relation kind, in page order
    guided = [r.object for r in ex.relations if r.relation == "guided_by"]
    shown = soup.select("#VanBanContainer_2 a.jTips")
    assert len(guided) == len(shown) == 88
    for rel, a in zip(guided, shown, strict=True):
        assert rel in " ".join(a.get_text(" ").split())
    assert ("guided_by", "42/2017/QH14") in [(r.relation, r.object) for r in ex.relations]
    cited = [r.object for r in ex.relations if r.relation == "cites"]
    assert cited == [
        "Hiến pháp năm 1946",
        "Hiến pháp năm 1959",
        "Hiến pháp năm 1980",
        "Hiến pháp năm 1992",
    ]
    assert all(r.subject == "." and r.source == "diagram" for r in ex.relations)


def test_related_documents_page(shared_dir: Path) -> None:
    html = (shared_dir / "corpus" / "vbpl_html" / "vbpl_related_doc.html").read_text("utf-8")
    ex = extract_html(html)
    assert ex.format == "vbpl-lienquan"
    assert [(r.relation, r.object) for r in ex.relations] == [
        ("cites", "Hiến pháp năm 1992"),
        ("cites", "Hiến pháp năm 1980"),
        ("cites", "Hiến pháp năm 1959"),
        ("cites", "Hiến pháp năm 1946"),
    ]


def test_search_page_is_not_a_document(shared_dir: Path) -> None:
    html = (shared_dir / "corpus" / "vbpl_html" / "vbpl_search.html").read_text("utf-8")
    with pytest.raises(InputError, match="search results"):
        extract_html(html)


def test_codification_pages(shared_dir: Path) -> None:
    pages = _pages(shared_dir, "phapdien")
    assert pages
    for path in pages:
        html = path.read_text("utf-8-sig")
        soup = BeautifulSoup(html, "lxml")
        ex = extract_html(html)
        assert ex.format == "phapdien", path.name
        notes = [" ".join(p.get_text(" ").split()) for p in soup.select("p.pGhiChu")]
        cites = [r for r in ex.relations if r.subject == "."]
        assert len(cites) == len(notes), path.name
        for rel, note in zip(cites, notes, strict=True):
            assert rel.relation == "cites" and rel.source == "codification"
            assert rel.pinpoint is not None
            assert note.startswith((f"({rel.pinpoint} ", f"( {rel.pinpoint} ")), note
            if re.search(r"\d/", rel.object):  # a number
                assert rel.object in note.replace("Ð", "Đ") or rel.object.split("/")[0] in note
            else:  # an old document without a number, named by type and title
                assert rel.object.split(" ", 2)[-1] in note
        # the notes stay in the text, each right after its article line
        lines = ex.text.splitlines()
        for p in soup.select("p.pDieu"):
            head = " ".join(p.get_text(" ").split())
            i = lines.index(head)
            assert lines[i + 1].startswith("(Điều")
