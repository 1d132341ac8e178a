"""A withdrawn release takes its photos off the portal, unless a published release still
shows the same file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipeline import review, runner
from pipeline.config import load_config
from pipeline.store import Store
from tests.conftest import write
from tests.media_helpers import photo

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def page(title: str, text: str, image: str) -> str:
    return (
        f"<html lang='de'><head><title>{title}</title></head><body><main><article><h1>{title}"
        f"</h1><figure><img src='{image}' alt='Bild'><figcaption>Bild. Foto: Stadt</figcaption>"
        f"</figure><p>{text}</p><p>Weitere Auskünfte gibt das Presseamt der Stadt.</p>"
        "</article></main></body></html>"
    )


def test_a_withdrawal_takes_only_the_media_no_other_release_shows(tmp_path):
    root = tmp_path / "root"
    write(root / "sources" / "stadt.toml",
          'title = "Stadt"\nkind = "files"\npath = "in"\nreview = "auto"\n')  # fmt: skip
    write(root / "outputs" / "portal.toml",
          'title = "P"\ndescription = "d"\nlink = "https://portal.example/m"\n'
          '[disclaimer]\ntext = "Inhalte Dritter: {source}."\n')  # fmt: skip
    inbox = root / "in"
    inbox.mkdir()
    (inbox / "eigen.jpg").write_bytes(photo(1000, 700, color=(200, 0, 0)))
    (inbox / "geteilt.jpg").write_bytes(photo(1000, 700, color=(0, 0, 200)))
    write(inbox / "a.html", page("Brücke wird gesperrt", "Die Brücke am Markt wird von Montag an "
          "für drei Wochen gesperrt, Umleitungen sind ausgeschildert und gelten auch für Busse.",
          "eigen.jpg"))  # fmt: skip
    write(inbox / "b.html", page("Markt zieht um", "Der Wochenmarkt zieht während der Sperrung "
          "auf den Schulhof an der Lindenstraße, die Öffnungszeiten bleiben wie gewohnt.",
          "geteilt.jpg"))  # fmt: skip
    write(inbox / "c.html", page("Busse fahren Umweg", "Die Buslinien 3 und 7 fahren während "
          "der Bauarbeiten über die Ringstraße; drei Haltestellen werden verlegt.",
          "geteilt.jpg"))  # fmt: skip
    store = Store(f"sqlite:///{root / 'var' / 'melder.db'}")
    config = load_config(root)
    runner.ingest(config, store, now=NOW)
    runner.publish(config, store, now=NOW)
    media = root / "outputs" / "portal" / "media"
    releases = {view.release.title: view.release for view in store.search(limit=10)}
    own = releases["Brücke wird gesperrt"].media[0].sha256
    shared = releases["Markt zieht um"].media[0].sha256
    assert shared == releases["Busse fahren Umweg"].media[0].sha256  # one photo, kept once
    assert len(list(media.glob(f"{own}-*.jpg"))) == len(list(media.glob(f"{shared}-*.jpg"))) == 2

    later = NOW + timedelta(hours=1)
    for title in ("Brücke wird gesperrt", "Markt zieht um"):
        review.withdraw(store, releases[title].id, reason="falsch", actor="erika", now=later)
    runner.publish(config, store, now=later)
    assert list(media.glob(f"{own}-*.jpg")) == []
    assert len(list(media.glob(f"{shared}-*.jpg"))) == 2  # "Busse fahren Umweg" still shows it
    store.close()
