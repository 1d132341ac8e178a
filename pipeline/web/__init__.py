"""`melder serve`: the review desk, the submission API and the feeds in one web app."""

from pipeline.web.app import create_app
from pipeline.web.state import Limits

__all__ = ["Limits", "create_app"]
