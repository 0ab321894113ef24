"""Find task items (nhiệm vụ) in a document and the documents each one implements.

Reads: a parsed :class:`~vbpl.model.Document` (outline and references; resolved references
give the sources their keys). Writes: :class:`~vbpl.model.Task` objects.

The rules, all as data in ``vbpl/data/task_headings.json``:

* A **task part** is a section whose heading starts with a task phrase ("NỘI DUNG THỰC
  HIỆN", "NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ TRỌNG TÂM", "TỔ CHỨC THỰC HIỆN", …). Every leaf
  unit under it (a dash item, a numbered heading without sub-units, a clause or point) is a
  task; a task part without sub-units is one task itself. Unnumbered paragraphs are not.
* A document without a task part (a directive's numbered points, a conclusion) of a type
  listed in ``fallback_doc_types`` has as tasks its leaf units that start with an action
  verb ("Tăng cường …", "Tiếp tục …").
* Never tasks: units under a part that states purposes, views, assessments or definitions
  (``purpose_headings``: "MỤC ĐÍCH, YÊU CẦU", "Đánh giá chung", "GIẢI THÍCH TỪ NGỮ"), and units
  that only explain — an example ("Ví dụ: …") or the definition of a quoted term
  (``explanatory_starts``).
* **Sources**: the documents a task cites in its own text (``direct``), then those cited in
  the own text of the sections above it — a heading and its intro paragraph (``inherited``).
  References that amend, replace, repeal or correct are not sources; nor is the document
  itself. Each number appears once, direct first, in order of mention.
* **Actor**: the acting body named at the start of the task's first sentence (or after a
  leading clause: "Căn cứ …, ban tuyên giáo các cấp tham mưu …"), else the nearest one named
  by a section above it. **Deadline**: the first time limit the task's text states.

>>> from vbpl.model import Document, Metadata, Reference, Section, Span
>>> item = Section("hd_II__item_1", "item", "-", None, "- Tổ chức quán triệt Nghị quyết số 45-NQ/TW.",
...                Span(26, 70))
>>> part = Section("hd_II", "heading", "II", "NỘI DUNG THỰC HIỆN", "II. NỘI DUNG THỰC HIỆN",
...                Span(0, 70), (item,))
>>> ref = Reference("Nghị quyết số 45-NQ/TW", Span(46, 68), number="45-NQ/TW",
...                 section="hd_II__item_1", target="45-NQ/TW@2023")
>>> doc = Document(Metadata(number="1-HD/BTG"), sections=(part,), references=(ref,))
>>> [(t.section, [(s.key, s.via) for s in t.sources]) for t in find_tasks(doc)]
[('hd_II__item_1', [('45-NQ/TW@2023', 'direct')])]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from vbpl.data import load_table
from vbpl.model import DOCUMENT_VIEWS, Document, Reference, Section, Task, TaskSource
from vbpl.text.fold import fold

#: reference relations that never make the cited document a task's source
NOT_SOURCE_RELATIONS: frozenset[str] = frozenset(
    {
        "amends",
        "replaces",
        "repeals",
        "corrects",
        "amended_by",
        "replaced_by",
        "repealed_by",
        "corrected_by",
        "guided_by",
        "implemented_by",
    }
)

#: section kinds that are never tasks and never make a section a non-leaf
_NOT_UNITS = frozenset({"paragraph"})
#: divisions and articles of a law (Phần, Chương, Mục, Điều): a task part only when headed by
#: the phrase alone ("Điều 3. Tổ chức thực hiện", not "Điều 76. Tổ chức thực hiện quy hoạch")
_EXACT_KINDS = frozenset({"part", "chapter", "section", "subsection", "article"})
#: section kinds that can open a task part even without a separate heading
_PART_KINDS = frozenset({"heading", "part", "chapter", "section", "subsection", "article"})


def match_key(text: str) -> str:
    """Fold ``text`` for cue matching: lowercase ASCII words separated by single spaces.

    >>> match_key("II. NHIỆM VỤ, GIẢI PHÁP chủ yếu")
    'ii nhiem vu giai phap chu yeu'
    """
    return " ".join(re.findall(r"\w+", fold(text).lower()))


@dataclass(frozen=True, slots=True)
class TaskCues:
    """The compiled cue tables of ``task_headings.json``."""

    headings: tuple[str, ...]
    heading_re: re.Pattern[str]
    action_verbs: tuple[str, ...]
    actor: re.Pattern[str]
    actor_verb: re.Pattern[str]
    leading_clauses: tuple[str, ...]
    action_doc_types: frozenset[str]
    field_labels: dict[str, tuple[str, ...]]
    fallback_doc_types: frozenset[str]
    deadlines: tuple[re.Pattern[str], ...]
    purpose_re: re.Pattern[str]
    explanatory_re: re.Pattern[str]
    body_name_re: re.Pattern[str]
    clause_verb_re: re.Pattern[str]


def _words(phrases: Iterable[str]) -> str:
    alts = sorted({re.escape(p.strip()).replace(r"\ ", r"\s+") for p in phrases}, key=len)
    return "|".join(reversed(alts))


@cache
def cues() -> TaskCues:
    """The task cues, read once from ``vbpl/data/task_headings.json``."""
    table = load_table("task_headings")
    heads = _words(table["actor_heads"])
    return TaskCues(
        headings=tuple(h["phrase"] for h in table["headings"]),
        heading_re=_phrase_re(table["headings"]),  # "alone": the heading is the phrase
        action_verbs=tuple(v["verb"] for v in table["action_verbs"]),
        actor=re.compile(
            rf"(?:^|,\s+|^(?:giao|đề nghị|yêu cầu)\s+)(?P<head>(?:{heads}))(?!\w)", re.IGNORECASE
        ),
        actor_verb=re.compile(rf"(?<!\w)(?:{_words(table['actor_verbs'])})(?!\w)", re.IGNORECASE),
        leading_clauses=tuple(table["leading_clauses"]),
        action_doc_types=frozenset(table["action_doc_types"]),
        field_labels={
            kind: tuple(sorted((e["label"] for e in entries), key=len, reverse=True))
            for kind, entries in table["field_labels"].items()
            if not kind.startswith("_")
        },
        fallback_doc_types=frozenset(table["fallback_doc_types"]),
        deadlines=tuple(
            re.compile(p["pattern"], re.IGNORECASE) for p in table["deadline_patterns"]
        ),
        purpose_re=_phrase_re(table["purpose_headings"]["phrases"]),
        explanatory_re=_phrase_re(table["explanatory_starts"]["phrases"]),
        body_name_re=re.compile(
            rf"(?:^| )(?:{_words(h['phrase'] for h in table['body_names']['heads'])})"
            rf"((?: \w+){{0,{int(table['body_names']['max_words'])}}})$"
        ),
        clause_verb_re=re.compile(
            rf"(?:^| )(?:{_words(match_key(v) for v in table['body_names']['clause_verbs'])})(?: |$)"
        ),
    )


_LABEL_KEY = r"(?:[ivxlcdm]+ |\d+(?: \d+)* |[a-z] |dieu \d+\w* |muc \d+ |phan \w+ )?"


def _phrase_re(entries: list[dict[str, Any]]) -> re.Pattern[str]:
    """Folded phrases that a match key starts with, or is (``alone``), after an optional
    printed label."""
    alts = sorted(
        (re.escape(e["phrase"]) + ("$" if e.get("alone") else "(?: |$)") for e in entries),
        key=len,
        reverse=True,
    )
    return re.compile(rf"{_LABEL_KEY}(?:{'|'.join(alts)})")


#: a unit that defines a quoted term: (1) “Báo cáo viên” là …, "Chủ quản dữ liệu": Là …
_DEFINITION_RE = re.compile(
    r"^\W*(?:\(\d+\)|\d+[.)]|[a-zđ][.)])?\s*[“\"][^”\"]{1,80}[”\"]\s*:?\s*(?:là|được hiểu là)\b",
    re.IGNORECASE,
)


def is_purpose_heading(heading: str) -> bool:
    """True when ``heading`` opens a part of purposes, views, assessments or definitions
    (data: ``purpose_headings``), whose units are never tasks.

    >>> is_purpose_heading("I- MỤC TIÊU, YÊU CẦU"), is_purpose_heading("II. NỘI DUNG THỰC HIỆN")
    (True, False)
    """
    return cues().purpose_re.match(match_key(heading[:120])) is not None


def is_explanatory(text: str) -> bool:
    """True when a unit only explains: an example ("Ví dụ: …") or the definition of a quoted
    term (data: ``explanatory_starts``).

    >>> is_explanatory("– Ví dụ: xã có 3 chi bộ."), is_explanatory("(1) “Báo cáo viên” là người …")
    (True, True)
    >>> is_explanatory("- Tham mưu ban hành kế hoạch")
    False
    """
    t = re.sub(r"^[-–—+•*]\s*", "", text.strip())
    if _DEFINITION_RE.match(t):
        return True
    return cues().explanatory_re.match(match_key(t[:80])) is not None


def _strip_label(text: str, section: Section) -> str:
    """``text`` without the section's printed label ("- ", "3. ", "a) ", "Điều 3. ")."""
    t = text.strip()
    t = re.sub(r"^[-–—+•]\s*", "", t)
    label = re.escape(section.label)
    t = re.sub(rf"^(?:(?:Điều|Khoản|Điểm|Mục|Chương|Phần)\s+)?{label}\s*[.)/:]?\s+", "", t, count=1)
    return t.strip()


def heading_text(section: Section) -> str:
    """A section's heading, or the first line of its own text without the label."""
    if section.heading:
        return section.heading
    first = section.text.strip().split("\n", 1)[0]
    return _strip_label(first, section)


def is_task_heading(heading: str, *, exact: bool = False) -> bool:
    """True when ``heading`` opens a task part (data: ``headings`` of the cue table).

    With ``exact``, the heading must be the phrase alone (no topic after it): a law's
    "Chương VI. TỔ CHỨC THỰC HIỆN QUY HOẠCH" is a chapter about planning, not a task part.

    >>> is_task_heading("II. NỘI DUNG THỰC HIỆN"), is_task_heading("I. MỤC ĐÍCH, YÊU CẦU")
    (True, False)
    >>> is_task_heading("TỔ CHỨC THỰC HIỆN QUY HOẠCH", exact=True)
    False
    """
    m = cues().heading_re.match(match_key(heading[:120]))
    return m is not None and (not exact or m.end() >= len(match_key(heading[:120])))


def starts_with_action(text: str) -> bool:
    """True when ``text`` begins with an action verb of the cue table.

    >>> starts_with_action("Tiếp tục đổi mới ..."), starts_with_action("Nghị quyết này ...")
    (True, False)
    """
    key = match_key(text[:80])
    return any(key == v or key.startswith(v + " ") for v in cues().action_verbs)


def _sentences(text: str) -> Iterator[str]:
    for line in text.split("\n"):
        line = line.strip()
        if line:
            yield re.split(r"(?<=[.;:!?])\s", line, maxsplit=1)[0]


def find_actor(text: str) -> str | None:
    """The acting body a sentence names before what it does, or ``None``.

    >>> find_actor("Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với Sở Y tế.")
    'Ban Tuyên giáo Tỉnh ủy'
    >>> find_actor("Tham mưu cấp ủy ban hành chương trình hành động.") is None
    True
    """
    c = cues()
    for m in c.actor.finditer(text):
        start = m.start("head")
        if start > 0 and not re.match(r"(?:giao|đề nghị|yêu cầu)\s+$", text[:start], re.I):
            lead = match_key(text[:start])
            if not any(lead == w or lead.startswith(w + " ") for w in c.leading_clauses):
                continue  # an actor stands first, or right after a leading clause
        verb = c.actor_verb.search(text, m.end("head"))
        if verb is None:
            continue
        actor = text[start : verb.start()].strip(" ,;")
        if actor.count("(") > actor.count(")"):
            actor = actor[: actor.rfind("(")].strip(" ,;")  # never end inside a parenthesis
        if actor and len(actor.split()) <= 24:
            return actor
    return None


def find_deadline(text: str) -> str | None:
    """The first time limit ``text`` states, or ``None``.

    >>> find_deadline("Hoàn thành trước ngày 31/3/2024.")
    'trước ngày 31/3/2024'
    """
    found: list[tuple[int, str]] = []
    for pattern in cues().deadlines:
        m = pattern.search(text)
        if m:
            found.append((m.start("deadline"), m.group("deadline").strip()))
    return min(found)[1] if found else None


def _units(section: Section) -> list[Section]:
    return [c for c in section.children if c.kind not in _NOT_UNITS]


def field_line(text: str) -> tuple[str, str] | None:
    """``(kind, value)`` when ``text`` states a property of a task ("Đơn vị chủ trì: Vụ X"):
    kind is ``actor``, ``deadline`` or ``other`` (data: ``field_labels``).

    >>> field_line("- Đơn vị chủ trì: Vụ Pháp luật.")
    ('actor', 'Vụ Pháp luật')
    >>> field_line("Tổ chức hội nghị: tháng 3") is None
    True
    """
    t = re.sub(r"^[-–—+•]\s*", "", text.strip())
    label, colon, value = t.partition(":")
    if not colon or len(label) > 40:
        return None
    key = match_key(label)
    for kind, labels in cues().field_labels.items():
        if key in labels:
            return kind, value.strip().rstrip(".;").strip()
    return None


def _fields_only(units: list[Section]) -> bool:
    return bool(units) and all(
        not c.children and field_line(_strip_label(c.text, c) or c.text) for c in units
    )


def _leaves(
    section: Section, path: tuple[Section, ...]
) -> Iterator[tuple[Section, tuple[Section, ...]]]:
    if path and (
        is_explanatory(_strip_label(section.text, section))
        or (_units(section) and is_purpose_heading(heading_text(section)))
    ):
        return
    units = _units(section)
    if not units or _fields_only(units):
        if not (path and field_line(_strip_label(section.text, section) or section.text)):
            yield section, path  # a lone property line is not a task
        return
    for child in units:
        yield from _leaves(child, (*path, section))


def _has_body(section: Section) -> bool:
    """True when a section's own text says more than its heading line."""
    lines = [x for x in section.text.strip().split("\n") if x.strip()]
    return len(lines) > 1 or (
        section.heading is None and len(lines[0].split()) > 8 if lines else False
    )


def _is_directive(text: str) -> bool:
    """True when a unit's text reads as a direction: an action verb, or an actor, first."""
    if starts_with_action(text):
        return True
    first = next(_sentences(text), "")
    actor = find_actor(first)
    return actor is not None and first.startswith(actor)


def task_units(doc: Document) -> list[tuple[Section, tuple[Section, ...]]]:
    """The sections of ``doc`` that are tasks, each with its ancestors (outermost first).

    Leaves of task parts first; then, for the document types of ``action_doc_types`` (a
    directive's or a conclusion's numbered points) — or of ``fallback_doc_types`` when no
    task part was found — the other leaves that begin with an action verb or an actor.
    """
    out: list[tuple[Section, tuple[Section, ...]]] = []
    in_parts: set[str] = set()

    def visit(section: Section, path: tuple[Section, ...]) -> None:
        if _units(section) and is_purpose_heading(heading_text(section)):
            in_parts.update(s.id for s in section.walk())  # never tasks, not even by fallback
            return
        can_open = section.kind in _PART_KINDS or section.heading is not None or _units(section)
        exact = section.kind in _EXACT_KINDS
        if can_open and is_task_heading(heading_text(section), exact=exact):
            in_parts.update(s.id for s in section.walk())
            if _units(section) or _has_body(section):
                out.extend(_leaves(section, path))
            return
        for child in section.children:
            visit(child, (*path, section))

    for s in doc.sections:
        visit(s, ())
    c = cues()
    doc_type = doc.metadata.doc_type
    if not (doc_type in c.action_doc_types or (not out and doc_type in c.fallback_doc_types)):
        return out

    found: list[tuple[Section, tuple[Section, ...]]] = []

    def fallback(section: Section, path: tuple[Section, ...]) -> None:
        if section.id in in_parts:
            return
        units = _units(section)
        if not units:
            own = _strip_label(section.text, section)
            if section.kind not in _NOT_UNITS and _is_directive(own) and not is_explanatory(own):
                found.append((section, path))
            return
        for child in units:
            fallback(child, (*path, section))

    for s in doc.sections:
        fallback(s, ())
    order = {s.id: i for i, s in enumerate(doc.walk())}
    return sorted([*out, *found], key=lambda t: order.get(t[0].id, 0))


def _key_of(ref: Reference) -> str | None:
    return ref.target.split("#", 1)[0] if ref.target else None


def _number_of(ref: Reference) -> str | None:
    if ref.number:
        return ref.number
    key = _key_of(ref)
    return key.split("@", 1)[0] if key else None


def _is_self(ref: Reference, doc: Document) -> bool:
    if ref.kind == "relative":
        return True
    key = _key_of(ref)
    if key and doc.key and key == doc.key:
        return True
    return bool(ref.number and ref.number == doc.metadata.number and not ref.date)


#: punctuation that ends the clause a reference stands in, looking back from it
_CLAUSE_BREAK_RE = re.compile(r"[,;:.()\[\]\n“”\"]")


def in_body_name(text: str, start: int) -> bool:
    """Whether the mention at ``start`` of ``text`` is part of a body's name (its remit), so
    not a task's source (heads in ``task_headings.json`` ``body_names``).

    >>> s = "báo cáo Ban Chỉ đạo Trung ương tổng kết Nghị quyết 18 khi có vướng mắc"
    >>> in_body_name(s, s.index("Nghị quyết"))
    True
    >>> s = "Ban Chỉ đạo chủ trì, thực hiện Nghị quyết 18"
    >>> in_body_name(s, s.index("Nghị quyết"))
    False
    """
    before = text[max(0, start - 160) : start]
    breaks = list(_CLAUSE_BREAK_RE.finditer(before))
    clause = match_key(before[breaks[-1].end() :] if breaks else before)
    c = cues()
    m = c.body_name_re.search(clause)
    return m is not None and c.clause_verb_re.search(m.group(1)) is None


def _sources(
    refs_by_section: dict[str, list[Reference]],
    task: Section,
    ancestors: Sequence[Section],
    doc: Document,
) -> tuple[TaskSource, ...]:
    seen: set[str] = set()
    out: list[TaskSource] = []

    def take(refs: Iterable[Reference], via: str) -> None:
        for ref in refs:
            number = _number_of(ref)
            if not number or ref.relation in NOT_SOURCE_RELATIONS or _is_self(ref, doc):
                continue
            if in_body_name(doc.text, ref.span.start):
                continue
            key = _key_of(ref)
            ident = key or number
            if ident in seen or number in seen:
                continue
            seen.update((ident, number))
            out.append(TaskSource(number=number, key=key, via=via))  # type: ignore[arg-type]

    take((r for s in task.walk() for r in refs_by_section.get(s.id, ())), "direct")
    for anc in reversed(ancestors):  # nearest heading first
        take(refs_by_section.get(anc.id, ()), "inherited")
    return tuple(out)


def find_tasks(doc: Document) -> list[Task]:
    """The task items of ``doc`` with their sources, actor and deadline, in document order.

    Sources carry a ``key`` when the references were resolved (see
    :meth:`vbpl.corpus.Corpus.resolve`), else ``None``.
    """
    refs_by_section: dict[str, list[Reference]] = {}
    for ref in sorted(doc.references, key=lambda r: r.span.start):
        if ref.section:
            refs_by_section.setdefault(ref.section, []).append(ref)
    tasks: list[Task] = []
    for section, ancestors in task_units(doc):
        own = _strip_label(section.text, section)
        if not own:
            continue
        fields = [
            f for c in _units(section) if (f := field_line(_strip_label(c.text, c) or c.text))
        ]
        stated = {kind: value for kind, value in reversed(fields)}
        first = next(_sentences(own), "")
        actor = stated.get("actor") or find_actor(first)
        if actor is None:
            for anc in reversed(ancestors):
                for sentence in _sentences(_strip_label(anc.text, anc)):
                    actor = find_actor(sentence)
                    if actor:
                        break
                if actor:
                    break
        tasks.append(
            Task(
                section=section.id,
                document=doc.key,
                text=" ".join(own.split()),
                actor=actor,
                deadline=stated.get("deadline") or find_deadline(own),
                sources=_sources(refs_by_section, section, ancestors, doc),
            )
        )
    return tasks


DOCUMENT_VIEWS["tasks"] = find_tasks  # Document.tasks


__all__ = [
    "NOT_SOURCE_RELATIONS",
    "TaskCues",
    "cues",
    "field_line",
    "find_actor",
    "find_deadline",
    "find_tasks",
    "heading_text",
    "in_body_name",
    "is_explanatory",
    "is_purpose_heading",
    "is_task_heading",
    "match_key",
    "starts_with_action",
    "task_units",
]
