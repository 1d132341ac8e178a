"""An editor and a release's photos, in a real browser: see them with caption, credit and alt
text, be warned where a credit is missing, fix it, choose the lead photo, leave one out."""

from __future__ import annotations

import os
import re
import shutil
from datetime import UTC, datetime

import httpx
import pytest

from pipeline import runner
from pipeline.config import load_config
from pipeline.media import MediaLibrary
from tests.conftest import REPO
from tests.media_helpers import photo
from tests.web_support import PASSWORD, make_root, open_store, seed_users, serving

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "tests" / "artifacts"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run"]

if not shutil.which(CHROMIUM):
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is not installed; .ci/run must install it", pytrace=False)
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)

PAGE = """<html lang="de"><head><title>Stadt pflanzt 500 Bäume</title></head><body><main>
<article><h1>Stadt pflanzt 500 Bäume</h1>
<figure><img src="allee.jpg" alt="Junge Linden an der Allee"><figcaption>Die neue Allee.
<span class="credit">Foto: Gartenamt</span></figcaption></figure>
<p>Die Stadt pflanzt bis zum Frühjahr 500 junge Bäume in zwölf Straßen, vor allem Linden und
Feldahorn, die Hitze und Trockenheit gut vertragen.</p>
<figure><img src="helfer.jpg" alt=""><figcaption>Freiwillige beim Pflanzen.</figcaption></figure>
<p>Anwohnerinnen und Anwohner können Patenschaften für einzelne Bäume übernehmen und beim
Gießen im Sommer helfen.</p>
<figure><img src="entwurf.jpg" alt="Entwurf"><figcaption>Ein Entwurf, der nicht
gezeigt werden soll. Foto: Agentur</figcaption></figure>
</article></main></body></html>"""


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("media-desk") / "root")
    inbox = root / "inbox" / "office"
    (inbox / "allee.jpg").write_bytes(photo(1600, 1000))
    (inbox / "helfer.jpg").write_bytes(photo(1200, 900, color=(20, 140, 60)))
    (inbox / "entwurf.jpg").write_bytes(photo(900, 600, color=(200, 30, 30)))
    (inbox / "baeume.html").write_text(PAGE, encoding="utf-8")
    store = open_store(root)
    seed_users(store)
    [report] = runner.ingest(load_config(root), store, ["office"], now=datetime.now(UTC))
    assert report.new == 1
    [item] = store.search(limit=5)
    with serving(root) as base:
        yield base, store, item.release.id, root
    store.close()


@pytest.fixture(scope="module")
def page(desk):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(base_url=desk[0], locale="de-DE")
        page = context.new_page()
        page.goto("/desk/")
        page.get_by_label("Benutzername").fill("erika")
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
        yield page
        browser.close()


def test_the_editor_sees_each_photo_with_its_texts_and_a_missing_credit(desk, page):
    _base, _store, release_id, _root = desk
    page.goto(f"/desk/releases/{release_id}")
    items = page.locator(".media-item")
    assert items.count() == 3
    first = items.nth(0).inner_text()
    assert "Die neue Allee." in first and "Gartenamt" in first and "Junge Linden" in first
    second = items.nth(1)
    assert "Kein Bildnachweis" in second.inner_text()
    assert "Kein Alternativtext" in second.inner_text()
    # every thumbnail and the preview's photos load from the desk itself (the CSP allows no more)
    for image in page.locator(".media-item img, .portal img").all():
        image.scroll_into_view_if_needed()  # the portal's photos load lazily
        assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
        assert image.get_attribute("src").startswith("/desk/media/")
    assert page.locator(".portal figure").count() == 3
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.screenshot(path=ARTIFACTS / "release-media.png", full_page=True)


def test_credit_lead_and_leave_out_become_a_revision_the_preview_shows(desk, page):
    _base, store, release_id, _root = desk
    page.goto(f"/desk/releases/{release_id}/edit")
    page.locator("#media-1-credit").fill("Stadt Lindenau / M. Muster")
    page.locator("#media-1-alt").fill("Zwei Helfer setzen eine Linde")
    page.locator("#media-1-caption").fill("Freiwillige pflanzen am Samstag.")
    page.locator("input[name=lead][value='1']").check()
    page.locator("input[name='media-2-drop']").check()
    page.set_viewport_size({"width": 768, "height": 1000})
    page.screenshot(path=ARTIFACTS / "edit-media.png", full_page=True)
    page.get_by_role("button", name="Speichern").click()
    media = store.get(release_id).release.media
    assert [(m.caption, m.credit, m.alt) for m in media] == [
        (
            "Freiwillige pflanzen am Samstag.",
            "Stadt Lindenau / M. Muster",
            "Zwei Helfer setzen eine Linde",
        ),
        ("Die neue Allee.", "Gartenamt", "Junge Linden an der Allee"),
    ]
    assert store.get(release_id).revision == 2
    figures = page.locator(".portal figure")
    assert figures.count() == 2
    assert "Foto: Stadt Lindenau / M. Muster" in figures.nth(0).inner_text()
    assert "Entwurf" not in page.locator(".portal").inner_html()


def test_kept_files_are_for_editors_only_and_documents_never_render_inline(desk, page):
    base, store, release_id, root = desk
    sha = store.get(release_id).release.media[0].sha256
    anonymous = httpx.get(f"{base}/desk/media/{sha}-400.jpg", follow_redirects=False)
    assert anonymous.status_code in (302, 303, 401, 403)
    answer = page.request.get(f"/desk/media/{sha}-400.jpg")
    assert answer.status == 200 and answer.headers["content-type"] == "image/jpeg"
    assert answer.headers["x-content-type-options"] == "nosniff"
    for bad in ("../../etc/passwd", f"{sha}-99999.jpg", "0" * 64 + ".jpg", f"{sha}.exe"):
        assert page.request.get(f"/desk/media/{bad}").status == 404, bad
    assert re.fullmatch(r"[0-9a-f]{64}", sha)
    pdf = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"
    kept = MediaLibrary(root).keep(pdf, "pdf")
    answer = page.request.get(f"/desk/media/{kept}.pdf")
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in answer.headers["content-security-policy"]
