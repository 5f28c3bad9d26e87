"""Named schema migrations, applied in order and recorded in the ``migrations`` table.

A migration is never edited once released: change the schema by appending a new one.
Each runs in its own transaction together with the row that records it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from marsad.store.keys import speaker_key
from marsad.stories import sqlite_state

#: BM25 weights of the FTS columns (title, text). Chosen on benchmarks/bench_search.py
#: --weights: the article a two-word query was cut from reached the top 10 most often with
#: the title weighted 4× (docs/search.md has the table); the weights live in the index
#: configuration so that every query ranks the same way.
TITLE_WEIGHT = 4.0
TEXT_WEIGHT = 1.0

_INITIAL = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL
);
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    pid INTEGER,
    inputs TEXT NOT NULL,
    counts TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    text TEXT NOT NULL,
    published TEXT,
    modified TEXT,
    role TEXT NOT NULL,
    lang TEXT NOT NULL,
    origin TEXT NOT NULL,
    record_sha256 TEXT NOT NULL,
    position INTEGER NOT NULL,
    provenance TEXT NOT NULL,
    meta TEXT NOT NULL,
    run_id INTEGER REFERENCES ingest_runs(id),
    story_id INTEGER,
    duplicate_of INTEGER REFERENCES articles(id)
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_doc_id ON articles(doc_id);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE article_sources (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    role TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX article_sources_source ON article_sources(source_id);
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    canonical TEXT NOT NULL,
    label TEXT NOT NULL
);
CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    canonical TEXT NOT NULL,
    role TEXT,
    country TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    content TEXT NOT NULL,
    speaker TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    speaker_type TEXT NOT NULL,
    speaker_mention TEXT NOT NULL,
    cue TEXT NOT NULL,
    via TEXT,
    UNIQUE (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes(speaker_key);
CREATE TABLE inputs (
    record_sha256 TEXT PRIMARY KEY,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    run_id INTEGER REFERENCES ingest_runs(id)
) WITHOUT ROWID;
CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES ingest_runs(id),
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    UNIQUE (origin, reason)
);
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='', tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content, content='', tokenize='unicode61 remove_diacritics 0'
);
"""

#: Exact copies become articles of their own (an outlet that republished a wire text
#: verbatim is one of its outlets), so the content hash is no longer unique and each
#: article records its outlet: SQLite drops a constraint only by rebuilding the table (ids
#: kept, so the FTS rows still match). Then the story stages' tables
#: (:mod:`marsad.stories.sqlite_state`).
_STORIES = """
CREATE TABLE articles_new (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    url TEXT,
    content_hash TEXT NOT NULL,
    title TEXT,
    text TEXT NOT NULL,
    published TEXT,
    modified TEXT,
    role TEXT NOT NULL,
    lang TEXT NOT NULL,
    origin TEXT NOT NULL,
    record_sha256 TEXT NOT NULL,
    position INTEGER NOT NULL,
    provenance TEXT NOT NULL,
    meta TEXT NOT NULL,
    run_id INTEGER REFERENCES ingest_runs(id),
    story_id INTEGER,
    duplicate_of INTEGER REFERENCES articles(id),
    outlet TEXT NOT NULL DEFAULT ''
);
INSERT INTO articles_new (id, doc_id, url, content_hash, title, text, published, modified,
    role, lang, origin, record_sha256, position, provenance, meta, run_id, story_id,
    duplicate_of) SELECT id, doc_id, url, content_hash, title, text, published, modified,
    role, lang, origin, record_sha256, position, provenance, meta, run_id, story_id,
    duplicate_of FROM articles;
DROP TABLE articles;
ALTER TABLE articles_new RENAME TO articles;
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_doc_id ON articles(doc_id);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
"""

_RANK = f"INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25({TITLE_WEIGHT}, {TEXT_WEIGHT})')"

#: Speakers keyed as entities are (ترامب and ترمب, غالانت and غلنت one key), so that
#: --speaker finds every spelling; ``marsad_speaker_key`` is registered by :func:`migrate`.
_SPEAKER_KEYS = "UPDATE quotes SET speaker_key = marsad_speaker_key(speaker);\n"

#: Every migration, in order: (name, SQL script). Append only.
MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", _INITIAL + _RANK + ";"),
    ("0002_stories", _STORIES + sqlite_state.SCHEMA),
    ("0003_speaker_keys", _SPEAKER_KEYS),
)
#: Migrations that rebuild a table others reference: run with foreign keys off (SQLite
#: ignores the pragma inside a transaction), then checked before the commit.
_REBUILDS = frozenset({"0002_stories"})


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [row[0] for row in conn.execute("SELECT name FROM migrations ORDER BY rowid")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    conn.create_function("marsad_speaker_key", 1, speaker_key, deterministic=True)
    done = set(applied(conn))
    names = []
    for name, script in MIGRATIONS:
        if name in done:
            continue
        if name in _REBUILDS:
            conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"{name}: foreign keys broken: {broken[:5]}")
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        if name in _REBUILDS:
            conn.execute("PRAGMA foreign_keys = ON")
        names.append(name)
    return names


def _statements(script: str) -> list[str]:
    """Split a script on ';' at line ends (executescript would commit on its own)."""
    return [s.strip() for s in script.split(";\n") if s.strip().rstrip(";")]
