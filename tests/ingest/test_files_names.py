"""Folder entries as other systems leave them, by `melder ingest` and `melder extract` alike: a
name in Windows-1252 bytes (a Windows share, a ZIP archive) is read like any other file and
shown readably; a link to nothing and a pipe are named for what they are."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()

BUSLINIE = (
    "Neue Buslinie 612 verbindet Oberdorf mit dem Bahnhof Günzburg\n\n"
    "Oberdorf, 25. November 2026. Ab dem Fahrplanwechsel am 13. Dezember fährt die neue "
    "Buslinie 612 im Stundentakt zwischen dem Rathausplatz Oberdorf und dem Bahnhof Günzburg. "
    "Die Fahrt dauert 18 Minuten.\n\nFahrpläne liegen ab 1. Dezember im Bürgerbüro aus.\n"
)
FREIBAD = (
    "Freibad öffnet im Mai\n\nOberdorf, 26. November 2026. Das sanierte Freibad öffnet am "
    "1. Mai 2027 wieder. Der Eintritt bleibt bei vier Euro.\n"
)
NOT_UTF8_NOTE = (
    "the file name is not UTF-8 (saved on Windows or unpacked from a ZIP?): it is shown as "
    "inbox/reviewed/PM_Bürgerbüro.txt; renamed in UTF-8, it stays the same release"
)


def melder(root: Path, *args: str, code: int = 0):
    result = runner.invoke(app, ["--root", str(root), *args])
    assert result.exit_code == code, result.output + str(result.exception or "")
    return result


def ingested(root: Path) -> dict:
    [report] = json.loads(melder(root, "ingest", "reviewed", "--json").stdout)["sources"]
    return {key: report[key] for key in ("new", "unchanged", "invalid", "error", "failures")}


def latin1_named(folder: Path) -> bytes:
    """'PM_Bürgerbüro.txt' with its name in Windows-1252 bytes, as a Windows share leaves it."""
    path = os.fsencode(folder) + b"/PM_B\xfcrgerb\xfcro.txt"
    with open(path, "wb") as handle:
        handle.write(BUSLINIE.encode("utf-8"))
    return path


def test_a_file_whose_name_is_not_utf8_is_ingested_under_a_readable_name(empty_root: Path):
    inbox = empty_root / "inbox" / "reviewed"
    latin1_named(inbox)
    (inbox / "freibad.txt").write_text(FREIBAD, encoding="utf-8")

    assert ingested(empty_root) == {
        "new": 2,
        "unchanged": 0,
        "invalid": 0,
        "error": None,
        "failures": 0,
    }
    queue = json.loads(melder(empty_root, "queue", "--json").stdout)
    [bus] = [item for item in queue if item["title"].startswith("Neue Buslinie")]
    assert bus["identity"] == "inbox/reviewed/PM_Bürgerbüro.txt"
    assert NOT_UTF8_NOTE in bus["warnings"]
    # the desk shows the original from a copy Melder keeps under a name it chose
    kept = empty_root / bus["provenance"]["path"]
    assert kept.parent == empty_root / "var" / "originals" / "reviewed"
    assert kept.read_text("utf-8") == BUSLINIE

    assert ingested(empty_root)["unchanged"] == 2  # nothing read twice


def test_the_same_file_renamed_in_utf8_stays_the_same_release(empty_root: Path):
    inbox = empty_root / "inbox" / "reviewed"
    old_name = latin1_named(inbox)
    assert ingested(empty_root)["new"] == 1
    os.rename(old_name, inbox / "PM_Bürgerbüro.txt")

    assert ingested(empty_root) == {
        "new": 0,
        "unchanged": 1,
        "invalid": 0,
        "error": None,
        "failures": 0,
    }
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    assert item["revision"] == 1
    assert item["provenance"]["path"].startswith("var/originals/")


def test_a_utf8_name_is_read_as_it_is_without_a_note(empty_root: Path):
    inbox = empty_root / "inbox" / "reviewed"
    (inbox / "PM_Bürgerbüro.txt").write_text(BUSLINIE, encoding="utf-8")

    assert ingested(empty_root)["new"] == 1
    [item] = json.loads(melder(empty_root, "queue", "--json").stdout)
    assert item["identity"] == "inbox/reviewed/PM_Bürgerbüro.txt"
    assert item["provenance"]["path"] == "inbox/reviewed/PM_Bürgerbüro.txt"
    assert not [warning for warning in item["warnings"] if "not UTF-8" in warning]


def test_extract_reads_a_file_whose_name_is_not_utf8(empty_root: Path, monkeypatch):
    path = latin1_named(empty_root / "inbox" / "reviewed")
    monkeypatch.chdir(empty_root)
    relative = os.fsdecode(os.path.relpath(path, os.fsencode(empty_root)))

    printed = json.loads(melder(empty_root, "extract", relative, "--json").stdout)

    assert printed["title"] == "Neue Buslinie 612 verbindet Oberdorf mit dem Bahnhof Günzburg"
    assert printed["errors"] == []
    assert NOT_UTF8_NOTE in printed["warnings"]


def test_links_to_nothing_and_pipes_are_reported_and_the_other_files_read(empty_root: Path):
    inbox = empty_root / "inbox" / "reviewed"
    (inbox / "freibad.txt").write_text(FREIBAD, encoding="utf-8")
    (inbox / "kaputt.txt").symlink_to(empty_root / "gone" / "pm.txt")
    (inbox / "verschoben.txt").symlink_to(inbox / "weg.txt")
    os.mkfifo(inbox / "x")
    (inbox / "spiegel.txt").symlink_to(inbox / "freibad.txt")  # a link inside: read like a file

    table = melder(empty_root, "ingest", "reviewed").stdout.splitlines()

    assert table[-1].split("\t") == [
        "reviewed",
        "2",
        "0",
        "0",
        "0",
        "kaputt.txt: a link to a file that does not exist; put the file back or remove the link; "
        "verschoben.txt: a link to a file that does not exist; put the file back or remove the "
        "link; x: not a regular file (a pipe, a device or a socket); Melder reads files only",
    ]


def test_extract_names_a_link_to_nothing_and_a_pipe_for_what_they_are(
    empty_root: Path, monkeypatch
):
    monkeypatch.chdir(empty_root)
    (empty_root / "kaputt.txt").symlink_to(empty_root / "weg.txt")
    os.mkfifo(empty_root / "x")

    assert melder(empty_root, "extract", "kaputt.txt", code=1).output.splitlines() == [
        "error: kaputt.txt: a link to a file that does not exist; put the file back or remove "
        "the link"
    ]
    assert melder(empty_root, "extract", "x", code=1).output.splitlines() == [
        "error: x: not a regular file (a pipe, a device or a socket); Melder reads files only"
    ]
    assert melder(empty_root, "extract", "fehlt.txt", code=1).output.splitlines() == [
        "error: fehlt.txt: no such file"
    ]
