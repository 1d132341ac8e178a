"""A page that opens a comment, a script or a text field and never closes it: the release
after it is read all the same, and the editor is told which line opened it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()

FIRST = (
    "Oberdorf, 24. November 2026. Die Gemeinde Oberdorf erneuert ab dem 1. Dezember die "
    "Beleuchtung in der Hauptstraße. Insgesamt werden 84 Leuchten getauscht."
)
SECOND = (
    "Bürgermeisterin Jutta Kröger: „Wir sparen damit jährlich rund 38.000 Kilowattstunden "
    "Strom.“ Während der Arbeiten kann es zu kurzen Sperrungen kommen."
)
THIRD = "Die Arbeiten übernimmt die Firma Elektro Weiß. Sie sollen bis Ende Februar fertig sein."


def page(between: str, after: str = "") -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="de"><head><meta charset="utf-8"><title>LED-Leuchten</title></head>\n'
        "<body>\n"
        "<main><article><h1>LED-Leuchten für die Hauptstraße</h1>\n"
        f"<p>{FIRST}</p>\n"
        f"{between}\n"
        f"<p>{SECOND}</p>\n"
        f"<p>{THIRD}</p></article></main>\n"
        f"{after}</body></html>\n"
    )


def extract(tmp_path: Path, html: str) -> dict:
    file = tmp_path / "pm.html"
    file.write_text(html, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(file), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_comment_never_closed_mid_article_keeps_the_text_after_it_and_names_its_line(
    tmp_path,
):
    release = extract(tmp_path, page("<!-- Zitat noch freigeben"))
    assert release["text"] == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    assert "Zitat noch freigeben" not in release["text"]
    assert (
        "line 6: a comment (<!--) opens here and is never closed, so the rest of the page would "
        "be read as its content: it was read as closed before line 7; compare the body with the "
        "original before approving"
    ) in release["warnings"]


def test_a_script_never_closed_mid_article_keeps_the_text_after_it(tmp_path):
    release = extract(tmp_path, page("<script>var _paq = window._paq || [];"))
    assert release["text"] == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    assert "_paq" not in release["text"]
    assert any(w.startswith("line 6: a <script> opens here") for w in release["warnings"])


def test_a_text_field_never_closed_publishes_the_text_not_its_markup(tmp_path):
    release = extract(tmp_path, page('<textarea name="kommentar">'))
    assert release["text"] == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    assert "<p>" not in release["text"] and "</article>" not in release["text"]
    assert any(w.startswith("line 6: a <textarea> opens here") for w in release["warnings"])


def test_closed_comments_scripts_and_svg_titles_leave_the_page_as_it_is(tmp_path):
    between = (
        "<!-- a note -->\n<!---->\n"
        "<script>document.write('<!-- not a comment'); if (a < b) {}</script>\n"
        '<svg viewBox="0 0 1 1"><title/><path d="M0,0"/></svg>'
    )
    # an unclosed frame with only end tags after it hides nothing
    release = extract(tmp_path, page(between, after="<iframe src='x.html' width='1'>"))
    assert release["text"] == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    assert not any("never closed" in warning for warning in release["warnings"])
