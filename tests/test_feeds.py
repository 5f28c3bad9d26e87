"""Feeds: the 27 feeds of ../shared/data/feeds and hand-made RSS/Atom/RDF edge cases."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

import marsad.formats  # noqa: F401
from marsad import service
from marsad.extract.agencies import outlet_name
from marsad.ingest.readers import read_inputs
from marsad.model import Document, RawRecord, Rejection

DESCRIPTION = "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى خلال العام."


@pytest.fixture(scope="module")
def feed_results(shared_dir: Path) -> list[Document | Rejection]:
    return list(service.extract_paths([str(shared_dir / "data" / "feeds")], analyse=None))


@pytest.fixture(scope="module")
def ant_published(shared_dir: Path) -> dict[str, tuple[str, str]]:
    """ANT id → (published, url), for the records the feed items came from."""
    found: dict[str, tuple[str, str]] = {}
    with gzip.open(shared_dir / "data" / "news" / "ant_multisource.jsonl.gz", "rt") as fh:
        for line in fh:
            if '"2018-05-' not in line:
                continue
            obj = json.loads(line)
            found[obj["id"]] = (obj["published"], obj["url"])
    return found


def test_feeds_every_feed_parses_and_urdu_is_rejected(shared_dir, feed_results):
    feeds = sorted((shared_dir / "data" / "feeds").glob("*.xml"))
    assert len(feeds) == 28  # 26 RSS + 1 Atom Arabic feeds, and the Urdu one
    rejected = [r for r in feed_results if isinstance(r, Rejection)]
    assert [(Path(r.origin).name, r.reason) for r in rejected] == [
        ("bbc_urdu_2018_miniflux_testdata.rss.xml", "not_arabic")
    ]
    per_feed = Counter(d.origin.split("#")[0] for d in feed_results if isinstance(d, Document))
    for path in feeds:
        if "urdu" not in path.name:
            items = len(re.findall(r"<item>|<entry>", path.read_text("utf-8")))
            assert per_feed[str(path)] == items > 0, path.name


def test_feeds_pubdates_match_the_ant_records(shared_dir, feed_results, ant_published):
    docs = [d for d in feed_results if isinstance(d, Document)]
    by_url = {url: published for published, url in ant_published.values()}
    checked = 0
    for path in sorted((shared_dir / "data" / "feeds").glob("*.xml")):
        items = [d for d in docs if d.origin.startswith(f"{path}#")]
        ids = re.findall(r"ant_id: (\S+)", path.read_text("utf-8"))
        if ids:  # RSS: the ant_id comments give the item order
            assert len(ids) == len(items)
            expected = [ant_published[i][0] for i in ids]
        else:  # the Atom feed has no comments: join by URL
            expected = [by_url[d.url] for d in items if d.url in by_url]
            items = [d for d in items if d.url in by_url]
        assert [d.published for d in items] == expected, path.name
        assert all(d.provenance["published"] == "feed:pubDate" for d in items)
        checked += len(items)
    assert checked >= 1191


def test_feeds_item_fields(feed_results):
    doc = next(d for d in feed_results if isinstance(d, Document) and "CNN_sport" in d.origin)
    assert doc.url and doc.url.startswith("https://arabic.cnn.com/sport/")
    assert doc.title and doc.text and doc.meta["categories"] == ["sport"]
    assert doc.provenance["text"] == "feed:content"  # content:encoded preferred
    assert "summary" in doc.meta
    assert any(s.role == "publisher" for s in doc.sources)


def test_feeds_name_the_outlet_as_its_corpus_records_do(feed_results):
    # "CNN بالعربية - sport" in the feed, "cnn" in the JSON Lines corpus: one outlet name
    publishers = {
        s.name
        for d in feed_results
        if isinstance(d, Document) and "CNN_" in d.origin
        for s in d.sources
        if s.role == "publisher"
    }
    assert publishers == {outlet_name("cnn")} == {"سي إن إن بالعربية"}


def _feed(tmp_path: Path, body: str, name: str = "feed.xml", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(body.encode(encoding))
    return path


def _run(path: Path) -> list[Document | Rejection]:
    return list(service.extract_paths([str(path)], analyse=None))


def test_feeds_relative_links_resolve_against_the_site(tmp_path):
    rss = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
    <title>{site}</title><link>https://{site}.example/</link>
    <item><title>خبر</title><link>/news/1.html</link><description>{text}</description></item>
    </channel></rss>"""
    urls = [
        doc.url
        for site in ("alpha", "beta")
        for doc in _run(_feed(tmp_path, rss.format(site=site, text=DESCRIPTION), f"{site}.xml"))
        if isinstance(doc, Document)
    ]
    assert urls == ["https://alpha.example/news/1.html", "https://beta.example/news/1.html"]


def test_feeds_cut_short_keeps_the_closed_items_and_names_the_rest(shared_dir, tmp_path):
    whole = shared_dir / "data" / "feeds" / "CNN_middleEast_2018-05-14_2018-05-20.rss.xml"
    data = whole.read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(data[: len(data) // 2])
    results = _run(cut)
    docs = [r for r in results if isinstance(r, Document)]
    (rejection,) = [r for r in results if isinstance(r, Rejection)]
    closed = data[: len(data) // 2].count(b"</item>")
    assert len(docs) == closed  # the item cut in the middle is not stored as if whole
    assert rejection.origin == f"{cut}#item{closed + 1}" and rejection.reason == "truncated"
    assert "line" in rejection.detail


def test_feeds_arabic_pubdate_goes_through_the_date_parser(tmp_path):
    rss = f"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع</title>
    <item><title>خبر أول</title><link>https://example.com/a</link>
    <pubDate>الأحد، 20 مايو 2018</pubDate><description>{DESCRIPTION}</description></item>
    </channel></rss>"""
    (doc,) = _run(_feed(tmp_path, rss))
    assert isinstance(doc, Document)
    assert doc.published is not None and doc.published.startswith("2018-05-20")


def test_feeds_rdf_and_a_cp1256_declaration(tmp_path):
    rdf = f"""<?xml version="1.0" encoding="windows-1256"?>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://example.com/"><title>موقع</title></channel>
    <item rdf:about="https://example.com/b"><title>خبر ثان</title><link>https://example.com/b</link>
    <dc:date>2018-05-19T10:00:00+03:00</dc:date><description>{DESCRIPTION}</description></item>
    </rdf:RDF>"""
    (doc,) = _run(_feed(tmp_path, rdf, "feed.rdf", "windows-1256"))
    assert isinstance(doc, Document)
    assert doc.title == "خبر ثان" and doc.published == "2018-05-19T10:00:00+03:00"
    assert doc.url == "https://example.com/b"


def test_feeds_items_keep_links_and_nothing_is_fetched(tmp_path):
    rss = f"""<rss version="2.0"><channel><title>موقع</title>
    <item><title>خبر</title><link>https://example.invalid/x</link>
    <description>{DESCRIPTION}</description></item></channel></rss>"""
    (record,) = list(read_inputs([str(_feed(tmp_path, rss))]))
    assert isinstance(record, RawRecord) and record.format == "feed-item"
    assert record.url == "https://example.invalid/x"


def test_feeds_without_items_are_rejected(tmp_path):
    (rejection,) = _run(
        _feed(tmp_path, "<rss version='2.0'><channel><title>x</title></channel></rss>")
    )
    assert isinstance(rejection, Rejection) and rejection.reason == "empty"
