"""Turn hand-made entity lists into a document-level entity gold file (names, never text).

    build_entity_gold.py LABELS.jsonl OUT.jsonl

LABELS.jsonl: one line per article, {"corpus", "article_id", "entities": {"PERS": [...],
"ORG": [...], "LOC": [...]}}, written by reading the text that
``scripts/annotate_quotes.py show CORPUS ID`` prints. The output adds the text field and
the sha256 of the display text, and the build fails when a name does not occur in its
article (a typo, or a name with a clitic the rules say to drop; see :func:`occurs`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.analyse.gold_texts import load_texts, sha256_text
from marsad.analyse.ner.documents import TYPES, occurs

DEFAULT_FIELD = {"aljazeera_2026": "body"}


def build(labels: Path, out: Path) -> None:
    rows = [json.loads(line) for line in labels.read_text("utf-8").splitlines() if line.strip()]
    lines, problems = [], []
    for row in rows:
        corpus, ident = row["corpus"], str(row["article_id"])
        field = DEFAULT_FIELD.get(corpus, "text")
        text = load_texts(corpus, [ident], field)[ident]
        entities = {t: list(dict.fromkeys(row["entities"].get(t, []))) for t in TYPES}
        problems += [
            f"{corpus}#{ident}: {t} {n!r} not in the text"
            for t in TYPES
            for n in entities[t]
            if not occurs(n, text)
        ]
        gold = {
            "corpus": corpus,
            "article_id": ident,
            "text_field": field,
            "text_sha256": sha256_text(text),
            "entities": entities,
        }
        lines.append(json.dumps(gold, ensure_ascii=False))
    if problems:
        raise SystemExit("\n".join(problems))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{len(lines)} articles, {sum(len(json.loads(x)['entities'][t]) for x in lines for t in TYPES)} names -> {out}"
    )


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    build(Path(sys.argv[1]), Path(sys.argv[2]))
