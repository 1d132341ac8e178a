"""Which files of a `files` source's folder are inputs, and in which order they are read."""

from __future__ import annotations

from pathlib import Path

from pipeline.ingest.files import input_files


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
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Text", encoding="utf-8")
    (tmp_path / "empty-folder.txt").mkdir()

    assert input_files(tmp_path) == ["a/x.txt", "a-b/x.txt", "z.txt"]
