"""Text stage: normalisation with offset maps, ASCII folding, reading bytes as text, scanning
a long text with many patterns a block at a time."""

from vbpl.text.fold import fold
from vbpl.text.normalize import Normalized, OffsetMap, normalize, normalize_text
from vbpl.text.read import decode_bytes, read_text

__all__ = [
    "Normalized",
    "OffsetMap",
    "decode_bytes",
    "fold",
    "normalize",
    "normalize_text",
    "read_text",
]
