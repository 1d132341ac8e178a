"""JSON submissions: the schema shared with the submission API."""

import json
from datetime import UTC, datetime, timedelta, timezone

from pipeline.config import SourceConfig
from pipeline.ingest.readers import InputContext, read_input
from pipeline.ingest.readers.jsonfmt import ReleaseSubmission
from tests.conftest import FIXTURES_ROOT

FIXTURES = FIXTURES_ROOT / "json"


def read(data: bytes, name: str = "release.json"):
    context = InputContext(
        source="test",
        config=SourceConfig(title="Test", kind="files"),
        locator=f"inbox/{name}",
        received_at=datetime(2024, 9, 1, tzinfo=UTC),
        route="files",
    )
    return read_input(data, ".json", context)


def problems(release) -> dict[str, str]:
    return {problem.field: problem.message for problem in release.problems}


def test_valid_submission_is_read_completely():
    release = read((FIXTURES / "valid-release.json").read_bytes())
    assert release.problems == ()
    assert release.format == "json"
    assert release.identity == "PR-2024-031"
    assert release.title == "Regionalbahn fährt ab Dezember im Halbstundentakt"
    assert release.body_text.split("\n\n")[1].startswith("Der Verkehrsverbund rechnet")
    assert release.published == datetime(2024, 9, 10, 8, 0)
    assert release.embargo_until == datetime(
        2024, 9, 10, 10, 0, tzinfo=timezone(timedelta(hours=2))
    )
    assert release.categories == ("Verkehr", "Bahn")
    assert release.links[0].url == "https://www.vbr.example/fahrplan-2025"
    assert release.base_url == "https://www.vbr.example/presse/rb42-halbstundentakt"


def test_every_error_is_listed_by_its_json_path():
    release = read((FIXTURES / "three-errors.json").read_bytes())
    found = problems(release)
    assert set(found) == {"title", "published", "links[0].url"}
    assert found["title"] == "required field is missing"
    assert "ISO 8601" in found["published"]
    assert "http" in found["links[0].url"]
    assert release.body_text.startswith("Die Stadtbibliothek")  # kept for the editor


def test_invalid_json_names_line_and_column():
    release = read((FIXTURES / "broken.json").read_bytes())
    assert problems(release) == {"json": "line 4 column 3: Expecting ',' delimiter"}


def test_unknown_field_suggests_the_right_name_and_body_is_required():
    release = read(json.dumps({"title": "X", "tesaer": "Y"}).encode())
    found = problems(release)
    assert "did you mean 'teaser'" in found["tesaer"]
    assert "text" in found["json"] and "body_html" in found["json"]


def test_html_body_and_url_identity():
    data = {"title": "T", "body_html": "<p>Hallo</p>", "url": "https://example.org/pm/1"}
    release = read(json.dumps(data).encode())
    assert release.body_html == "<p>Hallo</p>" and release.body_text is None
    assert release.identity == "https://example.org/pm/1"


def test_a_list_instead_of_an_object_is_refused():
    assert "one JSON object" in problems(read(b"[1, 2]"))["json"]


def test_schema_is_documented_for_the_api():
    schema = ReleaseSubmission.model_json_schema()
    assert schema["required"] == ["title"]
    assert all("description" in field for field in schema["properties"].values())


def test_fields_wrapped_in_an_outer_object_are_named_and_an_invalid_body_is_kept():
    wrapped = read(json.dumps({"release": {"title": "Titel", "text": "Ein Text."}}).encode())
    assert problems(wrapped)["release"] == (
        "the release's fields belong at the top level, not inside 'release': "
        "give release.title, release.text"
    )
    cms = read(
        json.dumps(
            {"data": {"id": "8812", "attributes": {"headline": "Titel", "body": "<p>Text.</p>"}}}
        ).encode()
    )
    assert problems(cms)["data"] == (
        "the release's fields belong at the top level, not inside 'data': give data.id, "
        "data.attributes.headline as title, data.attributes.body as body_html"
    )
    listed = read(json.dumps([{"title": "Eins"}, {"title": "Zwei"}]).encode())
    assert problems(listed)["json"] == (
        "expected one JSON object {...} per release; this file holds a list of 2: "
        "one release per file"
    )
    invalid = read(
        json.dumps(
            {"title": "Titel", "body_html": "<p>Der Text bleibt.</p>", "contact": {"n": 1}}
        ).encode()
    )
    assert "contact" in problems(invalid)
    assert invalid.body_html == "<p>Der Text bleibt.</p>"  # the editor sees what was sent


def test_a_wordpress_rest_api_post_is_read_by_its_rendered_fields():
    post = {
        "id": 4711,
        "date": "2026-11-24T10:30:00",
        "date_gmt": "2026-11-24T09:30:00",
        "link": "https://stadt.example/2026/11/24/zweigstelle/",
        "title": {"rendered": "Bibliothek &#8211; neue Zweigstelle"},
        "content": {"rendered": "<p>Die Stadtbibliothek er&ouml;ffnet ihre Zweigstelle.</p>"},
        "excerpt": {"rendered": "<p>Neue Zweigstelle &#8230;</p>"},
        "status": "publish",
        "categories": [3, 7],
        "_links": {"self": [{"href": "https://stadt.example/wp-json/wp/v2/posts/4711"}]},
    }
    release = read(json.dumps(post).encode())
    assert release.problems == ()
    assert release.title == "Bibliothek – neue Zweigstelle"
    assert release.teaser == "Neue Zweigstelle …"
    assert "Zweigstelle" in release.body_html
    assert release.published.isoformat() == "2026-11-24T09:30:00+00:00"


def test_an_empty_date_or_embargo_from_a_cms_export_means_none():
    raw = read(
        '{"title": "Wertstoffhöfe im Winter", "text": "Ab 1. Dezember gelten neue Zeiten.",'
        ' "published": "", "embargo_until": " "}'.encode()
    )
    assert raw.problems == ()
    assert raw.published is None and raw.embargo_until is None


def test_a_body_field_is_pointed_to_text_or_body_html_by_what_it_holds():
    plain = read(
        json.dumps(
            {"title": "Neues Löschfahrzeug", "body": "Die Feuerwehr hat ein neues Fahrzeug."}
        ).encode()
    )
    assert problems(plain)["body"] == "unknown field; use 'text' for it"
    marked = read(
        json.dumps(
            {"title": "Neues Löschfahrzeug", "body": "<p>Die Feuerwehr hat ein neues Fahrzeug.</p>"}
        ).encode()
    )
    assert problems(marked)["body"] == "unknown field; use 'body_html' for it"


def test_photos_in_body_html_are_the_release_s_photos_after_the_images_given():
    release = read(
        json.dumps(
            {
                "title": "Schulradweg eröffnet",
                "url": "https://www.landkreis.example/presse/88",
                "body_html": "<p>Der Radweg ist fertig.</p><figure><img src='/b/radweg.jpg' "
                "alt='Radweg'><figcaption>Der neue Radweg. Foto: Landkreis</figcaption></figure>"
                "<p><img src='https://cdn.landkreis.example/b/karte.png' alt='Karte'></p>",
                "images": [{"url": "https://www.landkreis.example/b/aufmacher.jpg"}],
            }
        ).encode()
    )
    assert release.problems == ()
    assert [(media.url, media.caption) for media in release.media] == [
        ("https://www.landkreis.example/b/aufmacher.jpg", ""),
        ("https://www.landkreis.example/b/radweg.jpg", "Der neue Radweg. Foto: Landkreis"),
        ("https://cdn.landkreis.example/b/karte.png", ""),
    ]


def test_an_image_s_refused_url_is_named_beside_its_other_mistakes():
    sent = {
        "title": "T",
        "text": "Die Stadt baut.",
        "images": [{"url": "ftp://x/y.jpg", "cpation": "c"}],
    }
    assert problems(read(json.dumps(sent).encode())) == {
        "images[0].url": "must be an absolute http:// or https:// URL",
        "images[0].cpation": "unknown field; did you mean 'caption'?",
    }


def test_a_json_file_cut_off_says_where_and_what_to_do(tmp_path):
    path = tmp_path / "pm.json"
    path.write_text('{\n  "id": "pm-2",\n  "title": "Neue Buslinie",\n  "text": "Ab dem 13. Dez')
    assert problems(read(path.read_bytes(), path.name)) == {
        "json": "the JSON ends inside a string that opens at line 4 column 11: it looks cut off; "
        "send it again"
    }
    path.write_text('{"title": "Neue Buslinie", "text": "Ab Dezember fährt sie.",')
    assert problems(read(path.read_bytes(), path.name)) == {
        "json": "the JSON ends at line 1 column 61 before its last value or closing bracket: it "
        "looks cut off; send it again"
    }


def test_a_numeric_id_is_the_id_as_text():
    release = read(
        json.dumps({"id": 4711, "title": "Neue Buslinie", "text": "Ab Dezember."}).encode()
    )
    assert release.problems == ()
    assert release.identity == "4711"


def test_values_of_the_wrong_kind_name_what_was_sent():
    sent = {"title": None, "text": "Ab Dezember.", "categories": "Politik, Haushalt"}
    release = read(json.dumps(sent).encode())
    assert [(p.field, p.message) for p in release.problems] == [
        ("title", "must be text, got null"),
        ("categories", "must be a list [...], got a text"),
    ]
    listed = read(json.dumps({"title": ["Bus", "Bahn"], "text": "Ab Dezember."}).encode())
    assert problems(listed) == {"title": "must be text, got a list"}


def test_a_title_and_teaser_wrapped_in_formatting_markup_keep_their_words_as_typed():
    """A CMS that sends its title in '<b>' and its teaser in '<p>': the formatting goes, the
    sender's words stay, tag-shaped ones too ('<article>')."""
    from pipeline.normalize import normalize

    submitted = {
        "title": "<b>Neue Kita</b> eröffnet: Tom & Jerry <live>",
        "teaser": "<p>Die Elemente <article> und <nav> <em>erklärt</em>.</p>",
        "text": "Die Stadt eröffnet am Montag eine neue Kita mit 80 Plätzen im Westen der Stadt, "
        "teilt das Jugendamt mit.",
        "published": "2026-11-25T10:00:00+01:00",
    }
    release = normalize(
        read(json.dumps(submitted).encode()), SourceConfig(title="Test", kind="files")
    )
    assert release.title == "Neue Kita eröffnet: Tom & Jerry <live>"
    assert release.teaser == "Die Elemente <article> und <nav> erklärt."
