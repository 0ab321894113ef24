"""``vbpl index --check``: verify an index folder (checksums, then a full read).

Reads: an index folder. Writes: a :class:`CheckReport` — the problems found (none when the
index is sound). tantivy: every segment file's CRC32 against the checksum in its footer, then
every stored unit read. whoosh (no checksums of its own): every term's postings of every
field and every stored unit read. An index that cannot even be opened is one problem.

>>> import tempfile
>>> check_index(tempfile.mkdtemp()).problems
('no vbpl index here',)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vbpl.errors import SearchIndexError


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What :func:`check_index` found."""

    path: str
    engine: str | None
    problems: tuple[str, ...]
    documents: int = 0
    units: int = 0

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems

    @property
    def summary(self) -> str:
        """``N documents, M units``."""
        return f"{self.documents} documents, {self.units} units"

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``vbpl index --check --json``."""
        return {
            "index": self.path,
            "engine": self.engine,
            "ok": self.ok,
            "problems": list(self.problems),
            "documents": self.documents,
            "units": self.units,
        }


def check_index(path: str | Path, *, engine: str = "auto") -> CheckReport:
    """Verify the index at ``path`` without changing it (it is opened for reading only)."""
    from vbpl.search.index import detect_engine

    p = Path(path)
    found = detect_engine(p)
    if found is None:
        return CheckReport(str(p), None, ("no vbpl index here",))
    if engine not in ("auto", found):
        return CheckReport(str(p), found, (f"holds a {found} index, not {engine}",))
    try:
        eng: Any
        if found == "tantivy":
            from vbpl.search.tantivy_engine import TantivyEngine

            eng = TantivyEngine(p, create=False)
        else:
            from vbpl.search.whoosh_engine import WhooshEngine

            eng = WhooshEngine(p, create=False)
    except SearchIndexError as e:
        return CheckReport(str(p), found, (_strip(str(e), p),))
    try:
        problems = tuple(eng.check())
        documents = units = 0
        if not problems:
            documents, units = eng.count("document"), eng.count(None)
    except SearchIndexError as e:
        problems = (_strip(str(e), p),)
    finally:
        eng.close()
    return CheckReport(str(p), found, problems, documents, units)


def _strip(message: str, path: Path) -> str:
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


__all__ = ["CheckReport", "check_index"]
