"""Hand-made Arabic articles for the stories tests (no corpus text)."""

from __future__ import annotations

from marsad.model import Document, EntitySpan, Source
from marsad.stories.features import Features, compute_features
from marsad.stories.idf import default_idf

#: A wire story as the SPA sends it, and pieces to build copies and look-alikes from.
WIRE = (
    "استقبل أمير منطقة القصيم في مكتبه بمدينة بريدة اليوم رئيس جامعة القصيم وعددا من "
    "أعضاء هيئة التدريس، واطلع على خطة الجامعة لاستقبال الطلاب المستجدين في العام الدراسي "
    "الجديد التي تشمل افتتاح ثلاث كليات للعلوم التطبيقية والتمريض والحاسب الآلي. "
    "وأوضح رئيس الجامعة أن عدد المقبولين بلغ أربعة آلاف وثمانمائة طالب وطالبة، وأن الجامعة "
    "وقعت اتفاقية مع وزارة الصحة لتدريب طلاب التمريض في مستشفيات المنطقة. "
    "وأكد أمير المنطقة دعمه لبرامج الجامعة وحرصه على متابعة مشروعاتها الإنشائية في "
    "المدينة الجامعية، مشيدا بما حققته من تقدم في التصنيفات الأكاديمية خلال الأعوام الماضية. "
    "وفي ختام اللقاء قدم رئيس الجامعة درعا تذكارية لأمير المنطقة بهذه المناسبة."
)


def doc(
    ident: str,
    text: str,
    title: str = "",
    published: str | None = "2015-08-03T10:00:00+03:00",
    outlet: str = "الرياض",
    entities: tuple[str, ...] = (),
    agency: str | None = None,
) -> Document:
    d = Document(id=ident, text=text, title=title or None, published=published)
    d.sources.append(Source(outlet, "publisher"))
    if agency:
        d.sources.append(Source(agency, "agency"))
    d.entities = [EntitySpan(0, 1, "LOC", key=k) for k in entities]
    return d


def features(d: Document) -> Features:
    return compute_features(d, default_idf())
