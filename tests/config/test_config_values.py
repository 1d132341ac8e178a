"""Values whose type is right but which a run would choke on: `melder check` names them."""

from __future__ import annotations

import codecs

import pytest

from pipeline.config import load_config
from pipeline.store.engine import mask_secrets, shown_url
from tests.conftest import write


def problems(root):
    return load_config(root).problems


def set_key(root, file, line):
    path = root / file
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def channel(root, **keys):
    lines = "\n".join(f"{key} = {value}" for key, value in keys.items())
    write(
        root / "outputs" / "portal.toml",
        'title = "Portal"\ndescription = "Releases"\n'
        + (lines + "\n" if lines else 'link = "https://portal.example/melder"\n')
        + '[disclaimer]\ntext = "Inhalte Dritter. Verantwortlich ist allein {source}."\n',
    )


@pytest.mark.parametrize("path", [".", "outputs", "outputs/portal", "var", "sources", ".."])
def test_a_files_source_may_not_read_melder_s_own_folders(empty_root, path):
    source = empty_root / "sources" / "reviewed.toml"
    source.write_text(f'title = "Reviewed Office"\nkind = "files"\npath = "{path}"\n')
    (empty_root / "outputs" / "portal").mkdir(exist_ok=True)
    (empty_root / "var").mkdir(exist_ok=True)
    [found] = [p for p in problems(empty_root) if p.startswith("sources/reviewed.toml")]
    assert found.startswith(f"sources/reviewed.toml: path: '{path}': folder ")
    assert "Melder's own" in found and "inbox/<source>" in found


@pytest.mark.parametrize("path", ["inbox/reviewed", "sources/inbox/reviewed", "var-inbox"])
def test_an_inbox_beside_or_below_sources_stays_allowed(empty_root, path):
    (empty_root / path).mkdir(parents=True, exist_ok=True)
    source = empty_root / "sources" / "reviewed.toml"
    source.write_text(f'title = "Reviewed Office"\nkind = "files"\npath = "{path}"\n')
    assert problems(empty_root) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Für die Inhalte ist allein {source_title} verantwortlich :-}", "unmatched '}'"),
        ("Preis {5 Euro, {source} }", "unmatched '{'"),
        ("Kontakt: {email}", "unknown placeholder {email}"),
    ],
)
def test_a_disclaimer_that_publish_cannot_fill_is_refused(empty_root, text, message):
    write(
        empty_root / "outputs" / "portal.toml",
        f'title = "P"\ndescription = "R"\nlink = "https://portal.example/melder"\n'
        f"[disclaimer]\ntext = {text!r}\n",
    )
    [found] = problems(empty_root)
    assert found.startswith(f"outputs/portal.toml: disclaimer.text: {message}")


def test_a_lone_brace_names_how_to_write_it(empty_root):
    write(
        empty_root / "outputs" / "portal.toml",
        'title = "P"\ndescription = "R"\nlink = "https://portal.example/melder"\n'
        '[disclaimer]\ntext = "Verantwortlich: {source} :-}"\n',
    )
    assert problems(empty_root) == [
        "outputs/portal.toml: disclaimer.text: unmatched '}' (write '}}' for a literal brace)"
    ]


def test_doubled_braces_and_known_placeholders_pass(empty_root):
    write(
        empty_root / "outputs" / "portal.toml",
        'title = "P"\ndescription = "R"\nlink = "https://portal.example/melder"\n'
        '[disclaimer]\ntext = "{{Anzeige}} {source_title} ({contact_email}) :-}}"\n'
        'short = "Pressemitteilung: {source}"\n',
    )
    assert problems(empty_root) == []


@pytest.mark.parametrize(
    "link",
    [
        "https://portal.example/melder?src=feed",
        "https://portal.example/melder#top",
        "https://portal.example/presse meldungen",
        "https://portal.example:99999/melder",
        "https://redaktion:geheim@portal.example/melder",
    ],
)
def test_a_channel_link_must_be_a_plain_base_url(empty_root, link):
    channel(empty_root, link=f'"{link}"')
    [found] = problems(empty_root)
    assert found.startswith(
        "outputs/portal.toml: link: must be a base URL without query, fragment, spaces or "
        "credentials"
    )


@pytest.mark.parametrize(
    "link", ["https://portal.example/melder/", "http://localhost:8080/feeds/melder"]
)
def test_ordinary_base_urls_pass(empty_root, link):
    channel(empty_root, link=f'"{link}"')
    assert problems(empty_root) == []


def test_a_hub_must_be_an_absolute_url(empty_root):
    channel(empty_root, link='"https://portal.example/melder"', hub='"not a url"')
    assert problems(empty_root) == [
        "outputs/portal.toml: hub: must be an absolute http(s) URL, got 'not a url'"
    ]
    channel(empty_root, link='"https://portal.example/melder"', hub='"https://hub.example/"')
    assert problems(empty_root) == []


def test_an_unknown_encoding_is_named_and_a_real_one_passes(empty_root):
    set_key(empty_root, "sources/reviewed.toml", 'encoding = "latin-9x"')
    [found] = problems(empty_root)
    assert found.startswith("sources/reviewed.toml: encoding: unknown encoding 'latin-9x'")
    set_key(empty_root, "sources/trusted.toml", 'encoding = "iso-8859-15"')
    assert len(problems(empty_root)) == 1


def test_a_webhook_secret_that_is_not_set_is_named(empty_root, monkeypatch):
    monkeypatch.delenv("PORTAL_HOOK_SECRET", raising=False)
    set_key(
        empty_root,
        "outputs/portal.toml",
        '[[webhooks]]\nurl = "https://cms.example/hook"\nsecret_env = "PORTAL_HOOK_SECRET"',
    )
    assert problems(empty_root) == [
        "outputs/portal.toml: webhooks[0].secret_env: environment variable PORTAL_HOOK_SECRET "
        "is not set"
    ]
    monkeypatch.setenv("PORTAL_HOOK_SECRET", "s3cr3t-value")
    assert problems(empty_root) == []


def test_a_toml_file_saved_with_a_byte_order_mark_is_read(empty_root):
    path = empty_root / "sources" / "reviewed.toml"
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    config = load_config(empty_root)
    assert config.problems == [] and config.sources["reviewed"].title == "Reviewed Office"


def test_a_schedule_that_never_fires_or_overflows_is_refused(empty_root):
    write(
        empty_root / "schedule.toml",
        '[jobs.publish]\ncron = "0 0 31 2 *"\n[jobs.embargo]\nevery = "10000000d"\n'
        '[jobs.ingest]\ncron = "0 0 29 2 *"\n',
    )
    assert sorted(problems(empty_root)) == [
        "schedule.toml: jobs.embargo.every: interval '10000000d' is longer than a year; "
        "use at most '366d'",
        "schedule.toml: jobs.publish.cron: cron '0 0 31 2 *' never fires (no such date, "
        "e.g. 31 February)",
    ]


def test_a_database_password_is_masked_only_where_it_stands():
    url = "postgresql+psycopg://melder:postgres@db.internal/melder"
    assert shown_url(url) == "postgresql+psycopg://melder:***@db.internal/melder"
    message = "postgresql+psycopg://melder:postgres@db.internal/melder: password postgres refused"
    assert mask_secrets(message, url) == (
        "postgresql+psycopg://melder:***@db.internal/melder: password *** refused"
    )
