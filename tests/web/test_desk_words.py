"""One language per page: every word the desk shows comes from its gettext catalogs, both
catalogs know every word, and a German page carries no English word of the desk's own."""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from fastapi.testclient import TestClient

from pipeline import review
from pipeline.web import Limits, create_app
from pipeline.web.i18n import CATALOGS, LANGUAGES
from tests.web_support import (
    NOW,
    csrf_of,
    form_fields,
    login,
    make_root,
    open_store,
    queued,
    seed_users,
    settings_for,
)

WEB = Path(__file__).resolve().parents[2] / "pipeline" / "web"
# keys a template or the code builds from a value ("confirm_" + action, "state_" + state, …)
NAMES = {"Melder", "px"}  # the product's name and a unit: the same in every language
BUILT = {
    *(f"confirm_{action}" for action in ("approve", "reject")),
    *(f"role_{role}" for role in ("editor", "admin")),
    *("bulk_approved", "bulk_rejected", "undone"),
}


def used_keys() -> set[str]:
    found = extract_from_dir(
        str(WEB),
        method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
        keywords={"t": None, "words": None},
    )
    return {message for _file, _line, message, _comments, _context in found} | BUILT


def test_every_word_the_desk_uses_is_in_both_catalogs_with_the_same_placeholders():
    keys = used_keys()
    for language in LANGUAGES:
        missing = sorted(key for key in keys if not CATALOGS[language].get(key))
        assert not missing, f"{language}.po lacks {missing}"
    assert set(CATALOGS["de"]) == set(CATALOGS["en"])
    fields = string.Formatter()
    for key, english in CATALOGS["en"].items():
        german = CATALOGS["de"][key]
        names = [
            {name for _, name, _, _ in fields.parse(text) if name} for text in (english, german)
        ]
        assert names[0] == names[1], key


def test_templates_hold_no_words_of_their_own():
    """Visible text comes through t(): a word typed into a template would be one language."""
    for template in sorted((WEB / "templates").glob("*.html")):
        if template.name == "apidocs.html":
            continue  # the API's reference, in English like the API itself: not a desk page
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"{%.*?%}|{{.*?}}|{#.*?#}", " ", text, flags=re.S)
        text = re.sub(r"<script.*?</script>|<style.*?</style>|<[^>]+>", " ", text, flags=re.S)
        words = [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]{2,}", text) if w not in NAMES]
        assert words == [], f"{template.name}: {words[:10]}"


@pytest.fixture
def german(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    store.close()
    app = create_app(root, settings_for(root), limits=Limits())
    with TestClient(app, headers={"Accept-Language": "de-DE,de;q=0.9"}) as client:
        login(client, name="admin")
        yield client, app.state.web.store


ENGLISH_ONLY = sorted(
    {
        english
        for key, english in CATALOGS["en"].items()
        if english != CATALOGS["de"][key] and len(english) >= 4 and "{" not in english
    },
    key=len,
    reverse=True,
)


def visible_text(page: str) -> str:
    page = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    page = re.sub(r'<[^>]*\blang="en"[^>]*>.*?</', " ", page, flags=re.S)  # marked English
    return " ".join(re.sub(r"<[^>]+>", "\n", page).split())


def test_german_pages_carry_no_english_word_of_the_desk(german):
    client, store = german
    waiting = queued(store, "inbox/w.txt", title="Stadtfest am Markt")
    changed = queued(store, "inbox/c.txt", title="Brücke gesperrt")
    page = client.get(f"/desk/releases/{changed}").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    review.approve(store, changed, actor="max", now=NOW)  # so the next decision conflicts
    pages = {
        "queue": client.get("/desk/").text,
        "all": client.get("/desk/?state=").text,
        "release": client.get(f"/desk/releases/{waiting}").text,
        "edit": client.get(f"/desk/releases/{waiting}/edit").text,
        "admin": client.get("/desk/admin").text,
        "conflict": client.post(
            f"/desk/releases/{changed}/reject",
            data={"csrf": csrf_of(page), "version": version, "reason": "Werbung"},
        ).text,
        "no reason": client.post(
            f"/desk/releases/{waiting}/reject",
            data={"csrf": csrf_of(page), "version": "1", "reason": " "},
        ).text,
    }
    assert "Jemand war schneller: max (freigegeben" in pages["conflict"]
    assert "Eine Begründung ist nötig" in pages["no reason"]
    for name, html in pages.items():
        assert 'lang="de"' in html, name
        text = visible_text(html)
        leaked = [e for e in ENGLISH_ONLY if re.search(rf"(?<!\w){re.escape(e)}(?!\w)", text)]
        assert leaked == [], f"{name}: {leaked}"


def audit_notes(html: str) -> list[tuple[str | None, str]]:
    """Each audit row's note cell: its lang attribute, if any, and its text."""
    table = html[html.index('<table class="audit">') :]
    cells = re.findall(r"<td(?: lang=\"(\w+)\")?>([^<]*)</td></tr>", table)
    return [(language or None, text) for language, text in cells]


def test_the_audit_trail_says_a_scheduled_time_in_the_desk_s_words_and_zone(german):
    client, store = german
    scheduled = queued(store, "inbox/s.txt", title="Stadtfest am Markt")
    at = datetime(2099, 11, 27, 14, 40, 39, 53599, tzinfo=UTC)
    review.approve(store, scheduled, actor="erika", now=NOW, at=at)
    notes = audit_notes(client.get(f"/desk/releases/{scheduled}").text)
    assert notes == [(None, ""), (None, "erscheint ab 27.11.2099, 15:40 MEZ")]
    client.cookies.set("melder_lang", "en")
    notes = audit_notes(client.get(f"/desk/releases/{scheduled}").text)
    assert notes[-1] == (None, "goes out from Nov 27, 2099, 3:40 PM CET")
    assert store.get(scheduled).events[-1].note == f"publish at {at.isoformat()}"  # stored as is


def test_a_typed_reason_stays_as_typed_and_a_finding_stays_marked_english(german):
    client, store = german
    rejected = queued(store, "inbox/r.txt", title="Gewinnspiel")
    review.reject(store, rejected, reason="publish at 5 Uhr? Werbung", actor="erika", now=NOW)
    kept_text = audit_notes(client.get(f"/desk/releases/{rejected}").text)[-1]
    assert kept_text == (None, "publish at 5 Uhr? Werbung")  # no moment in it: shown as typed
    merged_into = queued(store, "inbox/m.txt", title="Brücke gesperrt")
    twin = queued(store, "inbox/t.txt", title="Brücke gesperrt, Umleitung")
    review.merge(store, twin, into=merged_into, actor="erika", now=NOW)
    finding = audit_notes(client.get(f"/desk/releases/{twin}").text)[-1]
    assert finding[0] == "en" and finding[1].startswith(f"merged into {merged_into}")


def _approve_at(client, release_id: str, at: str):
    page = client.get(f"/desk/releases/{release_id}").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    return client.post(
        f"/desk/releases/{release_id}/approve",
        data={"csrf": csrf_of(page), "version": version, "at": at},
    )


def test_a_scheduled_time_before_the_embargo_names_the_embargo(german):
    client, store = german
    year = datetime.now(UTC).year + 1
    embargo = datetime(year, 12, 2, 7, tzinfo=UTC)  # 08:00 in Berlin
    release_id = queued(store, "inbox/sperrfrist.txt", title="Sperrfrist", embargo_until=embargo)
    answer = _approve_at(client, release_id, f"{year}-12-01T09:00")
    assert (
        f"Die Sperrfrist (02.12.{year}, 08:00 MEZ) endet nach Ihrer Zeit: freigegeben, "
        "erscheint dann."
    ) in answer.text
    later = queued(store, "inbox/danach.txt", title="Danach", embargo_until=embargo)
    answer = _approve_at(client, later, f"{year}-12-03T09:00")  # after the embargo: as typed
    assert f"erscheint beim ersten Veröffentlichen nach 03.12.{year}, 09:00 MEZ" in answer.text


def test_a_time_the_clocks_jump_over_is_named_with_the_time_it_became(german):
    client, store = german
    year = datetime.now(UTC).year + 1
    day = max(d for d in range(25, 32) if datetime(year, 3, d).weekday() == 6)  # last Sunday
    release_id = queued(store, "inbox/umstellung.txt", title="Zeitumstellung")
    answer = _approve_at(client, release_id, f"{year}-03-{day}T02:30")
    assert (
        f"02:30 gibt es am {day}.03.{year} nicht (die Uhren werden vorgestellt): eingeplant "
        "für 03:30 MESZ."
    ) in answer.text
    assert store.get(release_id).publish_at == datetime(year, 3, day, 1, 30, tzinfo=UTC)


def test_an_embargo_typed_in_the_edit_form_at_a_time_the_clocks_jump_over_is_named(german):
    client, store = german
    year = datetime.now(UTC).year + 1
    day = max(d for d in range(25, 32) if datetime(year, 3, d).weekday() == 6)  # last Sunday
    release_id = queued(store, "inbox/umstellung.txt", title="Zeitumstellung")
    url = f"/desk/releases/{release_id}/edit"
    fields = form_fields(client.get(url).text, url)
    as_shown = {name: fields[f"base-{name}"] for name in ("title", "teaser", "body", "categories")}
    answer = client.post(url, data={**fields, **as_shown, "embargo": f"{year}-03-{day}T02:30"})
    assert (
        f"Als Revision 2 gespeichert. 02:30 gibt es am {day}.03.{year} nicht (die Uhren werden "
        "vorgestellt): Sperrfrist bis 03:30 MESZ."
    ) in answer.text
    assert store.get(release_id).release.embargo_until == datetime(year, 3, day, 1, 30, tzinfo=UTC)
    fields = form_fields(client.get(url).text, url)
    answer = client.post(url, data={**fields, **as_shown, "embargo": f"{year}-03-{day}T04:30"})
    assert "Als Revision 3 gespeichert." in answer.text and "gibt es am" not in answer.text
