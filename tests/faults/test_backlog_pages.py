"""A backlog larger than the feed window: every published release's URL answers 200."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from pipeline import runner
from pipeline.config import load_config
from pipeline.web import create_app
from tests.conftest import write
from tests.security.test_xss_routes import _paragraphs
from tests.web_support import open_store, settings_for, token


def test_every_published_url_of_a_backlog_answers_200(tmp_path):
    root = tmp_path / "root"
    write(root / "sources" / "press.toml", 'title = "Press"\nkind = "api"\nreview = "auto"\n')
    write(
        root / "outputs" / "portal.toml",
        'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\nmax_items = 5\n'
        '[disclaimer]\ntext = "Inhalte Dritter: {source}."\n',
    )
    store = open_store(root)
    secret = token(store, root, "press")
    with TestClient(create_app(root, settings_for(root))) as client:
        for number in range(40):
            answer = client.post(
                "/api/v1/releases",
                json={
                    "title": f"Meldung {number}",
                    "text": "\n\n".join(_paragraphs(["Ende."], number, "backlog")),
                },
                headers={"authorization": f"Bearer {secret}"},
            )
            assert answer.status_code == 201, answer.text
        runner.publish(load_config(root), store, now=datetime.now(UTC))
        statuses = []
        for number in range(40):
            views = [v for v in store.queue(limit=1000) if v.release.title == f"Meldung {number}"]
            [view] = views
            name = store.public_name(view.release.id)
            statuses.append(client.get(f"/feeds/portal/releases/{name}").status_code)
    store.close()
    assert statuses == [200] * 40
