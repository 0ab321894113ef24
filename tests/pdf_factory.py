"""Build small PDF files by hand for the tests: pages of text (any Unicode, through a ToUnicode
map) or pages without text (a scan). No PDF library writes them, so the reader is tested on
bytes it did not make."""

from __future__ import annotations


def _obj(n: int, body: bytes) -> bytes:
    return f"{n} 0 obj\n".encode() + body + b"\nendobj\n"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose page k shows the lines ``pages[k]`` (an empty list: a page with no text)."""
    chars = sorted({c for page in pages for line in page for c in line})
    if len(chars) > 250:
        raise ValueError("too many distinct characters for a one-byte font")
    code = {c: i + 1 for i, c in enumerate(chars)}
    cmap_lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CMapName /Test def /CMapType 2 def",
        "1 begincodespacerange <00> <FF> endcodespacerange",
    ]
    for c in chars:
        cmap_lines.append(f"1 beginbfchar <{code[c]:02X}> <{ord(c):04X}> endbfchar")
    cmap_lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    cmap = "\n".join(cmap_lines).encode()
    objects: list[bytes] = []
    n_pages = len(pages)
    # 1 catalog, 2 pages, 3 font, 4 cmap, then (page, content) pairs
    kids = " ".join(f"{5 + 2 * k} 0 R" for k in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    widths = " ".join("500" for _ in range(256))
    objects.append(
        (
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 "
            f"/Widths [{widths}] /ToUnicode 4 0 R >>"
        ).encode()
    )
    objects.append(f"<< /Length {len(cmap)} >>\nstream\n".encode() + cmap + b"\nendstream")
    for k, page in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
        for line in page:
            hexs = "".join(f"{code[c]:02X}" for c in line)
            ops.append(f"<{hexs}> Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode() if page else b""
        objects.append(
            (
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {6 + 2 * k} 0 R >>"
            ).encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += _obj(i, body)
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
