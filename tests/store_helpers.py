"""Hand-made Arabic articles shared by the store, search and ingest tests."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from pathlib import Path

from marsad.analyse.ner.canonical import entity_key
from marsad.ingest_service import analyse_document
from marsad.model import Document, EntitySpan, QuoteSpan, Source
from marsad.store.base import ProcessedInput

ARTICLES = [
    {
        "id": "a1",
        "url": "https://example.org/1",
        "published": "2024-03-01",
        "title": "وزير الدفاع الأمريكي يزور بغداد",
        "text": "قال وزير الدفاع الأميركي إن واشنطن ستواصل دعم الحكومة العراقية. "
        "وأضاف الوزير في مؤتمر صحفي ببغداد أن القوات الأمريكية باقية في البلاد.",
    },
    {
        "id": "a2",
        "url": "https://example.org/2",
        "published": "2024-03-05",
        "title": "الأمطار تغمر شوارع المدينة",
        "text": "غمرت الأمطار الغزيرة شوارع المدينة صباح اليوم، وأغلقت السلطات المدارس. "
        "وقالت هيئة الأرصاد إن الطقس سيتحسن غدا مع ارتفاع درجات الحرارة.",
    },
    {
        "id": "a3",
        "url": "https://example.org/3",
        "published": "2024-03-10",
        "title": "مفاوضات الرهائن في القاهرة",
        "text": "استؤنفت في القاهرة المفاوضات بشأن الرهائن الإسرائيليين المحتجزين في غزة، "
        "وسط مخاوف من اجتياح مدينة رفح الحدودية وتحذيرات دولية من كارثة إنسانية.",
    },
]
#: The first article again under another URL, with diacritics: same content hash.
SAME_TEXT = {
    **ARTICLES[0],
    "id": "a1-copy",
    "url": "https://example.org/copy",
    "text": ARTICLES[0]["text"].replace("قال", "قَالَ"),
}
#: Another text under the second article's URL.
SAME_URL = {**ARTICLES[1], "id": "a2-again", "text": "نص آخر تماما عن الأمطار والسيول في المدينة."}


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def quoted_document(doc_id: str = "q1", url: str = "https://example.org/q1") -> Document:
    """An article with one entity and one quotation, as the analysis stages give them."""
    text = 'قال الوزير يوآف غالانت: "لن نتوقف حتى نعيد الرهائن"، في حديث للصحفيين.'
    name = "يوآف غالانت"
    content = "لن نتوقف حتى نعيد الرهائن"
    start, qstart = text.index(name), text.index(content)
    return Document(
        id=doc_id,
        text=text,
        title="غالانت يتعهد بإعادة الرهائن",
        url=url,
        published="2024-03-27",
        sources=[Source("وكالة الأنباء", "agency", "وكالة الأنباء")],
        entities=[
            EntitySpan(
                start, start + len(name), "PERS", text=name, canonical=name, key=entity_key(name)
            )
        ],
        quotes=[
            QuoteSpan(
                qstart,
                qstart + len(content),
                "direct",
                content=content,
                speaker=name,
                speaker_type="person",
                speaker_mention=name,
                cue="قال",
            )
        ],
        record_sha256="f" * 64,
        origin="hand-made",
    )


def processed(doc: Document) -> ProcessedInput:
    return ProcessedInput(doc.record_sha256, doc.origin, (analyse_document(doc),))


def sigterm_once_the_store_exists(proc: subprocess.Popen[str], db: Path, settle: float) -> str:
    """Wait for a CLI process to create its store, let it work ``settle`` seconds, send
    SIGTERM and return its stderr."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not db.exists():
        time.sleep(0.2)
    time.sleep(settle)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    return err
