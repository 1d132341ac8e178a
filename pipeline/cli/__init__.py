"""CLI: `melder`, a thin shell over the stages, split by audience.

`content` (check, extract, ingest, submit, publish, run), `review` (queue, show, approve,
reject, withdraw), `operations` (status), `accounts` (serve, user, token); `views` turns store
records into the JSON the commands print. May import every other package; nothing imports it.
"""

from pipeline.cli.app import app, main

__all__ = ["app", "main"]
