"""A contact set as a definition list ('<dt>Media</dt><dd>name<br>mail<br>phone</dd>') keeps
its lines apart and is the release's contact; a definition list of facts stays in the text."""

from __future__ import annotations

from tests.normalize.test_plain_layouts import release

ARTICLE = (
    "<h1>Harvest Lane Foods recalls Almond Crunch Granola because of undeclared peanut</h1>"
    "<p>Harvest Lane Foods, LLC of Boise, Idaho is recalling 4,212 cases of Almond Crunch "
    "Granola because it may contain undeclared peanut.</p>"
    "<p>Consumers who have purchased the product are urged to return it to the place of "
    "purchase for a full refund.</p>"
)


def page(body: str) -> str:
    return f"<html><head><title>Recall</title></head><body><main>{body}</main></body></html>"


def test_a_definition_list_contact_keeps_its_lines_and_leaves_the_text() -> None:
    contact = (
        "<h2>Company Contact Information</h2><dl><dt>Consumers:</dt><dd>Harvest Lane Consumer "
        "Care<br>1-800-555-0142</dd><dt>Media:</dt><dd>Dana Whitfield<br>"
        "<a href='mailto:media@harvestlane.example'>media@harvestlane.example</a><br>"
        "208-555-0199</dd></dl>"
    )
    found = release(page(ARTICLE + contact))
    assert found.contact == (
        "Consumers: Harvest Lane Consumer Care\n1-800-555-0142\nMedia: Dana Whitfield\n"
        "media@harvestlane.example\n208-555-0199"
    )
    assert found.text.endswith("return it to the place of purchase for a full refund.")


def test_a_definition_list_of_facts_stays_in_the_text() -> None:
    facts = (
        "<h2>Summary</h2><dl><dt>Product Type:</dt><dd>Food &amp; Beverages</dd>"
        "<dt>Lot codes:</dt><dd>HL26245A<br>HL26259B</dd></dl>"
    )
    found = release(page(ARTICLE + facts))
    assert found.text.endswith(
        "Summary\n\n- Product Type: Food & Beverages\n- Lot codes: HL26245A HL26259B"
    )
    assert found.contact is None


def test_a_definition_wrapped_by_line_breaks_reads_as_one_line() -> None:
    glossary = (
        "<h2>Glossary</h2><dl><dt>Lot code</dt><dd>the code printed on the back of the pouch,"
        "<br>under the best-by date</dd></dl>"
    )
    found = release(page(ARTICLE + glossary))
    assert found.text.endswith(
        "- Lot code: the code printed on the back of the pouch, under the best-by date"
    )
