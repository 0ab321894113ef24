"""References: find, read, type and resolve what a document cites.

Stages, one module each (data flows one way):

* :mod:`vbpl.lexicon.numbers` — grammar of số ký hiệu: :func:`canonical_number`, :func:`number_key`;
* :mod:`vbpl.refs.pinpoints` — điểm/khoản/Điều/Chương lists and ranges;
* :mod:`vbpl.refs.find` — :func:`find_references` in any text;
* :mod:`vbpl.refs.relations` — relation cue words (data in ``relation_cues.json``);
* :mod:`vbpl.refs.annotate` — :func:`annotate` a parsed Document (sections, relative targets,
  relations, editorial notes);
* :mod:`vbpl.refs.resolve` — :class:`Registry` and :func:`resolve_references` against a corpus.

>>> [r.number for r in find_references("theo Nghị định số 13/2023/NĐ-CP")]
['13/2023/NĐ-CP']
"""

from vbpl.lexicon.notes import note_spans
from vbpl.lexicon.numbers import NumberParts, canonical_number, number_key, parse_number
from vbpl.refs.annotate import annotate
from vbpl.refs.find import find_references, scan, stated_year
from vbpl.refs.pinpoints import canonical_pinpoint
from vbpl.refs.resolve import Candidate, Registry, resolve_reference, resolve_references

__all__ = [
    "Candidate",
    "NumberParts",
    "Registry",
    "annotate",
    "canonical_number",
    "canonical_pinpoint",
    "find_references",
    "note_spans",
    "number_key",
    "parse_number",
    "resolve_reference",
    "resolve_references",
    "scan",
    "stated_year",
]
