"""What an index folder says about itself, and the user's named indexes.

Reads and writes: ``vbpl-index.json`` in each index folder (the *manifest*: format version,
engine, name, the paths it was built from, when) and the folder of named indexes
(``$VBPL_INDEX_HOME``, else ``<user cache>/vbpl/indexes``). An index remembers its engine
through the manifest; an index without one, or of an older format, was built by an older
vbpl: opening it says so and tells how to rebuild it.

>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> write_manifest(folder, engine="tantivy", name="luat", sources=["/data/luat"])
>>> m = read_manifest(folder)
>>> (m.engine, m.name, m.sources, m.format == INDEX_FORMAT)
('tantivy', 'luat', ('/data/luat',), True)
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from vbpl.errors import SearchIndexError

#: the file each index folder describes itself in
MANIFEST = "vbpl-index.json"
#: the index format this vbpl writes and reads; bump when fields or analysis change
#: (1: no manifest; 2: notes and pinpoint fields, facets by document)
INDEX_FORMAT = 2
#: environment variable naming the folder of named indexes
HOME_ENV = "VBPL_INDEX_HOME"
_NAME_RE = re.compile(r"^[\w.-]{1,64}$")


@dataclass(frozen=True, slots=True)
class Manifest:
    """What an index folder says about itself."""

    path: Path
    format: int
    engine: str | None
    name: str | None = None
    sources: tuple[str, ...] = ()
    vbpl: str | None = None
    updated: str | None = None

    @property
    def stale(self) -> bool:
        """True when an older vbpl built the index (this one cannot read it as is)."""
        return self.format < INDEX_FORMAT

    def rebuild_hint(self) -> str:
        """The command that rebuilds the index.

        >>> Manifest(Path("/ix"), 1, "whoosh").rebuild_hint()
        'vbpl index PATH... --index /ix'
        """
        paths = " ".join(self.sources) if self.sources else "PATH..."
        return f"vbpl index {paths} --index {self.path}"


def read_manifest(path: str | Path) -> Manifest | None:
    """The manifest of index folder ``path``; ``None`` when it has none (or it is unreadable)."""
    p = Path(path) / MANIFEST
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return Manifest(
        path=Path(path),
        format=int(data.get("format") or 1),
        engine=data.get("engine"),
        name=data.get("name"),
        sources=tuple(data.get("sources") or ()),
        vbpl=data.get("vbpl"),
        updated=data.get("updated"),
    )


def write_manifest(
    path: str | Path,
    *,
    engine: str,
    name: str | None = None,
    sources: list[str] | tuple[str, ...] | None = None,
) -> None:
    """Write (atomically) the manifest of an index this vbpl built; ``sources`` and
    ``name`` default to what the folder's manifest says already."""
    from vbpl import __version__

    old = read_manifest(path)
    data = {
        "format": INDEX_FORMAT,
        "engine": engine,
        "name": name if name is not None else (old.name if old else None),
        "sources": list(sources if sources is not None else (old.sources if old else ())),
        "vbpl": __version__,
        "updated": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    target = Path(path) / MANIFEST
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(target)


def stale_error(path: Path, manifest: Manifest | None) -> SearchIndexError:
    """The error of opening an index an older vbpl built."""
    m = manifest or Manifest(path, 1, None)
    return SearchIndexError(
        f"{path}: index built by an older vbpl (index format {m.format}, this vbpl reads "
        f"{INDEX_FORMAT}); rebuild it: {m.rebuild_hint()}"
    )


def index_home() -> Path:
    """The folder of named indexes: ``$VBPL_INDEX_HOME``, else ``<user cache>/vbpl/indexes``."""
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("vbpl")) / "indexes"


def index_name(path: str | Path) -> str:
    """The default name of an index built from ``path``: its last part, as a file name.

    >>> index_name("/data/Luật đất đai/"), index_name("docs.jsonl"), index_name("-")
    ('Luat-dat-dai', 'docs', 'stdin')
    """
    from vbpl.text.fold import fold

    if str(path) == "-":
        return "stdin"
    p = Path(str(path).rstrip("/\\"))
    stem = p.name.split(".")[0] if p.suffix else p.name
    name = re.sub(r"[^\w.-]+", "-", fold(stem)).strip("-.")
    return name[:64] or "index"


def check_name(name: str) -> str:
    """``name`` when it can name an index folder, else :class:`SearchIndexError`."""
    if not _NAME_RE.match(name) or name in (".", ".."):
        raise SearchIndexError(f"bad index name {name!r} (letters, digits, . _ - only)")
    return name


def named_indexes() -> list[Manifest]:
    """The named indexes in :func:`index_home`, most recently updated first."""
    home = index_home()
    if not home.is_dir():
        return []
    found = [m for m in (read_manifest(p) for p in home.iterdir() if p.is_dir()) if m]
    return sorted(found, key=lambda m: (m.updated or "", m.path.name), reverse=True)


def find_named(name: str) -> Path | None:
    """The folder of the named index ``name``, or ``None``."""
    if not _NAME_RE.match(name):
        return None
    p = index_home() / name
    return p if read_manifest(p) is not None else None


def remove_index(path: Path) -> None:
    """Delete an index folder; refuses a folder that is not a vbpl index."""
    if read_manifest(path) is None:
        raise SearchIndexError(f"{path}: not a vbpl index; not removed")
    shutil.rmtree(path)


__all__ = [
    "HOME_ENV",
    "INDEX_FORMAT",
    "MANIFEST",
    "Manifest",
    "check_name",
    "find_named",
    "index_home",
    "index_name",
    "named_indexes",
    "read_manifest",
    "remove_index",
    "stale_error",
    "write_manifest",
]
