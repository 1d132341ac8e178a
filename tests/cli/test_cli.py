"""The `melder` command end to end on a temporary root: what an operator and an editor see."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import feedparser
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from tests.conftest import SHARED_SAMPLES, write

runner = CliRunner()


def melder(root: Path, *args: str, code: int | None = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    if code is not None:
        assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def outputs(root: Path, channel: str = "melder") -> Path:
    return root / "outputs" / channel


def test_demo_runs_offline_and_publishes_valid_feeds(demo_root):
    melder(demo_root, "check")
    melder(demo_root, "run", "--once")
    folder = outputs(demo_root)
    for name in ("rss.xml", "atom.xml", "feed.json", "index.html"):
        assert (folder / name).is_file(), name
    rss = feedparser.parse((folder / "rss.xml").read_bytes())
    assert rss.bozo == 0, rss.get("bozo_exception")
    titles = [entry.title for entry in rss.entries]
    assert "Lindenauer Weihnachtsmarkt öffnet mit längeren Abendstunden" in titles
    assert "Neuer Radweg an der Auenstraße wird freigegeben" in titles
    fragments = sorted((folder / "releases").glob("*.html"))
    assert len(fragments) == len(rss.entries)
    for entry in rss.entries:
        assert entry.link.startswith("https://portal.example/melder/releases/")
        assert (folder / "releases" / entry.link.rsplit("/", 1)[1]).is_file()
    # the reviewed source waits for an editor
    queued = json.loads(melder(demo_root, "queue", "--state", "queued", "--json").stdout)
    assert [item["source"] for item in queued] == ["nordlicht-energie"]


def test_publishing_twice_changes_no_byte(demo_root):
    melder(demo_root, "run", "--once")
    before = {p: p.read_bytes() for p in outputs(demo_root).rglob("*") if p.is_file()}
    result = melder(demo_root, "run", "--once")
    after = {p: p.read_bytes() for p in outputs(demo_root).rglob("*") if p.is_file()}
    assert before == after
    assert "0 file(s) changed" in result.stdout
    assert not list(outputs(demo_root).rglob("*.tmp"))


def test_review_flow_queue_approve_publish_reject(empty_root):
    inbox = empty_root / "inbox" / "reviewed"
    write(
        inbox / "a.txt",
        "Neue Kita öffnet im Westen\n\nDie Stadt eröffnet am Montag eine Kita mit 80 Plätzen.\n",
    )
    write(
        inbox / "b.txt",
        "Sommerfest im Park\n\nDas Sommerfest findet am Samstag im Stadtpark statt.\n",
    )
    melder(empty_root, "ingest")
    queued = json.loads(melder(empty_root, "queue", "--state", "queued", "--json").stdout)
    by_title = {item["title"]: item["id"] for item in queued}
    assert set(by_title) == {"Neue Kita öffnet im Westen", "Sommerfest im Park"}
    melder(empty_root, "publish")
    assert feedparser.parse(outputs(empty_root, "portal") / "rss.xml").entries == []

    melder(empty_root, "approve", by_title["Neue Kita öffnet im Westen"])
    melder(
        empty_root, "reject", by_title["Sommerfest im Park"], "--reason", "keine Pressemitteilung"
    )
    melder(empty_root, "publish")
    feed = feedparser.parse(outputs(empty_root, "portal") / "rss.xml")
    assert [entry.title for entry in feed.entries] == ["Neue Kita öffnet im Westen"]

    shown = json.loads(melder(empty_root, "show", by_title["Sommerfest im Park"], "--json").stdout)
    assert shown["state"] == "rejected" and shown["reason"] == "keine Pressemitteilung"
    assert [event["action"] for event in shown["history"]] == ["received", "rejected"]

    kita = by_title["Neue Kita öffnet im Westen"]
    atom_id = feedparser.parse(outputs(empty_root, "portal") / "atom.xml").entries[0].id
    [fragment] = (outputs(empty_root, "portal") / "releases").glob("*.html")
    melder(empty_root, "withdraw", kita, "--reason", "Falsche Angaben")
    melder(empty_root, "publish")
    # for the retention window the item stays, under its id, saying it was withdrawn
    [gone] = feedparser.parse(outputs(empty_root, "portal") / "rss.xml").entries
    assert gone.title == "Zurückgezogen: Neue Kita öffnet im Westen"
    assert "zurückgezogen" in gone.description and "80 Plätzen" not in gone.summary
    assert json.loads(melder(empty_root, "show", kita, "--json").stdout)["state"] == "withdrawn"
    # the URL stays, now with a notice; Atom tells importers the entry is gone (RFC 6721)
    notice = fragment.read_text(encoding="utf-8")
    assert "zurückgezogen" in notice and "80 Plätzen" not in notice
    atom = (outputs(empty_root, "portal") / "atom.xml").read_text(encoding="utf-8")
    tombstone = atom[atom.index("<at:deleted-entry") : atom.index("</at:deleted-entry>")]
    assert f'ref="{atom_id}"' in tombstone and 'when="' in tombstone
    assert feedparser.parse(atom).bozo == 0


def test_approve_at_a_later_time_holds_the_release(empty_root):
    write(
        empty_root / "inbox" / "reviewed" / "a.txt",
        "Haushalt beschlossen\n\nDer Rat hat den Haushalt beschlossen.\n",
    )
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    melder(empty_root, "approve", item["id"], "--at", "2099-01-01T09:00:00+01:00")
    melder(empty_root, "publish")
    assert feedparser.parse(outputs(empty_root, "portal") / "rss.xml").entries == []
    shown = json.loads(melder(empty_root, "show", item["id"], "--json").stdout)
    assert shown["state"] == "approved" and shown["publish_at"].startswith("2099-01-01T08:00")
    # without an offset the time is read in the source's zone: the same moment, nothing to do
    result = melder(empty_root, "approve", item["id"], "--at", "2099-01-01T09:00")
    assert "already approved" in result.output and "2099-01-01T09:00+01:00" in result.output


def test_show_prints_its_history_in_the_schedule_s_zone_and_json_keeps_iso(empty_root):
    write(
        empty_root / "schedule.toml", 'timezone = "Europe/London"\n[jobs.publish]\nevery = "5m"\n'
    )
    write(
        empty_root / "inbox" / "reviewed" / "a.txt",
        "Haushalt beschlossen\n\nDer Rat hat den Haushalt beschlossen.\n",
    )
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    melder(empty_root, "approve", item["id"], "--at", "2099-07-01T09:00:00+02:00")
    history = melder(empty_root, "show", item["id"]).stdout.split("history:\n")[1].splitlines()
    assert re.fullmatch(
        r"  \d{4}-\d\d-\d\d \d\d:\d\d (GMT|BST) reviewed: received → queued", history[0]
    )
    # the action, then the real move, as the JSON and the desk name it
    assert history[1].endswith(": approved, queued → approved (publish at 2099-07-01 08:00 BST)")
    assert "+00:00" not in "\n".join(history)  # no UTC offsets, no microseconds
    shown = json.loads(melder(empty_root, "show", item["id"], "--json").stdout)
    assert shown["history"][1]["note"] == "publish at 2099-07-01T09:00:00+02:00"  # as asked
    assert datetime.fromisoformat(shown["history"][0]["at"]).utcoffset() is not None


def test_show_names_each_decision_and_the_move_it_made_as_its_json_does(empty_root):
    inbox = empty_root / "inbox" / "reviewed"
    write(inbox / "a.txt", "Haushalt beschlossen\n\nDer Rat hat den Haushalt beschlossen.\n")
    write(inbox / "b.txt", "Sommerfest im Park\n\nDas Sommerfest ist am Samstag im Park.\n")
    melder(empty_root, "ingest")
    listed = json.loads(melder(empty_root, "queue", "--json").stdout)
    by_title = {item["title"]: item["id"] for item in listed}
    budget, party = by_title["Haushalt beschlossen"], by_title["Sommerfest im Park"]
    melder(empty_root, "reject", party, "--reason", "Doppelt, bereits gemeldet")
    melder(empty_root, "approve", budget)
    melder(empty_root, "publish")
    melder(empty_root, "withdraw", budget, "--reason", "falsche Zahl")

    def moves(release_id: str) -> list[str]:
        text = melder(empty_root, "show", release_id).stdout.split("history:\n")[1]
        return [line.split(": ", 1)[1] for line in text.splitlines()]

    assert moves(party) == [
        "received → queued",
        "rejected, queued → rejected (Doppelt, bereits gemeldet)",
    ]
    assert moves(budget) == [
        "received → queued",
        "approved, queued → approved",
        "published, approved → published",
        "withdrawn, published → withdrawn (falsche Zahl)",
    ]
    history = json.loads(melder(empty_root, "show", budget, "--json").stdout)["history"]
    assert [(e["from_state"], e["to_state"]) for e in history] == [
        ("received", "queued"),
        ("queued", "approved"),
        ("approved", "published"),
        ("published", "withdrawn"),
    ]


def test_a_changed_input_becomes_a_revision_not_a_second_release(empty_root):
    path = write(
        empty_root / "inbox" / "trusted" / "a.txt",
        "Brücke gesperrt\n\nDie Brücke ist ab Montag gesperrt.\n",
    )
    melder(empty_root, "ingest")
    melder(empty_root, "ingest")
    path.write_text("Brücke gesperrt\n\nDie Brücke ist ab Dienstag gesperrt.\n", encoding="utf-8")
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    assert item["revision"] == 2
    assert "Dienstag" in item["text"]


def test_a_corrected_invalid_json_file_is_the_next_revision_of_the_same_release(empty_root):
    path = empty_root / "inbox" / "reviewed" / "klimafonds.json"
    release = {
        "id": "leipzig-2026-11-24-klimafonds",
        "title": "Klimafonds fördert 40 Projekte",
        "published": "2026-11-24T10:00:00+01:00",
        "contact": "Amt für Umweltschutz, Tel. 0341 123-4567",
    }
    path.write_text(json.dumps({**release, "body": "Der Fonds fördert 40 Projekte."}))
    melder(empty_root, "ingest")
    [invalid] = json.loads(melder(empty_root, "queue", "--state", "invalid", "--json").stdout)
    shown = json.loads(melder(empty_root, "show", invalid["id"], "--json").stdout)
    # what is valid of it is kept for the editor: its time and its contact
    assert shown["published_at"].startswith("2026-11-24T10:00")
    assert shown["contact"] == "Amt für Umweltschutz, Tel. 0341 123-4567"
    path.write_text(json.dumps({**release, "text": "Der Fonds fördert 40 Projekte."}))
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    assert (item["id"], item["revision"], item["state"]) == (invalid["id"], 2, "queued")
    assert json.loads(melder(empty_root, "queue", "--state", "invalid", "--json").stdout) == []


def test_bad_inputs_are_kept_as_invalid_and_never_stop_the_run(empty_root):
    inbox = empty_root / "inbox" / "trusted"
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "garbage.txt").write_bytes(bytes(range(256)) * 20)
    (inbox / "nothing.html").write_text(
        "<html><body><nav>Home</nav></body></html>", encoding="utf-8"
    )
    (inbox / "broken.json").write_text('{"title": "x",', encoding="utf-8")
    (inbox / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    write(inbox / "good.txt", "Gute Nachricht\n\nAlles ist gut gegangen in der Stadt.\n")
    melder(empty_root, "run", "--once")
    invalid = json.loads(melder(empty_root, "queue", "--state", "invalid", "--json").stdout)
    reasons = {Path(item["identity"]).name: item["reason"] for item in invalid}
    assert set(reasons) == {"empty.txt", "garbage.txt", "nothing.html", "broken.json", "scan.pdf"}
    assert "empty" in reasons["empty.txt"]
    assert "no article text found" in reasons["nothing.html"]
    assert "unsupported file type '.pdf'" in reasons["scan.pdf"]
    feed = feedparser.parse(outputs(empty_root, "portal") / "rss.xml")
    assert [entry.title for entry in feed.entries] == ["Gute Nachricht"]


def test_oversized_input_is_refused_with_the_limit_named(empty_root):
    source = empty_root / "sources" / "trusted.toml"
    source.write_text(source.read_text() + "max_bytes = 1000\n", encoding="utf-8")
    (empty_root / "inbox" / "trusted" / "big.txt").write_text("Titel\n\n" + "x " * 5000)
    melder(empty_root, "ingest")
    [item] = json.loads(melder(empty_root, "queue", "--state", "invalid", "--json").stdout)
    assert "over the limit of 1,000" in item["reason"]


def test_submit_prints_id_and_state_and_lists_problems(empty_root, tmp_path):
    good = write(
        tmp_path / "good.md", "---\ntitle: Neues Hallenbad\n---\n\nDas Hallenbad öffnet im Mai.\n"
    )
    result = melder(empty_root, "submit", str(good), "--source", "reviewed")
    assert "queued (new)" in result.stdout
    bad = write(tmp_path / "bad.json", '{"text": "Ohne Titel"}')
    result = melder(empty_root, "submit", str(bad), "--source", "reviewed", code=1)
    assert "title" in result.output
    result = melder(empty_root, "submit", str(good), "--source", "nobody", code=1)
    assert "unknown source 'nobody'" in result.output


def test_check_lists_problems_and_exits_1(empty_root):
    write(empty_root / "sources" / "bad.toml", 'title = "Bad"\nkind = "ftp"\n')
    result = melder(empty_root, "check", code=1)
    assert "sources/bad.toml: kind: unknown kind 'ftp'" in result.output


def test_ingesting_a_named_source_is_not_failed_by_another_source_s_mistake(empty_root):
    write(empty_root / "sources" / "verein.toml", 'title = "V"\nkind = "files"\npath = "weg"\n')
    write(empty_root / "inbox" / "trusted" / "a.txt", "Titel der Meldung\n\nText der Meldung.\n")
    named = melder(empty_root, "ingest", "trusted", code=0)
    assert "sources/verein.toml: path: folder 'weg' does not exist" in named.output
    melder(empty_root, "ingest", code=1)  # all sources: the broken one is among them
    melder(empty_root, "ingest", "verein", code=1)


def test_status_shows_runs_and_counts(empty_root):
    write(
        empty_root / "inbox" / "reviewed" / "a.txt", "Titel der Meldung\n\nText der Meldung hier.\n"
    )
    melder(empty_root, "run", "--once")
    status = json.loads(melder(empty_root, "status", "--json").stdout)
    assert status["queue"]["queued"] == 1
    jobs = {(run["job"], run["target"]) for run in status["runs"]}
    assert {("ingest", "trusted"), ("ingest", "reviewed"), ("publish", None)} <= jobs
    # with no schedule.toml the default jobs are listed with their next fire time
    assert {item["job"] for item in status["schedule"]} == {"ingest", "embargo", "publish"}
    assert all(item["next_run"] for item in status["schedule"])


def test_usage_errors_exit_2(empty_root):
    assert melder(empty_root, "queue", "--state", "nonsense", code=2)
    assert melder(empty_root, "approve", code=2)


def test_unknown_release_id_exits_1(empty_root):
    result = melder(empty_root, "approve", "doesnotexist", code=1)
    assert "no release with id" in result.output


@pytest.mark.skipif(
    not (SHARED_SAMPLES / "melder-page-dump.txt").exists(), reason="sample dump not present"
)
def test_extract_json_of_the_sample_dump():
    result = runner.invoke(app, ["extract", str(SHARED_SAMPLES / "melder-page-dump.txt"), "--json"])
    data = json.loads(result.stdout)
    assert data["title"] == "3. Asienkonferenz nimmt kommunale Partnerschaften in Fokus"
    assert len([p for p in data["text"].split("\n\n") if p.strip()]) >= 7
    assert {link["url"].split("/")[2] for link in data["links"]} == {"www.leipzig.de"}
    assert data["errors"] == [] and data["embargo_until"] is None
    for junk in ("Warenkorb", "Anzeige", "Werbung", "Topthemen", "Inhalte Dritter"):
        assert junk not in data["text"]


def test_a_date_without_a_time_of_day_stays_a_date_in_json_and_in_the_snippet(tmp_path):
    page = tmp_path / "release.html"
    page.write_text(
        "<html><head><title>x</title></head><body><article><h1>Brücke wieder frei</h1>"
        "<p class='date'>Issued: 24 November 2026</p><p>Die Brücke über die Aue ist nach "
        "drei Monaten Bauzeit seit heute wieder für den Verkehr frei, teilte die Stadt mit.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    data = json.loads(runner.invoke(app, ["extract", str(page), "--json"]).stdout)
    assert data["published_at"] == "2026-11-24"
    assert any("stays a date" in warning for warning in data["warnings"])


def test_console_entry_point_runs_as_a_module(demo_root):
    result = subprocess.run(
        [sys.executable, "-m", "pipeline", "--root", str(demo_root), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "ok:" in result.stdout


def test_a_link_in_an_inbox_to_a_file_outside_it_is_refused_not_published(empty_root, tmp_path):
    secret = write(tmp_path / "intern" / "vermerk.txt", "Interner Vermerk\n\nNicht öffentlich.\n")
    write(empty_root / "inbox" / "trusted" / "a.txt", "Brücke gesperrt\n\nDie Brücke ist zu.\n")
    (empty_root / "inbox" / "trusted" / "vermerk.txt").symlink_to(secret)
    result = melder(empty_root, "ingest", code=None)
    assert "vermerk.txt: a link to a file outside the source's folder" in result.output
    titles = [item["title"] for item in json.loads(melder(empty_root, "queue", "--json").stdout)]
    assert titles == ["Brücke gesperrt"]
