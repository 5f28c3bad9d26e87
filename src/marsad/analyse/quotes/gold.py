"""The quote gold set: labels that point into corpus texts by article id and offsets.

A gold line names an article (``corpus``, ``article_id``, ``text_field``) and the sha256
of the display text it was annotated against; the text itself is never stored. Texts are
read from the shared data folder at evaluation time: ``$MARSAD_SHARED`` when set, else
``<repo>/../shared``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError, InputError
from marsad.model import QuoteSpan
from marsad.text.normalize import display_text

#: Corpus name -> file under ``<shared>/data/news``.
CORPORA: dict[str, str] = {
    "aljazeera_2026": "aljazeera_2026.jsonl.gz",
    "ant_multisource": "ant_multisource.jsonl.gz",
    "saudinewsnet": "saudinewsnet.jsonl.gz",
    "ant_jawharafm": "ant_jawharafm.jsonl.gz",
}
QUOTE_FIELDS = ("speaker", "speaker_type", "speaker_mention", "cue")


@dataclass
class GoldArticle:
    """One annotated article: where its text lives, its text, and its gold quotes."""

    corpus: str
    article_id: str
    text_field: str
    text_sha256: str
    text: str = ""
    quotes: list[QuoteSpan] = field(default_factory=list)


def shared_dir() -> Path:
    """The shared data folder: ``$MARSAD_SHARED``, else the repository's ``../shared``."""
    env = os.environ.get("MARSAD_SHARED")
    if env:
        return Path(env)
    repo_root = Path(__file__).resolve().parents[4]
    return repo_root.parent / "shared"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_texts(
    corpus: str, ids: Iterable[str], text_field: str, shared: Path | None = None
) -> dict[str, str]:
    """Display texts of the articles ``ids`` in ``corpus`` (one pass over the file)."""
    if corpus not in CORPORA:
        raise ConfigError(f"unknown corpus {corpus!r}; expected one of {sorted(CORPORA)}")
    path = (shared or shared_dir()) / "data" / "news" / CORPORA[corpus]
    if not path.exists():
        raise ConfigError(f"{path} not found; set MARSAD_SHARED to the shared data folder")
    wanted = set(ids)
    found: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            key = str(record.get("id"))
            if key in wanted:
                found[key] = display_text(str(record.get(text_field) or ""))
                if len(found) == len(wanted):
                    break
    missing = wanted - set(found)
    if missing:
        raise InputError(f"{corpus}: articles not found: {sorted(missing)}")
    return found


def quote_to_label(quote: QuoteSpan) -> dict[str, Any]:
    label: dict[str, Any] = {"start": quote.start, "end": quote.end}
    label.update({name: getattr(quote, name) for name in QUOTE_FIELDS})
    label["kind"] = quote.label
    if quote.via:
        label["via"] = quote.via
    return label


def label_to_quote(label: dict[str, Any], text: str) -> QuoteSpan:
    start, end = int(label["start"]), int(label["end"])
    if end > len(text):
        raise InputError(f"gold span {start}..{end} is past the end of the text")
    return QuoteSpan(
        start,
        end,
        str(label["kind"]),
        content=text[start:end],
        speaker=str(label["speaker"]),
        speaker_type=str(label["speaker_type"]),
        speaker_mention=str(label.get("speaker_mention", "")),
        cue=str(label.get("cue", "")),
        via=label.get("via"),
    )


def read_gold(path: Path, shared: Path | None = None) -> list[GoldArticle]:
    """Gold articles with their texts loaded and checked against the stored sha256."""
    articles: list[GoldArticle] = []
    raw: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        raw = [json.loads(line) for line in fh if line.strip()]
    by_source: dict[tuple[str, str], list[str]] = {}
    for row in raw:
        by_source.setdefault((row["corpus"], row["text_field"]), []).append(str(row["article_id"]))
    texts: dict[tuple[str, str], str] = {}
    for (corpus, text_field), ids in by_source.items():
        for key, text in load_texts(corpus, ids, text_field, shared).items():
            texts[(corpus, key)] = text
    for row in raw:
        text = texts[(row["corpus"], str(row["article_id"]))]
        if sha256_text(text) != row["text_sha256"]:
            raise InputError(
                f"{row['corpus']}#{row['article_id']}: the text changed since it was annotated "
                "(sha256 differs); re-annotate it with scripts/annotate_quotes.py"
            )
        article = GoldArticle(
            row["corpus"], str(row["article_id"]), row["text_field"], row["text_sha256"], text
        )
        article.quotes = [label_to_quote(label, text) for label in row["quotes"]]
        articles.append(article)
    return articles


def gold_line(article: GoldArticle) -> str:
    """The JSONL line of one gold article (labels only, never the text)."""
    row = {
        "corpus": article.corpus,
        "article_id": article.article_id,
        "text_field": article.text_field,
        "text_sha256": article.text_sha256,
        "quotes": [quote_to_label(q) for q in sorted(article.quotes, key=lambda q: q.start)],
    }
    return json.dumps(row, ensure_ascii=False)
