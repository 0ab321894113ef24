"""Parse stage: text -> metadata, header, outline tree (see ``docs/parsing.md``).

Plain text goes through :func:`vbpl.parser.document.parse_text`; HTML pages and Word files
are first turned into text by :mod:`vbpl.parser.html` and :mod:`vbpl.parser.docx`
(:class:`vbpl.parser.extract.Extracted`). Modules of the plain-text parser, one stage each:
:mod:`~vbpl.parser.lines` (lines and their numbering tokens), :mod:`~vbpl.parser.header`
(website block, header, preamble), :mod:`~vbpl.parser.tail` (signature, recipients,
appendices), :mod:`~vbpl.parser.outline` (the section tree), :mod:`~vbpl.parser.ids` (section
ids, ``docs/section-ids.md``), :mod:`~vbpl.parser.document` (the Document).

Nothing is imported here, so ``import vbpl`` stays light; import the module you need.
"""
