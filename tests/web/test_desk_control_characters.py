"""Control characters an editor pastes or an attacker types into the desk's and the API's
query parameters, over real HTTP: a search finds by the words around them and never reports
the database as away; an id or a filter holding one finds nothing."""

from __future__ import annotations

import httpx
import pytest

from pipeline.web import Limits
from tests.web_support import login, make_root, open_store, queued, seed_users, serving, token


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_root(tmp_path_factory.mktemp("desk-control") / "root")
    store = open_store(root)
    seed_users(store)
    radweg = queued(store, "inbox/office/radweg.txt", title="Neuer Radweg an der Auenstraße")
    queued(store, "inbox/office/markt.txt", title="Weihnachtsmarkt öffnet am Freitag")
    secret = token(store, root, "press")
    with serving(root, Limits(api_requests=1000, api_reads=1000)) as base:
        with httpx.Client(base_url=base, timeout=10) as desk:
            login(desk)
            with httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {secret}"}, timeout=10
            ) as api:
                yield desk, api, radweg
    store.close()


def listed_titles(page: str) -> list[str]:
    return [title for title in ("Neuer Radweg", "Weihnachtsmarkt") if title in page]


@pytest.mark.parametrize("query", ["Radweg\x00", "\x00Auenstraße", "Rad\x01\x1f Auenstr\x00"])
def test_a_search_with_control_characters_finds_by_its_words(site, query):
    desk, _, _ = site
    page = desk.get("/desk/", params={"q": query})
    assert page.status_code == 200
    assert "Retry-After" not in page.headers
    assert listed_titles(page.text) == ["Neuer Radweg"]


@pytest.mark.parametrize("query", ["\x00", "\x00\x1f\x7f", "Zzz\x00Qqq"])
def test_a_search_of_control_characters_or_of_words_no_release_has_finds_nothing(site, query):
    desk, _, _ = site
    page = desk.get("/desk/", params={"q": query})
    assert page.status_code == 200
    assert listed_titles(page.text) == []
    assert "database does not answer" not in page.text


def test_the_same_search_without_them_still_finds(site):
    desk, _, _ = site
    assert listed_titles(desk.get("/desk/", params={"q": "Radweg"}).text) == ["Neuer Radweg"]
    assert listed_titles(desk.get("/desk/").text) == ["Neuer Radweg", "Weihnachtsmarkt"]


def test_filters_and_ids_with_a_nul_find_nothing(site):
    desk, api, radweg = site
    for params in ({"source": "office\x00"}, {"language": "d\x00e"}, {"state": "queued\x00"}):
        page = desk.get("/desk/", params=params)
        assert page.status_code == 200, params
        assert "database does not answer" not in page.text
    assert desk.get(f"/desk/releases/{radweg[:6]}%00").status_code == 404
    assert api.get(f"/api/v1/releases/{radweg[:6]}%00").status_code == 404
    assert desk.get(f"/desk/releases/{radweg}").status_code == 200
