"""Lexicon tables for speaker phrases: head nouns, titles, adjuncts, name particles.

The head (first content word) of a speaker phrase decides its type before any name
look-up: ``مسؤول``/``مصادر`` make an anonymous source, ``وزارة``/``صحيفة`` an organisation,
``وزير``/``المتحدث`` a title that a name may follow, ``التقرير``/``البيان`` an anaphor
resolved to an earlier source. Forms are folded with :func:`marsad.analyse.quotes.cues.fold`;
the article ``ال`` is stripped before heads are looked up.
"""

from __future__ import annotations

from marsad.analyse.quotes.cues import words

#: Heads of anonymous sources (QUOTES.md: unnamed people and office-holders are ANON).
ANON_HEADS = words(
    "مسؤول مسؤولة مسؤولون مسؤولين مسؤولو مسؤولا مصدر مصدرا مصادر متحدث ناطق "
    "خبراء محللون محللين مغردون مغردين متابعون ناشطون ناشطين شهود سكان "
    "دبلوماسي دبلوماسيون دبلوماسيين أحد عدد بعض أطباء أطباؤه أطباؤها باحثون باحثين "
    "هيئات السلطات سلطات مصرفيون موظفون عسكريون عاملون مراقبون منتقدون منتقدو "
    "وزراء نواب أعضاء مستشارون قادة قياديون مواطنون ناخبون جماعات منظمات نشطاء حقوقيون "
    "عشرات مئات عائلات أسر ذوو ذوي"
)
#: Title heads: an office or a role that a personal name usually follows.
TITLE_HEADS = words(
    "وزير وزيرة وزيرا وزيري رئيس رئيسة متحدث متحدثة ناطق ناطقة مدير مديرة سفير سفيرة "
    "مبعوث مبعوثة مستشار مستشارة قائد زعيم زعيمة نائب نائبة عضو عضوة خبير خبيرة محلل محللة "
    "مراسل مراسلة حارس ممرضة ممرض باحث باحثة دكتور دكتورة طبيب طبيبة عميد لواء عقيد "
    "مغرد مغردة سيناتور ملك أمير أميرة شيخ مرشد مفوض مفوضة مدعي قاضي قاضية مدرب لاعب "
    "نجم نجمة فنان فنانة كاتب كاتبة صحفي صحفية رئيسا مدرب محافظ والي عمدة مؤسس "
    "مساعد مساعدة مندوب مندوبة محامي محامية أستاذ أستاذة "
    "بروفيسور روائي شاعر شاعرة مخرج مخرجة ممثل ممثلة مغني مغنية محرر محررة مؤلف مؤلفة"
)
#: Titles only with the article (``الأمين العام``); without it they are given names (أمين).
DEFINITE_TITLES = words("أمين")
#: Heads of organisations, institutions, outlets and governments.
ORG_HEADS = words(
    "وزارة حكومة جيش شرطة مرصد مجلس منظمة هيئة اتحاد بيت خارجية رئاسة مكتب إدارة "
    "شركة صحيفة مجلة موقع وكالة قناة شبكة إذاعة مفوضية قيادة قوات ادعاء نيابة محكمة "
    "بنك معهد مركز أمم حركة حزب جماعة مؤسسة إعلام تلفزيون برلمان كونغرس بنتاغون "
    "كرملين مستشفى جامعة لجنة تحالف جبهة فصائل فصيل ائتلاف سفارة قنصلية "
    "بعثة دائرة مديرية سلطة صندوق بورصة مصرف منتدى نادي فريق منتخب اتحادات "
    "مجموعة خدمة تنظيم معهد"
)
#: Outlet and company words dropped from a canonical name (``صحيفة "معاريف"`` → معاريف).
OUTLET_PREFIXES = words("صحيفة مجلة موقع وكالة قناة شبكة شركة مؤسسة خدمة إذاعة تلفزيون")
#: Anaphoric heads resolved to an earlier source (QUOTES.md "Reports and sites").
ANAPHOR_HEADS = words(
    "تقرير صحيفة موقع مجلة بيان وكالة شركة منظمة هيئة مفوضية مرصد مصدر مراسل فريق "
    "مركز متحدث مسؤول وزير وزيرة خبير محلل رئيس مدير مجموعة دراسة بيانات "
    "وزارة بنك مصرف نادي حكومة حزب جامعة لجنة"
)
#: Titles of a text's author: without a holder named before, they refer to the person
#: the article is about (``وأشار الكاتب``, in a report on someone's column or book).
AUTHOR_HEADS = words("كاتب كاتبة مؤلف مؤلفة")
#: Anaphors that refer to a publication, resolved to the outlet that published it.
REPORT_HEADS = words("تقرير موقع صحيفة مجلة وكالة دراسة")
#: Words that mark an anaphor as a repetition of the last source (``التقرير نفسه``).
SAME_WORDS = words("نفسه نفسها ذاته ذاتها ذاتهم نفسهم أيضا")
#: Data nouns: ``بيانات كبلر`` names a source, ``البيانات`` alone does not (QUOTES.md).
DATA_NOUNS = words(
    "بيانات تقديرات أرقام إحصاءات إحصائيات صور تحليل تحقيقات دراسة معطيات استطلاع تقرير تقارير "
    "بيان بيانا مقال مقالا"
)
#: Times and sentence adverbs: they open an adjunct after a speaker (``قال الوزير أمس``).
TIME_WORDS = words(
    "اليوم أمس امس الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت مساء صباح "
    "ظهر الليلة ليلة فجر يوم أيضا كذلك بدوره بدورها مجددا سابقا لاحقا مؤخرا حديثا حاليا الماضي "
    "الشهر الأسبوع آنذاك حينذاك وقتذاك "
    "أول أمس وقت بعدها بعده قبلها حينها عندها وقتها ثانية أخيرا الثاني الثالث الرابع "
    "الخامس السادس السابع الثامن التاسع العاشر يناير فبراير مارس أبريل إبريل مايو يونيو "
    "يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون شباط آذار نيسان أيار حزيران تموز آب "
    "أيلول تشرين"
)
#: Nouns of speech events: ``في بيان``, ``خلال مؤتمر صحفي``, ``في تغريدة``.
SPEECH_NOUNS = words(
    "بيان بيانه بيانها بيانهم تصريح تصريحات تصريحه تصريحاته تصريحاتها مقابلة حديث "
    "تغريدة منشور مقال كلمة رسالة مؤتمر خطاب تقرير إفادة جلسة لقاء اتصال مكالمة "
    "تدوينة مداخلة ندوة حوار تعليق تعليقه بيانات "
    "عمود عموده عمودها عامود عاموده عامودها زاوية زاويته زاويتها افتتاحية افتتاحيتها "
    "مقاله مقالها مقالة مقالته مقالتها"
)
#: Prepositions that open an adjunct (a speaker phrase ends before them).
ADJUNCT_PREPS = words(
    "خلال عقب بعد قبل أثناء عبر أمام عند لدى حين بينما على إثر وسط "
    "بدعوى بتهمة بسبب بشأن بحجة بذريعة بقضية بمناسبة لصالح"
)
#: Particles inside personal names (``عبد الرحمن``, ``أبو زيد``, ``بن غفير``).
NAME_PARTICLES = words("عبد بن ابن أبو أبي أبا ذو آل ولد دي دا فان فون بي")
#: Function words, pronoun-suffixed prepositions and relational nouns: never part of a name.
FUNCTION_WORDS = words(
    "في من إلى على عن مع ب ل و أو ثم التي الذي الذين اللذان اللتان هو هي هم كل بعض "
    "هذا هذه ذلك تلك ما لا لم لن قد إن أن كان كانت وكان وكانت يكون تكون غير أي أكثر "
    "أول آخر جديد جديدة كبير كبيرة سابق سابقة الحالي السابق نحو حول بشأن ضد لها له "
    "بها به فيها فيه منها منه عليه عليها إنه أنه إنها أنها حتى أيضا كذلك لذلك ولذلك "
    "بالتالي وبالتالي لهذا هنا هناك إلا إذ إذا لو كما مما عما بما ربما عنه عنها عنهم "
    "لهم لهما إليه إليها معه معها معهم بينهم نظير نظيره نظيرها نظيرته زميله زميلها "
    "شقيقه شقيقها ابنه ابنها زوجته زوجها والده والدها لكنه لكنها لكنهم ولكنه ولكنها يكن "
    "تكن يكون تكون كانوا باسم خال خالة عم عمة جد جدة أخت ابنة زوج زوجة والد والدة"
)
#: Country and capital names that speak for governments (ORG when they are the speaker).
STATES = words(
    "إيران إسرائيل روسيا الصين تركيا مصر السعودية الإمارات قطر الكويت العراق سوريا "
    "لبنان الأردن اليمن ليبيا تونس الجزائر المغرب السودان فرنسا ألمانيا بريطانيا "
    "أمريكا أميركا واشنطن موسكو بكين طهران أنقرة القاهرة الرياض الدوحة بغداد دمشق "
    "بيروت عمان باريس برلين لندن كييف أوكرانيا الهند باكستان اليابان كوريا "
    "إسبانيا إيطاليا الفاتيكان تل بروكسل الدنمارك السويد النرويج هولندا بلجيكا "
    "كندا المكسيك البرازيل فنزويلا كوبا أفغانستان الولايات"
)

#: Non-nisba adjectives that continue a phrase (``المفوضية العليا``, ``مسؤول رفيع``).
ADJECTIVES = words(
    "العليا الكبرى الأعلى العام العامة المتحدة الجديد الجديدة السابق السابقة الحالي "
    "الأول الأولى المساعد الخاص الخاصة الدائم المختص المختصة المتخصص المتخصصة "
    "الأبيض رفيع رفيعة كبير كبار بارز بارزة مطلع مطلعة مقرب مقربة قريب قريبة رفيعو "
    "مطلعون مقربون الركن المخضرم المفاوض المفاوضة مفاوض"
)
#: Common nouns that continue a genitive chain inside a phrase (``في عدة دول``, ``مقر خاتم
#: الأنبياء``, ``لحقوق الإنسان``); a proper noun after a preposition ends it (``في بغداد``).
PHRASE_NOUNS = words(
    "حقوق شؤون دول دولة عدة عدد مجال طب مقر أعضاء شركات قطاع ملف ملفات إدارة مجلس "
    "منطقة مناطق بلدان وفد لجنة"
)
#: Media words: ``صحيفة "معاريف" العبرية`` is named ``معاريف``; other prefixes stay.
MEDIA_PREFIXES = words("صحيفة مجلة موقع وكالة قناة شبكة إذاعة تلفزيون")
#: Verbs that follow a data noun before its provider (``دراسة نشرت في مجلة …``).
DATA_VERBS = words(
    "نشرت نشر نشرها نشرتها أجريت أجريت أجراها أعدها أعدتها صدرت أصدرها أصدرتها حديثة جديدة "
    "جديد حديث أخيرة أخير"
)
#: Verbs that take an object between the speaker and the content (``وصف X Y بأنه``,
#: ``حذرت X Y من``): their speaker phrase is parsed narrowly.
OBJECT_CUES = words("وصف حذر دعا طالب اعتبر هدد أبلغ ردد نقل")
#: Addressees after a speaker, never part of the phrase (``للصحفيين``).
ADDRESSEES = words("للصحفيين للصحافيين للصحافة للإعلاميين لوسائل للمراسلين")
#: Outlets that speak or relay without a ``صحيفة``/``وكالة`` prefix.
KNOWN_OUTLETS = words(
    "الجزيرة CNN رويترز بلومبيرغ فرانس أسوشيتد العربية سكاي سبوتنيك الأناضول إرنا تاس واس وام بي"
)
