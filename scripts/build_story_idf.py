"""Count document frequencies of analyser terms for story clustering (src/marsad/data/stories).

Story clustering weighs terms by TF-IDF; the IDF comes from this fixed table rather than from
the articles ingested so far, so an article's weights do not depend on what was ingested
before it (evaluation on a sample behaves like ingest of the whole corpus) and no counts
have to be kept in the store. Terms are those of :func:`marsad.text.analyzer.analyze` over
title and text, counted once per article. Usage::

    python scripts/build_story_idf.py [--data ../shared/data]

Writes ``src/marsad/data/stories/idf.tsv.gz``: a ``#docs N`` line, then ``term<TAB>df`` for
every term seen in at least MIN_DF articles (rarer terms get the IDF of df = 1).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from marsad.text.analyzer import analyze

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "marsad" / "data" / "stories" / "idf.tsv.gz"
#: Corpora whose licence allows derived data (aljazeera_2026 is "tests only").
CORPORA = ("ant_multisource.jsonl.gz", "saudinewsnet.jsonl.gz", "ant_jawharafm.jsonl.gz")
#: Terms in fewer articles are left out: they would all get (nearly) the maximum IDF anyway,
#: and leaving them out keeps the table under 1 MB.
MIN_DF = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    df: Counter[str] = Counter()
    docs = 0
    for name in CORPORA:
        with gzip.open(args.data / "news" / name, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                text = f"{record.get('title') or ''}\n{record.get('text') or ''}"
                df.update(set(analyze(text)))
                docs += 1
    kept = sorted((t, n) for t, n in df.items() if n >= MIN_DF and "\t" not in t)
    with gzip.GzipFile(OUT, "wb", mtime=0) as raw:
        raw.write(f"#docs {docs}\n".encode())
        raw.write("".join(f"{t}\t{n}\n" for t, n in kept).encode("utf-8"))
    print(f"{docs} articles, {len(kept)} terms -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
