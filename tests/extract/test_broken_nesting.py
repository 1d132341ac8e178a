"""A release that broken markup puts inside a menu widget or a sidebar is still found."""

from __future__ import annotations

from pipeline.extract import extract_article

PARAGRAPHS = [
    "Die Stadtbibliothek Lindenau öffnet ab dem 1. Dezember auch sonntags von 11 bis 17 Uhr, "
    "zunächst für ein Probejahr mit wechselnden Veranstaltungen.",
    "Möglich macht das ein neues Ausleihsystem, mit dem Leserinnen und Leser Medien selbst "
    "verbuchen und zurückgeben können, ohne an der Theke zu warten.",
    "An jedem ersten Sonntag im Monat lesen Autorinnen und Autoren aus der Region im "
    "Lesecafé; der Eintritt ist frei, Plätze sind begrenzt.",
]


def menu(name: str) -> str:
    items = (f'<li><a href="/{name}/{n}">Bereich {name} Nummer {n}</a></li>' for n in range(8))
    return "".join(items)


def test_a_release_inside_unclosed_menu_widgets_and_a_sidebar_is_extracted():
    """Two menu widgets of a sidebar are never closed, so the browser's tree holds the release
    inside <aside class="sidebar"> and two <div id="nav_menu-…">: containers that extractors
    drop whole."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    page = f"""<!DOCTYPE html><html lang="de"><head><title>Bibliothek | Stadt Lindenau</title>
</head><body><div class="site-main"><aside class="sidebar"><div class="sidebar-sticky">
<div id="nav_menu-6" class="widget widget_nav_menu"><ul class="menu">{menu("a")}</ul>
<div id="nav_menu-7" class="widget widget_nav_menu"><ul class="menu">{menu("b")}</ul>
<div class="main-content"><article class="article-detailed">
<h1>Stadtbibliothek öffnet künftig auch sonntags</h1>
<div class="article-content">{body}</div></article></div>
<footer><a href="/impressum">Impressum</a></footer></body></html>"""
    article = extract_article(page.encode())
    assert article.title == "Stadtbibliothek öffnet künftig auch sonntags"
    assert article.text.splitlines() == PARAGRAPHS
    assert "Bereich" not in article.text  # the menus' links are still no part of it


def test_teaser_cards_in_a_real_sidebar_stay_out_of_the_release():
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    teasers = "".join(
        f'<article class="teaser"><a href="/t/{n}">Weitere Meldung {n}</a>'
        f"<p>Kurz gemeldet aus dem Rathaus, Folge {n}.</p></article>"
        for n in range(4)
    )
    page = f"""<!DOCTYPE html><html lang="de"><head><title>Bibliothek | Stadt Lindenau</title>
</head><body><nav><ul>{menu("a")}</ul></nav><main><h1>Stadtbibliothek öffnet sonntags</h1>
<div class="text">{body}</div></main>
<aside class="sidebar"><h2>Aktuelles</h2>{teasers}</aside></body></html>"""
    article = extract_article(page.encode())
    assert article.text.splitlines() == PARAGRAPHS
    assert "Kurz gemeldet" not in article.text
