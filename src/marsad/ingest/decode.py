"""Bytes → text: find the encoding of an input and decode it, or say why not.

Cascade (first that succeeds wins):
1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
2. UTF-16 without a BOM, recognised by NUL bytes in alternate positions;
3. strict UTF-8;
4. the legacy Arabic code pages (windows-1256, ISO-8859-6) and a declared charset,
   scored by how Arabic the result reads; bytes win over a lying declaration;
5. charset-normalizer for anything else.

A declared charset comes from the caller (an HTTP ``Content-Type`` header) or from the
document itself (``<meta charset>``, ``<?xml encoding?>``: see :func:`declared_charset`).
It is only a hint: valid UTF-8 stays UTF-8 whatever the page claims, and a legacy code page
must read as Arabic to be taken. After decoding, UTF-8 Arabic that was once decoded as
windows-1252/latin-1 or windows-1256 (``Ø§Ù„`` / ``ط§ظ„`` for ``ال``) is repaired
(:func:`repair_mojibake`).
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

from charset_normalizer import from_bytes

from marsad.errors import RejectedInput

#: How much of the input is sampled for binary and UTF-16 sniffing.
SNIFF_BYTES = 8192
#: Share of control bytes (other than \t \n \r \f \x1b) above which an input is binary.
#: Text in any encoding we support has none; 0.1% tolerates a stray byte in a scraped page.
BINARY_CONTROL_SHARE = 0.001
#: NUL bytes up to this share of an input are stray (a damaged scrape, a C-string export)
#: and removed with a warning. UTF-16 has tens of percent; compressed or image data has
#: ~0.4 % but also other control bytes, which the binary test then still finds.
STRAY_NUL_SHARE = 0.01
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
#: A UTF-8 input with at most this share of invalid sequences is UTF-8 damaged in transit
#: (a truncated multi-byte character, a stray Latin-1 byte): it is decoded with U+FFFD for
#: the bad bytes and a note, rather than misread whole in a legacy code page.
MAX_BROKEN_UTF8_SHARE = 0.001
_UTF8_MULTIBYTE_RE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


class Decoded(NamedTuple):
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def decode_bytes(data: bytes, origin: str, declared: str | None = None) -> Decoded:
    """Return ``(text, encoding, notes)`` or raise :class:`RejectedInput`.

    Rejection reasons: ``empty``, ``binary``, ``undecodable``. ``notes`` says what was
    repaired (invalid bytes replaced), so the caller can warn without rejecting."""
    if not data.strip():
        raise RejectedInput(origin, "empty", f"{len(data)} bytes, no text")
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, name, origin), name)
    sample = data[:SNIFF_BYTES]
    utf16 = sniff_utf16(sample)
    if utf16:
        return Decoded(_strict(data, utf16, origin), utf16)
    nuls = data.count(0)
    if 0 < nuls <= STRAY_NUL_SHARE * len(data):  # a few stray NULs in a text, not a binary
        decoded = decode_bytes(data.replace(b"\x00", b""), origin, declared)
        return decoded._replace(notes=(*decoded.notes, f"{nuls} NUL byte(s) removed"))
    if _looks_binary(sample):
        raise RejectedInput(origin, "binary", "control bytes in the first 8 KB")
    try:
        return _repaired(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    best = _best_legacy(data, declared)
    if best is not None:
        return _repaired(Decoded(*best))
    guess = from_bytes(data).best()
    if guess is not None and guess.encoding not in ("utf_8", "ascii"):
        return Decoded(str(guess), guess.encoding)
    try:
        # Last resort, the Arabic web's legacy default: text with a few high bytes that
        # nothing recognises (mostly-ASCII cp1256 files with only “” or NBSP) reads as such.
        text = data.decode("windows-1256")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(text, "windows-1256", ("no encoding fits well; read as windows-1256",))
    raise RejectedInput(
        origin,
        "undecodable",
        f"invalid UTF-8 at byte {utf8_error.start} and no other encoding fits",
    )


# Letters (str.isalpha, less the rare numeric letters such as Roman numerals), counted with
# regular expressions: per-character Python loops cost 40 % of extraction time.
_LETTER_RE = re.compile(r"[^\W\d_]")
_ARABIC_BLOCK_RE = re.compile("[\u0600-\u06ff]")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def letters_of(text: str) -> str:
    """The letters of ``text``, in order, as one string."""
    return "".join(_LETTER_RE.findall(text))


def arabic_share(text: str, letters: str | None = None) -> float:
    """Share of Arabic-block letters among all letters (0.0 when there are no letters)."""
    letters = letters_of(text) if letters is None else letters
    if not letters:
        return 0.0
    return len(_ARABIC_BLOCK_RE.findall(letters)) / len(letters)


def _strict(data: bytes, encoding: str, origin: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise RejectedInput(
            origin, "undecodable", f"invalid {encoding} at byte {exc.start}"
        ) from exc


def _damaged_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, len(data) * MAX_BROKEN_UTF8_SHARE):
        return None
    if len(_UTF8_MULTIBYTE_RE.findall(data)) <= bad:
        # Not UTF-8 with a few broken bytes but a single-byte text with a few high bytes
        # (cp1256 text with “” and NBSP only, as in encoding/anc_cp1256_raw): no U+FFFD.
        return None
    offset = _first_invalid_offset(data)
    note = f"{bad} invalid UTF-8 sequence(s) replaced with U+FFFD (first at byte {offset})"
    return Decoded(text, "utf-8", (note,))


def _first_invalid_offset(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return -1


def sniff_utf16(sample: bytes) -> str | None:
    """UTF-16 without BOM: Arabic (U+06xx) and ASCII both put a NUL or 0x06 every other byte."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, name in ((odd, "utf-16-le"), (even, "utf-16-be")):
        share = (high.count(0) + high.count(6)) / max(len(high), 1)
        if share > 0.9:
            return name
    return None


def _looks_binary(sample: bytes) -> bool:
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / max(len(sample), 1) > BINARY_CONTROL_SHARE


def _best_legacy(data: bytes, declared: str | None) -> tuple[str, str] | None:
    candidates = list(_LEGACY)
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            name = ""
        if name and name not in ("utf-8", *(codecs.lookup(c).name for c in candidates)):
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


# --- declared charsets ---------------------------------------------------------------

#: How far into a document a ``<meta charset>`` or XML declaration is looked for. HTML5
#: requires it in the first 1024 bytes; real pages put scripts first, so 4 KB is searched.
DECLARATION_BYTES = 4096
_META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9_.:\-]{2,40})""", re.I
)
_XML_DECL_RE = re.compile(
    rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["'](?P<cs>[A-Za-z0-9_.:\-]{2,40})"""
)
_CT_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*(?P<cs>[A-Za-z0-9_.:\-]{2,40})""", re.I)


def declared_charset(head: bytes) -> str | None:
    """The charset a document declares for itself (XML declaration or ``<meta>``), if known."""
    window = head[:DECLARATION_BYTES]
    if window.startswith(codecs.BOM_UTF8):
        window = window[3:]
    m = _XML_DECL_RE.match(window) or _META_CHARSET_RE.search(window)
    return _known_codec(m.group("cs").decode("ascii")) if m else None


def charset_from_content_type(value: str | None) -> str | None:
    """``text/html; charset=windows-1256`` → ``cp1256`` (a Python codec name), else None."""
    if not value:
        return None
    m = _CT_CHARSET_RE.search(value)
    return _known_codec(m.group("cs")) if m else None


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


# --- mojibake ------------------------------------------------------------------------

#: Lead bytes of UTF-8 Arabic (U+0600..U+06FF is D8 80 .. DB BF).
_ARABIC_UTF8_LEADS = bytes(range(0xD8, 0xDC))
_CONTINUATIONS = bytes(range(0x80, 0xC0))
#: A run needs this many mis-decoded letters before it is repaired. One pair (``ط،``) occurs
#: in genuine Arabic (a letter then a comma); two in a row never did in ANT, SaudiNewsNet or
#: the cp1256 corpus, while mojibake words are nearly all runs of 2 or more.
MIN_MOJIBAKE_LETTERS = 2


def _reverse_table(codec: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for b in range(0x80, 0x100):
        try:
            table.setdefault(bytes([b]).decode(codec), b)
        except UnicodeDecodeError:
            continue
    return table


def _mojibake_family(codecs_: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, int]]:
    table: dict[str, int] = {}
    for codec in codecs_:
        for char, byte in _reverse_table(codec).items():
            table.setdefault(char, byte)
    leads = "".join(re.escape(c) for c, b in table.items() if b in _ARABIC_UTF8_LEADS)
    conts = "".join(re.escape(c) for c, b in table.items() if b in _CONTINUATIONS)
    pattern = re.compile(f"(?:[{leads}][{conts}]){{{MIN_MOJIBAKE_LETTERS},}}")
    return pattern, table


# UTF-8 read as windows-1252 (latin-1 for the five bytes cp1252 leaves undefined), and UTF-8
# read as windows-1256: the two forms Arabic mojibake takes on the web.
_MOJIBAKE_FAMILIES = (
    _mojibake_family(("cp1252", "latin-1")),
    _mojibake_family(("cp1256",)),
)


def repair_mojibake(text: str) -> str:
    """Re-decode runs of UTF-8 Arabic that were decoded with a single-byte code page."""
    for pattern, table in _MOJIBAKE_FAMILIES:
        text = pattern.sub(lambda m, t=table: _redecode(m.group(), t), text)  # type: ignore[misc]
    return text


def _redecode(run: str, table: dict[str, int]) -> str:
    try:
        return bytes(table[c] for c in run).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return run


def _repaired(decoded: Decoded) -> Decoded:
    fixed = repair_mojibake(decoded.text)
    if fixed == decoded.text:
        return decoded
    note = "mojibake repaired (UTF-8 Arabic that had been decoded as a single-byte code page)"
    return Decoded(fixed, decoded.encoding, (*decoded.notes, note))
