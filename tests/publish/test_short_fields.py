"""What portals lose least: the disclaimer's mark in every short field, categories, languages,
authors, own dates, and links listed once."""

from __future__ import annotations

import json
from datetime import datetime

import feedparser
from lxml import etree

from pipeline.config import Disclaimer
from pipeline.models import Link
from pipeline.publish import render_channel
from tests.publish_helpers import (
    BERLIN,
    DISCLAIMER_DE,
    channel,
    english_release,
    entry,
    release,
    sample_entries,
    sources,
)


def _summaries(files) -> list[str]:
    rss = feedparser.parse(files["rss.xml"]).entries
    atom = feedparser.parse(files["atom.xml"]).entries
    items = json.loads(files["feed.json"])["items"]
    return [rss[0].summary, atom[0].summary, items[0]["summary"]]


def test_the_short_mark_is_a_template_the_full_text_or_nothing():
    full = channel(disclaimer=Disclaimer(text=DISCLAIMER_DE, short="full"))
    files = render_channel("melder", full, sample_entries()[:1], sources())
    assert all(summary.startswith(DISCLAIMER_DE[:30]) for summary in _summaries(files))
    own = channel(disclaimer=Disclaimer(text=DISCLAIMER_DE, short="Fremdinhalt ({source})"))
    files = render_channel("melder", own, sample_entries()[:1], sources())
    assert all(
        summary.startswith("Fremdinhalt (Stadt Leipzig – Medieninformationen) – ")
        for summary in _summaries(files)
    )
    none = channel(disclaimer=Disclaimer(text=DISCLAIMER_DE, short=""))
    files = render_channel("melder", none, sample_entries()[:1], sources())
    assert all(summary.startswith("Leipzig lädt") for summary in _summaries(files))


def test_index_teasers_carry_the_mark():
    files = render_channel("melder", channel(), sample_entries(), sources())
    index = files["index.html"].decode()
    assert "Pressemitteilung: Stadt Leipzig – Medieninformationen – Leipzig lädt" in index
    assert "Press release: Bristol City Council – " in index


def test_each_atom_entry_has_its_language_and_its_own_updated():
    same_run = datetime(2026, 11, 25, 11, 0, tzinfo=BERLIN)
    entries = [
        entry(release(identity=f"pm-{n}", published_at=datetime(2026, 11, 25, 9, n, tzinfo=BERLIN)),
              first_published_at=same_run)
        for n in range(3)
    ] + [entry(english_release(), first_published_at=same_run)]  # fmt: skip
    files = render_channel("melder", channel(), entries, sources())
    root = etree.fromstring(files["atom.xml"])
    atom = "{http://www.w3.org/2005/Atom}"
    found = root.findall(f"{atom}entry")
    languages = [e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in found]
    assert languages == ["de", "de", "de", "en"]
    updated = [e.findtext(f"{atom}updated") for e in found]
    assert len(set(updated)) == 4
    assert feedparser.parse(files["atom.xml"]).entries[3].get("language") in (None, "en")


def test_a_correction_is_dated_by_its_own_time():
    corrected = entry(
        release(),
        first_published_at=datetime(2026, 11, 25, 11, 0, tzinfo=BERLIN),
        updated_at=datetime(2026, 11, 26, 8, 0, tzinfo=BERLIN),
        revision=2,
    )
    files = render_channel("melder", channel(), [corrected], sources())
    [item] = feedparser.parse(files["atom.xml"]).entries
    assert item.updated.startswith("2026-11-26T08:00:00.")  # its own milliseconds
    assert item.published == "2026-11-25T10:30:00+01:00"


def test_releases_of_one_day_or_one_second_never_share_an_atom_updated():
    """Releases dated by the day alone, or approved in one batch, share the second: each entry
    gets milliseconds of its own, the same on every publish."""
    day = datetime(2026, 11, 25, tzinfo=BERLIN)
    entries = [
        entry(release(identity=f"pm-{n}", published_at=day), first_published_at=day)
        for n in range(12)
    ]
    files = render_channel("melder", channel(), entries, sources())
    parsed = feedparser.parse(files["atom.xml"]).entries
    updated = [item.updated for item in parsed]
    assert len(set(updated)) == 12
    assert all(value.startswith("2026-11-25T00:00:00.") for value in updated)
    assert files == render_channel("melder", channel(), entries, sources())


def test_links_the_body_carries_are_not_listed_again():
    inline = "https://www.leipzig.example/rathaus"
    rel = release(
        links=(Link(url=inline, text="Anfahrt"), Link(url="https://x.example/pdf", text="PDF")),
        # as the store keeps a normalized body: its anchors carry rel
        body_html=f'<p>Die <a href="{inline}" rel="nofollow noopener">Anfahrt</a> ist frei.</p>',
    )
    fragment = render_channel("melder", channel(), [entry(rel)], sources())
    page = next(data for name, data in fragment.items() if name.startswith("releases/")).decode()
    listed = page.split('class="melder-links"')[1]
    assert "https://x.example/pdf" in listed and inline not in listed
    always = render_channel("melder", channel(links_list="always"), [entry(rel)], sources())
    page = next(data for name, data in always.items() if name.startswith("releases/")).decode()
    assert inline in page.split('class="melder-links"')[1]
    never = render_channel("melder", channel(links_list="never"), [entry(rel)], sources())
    page = next(data for name, data in never.items() if name.startswith("releases/")).decode()
    assert "melder-links" not in page


def test_a_contact_with_its_own_label_gets_no_second_one():
    rel = release(contact="Media contact:\nJane Doe\npress@bristol.example")
    files = render_channel("melder", channel(), [entry(rel)], sources())
    page = next(data for name, data in files.items() if name.startswith("releases/")).decode()
    assert "Kontakt:<br>Media contact:" not in page and "Media contact:<br>Jane Doe" in page


def test_categories_reach_json_ld():
    files = render_channel("melder", channel(), sample_entries()[:1], sources())
    page = next(data for name, data in files.items() if name.startswith("releases/")).decode()
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["keywords"] == ["Internationales", "Rathaus"]
