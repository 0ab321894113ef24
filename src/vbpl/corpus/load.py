"""Stream documents from folders, files, JSON lines and standard input.

Reads: paths — a folder (searched recursively for ``.txt .html .htm .docx .jsonl .json``
files, in sorted order), a single file of any of those kinds (other files are parsed by
content, like ``vbpl parse``), or ``-`` for standard input (JSON lines when the first
non-blank character is ``{``, else one document). Writes: :class:`~vbpl.model.Document`
objects, one at a time — nothing is loaded ahead, so a corpus of any size streams.

A JSON-lines row is one document: ``{"text": …}`` or ``{"html": …}``, with optional
``"source"`` and ``"metadata"`` (fields named as in :meth:`Metadata.to_dict`; the row's
metadata wins over what the parser reads from the text). A row that already is a parsed
document (``Document.to_dict()`` output, recognised by its ``"sections"`` key) is loaded
as it is, without reparsing. A ``.json`` file holds one such row or a list of rows.

A bad row or file raises :class:`~vbpl.errors.InputError` naming the file and the line.

>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> row = {"metadata": {"number": "1/2020/QH14"}, "sections": []}   # an already parsed row
>>> _ = (folder / "docs.jsonl").write_text(json.dumps(row) + "\\n", encoding="utf-8")
>>> [d.metadata.number for d in iter_documents([folder])]
['1/2020/QH14']
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from vbpl.corpus.paths import SkipHandler, walk_folder
from vbpl.corpus.rows import check_row
from vbpl.corpus.store import HEADER_KEY
from vbpl.errors import InputError, VbplError
from vbpl.model import Document, Metadata
from vbpl.pipeline import parse, parse_bytes, parse_file
from vbpl.text.read import is_docx

#: file name endings a folder is searched for
DOCUMENT_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".html",
    ".htm",
    ".docx",
    ".pdf",
    ".jsonl",
    ".json",
)
#: endings read as rows of JSON rather than as one document
ROW_SUFFIXES: tuple[str, ...] = (".jsonl", ".json")
#: endings of text files that are never documents (notes, code, tables, logs beside them)
SKIPPED_SUFFIXES: tuple[str, ...] = (
    ".md",
    ".rst",
    ".py",
    ".csv",
    ".tsv",
    ".css",
    ".js",
    ".xml",
    ".yml",
    ".yaml",
    ".toml",
    ".ini",
    ".cfg",
    ".log",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".zip",
)

ErrorHandler = Callable[[VbplError], None]

#: the saved-corpus header key, as bytes for lines read undecoded
HEADER_BYTES = HEADER_KEY.encode()


def looks_like_document(f: Path) -> bool:
    """Whether a file in a folder is worth reading: a known ending, or — for any other name —
    content that is a Word file, HTML or text (formats are chosen by content, not by name).
    Notes, code and tables (``SKIPPED_SUFFIXES``) are left out.

    >>> looks_like_document(Path("vanban.txt"))
    True
    """
    if f.suffix.lower() in DOCUMENT_SUFFIXES:
        return True
    if f.suffix.lower() in SKIPPED_SUFFIXES:
        return False
    try:
        with f.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    if is_docx(head):  # vbpl refuses zips that are not .docx clearly
        return True
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True  # a byte-order mark: UTF-8 or UTF-16 text
    if not head or b"\x00" in head:
        return False  # empty, or binary (images, PDFs)
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13))
    return controls * 20 < len(head)  # text in UTF-8 or an 8-bit legacy encoding


def iter_files(
    paths: Iterable[str | Path],
    *,
    follow_links: bool = False,
    on_skip: SkipHandler | None = None,
) -> Iterator[Path | str]:
    """The files ``paths`` name, folders expanded recursively in sorted order.

    ``-`` passes through unchanged (standard input). A path that does not exist raises
    :class:`InputError`. Inside a folder, links out of it are skipped unless
    ``follow_links``, and FIFOs, devices and sockets always (:mod:`vbpl.corpus.paths`).

    >>> list(iter_files(["-"]))
    ['-']
    """
    for path in paths:
        if str(path) == "-":
            yield "-"
            continue
        p = Path(path)
        if p.is_dir():
            walked = walk_folder(p, follow_links=follow_links, on_skip=on_skip)
            yield from (f for f in walked if looks_like_document(f))
        elif p.is_file():
            yield p
        elif p.exists():
            yield p  # a FIFO, device or socket: reading it says so (vbpl.text.read)
        else:
            raise InputError(f"{path}: no such file or folder")


def document_from_row(row: Any, *, name: str = "<row>", line: int | None = None) -> Document:
    """Turn one JSON row into a Document (parsing its ``text``/``html`` unless already parsed).

    >>> document_from_row({"sections": [], "metadata": {"number": "5-CT/TW"}}).metadata.number
    '5-CT/TW'
    """
    where = f"{name}:{line}" if line is not None else name
    try:
        row = check_row(row)  # types of every field; lone surrogates repaired
    except InputError as e:
        raise InputError(f"{where}: {e}") from None
    source = row.get("source")
    default_source = source if source is not None else where
    try:
        if "sections" in row:  # already parsed: Document.to_dict() output
            doc = Document.from_dict(row)
            return doc if doc.source else doc.with_(source=default_source)
        content = row.get("text")
        if content is None:
            content = row.get("html")
        if not isinstance(content, str) or not content.strip():
            raise InputError(f"{where}: a row needs a non-empty 'text' or 'html' string")
        stated = Metadata.from_dict(row.get("metadata") or {})
    except VbplError:
        raise
    except Exception as e:  # any shape check_row lets through but the model refuses
        raise InputError(f"{where}: bad row ({type(e).__name__}: {e})") from None
    return _parse_with_metadata(content, stated, source=default_source, where=where)


def _parse_with_metadata(content: str, stated: Metadata, *, source: str, where: str) -> Document:
    try:
        return parse(content, source=source, metadata=stated)
    except VbplError as e:
        raise type(e)(f"{where}: {e}") from None
    except RecursionError:
        raise InputError(f"{where}: text nested too deeply to parse") from None


def _report(e: VbplError, on_error: ErrorHandler | None) -> None:
    if on_error is None:
        raise e
    on_error(e)


# ---------------------------------------------------------------------------------------------
# tasks: what one worker does for one document. Reading the inputs (walking folders, reading
# JSON lines and standard input) happens in this process, in order; parsing happens in
# :func:`run_task`, here or in a worker process (``jobs=``).

#: ``("file", path)``, ``("row", row, name, line)``, ``("line", json_line, name, line)``,
#: ``("bytes", data, source)`` or
#: ``("error", VbplError)`` (an input that failed while it was read, reported in its place)
Task = tuple[Any, ...]


def run_task(task: Task, *, keep_raw: bool = True) -> Document:
    """Parse the document one task names (a module-level function: workers call it).
    ``keep_raw=False``: a file's or bytes' Document without ``raw`` and ``offsets`` (see
    :func:`vbpl.pipeline.parse_file`), for callers that only need its normalised text.

    >>> run_task(("row", {"text": "Điều 1. Phạm vi"}, "x.jsonl", 1)).sections[0].id
    'art_1'
    """
    kind = task[0]
    if kind == "file":
        return parse_file(task[1], keep_raw=keep_raw)
    if kind == "row":
        return document_from_row(task[1], name=task[2], line=task[3])
    if kind == "line":  # a JSON line not decoded yet
        row = _line_row(task[1], task[2], task[3])
        return document_from_row(row, name=task[2], line=task[3])
    if kind == "bytes":
        return parse_bytes(task[1], source=task[2], keep_raw=keep_raw)
    if kind == "error":
        raise task[1]
    raise ValueError(f"unknown task {kind!r}")


def _row_tasks(stream: Iterable[str | bytes], name: str) -> Iterator[Task]:
    for lineno, raw in enumerate(stream, 1):
        head = raw[:64]
        is_header = HEADER_KEY in head if isinstance(head, str) else HEADER_BYTES in head
        if lineno > 1 and not is_header:
            # decoded where it is parsed (in a worker process when there are several)
            if not raw or (raw[:1].isspace() and not raw.strip()):
                continue
            yield ("line", raw, name, lineno)
            continue
        try:
            row = _line_row(raw, name, lineno)
        except InputError as e:
            yield ("error", e)
            continue
        if row is _BLANK:
            continue
        if isinstance(row, dict) and HEADER_KEY in row:
            continue  # the header line of a saved corpus (vbpl.corpus.store)
        yield ("row", row, name, lineno)


#: what :func:`_line_row` returns for a blank line
_BLANK = object()


def _line_row(raw: str | bytes, name: str, lineno: int) -> Any:
    """The JSON value of one line (``_BLANK`` when it is blank), or an :class:`InputError`
    naming the line."""
    if isinstance(raw, bytes):  # undecodable bytes spoil one row, not the file
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as e:
            raise InputError(f"{name}:{lineno}: not UTF-8 (byte {e.start} of the line)") from None
    else:
        line = raw
    if not line.strip():
        return _BLANK
    return _json_row(line, f"{name}:{lineno}")


def iter_rows(
    stream: Iterable[str | bytes], name: str, *, on_error: ErrorHandler | None = None
) -> Iterator[Document]:
    """Documents from a JSON-lines stream, one per non-blank line, read lazily. A bad line
    (not UTF-8, not JSON, nested too deeply, a field of the wrong type) is one error naming
    the line; the lines after it are read.

    >>> rows = ['{"sections": [], "metadata": {"number": "5-CT/TW"}}', '']
    >>> [d.metadata.number for d in iter_rows(rows, "x.jsonl")]
    ['5-CT/TW']
    """
    yield from _documents(_row_tasks(stream, name), on_error)


def _json_row(text: str, where: str) -> Any:
    """One JSON value, or an :class:`InputError` saying why not (also for nesting deeper
    than Python can decode: 200,000 ``[`` raise RecursionError inside ``json``)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON ({e.msg})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None


def _json_file_tasks(path: Path) -> Iterator[Task]:
    name = str(path)
    try:
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as fb:
                yield from _row_tasks(fb, name)
            return
        with path.open(encoding="utf-8-sig") as f:
            try:
                data = json.load(f)
            except json.JSONDecodeError as e:
                raise InputError(f"{name}:{e.lineno}: not valid JSON ({e.msg})") from None
            except RecursionError:
                raise InputError(f"{name}: JSON nested too deeply") from None
    except UnicodeDecodeError:
        yield ("error", InputError(f"{name}: JSON must be UTF-8"))
        return
    except OSError as e:
        yield ("error", InputError(f"{name}: cannot read ({e.strerror or e})"))
        return
    except InputError as e:
        yield ("error", e)
        return
    rows = data if isinstance(data, list) else [data]
    for i, row in enumerate(rows):
        yield ("row", row, name if len(rows) == 1 else f"{name}[{i}]", None)


def _stdin_tasks() -> Iterator[Task]:
    buf = sys.stdin.buffer
    first = buf.readline()
    while first and not first.strip():
        first = buf.readline()
    if not first:
        return
    if first.lstrip().startswith(b"{"):

        def chained() -> Iterator[bytes]:
            yield first
            yield from buf

        yield from _row_tasks(chained(), "<stdin>")
        return
    yield ("bytes", first + buf.read(), "-")


def _file_tasks(f: Path | str) -> Iterator[Task]:
    if f == "-":
        yield from _stdin_tasks()
    elif isinstance(f, Path) and f.suffix.lower() in ROW_SUFFIXES:
        yield from _json_file_tasks(f)
    else:
        yield ("file", str(f))


def _expand(
    paths: Iterable[str | Path], follow_links: bool, on_skip: SkipHandler | None
) -> list[Path | str | VbplError]:
    """Every file ``paths`` name, in order; a path that cannot be walked is its error."""
    out: list[Path | str | VbplError] = []
    for path in paths:
        try:
            out.extend(iter_files([path], follow_links=follow_links, on_skip=on_skip))
        except VbplError as e:
            out.append(e)
    return out


def document_tasks(
    paths: Iterable[str | Path],
    *,
    follow_links: bool = False,
    on_skip: SkipHandler | None = None,
) -> tuple[Iterator[Task], int | None]:
    """The tasks for ``paths`` and how many documents they hold (``None`` when JSON rows
    make that unknown before reading). Folders are walked at once (links out of a folder
    followed only with ``follow_links``; see :func:`iter_files`); files are read lazily."""
    files = _expand(paths, follow_links, on_skip)
    rows = any(
        f == "-" or (isinstance(f, Path) and f.suffix.lower() in ROW_SUFFIXES) for f in files
    )

    def tasks() -> Iterator[Task]:
        for f in files:
            if isinstance(f, VbplError):
                yield ("error", f)
            else:
                yield from _file_tasks(f)

    return tasks(), (None if rows else len(files))


def _documents(
    tasks: Iterable[Task],
    on_error: ErrorHandler | None,
    *,
    jobs: int | None = 1,
    progress: bool | None = False,
    total: int | None = None,
) -> Iterator[Document]:
    from vbpl.corpus.parallel import Failed, ordered_map

    for result in ordered_map(run_task, tasks, jobs=jobs, progress=progress, total=total):
        if isinstance(result, Failed):
            _report(result.error, on_error)
            continue
        yield result


def iter_documents(
    paths: Iterable[str | Path],
    *,
    on_error: ErrorHandler | None = None,
    jobs: int | None = 1,
    progress: bool | None = False,
    follow_links: bool = False,
    on_skip: SkipHandler | None = None,
) -> Iterator[Document]:
    """Parse every document that ``paths`` name, one at a time, in input order.

    ``on_error``, when given, receives each :class:`~vbpl.errors.VbplError` (a bad file or a
    bad JSON line) and loading goes on with the next file or line; without it the first error
    is raised. Errors name the file (and line, for JSON lines). ``jobs`` processes parse in
    parallel (``None``: every core) while results keep the input order and only a few
    documents per process wait in memory; ``progress`` shows a bar on standard error
    (``None``: when standard error is a terminal and the run is long). ``follow_links`` and
    ``on_skip``: see :func:`iter_files`.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "bad.jsonl"
    >>> _ = p.write_text('{"sections": []}\\nnot json\\n', encoding="utf-8")
    >>> errors = []
    >>> len(list(iter_documents([p], on_error=errors.append)))
    1
    >>> str(errors[0]).endswith("bad.jsonl:2: not valid JSON (Expecting value)")
    True
    """
    tasks, total = document_tasks(paths, follow_links=follow_links, on_skip=on_skip)
    yield from _documents(tasks, on_error, jobs=jobs, progress=progress, total=total)


__all__ = [
    "DOCUMENT_SUFFIXES",
    "document_from_row",
    "document_tasks",
    "iter_documents",
    "iter_files",
    "iter_rows",
    "run_task",
]
