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
from dataclasses import dataclass, replace
from functools import cache

from vbpl.data import load_table
from vbpl.lexicon.doc_types import type_names
from vbpl.lexicon.patterns import literal_alternation
from vbpl.model import ACTIVE, PASSIVE, Document, Reference, Relation, Span
from vbpl.refs.mention import Mention, mention_object

#: the words between two items of a list of mentions ("…, và …", "; các …")
LIST_GAP_RE = re.compile(r"\s*(?:,|;|và|hoặc|,\s*và|,\s*hoặc)\s*(?:các\s+)?(?:số\s+)?")
#: how far back (characters) a cue may stand before the mention
WINDOW = 90
_BOUNDARY_RE = re.compile(r"[.;:!?\n\]\[()]")
_CLAUSE_END_RE = re.compile(r"[;.\n\[\]]")
#: active cues must govern the mention: "thực hiện *theo quy định của* Luật X" only cites it
_ACTIVE_CHECKED = frozenset({"implements", "guides", "amends", "replaces", "repeals", "corrects"})
_FILLER_RE = re.compile(
    r"(?<!\w)(?:một số điều|một số nội dung|một số quy định|các|có hiệu quả|nghiêm túc)"
    r"(?:\s+của)?(?!\w)"
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

    def alt(phrases: list[str]) -> str:  # longest first, as a prefix tree (same matches)
        return literal_alternation(sorted(set(phrases), key=len, reverse=True))

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
    whole = window
    window = window[-WINDOW:]
    bounds = list(_BOUNDARY_RE.finditer(window))
    cut = bounds[-1].end() if bounds else 0
    window = window[cut:]
    c = cues()
    low = window.lower()
    found = list(c.before.finditer(low))
    if not found:
        return "cites"
    first = len(found) - 1
    while first and _VERB_RUN_RE.fullmatch(low, found[first - 1].end(), found[first].start()):
        first -= 1  # "Sửa đổi, bổ sung, bãi bỏ một số điều của …": the first verb types it
    rel = c.relation[f"before:{found[first].group()}"]
    before = window[: found[-1].start()]
    if rel in _PASSIVE:
        # the whole window: "Luật X (được sửa đổi theo …", "tại Nghị định X (…) nay được …"
        lead = whole[: len(whole) - len(window) + found[-1].start()]
        if _names_another(lead) or _GUIDANCE_RE.search(before):
            return "cites"  # "Luật X đã được sửa đổi theo Luật Y, Luật Z": Y and Z act on X
    if rel in _GOVERNED_ACTIVE and (_in_title(before) or _PASSIVE_AUX_RE.search(before)):
        return "cites"  # "bởi Luật sửa đổi Luật Đầu tư công, …": a title names the document
    if rel in _ACTIVE_CHECKED:
        gap = window[found[-1].end() :].lower()
        gap = _FILLER_RE.sub(" ", _object_re().sub(" ", gap, count=1))
        if len(gap.split()) > 6 or _DETOUR_RE.search(gap):
            return "cites"
    return rel


#: a run of cue verbs joined by a comma or "và" ("sửa đổi, bổ sung, bãi bỏ")
_VERB_RUN_RE = re.compile(r"\s*(?:,|và|,\s*và)\s*")


@cache
def _object_re() -> re.Pattern[str]:
    """What an active cue acts on, then "tại" (or "theo"), at the start of the words after
    the cue (``objects`` of ``relation_cues.json``): "các nhiệm vụ được giao tại", "thủ tục
    số 3 tại", with a few words naming it ("các nhiệm vụ chuyển đổi số theo") and a topic
    ("sai sót về kỹ thuật trình bày tại", "các quy định về lĩnh vực giao thông đường bộ
    tại"). "theo quy định tại" is not one ("theo" comes first)."""
    spec = load_table("relation_cues")["objects"]
    nouns = literal_alternation(sorted(spec["nouns"], key=len, reverse=True))
    quals = literal_alternation(sorted(spec["qualifiers"], key=len, reverse=True))
    links = literal_alternation(sorted(spec.get("links", ["tại"]), key=len, reverse=True))
    word = rf"\s+(?!(?:{links}|của|quy định)(?!\w))[^\s,;.:()]+"
    topic = rf"\s+(?!(?:{links}|của|quy định)(?!\w))[^\s;.:()]+"  # "về phòng, chống …"
    return re.compile(
        rf"^\s*(?:các\s+)?(?:{nouns})(?:\s+số\s+\d{{1,4}})?(?:{word}){{0,4}}?"
        rf"(?:\s+về(?:{topic}){{1,10}}?)?(?:\s+(?:{quals}))?\s+(?:{links})(?!\w)"
    )


_PASSIVE = frozenset(PASSIVE.values())
#: "Nội dung hướng dẫn Khoản này … được sửa đổi bởi": the guidance (another document) changed
_GUIDANCE_RE = re.compile(r"nội dung hướng dẫn", re.IGNORECASE)
#: an active verb after "được"/"bị" is passive without its agent ("được sửa đổi từ Khoản 1 …")
_PASSIVE_AUX_RE = re.compile(r"(?<!\w)(?:được|bị)\s*$")


@cache
def _other_document_re() -> re.Pattern[str]:
    names = sorted(set(type_names()), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<!\w)(?:{alt})(?!\s+này)\s+(?:số\s+|\d|[A-ZĐÂĂÊÔƠƯ])")


@cache
def _type_word_re() -> re.Pattern[str]:
    names = sorted(set(type_names()), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(re.escape(n) for n in names)})\s")


_NUMBER_LIKE_RE = re.compile(r"\d{1,6}\s?[/-]\s?(?:(?:19|20)\d\d\s?/\s?)?[A-ZĐ]")
_AUX_END_RE = re.compile(r"(?:\s*\([^()]*\))*\s*(?P<aux>(?:(?:nay|đã|hiện)\s*)*)$")
_NUMBER_END_RE = re.compile(
    r"\d{1,6}\s?[/-]\s?(?:(?:19|20)\d\d\s?/\s?)?[A-ZĐ][\w.]*(?:\s?[/-]\s?[A-ZĐ][\w.]*)*"
    r"(?:\s+(?:năm\s+(?:19|20)\d\d|ngày\s+[\d/]+))?$"
)


@cache
def _named_end_re() -> re.Pattern[str]:
    names = sorted(set(type_names()), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<!\w)(?:{alt})\s+[A-ZĐÂĂÊÔƠƯ][^\s,;:]*(?:\s+[^\s,;:]+){{0,10}}$")


def _names_another(subject: str) -> bool:
    """True when a passive cue's subject is a document other than the citing one: a number
    right before the cue ("tại Nghị định 152/2020/NĐ-CP nay được sửa đổi bởi"), or a named
    document with "đã"/"nay" ("Luật Đất đai đã được sửa đổi, bổ sung theo"). "Khoản này",
    "Cụm từ "… Nghị định số 1/2024/NĐ-CP" tại Điểm này" name the citing text.

    >>> _names_another("[Khoản này "), _names_another("Luật Đầu tư số 61/2020/QH14 đã ")
    (False, True)
    >>> _names_another("Nội dung hướng dẫn Khoản này tại Nghị định 37/2019/NĐ-CP (đã sửa) nay ")
    True
    >>> _names_another('Cụm từ "Nghị định số 1/2024/NĐ-CP" tại Điểm này ')
    False
    >>> _names_another("Điều 58 Luật Xử lý vi phạm hành chính (")
    True
    >>> _names_another("Nghị định số 171/2016/NĐ-CP của Chính phủ về tàu biển đã ")
    True
    """
    m = _AUX_END_RE.search(subject)
    head = subject[: m.start()].rstrip() if m else subject.rstrip()
    aux = m.group("aux").strip() if m else ""
    if head.endswith("("):  # "Luật X (được sửa đổi, bổ sung theo …)"
        head, aux = head[:-1].rstrip(), "("
    if _NUMBER_END_RE.search(head):
        return True
    named = _named_end_re().search(head)
    if aux and named is not None and not named.group().endswith("này"):
        return True
    if "đã" in aux.split():  # "Nghị định số X … về đăng ký tàu biển đã được sửa đổi bởi"
        clause = _CLAUSE_END_RE.split(head)[-1]
        return (
            bool(_NUMBER_LIKE_RE.search(clause) or _other_document_re().search(clause))
            and "này" not in clause.split()
        )
    return False


@cache
def _type_end_re() -> re.Pattern[str]:
    names = sorted(set(type_names()), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?:^|(?<=\s))(?:{alt})$", re.IGNORECASE)


def _in_title(before: str) -> bool:
    """True when an active cue follows a type word directly ("Luật sửa đổi …", "Nghị định
    sửa đổi, bổ sung …"): the cue is part of a document's title, so the mentions after it
    are named in that title, not acted on by the citing text — except in the enacting words
    "ban hành Nghị định sửa đổi …" (the citing document's own title).

    >>> _in_title("bởi Khoản 1 Điều 7 Luật "), _in_title("Chính phủ ban hành Nghị định ")
    (True, False)
    >>> _in_title("Nghị định này "), _in_title("Nghị định ")
    (False, False)
    """
    b = before.rstrip()
    m = _type_end_re().search(b)
    if m is None:
        return False
    lead = b[: m.start()].strip(" ,-–").lower()
    return bool(lead) and not lead.endswith("ban hành")


_BASIS_RE = re.compile(r"(?:^|(?<=\s))[Cc]ăn cứ(?: vào)?\s")


def basis_clause(text: str, pos: int) -> bool:
    """True when the mention at ``pos`` stands in a Căn cứ clause (a legal basis): the clause
    opens with "Căn cứ", or continues a list of bases that did ("Căn cứ Luật A; Luật sửa đổi,
    bổ sung một số điều của Luật B;").

    >>> t = "Căn cứ Luật A ngày 1/1/2015; Luật sửa đổi, bổ sung một số điều của Luật B;"
    >>> basis_clause(t, t.index("Luật B")), basis_clause("Bãi bỏ Luật C", 7)
    (True, False)
    """
    end = pos
    for _ in range(8):
        start = max(text.rfind(";", 0, end), text.rfind("\n", 0, end)) + 1
        clause = text[start:end].lstrip(" \t-+•*")
        if _BASIS_RE.search(clause):
            return True
        if start == 0 or (clause.strip() and not _type_word_re().match(clause)):
            return False
        end = start - 1  # a bare item of a list of bases: look at the clause before it
    return False


@cache
def _preamble_leads() -> tuple[re.Pattern[str], dict[str, str]]:
    """The pattern of the verbs that open a preamble clause, and verb (lower case) ->
    relation (``preamble_leads`` of ``relation_cues.json``)."""
    spec = load_table("relation_cues")["preamble_leads"]["relations"]
    verbs = {v.lower(): rel for rel, phrases in spec.items() for v in phrases}
    alt = literal_alternation(sorted(verbs, key=len, reverse=True))
    return re.compile(rf"(?:{alt})(?!\w)", re.IGNORECASE), verbs


def preamble_lead(text: str, pos: int) -> str | None:
    """The relation of the verb that opens the preamble clause holding the mention at
    ``pos`` — or the clause a bare list of documents continues ("Thực hiện A; B, …") —
    else ``None``.

    >>> t = "Thực hiện Nghị quyết số 45-NQ/TW (gọi tắt là Nghị quyết 45) và Kế hoạch số 22-KH/TW; Chỉ thị số 5-CT/TW, Ban Thường vụ"
    >>> preamble_lead(t, t.index("Kế hoạch")), preamble_lead(t, t.index("Chỉ thị"))
    ('implements', 'implements')
    >>> preamble_lead("Căn cứ Quy định số 24-QĐ/TW", 7) is None
    True
    """
    lead_re, verbs = _preamble_leads()
    end = pos
    for _ in range(8):
        start = max(text.rfind(";", 0, end), text.rfind("\n", 0, end)) + 1
        clause = text[start:end].lstrip(" \t-+•*")
        m = lead_re.match(clause)
        if m is not None:
            return verbs[m.group().lower()]
        if start == 0 or (clause.strip() and not _type_word_re().match(clause)):
            return None
        end = start - 1  # a bare item of a list: look at the clause before it
    return None


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


#: the words between two items of a list when the first states its topic ("Quy định số A …
#: về công tác kiểm tra, giám sát và kỷ luật của Đảng; Hướng dẫn số B"): no cue in the topic
_TOPIC_GAP_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]+về[^\S\n][^;.\n()\[\]“”\"]{1,200}?"
    r"(?:;|,|[^\S\n]và)[^\S\n]*(?:các[^\S\n]+)?"
)

#: relations the rule of authority governs, active and passive
_GOVERNED_ACTIVE = frozenset({"amends", "replaces", "repeals"})
_GOVERNED_PASSIVE = frozenset(PASSIVE[r] for r in _GOVERNED_ACTIVE)
_ACTING_VERBS = ("sửa đổi", "bổ sung", "thay thế", "bãi bỏ", "hủy bỏ")
_LIST_GAP_RE = re.compile(r"\s*(?:,|và|,\s*và)\s*")
_ACTING_GAP_RE = re.compile(r"\s*,?\s*(?:(?:về|để|nhằm)\s+)?(?:việc\s+)?")


def _object_name(r: Reference) -> str | None:
    if r.number:
        return r.number
    if r.kind == "named" and r.title:
        return f"{r.doc_type} {r.title}" if r.doc_type else r.title
    return None


def _consolidated_base(doc: Document) -> str | None:
    """The text a consolidated text (Văn bản hợp nhất) consolidates: the first number it states
    after its own, in its header or in the statement that opens it ("Luật Thi hành án dân sự
    số 26/2008/QH12 …, được sửa đổi, bổ sung bởi:")."""
    from vbpl.lexicon.numbers import find_numbers, number_key

    own = number_key(doc.metadata.number) if doc.metadata.number else None
    m = _AMENDING_LIST_RE.search(doc.text, 0, 4000)
    end = m.start() if m else (doc.header.end if doc.header is not None else 0)
    for _s, _e, number in find_numbers(doc.text[:end]):
        if number_key(number) != own and "VBHN" not in number.upper():
            return number
    return None


_AMENDING_LIST_RE = re.compile(r"được sửa đổi, bổ sung(?: bởi)?\s*:", re.IGNORECASE)
_LIST_END_RE = re.compile(r"\n\s*(?:Căn cứ|Chương\s|Điều\s+1\b|Phần\s|[A-ZĐ ]{12,}\n)")
_ITEM_START_RE = re.compile(r"(?:^|\n)[^\S\n]*(?:\d{1,2}[.)]|[-+•])?[^\S\n]*$")


def _amending_list(text: str) -> tuple[int, int] | None:
    """Where a consolidated text lists the documents that amended its base ("…, được sửa
    đổi, bổ sung bởi: 1. Luật số …; 2. …"), up to its Căn cứ or its first chapter/article."""
    m = _AMENDING_LIST_RE.search(text, 0, 4000)
    if m is None:
        return None
    end = _LIST_END_RE.search(text, m.end())
    return m.end(), end.start() if end else min(len(text), m.end() + 6000)


def _starts_item(text: str, pos: int) -> bool:
    """True when the mention at ``pos`` opens an item of a list ("2. Luật Cạnh tranh số …")."""
    return _ITEM_START_RE.search(text[max(0, pos - 12) : pos]) is not None


def settle_relations(doc: Document) -> Document:
    """Relations that respect the law on legal documents, after the cues typed each mention.

    * a mention in a Căn cứ clause is a legal basis (``based_on``), whatever the title it
      cites says ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ");
    * "Luật số 03/2022/QH15 … sửa đổi, bổ sung một số điều của Luật Đầu tư công": the
      document named first acts on the one after it; the citing text only cites them;
    * a consolidated text (Văn bản hợp nhất) ``consolidates`` the documents it would seem to
      amend or be amended by; its editorial notes ("Khoản này được sửa đổi bởi Luật Y") state
      that Y amends the text it consolidates (its base law), when the header names it.

    >>> from vbpl.model import Metadata, Span
    >>> t = "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ;"
    >>> r = Reference("Luật Tổ chức Chính phủ", Span(45, 67), "named", doc_type="Luật",
    ...               title="Tổ chức Chính phủ", relation="amends")
    >>> d = settle_relations(Document(Metadata(number="1/2024/NĐ-CP"), references=(r,), text=t,
    ...     relations=(Relation("1/2024/NĐ-CP", "amends", "Luật Tổ chức Chính phủ", Span(45, 67)),)))
    >>> d.references[0].relation, [(x.relation, x.object) for x in d.relations]
    ('based_on', [('based_on', 'Luật Tổ chức Chính phủ')])
    """
    from vbpl.lexicon.authority import authority_of

    text = doc.text
    md = doc.metadata
    subject = doc.key or md.number or doc.source or "."
    auth = authority_of(md.number, md.doc_type) if md.number or md.doc_type else None
    consolidated = auth is not None and auth.consolidated
    base = _consolidated_base(doc) if consolidated else None
    amending_list = _amending_list(text) if base else None
    refs = list(doc.references)
    new_rel: dict[int, str] = {}
    extra: list[Relation] = []
    # "X đã được sửa đổi theo A, B và C" (the scanner states X amended_by A), "Luật số A sửa
    # đổi, bổ sung một số điều của Luật X, Luật Y" (A amends X): the list goes on
    stated_by_end: dict[int, Relation] = {
        x.span.end: x for x in doc.relations if x.span is not None and x.subject != subject
    }
    prev: Reference | None = None
    chain: tuple[str, str, int] | None = None  # (actor or subject, relation, span start)
    for i, r in enumerate(refs):
        if r.kind == "relative":
            continue
        obj = _object_name(r)
        rel, chain = _settle_stated(text, r, obj, prev, chain, stated_by_end, extra)
        rel = _settle_by_law(text, r, obj, rel, base, amending_list, consolidated, extra)
        if rel != r.relation:
            new_rel[i] = rel
        prev = r
    if not new_rel and not extra:
        return doc
    return _with_settled(doc, subject, refs, new_rel, extra)


def _settle_stated(
    text: str,
    r: Reference,
    obj: str | None,
    prev: Reference | None,
    chain: tuple[str, str, int] | None,
    stated_by_end: dict[int, Relation],
    extra: list[Relation],
) -> tuple[str, tuple[str, str, int] | None]:
    """Reads mention ``r`` after ``prev`` and the relations stated between mentions; appends
    the relations it states to ``extra``; returns its relation to the citing text and the chain
    (actor, relation, start) a list after it goes on with."""
    rel: str = r.relation
    listed = (
        prev is not None
        and prev.span.end <= r.span.start
        and _LIST_GAP_RE.fullmatch(text, prev.span.end, r.span.start) is not None
    )
    if not listed:
        chain = None
    stated = stated_by_end.get(r.span.end)
    if stated is not None and rel in _GOVERNED_ACTIVE and prev is not None and rel == prev.relation:
        # "thay thế Thông tư số A … hướng dẫn Nghị định số B": the scanner states A guides
        # B and gives B the relation before A; what the citing text does to B is cite it
        rel = "based_on" if prev.relation == "based_on" else "cites"
    x = stated_by_end.get(prev.span.end) if prev is not None else None
    if x is not None and (x.relation in _GOVERNED_PASSIVE or x.relation in _GOVERNED_ACTIVE):
        chain = (x.subject, x.relation, x.span.start if x.span else prev.span.start)  # type: ignore[union-attr]
    if chain is not None and listed and obj and rel in ("cites", chain[1], ACTIVE.get(chain[1])):
        extra.append(
            Relation(chain[0], chain[1], obj, Span(chain[2], r.span.end), r.section, r.pinpoint)  # type: ignore[arg-type]
        )
        rel = "based_on" if prev is not None and prev.relation == "based_on" else "cites"
    elif rel in _GOVERNED_ACTIVE and prev is not None and prev.span.end <= r.span.start:
        gap = text[prev.span.end : r.span.start]
        m = _ACTING_GAP_RE.match(gap)
        acting = cue_between(gap) if "\n" not in gap else None
        actor = _object_name(prev)
        if (
            acting == rel
            and m is not None
            and gap[m.end() :].lower().startswith(_ACTING_VERBS)
            and actor
            and obj
            and not (prev.kind == "named" and _IN_TOPIC_RE.search(text, 0, prev.span.start))
        ):
            span = Span(prev.span.start, r.span.end)
            extra.append(Relation(actor, rel, obj, span, r.section))  # type: ignore[arg-type]
            chain = (actor, rel, prev.span.start)
            rel = "based_on" if prev.relation == "based_on" else "cites"
    return rel, chain


#: a named mention inside another's topic ("Quy định số 232-QĐ/TW … về thi hành Điều lệ
#: Đảng, thay thế Quy định số 24-QĐ/TW"): not the actor of the verb after it
_IN_TOPIC_RE = re.compile(r"(?<!\w)về(?:[^\S\n]+[^\s,;.]+){0,6}[^\S\n]+$")


def _settle_by_law(
    text: str,
    r: Reference,
    obj: str | None,
    rel: str,
    base: str | None,
    amending_list: tuple[int, int] | None,
    consolidated: bool,
    extra: list[Relation],
) -> str:
    """Reads mention ``r`` with relation ``rel`` and the consolidated text's ``base`` law and
    amending list; appends the relations a consolidated text states to ``extra``; returns the
    relation the law gives it (Căn cứ clause, consolidated law)."""
    if rel != "based_on" and rel not in _GOVERNED_PASSIVE and basis_clause(text, r.span.start):
        rel = "based_on"
    if base and r.number == base and rel in ("cites", "based_on"):
        rel = "consolidates"  # the law the text consolidates
    if (
        amending_list is not None
        and amending_list[0] <= r.span.start < amending_list[1]
        and obj
        and _starts_item(text, r.span.start)
    ):
        # "Luật … số 26/2008/QH12 …, được sửa đổi, bổ sung bởi: 1. Luật số 64/2014/QH13 …"
        extra.append(Relation(base, "amended_by", obj, None, r.section, None, "text"))  # type: ignore[arg-type]
        rel = "consolidates"
    if consolidated and (rel in _GOVERNED_ACTIVE or rel in _GOVERNED_PASSIVE):
        if rel in _GOVERNED_PASSIVE and base and obj:
            extra.append(Relation(base, rel, obj, None, r.section, r.pinpoint, "note"))  # type: ignore[arg-type]
        rel = "consolidates"
    return rel


def _with_settled(
    doc: Document,
    subject: str,
    refs: list[Reference],
    new_rel: dict[int, str],
    extra: list[Relation],
) -> Document:
    """Reads ``doc`` and the settled relations ``new_rel`` (reference index -> relation) of
    ``refs``; writes them into its references and relations, dropping a relation settled to
    ``cites`` and adding ``extra``."""
    by_span = {refs[i].span: rel for i, rel in new_rel.items()}
    relations: list[Relation] = []
    for x in doc.relations:
        changed = by_span.get(x.span) if x.span is not None and x.subject == subject else None
        if changed is None:
            relations.append(x)
        elif changed != "cites":
            relations.append(replace(x, relation=changed))  # type: ignore[arg-type]
    relations.extend(extra)
    for i, rel in new_rel.items():
        refs[i] = replace(refs[i], relation=rel)  # type: ignore[arg-type]
    return replace(doc, references=tuple(refs), relations=tuple(relations))


def _typed(t: str, prev: Mention | None, x: Mention, relations: list[Relation]) -> str:
    """The relation of mention ``x`` to the citing text, given the mention before it; a
    relation stated between the two ("A sửa đổi B", "A đã được sửa đổi theo B") is added to
    ``relations``."""
    rel = cue_before(t[max(0, x.start - 120) : x.start])
    between = passive = None
    inherited = False
    subject, obj = mention_object(prev), mention_object(x)
    if prev is not None and subject and obj and prev.end <= x.start:
        gap = t[prev.end : x.start]
        if prev.number and x.number and prev.number != x.number and "\n" not in gap:
            between = cue_between(gap)  # a line that starts with a verb acts for the text
        if between is None:
            passive = cue_between_passive(gap)
    if (
        between is not None
        and prev is not None
        and prev.relation in _ACTIVE_CHECKED
        and t[prev.end : x.start].lstrip(" ,").startswith("và ")
    ):
        # "thay thế A và bãi bỏ B": the citing text's verbs, coordinated; A does not act on B
        between = None
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
        and (
            LIST_GAP_RE.fullmatch(t, prev.end, x.start)
            or _TOPIC_GAP_RE.fullmatch(t, prev.end, x.start)
        )
    ):
        rel = prev.relation  # a list shares the relation of its first item
        inherited = True
    after = cue_after(t, x.end)
    if after is not None and (rel == "cites" or inherited) and passive is None:
        # after an agent ("A đã được sửa đổi theo B hết hiệu lực") the cue is A's; a cue right
        # after an item of a list is its own ("thay thế A; B hết hiệu lực": B is repealed)
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
        after = cue_after(t, x.end)
        if after is not None and x.relation == after:
            _share_back(t, out, x.start, after)
        elif after is not None and prev is not None and _agent_of(relations, prev, x):
            # "Luật số A đã được sửa đổi, bổ sung theo Luật số B hết hiệu lực": A ends
            out[-1] = prev.with_relation(after) if prev.relation == "cites" else prev
        out.append(x)
        prev = x
    return out, relations


def _agent_of(relations: list[Relation], prev: Mention, x: Mention) -> bool:
    """True when the last relation stated is a passive one from ``prev`` to its agent ``x``."""
    if not relations:
        return False
    last = relations[-1]
    return (
        last.span is not None
        and last.span.start == prev.start
        and last.span.end == x.end
        and last.relation in _PASSIVE
    )


def _share_back(t: str, out: list[Mention], start: int, rel: str) -> None:
    """A cue after the last item of a list types the items before it left untyped ("Nghị định
    số A và Nghị định số B hết hiệu lực": both are repealed)."""
    k = len(out) - 1
    while k >= 0:
        x = out[k]
        if x.relation != "cites" or x.end > start or "\n" in t[x.end : start]:
            return
        if not LIST_GAP_RE.fullmatch(t, x.end, start):
            return
        out[k] = x.with_relation(rel)
        start = x.start
        k -= 1


__all__ = [
    "LIST_GAP_RE",
    "WINDOW",
    "basis_clause",
    "cue_after",
    "cue_before",
    "cue_between",
    "cue_between_passive",
    "cues",
    "preamble_lead",
    "settle_relations",
    "type_relations",
]
