"""Where media come from: fetched through the guarded client, read beside the input, or sent
as bytes; every one kept once under var/media, every refusal a warning that names it."""

from __future__ import annotations

import base64
from dataclasses import replace
from datetime import UTC, datetime

from werkzeug import Response

from pipeline.ingest.client import HttpClient
from pipeline.ingest.http import FetchPolicy
from pipeline.media import MediaFetcher, MediaLibrary
from pipeline.models import MediaInput
from tests.conftest import counts_as_public
from tests.media_helpers import has_gps, photo

POLICY = FetchPolicy(source="stadt", robots=False, delay=0, retries=0, timeout=5)


def fetcher(root, *, private: bool = False) -> MediaFetcher:
    client = HttpClient(forbidden=counts_as_public, sleep=lambda _s: None)
    return MediaFetcher(MediaLibrary(root), client, replace(POLICY, allow_private=private))


def test_a_remote_photo_is_fetched_cleaned_and_kept_once(public_server, tmp_path):
    public_server.expect_request("/fotos/radweg.jpg").respond_with_data(
        photo(), content_type="image/jpeg"
    )
    url = public_server.url_for("/fotos/radweg.jpg")
    item = MediaInput(url=url, caption="Der Radweg.", credit="Foto: Stadt", alt="Radweg")
    (kept,), notes = fetcher(tmp_path).collect((item, item))  # named twice: kept once
    assert notes == ()
    assert (kept.filename, kept.kind, kept.width, kept.height) == (
        "radweg.jpg",
        "image",
        1600,
        1000,
    )
    assert (kept.caption, kept.credit, kept.alt, kept.url) == (
        "Der Radweg.",
        "Foto: Stadt",
        "Radweg",
        url,
    )
    stored = MediaLibrary(tmp_path).path(kept.sha256, "jpg")
    assert stored.is_file() and not has_gps(stored.read_bytes())


def test_a_second_run_asks_conditionally_and_keeps_what_it_had(public_server, tmp_path):
    def answer(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(photo(), content_type="image/jpeg", headers={"ETag": '"v1"'})

    public_server.expect_request("/a.jpg").respond_with_handler(answer)
    url = public_server.url_for("/a.jpg")
    (first,), _ = fetcher(tmp_path).collect((MediaInput(url=url),))
    (second,), notes = fetcher(tmp_path).collect((MediaInput(url=url, caption="neu"),))
    assert notes == () and second.sha256 == first.sha256 and second.caption == "neu"
    statuses = [response.status_code for _request, response in public_server.log]
    assert statuses == [200, 304]


def test_a_photo_on_a_private_address_is_refused_unless_the_source_allows_it(httpserver, tmp_path):
    httpserver.expect_request("/intern.jpg").respond_with_data(photo(), content_type="image/jpeg")
    url = httpserver.url_for("/intern.jpg")  # 127.0.0.1
    kept, [note] = fetcher(tmp_path).collect((MediaInput(url=url),))
    # the sender reads this note in the API's answer: what the portal's network holds is not
    # theirs to learn, so the address it resolved to is not named (the log has it)
    assert (
        kept == ()
        and note == "image intern.jpg left out: its address is not allowed (a private network)"
    )
    assert httpserver.log == []
    kept, notes = fetcher(tmp_path, private=True).collect((MediaInput(url=url),))
    assert len(kept) == 1 and notes == ()


def test_a_missing_or_oversized_remote_photo_is_a_warning(public_server, tmp_path):
    public_server.expect_request("/gone.jpg").respond_with_data("", status=404)
    public_server.expect_request("/big.jpg").respond_with_data(b"\xff\xd8\xff" + b"0" * 30_000_000)
    inputs = (
        MediaInput(url=public_server.url_for("/gone.jpg")),
        MediaInput(url=public_server.url_for("/big.jpg")),
    )
    kept, (gone, big) = fetcher(tmp_path).collect(inputs)
    assert kept == ()
    assert "gone.jpg left out" in gone and "404" in gone
    assert "big.jpg left out" in big and "limit" in big


def test_bytes_and_data_urls_are_kept_like_any_photo(tmp_path):
    encoded = base64.b64encode(photo(900, 600)).decode()
    inputs = (
        MediaInput(url=f"data:image/jpeg;base64,{encoded}", alt="eins"),
        MediaInput(data=photo(700, 500, color=(1, 2, 3)), filename="zwei.png"),
        MediaInput(url="data:image/png;base64,@@@not-base64@@@", filename="kaputt.png"),
    )
    kept, notes = MediaFetcher(MediaLibrary(tmp_path)).collect(inputs)
    assert [(m.alt, m.width, m.content_type) for m in kept] == [
        ("eins", 900, "image/jpeg"),
        ("", 700, "image/jpeg"),
    ]
    assert kept[1].filename == "zwei.jpg"  # named after what the bytes are
    assert notes == ("image kaputt.png left out: the data: address is not valid base64",)


def test_the_same_photo_sent_twice_is_kept_once_and_a_second_caption_is_named(tmp_path):
    same = photo(640, 480)
    encoded = base64.b64encode(same).decode()
    inputs = (
        MediaInput(data=same, filename="hafen.jpg", caption="Der neue Kai.", credit="Hafen AG"),
        MediaInput(url=f"data:image/jpeg;base64,{encoded}", caption="Data-URL"),
        MediaInput(data=same, filename="hafen-kopie.jpg", caption="Der neue Kai."),
    )
    kept, notes = MediaFetcher(MediaLibrary(tmp_path)).collect(inputs)
    assert [(m.caption, m.credit) for m in kept] == [("Der neue Kai.", "Hafen AG")]
    assert notes == (
        "image #2 is the same file as hafen.jpg: kept once, with the first one's caption and "
        "credit",
    )  # the third repeats the first one's words: nothing is lost, nothing to say


def test_a_relative_path_is_read_beside_the_input_and_never_outside_its_folder(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "2026").mkdir(parents=True)
    (inbox / "2026" / "foto.jpg").write_bytes(photo())
    (tmp_path / "secret.jpg").write_bytes(photo())
    media = MediaFetcher(MediaLibrary(tmp_path), folder=inbox)
    inputs = (
        MediaInput(url="foto.jpg"),
        MediaInput(url="../../secret.jpg"),
        MediaInput(url="fehlt.jpg"),
        MediaInput(url="file:///etc/passwd"),
        MediaInput(url="bad%00.jpg"),
    )
    kept, notes = media.collect(inputs, folder=inbox / "2026")
    assert [m.filename for m in kept] == ["foto.jpg"]
    assert notes == (
        "image secret.jpg left out: the path leads outside the source's folder",
        "image fehlt.jpg left out: no such file beside the input",
        "image passwd left out: file:///etc/passwd is not an http(s) address",
        "image bad\ufffd.jpg left out: the file name holds a control character",
    )


def test_documents_are_kept_as_they_are_and_other_files_are_refused(tmp_path):
    pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    inputs = (
        MediaInput(data=pdf, filename="Pressemappe.PDF", declared_type="application/pdf"),
        MediaInput(
            data=b"MZ\x90\x00" + bytes(300),
            filename="setup.exe",
            declared_type="application/x-msdownload",
        ),
    )
    (document,), (note,) = MediaFetcher(MediaLibrary(tmp_path)).collect(inputs)
    assert (document.kind, document.content_type, document.filename) == (
        "document",
        "application/pdf",
        "Pressemappe.pdf",
    )
    assert MediaLibrary(tmp_path).read(document.sha256, "pdf") == pdf
    assert note.startswith("attachment setup.exe left out: it is neither an image")


def test_a_gallery_keeps_the_first_twenty_and_names_the_others(tmp_path):
    inputs = tuple(
        MediaInput(data=photo(300 + n, 200), filename=f"foto-{n + 1:02}.jpg") for n in range(23)
    )
    kept, notes = MediaFetcher(MediaLibrary(tmp_path)).collect(inputs)
    assert len(kept) == 20
    assert notes == (
        "only the first 20 images and attachments are kept; left out: foto-21.jpg, "
        "foto-22.jpg, foto-23.jpg",
    )


def test_a_photo_on_an_unknown_host_names_no_lookup_detail(tmp_path):
    url = "http://fotos.does-not-exist.invalid/a.jpg"
    kept, [note] = fetcher(tmp_path).collect((MediaInput(url=url),))
    assert kept == () and note == "image a.jpg left out: its host name is not known"


NEWS_DETAIL = """<!DOCTYPE html><html lang="de"><head><title>Windpark Hohe Heide</title>
</head><body><main><article class="news-single"><h1>Stadtwerke nehmen Windpark Hohe Heide
in Betrieb</h1><div class="news-text-wrap"><p>Die Stadtwerke Lindenau haben am Mittwoch den
Windpark Hohe Heide in Betrieb genommen. Die sechs Anlagen erzeugen Strom für 18.000 Haushalte.
</p><div class="news-img-wrap"><div class="mediaelement mediaelement-image"><a
href="/fileadmin/_processed_/windpark_gross.jpg" class="lightbox" rel="lightbox[set]"><img
src="/fotos/windpark.jpg" width="1600" height="1000" alt="Windpark Hohe Heide"></a></div>
<p class="news-img-caption">Die sechs Anlagen des Windparks aus der Luft.</p>
<p class="news-img-copyright">Bildrechte: Stadtwerke Lindenau/Thomas Brandt</p></div>
<p>Die Baukosten lagen bei 41 Millionen Euro. Die Anlagen drehen sich seit Oktober im
Probebetrieb und speisen seit Montag regulär ins Netz ein.</p>
</div></article></main></body></html>"""


def test_a_photo_whose_lightbox_file_is_gone_is_kept_as_the_page_shows_it(public_server, tmp_path):
    from pipeline.config import SourceConfig
    from pipeline.ingest.readers import InputContext, read_input
    from pipeline.normalize import normalize

    public_server.expect_request("/fileadmin/_processed_/windpark_gross.jpg").respond_with_data(
        "", status=404
    )
    public_server.expect_request("/fotos/windpark.jpg").respond_with_data(
        photo(), content_type="image/jpeg"
    )
    source = SourceConfig(title="Stadtwerke", kind="files", path="inbox")
    context = InputContext(
        source="swl",
        config=source,
        locator="detail.html",
        received_at=datetime(2026, 11, 25, 9, tzinfo=UTC),
        route="files",
        base_url=public_server.url_for("/presse/detail.html"),
    )
    raw = read_input(NEWS_DETAIL.encode(), ".html", context)
    media, notes = fetcher(tmp_path).collect(raw.media)
    [kept] = normalize(raw, source, media=media, media_notes=notes).media
    assert notes == ()
    assert (kept.url, kept.caption, kept.credit) == (
        public_server.url_for("/fotos/windpark.jpg"),
        "Die sechs Anlagen des Windparks aus der Luft.",
        "Stadtwerke Lindenau/Thomas Brandt",
    )
