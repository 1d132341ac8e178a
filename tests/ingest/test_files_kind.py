"""Which files of a `files` source's folder are inputs, and in which order they are read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.ingest.files import input_files, read_inside


def test_inputs_are_every_file_below_the_folder_folder_by_folder_without_hidden_or_temp_files(
    tmp_path: Path,
):
    for name in (
        "z.txt",
        "a/x.txt",
        "a-b/x.txt",  # '-' sorts before '/', but folder 'a' comes before folder 'a-b'
        "a/.hidden.txt",
        ".git/x.txt",
        "notes.txt~",
        "draft.swp",
        "upload.tmp",
        "photo.jpg",
        "~$PM.docx",  # Word's lock beside an open document
        "PM.htm.part",  # a download still under way
        "PM.html.crdownload",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Text", encoding="utf-8")
    (tmp_path / "empty-folder.txt").mkdir()

    assert input_files(tmp_path) == ["a/x.txt", "a-b/x.txt", "z.txt"]


def test_links_to_files_inside_are_inputs_and_links_to_folders_are_not_followed(tmp_path: Path):
    """A file linked from inside the folder is read like any other, one outside it is refused
    (whoever drops files here must not publish the server's); a link to a folder is not walked
    into, so a link back up the tree cannot make the listing endless or read a folder twice."""
    inbox = tmp_path / "inbox"
    (inbox / "2026" / "11").mkdir(parents=True)
    (inbox / "2026" / "11" / "a.txt").write_text("Text", encoding="utf-8")
    (inbox / "PHOTO.JPEG").write_text("not a release", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Text", encoding="utf-8")
    (inbox / "outside.txt").symlink_to(elsewhere)
    (inbox / "linked.txt").symlink_to(inbox / "2026" / "11" / "a.txt")
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)
    (inbox / "broken.txt").symlink_to(tmp_path / "missing.txt")

    refused: list[tuple[str, str]] = []
    assert input_files(inbox, refused) == ["2026/11/a.txt", "linked.txt"]
    assert sorted(refused) == [
        (
            "broken.txt",
            "a link to a file that does not exist; put the file back or remove the link",
        ),
        (
            "outside.txt",
            "a link to a file outside the source's folder is not read; copy the file in",
        ),
    ]


def test_what_is_opened_is_checked_not_the_name_listed(tmp_path: Path):
    """Between listing and reading, a name can become a link out of the folder or a pipe:
    the file read is checked again, so nothing outside is read and a pipe never blocks."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("DB_PASSWORD=x", encoding="utf-8")
    root = f"{os.path.realpath(inbox)}{os.sep}"
    (inbox / "swapped.txt").symlink_to(secret)
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "big.txt").write_bytes(b"x" * 5000)
    for name in ("swapped.txt", "pipe.txt"):
        with pytest.raises(OSError):
            read_inside(str(inbox / name), root, 1000)
    data, size = read_inside(str(inbox / "big.txt"), root, 1000)
    assert (len(data), size) == (1001, 5000)  # a file over the limit is not read whole


def trusted_files_root(tmp_path: Path) -> Path:
    """A root whose one files source `amt` reads `in/` and is trusted, with one channel `m`."""
    root = tmp_path / "root"
    (root / "outputs").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "sources" / "amt.toml").write_text(
        'title = "Amt"\nkind = "files"\npath = "in"\nreview = "auto"\n', encoding="utf-8"
    )
    (root / "outputs" / "m.toml").write_text(
        'title = "M"\ndescription = "M"\nlink = "https://portal.example/m"\n'
        '[disclaimer]\ntext = "Inhalte Dritter: {source}."\n',
        encoding="utf-8",
    )
    return root


def test_a_document_a_page_links_is_published_with_it_and_no_input_of_its_own(tmp_path: Path):
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    root = trusted_files_root(tmp_path)
    page = root / "in" / "doc" / "pm.html"
    (page.parent / "anhang").mkdir(parents=True)
    page.write_text(
        "<html lang='de'><body><article><h1>Haushalt 2027 vorgestellt</h1><p>Die Stadt hat am "
        "Montag den Entwurf für den Haushalt 2027 vorgestellt. Er sieht Investitionen von 48 "
        "Millionen Euro vor.</p><ul><li><a href='flyer.pdf'>Haushaltsplan</a></li>"
        "<li><a href='anhang/plan.pdf'>Plan</a></li></ul></article></body></html>",
        encoding="utf-8",
    )
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    for path in (page.parent / "flyer.pdf", page.parent / "anhang" / "plan.pdf"):
        path.write_bytes(pdf)
    (root / "in" / "lose.pdf").write_bytes(pdf)  # linked by no page: an input Melder cannot read
    runner = CliRunner()
    assert runner.invoke(app, ["--root", str(root), "ingest"]).exit_code in (0, 1)
    runner.invoke(app, ["--root", str(root), "publish"])
    queue = json.loads(runner.invoke(app, ["--root", str(root), "queue", "--json"]).stdout)
    invalid = [item for item in queue if item["state"] == "invalid"]
    assert len(queue) == 2 and len(invalid) == 1
    assert len(list((root / "outputs" / "m" / "media").glob("*.pdf"))) == 1  # one file, kept once


def test_a_document_a_markdown_release_links_is_published_with_it(tmp_path: Path):
    import json

    from typer.testing import CliRunner

    from pipeline.cli import app

    root = trusted_files_root(tmp_path)
    (root / "in" / "unterlagen").mkdir(parents=True)
    (root / "in" / "2026-11-20-sommerfest.md").write_text(
        "---\ntitle: Sommerfest im Stadtpark\ndate: 2026-11-20\n---\nDie Stadt lädt am Samstag "
        "zum Sommerfest in den Stadtpark ein. Es gibt Musik, Spiele und ein Kinderprogramm.\n\n"
        "Das Programm steht im [Flyer (PDF, 20 KB)](unterlagen/flyer.pdf), der Lageplan "
        "[hier](<lageplan.pdf>).\n",
        encoding="utf-8",
    )
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    (root / "in" / "unterlagen" / "flyer.pdf").write_bytes(pdf)
    (root / "in" / "lageplan.pdf").write_bytes(pdf + b"%plan\n")
    runner = CliRunner()
    assert runner.invoke(app, ["--root", str(root), "ingest"]).exit_code == 0
    runner.invoke(app, ["--root", str(root), "publish"])
    queue = json.loads(runner.invoke(app, ["--root", str(root), "queue", "--json"]).stdout)
    assert [item["state"] for item in queue] == ["published"]  # the PDFs are no inputs of their own
    fragment = next((root / "outputs" / "m" / "releases").glob("*.html")).read_text("utf-8")
    assert 'download="flyer.pdf"' in fragment and 'download="lageplan.pdf"' in fragment
    assert len(list((root / "outputs" / "m" / "media").glob("*.pdf"))) == 2
