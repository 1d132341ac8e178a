"""Inputs an attacker or a broken exporter sends: a lone surrogate that no UTF-8 text can hold,
void elements the HTML parser nests, credentials and internal hosts in links, bidi overrides,
srcset candidates that are no web address, Markdown links to refused schemes."""

from __future__ import annotations

import html
import json
import re

import pytest

from pipeline.extract.srcset import largest_candidate
from pipeline.normalize import normalize
from pipeline.normalize.links import clean_url
from tests.cli.test_cli import melder
from tests.conftest import write
from tests.normalize.test_normalize import SOURCE, raw_release
from tests.normalize.test_release_gate import extracted

PARAGRAPH = (
    "Die Stadt saniert ab Montag die Brücke am Mühlbach. Die Arbeiten dauern sechs Wochen und "
    "werden vom Tiefbauamt begleitet."
)


def test_a_lone_surrogate_keeps_its_release_invalid_and_the_source_s_other_files_are_read(
    empty_root,
):
    inbox = empty_root / "inbox" / "reviewed"
    broken = '{"title": "Lone \\udc00 surrogate", "text": "' + PARAGRAPH + '"}'
    (inbox / "broken.json").write_text(broken, encoding="utf-8")
    write(inbox / "good.txt", f"Brücke am Mühlbach wird saniert\n\n{PARAGRAPH}\n")
    melder(empty_root, "ingest")
    invalid = json.loads(melder(empty_root, "queue", "--state", "invalid", "--json").stdout)
    queued = json.loads(melder(empty_root, "queue", "--state", "queued", "--json").stdout)
    assert [item["title"] for item in queued] == ["Brücke am Mühlbach wird saniert"]
    [broken] = invalid
    shown = json.loads(melder(empty_root, "show", broken["id"], "--json").stdout)
    assert shown["title"] == "Lone \ufffd surrogate"
    assert any("lone UTF-16 surrogate" in error["message"] for error in shown["errors"])


def test_text_after_an_embed_or_a_source_element_is_kept():
    found = extracted(
        "<html><head><title>Brücke</title></head><body><article><h1>Brücke wird saniert</h1>"
        f"<p>{PARAGRAPH}</p><embed src='https://www.stadt.example/film.mp4'><p>Die Umleitung "
        "führt über die Ringstraße, teilte die Stadt am Mittwoch mit.</p><source src='x.mp4'>"
        "<p>Anwohner erhalten einen Brief mit allen Terminen der Bauarbeiten.</p></article>"
        "</body></html>"
    )
    assert "Die Umleitung führt über die Ringstraße" in found.text
    assert "Anwohner erhalten einen Brief" in found.text


def test_links_lose_credentials_and_internal_hosts_are_no_links():
    assert clean_url("https://user:geheim@intern.stadt.example/akte") == (
        "https://intern.stadt.example/akte"
    )
    # a bank's name as userinfo hides where the link goes: the real host stays
    assert clean_url("https://www.bank.example@evil.example/login") == "https://evil.example/login"
    for internal in (
        "http://127.0.0.1/admin",
        "http://[::1]:8080/",
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/",
        "http://localhost:8000/",
    ):
        assert clean_url(internal) is None


def test_bidi_overrides_leave_titles_text_and_categories():
    found = extracted(
        "<html><head><title>x</title><meta property='article:tag' content='x\u202ey'></head>"
        "<body><article><h1>Stadtrat beschließt \u202egpj.exe\u202c Haushalt</h1>"
        f"<p>{PARAGRAPH} Datei: \u2066bericht.pdf\u2069.</p></article></body></html>"
    )
    everything = json.dumps([found.title, found.text, found.teaser, found.categories])
    for control in ("\\u202e", "\\u202c", "\\u2066", "\\u2069"):
        assert control not in everything
    assert found.title == "Stadtrat beschließt gpj.exe Haushalt"


def test_srcset_candidates_are_read_as_a_browser_reads_them():
    cloudinary = (
        "https://img.example/c_scale,w_400/a.jpg 400w, "
        "https://img.example/c_scale,w_1600/a.jpg 1600w"
    )
    assert largest_candidate(cloudinary) == "https://img.example/c_scale,w_1600/a.jpg"
    hostile = "data:image/svg+xml;base64,PHN2Zz4= 3000w, javascript:alert(1) 2000w, ok.jpg 800w"
    assert largest_candidate(hostile) == "ok.jpg"
    assert largest_candidate("x.jpg, y.jpg 2x") == "y.jpg"


def test_a_markdown_link_to_a_refused_scheme_keeps_its_text_only():
    from pipeline.ingest.readers.markdown import render_markdown

    html, _, _ = render_markdown(
        "Siehe [hier](javascript:alert(1)) und [dort](https://x.example/a).", take_title=False
    )
    found = extracted(
        f"<html><body><article><h1>Radwege</h1><p>{PARAGRAPH}</p>{html}</article></body></html>"
    )
    assert "Siehe hier und dort." in found.text
    assert "javascript" not in found.body_html and "](" not in found.text
    # an image whose address is a script is no photo
    _, _, images = render_markdown('![bild](javascript:alert(1) "x")', take_title=False)
    assert images == []


def test_text_in_angle_brackets_given_as_a_title_is_the_sender_s_text():
    """A field given as text keeps every character: a CMS's second escaping is undone once,
    and a '<script>' typed there is words the outputs escape, never code."""
    body = "Die Stadt baut 40 Haltestellen um.\n"
    twice = raw_release(title="Ortsbeirat &amp; Jugendrat: &lt;Kinder&gt; zuerst", body_text=body)
    assert normalize(twice, SOURCE).title == "Ortsbeirat & Jugendrat: <Kinder> zuerst"
    title = "Barrierefreie Haltestellen <script>alert('t')</script>in Markkleeberg"
    found = normalize(raw_release(title=title, body_text=body), SOURCE)
    assert found.title == title
    assert found.slug.startswith("barrierefreie-haltestellen-script-alert-t-script-in-")


def test_a_given_contact_and_link_text_keep_the_sender_s_characters():
    from pipeline.models import Link

    given = raw_release(
        title="Projekt startet",
        body_text="Die Stadt startet ein Projekt.\n",
        contact="Pressestelle <VMD> & Partner\nTel. 0341 123-4567",
        links=(Link(url="https://projekt.example/", text="Projekt <neu> & mehr"),),
    )
    found = normalize(given, SOURCE)
    assert found.contact == "Pressestelle <VMD> & Partner\nTel. 0341 123-4567"
    assert [link.text for link in found.links] == ["Projekt <neu> & mehr"]


def test_direction_overrides_leave_captions_credits_alt_texts_and_file_names():
    from pipeline.models import Media
    from pipeline.normalize.captions import clean_media

    hostile = Media(
        filename="Foto_\u202egpj.exe",
        content_type="image/jpeg",
        size=10,
        caption="Das \u202eneue Rathaus",
        credit="\u2066Max Muster\u2069",
        alt="Rat\u202ehaus",
    )
    [clean] = clean_media((hostile,))
    assert (clean.filename, clean.caption, clean.credit, clean.alt) == (
        "Foto_gpj.exe",
        "Das neue Rathaus",
        "Max Muster",
        "Rathaus",
    )


# Every spelling a browser opens as an internal address: trailing dot, one integer, hex, octal,
# shortened dotted, percent-encoded, IPv4-mapped IPv6, full-width digits.
INTERNAL_SPELLINGS = (
    "http://127.0.0.1./admin",
    "http://192.168.0.1./router",
    "http://0x7f000001/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0/",
    "http://169.254.169.254./latest",
    "http://0xa9fea9fe/",
    "http://%31%32%37.0.0.1/",
    "http://100.64.0.1/",
    "http://[::ffff:7f00:1]/",
    "http://\uff11\uff12\uff17\uff0e\uff10\uff0e\uff10\uff0e\uff11/",
    "http://localhost./",
)


def test_internal_addresses_in_any_spelling_are_no_links_and_public_ones_stay(empty_root):
    public = ["https://www.2130706433.example/plan", "https://93.184.216.34/karte"]
    release = {
        "title": "Bauarbeiten an der Brückenstraße",
        "text": f"{PARAGRAPH}\n\nMehr unter " + " und ".join([*INTERNAL_SPELLINGS, *public]),
        "links": [{"url": url, "text": f"Ziel {n}"} for n, url in enumerate(INTERNAL_SPELLINGS)]
        + [{"url": public[0], "text": "Plan"}],
        "language": "de",
    }
    (empty_root / "inbox" / "trusted" / "bau.json").write_text(json.dumps(release), "utf-8")
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    [page] = (empty_root / "outputs" / "portal" / "releases").glob("*.html")
    fragment = page.read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', fragment)
    assert sorted(set(hrefs)) == sorted(public)
    for spelling in INTERNAL_SPELLINGS:
        assert html.escape(spelling) in fragment  # the text stays, unlinked
    extracted_release = json.loads(
        melder(
            empty_root,
            "extract",
            str(empty_root / "inbox" / "trusted" / "bau.json"),
            "--source",
            "trusted",
            "--json",
        ).stdout
    )
    assert [link["url"] for link in extracted_release["links"]] == public


def test_a_file_name_s_direction_overrides_leave_the_messages_that_quote_it(empty_root):
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = "Pressestelle <presse@lindenau.example>"
    mail["Subject"] = "Weihnachtsmarkt öffnet am Freitag"
    mail["Message-ID"] = "<wm-2026@lindenau.example>"
    mail.set_content("Das Programm finden Sie im Anhang.\n\nPressekontakt: Stadt Lindenau\n")
    for name in ("Programm\u202efdp.exe\u202c.pdf", "Plan.pdf"):
        mail.add_attachment(b"%PDF-1.4\n%%EOF\n", "application", "pdf", filename=name)
    (empty_root / "inbox" / "trusted" / "wm.eml").write_bytes(bytes(mail))
    melder(empty_root, "ingest")
    [invalid] = json.loads(melder(empty_root, "queue", "--state", "invalid", "--json").stdout)
    shown = json.loads(melder(empty_root, "show", invalid["id"], "--json").stdout)
    assert [error["message"] for error in shown["errors"]] == [
        "the mail's text is a cover note and the release seems to be in Programmfdp.exe.pdf, "
        "which Melder does not read; send the text in the mail or attach it as .txt or .html"
    ]


def nested_page(depth: int) -> str:
    return (
        "<html><head><title>Neue Bibliothek eröffnet</title></head><body>"
        "<h1>Neue Bibliothek eröffnet</h1>" + "<div>" * depth + f"<p>{PARAGRAPH}</p>"
        "<p>Die Bibliothek ist montags bis samstags geöffnet.</p>" + "</div>" * depth
        + "</body></html>"
    )  # fmt: skip


@pytest.mark.parametrize("depth", [200, 260, 1500])
def test_text_nested_hundreds_of_elements_deep_is_read(empty_root, depth):
    page = write(empty_root / "inbox" / "trusted" / "tief.html", nested_page(depth))
    found = json.loads(melder(empty_root, "extract", str(page), "--json").stdout)
    assert found["errors"] == []
    assert PARAGRAPH in found["text"]


def test_text_nested_deeper_than_any_parser_reads_is_named_as_such(empty_root):
    page = write(empty_root / "inbox" / "trusted" / "tief.html", nested_page(3000))
    found = json.loads(melder(empty_root, "extract", str(page), "--json", code=None).stdout)
    [error] = found["errors"]
    assert error["message"].endswith(
        "the page nests its elements hundreds of levels deep and its text lies below what "
        "Melder reads: send the text, or the page as its CMS writes it"
    )
