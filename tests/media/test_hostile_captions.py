"""Captions, credits, alt texts and file names are a sender's text: whatever they hold, the
fragment and the feeds carry it as text, never as markup."""

from __future__ import annotations

import json
import re

import lxml.html

from pipeline.models import Media, MediaInput
from pipeline.normalize.captions import clean_media
from pipeline.publish import render_channel
from tests.publish.test_xss import feed_html
from tests.publish_helpers import channel, entry, release, sources

HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script></script><!--'


def test_hostile_texts_stay_text_in_every_output():
    media = Media(
        filename=f"{HOSTILE}.jpg",
        content_type="image/jpeg",
        size=1000,
        sha256="a" * 64,
        width=1600,
        height=1000,
        caption=f"Bild {HOSTILE}",
        credit=f"Foto {HOSTILE}",
        alt=f"Alt {HOSTILE}",
        license=f"javascript:alert(3) {HOSTILE}",
    )
    document = Media(
        filename=f"{HOSTILE}.pdf", content_type="application/pdf", size=50, sha256="b" * 64,
        kind="document",
    )  # fmt: skip
    (cleaned_media, cleaned_document) = clean_media((media, document))
    rel = release().model_copy(update={"media": (cleaned_media, cleaned_document)})
    files = render_channel("melder", channel(), [entry(rel)], sources())
    page = next(data for path, data in files.items() if path.startswith("releases/")).decode()
    # the sender's words stay whole, as text: no element or attribute of theirs is markup
    for html in [page.split('<script type="application/ld+json">')[0], *feed_html(files)]:
        assert_only_the_photo(html or "")
    assert "<img src=x" not in page and "javascript:" not in page
    caption = lxml.html.fragment_fromstring(page.split("<script")[0], create_parent="div")
    assert caption.findtext(".//figcaption").startswith(f"Bild {HOSTILE}")
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page).group(1))
    assert "license" not in ld["image"][0]  # only an http(s) license URL is a link
    assert page.count("<figure") == 1 and page.count('download="') == 1


def assert_only_the_photo(html: str) -> None:
    """Melder's own figure and link to the document, and no element the sender's text made."""
    if not html.strip():
        return
    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag != "script"
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib
        if element.tag == "img":
            assert element.get("src").startswith("https://portal.example/"), element.get("src")


def test_a_file_name_never_carries_a_path():
    [kept] = clean_media(
        (Media(filename="../../etc/passwd", content_type="application/pdf", size=1),)
    )
    assert kept.filename == "passwd"
    assert MediaInput(filename="x").data is None
