"""The saved form of a corpus: JSON lines of parsed documents, optionally gzip-compressed.

Reads/writes: a header line ``{"vbpl_corpus": 1, "documents": N, "vbpl": "0.1.0"}`` then one
``Document.to_dict()`` per line (text included, references with their resolved targets), so
that a saved corpus reloads without reparsing or resolving. A path ending in ``.gz`` is
gzip-compressed. Rows stream in both directions; a corrupt file raises
:class:`~vbpl.errors.CorpusError` naming the file and line.

Rows are encoded and decoded by orjson, and the garbage collector is paused while one row's
objects are built (a document is tens of thousands of small objects without cycles; the
collector's passes over them were a third of the reload time). ``docs/performance.md`` has
the figures.

>>> import tempfile, pathlib
>>> from vbpl.model import Document, Metadata
>>> p = pathlib.Path(tempfile.mkdtemp()) / "c.jsonl.gz"
>>> _ = save_documents([Document(Metadata(number="5-CT/TW"))], p)
>>> is_saved_corpus(p), [d.metadata.number for d in iter_saved(p)]
(True, ['5-CT/TW'])
"""

from __future__ import annotations

import gc
import gzip
import json
import os
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import IO

from vbpl import __version__
from vbpl.errors import CorpusError
from vbpl.model import Document

FORMAT_VERSION = 1
HEADER_KEY = "vbpl_corpus"


def _open(path: Path, mode: str) -> IO[str]:
    if path.name.endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8", compresslevel=6)  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8")


def _open_binary(path: Path, mode: str) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return gzip.open(path, mode + "b", compresslevel=6)  # type: ignore[return-value]
    return path.open(mode + "b")


def _document(line: bytes) -> Document:
    """One saved row as a Document, built with the garbage collector paused."""
    import orjson

    enabled = gc.isenabled()
    gc.disable()
    try:
        return Document.from_dict(orjson.loads(line))
    finally:
        if enabled:
            gc.enable()


def save_documents(docs: Iterable[Document], path: str | Path) -> Path:
    """Write ``docs`` to ``path`` (atomically: a temporary file renamed at the end)."""
    path = Path(path)
    docs = list(docs)
    tmp = path.with_name(path.name + ".tmp" + (".gz" if path.name.endswith(".gz") else ""))
    try:
        with _open_binary(tmp, "w") as f:
            header = {HEADER_KEY: FORMAT_VERSION, "documents": len(docs), "vbpl": __version__}
            f.write(json.dumps(header).encode() + b"\n")
            for doc in docs:
                f.write(doc.to_json())
                f.write(b"\n")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise CorpusError(f"{path}: cannot write ({e.strerror or e})") from None
    return path


def is_saved_corpus(path: str | Path) -> bool:
    """True when ``path`` is a file that :func:`save_documents` wrote."""
    p = Path(path)
    if str(path) == "-" or not p.is_file():
        return False
    if not (p.name.endswith(".jsonl") or p.name.endswith(".gz")):
        return False
    try:
        with _open(p, "r") as f:
            first = f.readline(4096)
        return HEADER_KEY in json.loads(first)
    except (OSError, ValueError, EOFError, gzip.BadGzipFile):
        return False


def iter_saved(path: str | Path) -> Iterator[Document]:
    """The documents of a saved corpus, one at a time."""
    p = Path(path)
    try:
        with _open_binary(p, "r") as f:
            for lineno, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    if lineno == 1:
                        row = json.loads(line)
                        if not isinstance(row, dict) or HEADER_KEY not in row:
                            raise CorpusError(f"{p}:1: not a saved vbpl corpus (no header)")
                        if row[HEADER_KEY] > FORMAT_VERSION:
                            raise CorpusError(
                                f"{p}:1: saved by a newer vbpl (format {row[HEADER_KEY]})"
                            )
                        continue
                    doc = _document(line)
                except CorpusError:
                    raise
                except (ValueError, KeyError, TypeError, AttributeError) as e:
                    raise CorpusError(f"{p}:{lineno}: corrupt row ({type(e).__name__})") from None
                yield doc
    except FileNotFoundError:
        raise CorpusError(f"{p}: no such file") from None
    except (OSError, EOFError) as e:
        raise CorpusError(f"{p}: cannot read ({getattr(e, 'strerror', None) or e})") from None


def demo_path() -> Path:
    """The folder of the demo corpus: package data ``vbpl.corpora/demo`` when installed, else
    ``corpora/demo`` of a source checkout (an editable install may not map the package).
    Raises :class:`~vbpl.errors.CorpusError` when neither holds any document.

    >>> (demo_path() / "nq-45-NQ-TW-2023.txt").is_file()
    True
    """
    try:
        p = Path(str(files("vbpl.corpora").joinpath("demo")))
        if p.is_dir() and any(p.iterdir()):
            return p
    except (ModuleNotFoundError, TypeError, NotADirectoryError):
        pass
    p = Path(__file__).resolve().parents[3] / "corpora" / "demo"
    if not p.is_dir() or not any(p.iterdir()):
        raise CorpusError("the demo corpus is not installed")
    return p


__all__ = ["FORMAT_VERSION", "demo_path", "is_saved_corpus", "iter_saved", "save_documents"]
