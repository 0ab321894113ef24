"""Parse stage: text -> metadata, header, outline tree (see ``docs/parsing.md``).

Plain text goes through :func:`vbpl.parse.document.parse_text`; HTML pages and Word files
are first turned into text by :mod:`vbpl.parse.html` and :mod:`vbpl.parse.docx`
(:class:`vbpl.parse.extract.Extracted`). Modules of the plain-text parser, one stage each:
:mod:`~vbpl.parse.lines` (lines and their numbering tokens), :mod:`~vbpl.parse.header`
(website block, header, preamble), :mod:`~vbpl.parse.tail` (signature, recipients,
appendices), :mod:`~vbpl.parse.outline` (the section tree), :mod:`~vbpl.parse.ids` (section
ids, ``docs/section-ids.md``), :mod:`~vbpl.parse.document` (the Document).

Nothing is imported here, so ``import vbpl`` stays light; import the module you need.
"""
