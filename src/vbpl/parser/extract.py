"""What a format reader hands to the parser: plain text plus what the page stated about it.

Readers of HTML pages (:mod:`vbpl.parser.html`) and Word files (:mod:`vbpl.parser.docx`) turn
their input into lines of text (one paragraph a line, table rows as lines) and, where the page
says so, metadata (a properties table) and relations (a relationship diagram). The plain-text
parser then reads that text exactly as it reads a ``.txt`` file.

>>> Extracted(text="Điều 1. Phạm vi", format="html").format
'html'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vbpl.model import Metadata, Relation
from vbpl.text.normalize import OffsetMap


@dataclass(frozen=True, slots=True)
class Extracted:
    """Text read out of a structured source, with what the source stated about it.

    ``format`` names the reader (``text``, ``html``, ``vbpl-html``, ``docx``, …);
    ``metadata`` holds fields the source states outside the text (they win over fields the
    parser reads from the text); ``relations`` are typed relations the source lists (their
    ``subject`` is ``"."`` for "this document" until the document's key is known);
    ``offsets`` maps offsets of ``text`` back to the source text when a stage between them
    changed it (the clean-up stage, :mod:`vbpl.clean`), else ``None``.
    """

    text: str
    format: str = "text"
    metadata: Metadata | None = None
    relations: tuple[Relation, ...] = ()
    offsets: OffsetMap | None = field(default=None, compare=False, repr=False)


__all__ = ["Extracted"]
