"""Hostile titles, teasers, bodies and links never become executable in any output."""

from __future__ import annotations

import json

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from pipeline.models import Link
from pipeline.publish import render_channel
from tests.publish_helpers import channel, entry, release, sources

PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klick</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<p style="color:red" onclick="x()">p</p>',
    "<style>body{display:none}</style>",
    "<iframe src=//evil.example></iframe>",
    "<math><mi xlink:href=javascript:alert(1)>m</mi></math>",
    "onerror=",
    "<!--",
    "]]>",
    "<![CDATA[x]]>",
    "&lt;script&gt;",
    "Ä „Zitat“ ' \"",
]
hostile = st.lists(st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=12)), max_size=6).map(
    "".join
)
FORBIDDEN_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "img", "form"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
ATOM = "{http://www.w3.org/2005/Atom}"


def assert_inert(html: str) -> None:
    """No element, attribute or URL in `html` that a browser would run."""
    if not html.strip():
        return
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in FORBIDDEN_TAGS, element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            assert name.lower() != "style"
            if name.lower() in URL_ATTRIBUTES:
                assert value.startswith(("http://", "https://")), value


def assert_fragment_inert(fragment: str) -> None:
    body, script = fragment.rsplit('<script type="application/ld+json">', 1)
    payload, tail = script.split("</script>", 1)
    assert tail.strip() == ""
    assert "<" not in payload
    json.loads(payload)
    assert_inert(body)


def feed_html(files: dict[str, bytes]) -> list[str]:
    """Every HTML string the three feeds carry."""
    rss = etree.fromstring(files["rss.xml"])
    found = [item.findtext(CONTENT) for item in rss.iter("item")]
    found += [item.findtext("description") for item in rss.iter("item")]
    atom = etree.fromstring(files["atom.xml"])
    found += [e.findtext(f"{ATOM}content") for e in atom.iter(f"{ATOM}entry")]
    found += [item["content_html"] for item in json.loads(files["feed.json"])["items"]]
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=hostile, teaser=hostile, body=hostile, link_url=hostile, contact=hostile)
def test_hostile_input_is_never_executable(title, teaser, body, link_url, contact):
    rel = release(
        title="T " + title,
        teaser=teaser,
        body_html=body,
        contact=contact,
        links=(Link(url=link_url, text=title), Link(url="https://example.org/ok", text=teaser)),
    )
    an_entry = entry(rel)
    files = render_channel("melder", channel(), [an_entry], sources())
    assert_fragment_inert(files[f"releases/{an_entry.public_name}"].decode())
    assert_inert(files["index.html"].decode())
    for html in feed_html(files):
        assert "<script" not in html.lower()
        assert_inert(html)
