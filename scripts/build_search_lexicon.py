"""Build src/marsad/data/search/protected_words.txt from the news corpora.

Usage: .venv/bin/python scripts/build_search_lexicon.py [--limit N]

A word W that starts with و ف ب ك ل is either that proclitic + a word R (وقال = و + قال)
or a word of its own (وزير, بغداد, فكرة). Counted over ../shared/data/news, W keeps its
first letter ("protected") when

* the article is seen in front of it: count(الW) ≥ ALPHA × count(W) — a proclitic can
  never follow the article, so الوزير, الفكرة, اللجنة prove the word; or
* its remainder is much rarer than the word itself: count(R) + count(الR) < BETA × count(W) —
  غداد, ريطانيا, لسطين hardly exist, while قال is half as frequent as وقال.

Only words seen at least MIN_COUNT times are listed; rarer ones get the default rule
(the proclitic is cut), which is what Snowball itself does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from marsad.text.analyzer import ARTICLE_RE, MIN_STEM_AFTER_ARTICLE, fold, prenormalize

REPO = Path(__file__).resolve().parent.parent
NEWS = REPO.parent / "shared" / "data" / "news"
OUT = REPO / "src" / "marsad" / "data" / "search" / "protected_words.txt"
#: Calibrated by reading the decisions for the 300 most frequent candidates: 0.02 admits
#: الوكالة/الوفد (nouns with ال in ≥ 5 % of uses) while الوقال-type typos (< 0.1 %) stay out.
ALPHA = 0.02
#: A word of its own leaves a remainder that is noise (زير/وزير 0.0005, بنان/لبنان 0.006,
#: كاله/وكاله 0.0006); a proclitic form leaves a real word (قال/وقال 0.5). Narrative verbs
#: sit in between (اضاف/واضاف 0.049, انت/كانت 0.044): 0.1 keeps them whole, trading the
#: rare query for a bare verb against merging كانت with انت and وقتها with قتها.
BETA = 0.1
MIN_COUNT = 5
_WORD_RE = re.compile("[\u0621-\u064a]+")


def count_words(limit: int | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for path in sorted(NEWS.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if limit is not None and n >= limit:
                    break
                obj = json.loads(line)
                text = f"{obj.get('title') or ''} {obj.get('text') or obj.get('body') or ''}"
                counts.update(_WORD_RE.findall(fold(prenormalize(text))))
    return counts


def protected(counts: Counter[str]) -> list[tuple[str, int]]:
    out = []
    for word, n in counts.items():
        if n < MIN_COUNT or word[0] not in "وفبكل" or len(word) < 4:
            continue
        article = ARTICLE_RE.match(word)
        if article and len(word) - article.end() >= MIN_STEM_AFTER_ARTICLE:
            # والرئيس, للدفاع: cut unless what follows the article is noise (والده → ده)
            rest = word[article.end() :]
            with_article = 0
        else:
            rest = word[1:]
            with_article = counts.get("ال" + word, 0)
        rest_count = counts.get(rest, 0) + counts.get("ال" + rest, 0)
        if with_article >= ALPHA * n or rest_count < BETA * n:
            out.append((word, n))
    return sorted(out, key=lambda item: (-item[1], item[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="articles per corpus")
    args = parser.parse_args()
    words = protected(count_words(args.limit))
    header = (
        "# Words whose first letter (و ف ب ك ل) belongs to the word: folded form, count.\n"
        "# Built by scripts/build_search_lexicon.py from ../shared/data/news; do not edit.\n"
    )
    OUT.write_text(header + "".join(f"{w}\t{n}\n" for w, n in words), "utf-8")
    print(f"{len(words)} protected words written to {OUT}")


if __name__ == "__main__":
    main()
