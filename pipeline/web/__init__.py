"""Web: `melder serve`, the review desk, the submission API and the feeds in one app.

In: HTTP requests, the root's config and the store. Out: desk pages, API answers, feed files
from `outputs/`. `state` holds what every request needs; `app` builds the app from the routers
(`desk`, `api`) and the feed server. May import every stage below the shells; only
`pipeline.cli` imports it.
"""

from pipeline.web.app import create_app
from pipeline.web.state import Limits

__all__ = ["Limits", "create_app"]
