"""The original beside the release, readable: a mail decoded, a page rendered inert in a
sandbox, and what extraction left out struck through."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from pipeline import runner
from pipeline.config import load_config
from pipeline.web import Limits, create_app
from tests.web_support import login, make_root, open_store, seed_users, settings_for

MAIL = b"""From: =?utf-8?q?Stadtwerke_L=C3=BCbeck?= <presse@swl.example>
To: melder@portal.example
Subject: =?utf-8?q?Stadtwerke_f=C3=B6rdern_W=C3=A4rmepumpen?=
Date: Tue, 24 Nov 2026 10:00:00 +0100
Message-ID: <wp-1@swl.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Die Stadtwerke f=F6rdern ab Januar den Einbau von W=E4rmepumpen mit bis zu
2.000 Euro je Haushalt; Antr=E4ge gibt es online und im Kundenzentrum am Markt.

Sie erhalten diese Nachricht, weil Sie in unserem Presseverteiler stehen.
"""
PAGE = """<html lang="de"><head><title>Brücke saniert</title>
<script>alert(1)</script><link rel="stylesheet" href="https://evil.example/x.css"></head>
<body><nav><a href="/">Startseite</a> | <a href="/presse">Presse</a></nav><main><article>
<h1>Brücke am Hafen wird saniert</h1><img src="https://evil.example/track.gif" alt="Brücke">
<p>Die Brücke am Hafen wird ab März für sechs Monate saniert; Fußgänger nutzen in dieser
Zeit die Fähre, die dafür alle zehn Minuten fährt.</p>
<p>Die Kosten von 3,2 Millionen Euro trägt zur Hälfte das Land.</p></article></main>
<footer>Impressum · Datenschutz · Cookie-Einstellungen</footer></body></html>"""


@pytest.fixture
def desk(tmp_path):
    root = make_root(tmp_path / "root")
    (root / "inbox" / "office" / "waermepumpen.eml").write_bytes(MAIL)
    (root / "inbox" / "office" / "bruecke.html").write_text(PAGE, encoding="utf-8")
    store = open_store(root)
    seed_users(store)
    runner.ingest(load_config(root), store, ["office"], now=datetime.now(UTC))
    store.close()
    app = create_app(root, settings_for(root), limits=Limits())
    with TestClient(app) as client:
        login(client)
        store = app.state.web.store
        yield client, {view.release.identity: view.release.id for view in store.search()}


def test_a_mail_is_shown_decoded_with_its_footer_struck_through(desk):
    client, ids = desk
    [mail_id] = [rid for key, rid in ids.items() if key.endswith("@swl.example>")]
    page = client.get(f"/desk/releases/{mail_id}").text
    assert "Stadtwerke fördern Wärmepumpen" in page and "Stadtwerke Lübeck" in page
    assert "f=F6rdern" not in page and "=?utf-8?" not in page
    assert re.search(r"<del>[^<]*Presseverteiler", page)
    assert re.search(r"<span>Die Stadtwerke fördern ab Januar", page)


def test_a_page_is_rendered_inert_in_a_sandbox_and_its_navigation_struck_through(desk):
    client, ids = desk
    [page_id] = [rid for key, rid in ids.items() if key.endswith("bruecke.html")]
    page = client.get(f"/desk/releases/{page_id}").text
    frame = re.search(r"<iframe([^>]*)>", page).group(1)
    assert 'sandbox=""' in frame and " src=" not in frame
    assert "evil.example" not in frame and "alert(1)" not in frame
    assert "Brücke am Hafen wird saniert" in frame
    assert re.search(r"<del>[^<]*Startseite", page) and re.search(r"<del>[^<]*Impressum", page)
    assert "<span>Die Brücke am Hafen wird ab März" in page


def test_a_json_submission_reads_as_its_text_fields_not_its_escapes():
    import base64
    import json

    from pipeline.models import Release
    from pipeline.web.compare import readable

    sent = {
        "title": "Stadt eröffnet Zweigstelle",
        "text": "Die Stadtbibliothek eröffnet am Montag eine Zweigstelle mit 80 Plätzen.\n\nDie "
        "Öffnungszeiten stehen online.",
        "images": [{"data": base64.b64encode(b"\x89PNG" * 50).decode(), "caption": "Foto"}],
    }
    data = json.dumps(sent).encode()  # ASCII escapes: 'er\\u00f6ffnet'
    release = Release.model_construct(
        title=sent["title"], teaser="", text=sent["text"], contact=None
    )
    original = readable(data, ".json", release)
    assert "eröffnet am Montag" in original.text and "\\u00f6" not in original.text
    assert "iVBOR" not in original.text  # no photo's bytes as text
    struck = [text for row in original.marked for kind, text in row if kind == "del"]
    assert not "".join(struck).strip(), struck
