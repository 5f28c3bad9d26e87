"""``marsad stories``, ``story``, ``related`` and ``search --story`` on an ingested store
(hand-made JSON Lines: one wire text run by three outlets, a follow-up and an unrelated
report)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from store_helpers import write_jsonl
from stories_helpers import WIRE

runner = CliRunner()

FOLLOW_UP = (
    "افتتح أمير منطقة القصيم في مدينة بريدة كلية التمريض الجديدة بجامعة القصيم بحضور رئيس "
    "الجامعة وعدد من أعضاء هيئة التدريس، بعد يومين من اطلاعه على خطة الجامعة لاستقبال الطلاب "
    "المستجدين. وتستقبل الكلية في عامها الأول ثلاثمائة طالبة، ووقعت الجامعة اتفاقية مع وزارة "
    "الصحة لتدريب طالبات التمريض في مستشفيات منطقة القصيم."
)
WEATHER = (
    "أعلنت الهيئة العامة للأرصاد وحماية البيئة أن أمطارا رعدية غزيرة ستهطل على منطقة جازان "
    "ونجران وعسير خلال الأيام الثلاثة المقبلة، مصحوبة برياح نشطة تثير الأتربة والغبار وتحد من "
    "مدى الرؤية الأفقية على الطرق السريعة، ودعت المواطنين إلى الابتعاد عن مجاري السيول."
)
TITLE = "أمير القصيم يستقبل رئيس الجامعة"


def record(ident: str, source: str, text: str, title: str, day: str) -> dict[str, str]:
    return {
        "id": ident,
        "source": source,
        "url": f"https://{source}.example/{ident}",
        "published": day,
        "title": title,
        "text": text,
    }


RECORDS = [
    record("w1", "was", WIRE, TITLE, "2015-08-03"),
    record("o1", "okaz", WIRE, TITLE, "2015-08-03"),
    record("r1", "alriyadh", WIRE.replace("اليوم", "أمس"), TITLE, "2015-08-04"),
    record("f1", "alwatan", FOLLOW_UP, "افتتاح كلية التمريض بجامعة القصيم", "2015-08-05"),
    record("x1", "alwatan", WEATHER, "أمطار رعدية على جازان ونجران", "2015-08-05"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, backend, new_store):
    folder = tmp_path_factory.mktemp("stories-cli")
    path = new_store(backend, folder)
    inputs = write_jsonl(folder / "news.jsonl", RECORDS)
    result = runner.invoke(app, ["ingest", "--db", path, "--no-analysis", "-w", "1", str(inputs)])
    assert result.exit_code == 0, result.output
    assert "5 kept (2 republished copies)" in result.stderr
    return path


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_stories_lists_the_wire_story_with_its_outlets(db):
    result = runner.invoke(app, ["stories", "--db", db, "--json", "--sort", "size"])
    assert result.exit_code == 0, result.output
    first, *rest = _json_lines(result.stdout)
    assert first["headline"] == TITLE
    assert first["size"] >= 3 and first["texts"] >= 1
    outlets = {o["outlet"] for o in first["outlets"]}
    assert {"واس", "عكاظ", "الرياض"} <= outlets
    assert first["first_seen"].startswith("2015-08-03")
    assert all(s["size"] <= first["size"] for s in rest)
    table = runner.invoke(app, ["stories", "--db", db, "--min-size", "2"])
    assert table.exit_code == 0 and "عكاظ" in table.stdout


def test_stories_window_and_bad_options(db):
    late = _json_lines(
        runner.invoke(app, ["stories", "--db", db, "--json", "--since", "2015-08-05"]).stdout
    )
    assert all(s["last_seen"] >= "2015-08-05" for s in late) and late
    early = _json_lines(
        runner.invoke(app, ["stories", "--db", db, "--json", "--until", "2015-08-02"]).stdout
    )
    assert early == []
    bad = runner.invoke(app, ["stories", "--db", db, "--sort", "alphabetical"])
    assert bad.exit_code == 2 and "order must be one of" in bad.output


def test_story_shows_articles_and_the_republication_chain(db):
    (wire,) = _json_lines(
        runner.invoke(app, ["stories", "--db", db, "--json", "-n", "1", "--sort", "size"]).stdout
    )
    result = runner.invoke(app, ["story", str(wire["id"]), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (detail,) = _json_lines(result.stdout)
    ids = [a["id"] for a in detail["articles"]]
    assert ids[:3] == ["w1", "o1", "r1"]
    group = detail["copy_groups"][0]
    assert len(group["articles"]) == 3
    assert group["chain"]["original_source"] == "واس"
    text = runner.invoke(app, ["story", str(wire["id"]), "--db", db])
    assert "original: واس" in text.stdout
    missing = runner.invoke(app, ["story", "9999", "--db", db])
    assert missing.exit_code == 1 and "no story 9999" in missing.stderr


def test_related_gives_the_story_then_the_topic_never_the_same_text(db):
    result = runner.invoke(app, ["related", "o1", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    rows = _json_lines(result.stdout)
    ids = [r["id"] for r in rows]
    # Neither the other copies of its own text nor the unrelated weather report.
    assert not {"w1", "r1", "x1"} & set(ids)
    assert ids == ["f1"]
    assert rows[0]["reason"] in {"story", "topic"}
    missing = runner.invoke(app, ["related", "nope", "--db", db])
    assert missing.exit_code == 1


def test_related_falls_back_to_title_words_as_the_web_app_does(tmp_path, seed_page):
    # The seed page's related article (its اقرأ أيضاً) is another story: the title words
    # link them, as GET /api/articles/1/related does ("method": "title").
    db = str(tmp_path / "seed.db")
    ingest = ["ingest", "--db", db, "--no-analysis", "-w", "1", str(seed_page)]
    assert runner.invoke(app, ingest).exit_code == 0
    result = runner.invoke(app, ["related", "1", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert [(r["article"], r["reason"]) for r in _json_lines(result.stdout)] == [(2, "title")]


def test_search_story_filter(db):
    (wire,) = _json_lines(
        runner.invoke(app, ["stories", "--db", db, "--json", "-n", "1", "--sort", "size"]).stdout
    )
    result = runner.invoke(
        app, ["search", "--db", db, "--json", "--story", str(wire["id"]), "الجامعة"]
    )
    hits = {h["doc_id"] for h in _json_lines(result.stdout)}
    assert {"w1", "o1", "r1"} <= hits and "x1" not in hits
