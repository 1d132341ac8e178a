"""Withdrawn releases: a notice replaces the release file, and Atom says the entry is gone
(RFC 6721 `at:deleted-entry`), so portals that imported it can take it down too."""

from __future__ import annotations

import uuid
from datetime import datetime

from lxml import etree

from pipeline.config import ChannelConfig
from pipeline.models import Withdrawal
from pipeline.publish.fragment import ID_NAMESPACE
from pipeline.publish.withdrawn import notice_html

ATOM = "http://www.w3.org/2005/Atom"
TOMBSTONES = "http://purl.org/atompub/tombstones/1.0"


def withdrawn_id(withdrawal: Withdrawal) -> str:
    """The same feed id the release had while it was live."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, withdrawal.release_id)}"


def notice_files(withdrawals: list[Withdrawal], channel: ChannelConfig) -> dict[str, bytes]:
    """The release files of withdrawn releases, each replaced by a short notice dated in the
    channel's zone (the store keeps UTC)."""
    return {
        f"releases/{w.public_name}": notice_html(
            w.title, w.language, w.withdrawn_at.astimezone(channel.zone)
        ).encode()
        for w in withdrawals
    }


def add_tombstones(atom_xml: bytes, withdrawals: list[Withdrawal], channel: ChannelConfig) -> bytes:
    """Insert one `at:deleted-entry` per withdrawal and move the feed's `updated` if needed."""
    if not withdrawals:
        return atom_xml
    etree.register_namespace("at", TOMBSTONES)
    root = etree.fromstring(atom_xml, etree.XMLParser(resolve_entities=False))
    updated = root.find(f"{{{ATOM}}}updated")
    latest = max(w.withdrawn_at for w in withdrawals)
    if updated is not None and datetime.fromisoformat(updated.text) < latest:
        updated.text = latest.astimezone(channel.zone).isoformat(timespec="seconds")
    first_entry = root.find(f"{{{ATOM}}}entry")
    for withdrawal in withdrawals:
        stone = etree.Element(
            f"{{{TOMBSTONES}}}deleted-entry",
            ref=withdrawn_id(withdrawal),
            when=withdrawal.withdrawn_at.isoformat(timespec="seconds"),
            nsmap={"at": TOMBSTONES},
        )
        # rel="related": a link without rel means "alternate", and feed readers that do not
        # know tombstones (feedparser among them) would take it for the feed's own link
        link = etree.SubElement(stone, f"{{{ATOM}}}link")
        link.set("rel", "related")
        link.set("href", f"{channel.link}/releases/{withdrawal.public_name}")
        if first_entry is not None:
            first_entry.addprevious(stone)
        else:
            root.append(stone)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
