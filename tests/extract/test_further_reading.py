"""The links a release points its reader to ('Associated links', 'Weiterführende
Informationen') go out with it, under their heading."""

from __future__ import annotations

from pipeline.extract import extract_article
from tests.normalize.test_release_shapes import release

TEXT = (
    "<p>The Government of Canada is investing $120 million in two rental buildings in Halifax, "
    "which will add 380 homes near transit.</p><p>Of these, 95 homes will be offered below "
    "market rent for at least 20 years, the minister said on Monday.</p>"
    "<h2>Quick facts</h2><ul><li>The Apartment Construction Loan Program provides low-cost "
    "loans for rental housing.</li><li>Construction is expected to end in spring 2028.</li></ul>"
)
LINKS = (
    "<ul><li><a href='https://www.cmhc.example/aclp'>Apartment Construction Loan Program</a>"
    "</li><li><a href='https://housing.example/plan'>Canada’s Housing Plan</a></li></ul>"
)
RESTORED = (
    "<h2>Associated links</h2>\n<ul>"
    '<li><a href="https://www.cmhc.example/aclp">Apartment Construction Loan Program</a></li>'
    '<li><a href="https://housing.example/plan">Canada’s Housing Plan</a></li></ul>'
)


def page(main: str, after: str = "") -> str:
    return (
        "<html><body><nav><ul><li><a href='/en'>Home</a></li><li><a href='/news'>News</a></li>"
        f"</ul></nav><main><div class='mwsbodytext'><h1>New rental homes for Halifax</h1>{main}"
        f"</div>{after}</main><footer><h2>More information</h2><ul><li><a href='/about'>About "
        "this site</a></li></ul></footer></body></html>"
    )


def test_associated_links_between_the_facts_and_the_contacts_are_kept():
    article = extract_article(
        page(
            f"{TEXT}<h2>Associated links</h2>{LINKS}<h2>Contacts</h2><p>Micah Rankin<br>Press "
            "Secretary<br>343-598-3920</p>"
        )
    )
    assert RESTORED in article.body_html
    assert "About this site" not in article.body_html


def test_a_further_reading_box_after_the_text_comes_back_whole():
    article = extract_article(
        page(TEXT, f"<div class='mod-links'><h2>Associated links</h2>{LINKS}</div>")
    )
    assert article.body_html.endswith(RESTORED)
    assert "About this site" not in article.body_html


def test_a_sections_own_menu_over_the_text_is_no_further_reading():
    article = extract_article(
        page(
            "<div class='secnav'><h4>Learn more</h4><ul><li><a href='/impact'>Program Impact</a>"
            "</li><li><a href='/stories'>Participant Stories</a></li></ul></div>"
            f"{TEXT}<div><h4>Learn more</h4><ul><li><a href='/local'>Local Programs</a></li>"
            "<li><a href='/volunteer'>Volunteering</a></li></ul></div>"
        )
    )
    assert "Program Impact" not in article.text and "Local Programs" in article.text


def test_the_original_publication_in_a_box_under_the_text_goes_out_with_its_doi():
    found = release("typo3-uni-originalpublikation.html")
    assert found.text.endswith(
        "Ersetzen könne sie die vierte Reinigungsstufe in Kläranlagen aber nicht.\n\n"
        "Originaltitel der Publikation in „Water Research“:\n\n„Natural attenuation of "
        "diclofenac by oligotrophic groundwater microbial communities“, "
        "doi.org/10.1016/j.watres.2026.123987"
    )
    # the group's other papers in the sidebar are no part of this release
    assert [link.url for link in found.links] == ["https://doi.org/10.1016/j.watres.2026.123987"]


def test_a_reference_the_text_already_gives_is_not_repeated():
    article = extract_article(
        page(
            f"{TEXT}<h3>Original publication:</h3><p>J. Moreau, A. Singh: Transit access and "
            "rental supply. Urban Studies (2026), DOI: <a href='https://doi.org/10.1177/"
            "00420980261234'>10.1177/00420980261234</a></p>"
        )
    )
    assert article.text.count("10.1177/00420980261234") == 1
