"""Turn hand annotations of quotes into gold labels (offsets, never text).

Two commands::

    annotate_quotes.py show CORPUS ARTICLE_ID [--field body]
        print the display text Marsad analyses, one paragraph a line, with offsets

    annotate_quotes.py build WORKFILE OUT.jsonl
        read a work file and write tests/gold-style JSONL labels

The work file is plain text, kept out of the repository because it holds article words::

    @ aljazeera_2026 3 body
    speaker | PERS | speaker mention | cue | kind | first words ... last words | via

A content is given by its first and last words (`` ... `` between them) or as one exact
string. It is looked up after the start of the previous quote of the same article, so
quotes are listed in text order. ``via`` is optional. Lines starting with ``#`` are notes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from marsad.analyse.gold_texts import load_texts, sha256_text
from marsad.analyse.quotes.gold import GoldArticle, gold_line
from marsad.model import QuoteSpan

DEFAULT_FIELD = {"aljazeera_2026": "body"}


def show(corpus: str, article_id: str, text_field: str) -> None:
    text = load_texts(corpus, [article_id], text_field)[article_id]
    pos = 0
    for line in text.split("\n"):
        if line:
            print(f"[{pos}] {line}")
        pos += len(line) + 1


def _locate(text: str, spec: str, after: int) -> tuple[int, int]:
    first, sep, last = spec.partition(" ... ")
    start = text.find(first, after)
    if start < 0:
        raise SystemExit(f"not found after {after}: {first!r}")
    if not sep:
        return start, start + len(first)
    end = text.find(last, start + len(first))
    if end < 0:
        raise SystemExit(f"end not found: {last!r}")
    return start, end + len(last)


def build(workfile: Path, out: Path) -> None:
    articles: list[GoldArticle] = []
    pending: list[tuple[GoldArticle, list[str]]] = []
    for raw in workfile.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            parts = line[1:].split()
            corpus, article_id = parts[0], parts[1]
            field = parts[2] if len(parts) > 2 else DEFAULT_FIELD.get(corpus, "text")
            pending.append((GoldArticle(corpus, article_id, field, ""), []))
        else:
            pending[-1][1].append(line)
    for article, lines in pending:
        text = load_texts(article.corpus, [article.article_id], article.text_field)
        article.text = text[article.article_id]
        article.text_sha256 = sha256_text(article.text)
        after = 0
        for line in lines:
            cells = [c.strip() for c in line.split(" | ")]
            speaker, stype, mention, cue, kind, spec = cells[:6]
            start, end = _locate(article.text, spec, after)
            after = start
            via = cells[6] if len(cells) > 6 and cells[6] else None
            article.quotes.append(
                QuoteSpan(
                    start, end, kind, article.text[start:end], speaker, stype, mention, cue, via
                )
            )
        articles.append(article)
    out.write_text("".join(gold_line(a) + "\n" for a in articles), encoding="utf-8")
    total = sum(len(a.quotes) for a in articles)
    print(f"{len(articles)} articles, {total} quotes -> {out}")


def main(argv: list[str]) -> None:
    if len(argv) >= 3 and argv[0] == "show":
        field = argv[3] if len(argv) > 3 else DEFAULT_FIELD.get(argv[1], "text")
        show(argv[1], argv[2], field)
    elif len(argv) == 3 and argv[0] == "build":
        build(Path(argv[1]), Path(argv[2]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
