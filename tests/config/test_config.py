"""`melder check` and the config loader: every mistake reported at once, by file and key."""

from __future__ import annotations

from pipeline.config import load_config
from tests.conftest import write


def problems(root):
    return load_config(root).problems


def test_the_shipped_demo_config_is_valid(demo_root):
    config = load_config(demo_root)
    assert config.problems == []
    assert set(config.sources) >= {"stadt-lindenau", "nordlicht-energie", "harbor-wire"}
    assert "melder" in config.channels


def test_unknown_key_suggests_the_right_one(empty_root):
    write(
        empty_root / "sources" / "typo.toml",
        """
        title = "Typo"
        kind = "files"
        path = "inbox/trusted"
        reveiw = "auto"
        """,
    )
    assert "sources/typo.toml: reveiw: unknown key; did you mean 'review'?" in problems(empty_root)


def test_bad_kind_missing_folder_and_unknown_source_are_all_listed(empty_root):
    write(empty_root / "sources" / "a.toml", 'title = "A"\nkind = "file"\npath = "x"\n')
    write(empty_root / "sources" / "b.toml", 'title = "B"\nkind = "files"\npath = "nowhere"\n')
    write(
        empty_root / "outputs" / "c.toml",
        """
        title = "C"
        description = "C"
        link = "https://c.example"
        sources = ["trusted", "trustd"]
        [disclaimer]
        text = "{sauce}"
        """,
    )
    found = problems(empty_root)
    assert any(
        p.startswith("sources/a.toml: kind: unknown kind 'file'; did you mean 'files'?")
        for p in found
    )
    assert any(p.startswith("sources/b.toml: path: folder 'nowhere' does not exist") for p in found)
    assert "outputs/c.toml: sources[1]: unknown source 'trustd'; did you mean 'trusted'?" in found
    assert any(
        p.startswith("outputs/c.toml: disclaimer.text: unknown placeholder {sauce}") for p in found
    )


def test_toml_syntax_error_names_line_and_column(empty_root):
    write(empty_root / "sources" / "broken.toml", 'title = "Broken\nkind = "files"\n')
    [problem] = [p for p in problems(empty_root) if p.startswith("sources/broken.toml")]
    assert "line 1" in problem and "column" in problem


def test_missing_required_keys_and_wrong_values(empty_root):
    write(
        empty_root / "sources" / "incomplete.toml",
        """
        kind = "files"
        path = "inbox/trusted"
        review = "sometimes"
        timezone = "Mars/Olympus"
        language = "German"
        """,
    )
    found = [p for p in problems(empty_root) if p.startswith("sources/incomplete.toml")]
    assert "sources/incomplete.toml: title: required key is missing" in found
    assert any(
        p.startswith("sources/incomplete.toml: review: ") and "'sometimes'" in p for p in found
    )
    assert any("timezone: unknown time zone 'Mars/Olympus'" in p for p in found)
    assert any("language: language 'German' is not a language code" in p for p in found)


def test_channel_needs_an_absolute_link_and_a_disclaimer(empty_root):
    write(empty_root / "outputs" / "bad.toml", 'title = "B"\ndescription = "B"\nlink = "/melder"\n')
    found = [p for p in problems(empty_root) if p.startswith("outputs/bad.toml")]
    assert "outputs/bad.toml: disclaimer: required key is missing" in found
    assert any(
        p.startswith("outputs/bad.toml: link: must be an absolute http(s) URL") for p in found
    )


def test_a_channel_s_language_and_disclaimer_are_checked_before_any_feed_is_written(empty_root):
    write(
        empty_root / "outputs" / "bad.toml",
        """
        title = "B"
        description = "B"
        link = "https://portal.example/b"
        language = "deutsch"
        languages = ["de", "englisch"]
        [disclaimer]
        text = " "
        [disclaimer.variants]
        en = ""
        """,
    )
    found = [p for p in problems(empty_root) if p.startswith("outputs/bad.toml")]
    for key, says in (
        ("language", "'deutsch' is not a language code"),
        ("languages", "'englisch' is not a language code"),
        ("disclaimer.text", "the disclaimer is empty"),
        ("disclaimer.variants", "the 'en' disclaimer is empty"),
    ):
        assert any(p.startswith(f"outputs/bad.toml: {key}: ") and says in p for p in found), (
            key,
            found,
        )


def test_schedule_mistakes_name_the_job_and_field(empty_root):
    write(
        empty_root / "schedule.toml",
        """
        [jobs.ingest]
        cron = "*/5 25 * * *"
        [jobs.publish]
        every = "0m"
        [jobs.dance]
        every = "5m"
        """,
    )
    found = problems(empty_root)
    assert any(p.startswith("schedule.toml: jobs.ingest.cron: cron field hour '25'") for p in found)
    assert any(
        p.startswith("schedule.toml: jobs.publish.every: ") and "longer than zero" in p
        for p in found
    )
    assert any(p.startswith("schedule.toml: jobs.dance: unknown job 'dance'") for p in found)


def test_bad_file_names_are_reported(empty_root):
    write(empty_root / "sources" / "Bad Name.toml", 'title = "X"\nkind = "api"\n')
    assert any(p.startswith("sources/Bad Name.toml: (name): ") for p in problems(empty_root))


def test_a_folder_without_config_is_explained(tmp_path):
    [problem] = problems(tmp_path)
    assert "no sources/ or outputs/ folder here" in problem


def test_one_run_lists_a_file_s_kind_url_and_sources_beside_its_other_mistakes(empty_root):
    write(
        empty_root / "sources" / "a.toml",
        'title = "A"\nkind = "file"\npath = "inbox/a"\nreview = "maybe"\n',
    )
    write(empty_root / "sources" / "d.toml", 'kind = "rss"\nurl = "ftp://example.org/feed"\n')
    write(
        empty_root / "outputs" / "x.toml",
        'title = "X"\nlink = "portal.example"\nsources = ["trusted", "nosuch", "a"]\n'
        '[disclaimer]\ntext = "Verantwortlich: {quelle}"\nshort = "Anzeige von {quelle}"\n',
    )
    found = problems(empty_root)
    for expected in (
        "sources/a.toml: review: ",
        "sources/a.toml: kind: unknown kind 'file'; did you mean 'files'?",
        "sources/d.toml: title: required key is missing",
        "sources/d.toml: url: 'ftp://example.org/feed' must start with http:// or https://",
        "outputs/x.toml: description: required key is missing",
        "outputs/x.toml: sources[1]: unknown source 'nosuch'",
        "outputs/x.toml: disclaimer.text: unknown placeholder {quelle}",
        "outputs/x.toml: disclaimer.short: unknown placeholder {quelle}",
    ):
        assert any(p.startswith(expected) for p in found), (expected, found)
    assert not any("unknown source 'a'" in p for p in found)  # invalid, but there


def test_a_files_source_whose_path_is_a_file_is_told_so(empty_root):
    write(
        empty_root / "sources" / "f.toml", 'title = "F"\nkind = "files"\npath = "schedule.toml"\n'
    )
    write(empty_root / "schedule.toml", 'timezone = "Europe/Berlin"\n')
    assert "sources/f.toml: path: folder 'schedule.toml' is a file, not a folder" in "\n".join(
        problems(empty_root)
    )


def test_melder_run_says_what_to_add_when_nothing_is_scheduled(empty_root, monkeypatch):
    import io

    from rich.console import Console
    from typer.testing import CliRunner

    import pipeline.schedule.service as service
    from pipeline.cli import app, content

    shown = io.StringIO()
    monkeypatch.setattr(content, "err", Console(file=shown, width=300))
    monkeypatch.setattr(service, "run_forever", lambda root, settings, tell: tell("leader", None))
    write(empty_root / "schedule.toml", "[jobs]\n")
    CliRunner().invoke(app, ["--root", str(empty_root), "run"])
    assert "scheduling none (add [jobs.…] to schedule.toml)" in shown.getvalue()


def test_a_files_mistakes_are_all_listed_though_one_key_failed(empty_root):
    write(empty_root / "sources" / "x.toml", 'kind = "rss"\n')
    write(empty_root / "schedule.toml", '[jobs.embargo]\ncron = "61 * * * *"\njitter = -5\n')
    found = "\n".join(problems(empty_root))
    assert "sources/x.toml: title: required key is missing" in found
    assert "sources/x.toml: url: required for kind 'rss'" in found
    assert "schedule.toml: jobs.embargo.jitter:" in found
    assert "schedule.toml: jobs.embargo.cron: cron field minute '61' is invalid" in found


def test_a_wrong_value_is_said_in_a_config_readers_words(empty_root):
    write(
        empty_root / "sources" / "t.toml",
        'title = "T"\nkind = "files"\npath = "inbox/trusted"\ntimeout = 0\nmax_items = "many"\n',
    )
    found = "\n".join(problems(empty_root))
    assert "sources/t.toml: timeout: must be a number above 0, got 0" in found
    assert "sources/t.toml: max_items: must be a whole number (no quotes), got 'many'" in found
    assert "Input should be" not in found


def test_a_shared_mailbox_s_sender_names_are_checked(empty_root):
    write(
        empty_root / "sources" / "postfach.toml",
        'title = "Presse-Postfach"\nkind = "imap"\nenabled = false\n[imap]\n'
        'host = "imap.portal.example"\nusername_env = "U"\npassword_env = "P"\n'
        'senders = ["lindenau.example"]\n'
        '[imap.sender_names]\n"lindenau.example" = "Stadt Lindenau"\n'
        '"presse@ihk.example" = "IHK"\n"nobody" = "X"\n"stadtwerke.lindenau.example" = " "\n',
    )
    found = "\n".join(problems(empty_root))
    assert (
        "sources/postfach.toml: imap.sender_names.presse@ihk.example: not among imap.senders, "
        "so its mails are refused; add it there too"
    ) in found
    assert "imap.sender_names: 'nobody' is neither an address nor a domain" in found
    assert "imap.sender_names.stadtwerke.lindenau.example: give the name" in found
    assert "Stadt Lindenau" not in found
