"""The quote gold set: labels that point into corpus texts by article id and offsets.

A gold line names an article (``corpus``, ``article_id``, ``text_field``) and the sha256
of the display text it was annotated against; the text itself is never stored. Texts are
read from the shared data folder at evaluation time: ``$MARSAD_SHARED`` when set, else
``<repo>/../shared``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.analyse.gold_texts import checked_texts, read_gold_rows
from marsad.errors import InputError
from marsad.model import QuoteSpan

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
    raw = read_gold_rows(path, "quotes")
    hint = "; re-annotate it with scripts/annotate_quotes.py"
    articles: list[GoldArticle] = []
    for row, text in zip(raw, checked_texts(raw, shared, hint), strict=True):
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
