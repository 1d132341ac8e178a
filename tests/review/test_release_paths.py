"""What reaches a portal is what an editor meant: the seven paths that used to put the wrong
thing live (or keep it live), end to end through the `melder` command."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import write

runner = CliRunner()


def melder(root: Path, *args: str, code: int | None = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    if code is not None:
        assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def rss(root: Path):
    return feedparser.parse((root / "outputs" / "portal" / "rss.xml").read_bytes())


def view(root: Path, release_id: str) -> dict:
    return json.loads(melder(root, "show", release_id, "--json").stdout)


def release_text(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


KITA = release_text(
    "Neue Kita öffnet im Westen",
    "Die Stadt eröffnet am Montag eine Kita mit 80 Plätzen im Westen der Stadt. Eltern können "
    "ihre Kinder ab sofort im Bürgerbüro anmelden; die Betreuung beginnt um sieben Uhr.",
)
PARK = release_text(
    "Sommerfest im Park",
    "Am Samstag lädt der Stadtteilverein zum Sommerfest in den Volkspark ein. Es gibt Musik, "
    "einen Flohmarkt und Spiele für Kinder; der Eintritt ist frei.",
)


def submitted_id(result) -> str:
    return result.stdout.split(": ", 1)[1].split()[0]


# --- 1. identity: releases never overwrite each other ----------------------------------------


def test_two_files_with_one_name_are_two_releases(empty_root, tmp_path):
    first = write(tmp_path / "a" / "pressemitteilung.txt", KITA)
    second = write(tmp_path / "b" / "pressemitteilung.txt", PARK)
    one = submitted_id(melder(empty_root, "submit", str(first), "--source", "trusted"))
    two = submitted_id(melder(empty_root, "submit", str(second), "--source", "trusted"))
    assert one != two
    melder(empty_root, "publish")
    assert sorted(entry.title for entry in rss(empty_root).entries) == [
        "Neue Kita öffnet im Westen",
        "Sommerfest im Park",
    ]
    assert view(empty_root, one)["title"] == "Neue Kita öffnet im Westen"


def test_the_same_bytes_again_name_the_release_they_made(empty_root, tmp_path):
    path = write(tmp_path / "pm.txt", KITA)
    first = melder(empty_root, "submit", str(path), "--source", "reviewed")
    again = melder(empty_root, "submit", str(path), "--source", "reviewed")
    assert submitted_id(first) == submitted_id(again)
    assert "(unchanged)" in again.stdout


def test_a_correction_names_its_release_and_becomes_its_next_revision(empty_root, tmp_path):
    release_id = submitted_id(
        melder(empty_root, "submit", str(write(tmp_path / "pm.txt", KITA)), "--source", "trusted")
    )
    melder(empty_root, "publish")
    fixed = write(tmp_path / "pm-korrigiert.txt", KITA.replace("80 Plätzen", "90 Plätzen"))
    result = melder(
        empty_root, "submit", str(fixed), "--source", "trusted", "--replaces", release_id
    )
    assert submitted_id(result) == release_id and "(revised)" in result.stdout
    melder(empty_root, "publish")
    [entry] = rss(empty_root).entries
    assert "90 Plätzen" in entry.content[0].value
    other = write(tmp_path / "x.txt", PARK)
    refused = melder(
        empty_root, "submit", str(other), "--source", "reviewed", "--replaces", release_id, code=1
    )
    assert "came from source 'trusted'" in refused.output


@pytest.mark.parametrize("how", ["copy in a sub-folder", "renamed file"])
def test_a_copied_or_renamed_file_is_held_as_a_possible_duplicate(empty_root, how):
    inbox = empty_root / "inbox" / "trusted"
    original = write(inbox / "kita.txt", KITA)
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    if how == "renamed file":
        original.rename(inbox / "2026-11-25-kita.txt")
    else:
        (inbox / "archiv").mkdir()
        shutil.copy(original, inbox / "archiv" / "kita.txt")
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    assert [entry.title for entry in rss(empty_root).entries] == ["Neue Kita öffnet im Westen"]
    [held] = json.loads(melder(empty_root, "queue", "--state", "queued", "--json").stdout)
    shown = view(empty_root, held["id"])
    assert shown["duplicate_of"] and "possible duplicate of" in " ".join(shown["warnings"])
    listed = melder(empty_root, "queue", "--state", "queued").stdout
    assert f"possible duplicate of {shown['duplicate_of']}" in listed
    refused = melder(empty_root, "approve", held["id"], code=1)
    assert "merge" in refused.output and "keep" in refused.output


def test_the_same_release_by_mail_and_on_the_web_page_is_caught_by_similarity(empty_root):
    write(empty_root / "inbox" / "trusted" / "kita.txt", KITA)
    web_version = (
        "<html><head><title>Neue Kita öffnet im Westen | Stadt</title></head><body>"
        "<nav>Start Rathaus Presse</nav><article><h1>Neue Kita öffnet im Westen</h1>"
        "<p>Die Stadt eröffnet am Montag eine Kita mit 80 Plätzen im Westen der Stadt.</p>"
        "<p>Eltern können ihre Kinder ab sofort im Bürgerbüro anmelden; die Betreuung beginnt "
        "um sieben Uhr.</p><p>Kontakt: Presseamt</p></article></body></html>"
    )
    write(empty_root / "inbox" / "reviewed" / "kita.html", web_version)
    melder(empty_root, "ingest")
    held = [
        item
        for item in json.loads(melder(empty_root, "queue", "--json").stdout)
        if item.get("duplicate_of")
    ]
    assert len(held) == 1


def test_merge_makes_the_duplicate_a_revision_and_keep_lets_it_be_decided(empty_root):
    inbox = empty_root / "inbox" / "reviewed"
    write(inbox / "kita.txt", KITA)
    melder(empty_root, "ingest")
    [first] = json.loads(melder(empty_root, "queue", "--json").stdout)
    write(inbox / "kopie" / "kita.txt", KITA.replace("80 Plätzen", "85 Plätzen"))
    write(inbox / "park.txt", PARK)
    write(inbox / "kopie" / "park.txt", PARK)
    melder(empty_root, "ingest")
    queue = json.loads(melder(empty_root, "queue", "--json").stdout)
    twins = {item["title"]: item for item in queue if item.get("duplicate_of")}
    kita, park = twins["Neue Kita öffnet im Westen"], twins["Sommerfest im Park"]
    assert kita["duplicate_of"] == first["id"]
    merged = melder(empty_root, "merge", kita["id"], "--into", first["id"])
    assert "revision 2" in merged.stdout
    assert view(empty_root, first["id"])["revision"] == 2
    assert view(empty_root, kita["id"])["state"] == "rejected"
    melder(empty_root, "keep", park["id"])
    melder(empty_root, "approve", park["id"])
    assert view(empty_root, park["id"])["state"] == "approved"


def test_merging_into_a_release_that_was_merged_away_is_refused_and_names_where_it_went(
    empty_root,
):
    inbox = empty_root / "inbox" / "reviewed"
    write(inbox / "kita.txt", KITA)
    melder(empty_root, "ingest")
    [first] = json.loads(melder(empty_root, "queue", "--json").stdout)
    write(inbox / "kopie" / "kita.txt", KITA.replace("80 Plätzen", "85 Plätzen"))
    melder(empty_root, "ingest")
    [copy] = [
        i for i in json.loads(melder(empty_root, "queue", "--json").stdout) if i["duplicate_of"]
    ]
    write(inbox / "nochmal" / "kita.txt", KITA.replace("80 Plätzen", "90 Plätzen"))
    melder(empty_root, "ingest")
    [late] = [
        i
        for i in json.loads(melder(empty_root, "queue", "--json").stdout)
        if i["duplicate_of"] and i["id"] != copy["id"]
    ]
    melder(empty_root, "merge", copy["id"], "--into", first["id"])
    refused = melder(empty_root, "merge", late["id"], "--into", copy["id"], code=1)
    assert (
        f"release {copy['id']} was merged into {first['id']} and is closed; merge into that one: "
        f"`melder merge {late['id']} --into {first['id']}`"
    ) in " ".join(refused.output.split())
    assert view(empty_root, late["id"])["state"] == "queued"
    assert view(empty_root, copy["id"])["revision"] == 1
    said = melder(empty_root, "merge", late["id"], "--into", first["id"]).stdout
    assert "revision 3" in said


# --- 2. nothing stays live that the desk calls rejected ---------------------------------------


def test_a_rejected_correction_keeps_the_live_revision_and_withdraw_still_works(empty_root):
    path = write(empty_root / "inbox" / "reviewed" / "kita.txt", KITA)
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    melder(empty_root, "approve", item["id"])
    melder(empty_root, "publish")
    path.write_text(KITA.replace("80 Plätzen", "800 Plätzen"), encoding="utf-8")
    melder(empty_root, "ingest")
    shown = view(empty_root, item["id"])
    assert (shown["state"], shown["pending"], shown["live_revision"]) == ("published", "queued", 1)
    waiting = json.loads(melder(empty_root, "queue", "--state", "queued", "--json").stdout)
    assert [w["id"] for w in waiting] == [item["id"]]
    said = melder(empty_root, "reject", item["id"], "--reason", "falsche Zahl")
    assert "revision 1 stays live" in said.stdout
    melder(empty_root, "publish")
    [entry] = rss(empty_root).entries
    assert "80 Plätzen" in entry.content[0].value and "800" not in entry.content[0].value
    assert view(empty_root, item["id"])["state"] == "published"
    refused = melder(empty_root, "reject", item["id"], "--reason", "doch nicht", code=1)
    assert "melder withdraw" in refused.output
    melder(empty_root, "withdraw", item["id"], "--reason", "zurückgezogen")
    melder(empty_root, "publish")
    [gone] = rss(empty_root).entries
    assert gone.title.startswith("Zurückgezogen:")


# --- 4. no fake updates -------------------------------------------------------------------------


def test_approving_what_is_already_out_changes_nothing(empty_root):
    write(empty_root / "inbox" / "reviewed" / "kita.txt", KITA)
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    melder(empty_root, "approve", item["id"])
    again = melder(empty_root, "approve", item["id"])
    assert "already approved" in again.stdout
    melder(empty_root, "publish")
    files = {p.name: p.read_bytes() for p in (empty_root / "outputs" / "portal").glob("*.*")}
    said = melder(empty_root, "approve", item["id"])
    assert "already published" in said.stdout
    melder(empty_root, "publish")
    assert files == {
        p.name: p.read_bytes() for p in (empty_root / "outputs" / "portal").glob("*.*")
    }
    actions = [event["action"] for event in view(empty_root, item["id"])["history"]]
    assert actions == ["received", "approved", "published"]


def test_a_rejected_release_reopens_only_on_purpose(empty_root):
    write(empty_root / "inbox" / "reviewed" / "park.txt", PARK)
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    melder(empty_root, "reject", item["id"], "--reason", "Werbung")
    refused = melder(empty_root, "approve", item["id"], code=1)
    assert f"melder reopen {item['id']}" in refused.output
    melder(empty_root, "reopen", item["id"])
    assert view(empty_root, item["id"])["state"] == "queued"
    melder(empty_root, "approve", item["id"])


# --- 6. embargoes say when -----------------------------------------------------------------------


def test_approve_publish_and_show_say_when_an_embargoed_release_goes_out(empty_root):
    from zoneinfo import ZoneInfo

    day = (datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(days=200)).date()
    lifts = datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    stamp = lifts.isoformat(timespec="minutes")
    write(
        empty_root / "inbox" / "reviewed" / "kita.txt",
        KITA.replace("\n\n", f"\n\nSperrfrist: {day:%d.%m.%Y}, 10:00 Uhr\n\n", 1),
    )
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    said = melder(empty_root, "approve", item["id"])
    assert stamp in said.stdout and "embargo" in said.stdout
    published = melder(empty_root, "publish")
    assert "released 0" in published.stdout
    assert f"1 approved release(s) wait, the next at {stamp}" in published.stdout
    shown = melder(empty_root, "show", item["id"]).stdout
    assert f"goes out at: {stamp} (embargo)" in shown
    earlier = (lifts - timedelta(hours=25)).isoformat(timespec="minutes")
    said_earlier = melder(empty_root, "approve", item["id"], "--at", earlier[:16])
    assert f"{earlier} lies before its embargo, which holds" in said_earlier.stdout


def test_at_takes_what_its_hint_says_and_refuses_the_past_without_force(empty_root):
    write(empty_root / "inbox" / "reviewed" / "park.txt", PARK)
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    said = melder(empty_root, "approve", item["id"], "--at", "2099-11-27")
    assert "2099-11-27T00:00+01:00" in said.stdout
    yesterday = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    refused = melder(empty_root, "approve", item["id"], "--at", yesterday, code=2)
    assert "in the past" in refused.output and "--force" in refused.output
    melder(empty_root, "approve", item["id"], "--at", yesterday, "--force")
    assert "released 1" in melder(empty_root, "publish").stdout


# --- 7. a wrong folder is refused ----------------------------------------------------------------


@pytest.mark.parametrize("command", [["queue"], ["publish"], ["status"], ["ingest"]])
def test_a_folder_without_sources_is_refused_and_left_untouched(tmp_path, command):
    stray = tmp_path / "not-melder"
    stray.mkdir()
    result = melder(stray, *command, code=1)
    assert "not a Melder folder" in result.output
    assert list(stray.iterdir()) == []
    typo = tmp_path / "melder-typo"
    melder(typo, *command, code=1)
    assert not typo.exists()


def test_one_file_is_extracted_anywhere_and_a_source_s_rules_need_the_folder(tmp_path):
    stray = tmp_path / "downloads"
    write(stray / "pm.txt", KITA)
    result = melder(stray, "extract", str(stray / "pm.txt"), "--json")
    assert json.loads(result.stdout)["title"]
    assert sorted(path.name for path in stray.iterdir()) == ["pm.txt"]  # nothing made there
    refused = melder(stray, "extract", str(stray / "pm.txt"), "--source", "stadt", code=1)
    assert "not a Melder folder" in refused.output


def test_releases_no_channel_takes_stay_approved_and_check_says_why(empty_root):
    shutil.rmtree(empty_root / "outputs")
    warned = melder(empty_root, "check")
    assert "no channel in outputs/ takes this source" in warned.output
    write(empty_root / "inbox" / "trusted" / "kita.txt", KITA)
    melder(empty_root, "ingest")
    published = melder(empty_root, "publish")
    assert "released 0" in published.stdout and "no channel" in published.output
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    assert item["state"] == "approved"


# --- the feed window limits feeds, never pages ------------------------------------------------


def test_every_published_release_has_its_page_even_beyond_the_feed_window(empty_root):
    channel = empty_root / "outputs" / "portal.toml"
    channel.write_text(
        channel.read_text(encoding="utf-8").replace('link = "', 'max_items = 2\nlink = "', 1),
        encoding="utf-8",
    )
    for number in range(5):
        write(
            empty_root / "inbox" / "trusted" / f"pm-{number}.txt",
            release_text(f"Meldung Nummer {number}", f"Inhalt {number}: " + "Wort " * number),
        )
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    assert len(rss(empty_root).entries) == 2
    pages = list((empty_root / "outputs" / "portal" / "releases").glob("*.html"))
    published = json.loads(melder(empty_root, "queue", "--state", "published", "--json").stdout)
    assert len(published) == 5 and len(pages) == 5
    for item in published:
        assert (empty_root / "outputs" / "portal" / "releases" / item["public_name"]).is_file()


def test_a_release_approved_after_newer_ones_still_enters_a_small_feed_window(empty_root):
    portal = empty_root / "outputs" / "portal.toml"
    portal.write_text(portal.read_text().replace("[disclaimer]", "max_items = 2\n[disclaimer]"))
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%d")
    write(
        empty_root / "inbox" / "reviewed" / f"{yesterday}-kita.txt",
        KITA.replace("Die Stadt", "Die Stadt (Meldung von gestern)"),
    )
    for name, text in (("park.txt", PARK), ("bad.txt", KITA.replace("Kita", "Schule"))):
        write(empty_root / "inbox" / "trusted" / name, text)
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    assert sorted(entry.title for entry in rss(empty_root).entries) == [
        "Neue Schule öffnet im Westen",
        "Sommerfest im Park",
    ]
    [late] = json.loads(melder(empty_root, "queue", "--state", "queued", "--json").stdout)
    melder(empty_root, "approve", late["id"])
    melder(empty_root, "publish")
    entries = rss(empty_root).entries
    assert entries[0].title == "Neue Kita öffnet im Westen"  # listed when it went out
    assert entries[0].published_parsed[:3] < entries[1].published_parsed[:3]  # its own date


def test_a_merged_release_whose_input_changes_comes_back_as_a_duplicate_not_a_second_story(
    empty_root,
):
    inbox = empty_root / "inbox" / "reviewed"
    write(inbox / "kita.txt", KITA)
    melder(empty_root, "ingest")
    [first] = json.loads(melder(empty_root, "queue", "--json").stdout)
    write(inbox / "weitergeleitet" / "kita.txt", KITA.replace("80 Plätzen", "85 Plätzen"))
    melder(empty_root, "ingest")
    copy = next(
        i for i in json.loads(melder(empty_root, "queue", "--json").stdout) if i["duplicate_of"]
    )
    melder(empty_root, "merge", copy["id"], "--into", first["id"])
    melder(empty_root, "approve", first["id"])
    melder(empty_root, "publish")
    write(inbox / "weitergeleitet" / "kita.txt", KITA.replace("80 Plätzen", "90 Plätzen"))
    melder(empty_root, "ingest")
    back = view(empty_root, copy["id"])
    assert back["state"] == "queued" and back["duplicate_of"] == first["id"]
    refused = melder(empty_root, "approve", copy["id"], code=1)
    assert "merge" in refused.output
    melder(empty_root, "publish")
    assert [entry.title for entry in rss(empty_root).entries] == ["Neue Kita öffnet im Westen"]


def test_approving_a_withdrawn_release_the_sender_changed_says_which_text_goes_out(empty_root):
    inbox = empty_root / "inbox" / "reviewed"
    write(inbox / "kita.txt", KITA)
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    melder(empty_root, "approve", item["id"])
    melder(empty_root, "publish")
    melder(empty_root, "withdraw", item["id"], "--reason", "Termin verschoben")
    melder(empty_root, "publish")
    write(inbox / "kita.txt", KITA.replace("80 Plätzen", "ENTWURF – Termin noch offen"))
    melder(empty_root, "ingest")
    said = melder(empty_root, "approve", item["id"]).stdout
    assert "approved: revision 2 goes out, not revision 1 that went out before; " in said


def test_a_backlog_going_out_in_one_publish_is_listed_newest_first(empty_root):
    """The first run of a source with its archive: releases weeks old, hours apart, go out in
    one publish and are listed by their own dates, the newest first."""
    months_ago = (datetime.now(UTC) - timedelta(days=63)).date().isoformat()
    topics = {8: "Baustelle", 11: "Bibliothek", 14: "Stadtrat", 17: "Freibad"}
    for hour, topic in topics.items():
        write(
            empty_root / "inbox" / "trusted" / f"pm-{hour:02d}.md",
            f"---\ntitle: {topic} meldet Neues um {hour} Uhr\n"
            f"date: {months_ago}T{hour:02d}:00:00+02:00\n---\n\n"
            f"Die Stadt teilt mit, dass es beim Thema {topic} um {hour} Uhr Neuigkeiten gibt. "
            "Einzelheiten stehen auf der Internetseite der Stadtverwaltung.\n",
        )
    melder(empty_root, "ingest")
    melder(empty_root, "publish")
    titles = [entry.title for entry in rss(empty_root).entries]
    assert titles == [f"{topics[hour]} meldet Neues um {hour} Uhr" for hour in (17, 14, 11, 8)]


def test_approving_a_withdrawn_release_without_a_new_revision_needs_force(empty_root):
    write(empty_root / "inbox" / "reviewed" / "kita.txt", KITA)
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    melder(empty_root, "approve", item["id"])
    melder(empty_root, "publish")
    melder(empty_root, "withdraw", item["id"], "--reason", "Termin abgesagt")
    melder(empty_root, "publish")
    refused = melder(empty_root, "approve", item["id"], code=1)
    assert (
        f"release {item['id']} was withdrawn (Termin abgesagt) and has no new revision; "
        "approving puts the withdrawn revision 1 back in every feed: "
        f"`melder approve {item['id']} --force` if that is meant"
    ) in " ".join(refused.output.split())
    melder(empty_root, "publish")
    assert rss(empty_root).entries[0].title.startswith("Zurückgezogen")
    melder(empty_root, "approve", item["id"], "--force")
    melder(empty_root, "publish")
    assert [entry.title for entry in rss(empty_root).entries] == ["Neue Kita öffnet im Westen"]
