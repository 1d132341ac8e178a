"""Several files of one folder that are one release (the same sender's id): stored one after
the other in one ingest, as they would be across runs, and no other input is held up."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()

BUERGERVERSAMMLUNG = {
    "id": "pm-118",
    "title": "Bürgerversammlung zum Haushalt 2027",
    "published": "2026-11-26T10:00:00+01:00",
    "text": (
        "Oberdorf, 26. November 2026. Die Gemeinde Oberdorf lädt alle Bürgerinnen und Bürger "
        "am 3. Dezember um {time} zur Bürgerversammlung in die Mehrzweckhalle ein. Themen sind "
        "der Haushalt 2027 und das Freibad.\n\nBürgermeisterin Jutta Kröger stellt die Pläne "
        "vor und beantwortet Fragen."
    ),
}


def release_json(time: str) -> str:
    fields = dict(BUERGERVERSAMMLUNG, text=BUERGERVERSAMMLUNG["text"].format(time=time))
    return json.dumps(fields, ensure_ascii=False)


def mail(message_id: str, minutes: int) -> str:
    return (
        "From: Gemeinde Oberdorf <presse@oberdorf.example>\n"
        f"Message-ID: <{message_id}>\n"
        "Date: Wed, 25 Nov 2026 09:00:00 +0100\n"
        "Subject: Neue Buslinie 612 verbindet Oberdorf mit dem Bahnhof Günzburg\n"
        'Content-Type: text/plain; charset="utf-8"\n\n'
        "Oberdorf, 25. November 2026. Ab dem Fahrplanwechsel am 13. Dezember fährt die neue "
        "Buslinie 612 im Stundentakt zwischen dem Rathausplatz Oberdorf und dem Bahnhof "
        f"Günzburg. Die Fahrt dauert {minutes} Minuten.\n"
    )


def melder(root: Path, *args: str) -> dict | list:
    result = runner.invoke(app, ["--root", str(root), *args, "--json"])
    assert result.exit_code == 0, result.output + str(result.exception or "")
    return json.loads(result.stdout)


def ingested(root: Path) -> dict:
    [report] = melder(root, "ingest", "reviewed")["sources"]
    return {key: report[key] for key in ("new", "revised", "unchanged", "invalid", "error")}


def test_two_files_with_one_id_become_two_revisions_and_the_folder_is_read(empty_root: Path):
    inbox = empty_root / "inbox" / "reviewed"
    (inbox / "pm-118-korrigiert.json").write_text(release_json("19.30 Uhr"), encoding="utf-8")
    (inbox / "pm-118.json").write_text(release_json("19 Uhr"), encoding="utf-8")
    # the correction was saved an hour after the first file, though its name sorts first
    saved = (inbox / "pm-118.json").stat().st_mtime
    os.utime(inbox / "pm-118-korrigiert.json", (saved + 3600, saved + 3600))
    (inbox / "b-linie.eml").write_text(mail("linie-612@oberdorf.example", 18), encoding="utf-8")
    (inbox / "c-linie.eml").write_text(mail("linie-612@oberdorf.example", 20), encoding="utf-8")
    (inbox / "d-freibad.txt").write_text(
        "Freibad öffnet im Mai\n\nOberdorf, 26. November 2026. Das sanierte Freibad öffnet am "
        "1. Mai 2027 wieder. Der Eintritt bleibt bei vier Euro.\n",
        encoding="utf-8",
    )

    assert ingested(empty_root) == {
        "new": 3,
        "revised": 2,
        "unchanged": 0,
        "invalid": 0,
        "error": None,
    }
    queue = melder(empty_root, "queue")
    assert sorted((item["title"], item["revision"]) for item in queue) == [
        ("Bürgerversammlung zum Haushalt 2027", 2),
        ("Freibad öffnet im Mai", 1),
        ("Neue Buslinie 612 verbindet Oberdorf mit dem Bahnhof Günzburg", 2),
    ]
    by_title = {item["title"]: item["id"] for item in queue}
    shown = melder(empty_root, "show", by_title["Bürgerversammlung zum Haushalt 2027"])
    assert "um 19.30 Uhr" in shown["text"]  # the file saved later is the newest revision
    assert [event["action"] for event in shown["history"]] == ["received", "revised"]
    assert shown["warnings"] == [
        "inbox/reviewed/pm-118-korrigiert.json has the same sender's id as "
        "inbox/reviewed/pm-118.json, read before it in the same ingest: it is stored "
        "as that release's next revision; check which text is the newer"
    ]
    bus = melder(empty_root, "show", by_title[next(t for t in by_title if "Buslinie" in t)])
    assert "20 Minuten" in bus["text"]

    # the next run finds every input as it was stored: nothing to do, and no failure
    assert ingested(empty_root) == {
        "new": 0,
        "revised": 0,
        "unchanged": 5,
        "invalid": 0,
        "error": None,
    }


def test_a_copy_of_a_file_with_the_same_id_is_unchanged_and_files_of_other_ids_stay_apart(
    empty_root: Path,
):
    inbox = empty_root / "inbox" / "reviewed"
    (inbox / "pm-led.json").write_text(release_json("19 Uhr"), encoding="utf-8")
    (inbox / "pm-led (1).json").write_text(release_json("19 Uhr"), encoding="utf-8")
    other = {
        "id": "pm-119",
        "title": "Haushalt 2028",
        "published": "2026-11-27T09:00:00+01:00",
        "text": "Oberdorf, 27. November 2026. Der Gemeinderat berät im Januar den Entwurf des "
        "Haushalts 2028. Die Kämmerei legt ihn am 10. Januar öffentlich aus.",
    }
    (inbox / "pm-119.json").write_text(json.dumps(other), encoding="utf-8")

    assert ingested(empty_root) == {
        "new": 2,
        "revised": 0,
        "unchanged": 1,
        "invalid": 0,
        "error": None,
    }
    queue = melder(empty_root, "queue")
    assert sorted((item["title"], item["revision"]) for item in queue) == [
        ("Bürgerversammlung zum Haushalt 2027", 1),
        ("Haushalt 2028", 1),
    ]
    warnings = [warning for item in queue for warning in item["warnings"]]
    assert not [warning for warning in warnings if "same sender's id" in warning]
