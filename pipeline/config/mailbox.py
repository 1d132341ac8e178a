"""A mailbox source's settings (kind `imap`): the server, the secrets' variable names, who may
send and who answers for whose mails."""

from __future__ import annotations

import os
import re
from email.utils import parseaddr
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


def sender_allowed(address: str, entries: list[str]) -> bool:
    """An empty list allows anyone; entries are addresses or domains (subdomains included)."""
    if not entries:
        return True
    address = address.lower()
    domain = address.rpartition("@")[2]
    for entry in (item.lower().lstrip("@") for item in entries):
        if "@" in entry and address == entry:
            return True
        if "@" not in entry and (domain == entry or domain.endswith("." + entry)):
            return True
    return False


class ImapConfig(BaseModel):
    """Kind `imap`: the mailbox press offices send to. Secrets stay in the environment."""

    model_config = ConfigDict(extra="forbid")

    host: str
    port: int | None = Field(default=None, gt=0, lt=65536)  # default: 993 for tls, else 143
    security: Literal["tls", "starttls", "plain"] = "tls"
    folder: str = "INBOX"
    username_env: str
    password_env: str
    senders: list[str] = Field(default_factory=list)  # allowed addresses or domains; [] = anyone
    # Who answers for the releases of an address or a domain when one mailbox serves several
    # press offices: the name is the release's attribution and the disclaimer's {source}.
    sender_names: dict[str, str] = Field(default_factory=dict)
    # Only mails the receiving server authenticated (DMARC or aligned DKIM pass in its
    # Authentication-Results header, recognised by `authserv_id`).
    require_authenticated: bool = False
    authserv_id: str | None = None
    after: Literal["flag", "move"] = "flag"
    move_to: str | None = None
    ca_file: str | None = None  # a private CA's certificate (PEM), relative to the root

    def name_for(self, sender: str | None) -> str | None:
        """The organisation `sender_names` gives for a From address ('Name <a@b.example>' or
        'a@b.example'): its address first, then its domain, the closest first."""
        address = parseaddr(sender or "")[1].lower()
        if "@" not in address:
            return None
        names = {key.lower().lstrip("@"): name for key, name in self.sender_names.items()}
        if address in names:
            return names[address]
        labels = address.rpartition("@")[2].split(".")
        for start in range(len(labels) - 1):
            if (domain := ".".join(labels[start:])) in names:
                return names[domain]
        return None

    @field_validator("username_env", "password_env")
    @classmethod
    def _env_name(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
            raise ValueError(
                f"{value!r} is not an environment variable name; name the variable that "
                "holds the secret (e.g. MELDER_IMAP_PASSWORD), never the secret itself"
            )
        return value

    @model_validator(mode="after")
    def _authserv_for_authentication(self):
        if self.require_authenticated and not self.authserv_id:
            raise ValueError(
                "require_authenticated needs authserv_id: the name your mail server writes at "
                "the start of its Authentication-Results header (e.g. 'mx.portal.example')"
            )
        return self

    @property
    def effective_port(self) -> int:
        return self.port or (993 if self.security == "tls" else 143)


def imap_problems(imap: ImapConfig | None, root: Path, *, enabled: bool) -> list[str]:
    """What `melder check` says about a source's [imap] table, each as `imap.key: message`."""
    if imap is None:
        return ["imap: required for kind 'imap': a table with host, username_env, password_env"]
    found = []
    if imap.after == "move" and not imap.move_to:
        found.append('imap.move_to: required when imap.after = "move": the folder to move to')
    if imap.ca_file and not (root / imap.ca_file).is_file():
        found.append(f"imap.ca_file: file {imap.ca_file!r} does not exist under {root}")
    for index, sender in enumerate(imap.senders):
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+|[^@\s]+\.[^@\s]+", sender):
            found.append(f"imap.senders[{index}]: {sender!r} is neither an address nor a domain")
    for sender, name in imap.sender_names.items():
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+|[^@\s]+\.[^@\s]+", sender.lstrip("@")):
            found.append(f"imap.sender_names: {sender!r} is neither an address nor a domain")
        elif not name.strip():
            found.append(f"imap.sender_names.{sender}: give the name of the press office")
        elif imap.senders and not sender_allowed(
            sender if "@" in sender else f"x@{sender}", imap.senders
        ):
            found.append(
                f"imap.sender_names.{sender}: not among imap.senders, so its mails are refused; "
                "add it there too"
            )
    if enabled:
        for key in ("username_env", "password_env"):
            variable = getattr(imap, key)
            if not os.environ.get(variable):
                found.append(f"imap.{key}: environment variable {variable} is not set")
    return found
