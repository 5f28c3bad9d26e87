"""NER speed: model load time and tagging throughput on one core.

Usage:
    .venv/bin/python benchmarks/bench_ner.py [--words 100000] [--check]

* load: ``load_tagger()`` (both CRF passes, lexicon, lists), timed in a fresh process, with
  and without the imports;
* tag: tokens per CPU second (the process runs on one core; on a shared machine wall time
  also counts other jobs, so it is printed too) of ``Tagger.tag_sentences`` over a text of ``--words`` words made of
  ANT news articles (../shared/data/news), its sentences as ``split_sentences`` cuts them;
  "cold" is the first pass over the text (every word type's features computed), "warm" a
  second pass (types cached);
* conll: the same on ANERcorp dev10 (what ``marsad tag --conll`` does);
* stage: the whole entity stage (tagger, rules, roles, canonical forms) on the articles.

``--check`` exits 1 when cold tagging is below TARGET_TOKENS_PER_S or loading takes more
than TARGET_LOAD_S (the targets of the NER issue).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGET_TOKENS_PER_S = 20_000
TARGET_LOAD_S = 1.0


def shared_dir() -> Path:
    env = os.environ.get("MARSAD_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def news_articles(words: int) -> list[str]:
    out, total = [], 0
    path = shared_dir() / "data" / "news" / "ant_multisource.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, 20_000):
            text = json.loads(line)["text"]
            out.append(text)
            total += len(text.split())
            if total >= words:
                break
    return out


def load_times() -> tuple[float, float]:
    code = (
        "import time; t0 = time.process_time()\n"
        "from marsad.analyse.ner.tagger import load_tagger\n"
        "t1 = time.process_time(); load_tagger()\n"
        "t2 = time.process_time(); print(t2 - t0, t2 - t1)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    with_imports, load_only = map(float, result.stdout.split())
    return with_imports, load_only


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)

    from marsad.analyse.entities import EntityStage
    from marsad.analyse.ner.conll import read_tagged
    from marsad.analyse.ner.tagger import load_tagger
    from marsad.model import Document
    from marsad.text.tokenize import split_sentences, tokenize

    with_imports, load_only = load_times()
    print(f"load: {load_only:.2f} CPU s ({with_imports:.2f} with imports)")

    articles = news_articles(args.words)
    sentences = []
    for text in articles:
        for s in split_sentences(text):
            sentences.append([t.text for t in tokenize(text[s.start : s.end])])
    n_tokens = sum(len(s) for s in sentences)
    tagger = load_tagger()
    speeds = {}
    for run in ("cold", "warm"):
        t0, c0 = time.perf_counter(), time.process_time()
        tagger.tag_sentences(sentences)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        speeds[run] = n_tokens / cpu
        print(
            f"tag ({run}): {n_tokens:,} tokens in {len(sentences):,} sentences: "
            f"{n_tokens / cpu:,.0f} tokens per CPU second ({n_tokens / wall:,.0f} per second)"
        )

    dev = read_tagged(shared_dir() / "data" / "anercorp" / "dev10.txt")
    dev_tokens = sum(len(toks) for toks, _ in dev)
    c0 = time.process_time()
    tagger.tag_sentences([toks for toks, _ in dev])
    cpu = time.process_time() - c0
    print(f"conll: dev10 {dev_tokens:,} tokens at {dev_tokens / cpu:,.0f} per CPU second")

    stage = EntityStage()
    c0 = time.process_time()
    found = sum(len(stage(Document(id=str(i), text=a)).entities) for i, a in enumerate(articles))
    cpu = time.process_time() - c0
    print(
        f"stage: {len(articles)} articles, {found:,} entities, {n_tokens / cpu:,.0f} tokens/CPU s"
    )

    if args.check and (speeds["cold"] < TARGET_TOKENS_PER_S or load_only > TARGET_LOAD_S):
        print("below target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
