"""Quote extraction speed on 1,000 ANT articles, alone and in the full chain.

Usage: .venv/bin/python benchmarks/bench_quotes.py [--ant 1000] [--check]

Single process, in articles per CPU-second of this process (what one core does; on a
shared machine wall time also counts other jobs):

* extract+entities+quotes, first: the whole path of ``marsad extract`` on the JSONL
  records (reader → extractor → entities → quotes) on cold caches: the NER per-word cache
  has seen none of the words;
* quotes: ``extract_quotes`` on the display texts (the quote stage alone);
* entities+quotes: the entities stage, then the quote stage (warm caches);
* extract+entities+quotes, again: the whole path once more, with the NER per-word cache
  filled as in a long-running ingest.

``--check`` exits 1 when the cold chain is below TARGET_CHAIN_PER_S (the issue's floor).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from common import percentiles, read_jsonl_gz

TARGET_CHAIN_PER_S = 100.0


def _rate(n: int, seconds: float) -> float:
    return n / seconds if seconds else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--ant", type=int, default=1000, help="ANT articles to use")
    parser.add_argument("--check", action="store_true", help="fail below the chain target")
    args = parser.parse_args(argv)

    from marsad.analyse.entities import EntityStage
    from marsad.analyse.quotes import QuoteStage, extract_quotes
    from marsad.extract.documents import extract_record
    from marsad.ingest.readers import read_inputs
    from marsad.model import Document, RawRecord
    from marsad.text.normalize import display_text

    records = list(read_jsonl_gz("ant_multisource.jsonl.gz", args.ant))
    texts = [display_text(r["text"]) for r in records]
    entities, quotes = EntityStage(), QuoteStage()
    entities(Document(id="warm-up", text=texts[0]))  # load the model outside the timing

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ant.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
        raw = [r for r in read_inputs([str(path)]) if isinstance(r, RawRecord)]

    def chain() -> tuple[int, float]:
        start = time.process_time()
        articles = 0
        for record in raw:
            for doc in extract_record(record):
                quotes(entities(doc))
                articles += 1
        return articles, time.process_time() - start

    # First, on cold caches: the NER per-word cache has seen none of these words.
    articles, cold = chain()

    latencies: list[float] = []
    found = 0
    start = time.process_time()
    for text in texts:
        t0 = time.process_time()
        found += len(extract_quotes(text))
        latencies.append((time.process_time() - t0) * 1000)
    alone = time.process_time() - start

    start = time.process_time()
    entity_s = 0.0
    for i, text in enumerate(texts):
        t0 = time.process_time()
        doc = entities(Document(id=str(i), text=text))
        entity_s += time.process_time() - t0
        quotes(doc)
    with_entities = time.process_time() - start
    _, warm = chain()

    p = percentiles(latencies)
    print(f"articles: {len(texts)} ANT (ant_multisource, first {args.ant}), {found} quotes")
    print(
        f"quotes alone:            {_rate(len(texts), alone):8.0f} articles/s  "
        f"(p50 {p['p50']:.2f} ms, p95 {p['p95']:.2f} ms, p99 {p['p99']:.2f} ms)"
    )
    print(
        f"entities+quotes:         {_rate(len(texts), with_entities):8.0f} articles/s  "
        f"(entities {entity_s / len(texts) * 1000:.2f} ms/article, warm caches)"
    )
    print(
        f"extract+entities+quotes: {_rate(articles, cold):8.0f} articles/s  "
        "(first pass: cold caches, the figure --check tests)"
    )
    print(
        f"extract+entities+quotes: {_rate(articles, warm):8.0f} articles/s  "
        "(again: the NER feature cache holds these articles' words, as in a long ingest)"
    )
    if args.check and _rate(articles, cold) < TARGET_CHAIN_PER_S:
        print(f"below the target of {TARGET_CHAIN_PER_S:.0f} articles/s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
