"""A mail signed with S/MIME in its opaque form (smime.p7m, signed-data) is read from inside
its signature, subject, text and attachments; an encrypted one keeps its subject as the headline
and is held invalid with what to send instead."""

from __future__ import annotations

import base64

import pytest

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.normalize import normalize
from tests.normalize.test_release_shapes import ARRIVED

SIGNED_DATA = "06092a864886f70d010702"
ENVELOPED_DATA = "06092a864886f70d010703"
DATA = "06092a864886f70d010701"
INNER = (
    "Content-Type: multipart/mixed; boundary=inner\r\n\r\n--inner\r\n"
    "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
    "Hochwasserwarnung f=C3=BCr die Wei=C3=9Fe Elster aufgehoben\r\n\r\n"
    "Lindenau, 27. November 2026. Das Landesamt f=C3=BCr Umwelt hat die Hochwasserwarnung f=\r\n"
    "=C3=BCr die Wei=C3=9Fe Elster am Pegel Lindenau aufgehoben. Der Wasserstand ist auf 2,10 "
    "Meter gesunken.\r\n--inner\r\nContent-Type: application/pdf\r\n"
    'Content-Disposition: attachment; filename="pegel.pdf"\r\n'
    "Content-Transfer-Encoding: base64\r\n\r\n"
    + base64.b64encode(b"%PDF-1.4\n%%EOF\n").decode()
    + "\r\n--inner--\r\n"
)
TEXT = (
    "Lindenau, 27. November 2026. Das Landesamt für Umwelt hat die Hochwasserwarnung für die "
    "Weiße Elster am Pegel Lindenau aufgehoben. Der Wasserstand ist auf 2,10 Meter gesunken."
)


def der(tag: int, *content: bytes) -> bytes:
    body = b"".join(content)
    size = len(body)
    if size < 0x80:
        return bytes([tag, size]) + body
    octets = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(octets)]) + octets + body


def ber_indefinite(tag: int, *content: bytes) -> bytes:
    return bytes([tag, 0x80]) + b"".join(content) + b"\0\0"


def signed_data(entity: bytes, *, indefinite: bool = False) -> bytes:
    """A ContentInfo holding SignedData with `entity` as its content and no signer (Melder
    does not check the signature)."""
    if indefinite:  # as Outlook writes it: indefinite lengths, the content in pieces
        octets = ber_indefinite(0x24, der(0x04, entity[:40]), der(0x04, entity[40:]))
        content = ber_indefinite(0x30, bytes.fromhex(DATA), ber_indefinite(0xA0, octets))
    else:
        content = der(0x30, bytes.fromhex(DATA), der(0xA0, der(0x04, entity)))
    algorithms = der(0x31, der(0x30, bytes.fromhex("0609608648016503040201"), b"\x05\x00"))
    signed = der(0x30, der(0x02, b"\x01"), algorithms, content, der(0x31))
    return der(0x30, bytes.fromhex(SIGNED_DATA), der(0xA0, signed))


def mail(der_bytes: bytes, smime_type: str = "signed-data"):
    body = base64.encodebytes(der_bytes).decode()
    data = (
        "From: Landesamt fuer Umwelt <presse@lfu.lindenau.example>\r\n"
        "To: melder@portal.example\r\n"
        "Subject: =?utf-8?Q?Hochwasserwarnung_f=C3=BCr_die_Wei=C3=9Fe_Elster_aufgehoben?=\r\n"
        "Date: Fri, 27 Nov 2026 12:30:00 +0100\r\nMessage-ID: <lfu-77@lfu.lindenau.example>\r\n"
        'MIME-Version: 1.0\r\nContent-Disposition: attachment; filename="smime.p7m"\r\n'
        f'Content-Type: application/pkcs7-mime; smime-type={smime_type}; name="smime.p7m"\r\n'
        f"Content-Transfer-Encoding: base64\r\n\r\n{body}"
    ).encode()
    source = SourceConfig(title="Post", kind="files", path="inbox")
    context = InputContext(
        source="post", config=source, locator="inbox/mail.eml", received_at=ARRIVED, route="files"
    )
    return normalize(read_input(data, ".eml", context), source)


@pytest.mark.parametrize("indefinite", [False, True])
def test_an_opaque_signed_mail_is_read_from_inside_its_signature(indefinite):
    found = mail(signed_data(INNER.encode(), indefinite=indefinite))
    assert found.errors == ()
    assert found.title == "Hochwasserwarnung für die Weiße Elster aufgehoben"
    assert found.text == TEXT
    assert found.identity == "<lfu-77@lfu.lindenau.example>"
    assert found.provenance.sender == "Landesamt fuer Umwelt <presse@lfu.lindenau.example>"
    assert found.published_at.isoformat() == "2026-11-27T12:30:00+01:00"
    assert [media.filename for media in found.media] == ["pegel.pdf"]


def test_an_encrypted_mail_keeps_its_subject_and_says_what_to_send():
    recipients = der(0x30, bytes.fromhex(ENVELOPED_DATA), der(0xA0, der(0x30, der(0x02, b"\0"))))
    found = mail(recipients, smime_type="enveloped-data")
    assert found.title == "Hochwasserwarnung für die Weiße Elster aufgehoben"
    assert [(error.field, error.message) for error in found.errors] == [
        (
            "email",
            "the mail is encrypted (S/MIME), and Melder cannot read it: ask the sender to send "
            "the release unencrypted (signed is fine), or as a web page or file",
        )
    ]


def test_a_signed_mail_whose_structure_is_broken_says_it_has_no_text():
    found = mail(signed_data(INNER.encode())[:60])
    assert found.title == ""
    assert [error.message for error in found.errors] == [
        "the e-mail has no text or HTML part to read"
    ]
