"""How documents and sections show themselves to people: terminal outlines and notebook HTML.

>>> from vbpl.model import Document, Metadata, Section, Span
>>> s = Section(id="art_1", kind="article", label="1", heading="Phạm vi", text="Điều 1. Phạm vi",
...             span=Span(0, 15))
>>> print(document_outline(Document(metadata=Metadata(number="1/2020/QH14"), sections=(s,))), end="")
1/2020/QH14
  art_1  Điều 1. Phạm vi
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

# display is a leaf at run time: vbpl.model imports it for the notebook ``_repr_html_`` hooks,
# so the model classes are imported here for type checking only (no import cycle).
if TYPE_CHECKING:  # pragma: no cover
    from vbpl.model import Document, Section

_META_ROWS = (
    ("number", "Số hiệu"),
    ("doc_type", "Loại văn bản"),
    ("issuer", "Cơ quan ban hành"),
    ("issued", "Ngày ban hành"),
    ("effective", "Ngày có hiệu lực"),
    ("signer", "Người ký"),
    ("fields", "Lĩnh vực"),
    ("status", "Tình trạng"),
    ("place", "Nơi ban hành"),
)


def _collapsed_head(text: str, need: int) -> str:
    """``text`` with its runs of spaces collapsed (``" ".join(text.split())``), or a prefix
    of that longer than ``need`` characters: a section's own text may be megabytes, and
    splitting it all into words only to show its first line held several times its size.

    >>> _collapsed_head("a  b \\t c", 100)
    'a b c'
    >>> len(_collapsed_head("word " * 10_000, 10)) < 50_000
    True
    """
    n = max(4 * need, 256)
    while n < len(text):
        head = " ".join(text[:n].split())  # always a prefix of the whole text's collapse
        if len(head) > need:
            return head
        n *= 4
    return " ".join(text.split())


def section_line(section: Section, width: int = 90) -> str:
    """One line naming a section: its label as printed and its heading or first words.

    Units whose own text starts with their label as printed (khoản ``1.``, điểm ``a)``, dash
    items) show that text as it is; titled units (Chương, Điều, headings) show label and title.

    >>> from vbpl.model import Section, Span
    >>> section_line(Section("art_3__cl_1", "clause", "1", None, "1. Học phí là …", Span(0, 15)))
    '1. Học phí là …'
    >>> section_line(Section("art_3", "article", "3", "Học phí", "Điều 3. Học phí", Span(0, 15)))
    'Điều 3. Học phí'
    """
    # enough words for the line: label as printed ("Tiểu mục 2."), a space, ``width`` more
    room = width + len(section.kind_word or "") + len(section.label) + 4
    return _line_of(section, _collapsed_head(section.text, room), width)


def _line_of(section: Section, body: str, width: int) -> str:
    """:func:`section_line` given the start of the section's text with its spaces collapsed
    (``body``: at least enough of it to fill the line)."""
    word = section.kind_word
    if section.heading is None and body.startswith(section.label):
        line = body  # printed with its own label: "1. …", "a) …", "- …"
    else:
        if section.kind == "item":
            label = section.label
        elif word:
            label = f"{word} {section.label}."
        else:
            label = f"{section.label}." if section.kind == "heading" else section.label
        rest = section.heading or body
        if rest.startswith(label):
            rest = rest[len(label) :].lstrip()
        line = f"{label} {rest}".strip()
    return line if len(line) <= width else line[: width - 1] + "…"


def document_outline(doc: Document, depth: int | None = None) -> str:
    """A readable outline of ``doc``: title line, metadata, then one line per section, down
    to ``depth`` levels (``None``: all; 1: the top level only)."""
    return "".join(iter_outline(doc, depth))


def iter_outline(doc: Document, depth: int | None = None) -> Iterator[str]:
    """The lines of :func:`document_outline`, each with its ``\\n``, made one at a time.

    >>> from vbpl.model import Document, Metadata
    >>> list(iter_outline(Document(metadata=Metadata(number="1/2020/QH14"))))
    ['1/2020/QH14\\n']
    """
    md = doc.metadata
    head = " ".join(x for x in (md.doc_type, md.number) if x) or (doc.source or "(no number)")
    yield (head if not md.title else f"{head} — {md.title}") + "\n"
    for name, label in _META_ROWS[2:]:
        value = getattr(md, name)
        if value:
            text = ", ".join(value) if isinstance(value, tuple) else str(value)
            yield f"  {label}: {text}\n"

    def walk(s: Section, level: int) -> Iterator[str]:
        if depth is not None and level >= depth:
            return
        yield f"{'  ' * (level + 1)}{s.id}  {section_line(s)}\n"
        for c in s.children:
            yield from walk(c, level + 1)

    for s in doc.sections:
        yield from walk(s, 0)
    if doc.references:
        yield f"  ({len(doc.references)} references)\n"


_CSS = (
    "<style>.vbpl table{border-collapse:collapse;font-size:90%}"
    ".vbpl th,.vbpl td{text-align:left;vertical-align:top;padding:2px 8px;"
    "border-bottom:1px solid #ddd}.vbpl ul{margin:0;padding-left:1.2em}"
    ".vbpl code{font-size:85%;color:#555}.vbpl .muted{color:#777}</style>"
)


def _cell(value: object) -> str:
    if value is None or value == "" or value == ():
        return "<span class='muted'>—</span>"
    if isinstance(value, (list, tuple)):
        return escape(", ".join(str(v) for v in value))
    return escape(str(value))


def _section_tree_html(s: Section) -> str:
    inner = "".join(_section_tree_html(c) for c in s.children)
    line = escape(section_line(s))
    sid = f" <code>{escape(s.id)}</code>"
    if inner:
        body = f"<details><summary>{line}{sid}</summary><ul>{inner}</ul></details>"
    else:
        body = f"{line}{sid}"
    return f"<li>{body}</li>"


def section_html(section: Section) -> str:
    """Notebook HTML for one section: id, kind, heading, own text and a foldable subtree.

    >>> from vbpl.model import Section, Span
    >>> "art_1" in section_html(Section("art_1", "article", "1", None, "Điều 1.", Span(0, 7)))
    True
    """
    heading = f" <b>{escape(section.heading)}</b>" if section.heading else ""
    text = escape(section.text[:2000]) + ("…" if len(section.text) > 2000 else "")
    children = "".join(_section_tree_html(c) for c in section.children)
    kids = f"<ul>{children}</ul>" if children else ""
    notes = "".join(f"<p class='muted'>[{escape(n)}]</p>" for n in section.notes)
    return (
        f"{_CSS}<div class='vbpl vbpl-section'><code>{escape(section.id)}</code> "
        f"<i>{escape(section.kind)}</i>{heading}"
        f"<p style='white-space:pre-wrap'>{text}</p>{notes}{kids}</div>"
    )


def _references_html(doc: Document, limit: int = 50) -> str:
    if not doc.references:
        return ""
    rows = "".join(
        f"<tr><td><code>{_cell(r.section)}</code></td><td>{_cell(r.text)}</td>"
        f"<td>{_cell(r.relation)}</td><td>{_cell(r.target)}</td></tr>"
        for r in doc.references[:limit]
    )
    more = (
        f"<p class='muted'>… {len(doc.references) - limit} more</p>"
        if len(doc.references) > limit
        else ""
    )
    return (
        f"<details><summary>{len(doc.references)} references</summary><table>"
        "<tr><th>section</th><th>mention</th><th>relation</th><th>target</th></tr>"
        f"{rows}</table>{more}</details>"
    )


def document_html(doc: Document) -> str:
    """Notebook HTML for a document: key and title, a metadata table, the outline as a
    foldable tree, and its references with relation and resolved target.

    >>> from vbpl.model import Document, Metadata
    >>> "45-NQ/TW@2023" in document_html(Document(Metadata(number="45-NQ/TW",
    ...     issued=__import__("datetime").date(2023, 11, 24))))
    True
    """
    md = doc.metadata
    rows = "".join(
        f"<tr><th>{escape(label)}</th><td>{_cell(v)}</td></tr>"
        for name, label in _META_ROWS
        if (v := getattr(md, name))
    )
    title = escape(md.title or doc.source or "")
    key = f" <code>{escape(doc.key)}</code>" if doc.key else ""
    outline = "".join(_section_tree_html(s) for s in doc.sections)
    n_sections = sum(1 for _ in doc.walk())
    outline_html = (
        f"<details><summary>{n_sections} sections</summary><ul>{outline}</ul></details>"
        if outline
        else ""
    )
    relations = (
        f"<p class='muted'>{len(doc.relations)} relations stated</p>" if doc.relations else ""
    )
    source = f"<p class='muted'>{escape(doc.source)}</p>" if doc.source else ""
    return (
        f"{_CSS}<div class='vbpl vbpl-document'><h4>{escape(md.doc_type or '')} "
        f"{escape(md.number or '')}{key}</h4><p><b>{title}</b></p><table>{rows}</table>"
        f"{outline_html}{_references_html(doc)}{relations}{source}</div>"
    )


def rows_html(rows: Sequence[Mapping[str, object]], caption: str | None = None) -> str:
    """An HTML table of dict rows (the columns of the first row), for result lists.

    >>> "<td>a</td>" in rows_html([{"x": "a"}])
    True
    """
    head = f"<p class='muted'>{escape(caption)}</p>" if caption else ""
    if not rows:
        return f"{_CSS}<div class='vbpl'>{head}</div>"
    cols = list(rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(r.get(c))}</td>" for c in cols) + "</tr>" for r in rows
    )
    th = "".join(f"<th>{escape(c)}</th>" for c in cols)
    return f"{_CSS}<div class='vbpl'>{head}<table><tr>{th}</tr>{body}</table></div>"


def _snippet(text: str) -> str:
    """Escape a snippet but keep the ``<b>`` highlights a search engine put in."""
    return escape(text).replace("&lt;b&gt;", "<b>").replace("&lt;/b&gt;", "</b>")


def hits_html(hits: Iterable[Any], caption: str | None = None) -> str:
    """Search hits (objects with ``key``, ``section``, ``score``, ``snippet``; ``title``
    optional) as a table, highlights kept.

    >>> from types import SimpleNamespace as H
    >>> "<b>trí</b>" in hits_html([H(key="k", section=None, score=1.0, snippet="<b>trí</b>")])
    True
    """
    rows = "".join(
        f"<tr><td><code>{escape(str(h.key))}</code></td><td><code>{_cell(h.section)}</code></td>"
        f"<td>{h.score:.2f}</td><td>{_snippet(h.snippet or '')}</td></tr>"
        for h in hits
    )
    head = f"<p class='muted'>{escape(caption)}</p>" if caption else ""
    return (
        f"{_CSS}<div class='vbpl'>{head}<table><tr><th>key</th><th>section</th><th>score</th>"
        f"<th>snippet</th></tr>{rows}</table></div>"
    )


def chain_html(chain: Any) -> str:
    """An implementation chain (:class:`vbpl.corpus.graph.ChainNode`) as nested lists, with
    each document's tasks."""

    def node(n: Any) -> str:
        rel = f"<i>{escape(n.relation)}</i> " if n.relation else ""
        tasks = "".join(
            f"<li class='muted'><code>{escape(t.section)}</code> {escape(t.text[:140])}</li>"
            for t in n.tasks
        )
        tasks_html = f"<ul>{tasks}</ul>" if tasks else ""
        kids = "".join(node(c) for c in n.children)
        return f"<li>{rel}<b>{escape(n.key)}</b>{tasks_html}<ul>{kids}</ul></li>"

    return f"{_CSS}<div class='vbpl'><ul>{node(chain)}</ul></div>"


def corpus_html(corpus: Any) -> str:
    """A corpus: how many documents, by type, and how many links and tasks."""
    by_type: dict[str, int] = {}
    for doc in corpus:
        t = doc.metadata.doc_type or "?"
        by_type[t] = by_type.get(t, 0) + 1
    rows = [{"type": t, "documents": n} for t, n in sorted(by_type.items())]
    links = len(corpus.relations(resolved_only=True))
    return rows_html(rows, caption=f"Corpus of {len(corpus)} documents, {links} resolved links")


__all__ = [
    "chain_html",
    "corpus_html",
    "document_html",
    "document_outline",
    "hits_html",
    "iter_outline",
    "rows_html",
    "section_html",
    "section_line",
]
