"""PDF files with a text layer: their text, page by page, through pypdf.

Reads: the bytes of a ``.pdf`` (found by its ``%PDF-`` signature, not its name). Writes:
:class:`~vbpl.parser.extract.Extracted` with format ``pdf`` — the text of every page, pages
separated by a form feed (``\\f``) so that the clean-up stage (:mod:`vbpl.clean.layout`) can
drop page numbers and running heads and join lines a page wrapped. A PDF whose pages carry no
text (a scan: images only) is an :class:`~vbpl.errors.InputError` saying so: vbpl does no OCR.
A damaged or encrypted file is an ``InputError`` too.

pypdf is imported here only, when a PDF is read (``import vbpl`` stays fast).

>>> extract_pdf(b"%PDF-1.4 not really", "x.pdf")
Traceback (most recent call last):
...
vbpl.errors.InputError: x.pdf: not a readable PDF file (...)
"""

from __future__ import annotations

import io

from vbpl.errors import InputError
from vbpl.parser.extract import Extracted

#: refuse PDFs with more pages than this (a bound on time, not a limit of the parser)
MAX_PAGES = 5000


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` starts like a PDF file (``%PDF-``, possibly after a few bytes).

    >>> is_pdf(b"%PDF-1.7\\n..."), is_pdf("Điều 1".encode())
    (True, False)
    """
    return b"%PDF-" in data[:1024]


def extract_pdf(data: bytes, name: str) -> Extracted:
    """The text layer of the PDF ``data`` (``name`` is used in error messages)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - a dependency of the package
        raise InputError(f"{name}: reading PDF needs the pypdf package") from None
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise InputError(f"{name}: an encrypted PDF (a password is needed)") from None
        if len(reader.pages) > MAX_PAGES:
            raise InputError(f"{name}: more than {MAX_PAGES} pages")
        pages = [(page.extract_text() or "") for page in reader.pages]
    except InputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise InputError(f"{name}: not a readable PDF file ({type(e).__name__}: {e})") from None
    except Exception as e:  # pypdf raises many kinds on a damaged file
        raise InputError(f"{name}: not a readable PDF file ({type(e).__name__}: {e})") from None
    if not pages:
        raise InputError(f"{name}: a PDF without pages")
    if not any(c.isalpha() for page in pages for c in page):
        raise InputError(
            f"{name}: the PDF has no text layer (a scan?); vbpl does not read images (no OCR)"
        )
    text = "\n\f".join(p.strip("\n") for p in pages)
    return Extracted(text=text, format="pdf")


__all__ = ["MAX_PAGES", "extract_pdf", "is_pdf"]
