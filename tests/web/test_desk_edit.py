"""Editing keeps what the editor does not touch: links, emphasis and lists survive a one-word
correction, a preview shows the result before saving, and a conflict keeps the typed text."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from pipeline.models import Problem, State
from pipeline.review import edit as review_edit
from pipeline.review.markdown import to_html, to_markdown
from pipeline.web import Limits, create_app
from tests.web_support import (
    NOW,
    csrf_of,
    login,
    make_release,
    make_root,
    open_store,
    queued,
    seed_users,
    settings_for,
)

BODY = (
    '<p>Die Stadt <strong>fördert</strong> den <a href="https://lindenau.example/radweg">'
    "neuen Radweg</a> mit 2,4 Mio. Euro.</p>\n<ul><li>Bauzeit: zwölf Monate</li>"
    "<li>Länge: drei Kilometer</li></ul>\n<h3>Termine</h3>\n<p>Eröffnung am Montag.</p>"
)


@pytest.fixture
def desk(tmp_path):
    root = make_root(tmp_path / "root")
    store = open_store(root)
    seed_users(store)
    store.close()
    app = create_app(root, settings_for(root), limits=Limits())
    with TestClient(app) as client:
        login(client)
        yield client, app.state.web.store


def edit_form(client, release_id: str) -> tuple[str, dict]:
    page = client.get(f"/desk/releases/{release_id}/edit").text
    fields = {
        "csrf": csrf_of(page),
        "version": re.search(r'name="version" value="(\d+)"', page).group(1),
        "title": re.search(r'name="title" value="([^"]*)"', page).group(1),
        "teaser": "",
        "categories": "",
        "body": re.search(r'name="body"[^>]*>(.*?)</textarea>', page, re.S).group(1),
    }
    return page, {name: html.unescape(value) for name, value in fields.items()}


def test_correcting_one_word_keeps_links_lists_and_emphasis(desk):
    client, store = desk
    release_id = queued(store, "inbox/r.txt", title="Radweg", body_html=BODY, text="x")
    _page, fields = edit_form(client, release_id)
    assert "[neuen Radweg](<https://lindenau.example/radweg>)" in fields["body"]
    assert "- Bauzeit: zwölf Monate" in fields["body"] and "**fördert**" in fields["body"]
    fields["body"] = fields["body"].replace("Montag", "Dienstag")
    preview = client.post(f"/desk/releases/{release_id}/edit", data={**fields, "preview": "1"})
    assert "Eröffnung am Dienstag" in preview.text and store.get(release_id).revision == 1
    client.post(f"/desk/releases/{release_id}/edit", data=fields)
    edited = store.get(release_id).release
    assert '<a href="https://lindenau.example/radweg">neuen Radweg</a>' in edited.body_html
    assert "<li>Bauzeit: zwölf Monate</li>" in edited.body_html
    assert "<strong>fördert</strong>" in edited.body_html and "<h3>Termine</h3>" in edited.body_html
    assert "Eröffnung am Dienstag." in edited.text


def test_a_conflict_keeps_the_typed_text_in_the_form(desk):
    client, store = desk
    release_id = queued(store, "inbox/k.txt", title="Konflikt", body_html=BODY, text="x")
    _page, fields = edit_form(client, release_id)
    review_edit(store, release_id, title="Konflikt (von Max)", teaser="", categories=[],
                body=fields["body"], actor="max", now=NOW, seen=int(fields["version"]))  # fmt: skip
    typed = {**fields, "title": "Mein Titel", "body": fields["body"] + "\n\nMein neuer Absatz."}
    answer = client.post(f"/desk/releases/{release_id}/edit", data=typed)
    assert answer.status_code == 409
    assert 'value="Mein Titel"' in answer.text and "Mein neuer Absatz." in answer.text
    assert "max" in answer.text
    version = re.search(r'name="version" value="(\d+)"', answer.text).group(1)
    again = {**typed, "csrf": csrf_of(answer.text), "version": version}
    client.post(f"/desk/releases/{release_id}/edit", data=again)
    assert store.get(release_id).release.title == "Mein Titel"
    assert store.get(release_id).state == State.QUEUED


def test_saving_again_after_a_conflict_keeps_the_other_editor_s_changes(desk):
    client, store = desk
    release_id = queued(store, "inbox/m.txt", title="Musikschule", body_html=BODY, text="x")
    page = client.get(f"/desk/releases/{release_id}/edit").text
    shown = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }
    assert shown["base-title"] == "Musikschule"
    review_edit(store, release_id, title="Tag der offenen Tür", teaser=shown["base-teaser"],
                categories=[], body=shown["base-body"], actor="erika", now=NOW,
                seen=int(shown["version"]))  # fmt: skip
    typed = {
        **shown,
        "title": shown["base-title"],
        "teaser": "Neuer Teaser von max.",
        "categories": shown["base-categories"],
        "body": shown["base-body"].replace("\n", "\r\n"),  # as a browser sends a textarea
    }
    answer = client.post(f"/desk/releases/{release_id}/edit", data=typed)
    assert answer.status_code == 409 and "erika" in answer.text
    # nothing in the answer invites reloading the form, which would throw the typed text away
    assert "Nothing is lost: your input is in the form." in answer.text
    assert "reload" not in answer.text.lower()
    assert 'value="Tag der offenen Tür"' in answer.text  # left alone: the current title
    assert "Neuer Teaser von max." in answer.text
    assert 'id="theirs-' not in answer.text  # nothing both changed
    again = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', answer.text))
    again = {name: html.unescape(value) for name, value in again.items()}
    again.update(title="Tag der offenen Tür", teaser="Neuer Teaser von max.", categories="",
                 body=typed["body"])  # fmt: skip
    client.post(f"/desk/releases/{release_id}/edit", data=again)
    saved = store.get(release_id).release
    assert (saved.title, saved.teaser) == ("Tag der offenen Tür", "Neuer Teaser von max.")


def test_a_field_both_editors_changed_shows_the_current_version_beside_the_typed_one(desk):
    client, store = desk
    release_id = queued(store, "inbox/b.txt", title="Musikschule", body_html=BODY, text="x")
    page = client.get(f"/desk/releases/{release_id}/edit").text
    shown = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }
    review_edit(store, release_id, title="Titel von Erika", teaser=shown["base-teaser"],
                categories=[], body=shown["base-body"], actor="erika", now=NOW,
                seen=int(shown["version"]))  # fmt: skip
    typed = {**shown, "title": "Titel von Max", "teaser": "", "categories": "",
             "body": shown["base-body"]}  # fmt: skip
    answer = client.post(f"/desk/releases/{release_id}/edit", data=typed)
    assert answer.status_code == 409
    assert 'value="Titel von Max"' in answer.text
    theirs = re.search(r'id="theirs-title">.*?<pre>(.*?)</pre>', answer.text, re.S).group(1)
    assert theirs == "Titel von Erika"
    assert 'id="theirs-body"' not in answer.text and 'id="theirs-teaser"' not in answer.text


def test_the_markdown_round_trip_is_exact_for_every_body_element():
    assert to_html(to_markdown(BODY)).replace("\n", "") == BODY.replace("\n", "")
    tricky = (
        '<p>- kein Punkt<br>2026. Jahr, *Stern* und <a href="https://x.example/a_(b)">[x]</a></p>'
    )
    assert to_html(to_markdown(tricky)).replace("\n", "") == tricky.replace("*Stern*", "*Stern*")


def test_an_edit_keeps_a_table_s_rows_and_an_address_s_lines_apart(desk):
    client, store = desk
    table = "<p>Monat | Arbeitslose<br>Oktober | 21.792<br>November | 21.480</p>"
    release_id = queued(
        store, "inbox/t.txt", title="Arbeitsmarkt", body_html=f"<p>Die Zahl sinkt.</p>{table}"
    )
    _page, fields = edit_form(client, release_id)
    fields["body"] = fields["body"].replace("sinkt", "sinkt leicht")
    client.post(f"/desk/releases/{release_id}/edit", data=fields)
    edited = store.get(release_id).release
    assert edited.text == (
        "Die Zahl sinkt leicht.\n\nMonat | Arbeitslose\nOktober | 21.792\nNovember | 21.480"
    )
    assert "Arbeitslose<br>" in edited.body_html and "Oktober | 21.792<br>" in edited.body_html


def test_an_edit_never_brings_an_old_disclaimer_a_script_or_a_bare_markdown_link_to_readers(desk):
    client, store = desk
    release_id = queued(store, "inbox/e.txt", title="Zoo", body_html="<p>Der Zoo öffnet.</p>")
    _page, fields = edit_form(client, release_id)
    fields["body"] = (
        "Der Zoo öffnet am Montag. Mehr [hier](javascript:alert(1)).\n\n"
        '<script>alert(1)</script><img src=x onerror=alert(1)><span onclick="y">Besucher '
        "zahlen keinen Eintritt.</span>\n\n"
        "Im „Melder“ finden Sie Inhalte Dritter. Für die Inhalte sind allein die Übersender "
        "verantwortlich."
    )
    client.post(f"/desk/releases/{release_id}/edit", data=fields)
    edited = store.get(release_id).release
    assert edited.body_html == (
        "<p>Der Zoo öffnet am Montag. Mehr hier.</p>\n<p>Besucher zahlen keinen Eintritt.</p>"
    )
    assert "Dritter" not in edited.text and "javascript" not in edited.text


TWO_PARAGRAPHS = (
    "Die Bibliothek öffnet ab Januar an vier Abenden.\n\n"
    "Der Eintritt bleibt frei, auch für die Lesungen am Donnerstag."
)


@pytest.mark.parametrize(
    ("teaser", "expected"),
    [
        # cut from the opening by Melder: it follows the corrected text
        (
            "Die Bibliothek öffnet ab Januar an vier Abenden. Der Eintritt bleibt frei, auch "
            "für die Lesungen am Donnerstag.",
            "Die Bibliothek öffnet ab Januar an fünf Abenden. Der Eintritt bleibt frei, auch "
            "für die Lesungen am Donnerstag.",
        ),
        # the sender's or an editor's own teaser stays as it was written
        (
            "Längere Öffnungszeiten in der Stadtbibliothek.",
            "Längere Öffnungszeiten in der Stadtbibliothek.",
        ),
    ],
)
def test_a_teaser_cut_from_the_opening_follows_a_corrected_opening(desk, teaser, expected):
    client, store = desk
    release_id = queued(
        store, "inbox/b.txt", title="Bibliothek", text=TWO_PARAGRAPHS, teaser=teaser
    )
    page, fields = edit_form(client, release_id)
    fields["teaser"] = html.unescape(
        re.search(r'name="teaser"[^>]*>(.*?)</textarea>', page, re.S)[1]
    )
    fields["body"] = fields["body"].replace("vier Abenden", "fünf Abenden")
    client.post(f"/desk/releases/{release_id}/edit", data=fields)
    edited = store.get(release_id).release
    assert "fünf Abenden" in edited.text
    assert edited.teaser == expected


def test_a_release_as_long_as_the_api_accepts_stays_editable(desk):
    client, store = desk
    paragraph = "Größere Übungsräume für Schülerinnen und Schüler der Oberschule. " * 20
    text = "\n\n".join([paragraph.strip()] * 1000)  # 1.3 MB, a quarter of it umlauts
    release_id = queued(store, "inbox/long.txt", title="Lang", text=text)
    _page, fields = edit_form(client, release_id)
    response = client.post(f"/desk/releases/{release_id}/edit", data={**fields, "title": "Kurz"})
    assert response.status_code in (200, 303), response.text[:300]
    assert store.get(release_id).release.title == "Kurz"


def test_a_desk_form_over_the_limit_gets_a_page_not_json(desk):
    client, _store = desk
    answer = client.post("/desk/login", data={"csrf": "x", "name": "a" * 20_000})
    assert answer.status_code == 413
    assert answer.headers["content-type"].startswith("text/html")
    assert "what you typed is still in the form" in answer.text


def invalid_for_its_embargo(store) -> str:
    unreadable = Problem(
        field="embargo_until",
        message="cannot read the embargo date in 'Sperrfrist bis Ende der Pressekonferenz'",
    )
    release = make_release("inbox/s.txt", title="Pressekonferenz", errors=(unreadable,))
    [saved] = store.save([(release, State.INVALID, unreadable.message)], now=NOW, actor="office")
    return saved.release_id


def test_an_embargo_set_on_the_desk_settles_one_melder_could_not_read(desk):
    client, store = desk
    release_id = invalid_for_its_embargo(store)
    page, fields = edit_form(client, release_id)
    assert 'type="datetime-local"' in page and "Ende der Pressekonferenz" in page
    moment = (NOW + timedelta(days=6)).astimezone(ZoneInfo("Europe/Berlin"))
    fields["embargo"] = moment.strftime("%Y-%m-%dT%H:%M")
    answer = client.post(f"/desk/releases/{release_id}/edit", data=fields)
    view = store.get(release_id)
    assert view.state == State.QUEUED and view.release.errors == ()
    assert view.release.embargo_until == moment.replace(second=0, microsecond=0)
    assert "Saved as revision 2." in answer.text


def test_saving_without_an_embargo_keeps_the_release_held_and_says_why(desk):
    client, store = desk
    release_id = invalid_for_its_embargo(store)
    _page, fields = edit_form(client, release_id)
    fields["embargo"] = ""
    fields["body"] += "\n\nSperrfrist: 03.12.2026, 14:00 Uhr"
    answer = client.post(f"/desk/releases/{release_id}/edit", data=fields)
    assert store.get(release_id).state == State.INVALID
    assert (
        "Saved as a new revision, but the release is still invalid: embargo_until: cannot read "
        "the embargo date in &#39;Sperrfrist bis Ende der Pressekonferenz&#39;"
    ) in answer.text


def test_the_desk_holds_a_headline_to_the_limit_ingest_holds_it_to(desk):
    client, store = desk
    release_id = queued(store, "inbox/l.txt", title="Programm", body_html=BODY, text="x")
    page, fields = edit_form(client, release_id)
    assert 'name="title" value="Programm" maxlength="300"' in page
    client.post(f"/desk/releases/{release_id}/edit", data={**fields, "title": "Worte " * 60})
    held = store.get(release_id)
    assert held.state == State.INVALID
    assert held.reason == "title: the headline is too long (359 of at most 300 characters)"
    _page, fields = edit_form(client, release_id)
    client.post(f"/desk/releases/{release_id}/edit", data={**fields, "title": "W" * 300})
    assert store.get(release_id).state == State.QUEUED


def test_an_edit_sent_after_the_session_ended_keeps_only_what_the_editor_typed(desk):
    client, store = desk
    release_id = queued(store, "inbox/musik.txt", title="Musikschule")
    page, fields = edit_form(client, release_id)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    client.post("/desk/logout", data={"csrf": fields["csrf"]})
    typed = {**hidden, **fields, "title": "Musikschule lädt zum Tag der offenen Tür"}
    answer = client.post(f"/desk/releases/{release_id}/edit", data=typed)
    assert answer.status_code == 401
    kept = re.findall(r'<label for="kept-\d+">([^<]*)</label>', answer.text)
    assert kept == ["Title", "Text (Markdown)"]
    assert "Musikschule lädt zum Tag der offenen Tür" in answer.text
    assert "base-" not in answer.text and ">Musikschule</textarea>" not in answer.text
