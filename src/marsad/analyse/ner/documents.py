"""Document-level entity evaluation: the entity stage against hand-made name lists.

QUOTES.md ("Entities") asks for each article's PERS, ORG and LOC entities as lists of
canonical names, the fullest form in the article. A gold line names an article the way
the quote gold does (corpus, id, text field, sha256 of the display text) and holds those
lists; texts are read from the shared folder at evaluation time, never stored.

A found entity matches a gold one when their types agree and their names are equal after
the seed README's folding (:func:`compare_key`). ``lenient`` also accepts a name that is
the other's whole-word prefix or suffix (``ترامب`` / ``دونالد ترامب``, ``الأمم المتحدة`` /
``منظمة الأمم المتحدة``): it separates "found the entity, wrote its name otherwise" from
"missed it".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from marsad.analyse.gold_texts import checked_texts, compare_key, read_gold_rows
from marsad.analyse.ner.conll import Score
from marsad.model import Document, EntitySpan

#: The types QUOTES.md lists (MISC is the tagger's own and is not scored).
TYPES = ("PERS", "ORG", "LOC")


@dataclass
class EntityGold:
    corpus: str
    article_id: str
    text_field: str
    text_sha256: str
    entities: dict[str, list[str]]
    text: str = ""


@dataclass
class EntityErrors:
    missed: list[tuple[str, str, str]] = field(default_factory=list)  # (article, type, name)
    extra: list[tuple[str, str, str]] = field(default_factory=list)


def read_entity_gold(path: Path, shared: Path | None = None) -> list[EntityGold]:
    """Gold articles with their texts, checked against the stored sha256."""
    rows = read_gold_rows(path, "entities")
    return [
        EntityGold(
            row["corpus"],
            str(row["article_id"]),
            row["text_field"],
            row["text_sha256"],
            {t: [str(n) for n in row["entities"].get(t, [])] for t in TYPES},
            text,
        )
        for row, text in zip(rows, checked_texts(rows, shared), strict=True)
    ]


def occurs(name: str, text: str) -> bool:
    """Whether a gold name is written in the text: as is, as a hashtag's words
    (``#تحالف_دعم_الشرعية``), or after a ل that absorbs the article (``للأمم المتحدة``)."""
    forms = [name, name.replace(" ", "_")]
    if name.startswith("ال"):
        forms.append("لل" + name[2:])
    return any(form in text for form in forms)


def names_match(gold: str, found: str, lenient: bool = False) -> bool:
    g, f = compare_key(gold), compare_key(found)
    if g == f:
        return True
    if not lenient:
        return False
    short, long = sorted((g, f), key=len)
    return long.startswith(short + " ") or long.endswith(" " + short)


def score_documents(
    items: Iterable[tuple[str, dict[str, list[str]], list[EntitySpan]]], lenient: bool = False
) -> tuple[dict[str, Score], EntityErrors]:
    """Per-type and micro scores; each gold name matches at most one found name."""
    counts = {t: [0, 0, 0] for t in (*TYPES, "micro")}  # true_pos, predicted, gold
    errors = EntityErrors()
    for label, gold, found_spans in items:
        for etype in TYPES:
            found = sorted(
                {e.canonical or e.text for e in found_spans if e.label == etype}, key=compare_key
            )
            wanted = list(dict.fromkeys(gold.get(etype, [])))
            left = list(found)
            for name in wanted:
                hit = next((f for f in left if names_match(name, f, lenient)), None)
                if hit is None:
                    errors.missed.append((label, etype, name))
                else:
                    left.remove(hit)
            errors.extra.extend((label, etype, name) for name in left)
            matched = len(found) - len(left)
            for key in (etype, "micro"):
                counts[key][0] += matched
                counts[key][1] += len(found)
                counts[key][2] += len(wanted)
    return {t: Score(*c) for t, c in counts.items()}, errors


def evaluate_entity_gold(
    path: Path, lenient: bool = False, shared: Path | None = None
) -> tuple[dict[str, Score], EntityErrors]:
    """Run the entity stage on every gold article and score its canonical names."""
    stage = _entity_stage()
    items = []
    for article in read_entity_gold(path, shared):
        doc = stage(Document(id=f"{article.corpus}#{article.article_id}", text=article.text))
        items.append((doc.id, article.entities, doc.entities))
    return score_documents(items, lenient)


def _entity_stage() -> Callable[[Document], Document]:
    from marsad.analyse.entities import EntityStage

    return EntityStage()
