"""Bytes → text: find the encoding of an input and decode it, or say why not.

Cascade (first that succeeds wins):
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
2. UTF-16 without a BOM, recognised by NUL bytes in alternate positions;
3. strict UTF-8;
4. the legacy Arabic code pages (windows-1256, ISO-8859-6) and a declared charset,
   scored by how Arabic the result reads; bytes win over a lying declaration;
5. charset-normalizer for anything else.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from marsad.errors import RejectedInput

#: How much of the input is sampled for binary and UTF-16 sniffing.
SNIFF_BYTES = 8192
#: Share of control bytes (other than \t \n \r \f \x1b) above which an input is binary.
#: Text in any encoding we support has none; 0.1% tolerates a stray byte in a scraped page.
BINARY_CONTROL_SHARE = 0.001
#: Share of Arabic letters among letters needed to accept a legacy code-page decoding.
#: windows-1256 decodes nearly any byte string, so the score is what tells it is right;
#: real Arabic news scores > 0.6 (measured on encoding/anc_cp1256_raw), Latin text < 0.05.
LEGACY_ARABIC_SHARE = 0.3

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ("windows-1256", "iso-8859-6")


def decode_bytes(data: bytes, origin: str, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)`` or raise :class:`RejectedInput` (empty/binary/undecodable)."""
    if not data.strip():
        raise RejectedInput(origin, "empty", f"{len(data)} bytes, no text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(data, name, origin), name
    sample = data[:SNIFF_BYTES]
    utf16 = _sniff_utf16(sample)
    if utf16:
        return _strict(data, utf16, origin), utf16
    if _looks_binary(sample):
        raise RejectedInput(origin, "binary", "control bytes in the first 8 KB")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best = _best_legacy(data, declared)
    if best is not None:
        return best
    guess = from_bytes(data).best()
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        return str(guess), guess.encoding
    raise RejectedInput(
        origin,
        "undecodable",
        f"invalid UTF-8 at byte {utf8_error.start} and no other encoding fits",
    )


def arabic_share(text: str) -> float:
    """Share of Arabic-block letters among all letters (0.0 when there are no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0600" <= c <= "\u06ff" for c in letters) / len(letters)


def _strict(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RejectedInput(
            origin, "undecodable", f"invalid {encoding} at byte {exc.start}"
        ) from exc


def _sniff_utf16(sample: bytes) -> str | None:
    """UTF-16 without BOM: Arabic (U+06xx) and ASCII both put a NUL or 0x06 every other byte."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, name in ((odd, "utf-16-le"), (even, "utf-16-be")):
        share = sum(b in (0, 6) for b in high) / max(len(high), 1)
        if share > 0.9:
            return name
    return None


def _looks_binary(sample: bytes) -> bool:
    controls = sum(b < 32 and b not in (9, 10, 12, 13, 27) for b in sample)
    return controls / max(len(sample), 1) > BINARY_CONTROL_SHARE


def _best_legacy(data: bytes, declared: str | None) -> tuple[str, str] | None:
    candidates = list(_LEGACY)
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = ""
        if name and name not in ("utf-8", *candidates):
            candidates.insert(0, name)
    best: tuple[float, str, str] | None = None
    for enc in candidates:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        score = arabic_share(text)
        if best is None or score > best[0]:
            best = (score, text, enc)
    if best is not None and best[0] >= LEGACY_ARABIC_SHARE:
        return best[1], best[2]
    return None
