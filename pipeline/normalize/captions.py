"""Captions, credits and alt texts of a release's media, as plain text a portal can print.

A credit is kept as the name alone ("Stadt Leipzig"): the label ("Foto:", "©") belongs to the
output and its language. A caption that ends in a credit ("… Foto: dpa", "… © Max Muster")
gives it up when no credit came separately.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from pipeline.models import Media, MediaInput
from pipeline.normalize.body import INVISIBLE_RE, Line, repair_text
from pipeline.normalize.sanitize import plain_field

# Pictures that are drawn or computed are credited like photos: 'Grafik: Planungsbüro Lenz'.
DRAWN = (
    r"Grafik(?:en)?|Graphics?|Visualisierung(?:en)?|Visuali[sz]ations?|Illustration(?:en|s)?"
    r"|Abbildung(?:en)?|Abb\.|Renderings?"
)
LABEL = (
    r"(?:Fotos?|Bild(?:er)?|Bildquelle|Bildrechte|Bildnachweis|Quelle|Photos?|Pictures?|Images?|"
    r"Credits?|Copyright|(?:Foto|Bild|Photo)\s?-?[Cc]redits?|"
    r"Fotograf(?:in)?|Photographer|Source|Foto\s*&\s*Copyright|"
    rf"{DRAWN})"
)
CREDIT_TAIL_RE = re.compile(
    rf"(?:^|(?<=[\s.;,:|–—(\[]))(?:{LABEL}\s*:\s*(?:©\s*)?|{LABEL}\s+©\s*|©\s*|\(c\)\s*"
    r"|\(?PRNewsfoto/)"
    r"(?P<who>[^\n]{2,160}?)"
    r"[\s)\]]*$",
    re.I,
)
CREDIT_LABEL_RE = re.compile(rf"^\s*(?:{LABEL}\s*:\s*|©\s*|\(c\)\s*|{LABEL}\s+©\s*)+", re.I)
LIMITS = {"caption": 1000, "credit": 200, "alt": 500, "license": 300}


# 'Image courtesy of the Hydrology Lab', 'Photo by Jane Roe/University': a credit in words,
# opening the caption or a sentence of it (a photo 'by the fountain' inside a sentence is none)
COURTESY_RE = re.compile(
    r"(?:^|(?<=[.;:|–—(\[])\s*)(?:(?:photos?|images?|pictures?|video)\s+(?:courtesy(?:\s+of)?|by)"
    r"|courtesy(?:\s+of)?)\s+(?P<who>[^\n]{2,160}?)[\s.)\]]*$",
    re.I,
)
# the same words opening a credit given apart: 'Photo by Jane Roe/University' is 'Jane Roe/…'
COURTESY_LABEL_RE = re.compile(
    r"^\s*(?:(?:photos?|images?|pictures?|video)\s+(?:courtesy(?:\s+of)?|by)|courtesy(?:\s+of)?)"
    r"\s+(?=\S)",
    re.I,
)
# an agency's credit in brackets closing the caption, its label part of the name: '(AP
# Photo/Jane Roe)', '(Reuters Photo/…)'
AGENCY_PHOTO_RE = re.compile(
    r"(?:^|(?<=\s))\((?P<who>(?-i:[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3})\s(?:photo|foto|image)s?"
    r"\s?/\s?[^()\n]{2,120})\)[\s.]*$",
    re.I,
)
# a second label inside a credit: 'Bäckerei Kornblume GmbH Fotograf: Lisa Brandt'
INNER_LABEL_RE = re.compile(rf"\s+{LABEL}\s*:\s*", re.I)


def split_credit(caption: str) -> tuple[str, str]:
    """(caption, credit) from a caption that ends in a credit line; else (caption, "")."""
    match = (
        AGENCY_PHOTO_RE.search(caption)
        or CREDIT_TAIL_RE.search(caption)
        or COURTESY_RE.search(caption)
    )
    if not match:
        return caption, ""
    rest = caption[: match.start()].rstrip(" |–—-([").strip()
    return rest, match.group("who").strip()


def credit_name(credit: str) -> str:
    """ "Foto: Stadt Leipzig", "© dpa", "(c) 2026 Muster" → the name, without its label; two
    labelled names ('Bildrechte: Firma GmbH Fotograf: Lisa Brandt') as 'Firma GmbH / Lisa
    Brandt'."""
    name = COURTESY_LABEL_RE.sub("", CREDIT_LABEL_RE.sub("", credit), count=1)
    return INNER_LABEL_RE.sub(" / ", name).strip(" ()[]")


def clean_media(media: tuple[Media, ...]) -> tuple[Media, ...]:
    return tuple(_clean(item) for item in media)


# A wire's note on using the picture, appended to its caption (news aktuell):
# 'Weiterer Text über ots und www.presseportal.de/nr/178812 / Die Verwendung dieses Bildes …'
USAGE_NOTE_RE = re.compile(
    r"\s*(?:/\s*)?(?:weiterer text über ots und \S+|die verwendung dieses bildes\b.*$)",
    re.I,
)


# A licence written into the caption: 'Lizenz: Creative Commons Namensnennung 4.0 ·',
# Mynewsdesk's 'Download License: Use for journalistic and editorial purposes'
LICENSE_RE = re.compile(
    r"(?:^|(?<=[\s.;,·|–—(]))\s*(?:download\s+)?(?:lizenz|license|licence|nutzungsrechte?)\s*:\s*"
    r"(?P<license>[^·|\n]{2,200}?)\s*(?:[·|]\s*|$)",
    re.I,
)


def split_license(caption: str) -> tuple[str, str]:
    """(caption, licence) from a caption that states the picture's licence; else (caption, "")."""
    match = LICENSE_RE.search(caption)
    if not match:
        return caption, ""
    rest = f"{caption[: match.start()]} {caption[match.end() :]}"
    return " ".join(rest.split()).strip(" ·|"), match.group("license").strip(" .")


def _clean(item: Media) -> Media:
    text = {name: _plain(getattr(item, name)) for name in LIMITS}
    note = USAGE_NOTE_RE.search(text["caption"])
    if note is not None and not text["credit"]:
        # news aktuell names the rights holder inside its usage note, which goes
        text["credit"] = split_credit(text["caption"][note.start() :])[1]
    text["caption"] = USAGE_NOTE_RE.sub("", text["caption"]).strip(" /")
    # the sender's label ('Bildunterschrift:', 'Caption:') is no part of what the photo shows
    text["caption"] = CAPTION_LABEL_RE.sub("", text["caption"], count=1)
    if not text["license"]:
        text["caption"], text["license"] = split_license(text["caption"])
    labelled = text["credit"]
    if not labelled:
        whole = text["caption"]
        text["caption"], text["credit"] = split_credit(whole)
        labelled = whole[len(text["caption"]) :].lstrip(" |–—-([") if text["credit"] else ""
    text["credit"] = credit_name(text["credit"])
    text = {name: value[: LIMITS[name]] for name, value in text.items()}
    label = drawn_label(labelled) if text["credit"] else ""
    name = PurePosixPath(item.filename.replace("\\", "/")).name
    filename = _plain(name)[:200] or "attachment"
    update = {**text, "filename": filename}
    if not text["credit"] or CREDIT_LABEL_RE.match(labelled):
        update["credit_label"] = label  # a credit given without a label keeps the one it had
    return item.model_copy(update=update)


DRAWN_LABEL_RE = re.compile(rf"^\s*(?P<label>{DRAWN})\s*:", re.I)


def drawn_label(credit: str) -> str:
    """The label of a credit that says its picture is drawn or computed ('Illustration:
    Westcoast Yard' → 'Illustration'), as the sender wrote it; '' for any other."""
    match = DRAWN_LABEL_RE.match(credit)
    if match is None:
        return ""
    label = match.group("label")
    return label[:1].upper() + label[1:] if label.islower() else label


def described(inputs: tuple[MediaInput, ...]) -> tuple[Media, ...]:
    """The media an input names, nothing fetched or kept (what `melder extract` shows)."""
    return tuple(
        Media(
            filename=item.filename or _name_of(item.url) or f"image-{number}",
            content_type=item.declared_type,
            # what the input declares; ingest decides from the bytes
            kind="image"
            if item.declared_type.startswith("image/") or not item.declared_type
            else "document",
            size=len(item.data or b""),
            url=None if (item.url or "").lower().startswith("data:") else item.url,
            caption=item.caption,
            credit=item.credit,
            alt=item.alt,
            license=item.license,
        )
        for number, item in enumerate(inputs, start=1)
    )


def _name_of(url: str | None) -> str:
    if not url or url.lower().startswith(("data:", "cid:")):
        return ""
    return PurePosixPath(url.split("?", 1)[0].split("#", 1)[0]).name


def _plain(value: str) -> str:
    """A field as plain text without invisible and direction-override characters: a caption or
    a file name must not read backwards ('Foto_‮gpj.exe')."""
    return plain_field(INVISIBLE_RE.sub("", repair_text(value))).strip() if value else ""


# The label a sender writes before a caption ('Bildunterschrift:', 'BU:', 'Bildtext:', 'Photo
# caption:', 'Caption:', 'Pictured:'), also pointing at the photo it describes ('Bildunterschrift
# zum Foto im Anhang:', 'Photo attached:', 'Foto anbei:'): it describes a photo, not the news.
_PICTURE = r"(?:photo|picture|image|foto|bild)s?"
_ATTACHED = r"(?:attached|enclosed|below|anbei|beigefügt|im\s+anhang|unten)"
# a character of a phrase: a full stop only after a number or an abbreviation ('Bild Nr. 2',
# 'Abb. 3', 'von Dr. Roe') or inside a word ('foto.jpg'), else it ends a sentence
_PHRASE_CHAR = r"(?:[^:.!?\n]|(?<=\b\w)\.|(?<=\b\w\w)\.|(?<=\b\w\w\w)\.|(?<=\d)\.|[.!?](?=\S))"
CAPTION_LABEL = (
    rf"(?:{_PICTURE}\s*-?\s*(?:caption|unterschrift|text|beschreibung)|captions?|bu"
    rf"|bildunterschrift|bildtext|{_PICTURE}\s+{_ATTACHED}"
    r"|pictured(?:\s+\(?(?:from\s+)?l(?:eft)?\.?\s*(?:to|-)\s*r(?:ight)?\.?\)?)?)"
    # what it captions: 'zum Foto im Anhang', 'for the attached photo', 'zu Bild 2'; a phrase,
    # never a sentence: in 'Bildunterschrift zum Spielplatz am Rosenweg. Foto: Stadt Lindenau'
    # the colon is the credit's and the caption keeps its first words
    rf"(?:\s+(?:zu[mr]?|for|to|of)\s+{_PHRASE_CHAR}{{1,40}}?)?"
)
CAPTION_LINE_RE = re.compile(rf"^\W*{CAPTION_LABEL}\s*:\s*(?P<caption>.+)$", re.I)
CAPTION_LABEL_RE = re.compile(rf"^\W*{CAPTION_LABEL}\s*:\s*", re.I)

# Beside one attached photo that nothing describes, a line opened by a picture's or a credit's
# label is its caption or its credit: 'Photo: Jane Roe in the new lab.', 'Photo credit: City
# of Aubach', 'Foto: Stadt Lindenau'.
PICTURE_LINE_RE = re.compile(rf"^\W*(?:{_PICTURE}|{DRAWN})\s*:\s*(?P<rest>\S.{{1,600}})$", re.I)
CREDIT_LINE_RE = re.compile(
    r"^\W*(?:(?:foto|bild|photo|image)\s*-?\s*credits?|credits?|bildnachweis|bildrechte"
    r"|bildquelle|image\s+source)\s*:\s*(?P<rest>\S[^\n]{1,120})$",
    re.I,
)
# words a name holds in lower case ('Amt für Stadtgrün', 'Office of the Mayor'): a credit
NAME_PARTICLES = frozenset(
    "von van der den de du la le und and of the für zu di da y e et & / -".split()
)


def _describes(text: str) -> bool:
    """A picture's description ('Jane Roe in the new lab'), not a rights holder's name."""
    lower = [word for word in text.split() if word[:1].islower()]
    return len(lower) - sum(word in NAME_PARTICLES for word in lower) >= 2


def drop_caption_lines(
    lines: list[Line],
    warnings: list[str],
    captions: list[str] | None = None,
    *,
    bare_photo: bool = False,
) -> list[Line]:
    """The lines without the captions written into them; each one left out is named, and
    collected in `captions`. With `bare_photo` (the input brought one photo without a caption:
    a newsletter's picture with its caption in the table cell under it, a mail's attachment),
    a short line that ends in the photographer's credit ('Karl Vogt als Prospero. Foto: Jörg
    Landsberg') or that a picture's or credit's label opens ('Photo: …', 'Photo credit: …') is
    one too; a credit on a line of its own joins the caption."""
    kept = []
    found: list[str] = []
    credit_lines: list[str] = []
    # the credited line is a caption only beside the text, never the text itself
    beside_photo = bare_photo and sum(_is_prose(line) for line in lines) >= 2
    caption_open = beside_photo  # one photo, one caption
    for line in lines:
        text = line.text.strip()
        match = CAPTION_LINE_RE.match(text)
        if match is None and beside_photo and line.kind == "p" and len(text) <= 300:
            picture = PICTURE_LINE_RE.match(text)
            credit = CREDIT_LINE_RE.match(text) or picture
            if (
                not credit_lines
                and credit
                and not _describes(split_credit(credit.group("rest"))[0])
            ):
                credit_lines.append(text)  # 'Photo credit: City of Aubach', 'Foto: Stadt Aubach'
                warnings.append(f"a photo credit in the text was left out of the body: {text!r}")
                continue
            if caption_open:
                match = picture or PHOTO_CREDIT_LINE_RE.match(text)
                caption_open = match is None
        if match and len(text) <= 600:
            caption = (match.groupdict().get("caption") or match.group("rest")).strip()
            warnings.append(f"a photo caption in the text was left out of the body: {caption!r}")
            found.append(caption)
        else:
            kept.append(line)
    if credit_lines and len(found) <= 1:
        # the credit line names the rights holder of the one photo, beside its caption
        found = [" ".join([*found, *credit_lines])]
    if captions is not None:
        captions.extend(found)
    return kept


# a short line that ends in a photographer's credit: at most two sentences before it
PHOTO_CREDIT_LINE_RE = re.compile(
    r"^(?P<caption>[^.!?\n]{2,200}[.!?]?(?:\s[^.!?\n]{2,200}[.!?])?\s*"
    r"\(?(?:Fotos?|Foto\s*&\s*Copyright|Bild|Photo|Photos|Image|(?:Foto|Bild|Photo|Image)\s?-?"
    rf"credits?|{DRAWN})\s*:\s*[^\n]{{2,80}}?\)?)\s*$",
    re.I,
)


def _is_prose(line: Line) -> bool:
    return line.kind == "p" and len(line.text.split()) >= PROSE_WORDS


PROSE_WORDS = 8


def one_bare_photo(media: tuple) -> bool:
    """The input brings one image, and nothing describes it."""
    images = [item for item in media if _is_image(item)]
    return len(images) == 1 and not images[0].caption


def _is_image(item) -> bool:
    declared = getattr(item, "declared_type", "") or getattr(item, "content_type", "")
    kind = getattr(item, "kind", "")
    return kind == "image" or declared.startswith("image/")


def captioned(media: tuple[Media, ...], captions: list[str]) -> tuple[Media, ...]:
    """A caption written into the text ('Bildunterschrift: … Foto: …') is the photo's when the
    input brought one photo without a caption of its own (a mail's attached picture)."""
    images = [index for index, item in enumerate(media) if item.kind == "image"]
    if len(images) != 1 or len(captions) != 1 or media[images[0]].caption:
        return media
    photo = media[images[0]].model_copy(update={"caption": captions[0]})
    return media[: images[0]] + (photo,) + media[images[0] + 1 :]


# A caption list by file name, as press offices write them under a mail's text:
# 'Fotos:' and then 'radstation_1.jpg: Die neue Radstation … Foto: Stadt Lindenau'.
NAMED_CAPTION_RE = re.compile(
    r"^\W*(?P<name>[^\s:/\\]+(?: [^\s:/\\]+)*?\.(?:jpe?g|png|gif|webp|tiff?|heic|avif))\s*"
    r"(?:[:–—=]|\s-)\s*(?P<caption>\S.{1,600})$",
    re.I,
)
CAPTION_LIST_LABEL_RE = re.compile(
    r"^\W*(?:fotos?|bilder|photos?|pictures?|images?|pressefotos?|bildmaterial|bildunterschriften"
    r"|(?:photo |image )?captions?|fotohinweise?|bildhinweise?)(?:\s*\(.{0,40}\))?\s*:?\s*$",
    re.I,
)


def take_named_captions(lines: list[Line], names: set[str]) -> tuple[list[Line], dict[str, str]]:
    """The lines without those that caption an attached file by its name, and each such
    caption by the file's name (lower-cased); a 'Fotos:' line over them goes with them."""
    if not names:
        return lines, {}
    named: dict[str, str] = {}
    taken: set[int] = set()
    for index, line in enumerate(lines):
        match = NAMED_CAPTION_RE.match(line.text.strip())
        if match and (name := match.group("name").casefold()) in names and name not in named:
            named[name] = match.group("caption").strip()
            taken.add(index)
    for index in sorted(taken):
        above = index - 1
        while above >= 0 and not lines[above].text.strip():
            above -= 1
        if above >= 0 and CAPTION_LIST_LABEL_RE.match(lines[above].text):
            taken.add(above)
    return [line for index, line in enumerate(lines) if index not in taken], named


def file_names(media: tuple) -> set[str]:
    """The names of an input's files, lower-cased, as a caption list names them."""
    return {
        PurePosixPath(item.filename.replace("\\", "/")).name.casefold()
        for item in media
        if getattr(item, "filename", "")
    }


def captioned_by_name(media: tuple[Media, ...], named: dict[str, str]) -> tuple[Media, ...]:
    """Each file the text captions by its name gets that caption (its credit is split off
    later), unless it came with a caption of its own."""
    if not named:
        return media
    return tuple(
        item.model_copy(update={"caption": caption})
        if not item.caption
        and (caption := named.get(PurePosixPath(item.filename.replace("\\", "/")).name.casefold()))
        else item
        for item in media
    )
