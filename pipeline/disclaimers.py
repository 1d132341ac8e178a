"""Disclaimers: the channel's own, rendered once per release, and old ones found in inputs."""

from __future__ import annotations

from pipeline.config import Disclaimer


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render_disclaimer(
    disclaimer: Disclaimer,
    *,
    language: str,
    source: str,
    source_title: str,
    contact_email: str | None,
) -> str:
    """The channel's disclaimer text for one release, placeholders filled (plain text)."""
    values = _Blank(source=source_title or source, source_title=source_title or source)
    values["contact_email"] = contact_email or ""
    return disclaimer.text_for(language).format_map(values).strip()
