"""CLI: `melder`, a thin shell over the stages, split by audience.

In: the command line and `MELDER_*` environment variables. Out: plain text, tables or JSON
on stdout, problems on stderr, exit codes 0/1/2. `checks` (check, extract), `content` (ingest,
submit, publish, run), `review` (queue, show, approve, reject, withdraw), `operations` (status),
`accounts` (serve, user, token); `views` turns store records into the JSON the commands print.
May import every other package; nothing imports it.
"""

from pipeline.cli.app import app, main

__all__ = ["app", "main"]
