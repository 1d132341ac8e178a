"""Turn what a reader found (`RawRelease`) into a clean, validated `Release`.

`normalize` is pure: no I/O and no clock (the time an input was received stands for "now"),
so the same input always gives the same release. The steps, in order:

1. lines: the body as lines of inline pieces (text, link), from plain text or an HTML fragment,
   with Unicode repaired and bare URLs turned into links;
2. embargo and contact lines are taken out (before furniture removal, which would eat "Kontakt");
3. furniture (ads, widgets, navigation) goes, then lines join into paragraphs;
4. old portal disclaimers go, the headline and date lines are found;
5. the blocks are rendered to sanitized HTML and plain text; everything is checked.
"""

from __future__ import annotations

import re

from pipeline.config import SourceConfig
from pipeline.models import Media, Problem, RawRelease, Release, capped_problems, release_id
from pipeline.normalize import dates, paragraphs
from pipeline.normalize.body import (
    Line,
    body_lines,
    clean_inline,
    repair_text,
)
from pipeline.normalize.captions import (
    captioned,
    captioned_by_name,
    clean_media,
    described,
    drop_caption_lines,
    file_names,
    one_bare_photo,
    take_named_captions,
)
from pipeline.normalize.contact_boxes import names_the_press, with_page_contact_box
from pipeline.normalize.contact_fields import contact_entries
from pipeline.normalize.corrections import correction_note
from pipeline.normalize.courtesy import drop_closing_courtesy
from pipeline.normalize.datelines import dateline_text
from pipeline.normalize.disclaimers import is_disclaimer
from pipeline.normalize.downloads import take_download_lines
from pipeline.normalize.embargo import note_past_embargo, take_embargo, take_title_embargo
from pipeline.normalize.findings import Findings, take_contact
from pipeline.normalize.follow_us import without_follow_calls
from pipeline.normalize.furniture import drop_furniture
from pipeline.normalize.headline import headline_length_problem, take_title
from pipeline.normalize.info_contact import take_info_contact
from pipeline.normalize.links import counted_link_notes, internal_link_notes
from pipeline.normalize.meta_lines import lead_paragraph, take_head_meta
from pipeline.normalize.page_dump import (
    resolved_marks,
    take_references,
    unlaid_pdf_text,
    without_other_news,
    without_page_furniture,
)
from pipeline.normalize.paragraphs import drop_disclaimers, drop_pull_quotes, join_lines
from pipeline.normalize.published import date_beside_headline, published_at
from pipeline.normalize.render import classify, merge_links, render
from pipeline.normalize.sanitize import field_from_markup, plain_field
from pipeline.normalize.several import several_releases, without_second_copy
from pipeline.normalize.signatures import (
    signature_contact,
    signed_by,
    without_notices,
    without_signing_marks,
)
from pipeline.normalize.signoff import take_office_signoff
from pipeline.normalize.summary import (
    clear_german_or_english,
    detect_language,
    make_slug,
    make_teaser,
    teaser_source,
)
from pipeline.normalize.tag_lines import take_tag_lines
from pipeline.normalize.updates import states_only_an_update

LONG_BODY = 100_000  # characters; a long annual report's release has about 20,000


# Formats whose title and teaser are fields a sender filled in, maybe with their CMS's markup:
# a page's headline and a feed's title come as text already.
SUBMITTED_FIELDS = frozenset({"json", "markdown"})


def normalize(
    raw: RawRelease,
    source: SourceConfig,
    *,
    media: tuple[Media, ...] | None = None,
    media_notes: tuple[str, ...] = (),
) -> Release:
    """The clean release for `raw`; every problem is listed in `errors`, nothing is raised.

    `media` are the input's media as the media stage kept them (with `media_notes` on those it
    left out); without it the media are only described, as the input names them.
    """
    zone, now = source.zone, raw.provenance.received_at
    found = Findings(problems=capped_problems(raw.problems))
    found.warnings.extend(raw.warnings)
    found.warnings.extend(media_notes)
    if not raw.body_html and raw.body_text and len(MARKUP_RE.findall(raw.body_text)) >= 2:
        # '<p><b>Talstadt, 24.11.2026</b> – …' given as text: readers would see the tags
        raw = raw.model_copy(update={"body_html": raw.body_text, "body_text": None})
        found.warnings.append("the text holds HTML markup: it was read as HTML")
    references: dict[str, str] = {}
    if raw.format == "text" and not raw.body_html and raw.body_text:
        dump, references = take_references(raw.body_text)
        dump, notes = unlaid_pdf_text(dump)
        found.warnings.extend(notes)
        raw = raw.model_copy(update={"body_text": dump})
    lines = body_lines(raw, source)
    if raw.format == "text" and not raw.body_html:
        lines, tags = take_tag_lines(without_page_furniture(resolved_marks(lines, references)))
        raw = raw.model_copy(update={"categories": (*raw.categories, *tags)})
    elif raw.format == "email":  # a newsletter tool's teasers of its other items
        lines = without_other_news(lines)
    lines, stamp, signature = drop_furniture(lines)
    lines = without_follow_calls(lines)
    lines, named_captions = take_named_captions(lines, file_names(raw.media))
    captions: list[str] = []
    lines = drop_caption_lines(
        lines, found.warnings, captions, bare_photo=one_bare_photo(raw.media)
    )
    lines = take_embargo(lines, zone, now, found)
    if found.embargo is None:  # an embargo printed beside the headline, outside the body
        beside = (*raw.above_headline, *raw.below_headline)
        take_embargo(_lines(beside), zone, now, found)
    # 'Weitere Informationen:' over a person's name and phone, before a signature-like
    # reading of the same lines could leave its label behind
    lines, info_contact = take_info_contact(lines)
    lines = take_contact(lines, found, press_beside=names_the_press(_lines(raw.contact_box)))
    found.contact = "\n".join(part for part in (found.contact, info_contact) if part) or None
    lines, found.contact = with_page_contact_box(lines, found.contact, _lines(raw.contact_box))
    signature = without_notices(without_signing_marks(signature))
    if found.contact is None:  # a labelled contact under a US release's end mark ('###')
        take_contact(signature, found)
        found.contact = signed_by(signature, found.contact)
    if found.contact is None:  # a mail's signature: its sender's name, phone and address
        found.contact = signature_contact(signature)
    # the sender's offer of help ('Für Rückfragen stehen wir Ihnen gerne zur Verfügung.') stands
    # under or over an office's sign-off: either closes the text once the other is gone
    lines = drop_closing_courtesy(lines)
    # 'State | Office | press@… | 518 …' closing it
    lines, office = take_office_signoff(lines, commas=found.contact is None)
    found.contact = contact_entries(found.contact or office)
    lines = drop_closing_courtesy(lines)
    blocks = join_lines(paragraphs.without_boilerplate(lines))
    blocks = drop_pull_quotes(drop_disclaimers(blocks, found))
    given = repair_text(raw.title or "")
    if raw.format in SUBMITTED_FIELDS:  # a sender's CMS may wrap the title in '<b>'
        given = field_from_markup(given)
    given = take_title_embargo(clean_inline(given), zone, now, found)
    found.warnings.extend(correction_note(given))
    title, blocks = take_title(blocks, given, found, body_first=raw.format == "email")
    blocks, meta_date = take_head_meta(blocks)
    found.date_text = _more_exact(found.date_text or dateline_text(blocks), meta_date, zone, now)
    # a dateline under page furniture, below the first blocks: 'SPRINGFIELD, Ill. (Nov. 14,
    # 2026, 10:30 a.m. CST) — …' under a 'Posted on: November 14, 2026' that has no time
    lead_date = dateline_text(lead_paragraph(blocks))
    found.date_text = _more_exact(found.date_text, lead_date, zone, now)
    blocks, copied = without_second_copy(title, blocks)
    found.warnings.extend(copied + several_releases(title, blocks))
    dated = _more_exact(found.date_text, stamp, zone, now)  # a wire's stamp may hold the time
    found.date_text = _more_exact(dated, date_beside_headline(raw), zone, now)
    title = plain_field(title)  # feeds carry it as text that many readers render as HTML
    blocks, offered = take_download_lines(blocks)
    blocks = classify(blocks)
    body_html, text, body_links = render(blocks)
    links = merge_links(body_links, (given := (*offered, *raw.links)), raw.base_url)
    found.warnings.extend(counted_link_notes(links) + internal_link_notes(given, raw.base_url))
    embargo = dates.localize(raw.embargo_until, zone) if raw.embargo_until else found.embargo
    if embargo is not None and (problem := dates.plausibility_problem(embargo, now, "embargo")):
        found.problems.append(Problem(field="embargo_until", message=problem))
        embargo = None  # the release is invalid: held, and no page breaks on year 9999
    note_past_embargo(embargo, now, found)
    published = published_at(raw, zone, now, found, embargo=embargo)
    return Release(
        id=release_id(raw.source, raw.identity),
        source=raw.source,
        identity=raw.identity,
        title=title,
        slug=make_slug(title, raw.identity),
        teaser=plain_field(make_teaser(teaser_source(_given_teaser(raw, text, found), blocks))),
        body_html=body_html,
        text=text,
        language=_release_language(source.language, raw.language, f"{title}\n{text}", found),
        published_at=published,
        published_date_only=found.date_only and published is not None,
        embargo_until=embargo,
        contact=clean_contact(raw.contact) if raw.contact else found.contact,
        categories=_categories(raw.categories),
        links=links,
        media=clean_media(
            captioned_by_name(
                captioned(described(raw.media) if media is None else media, captions),
                named_captions,
            )
        ),
        provenance=raw.provenance,
        content_hash=raw.content_hash,
        errors=tuple(
            Problem(field=plain_message(p.field), message=plain_message(p.message))
            for p in validate(raw, title, text, found)
        ),
        warnings=tuple(plain_message(warning) for warning in found.warnings),
    )


# Direction overrides a sender put in a file name or a key ('Programm\u202efdp.exe.pdf' shows
# as 'Programmexe.pdf'): a message that quotes it must read as the name really is.
DIRECTION_CONTROLS_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain_message(message: str) -> str:
    return DIRECTION_CONTROLS_RE.sub("", message)


def _categories(given: tuple[str, ...]) -> tuple[str, ...]:
    """Each category once, as plain text; one that was only markup ('<script>x</script>') is
    none: an empty <category> makes a feed invalid."""
    cleaned = (plain_field(clean_inline(category)) for category in given)
    return tuple(dict.fromkeys(category for category in cleaned if category))


def _release_language(
    configured: str | None, declared: str | None, text: str, found: Findings
) -> str:
    """The source's language, unless the input declares another that its text bears out (an
    Arabic version of a German city's release, tagged 'ar'); without either, the text's."""
    if configured and declared:
        primary = declared.split("-")[0].lower()
        if primary != configured.split("-")[0].lower() and detect_language(text) == primary:
            return declared
    return configured or _language(declared, text, found)


def _language(declared: str | None, text: str, found: Findings) -> str:
    """The input's own language tag, unless its text leaves no doubt that it is another of
    German and English: a CMS's default 'en-US' on a German page, a mail client's
    Content-Language on a forwarded release."""
    if not declared:
        return detect_language(text)
    primary = declared.split("-")[0].lower()
    read = clear_german_or_english(text[:LANGUAGE_SAMPLE]) if primary in ("de", "en") else None
    if read and read != primary:
        found.warnings.append(
            f"the input says its language is {declared!r}, but its text is "
            f"{'German' if read == 'de' else 'English'}: '{read}' is used"
        )
        return read
    return declared


LANGUAGE_SAMPLE = 1500


def _given_teaser(raw: RawRelease, text: str, found: Findings) -> str | None:
    """The input's own teaser. An old portal disclaimer is none (an upload's meta description is
    often the disclaimer its page opened with), nor a description of the whole site that shares
    no words with the release ('Offizielles Stadtportal: Bürgerservice, Kultur …'). A page's
    meta description that is no sentence ('Pressemitteilung des Ministeriums für …') describes
    the site, not the release: the lead is better. So is it than a description cut off with
    '...' (a CMS's first 150 characters of the lead)."""
    teaser = clean_inline(field_from_markup(repair_text(raw.teaser))) if raw.teaser else None
    if teaser and EXCERPT_CUT_RE.search(teaser):  # WordPress cuts its excerpt with ' […]'
        teaser = EXCERPT_CUT_RE.sub("", teaser)
        teaser = teaser if teaser[-1:] in '.!?"“”»«)' else f"{teaser}…"
    if not teaser:
        return None
    if is_disclaimer(teaser):
        found.warnings.append("an old portal disclaimer given as the teaser was not taken")
        return None
    if raw.format == "html" and (
        teaser[-1] not in '.!?…"“”»«)'
        or teaser.endswith(("...", "…"))
        or not _shares_words(teaser, f"{raw.title or ''} {text}")
    ):
        return None
    return teaser


EXCERPT_CUT_RE = re.compile(r"\s*\[(?:…|\.{3}|&hellip;)\]\s*$")


def _shares_words(teaser: str, release: str) -> bool:
    """A fifth of the teaser's longer words are in the release: it speaks of the same thing."""
    words = {word for word in re.findall(r"\w{5,}", teaser.casefold())}
    if len(words) < TEASER_SAMPLE_WORDS:
        return True
    present = set(re.findall(r"\w{5,}", release.casefold()))
    return len(words & present) >= len(words) * SHARED_SHARE


TEASER_SAMPLE_WORDS, SHARED_SHARE = 4, 0.2


def _lines(texts: tuple[str, ...]) -> list[Line]:
    """Short texts a reader found around the body, repaired like the body's own lines."""
    return [Line([(clean_inline(repair_text(text)), None)], 0) for text in texts]


def _more_exact(first: str | None, second: str | None, zone, now) -> str | None:
    """`first`, unless `second` gives the same day with its time ('25. November 2026' in the
    dateline, '25.11.2026 / 07:30 CET/CEST' beside the headline)."""
    if not first or not second:
        return first or second
    if states_only_an_update(first, dates.find_date) and not states_only_an_update(
        second, dates.find_date
    ):
        return second  # 'Update vom 26.11.2026, 10:15 Uhr' over 'Pressemitteilung vom 25.11.'
    one, other = dates.parse_moment(first, zone, now), dates.parse_moment(second, zone, now)
    if one and other and not one[1] and other[1] and one[0].date() == other[0].date():
        return second
    return first


# Block and inline tags that only markup has: two of them make a text HTML.
MARKUP_RE = re.compile(r"</?(?:p|br|div|b|strong|em|i|a\s[^>]*href|ul|ol|li|h[1-6])\s*/?>", re.I)
# --- Validation --------------------------------------------------------------------------------


def validate(raw: RawRelease, title: str, text: str, found: Findings) -> list[Problem]:
    problems = found.problems
    had_input = raw.body_html is not None or raw.body_text is not None
    if had_input or not raw.problems:
        if not title:
            problems.append(Problem(field="title", message="no headline found"))
        elif too_long := headline_length_problem(title):
            problems.append(too_long)
        if not text.strip():
            problems.append(Problem(field="body", message="no article text found"))
        elif len(text) < 80:
            found.warnings.append("the body is very short")
        elif len(text) > LONG_BODY:
            found.warnings.append(
                f"the body is {len(text):,} characters long, far more than a release: check "
                "that the input holds one release and nothing else"
            )
    return problems


def clean_contact(contact: str) -> str | None:
    """A contact the input gave as lines of text; markup in it ('<b onclick=…>') is no text."""
    lines = [plain_field(clean_inline(line)) for line in repair_text(contact).split("\n")]
    return "\n".join(line for line in lines if line) or None
