"""Read a file's bytes as text, naming the encoding found.

Reads: bytes from a path or standard input. Writes: ``(text, encoding)``. UTF-8 (with or
without BOM) and UTF-16 with a BOM are read directly; legacy Vietnamese encodings (TCVN3,
VNI, VIQR, Windows-1258, mojibake) are detected by :mod:`vbpl.text.legacy`. Anything else is
an :class:`~vbpl.errors.InputError` naming the file.

>>> decode_bytes("Điều 1".encode("utf-8-sig"), "x.txt")
('Điều 1', 'utf-8-sig')
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from vbpl.errors import InputError
from vbpl.text.legacy import detect_and_decode

#: refuse inputs larger than this (bytes): a bound on memory, not a limit of the parser
MAX_INPUT_BYTES = 512 * 1024 * 1024


#: the first bytes of a zip file: a .docx is one
ZIP_SIGNATURE = b"PK\x03\x04"


def is_docx(data: bytes) -> bool:
    """True when ``data`` (a file's bytes, or its first bytes) is a zip, read as a .docx; a zip
    that is not one is refused by the docx reader with a clear error.

    >>> is_docx(b"PK\\x03\\x04rest"), is_docx("Điều 1".encode())
    (True, False)
    """
    return data[:4] == ZIP_SIGNATURE


def decode_bytes(data: bytes, name: str = "<input>") -> tuple[str, str]:
    """Decode ``data`` into text and return it with the name of the encoding used."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: broken UTF-16 ({e.reason} at byte {e.start})") from None
    if b"%PDF-" in data[:1024]:
        raise InputError(f"{name}: a PDF file, not text (vbpl parse reads a PDF's text layer)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    found = detect_and_decode(data, text)
    if found is not None:
        return found
    if text is not None:
        return text, "utf-8"
    raise InputError(f"{name}: not UTF-8, UTF-16 or a known Vietnamese legacy encoding")


def read_bytes(path: str | Path) -> bytes:
    """The bytes of ``path`` (``-`` is standard input), with clear errors."""
    name = str(path)
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            p = Path(path)
            if p.is_dir():
                raise InputError(f"{name}: is a folder, not a file")
            with p.open("rb") as f:
                data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as e:
        raise InputError(f"{name}: cannot read ({e.strerror or e})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: larger than {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    return data


def read_text(path: str | Path) -> tuple[str, str]:
    """Text and encoding of the file at ``path`` (``-`` reads standard input)."""
    return decode_bytes(read_bytes(path), str(path))


__all__ = ["MAX_INPUT_BYTES", "decode_bytes", "read_bytes", "read_text"]
