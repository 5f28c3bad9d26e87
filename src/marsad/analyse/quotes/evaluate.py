"""Scoring quotes against gold: precision, recall, F1 and speaker accuracy.

The matching rule is the seed README's: a found quote matches a gold one when their
speakers are equal (after the seed comparison folding) and the contents share at least
half of the gold content's words; each gold quote matches at most once. Speaker accuracy
is measured on the quotes whose content was found, whoever the speaker: it separates
"found the quote, wrong speaker" from "missed the quote". Its lenient form also accepts a
speaker written shorter or longer than the gold one (``هيومن رايتس ووتش`` for ``منظمة هيومن
رايتس ووتش``, ``ترامب`` for ``دونالد ترامب``): the gap between the two is naming, not
attribution.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from marsad.analyse.gold_texts import compare_key
from marsad.model import Document, QuoteSpan

#: Share of the gold content's words a found content must contain (seed README rule).
MIN_WORD_OVERLAP = 0.5
_PUNCT_RE = re.compile(r"[^\w\s]", re.UNICODE)


def content_words(text: str) -> Counter[str]:
    return Counter(_PUNCT_RE.sub(" ", compare_key(text)).split())


def speakers_agree(a: str, b: str) -> bool:
    """Equal after folding; joined speakers (``X وY``) compare as sets."""
    ka, kb = compare_key(a).replace('"', ""), compare_key(b).replace('"', "")
    if ka == kb:
        return True
    return sorted(ka.split(" و")) == sorted(kb.split(" و"))


def speakers_nest(a: str, b: str) -> bool:
    """One speaker's words are a run of the other's, after folding (a shorter or longer
    form of one name); equal speakers nest too."""
    wa = compare_key(a).replace('"', "").split()
    wb = compare_key(b).replace('"', "").split()
    if not wa or not wb:
        return False
    short, long_ = sorted((wa, wb), key=len)
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def overlap(gold: str, found: str) -> float:
    want = content_words(gold)
    if not want:
        return 0.0
    got = content_words(found)
    shared = sum(min(n, got[w]) for w, n in want.items())
    return shared / sum(want.values())


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0
    content_matched: int = 0
    speaker_right: int = 0
    speaker_nested: int = 0
    kind_right: int = 0
    misses: list[tuple[str, QuoteSpan]] = field(default_factory=list)
    extras: list[tuple[str, QuoteSpan]] = field(default_factory=list)
    wrong_speaker: list[tuple[str, QuoteSpan, QuoteSpan]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.content_matched if self.content_matched else 0.0

    @property
    def speaker_accuracy_lenient(self) -> float:
        """Speaker accuracy that also accepts a shorter or longer form of the gold speaker."""
        right = self.speaker_right + self.speaker_nested
        return right / self.content_matched if self.content_matched else 0.0

    @property
    def kind_accuracy(self) -> float:
        return self.kind_right / self.matched if self.matched else 0.0

    def summary(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_accuracy": round(self.speaker_accuracy, 4),
            "speaker_accuracy_lenient": round(self.speaker_accuracy_lenient, 4),
            "kind_accuracy": round(self.kind_accuracy, 4),
        }


def _pairs(
    gold: list[QuoteSpan], found: list[QuoteSpan], need_speaker: bool
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, found index), best overlaps first."""
    cands = []
    for gi, g in enumerate(gold):
        for fi, f in enumerate(found):
            if need_speaker and not speakers_agree(g.speaker, f.speaker):
                continue
            ov = overlap(g.content, f.content)
            if ov >= MIN_WORD_OVERLAP:
                cands.append((-ov, gi, fi))
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for _, gi, fi in sorted(cands):
        if gi not in used_g and fi not in used_f:
            used_g.add(gi)
            used_f.add(fi)
            pairs.append((gi, fi))
    return pairs


def score_article(score: Score, label: str, gold: list[QuoteSpan], found: list[QuoteSpan]) -> None:
    score.gold += len(gold)
    score.found += len(found)
    full = _pairs(gold, found, need_speaker=True)
    score.matched += len(full)
    score.kind_right += sum(1 for gi, fi in full if gold[gi].label == found[fi].label)
    loose = _pairs(gold, found, need_speaker=False)
    score.content_matched += len(loose)
    for gi, fi in loose:
        if speakers_agree(gold[gi].speaker, found[fi].speaker):
            score.speaker_right += 1
        else:
            score.speaker_nested += speakers_nest(gold[gi].speaker, found[fi].speaker)
            score.wrong_speaker.append((label, gold[gi], found[fi]))
    matched_g = {gi for gi, _ in full}
    matched_f = {fi for _, fi in full}
    score.misses += [(label, g) for gi, g in enumerate(gold) if gi not in matched_g]
    score.extras += [(label, f) for fi, f in enumerate(found) if fi not in matched_f]


def score_all(items: Iterable[tuple[str, list[QuoteSpan], list[QuoteSpan]]]) -> Score:
    score = Score()
    for label, gold, found in items:
        score_article(score, label, gold, found)
    return score


def evaluate_gold(path: Path, *, entities: bool = True, shared: Path | None = None) -> Score:
    """Score the extractor on a gold file (``tests/gold/quotes_dev.jsonl`` format).

    With ``entities`` the entities stage runs first, as in the pipeline; without it the
    extractor relies on its own name rules.
    """
    from marsad.analyse.quotes.extract import extract_quotes
    from marsad.analyse.quotes.gold import read_gold

    stage = _entity_stage() if entities else None
    items = []
    for article in read_gold(path, shared):
        doc = Document(id=f"{article.corpus}#{article.article_id}", text=article.text)
        if stage is not None:
            doc = stage(doc)
        items.append((doc.id, article.quotes, extract_quotes(doc.text, doc.entities)))
    return score_all(items)


def _entity_stage() -> Callable[[Document], Document]:
    from marsad.analyse.entities import EntityStage

    return EntityStage()


def format_score(score: Score, errors: bool = False) -> str:
    """The report ``marsad evaluate quotes`` prints."""
    lines = [
        f"quotes: {score.gold} gold, {score.found} found, {score.matched} matched",
        f"precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}",
        f"speaker accuracy {score.speaker_accuracy:.3f} "
        f"(on the {score.content_matched} gold quotes whose content was found); "
        f"{score.speaker_accuracy_lenient:.3f} accepting a shorter or longer form of the name",
        f"kind accuracy {score.kind_accuracy:.3f} (on matched quotes)",
    ]
    if errors:
        lines += [f"missed  {label}: {q.speaker} | {q.content[:80]}" for label, q in score.misses]
        lines += [f"extra   {label}: {q.speaker} | {q.content[:80]}" for label, q in score.extras]
        lines += [
            f"speaker {label}: {g.speaker} ≠ {f.speaker} | {g.content[:60]}"
            for label, g, f in score.wrong_speaker
        ]
    return "\n".join(lines)
