"""The desk's layout in a real browser: the queue fits a laptop, long words wrap, and releases
written right to left read right to left."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

import pytest

from pipeline import review
from pipeline.models import Problem, State
from tests.factories import make_release
from tests.web_support import PASSWORD, make_root, open_store, queued, seed_users, serving

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
if not shutil.which(CHROMIUM):
    pytest.skip("needs Debian's chromium (apt-get install chromium)", allow_module_level=True)

COMPOUND = (
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsverordnungs"
    "entwurfsbegründungsausschussvorsitzende"
)
LONG_TITLE = f"{COMPOUND} besucht die Stadtwerke und informiert sich über Fernwärme"
HEBREW_TITLE = "חדר תצוגה חדש נפתח ברחוב הנמל 12"
ARABIC_TITLE = "محطات شحن جديدة للسيارات الكهربائية في وسط المدينة"


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """A queue with every column filled: a long compound title, Hebrew and Arabic releases,
    an embargo ahead, an invalid release with its error and one with warnings."""
    root = make_root(tmp_path_factory.mktemp("layout") / "root")
    store = open_store(root)
    seed_users(store)
    now = datetime.now(UTC)
    ids = {
        "long": queued(
            store, "inbox/lang.md", title=LONG_TITLE, text=f"{COMPOUND} kam am Freitag."
        ),
        "he": queued(
            store, "inbox/he.md", title=HEBREW_TITLE, language="he",
            text="המבקרים יכולים לקבל שם ייעוץ על חיסכון באנרגיה.",
        ),
        "ar": queued(
            store, "inbox/ar.md", title=ARABIC_TITLE, language="ar",
            text="افتتاح عشرين محطة شحن جديدة في وسط المدينة.",
            embargo_until=now + timedelta(days=2),
        ),
        "warned": queued(
            store, "inbox/w.md", title="Neue Ausbildungsplätze bei den Stadtwerken Lindenau",
            warnings=("date: no date in the input; the arrival is used", "photo: no credit"),
        ),
    }  # fmt: skip
    review.approve(store, ids["ar"], actor="erika", now=now)
    broken = make_release(
        "inbox/kaputt.md", source="office", title="Wasserrohrbruch in der Gartenstraße",
        errors=(Problem(field="published_at", message="date lies more than a year ahead"),),
    )  # fmt: skip
    store.save([(broken, State.INVALID, None)], now=now, actor="office")
    with serving(root) as base:
        yield base, ids
    store.close()


@pytest.fixture(scope="module", params=["de-DE", "en-GB"])
def page(desk, request):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(
            base_url=desk[0], locale=request.param, viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        page.goto("/desk/login")
        page.locator("#name").fill("erika")
        page.locator("#password").fill(PASSWORD)
        page.locator("#password").press("Enter")
        page.wait_for_url("**/desk/")
        yield page
        browser.close()


OVERFLOW = """() => {
  const wrap = document.querySelector('.table-wrap');
  return {wrap: wrap.scrollWidth - wrap.clientWidth,
          page: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.mark.parametrize("width", [1280, 1440, 1920])
def test_every_queue_column_is_visible_without_scrolling_sideways(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/desk/?state=")
    assert page.evaluate(OVERFLOW) == {"wrap": 0, "page": 0}
    approve_buttons = page.locator("button.approve-one")
    assert approve_buttons.count() == 3  # the rows waiting for an editor
    for index in range(approve_buttons.count()):
        box = approve_buttons.nth(index).bounding_box()
        assert box["x"] + box["width"] <= width
    problems = page.locator("td.problems-cell .problem").first.bounding_box()
    assert problems["x"] + problems["width"] <= width


def test_short_columns_keep_their_words_whole_while_the_title_wraps(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/desk/?state=")
    lines = page.evaluate("""() => Array.from(document.querySelectorAll(
        '.queue time > span, .queue .state')).map(e => {
          const r = document.createRange(); r.selectNodeContents(e);
          return [e.textContent.trim(), new Set(Array.from(r.getClientRects()).map(
            rect => Math.round(rect.top))).size];
        })""")
    assert lines and all(count == 1 for _text, count in lines), lines
    title = page.locator("tr", has_text="Donaudampf").locator("a.open").bounding_box()
    assert title["height"] > 60  # the compound breaks over several lines instead


def test_a_long_compound_wraps_on_the_release_page(page, desk):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/desk/releases/{desk[1]['long']}")
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    heading = page.locator("h1").bounding_box()
    assert heading["x"] + heading["width"] <= 1280


def test_hebrew_and_arabic_read_right_to_left_in_queue_and_preview(page, desk):
    page.goto("/desk/?state=")
    directions = page.evaluate("""() => Object.fromEntries(Array.from(
        document.querySelectorAll('.queue td.title-cell')).map(
          cell => [cell.querySelector('a').textContent, getComputedStyle(cell).direction]))""")
    assert directions[HEBREW_TITLE] == "rtl" and directions[ARABIC_TITLE] == "rtl"
    assert directions[LONG_TITLE] == "ltr"
    page.goto(f"/desk/releases/{desk[1]['he']}")
    assert page.locator("h1").evaluate("h => getComputedStyle(h).direction") == "rtl"
    article = page.locator(".portal article")
    assert (article.get_attribute("lang"), article.get_attribute("dir")) == ("he", "rtl")
    # the channel's German disclaimer inside the Hebrew article reads left to right
    aside = page.locator(".portal aside.melder-disclaimer")
    assert aside.evaluate("a => [a.lang, getComputedStyle(a).direction]") == ["de", "ltr"]
