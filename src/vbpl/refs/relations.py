"""Relation cues: type a reference by the words around it (data in ``relation_cues.json``).

Reads: the text before a mention (back to the clause boundary) and the text right after it.
Writes: a relation name of DESIGN.md (``implements``, ``amended_by``, …) or ``cites``.

>>> cue_before("Tham mưu triển khai thực hiện ")
'implements'
>>> cue_before("[Khoản này được sửa đổi bởi ")
'amended_by'
>>> cue_before("theo quy định của ")
'cites'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vbpl.data import load_table
from vbpl.model import PASSIVE, Relation, Span
from vbpl.refs.mention import Mention, mention_object

#: the words between two items of a list of mentions ("…, và …", "; các …")
LIST_GAP_RE = re.compile(r"\s*(?:,|;|và|hoặc|,\s*và|,\s*hoặc)\s*(?:các\s+)?(?:số\s+)?")
#: how far back (characters) a cue may stand before the mention
WINDOW = 90
_BOUNDARY_RE = re.compile(r"[.;:!?\n\]\[()]")
#: active cues must govern the mention: "thực hiện *theo quy định của* Luật X" only cites it
_ACTIVE_CHECKED = frozenset({"implements", "guides", "amends", "replaces", "repeals", "corrects"})
_FILLER_RE = re.compile(
    r"(?<!\w)(?:một số điều|một số nội dung|các|có hiệu quả|nghiêm túc)(?:\s+của)?(?!\w)"
)
_DETOUR_RE = re.compile(
    r"(?<!\w)(?:tại|theo|quy định|của|đối với|trong|khi|đã|được|là|thì|mà|do)(?!\w)"
)


@dataclass(frozen=True, slots=True)
class Cues:
    before: re.Pattern[str]
    after: re.Pattern[str]
    between: re.Pattern[str]
    relation: dict[str, str]


@cache
def cues() -> Cues:
    """The compiled cue patterns (phrases longest first) and phrase -> relation."""
    relation: dict[str, str] = {}
    before: list[str] = []
    after: list[str] = []
    between: list[str] = []
    for entry in load_table("relation_cues")["cues"]:
        for ph in entry["phrases"]:
            key = (entry["position"], ph)
            relation[f"{key[0]}:{ph}"] = entry["relation"]
            (before if entry["position"] == "before" else after).append(ph)
            if entry.get("between"):
                between.append(ph)

    def alt(phrases: list[str]) -> str:
        return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))

    return Cues(
        before=re.compile(rf"(?<!\w)(?:{alt(before)})(?!\w)"),
        after=re.compile(rf"\s*,?\s*(?:{alt(after)})(?!\w)"),
        between=re.compile(
            rf"\s*,?\s*(?:(?:về|để|nhằm|và)\s+)?(?:việc\s+)?(?P<cue>{alt(between)})"
            r"(?:\s+(?:có hiệu quả|một số điều|và biện pháp thi hành|của|các))*\s*$"
        ),
        relation=relation,
    )


def cue_before(window: str) -> str:
    """The relation of the nearest cue in ``window`` (text just before a mention), after the
    last clause boundary; ``cites`` when there is none.

    >>> cue_before("Căn cứ ")
    'based_on'
    """
    window = window[-WINDOW:]
    bounds = list(_BOUNDARY_RE.finditer(window))
    if bounds:
        window = window[bounds[-1].end() :]
    c = cues()
    found = list(c.before.finditer(window.lower()))
    if not found:
        return "cites"
    rel = c.relation[f"before:{found[-1].group()}"]
    if rel in _ACTIVE_CHECKED:
        gap = _FILLER_RE.sub(" ", window[found[-1].end() :].lower())
        if len(gap.split()) > 6 or _DETOUR_RE.search(gap):
            return "cites"
    return rel


def cue_after(text: str, pos: int) -> str | None:
    """The relation of a cue that follows a mention at ``pos`` directly, else ``None``.

    >>> cue_after("X hết hiệu lực kể từ ngày", 1)
    'repeals'
    """
    m = cues().after.match(text[pos : pos + 40].lower()) if pos < len(text) else None
    if not m:
        return None
    return cues().relation[f"after:{m.group().strip(' ,')}"]


def cue_between(gap: str) -> str | None:
    """The relation stated by the words between two mentions, ``A <gap> B`` -> A rel B.

    >>> cue_between(" về thực hiện ")
    'implements'
    >>> cue_between(" và ") is None
    True
    """
    if len(gap) > 80:
        return None
    m = cues().between.match(gap.lower())
    if not m:
        return None
    return cues().relation[f"before:{m.group('cue')}"]


@cache
def _passive_between() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of ``passive_between`` and verb phrase -> passive relation."""
    table = load_table("relation_cues")
    spec = table["passive_between"]
    verbs: dict[str, str] = {}
    for entry in table["cues"]:
        if entry["position"] == "before" and entry["relation"] in PASSIVE:
            for ph in entry["phrases"]:
                verbs.setdefault(ph, PASSIVE[entry["relation"]])

    def alt(phrases: list[str] | dict[str, str]) -> str:
        return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))

    pattern = re.compile(
        rf"\s*,?\s*(?:{alt(spec['auxiliaries'])})\s+(?P<verb>{alt(verbs)})"
        rf"(?:\s+(?:{alt(spec['fillers'])}))*\s*,?\s+(?:{alt(spec['agents'])})\s*$"
    )
    return pattern, verbs


def cue_between_passive(gap: str) -> str | None:
    """The passive relation stated between two mentions, ``A <gap> B`` -> A rel B (B acts).

    >>> cue_between_passive(" đã được sửa đổi, bổ sung một số điều theo ")
    'amended_by'
    >>> cue_between_passive(" bị bãi bỏ bởi ")
    'repealed_by'
    >>> cue_between_passive(" theo ") is None
    True
    """
    if len(gap) > 80:
        return None
    pattern, verbs = _passive_between()
    m = pattern.match(gap.lower())
    return verbs[m.group("verb")] if m else None


def _typed(t: str, prev: Mention | None, x: Mention, relations: list[Relation]) -> str:
    """The relation of mention ``x`` to the citing text, given the mention before it; a
    relation stated between the two ("A sửa đổi B", "A đã được sửa đổi theo B") is added to
    ``relations``."""
    rel = cue_before(t[max(0, x.start - 120) : x.start])
    between = passive = None
    subject, obj = mention_object(prev), mention_object(x)
    if prev is not None and subject and obj and prev.end <= x.start:
        gap = t[prev.end : x.start]
        if prev.number and x.number:
            between = cue_between(gap)
        if between is None:
            passive = cue_between_passive(gap)
    if between is not None and prev is not None:
        span = Span(prev.start, x.end)
        relations.append(Relation(prev.number or "", between, x.number or "", span))  # type: ignore[arg-type]
        rel = prev.relation
    elif passive is not None and prev is not None:
        # "A đã được sửa đổi … theo B": B acts on A; the citing text only cites B
        relations.append(Relation(subject, passive, obj, Span(prev.start, x.end)))  # type: ignore[arg-type]
        rel = "based_on" if prev.relation == "based_on" else "cites"
    elif (
        rel == "cites"
        and prev is not None
        and prev.end <= x.start
        and "\n" not in t[prev.end : x.start]
        and LIST_GAP_RE.fullmatch(t, prev.end, x.start)
    ):
        rel = prev.relation  # a list shares the relation of its first item
    after = cue_after(t, x.end)
    if after is not None and rel == "cites":
        rel = after
    return rel


def type_relations(t: str, mentions: list[Mention]) -> tuple[list[Mention], list[Relation]]:
    """The mentions of ``t`` (in order, not overlapping) with their relation to the citing
    text, and the relations stated between two of them.

    >>> t = "Nghị định 1/2020/NĐ-CP sửa đổi Nghị định 2/2019/NĐ-CP"
    >>> a = Mention(0, 22, "full", number="1/2020/NĐ-CP")
    >>> b = Mention(31, 53, "full", number="2/2019/NĐ-CP")
    >>> [(r.subject, r.relation, r.object) for r in type_relations(t, [a, b])[1]]
    [('1/2020/NĐ-CP', 'amends', '2/2019/NĐ-CP')]
    """
    relations: list[Relation] = []
    out: list[Mention] = []
    prev: Mention | None = None
    for x in mentions:
        x = x.with_relation(_typed(t, prev, x, relations))
        out.append(x)
        prev = x
    return out, relations


__all__ = [
    "LIST_GAP_RE",
    "WINDOW",
    "cue_after",
    "cue_before",
    "cue_between",
    "cue_between_passive",
    "cues",
    "type_relations",
]
