"""Stores for the web layer's tests: the seed page, hand-made articles, hostile text."""

from __future__ import annotations

from pathlib import Path

from marsad import ingest_service
from marsad.model import Document, EntitySpan, QuoteSpan, Source
from marsad.store import story_store
from marsad.store.sqlite import SQLiteStore
from store_helpers import ARTICLES, processed, quoted_document

TOKEN = "test-token-4c1d"
HOSTILE_TITLE = "<script>alert('title')</script> عنوان خبيث"
HOSTILE_TEXT = (
    "نص خبيث يحاول الحقن: <script>alert(1)</script> ثم صورة <img src=x onerror=alert(2)> "
    'ثم رابط <a href="javascript:alert(3)">اضغط هنا</a> وقال المتحدث "<b>كلام</b>" للصحفيين.'
)
HOSTILE_SPEAKER = '<img src=x onerror="alert(4)">'


def hostile_document() -> Document:
    """An article whose every field tries to become markup or script."""
    text = HOSTILE_TEXT
    entity = "<script>alert(1)</script>"
    quote = "<b>كلام</b>"
    start, qstart = text.index(entity), text.index(quote)
    return Document(
        id="evil",
        text=text,
        title=HOSTILE_TITLE,
        url="javascript:alert(5)",
        published="2024-03-28",
        sources=[Source("<i>منفذ</i>", "publisher", "")],
        entities=[
            EntitySpan(
                start,
                start + len(entity),
                "PERS",
                text=entity,
                canonical=entity,
                key="script alert",
            ),
        ],
        quotes=[
            QuoteSpan(
                qstart,
                qstart + len(quote),
                "direct",
                content=quote,
                speaker=HOSTILE_SPEAKER,
                speaker_type="person",
                speaker_mention=HOSTILE_SPEAKER,
                cue="قال",
            ),
        ],
        record_sha256="e" * 64,
        origin="hand-made",
    )


def article_documents() -> list[Document]:
    """ARTICLES (store ids 1–3), the quoted and the hostile documents (4, 5), and a copy
    of a3 republished a day later by another outlet (6): with a3, the one story of
    several articles (story 3)."""
    docs = [
        Document(
            id=a["id"],
            text=a["text"],
            title=a["title"],
            url=a["url"],
            published=a["published"],
            record_sha256=f"{i:064x}",
            origin="hand-made",
            sources=[Source(f"منفذ {i}", "publisher", "")],
        )
        for i, a in enumerate(ARTICLES, start=1)
    ]
    copy = Document(
        id="a3-copy",
        text=ARTICLES[2]["text"],
        title="القاهرة تستضيف مفاوضات الرهائن",
        url="https://example.net/a3",
        published="2024-03-11",
        record_sha256="c" * 64,
        origin="hand-made",
        sources=[Source("منفذ 9", "publisher", "")],
    )
    return [*docs, quoted_document(), hostile_document(), copy]


#: The story of several articles in the hand-made store (a3's store id).
STORY_ID = 3


def build_hand_store(path: Path, *, stories: bool = True) -> Path:
    """Hand-made articles, placed in stories by the store as ingest does; without
    ``stories``, as a store from before stories existed (no article has one)."""
    with SQLiteStore(path) as store:
        run = store.begin_run(["hand-made"])
        store.write_batch(run, [processed(d) for d in article_documents()])
        store.finish_run(run, "done", {"kept": len(article_documents())})
        if not stories:
            with store.conn:
                for statement in story_store.FORGET_STORIES:
                    store.conn.execute(statement)
    return path


def build_seed_store(path: Path, seed_page: Path) -> Path:
    """The seed page through the whole pipeline (entities and quotes)."""
    with SQLiteStore(path) as store:
        ingest_service.ingest_paths(
            store, [str(seed_page)], ingest_service.IngestOptions(workers=1)
        )
    return path
