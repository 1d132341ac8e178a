"""A drawn or computed picture keeps the sender's word for it in the published credit: an
illustration is never announced as a photo."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from pipeline import runner
from pipeline.config import load_config
from tests.conftest import write
from tests.media_helpers import photo
from tests.web_support import open_store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
TEXTS = {
    "ferry": "Fjordline Ferries has signed a contract with Westcoast Yard for two "
    "battery-electric ferries, worth approximately NOK 780 million. Each will carry 120 cars "
    "and 600 passengers.",
    "route": "From March the Bergen–Stord crossing runs every 40 minutes during the day, and "
    "the last departure from Stord moves to half past eleven at night on weekends.",
    "yard": "Westcoast Yard in Leirvik will hire 60 welders and electricians for the build, "
    "its largest order since the offshore supply vessels of the early 2010s.",
}


def page(name: str, caption: str) -> str:
    title = f"Fjordline orders ferries ({name})"
    return (
        f"<html lang='en'><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<figure><img src='{name}.jpg' alt='{title}'><figcaption>{caption}</figcaption>"
        f"</figure><p>{TEXTS[name]}</p></article></body></html>"
    )


def published_captions(root: Path) -> dict[str, str]:
    write(root / "sources" / "fjordline.toml",
          'title = "Fjordline"\nkind = "files"\npath = "in"\nreview = "auto"\n'
          'language = "en"\n')  # fmt: skip
    write(root / "outputs" / "portal.toml",
          'title = "Portal"\ndescription = "d"\nlink = "https://portal.example/m"\n'
          '[disclaimer]\ntext = "Third-party content by {source}."\n')  # fmt: skip
    inbox = root / "in"
    inbox.mkdir(parents=True)
    shapes = {
        "ferry": ("Illustration of the new ferry. Illustration: Westcoast Yard", 1500),
        "route": ("The Bergen–Stord route. Grafik: Fjordline", 1400),
        "yard": ("The yard in Leirvik. Photo: Westcoast Yard", 1300),
    }
    for name, (caption, width) in shapes.items():
        (inbox / f"{name}.jpg").write_bytes(photo(width, 900))
        (inbox / f"{name}.html").write_text(page(name, caption), encoding="utf-8")
    store = open_store(root)
    try:
        runner.ingest(load_config(root), store, now=NOW)
        runner.publish(load_config(root), store, now=datetime.now(UTC))
    finally:
        store.close()
    captions = {}
    for fragment in (root / "outputs" / "portal" / "releases").glob("*.html"):
        html = fragment.read_text(encoding="utf-8")
        name = re.search(r"Fjordline orders ferries \((\w+)\)", html).group(1)
        captions[name] = re.search(r"<figcaption>(.*?)</figcaption>", html).group(1)
    return captions


def test_an_illustration_s_credit_keeps_its_label_and_a_photo_s_says_photo(tmp_path):
    assert published_captions(tmp_path / "root") == {
        "ferry": 'Illustration of the new ferry. <span class="melder-credit">Illustration: '
        "Westcoast Yard</span>",
        "route": 'The Bergen–Stord route. <span class="melder-credit">Grafik: Fjordline</span>',
        "yard": 'The yard in Leirvik. <span class="melder-credit">Photo: Westcoast Yard</span>',
    }
