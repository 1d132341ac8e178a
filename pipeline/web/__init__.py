"""`melder serve`: the review desk, the submission API and the feeds in one web app."""

from pipeline.web.app import Limits, create_app

__all__ = ["Limits", "create_app"]
