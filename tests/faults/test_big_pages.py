"""A page with 100,000 links is read in linear time: the run is given 30 s (the quadratic
version needed 78 s); the exact figure is measured in benchmarks/bench_pipeline.py."""

from __future__ import annotations

import subprocess
import sys

LINKS = 100_000

READ = f"""
import time
from datetime import UTC, datetime
from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
links = "".join(f'<a href="https://x.example/{{n}}">Link {{n}}</a> ' for n in range({LINKS}))
intro = "Die Stadt veröffentlicht heute die Liste aller Verweise ihres Portals für alle Bürger."
page = f"<html><body><h1>Linkliste</h1><p>{{intro}}</p><p>{{links}}</p></body></html>"
context = InputContext(source="s", config=SourceConfig(title="S", kind="files", path="in"),
                       locator="in/big.html", received_at=datetime.now(UTC), route="files")
started = time.perf_counter()
raw = read_input(page.encode(), ".html", context)
print(raw.body_html.count("<a "), round(time.perf_counter() - started, 2))
"""


def test_a_page_with_a_hundred_thousand_links_is_read_in_linear_time():
    done = subprocess.run(
        [sys.executable, "-c", READ], capture_output=True, text=True, timeout=30, check=True
    )
    links, seconds = done.stdout.split()
    print(f"\n{LINKS} links read in {seconds} s")
    assert int(links) >= LINKS * 0.99
