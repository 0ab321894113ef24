"""The shared grammar of Vietnamese legal writing, below :mod:`vbpl.parser`, :mod:`vbpl.refs`,
:mod:`vbpl.search` and :mod:`vbpl.corpus`.

One module per part of the grammar, each reading its table from :mod:`vbpl.data` once
(cached loaders) and carrying the examples that ``tests/test_lexicon_*.py`` turn into tests:

* :mod:`vbpl.lexicon.numbers` — số ký hiệu (document numbers): canonical form, lookup keys;
* :mod:`vbpl.lexicon.dates` — dates as written ("ngày 4 tháng 11 năm 2013", "04/11/2013");
* :mod:`vbpl.lexicon.doc_types` — loại văn bản (type names and codes, the ``named`` flag);
* :mod:`vbpl.lexicon.units` — unit words (Phần … Điểm) with their section kinds and id prefixes;
* :mod:`vbpl.lexicon.notes` — editorial notes inserted by publishers ("(đã được sửa đổi …)");
* :mod:`vbpl.lexicon.party` — Party terms (khóa, Đại hội, Hội nghị lần thứ …).

It imports only :mod:`vbpl.text`, :mod:`vbpl.data` and the standard library. See
``README.md`` beside this file for how to add a document type or an issuer code.
"""
