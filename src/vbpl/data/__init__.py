"""Vietnamese rules kept as data: document types, issuer codes, relation cues, known documents.

Each table is a JSON file beside this module, every entry with examples that the tests turn
into test cases. The typed, cached readers of the shared tables live in :mod:`vbpl.lexicon`
(``doc_types.json`` in :mod:`vbpl.lexicon.doc_types`, ``issuers.json`` in
:mod:`vbpl.lexicon.issuers`); the stage that alone uses a table reads it with
:func:`load_table`.

>>> load_table("doc_types")["types"][0]["name"]
'Hiến pháp'
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def load_table(name: str) -> Any:
    """The parsed JSON of ``src/vbpl/data/<name>.json``."""
    return json.loads(files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8"))


__all__ = ["load_table"]
