"""Read what legal web pages state about a document: labelled fields, dates, "type number title".

Reads: label/value pairs and short strings from pages. Writes: :class:`~vbpl.model.Metadata`
fields and typed :class:`~vbpl.model.Relation` kinds. The labels are data
(``src/vbpl/data/html_labels.json``).

>>> split_title("Nghị quyết 42/2017/QH14 Về thí điểm xử lý nợ xấu")
('Nghị quyết', '42/2017/QH14', 'Về thí điểm xử lý nợ xấu')
>>> split_title("Hiến pháp Không số Hiến pháp năm 1946")
('Hiến pháp', None, 'Hiến pháp năm 1946')
>>> first_date("Hà Nội, ngày 27 tháng 11 năm 2015")
datetime.date(2015, 11, 27)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

from vbpl.data import load_table
from vbpl.lexicon.dates import first_date
from vbpl.lexicon.doc_types import type_names
from vbpl.lexicon.numbers import canonical_number
from vbpl.model import Metadata

_COUNT = re.compile(r"\(\s*\d+\s*\)\s*$")
_NO_NUMBER = re.compile(r"^(?:không\s+số|ko\s+số|k/s)\b\s*", re.IGNORECASE)


def clean_label(label: str) -> str:
    """A label as looked up: NFC, lower-case, no count ``(3)``, no trailing colon, one space.

    >>> clean_label(" Văn bản HD, QĐ chi tiết (88) ")
    'văn bản hd, qđ chi tiết'
    """
    s = unicodedata.normalize("NFC", label).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    s = _COUNT.sub("", " ".join(s.split())).strip().rstrip(":").strip()
    return s.lower()


def doc_type_prefix(text: str) -> str | None:
    """The document type ``text`` starts with (longest name first), as the table spells it.

    >>> doc_type_prefix("Thông tư liên tịch 01/2020/TTLT-BTP"), doc_type_prefix("Xem thêm")
    ('Thông tư liên tịch', None)
    """
    low = text.lower()
    for name in type_names():
        if low.startswith(name.lower()) and (len(low) == len(name) or not low[len(name)].isalpha()):
            return name
    return None


def split_title(text: str) -> tuple[str | None, str | None, str]:
    """``(doc_type, canonical number or None, rest)`` of a listing such as
    ``Luật 50/2014/QH13 Xây dựng`` (type, number, trích yếu)."""
    s = " ".join(text.split())
    kind = doc_type_prefix(s)
    rest = s[len(kind) :].strip() if kind else s
    rest = re.sub(r"^số\s*:?\s*", "", rest, flags=re.IGNORECASE)
    m = _NO_NUMBER.match(rest)
    if m:
        return kind, None, rest[m.end() :].strip()
    token, _, after = rest.partition(" ")
    number = canonical_number(token.rstrip(",;:"))
    if number is None:
        return kind, None, rest
    return kind, number, after.strip()


def number_or_none(text: str) -> str | None:
    """The canonical number in a value cell, ``None`` for "Không số" or no number.

    >>> number_or_none(" 101/2015/QH13 "), number_or_none("Không số")
    ('101/2015/QH13', None)
    """
    s = " ".join(text.split())
    if not s or _NO_NUMBER.match(s):
        return None
    return canonical_number(s)


@cache
def _labels() -> dict[str, Any]:
    return load_table("html_labels")


def metadata_field(label: str) -> str | None:
    """The Metadata field a properties label fills (``Số ký hiệu`` -> ``number``).

    >>> metadata_field("Ngày có hiệu lực:"), metadata_field("Phạm vi")
    ('effective', None)
    """
    entry = _labels()["metadata"].get(clean_label(label))
    return entry["field"] if entry else None


def relation_for_label(label: str) -> tuple[bool, str | None]:
    """``(known, relation)`` for a diagram / related-documents box label.

    ``known`` is false for a label the table does not list; ``relation`` is ``None`` for a
    known box that no relation kind fits (suspension, other related documents).

    >>> relation_for_label("Văn bản HD, QĐ chi tiết (88)")
    (True, 'guided_by')
    >>> relation_for_label("Văn bản liên quan khác (2)")
    (True, None)
    """
    entry = _labels()["relations"].get(clean_label(label))
    if entry is None:
        return False, None
    return True, entry["relation"]


def codification_relations() -> dict[str, str]:
    """Phrases of a codification note (``bị bãi bỏ``) -> relation of the source document."""
    return {k: v["relation"] for k, v in _labels()["codification"].items() if k != "_doc"}


@cache
def _place_issuer_re() -> re.Pattern[str]:
    return re.compile(_labels()["place_issuer"]["pattern"])


def issuer_or_none(value: str) -> str | None:
    """A stated issuer, or ``None`` when the value only names a place ("Tỉnh Bình Định": a
    portal's Nơi ban hành; the header names the body).

    >>> issuer_or_none("Tỉnh Bình Định"), issuer_or_none("Bộ Tài chính")
    (None, 'Bộ Tài chính')
    """
    m = _place_issuer_re().match(value)
    if m is None or not all(w[0].isupper() for w in m.group("name").split()):
        return value
    return None


def metadata_from_pairs(pairs: Iterable[tuple[str, str]]) -> Metadata:
    """A :class:`Metadata` from ``(label, value)`` pairs of a properties table; unknown labels
    are ignored, the first value of a field wins.

    >>> metadata_from_pairs([("Số ký hiệu", "101/2015/QH13"), ("Ngày ban hành", "27/11/2015")]).key
    '101/2015/QH13@2015'
    """
    values: dict[str, Any] = {}
    for label, value in pairs:
        field = metadata_field(label)
        value = " ".join(value.split())
        if field is None or not value or field in values:
            continue
        if field == "number":
            values[field] = number_or_none(value)
        elif field in ("issued", "effective"):
            d = first_date(value)
            if d is not None:
                values[field] = d
        elif field == "fields":
            values[field] = tuple(f.strip() for f in re.split(r"[;,]", value) if f.strip())
        elif field == "doc_type":
            values[field] = doc_type_prefix(value) or value
        elif field == "issuer":
            if (issuer := issuer_or_none(value)) is not None:
                values[field] = issuer
        else:
            values[field] = value
    return Metadata(**values)


__all__ = [
    "clean_label",
    "codification_relations",
    "doc_type_prefix",
    "issuer_or_none",
    "metadata_field",
    "metadata_from_pairs",
    "number_or_none",
    "relation_for_label",
    "split_title",
]
