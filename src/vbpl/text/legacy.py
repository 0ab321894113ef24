"""Detect and convert legacy Vietnamese encodings to Unicode (NFC).

Reads: the bytes of a file (and their UTF-8 decoding when they are valid UTF-8). Writes:
``(unicode_text, encoding_name)`` when the bytes are one of the legacy forms below, else
``None`` so that the caller keeps plain UTF-8.

===============  ==========================================================================
name             what it is
===============  ==========================================================================
``tcvn3``        TCVN 5712 VN3, the "ABC" ``.Vn`` fonts: one byte a letter
``vni``          VNI-Windows fonts: base letter + one mark byte
``viqr``         RFC 1456 Quoted-Readable: ASCII letters followed by ``( ^ + ' ` ? ~ .``
``cp1258``       Windows-1258: base letters + combining tone marks (decomposed)
``utf-8-mojibake``  UTF-8 that was read once as Windows-1252/Latin-1 ("Nghá»‹ quyáº¿t")
===============  ==========================================================================

TCVN3 and VNI text is found both as raw bytes and "dressed" as Unicode Latin-1 letters (a
UTF-8 file or web page written with a ``.VnTime`` or ``VNI-Times`` font: "Céng hßa"). Both
are detected. The tables are data (``src/vbpl/data/legacy_*.json``); :func:`encode_legacy`
is built from the same tables.

Detection is cheap for ordinary files: pure ASCII is checked for VIQR signs with one regular
expression; valid UTF-8 that already holds Vietnamese letters (ạ, ư, đ, …) is left alone at
once. Only suspicious input is decoded in every candidate form, and each candidate is scored
by how many of its words are well-formed Vietnamese syllables.

>>> detect_and_decode("Céng hßa x· héi chñ nghÜa ViÖt Nam".encode("cp1252"), None)
('Cộng hòa xã hội chủ nghĩa Việt Nam', 'tcvn3')
>>> detect_and_decode("Nghị quyết".encode("utf-8"), "Nghị quyết") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from vbpl.data import load_table

#: the encoding names this module returns and :func:`encode_legacy` accepts
ENCODINGS: tuple[str, ...] = ("tcvn3", "vni", "viqr", "cp1258", "utf-8-mojibake")

#: how many characters of a text are scored (detection reads a sample, then decodes it all)
SAMPLE_CHARS = 30_000
#: how many characters the cheap first check of valid UTF-8 reads
QUICK_CHARS = 20_000

#: distinct sequences remembered per decoder (legacy text repeats a few thousand syllables)
CACHE_LIMIT = 200_000


def _sub_cached(
    pattern: re.Pattern[str], text: str, convert: Callable[[str], str], cache: dict[str, str]
) -> str:
    """``pattern.sub`` with a function of the matched text only, each distinct match converted
    once. ``pattern`` has one capturing group around the whole match: ``split`` then gives
    the text between matches at even places and the matches at odd ones, and the work per
    match is one dictionary look-up instead of a call back from the regex engine.

    >>> _sub_cached(re.compile("([ab])"), "xaybza", str.upper, {})
    'xAyBzA'
    """
    parts = pattern.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = _convert_all(parts[1::2], convert, cache)
    return "".join(parts)


def _convert_all(
    matches: list[str], convert: Callable[[str], str], cache: dict[str, str]
) -> list[str]:
    if len(cache) > CACHE_LIMIT:
        cache.clear()
    get = cache.get
    out = [get(m) for m in matches]
    for i, value in enumerate(out):
        if value is None:  # not known before this text: convert once, reuse in this text too
            m = matches[i]
            value = get(m)
            if value is None:
                value = cache[m] = convert(m)
            out[i] = value
    return out  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# bytes <-> "byte characters" (the Windows-1252 view, Latin-1 where cp1252 has a hole)


@cache
def _byte_chars() -> tuple[str, dict[str, int]]:
    chars = []
    for b in range(256):
        try:
            c = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            c = chr(b)
        chars.append(c)
    reverse = {c: b for b, c in enumerate(chars)}
    for b in range(0x80, 0xA0):  # a Latin-1 reading leaves C1 controls: same bytes
        reverse.setdefault(chr(b), b)
    return "".join(chars), reverse


def _bytes_to_chars(data: bytes) -> str:
    table = _byte_chars()[0]
    return data.decode("latin-1").translate(dict(enumerate(table)))


@cache
def _to_latin1() -> dict[int, int]:
    return {ord(c): b for c, b in _byte_chars()[1].items()}


def _chars_to_bytes(text: str) -> bytes | None:
    try:
        return text.translate(_to_latin1()).encode("latin-1")
    except UnicodeEncodeError:
        return None


# ---------------------------------------------------------------------------------------------
# Vietnamese letters and syllables (for scoring candidates)

_TONE_MARKS = "\u0300\u0301\u0309\u0303\u0323"
_VIET_SPECIFIC = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)
_ONSET = "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
_NUCLEI = [
    "a",
    "ă",
    "â",
    "e",
    "ê",
    "i",
    "o",
    "ô",
    "ơ",
    "u",
    "ư",
    "y",
    "ai",
    "ao",
    "au",
    "ay",
    "âu",
    "ây",
    "eo",
    "êu",
    "ia",
    "iê",
    "iu",
    "oa",
    "oă",
    "oe",
    "oi",
    "ôi",
    "ơi",
    "ua",
    "uâ",
    "uê",
    "ui",
    "uô",
    "uơ",
    "uy",
    "ưa",
    "ưi",
    "ưu",
    "ươ",
    "yê",
    "iêu",
    "yêu",
    "oai",
    "oao",
    "oay",
    "oeo",
    "uây",
    "uôi",
    "uya",
    "uyê",
    "uyu",
    "ươi",
    "ươu",
]
_SYLLABLE = re.compile(
    rf"{_ONSET}(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:ch|ng|nh|[cmnpt])?"
)
_WORD = re.compile(r"[^\W\d_]+")
#: Latin-1 symbols and combining marks that a failed conversion leaves behind
_STRAY = re.compile("[\u00a1-\u00bf\u0300-\u036f]")


@cache
def _strip_tone_table() -> dict[int, str]:
    out: dict[int, str] = {}
    for cp in list(range(0xC0, 0x1B1)) + list(range(0x1EA0, 0x1EFA)):
        c = chr(cp)
        d = unicodedata.normalize("NFD", c)
        if any(m in d for m in _TONE_MARKS):
            base = unicodedata.normalize("NFC", "".join(ch for ch in d if ch not in _TONE_MARKS))
            out[cp] = base
    return out


@lru_cache(maxsize=65_536)
def _is_syllable(word: str) -> bool:
    w = word.lower()
    stripped = w.translate(_strip_tone_table())
    tones = sum(1 for a, b in zip(w, stripped, strict=True) if a != b)
    return tones <= 1 and _SYLLABLE.fullmatch(stripped) is not None


def score(text: str) -> tuple[int, int]:
    """``(good, bad)``: words with Vietnamese letters that are / are not Vietnamese syllables.

    Bad also counts stray marks and Latin-1 symbols a failed conversion leaves behind.

    >>> score("Cộng hòa xã hội"), score("Céng hßa x· héi chñ nghÜa")
    ((4, 0), (1, 5))
    """
    good = bad = 0
    for m in _WORD.finditer(text):
        w = m.group()
        if w.isascii():
            continue
        if _is_syllable(w):
            good += 1
        else:
            bad += 1
    bad += len(_STRAY.findall(text))
    return good, bad


def _accept(
    candidate: str, baseline: tuple[int, int] | None = None, min_good: int = 3
) -> tuple[int, int] | None:
    """The score of ``candidate`` when it reads as Vietnamese (and better than ``baseline``)."""
    good, bad = score(candidate[:SAMPLE_CHARS])
    if good < min_good or good < 4 * bad:
        return None
    if baseline is not None and good - bad <= baseline[0] - baseline[1]:
        return None
    return good, bad


# ---------------------------------------------------------------------------------------------
# tables


@cache
def _table(name: str) -> dict[str, str]:
    """Unicode letter -> legacy sequence (byte characters) of ``tcvn3`` or ``vni``."""
    return dict(load_table(f"legacy_{name}")["map"])


@cache
def _decoder(name: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """A pattern matching every legacy sequence of ``name`` and the sequence -> letter map.

    Sequences of two characters (VNI: base letter + mark) are matched as a pair of character
    classes, single characters as one class; the map rejects pairs that are not letters.
    """
    reverse = {v: k for k, v in _table(name).items()}
    singles = "".join(sorted(re.escape(k) for k in reverse if len(k) == 1))
    firsts = "".join(sorted({re.escape(k[0]) for k in reverse if len(k) == 2}))
    seconds = "".join(sorted({re.escape(k[1]) for k in reverse if len(k) == 2}))
    parts = []
    if firsts:
        parts.append(f"[{firsts}][{seconds}]")
    if singles:
        parts.append(f"[{singles}]")
    return re.compile("(" + "|".join(parts) + ")"), reverse


@cache
def _translation(name: str) -> dict[int, str] | None:
    """A str.translate table when every sequence of ``name`` is one character (TCVN3)."""
    reverse = {v: k for k, v in _table(name).items()}
    if any(len(k) != 1 for k in reverse):
        return None
    return {ord(k): v for k, v in reverse.items()}


def _decode_table(text: str, name: str) -> str:
    table = _translation(name)
    if table is not None:
        return text.translate(table)
    pattern, reverse = _decoder(name)

    def letter(seq: str) -> str:
        if seq in reverse:
            return reverse[seq]
        # a base letter followed by a mark that does not combine with it: keep the base,
        # read the mark on its own
        return seq[0] + reverse.get(seq[1], seq[1])

    return _sub_cached(pattern, text, letter, _decoded_cache(name))


@cache
def _decoded_cache(name: str) -> dict[str, str]:
    return {}


#: a word of capitals and non-ASCII letters with at least one lower-case non-ASCII letter
#: (a TCVN3 capital word typed with lower-case codes): no lower-case ASCII letter in it
_CAPS_CANDIDATE = re.compile(
    r"(?<![^\W\d_])[A-Z\u00c0-\u024f\u1ea0-\u1ef9]*[\u00df-\u00ff\u0101-\u024f\u1ea1-\u1ef9]"
    r"[A-Z\u00c0-\u024f\u1ea0-\u1ef9]*(?![^\W\d_])"
)
_PREV_WORD = re.compile(r"([^\W\d_]+)[ \t]+$")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _capital_word(w: str) -> bool:
    """A word written in capitals: all capitals, or capitals with lower-case TCVN3 codes."""
    if any("a" <= c <= "z" for c in w):
        return False
    return sum(1 for c in w if c.isupper()) >= 2 or (w.isupper() and len(w) > 1)


def _restore_capitals(text: str) -> str:
    """Upper-case TCVN3 words typed in capitals (.VnTimeH): ``CéNG`` -> ``CỘNG``.

    The .VnTimeH fonts draw every code as a capital, so such words mix ASCII capitals with
    lower-case Vietnamese codes. A word without lower-case ASCII letters is upper-cased when it
    has two capitals, or one capital and a neighbour written in capitals with only spaces
    between them.
    """

    def fix(m: re.Match[str]) -> str:
        w = m.group()
        if not any(c.isupper() for c in w):
            return w
        if _capital_word(w):
            return w.upper()
        s, e = m.span()
        before = _PREV_WORD.search(text, max(0, s - 40), s)
        after = _NEXT_WORD.match(text, e, e + 40)
        near = [x.group(1) for x in (before, after) if x is not None]
        return w.upper() if any(_capital_word(x) for x in near) else w

    return _CAPS_CANDIDATE.sub(fix, text)


def decode_tcvn3(text: str) -> str:
    """TCVN3 byte characters to Unicode.

    >>> decode_tcvn3("Céng hßa x· héi chñ nghÜa ViÖt Nam")
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    >>> decode_tcvn3("QUèC HéI")
    'QUỐC HỘI'
    """
    return _restore_capitals(_decode_table(text, "tcvn3"))


def decode_vni(text: str) -> str:
    """VNI-Windows byte characters to Unicode.

    >>> decode_vni("Coäng hoøa xaõ hoäi")
    'Cộng hòa xã hội'
    """
    return _decode_table(text, "vni")


@cache
def _viqr() -> dict:
    return load_table("legacy_viqr")


def decode_viqr(text: str) -> str:
    """VIQR (RFC 1456) to Unicode.

    A mark after a vowel applies to it, as RFC 1456 says, even at the end of a line (headings
    end in "CHÍNH PHỦ", "đô thị"); a backslash makes the next character literal (``a\\.``);
    a second tone sign on a syllable that already has one is punctuation (``này.``).

    >>> decode_viqr("Vie^.t Nam, ngu+o+`i da^n.")
    'Việt Nam, người dân.'
    """
    # every match of the letter pattern, and the look-back of _viqr_has_tone, stays inside
    # one run of letters, signs and escapes: runs repeat (syllables), so each distinct run
    # is decoded once
    return _sub_cached(_VIQR_TOKEN, text, _decode_viqr_run, _viqr_cache())


@cache
def _viqr_cache() -> dict[str, str]:
    return {}


_VIQR_TOKEN = re.compile(r"((?:\\.|[A-Za-z(^+`'?~.])+)", re.DOTALL)


def _decode_viqr_run(text: str) -> str:
    pattern, modifiers, bases, tones = _viqr_decoder()

    def letter(m: re.Match[str]) -> str:
        if m.group("esc") is not None:
            return m.group("esc")
        if m.group("d1") is not None:
            return "đ" if m.group("d1") == "d" else "Đ"
        vowel, mod = m.group("v"), m.group("mod") or ""
        tone = m.group("tone") or m.group("tone2") or ""
        if mod and vowel not in bases[mod]:
            return m.group()
        if tone and _viqr_has_tone(text, m.start()):
            return unicodedata.normalize("NFC", vowel + modifiers.get(mod, "")) + tone
        marks = modifiers.get(mod, "") + tones.get(tone, "")
        return unicodedata.normalize("NFC", vowel + marks)

    return pattern.sub(letter, text)


@cache
def _viqr_decoder() -> tuple[re.Pattern[str], dict[str, str], dict[str, str], dict[str, str]]:
    t = _viqr()
    mods = "".join(re.escape(c) for c in t["modifiers"])
    tones = "".join(re.escape(c) for c in t["tones"])
    vowels = "".join(t["vowels"])
    pattern = re.compile(
        rf"\\(?P<esc>.)|(?P<d1>d|D)(?:(?<=d)d|(?<=D)[dD])"
        rf"|(?P<v>[{vowels}])(?:(?P<mod>[{mods}])(?P<tone>[{tones}])?|(?P<tone2>[{tones}]))",
        re.DOTALL,
    )
    return pattern, t["modifiers"], t["modifier_bases"], t["tones"]


_VIQR_RUN = re.compile(r"[A-Za-z(^+`'?~.]+\Z")
_VIQR_TONED = re.compile(r"[aeiouyAEIOUY][(^+]?[`'?~.]")


def _viqr_has_tone(text: str, start: int) -> bool:
    """Whether the syllable ending at ``start`` (source text) already carries a tone sign."""
    run = _VIQR_RUN.search(text, max(0, start - 8), start)
    return bool(run and _VIQR_TONED.search(run.group()))


def decode_cp1258(data: bytes) -> str:
    """Windows-1258 bytes (tone marks as combining characters) to NFC Unicode.

    >>> decode_cp1258("Vi\\u00ea\\u0323t".encode("cp1258"))
    'Việt'
    """
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


@cache
def _mojibake_re() -> re.Pattern[str]:
    chars, _ = _byte_chars()

    def cls(lo: int, hi: int) -> str:
        out = "".join(re.escape(chars[b]) for b in range(lo, hi + 1))
        extra = "".join(re.escape(chr(b)) for b in range(max(lo, 0x80), min(hi, 0x9F) + 1))
        return f"[{out}{extra}]"

    cont = cls(0x80, 0xBF)
    return re.compile(
        f"({cls(0xC2, 0xDF)}{cont}|{cls(0xE0, 0xEF)}{cont}{{2}}|{cls(0xF0, 0xF4)}{cont}{{3}})"
    )


def repair_mojibake(text: str) -> tuple[str, int]:
    """Undo one wrong Windows-1252/Latin-1 reading of UTF-8; returns the text and the count
    of sequences repaired. Text around the damaged runs is kept as it is.

    >>> repair_mojibake("Nghá»‹ quyáº¿t sá»‘ 45")
    ('Nghị quyết số 45', 3)
    """

    def fix(seq: str) -> str:
        raw = _chars_to_bytes(seq)
        if raw is None:
            return seq
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return seq

    parts = _mojibake_re().split(text)
    if len(parts) == 1:
        return text, 0
    matches = parts[1::2]
    fixed = _convert_all(matches, fix, _mojibake_cache())
    count = sum(1 for a, b in zip(matches, fixed, strict=True) if a != b)
    parts[1::2] = fixed
    return "".join(parts), count


@cache
def _mojibake_cache() -> dict[str, str]:
    return {}


# ---------------------------------------------------------------------------------------------
# detection

_VIQR_HINT = re.compile(rb"[aeoAEO]\^|[ouOU]\+|[aA]\(|\b[dD][dD][aeiouyAEIOUY]")
_MOJIBAKE_HINT = re.compile(
    "[ÃÄÆá][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)
_LATIN1_LETTER = re.compile("[\u00a0-\u00ff]")


def detect_and_decode(data: bytes, utf8_text: str | None) -> tuple[str, str] | None:
    """``(unicode_text, encoding)`` when ``data`` is a legacy Vietnamese encoding, else ``None``.

    ``utf8_text`` is ``data`` decoded as UTF-8 when that succeeded (the caller has it already),
    else ``None``. Valid UTF-8 that already reads as Vietnamese, and plain ASCII without VIQR
    signs, give ``None`` quickly.

    >>> viqr = "Ngu+o+`i da^n Vie^.t Nam co' quye^`n"
    >>> detect_and_decode(viqr.encode(), viqr)
    ('Người dân Việt Nam có quyền', 'viqr')
    """
    if utf8_text is not None:
        if data.isascii():
            return _detect_viqr(data, utf8_text)
        return _detect_in_unicode(utf8_text)
    return _detect_in_bytes(data)


def _detect_viqr(data: bytes, text: str) -> tuple[str, str] | None:
    hints = len(_VIQR_HINT.findall(data, 0, SAMPLE_CHARS))
    if hints < 3:
        return None
    decoded = decode_viqr(text)
    words = sum(1 for _ in _WORD.finditer(text[:SAMPLE_CHARS]))
    found = _accept(decoded)
    if found is None or found[0] < max(4, words // 10):
        return None
    return decoded, "viqr"


def _detect_in_unicode(text: str) -> tuple[str, str] | None:
    # the cheap check: Vietnamese letters, mojibake pairs and Latin-1 letters of the first part
    quick = text[:QUICK_CHARS]
    viet = len(_VIET_SPECIFIC.findall(quick))
    mojibake = len(_MOJIBAKE_HINT.findall(quick))
    latin1 = len(_LATIN1_LETTER.findall(quick))
    if mojibake < 2 and (latin1 < 3 or viet * 4 > latin1):
        return None
    sample = text[:SAMPLE_CHARS]
    if mojibake >= 2 and mojibake * 2 >= viet:
        repaired, count = repair_mojibake(text)
        if count and _accept(repaired[:SAMPLE_CHARS], score(sample)) is not None:
            return repaired, "utf-8-mojibake"
    if latin1 < 3 or viet * 4 > latin1:
        return None
    baseline = score(sample)
    best: tuple[int, str, str] | None = None
    for name, decode in (("tcvn3", decode_tcvn3), ("vni", decode_vni)):
        found = _accept(decode(sample), baseline)
        if found is not None and (best is None or found[0] - found[1] > best[0]):
            best = (found[0] - found[1], name, "")
    if best is None:
        return None
    name = best[1]
    return (decode_tcvn3(text) if name == "tcvn3" else decode_vni(text)), name


def _detect_in_bytes(data: bytes) -> tuple[str, str] | None:
    sample = data[:SAMPLE_CHARS]
    chars = _bytes_to_chars(sample)
    best: tuple[int, str] | None = None
    candidates = {
        "cp1258": decode_cp1258(sample),
        "tcvn3": decode_tcvn3(chars),
        "vni": decode_vni(chars),
    }
    for name, decoded in candidates.items():
        found = _accept(decoded, min_good=1)
        if found is not None and (best is None or found[0] - found[1] > best[0]):
            best = (found[0] - found[1], name)
    if best is None:
        return None
    name = best[1]
    if name == "cp1258":
        return decode_cp1258(data), name
    full = _bytes_to_chars(data)
    return (decode_tcvn3(full) if name == "tcvn3" else decode_vni(full)), name


# ---------------------------------------------------------------------------------------------
# encoding (tests and fixtures)


def encode_legacy(text: str, encoding: str) -> bytes:
    """``text`` written in a legacy ``encoding`` (one of :data:`ENCODINGS`), as bytes.

    TCVN3 writes capitals with tone marks with the lower-case codes (as the .VnTimeH capital
    fonts do); VIQR escapes literal signs that would otherwise be read as marks.

    >>> encode_legacy("Việt Nam", "vni")
    b'Vie\\xe4t Nam'
    >>> encode_legacy("Việt Nam", "viqr")
    b'Vie^.t Nam'
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "utf-8-mojibake":
        return _bytes_to_chars(text.encode("utf-8")).encode("utf-8")
    if encoding == "cp1258":
        return _encode_cp1258(text)
    if encoding == "viqr":
        return _encode_viqr(text).encode("ascii")
    if encoding in ("tcvn3", "vni"):
        table = _table(encoding)
        out = []
        for c in text:
            if c in table:
                out.append(table[c])
            elif encoding == "tcvn3" and c.lower() in table:
                out.append(table[c.lower()])
            else:
                out.append(c)
        raw = _chars_to_bytes("".join(out))
        if raw is None:
            raise ValueError(f"text has characters that {encoding} cannot write")
        return raw
    raise ValueError(f"unknown legacy encoding {encoding!r}; one of {', '.join(ENCODINGS)}")


def _encode_cp1258(text: str) -> bytes:
    out = bytearray()
    for c in text:
        d = unicodedata.normalize("NFD", c)
        tone = "".join(m for m in d if m in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in d if m not in _TONE_MARKS))
        out += (base + tone).encode("cp1258")
    return bytes(out)


@cache
def _viqr_encoder() -> tuple[dict[str, str], dict[str, str]]:
    t = _viqr()
    return {v: k for k, v in t["modifiers"].items()}, {v: k for k, v in t["tones"].items()}


def _encode_viqr(text: str) -> str:
    mods, tones = _viqr_encoder()
    t = _viqr()
    marks = set(t["modifiers"]) | set(t["tones"])
    vowels = set(t["vowels"])
    out: list[str] = []
    prev = ""  # the last character written, or "đ" after a written dd pair
    for c in text:
        if c in "đĐ":
            out.append("dd" if c == "đ" else "DD")
            prev = "đ"
            continue
        d = unicodedata.normalize("NFD", c)
        if d[0] in vowels and len(d) > 1:
            rest = d[1:]
            piece = d[0] + "".join(mods[m] for m in rest if m in mods)
            piece += "".join(tones[m] for m in rest if m in tones)
            out.append(piece)
            prev = piece[-1]
            continue
        if c == "\\":
            out.append("\\\\")
        elif (c in marks and (prev in vowels or prev in marks)) or (
            c in "dD" and prev in "dD" and prev
        ):
            out.append("\\" + c)
        else:
            out.append(c)
        prev = c
    return "".join(out)


__all__ = [
    "ENCODINGS",
    "decode_cp1258",
    "decode_tcvn3",
    "decode_viqr",
    "decode_vni",
    "detect_and_decode",
    "encode_legacy",
    "repair_mojibake",
    "score",
]
