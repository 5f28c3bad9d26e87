"""The rule layer: entities news readers expect that ANERcorp's conventions leave out.

ANERcorp tags ``وزارة الدفاع`` as O and ``البيت الأبيض`` as MISC; Marsad's users pivot on
institutions, so a small cascade of patterns adds them (QUOTES.md, Entities):

1. a head noun + a definite noun phrase: ``وزارة الدفاع``، ``مجلس الأمن``،
   ``حركة الفصائل الفلسطينية``، ``إذاعة الجيش الإسرائيلي``;
2. an institution + a nationality adjective: ``الجيش الإسرائيلي``، ``الخارجية الأميركية``;
3. a media head noun or a verb of publishing + a quoted name: ``صحيفة "معاريف"``;
4. a place head noun + a listed place: ``ولاية نورث كارولاينا`` → ``نورث كارولاينا``;
5. ``نظام``/``إدارة`` + a listed leader: ``نظام الأسد``;
6. a body + a listed place: ``منتخب مصر``، ``شرطة كولومبوس``، ``جامعة القاهرة``.

Each rule proposes mentions; :func:`merge` decides against the tagger's.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.analyse.ner.clitics import without_article
from marsad.analyse.ner.gazetteers import Countries, Gazetteer
from marsad.analyse.ner.lexicon import lexicon_form
from marsad.analyse.ner.mentions import Mention, Tok


def _forms(words: str) -> frozenset[str]:
    return frozenset(lexicon_form(w) for w in words.split())


#: Head nouns whose definite complement names an organisation.
ORG_HEADS = _forms(
    "وزارة مجلس منظمة هيئة اتحاد جمعية محكمة جامعة وكالة إذاعة جبهة حزب حركة لجنة مؤسسة "
    "مفوضية رابطة نقابة"
)
#: Heads that also start ordinary phrases (حركة المرور، لجنة التحقيق): their complement
#: must carry a relational adjective (الفلسطينية، الإسلامية، الوطني) to count.
ORG_HEADS_NEEDING_ADJECTIVE = _forms("حركة لجنة مؤسسة جبهة رابطة نقابة")
#: Institutions that a nationality adjective turns into a named body.
INSTITUTIONS = _forms(
    "الجيش الحكومة الشرطة البرلمان القوات البحرية الخارجية الداخلية الرئاسة المخابرات "
    "الاستخبارات الكنيست الكونغرس المنتخب البعثة"
)
MEDIA_HEADS = _forms("صحيفة جريدة مجلة موقع قناة وكالة إذاعة شبكة تلفزيون")
PUBLISH_VERBS = _forms(
    "ترجمته ترجمتها ترجمه نشرته نشرتها نشرت نقلته نقلتها نقلت أوردته أوردتها أوردت ذكرته "
    "ذكرتها ذكرت بثته بثتها أعدته أعدتها كشفت أفادت"
)
LOC_HEADS = _forms("ولاية مدينة محافظة إقليم جزيرة بلدة قرية العاصمة عاصمة مقاطعة مخيم منطقة")
REGIME_WORDS = _forms("نظام إدارة حكومة عهد")
#: Definite words that end a noun phrase instead of continuing it.
STOP_WORDS = _forms(
    "الذي التي الذين اللذين اللتين اللذان اللتان اللواتي اللاتي الآن اليوم الى إلى الا إلا "
    "الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الماضي المقبل القادم الحالي الجاري "
    "السابق الأسبق الجديد الجديدة التابع التابعة التابعين المعني المعنية المعنيين "
    "المختص المختصة المسؤول المسؤولة"
)
#: Longest noun phrase after a head (وزارة الشؤون الخارجية والتعاون … stops earlier).
MAX_COMPLEMENT = 3
#: Longest quoted name taken as an outlet (longer quoted runs are quotations).
MAX_QUOTED_NAME = 4


def _relational(tok: Tok) -> bool:
    """A relational (nisba) adjective: الفلسطينية، الإسلامي، الوطنيون."""
    return without_article(tok.stem).endswith(("ي", "يه", "يون", "يين"))


def _definite(tok: Tok) -> bool:
    return not tok.prefix and tok.stem.startswith("ال") and tok.form not in STOP_WORDS


def _complement(toks: Sequence[Tok], i: int, limit: int) -> int:
    """End of the definite noun phrase starting at ``i`` (``i`` when there is none)."""
    j = i
    while j < limit and j - i < MAX_COMPLEMENT and _definite(toks[j]):
        j += 1
    return j


class RuleLayer:
    """The patterns above, over one document's tokens."""

    def __init__(self, gazetteer: Gazetteer, countries: Countries) -> None:
        self.gazetteer = gazetteer
        self.countries = countries

    def is_nationality(self, tok: Tok) -> bool:
        return self.countries.nationality(tok.stem) is not None

    def find(self, toks: Sequence[Tok]) -> list[Mention]:
        """Mentions proposed by the rules."""
        ends = _sentence_ends(toks)
        return (
            self.org_phrases(toks, ends)
            + self.quoted_outlets(toks, ends)
            + self.listed_after_head(toks, ends)
        )

    def org_phrases(self, toks: Sequence[Tok], ends: Sequence[int]) -> list[Mention]:
        """Rules 1 and 2."""
        out: list[Mention] = []
        for i, tok in enumerate(toks):
            if tok.stem in ORG_HEADS:
                end = _complement(toks, i + 1, ends[i])
                needs_adjective = tok.stem in ORG_HEADS_NEEDING_ADJECTIVE
                if end > i + 1 and (
                    not needs_adjective or any(_relational(t) for t in toks[i + 1 : end])
                ):
                    out.append(Mention(i, end, "ORG", "org_head"))
            elif tok.stem in INSTITUTIONS and i + 1 < ends[i]:
                nxt = toks[i + 1]
                before = toks[i - 1] if i > 0 else None
                # وزير الخارجية الأميركي is a title, وزارة الخارجية الروسية one body
                # (إذاعة الجيش الإسرائيلي holds two)
                inside = before is not None and (
                    before.trigger == "title"
                    or (before.stem in ORG_HEADS and before.stem not in MEDIA_HEADS)
                )
                if not nxt.prefix and self.is_nationality(nxt) and not inside:
                    out.append(Mention(i, i + 2, "ORG", "institution"))
        return out

    def quoted_outlets(self, toks: Sequence[Tok], ends: Sequence[int]) -> list[Mention]:
        """Rule 3: ``صحيفة "X"``, ``ترجمته "X"`` and a listed outlet in quotation marks."""
        out: list[Mention] = []
        for i, tok in enumerate(toks):
            if not tok.is_quote:
                continue
            close = next(
                (
                    j
                    for j in range(i + 1, min(ends[i], i + 2 + MAX_QUOTED_NAME))
                    if toks[j].is_quote
                ),
                None,
            )
            if close is None or close == i + 1:
                continue
            name = toks[i + 1 : close]
            if any(t.is_punct for t in name):
                continue
            before = toks[i - 1].stem if i > 0 else ""
            listed = any(
                c.startswith("org_") for c in self.gazetteer.lookup([t.text for t in name])
            )
            if before in MEDIA_HEADS or before in PUBLISH_VERBS or listed:
                out.append(Mention(i + 1, close, "ORG", "quoted_outlet"))
        return out

    def listed_after_head(self, toks: Sequence[Tok], ends: Sequence[int]) -> list[Mention]:
        """Rules 4 to 6: a listed place after a place head or a body's head, a listed leader
        after نظام."""
        out: list[Mention] = []
        first_forms = [(t.form, t.stem) for t in toks]
        forms = [t.form for t in toks]
        after_head = [i for i in range(1, len(toks)) if toks[i - 1].stem in _HEADS]
        for m in self.gazetteer.matches(first_forms, forms, starts=after_head):
            if m.start == 0 or m.end > ends[m.start]:
                continue
            head = toks[m.start - 1].stem
            if m.label == "LOC" and head in LOC_HEADS:
                out.append(Mention(m.start, m.end, "LOC", "place_head"))
            elif m.label == "LOC" and head in BODY_OF_PLACE_HEADS and not toks[m.start - 1].prefix:
                out.append(Mention(m.start - 1, m.end, "ORG", "body_of_place"))
            elif m.category == "pers_leader_hand" and head in REGIME_WORDS:
                out.append(Mention(m.start, m.end, "PERS", "regime"))
        return out


#: Bodies of a listed place (rule 6): ``منتخب مصر``، ``شرطة كولومبوس``، ``جامعة القاهرة``.
BODY_OF_PLACE_HEADS = _forms("منتخب شرطة محكمة بلدية جامعة حكومة برلمان أمانة إمارة")
_HEADS = LOC_HEADS | REGIME_WORDS | BODY_OF_PLACE_HEADS


def _sentence_ends(toks: Sequence[Tok]) -> list[int]:
    """For each token, the index just past its sentence."""
    ends = [0] * len(toks)
    end = len(toks)
    for i in range(len(toks) - 1, -1, -1):
        if i + 1 < len(toks) and toks[i + 1].sentence != toks[i].sentence:
            end = i + 1
        ends[i] = end
    return ends


#: Rules that name the entity itself (not a phrase around it): their span wins over an
#: overlapping tagger span.
NAME_RULES = frozenset({"quoted_outlet", "place_head", "regime"})


def merge(tagged: Sequence[Mention], proposed: Sequence[Mention]) -> list[Mention]:
    """The tagger's mentions corrected and completed by the rules' proposals.

    Longest proposals go first. A proposal over exactly a tagged span relabels it; one
    that covers tagged spans replaces them, except an organisation ending a longer one
    (``إذاعة [الجيش الإسرائيلي]``), which is kept nested; a name rule wins a partial
    overlap; otherwise the tagger's reading stands.
    """
    out = list(tagged)
    for rule in sorted(proposed, key=lambda m: (m.first - m.last, m.first)):
        over = [m for m in out if m.overlaps(rule)]
        same = [m for m in over if (m.first, m.last) == (rule.first, rule.last)]
        if same:
            for m in same:
                m.label = rule.label
        elif all(rule.contains(m) for m in over):
            for m in over:  # a body's place (شرطة [كولومبوس]) is not a second organisation
                if not _nested_org(m, rule) or rule.source == "body_of_place":
                    out.remove(m)
            out.append(rule)
        elif rule.source in NAME_RULES and all(m.source == "crf" for m in over):
            for m in over:
                out.remove(m)
            out.append(rule)
        elif any(_nested_org(rule, m) for m in over if m.source != "crf"):
            out.append(rule)
    return sorted(out, key=lambda m: (m.first, -m.last))


def _nested_org(inner: Mention, outer: Mention) -> bool:
    return (
        inner.label == outer.label == "ORG"
        and inner.last == outer.last
        and inner.first > outer.first
    )


#: Heads of bodies often named after people (جامعة الملك سعود، مستشفى الأميرة نورة):
#: a first name inside them does not start a new mention.
NAMED_AFTER_PEOPLE = _forms(
    "جامعة مؤسسة مستشفى مركز مدينة كلية مدرسة جائزة مطار قاعة مسجد شارع ملعب استاد مجمع "
    "برنامج صندوق معهد"
)
#: Words before a first name that make it part of the same name (الملك فهد، بن سلمان).
NAME_LEADS = _forms("الملك الأمير الأميرة الشيخ الإمام السلطان بن بنت ابن عبد أبو أم آل")


def split_person_tails(toks: Sequence[Tok], mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """Cut a person's name off the end of a tagged organisation.

    The tagger sometimes runs an organisation into the name that follows it (a club and
    its coach, ``هجر أحمد الناظري``): a listed first name, without article or clitic,
    followed by one more word, inside an organisation mention that is not named after
    people, starts a PERS mention there. (A first name the lists lack, such as ``بان`` in
    ``المنظمة الدولية بان جي مون``, is not found.)
    """
    for m in list(mentions):
        if m.label != "ORG" or m.source != "crf" or toks[m.first].stem in NAMED_AFTER_PEOPLE:
            continue
        for k in range(m.first + 1, m.last - 1):
            tok, before = toks[k], toks[k - 1]
            if tok.prefix or tok.stem.startswith("ال") or before.stem in NAME_LEADS:
                continue
            if any(c.startswith("pers_") for c in gazetteer.categories(tok.form)):
                mentions.append(Mention(k, m.last, "PERS", "person_tail"))
                m.last = k
                break
    mentions.sort(key=lambda m: (m.first, -m.last))


#: Items of a list of places (rule 7) are short: a name of at most this many words.
MAX_LIST_ITEM = 3
_COMMAS = frozenset({",", "،"})


def complete_place_lists(toks: Sequence[Tok], mentions: list[Mention]) -> None:
    """Rule 7: in a list of at least three short items separated by commas, where at
    least two items are tagged places, and three quarters of them (a quarter when the list
    fills a pair of brackets), and none is tagged otherwise, the untagged name-like items
    are places too (``(الرياض , مكة المكرمة , جدة , الطائف , حائل)``).

    Enumerations of regions and cities are common in Gulf news, and the tagger, reading
    one item at a time, misses the unlisted ones.
    """
    label_at = {k: m.label for m in mentions for k in range(m.first, m.last)}
    i = 0
    while i < len(toks):
        items = _list_items(toks, i)
        if len(items) < 3:
            i += 1
            continue
        labels = [{label_at[k] for k in range(a, b) if k in label_at} for a, b in items]
        places = sum(found == {"LOC"} for found in labels)
        others = any(found - {"LOC"} for found in labels)
        a, b = items[0][0], items[-1][1]
        bracketed = a > 0 and toks[a - 1].text == "(" and b < len(toks) and toks[b].text == ")"
        # a quarter of the items inside brackets, else three quarters
        enough = places * 4 >= len(items) if bracketed else places * 4 >= 3 * len(items)
        if places >= 2 and enough and not others:
            for (a, b), found in zip(items, labels, strict=True):
                if not found and _name_like(toks[a:b]):
                    mentions.append(Mention(a, b, "LOC", "place_list"))
        i = items[-1][1]
    mentions.sort(key=lambda m: (m.first, -m.last))


def _list_items(toks: Sequence[Tok], i: int) -> list[tuple[int, int]]:
    """Comma-separated runs of at most MAX_LIST_ITEM words from token ``i``."""
    items: list[tuple[int, int]] = []
    start = i
    while start < len(toks):
        end, stop = start, min(len(toks), start + MAX_LIST_ITEM + 1)  # bounded: linear time
        while end < stop and toks[end].text not in _COMMAS and _word(toks[end]):
            end += 1
        if not start < end <= start + MAX_LIST_ITEM:
            break
        items.append((start, end))
        if end < len(toks) and toks[end].text in _COMMAS:
            start = end + 1
        else:
            break
    return items


def _word(tok: Tok) -> bool:
    return tok.text[:1].isalpha()


def _name_like(toks: Sequence[Tok]) -> bool:
    return all(
        not t.prefix
        and t.form not in STOP_WORDS
        and t.form not in _NOT_NAMES
        and not t.text[:1].isdigit()
        and not t.text.startswith(("و", "ف"))  # وغيرها، وجاكو: a conjunction, or not a name
        for t in toks
    )


_NOT_NAMES = _forms(
    "في من على إلى عن أن إن هم هي هو هما لكن ثم أو مع كل بعض غير إلخ أمس اليوم مساء صباح "
    "دول دولة مدن مدينة مناطق منطقة بلد بلدان ولايات التي الذي"
)
