"""The furniture table: what distributors and press offices add around a release, line by line.

Distributor by distributor. A `LINES` pattern drops one whole line wherever it stands ("View
original content: …", "Original-Content von: …, übermittelt durch news aktuell"). A `FOOTERS`
pattern starts a mailing list's footer: that line and everything after it go ("Sie erhalten
diese Nachricht, weil …" is followed by the unsubscribe link and the list's imprint, never by
the release). Patterns match the whole line, case-insensitively; `furniture` applies them.
Longer than other modules: it is the one table every distributor's lines go to.
"""

from __future__ import annotations

# A mail's salutation: 'Sehr geehrte Damen und Herren,', 'Hi,', 'Dear editors,'
SALUTATION = (
    r"(?:sehr geehrte[rs]?|liebe[rs]?|hallo|guten (?:tag|morgen)|dear|hello|hi)\b[^.!?]{0,80},"
)
# A mail's closing greeting, also in two languages on one line ('Mit freundlichen Grüßen / Kind
# regards'): what follows it is the sender's signature.
_ONE_CLOSING = (
    r"(?:(?:mit )?(?:freundliche[n]?|beste[n]?|herzliche[n]?|viele|liebe|sonnige) "
    r"gr(?:ü|ue)(?:ß|ss)(?:e|en)?(?: aus (?:\w+ ){0,3}\w+)?"
    r"|(?:kind|best|warm|many)(?:est)? (?:regards|wishes)|regards|(?:yours )?sincerely(?: yours)?)"
)
CLOSING_GREETING = rf"{_ONE_CLOSING}(?:\W{{0,3}}[/|–—]\W{{0,3}}{_ONE_CLOSING})?\W{{0,3}}"
# a mailing tool's link to the mail as a web page, and a written-out address after it
_BROWSER_LINK = (
    r"(?:(?:(?:diese )?e-?mail |newsletter )?(?:im|in (?:ihrem|einem)) (?:web-?)?browser (?:ansehen"
    r"|anzeigen|öffnen|lesen)|(?:view|read|open) (?:this (?:e-?mail|message|newsletter) |it )?"
    r"(?:in (?:your |a |the )?(?:web )?browser|online)(?: version)?"
    r"|(?:zur |die )?(?:online-?|web-?)version(?: (?:ansehen|anzeigen|öffnen|lesen))?)"
)
_ADDRESS = r"[<(]?https?://\S+?[>)]?"
# 'Newsletter nicht lesbar?', 'Darstellungsprobleme?', 'Trouble viewing this email?'
_DISPLAY_QUESTION = (
    r"[^.!?|]{0,40}\b(?:nicht (?:lesbar|richtig|korrekt)\b[^.!?|]{0,30}|darstellungsprobleme"
    r"|probleme (?:mit|bei) der (?:darstellung|anzeige)[^.!?|]{0,30}|(?:trouble|problems) viewing"
    r"[^.!?|]{0,30}|not displaying[^.!?|]{0,30})\?"
)
# a mailing tool's row of links to the subscriber's settings ('unsubscribe from this list update
# subscription preferences', 'Abmelden | Profil bearbeiten'); never a row of 'Impressum Datenschutz'
_SUBSCRIBER_LINK = (
    r"(?:unsubscribe(?: from (?:this|our|the) (?:list|newsletter|mailing list))?|opt[- ]out"
    r"|(?:update|manage|change|edit) (?:your )?(?:subscription |e-?mail |newsletter )?"
    r"(?:preferences|settings|profile|subscriptions?)"
    r"|(?:vom newsletter |von (?:dieser|der) liste |newsletter |hier )?(?:abmelden|abbestellen"
    r"|austragen)|(?:ihr(?:e|en)? )?(?:profil|einstellungen|daten|abonnement|abo|präferenzen"
    r"|newsletter-?einstellungen|e-?mail-?einstellungen) (?:ändern|bearbeiten|aktualisieren"
    r"|verwalten|anpassen)|forward to a friend|an (?:einen )?freund weiterleiten|impressum"
    r"|datenschutz(?:erklärung)?|privacy policy|imprint|view (?:it )?in (?:your )?browser"
    r"|im browser (?:ansehen|öffnen))"
)
_SUBSCRIBER_ROW = (
    r"(?=.*(?:unsubscribe|opt[- ]out|abmelden|abbestellen|austragen|preferences|profil|einstellung"
    rf"|subscription|abonnement))(?:{_SUBSCRIBER_LINK}\s*[|·•,/]?\s*){{2,6}}\.?"
)
_NETWORK = r"(?:x|twitter|facebook|instagram|linkedin|youtube|mastodon|bluesky|threads|xing|tiktok)"

# 'Seite 1 von 2', 'Page 1 of 3', and a row of page numbers: 'Seite 1 2 3'
_PAGE_COUNT = r"(?:seite|page)\s+\d{1,3}(?:\s*(?:von|of|/|aus)\s*\d{1,3}|(?:\s+\d{1,3}){1,9})"
# a pager's link: 'Weiter zu Seite 2: Bildung und Verkehr »', 'Next page »', '« Zurück'
_PAGER_STEP = (
    r"[«‹<]?\s*(?:weiter|zurück|nächste seite|vorherige seite|next(?: page)?|previous(?: page)?"
    r"|prev|older|newer)(?:\s+(?:zu|to)\s+(?:seite|page)\s+\d{1,3}(?::\s*[^«»‹›<>.!?]{1,100})?)?"
    r"\s*[»›>]?"
)

LINES: dict[str, tuple[str, ...]] = {
    "news aktuell (ots)": (
        r"original[- ]content (?:von|from|of)\b.{1,200}\b(?:übermittelt durch|transmitted by)"
        r" news aktuell.*",
        r"(?:weitere (?:informationen|storys?|meldungen)|newsroom|more (?:stories|information))"
        r"(?: von| from| unter)?:? .{0,120}presseportal\.(?:de|ch|at).*",
        r"ots[.:]? ?(?:originaltext|original text):? ?.{0,80}",
        r"(?:originalmeldung|weiteres material|pressemappe|bildmaterial|pressefotos?)"
        r"(?: von| unter| zum download)?:? https?://\S*presseportal\.(?:de|ch|at)\S*",
        r"ots:\s*[^/\n]{2,80}",  # the sender line of an ots mail: 'OTS: Deutsche Bahn AG'
    ),
    "PR Newswire": (
        r"(?:cision )?(?:view original content|originalinhalt anzeigen|original-inhalt anzeigen)"
        r".{0,40}:? ?https?://\S+",
        r"to view the original version on pr newswire,? visit:? ?https?://\S+",
        r"news provided by(?: .{1,120})?",
        r"(?-i:SOURCE|QUELLE) [A-Z0-9][^\n]{1,150}",
        r"(?:foto|photo|logo|video|multimedia|bild) ?[-–:] ?https?://\S*prnewswire\S*",
        r"want your company'?s news featured on prnewswire\.com\?.{0,40}|get started",
    ),
    "Business Wire": (
        r"view source version on businesswire\.com:? ?https?://\S+",
        r"originalversion auf businesswire\.com ansehen:? ?https?://\S+",
        r"die ausgangssprache, in der der originaltext veröffentlicht wird, ist die offizielle"
        r" und autorisierte version.{0,700}",
    ),
    "Marketwired": (
        r"to view the (?:photo|image|video|multimedia).{0,80}(?:visit|click).{0,40}https?://\S+",
    ),
    "GlobeNewswire": (
        r"this (?:press |news )?release was (?:published|distributed) (?:by|via) .{1,120}"
        r"globe ?newswire.*",
        r"(?:attachment|photos? accompanying this announcement are available at)s?:? "
        r"https?://\S*globenewswire\S*",
        # its header line: 'November 25, 2026 11:05 ET | Source: Helix Logistics Inc.'
        r"[^|]{6,40}\d[^|]{0,20}\|\s*source:\s*[^|]{2,80}",
    ),
    "ACCESSWIRE": (
        r"view the original press release on access ?(?:news)?wire(?:\.com)?.*",
        r"(?-i:SOURCE): [A-Z0-9][^\n]{1,150}",
    ),
    "Newsfile": (
        r"to view the source version of this (?:press |news )?release,? (?:please )?visit:?"
        r"(?: ?https?://\S+)?",
    ),
    "Medianet": (r"distributed by medianet\b.{0,200}",),
    # the notice a Nordic wire (Cision, Modular Finance) puts under an inside information:
    # 'This information is information that X is obliged to make public pursuant to the EU
    # Market Abuse Regulation. The information was submitted for publication … at 07:30 CET …'
    "Cision": (
        r"(?:this|the) information (?:is|was) (?:such )?information (?:that|which|as) .{2,150}?"
        r" (?:is|was|are|were) (?:obliged|required) to (?:make public|disclose|publish)"
        r" (?:pursuant to|under|in accordance with) the eu market abuse regulation\b.{0,500}",
        r".{2,150}? (?:is|are) (?:obliged|required) to (?:make public|disclose|publish) this"
        r" information (?:pursuant to|under|in accordance with) the eu market abuse regulation"
        r"\b.{0,500}",
        r"diese (?:information|mitteilung) (?:ist|enthält) (?:eine )?(?:insider)?informationen?,"
        r" (?:die|zu deren veröffentlichung) .{2,150}? (?:nach|gemäß) der eu-"
        r"marktmissbrauchsverordnung\b.{0,500}",
    ),
    # a press portal's note that it carried the release ('Diese Pressemeldung wurde auf openPR
    # veröffentlicht.'); its responsibility notice beside it is a disclaimer (`disclaimers`)
    "press portals": (
        r"(?:diese|die) (?:presse)?(?:mitteilung|meldung|information) wurde (?:auf|über|bei|via)"
        r" [^\W\d][\w.-]*(?: [^\W\d][\w.-]*)? (?:veröffentlicht|publiziert|verbreitet)\.?",
        r"this (?:press |news )?release was (?:(?:published|posted) (?:on|via|through)"
        r"|distributed (?:by|via|through)) [^\W\d][\w.-]*(?: [^\W\d][\w.-]*)?\.?",
    ),
    "EIN Presswire": (
        r"legal disclaimer:?(?: ein presswire provides this news content.*)?",
        r"distribution channels: .{1,300}",
        r"visit us on social media:?",
    ),
    "EQS": (
        r"(?:eqs|dgap)[- ](?:news|pvr|adhoc|dd|ir|wpÜg|cms)\b.{0,200}",
        # the header: 'EQS-Ad-hoc: Firma AG / Schlagwort(e): …', 'EQS-News: … / Key word(s): …'
        r"(?:eqs|dgap)-[\w-]{2,30}: .{1,250}",
        r".{0,250}\b(?:übermittelt durch|transmitted by) (?:eqs|dgap) news\b.{0,120}",
        # the whole header run into one line (a page that lost its line breaks)
        r"(?:eqs|dgap)-[\w-]{2,30}: .{1,300}?(?:the issuer is solely responsible for the content"
        r" of this announcement|für den inhalt der mitteilung ist der emittent ?/ ?herausgeber "
        r"verantwortlich)\.?",
        r"ende der (?:mitteilung|ad-hoc-mitteilung|insiderinformation)\b.{0,120}",
        r"end of (?:news|announcement|inside information)\b.{0,120}",
        r"(?:eqs|dgap) news ?-? ein service der .{1,60}",
        r"für den inhalt der mitteilung ist der emittent ?/ ?herausgeber verantwortlich\.?",
        r"the issuer is solely responsible for the content of this announcement\.?",
        r"(?:[\w./: -]{8,24}(?:cet|cest|cet/cest)? )?(?:die (?:eqs|dgap) distributionsservices "
        r"umfassen|the (?:eqs|dgap) distribution services include) .{1,300}",
        r"(?:eqs|dgap) news id:? ?\d+",
        r"archiv unter:? https?://\S*(?:eqs-news|dgap)\S*",
        r"(?:isin|wkn|börsen|indizes|stock exchanges?|listed|indices):? .{1,200}",
    ),
    "APA-OTS": (
        r"(?:\*{3} ?)?ots[- ]originaltext presseaussendung .{1,200}?(?: ?\*{3})?",
        r"\*{3} ?ohne gewähr für den inhalt der aussendung.{1,200}\*{3}",
        r"digitale pressemappe:? ?https?://\S+",
        r"ots\d{4}\b.{0,90}",  # 'OTS0045 2026-11-25/10:15', 'OTS0087 5 WI 0512 NEF0014 Mi, 25.Nov'
    ),
    "dpa": (
        r"(?:©|\(c\))? ?dpa-infocom.{0,80}",
        r"dpa:\d{6}-\d{2}-\d+/\d+",
        r"(?:©|\(c\))?\s*(?:\d{4}\s+)?dpa-afx(?: wirtschaftsnachrichten gmbh)?.{0,40}",
        r"-{2,}\s*dpa-afx\s*-{2,}|quelle:\s*dpa(?:-afx)?",
        # its trailer: '--- Von Jan Hauke, dpa-AFX ---', the times it went out and closed
        r"-{2,}\s*von [^,]{2,60}, dpa(?:-afx)?\s*-{2,}",
        r"veröffentlichungsdatum:\s*\d{1,2}\.\d{1,2}\.\d{4}\s*-\s*\d{1,2}:\d{2}",
        r"redaktionsschluss:\s*\d{1,2}\.\d{1,2}\.\d{4}(?:\s*-\s*\d{1,2}:\d{2})?",
        # dpa-AFX's stamps, which date a release: '25.11.2026 - 08:05 Uhr | dpa-AFX', 'AXC0089 …'
        r"\d{1,2}\.\d{1,2}\.\d{4}\s*-\s*\d{1,2}:\d{2}\s*uhr\s*\|\s*dpa-afx",
        r"[a-z]{3}\d{4} \d{4}-\d\d-\d\d/\d\d:\d\d",
    ),
    # what WordPress SEO plugins append to every post in a site's feed
    "WordPress feeds": (
        r"(?:the post|der beitrag|le post|l'articolo) .{1,300} (?:appeared first on|erschien "
        r"zuerst auf|est apparu en premier sur|sembra essere il primo su) .{1,120}",
    ),
    "newsletters": (
        r"(?:(?:diese )?e-?mail |newsletter )?(?:im|in (?:ihrem|einem)) (?:web-?)?browser "
        r"(?:ansehen|anzeigen|öffnen|lesen)",
        r"(?:wird (?:diese[rs]?|ihr) (?:e-?mail|nachricht|newsletter) nicht (?:richtig|korrekt) "
        r"(?:angezeigt|dargestellt)"
        r"[?,].{0,80}|(?:diese |ihr )?(?:e-?mail|nachricht|newsletter) wird (?:nicht|nicht richtig|"
        r"nicht korrekt) (?:angezeigt|dargestellt)\?.{0,80}"
        r"|(?:zur |die )?(?:online-?|web-?)version(?: (?:ansehen|anzeigen|öffnen))?)",
        r"(?:view|read|open) (?:this (?:e-?mail|message|newsletter) |it )?(?:in (?:your |a )?"
        r"(?:web )?browser|online)(?: version)?",
        r"newsletter (?:der|des|von|vom|from|of) [^.!?]{2,80}",
        # 'Online-Version | Weiterleiten', 'View as Webpage': a mailing tool's top bar
        r"(?:online-?|web-?)version(?: \| (?:weiterleiten|forward|teilen|share|abmelden))+"
        r"|view (?:as|in) (?:a )?web ?page(?: \(.{0,200}\))?|online (?:ansehen|anzeigen|lesen)",
        r"(?:having trouble viewing|can'?t see) this (?:e-?mail|message)\?.{0,80}",
        # a question about the display, with or without the browser link and its address:
        # 'Newsletter nicht lesbar? Im Browser öffnen: https://…', 'Darstellungsprobleme?'
        rf"{_DISPLAY_QUESTION}(?:\s*{_BROWSER_LINK}|\s*(?:dann |bitte )?(?:hier klicken|klicken"
        rf" sie (?:bitte )?hier|click here))?(?:\s*[:.]?\s*{_ADDRESS})?[.!]?",
        # the browser link with the address written out: 'Im Browser ansehen: https://…'
        rf"{_BROWSER_LINK}\s*:?\s*{_ADDRESS}",
        # a preheader and the browser link on one line: 'Work starts in spring | View this …',
        # or in one table cell: 'Ab Montag laden E-Autos am Marktplatz. Im Browser ansehen'
        # (a sentence of a release that mentions a browser ends with its full stop)
        r"[^|]{0,200}(?:\||\s)\s*(?:(?:view|read|open) (?:this (?:e-?mail|message|newsletter) )?"
        r"in (?:your |a |the )?(?:web )?browser|(?:im|in ihrem) (?:web-?)?browser (?:ansehen|öffnen"
        r"|anzeigen|lesen)|(?:view|read) this (?:e-?mail|message|newsletter) online"
        r"|(?:zur )?(?:online-?|web-?)version (?:ansehen|anzeigen|öffnen|lesen))",
    ),
    # what alert services (GOV.UK, GovDelivery) print around a page's update
    "e-mail alerts": (
        r"page summary:?",
        # a wire's alert over the release it sends: 'PR Newswire alert: news you subscribed to.
        # View online', 'Business Wire Alert: news matching your profile'
        rf"[^.!?|]{{0,60}}\balerts?\b[^.!?|:]{{0,20}}:\s*(?:news|releases?|stories|updates"
        rf"|results)\b[^.!?|]{{0,60}}\b(?:subscribed|signed up|your (?:profile|interests|keywords"
        rf"|watchlist|saved search(?:es)?))\b[^.!?|]{{0,30}}[.!]?(?:\s*\|?\s*{_BROWSER_LINK})?",
        r"you are subscribed to .{1,200}\. this information has (?:recently )?been updated,? and"
        r" is now available\.?",
    ),
    # what a press office notes for the editor under the text, not for readers
    "editor's notes": (
        r"(?:zeichen|anschläge|zeichenzahl|wörter|words|word count)(?: \(inkl\.? leerzeichen\))?"
        r" ?:? ?\d[\d.,]*(?: (?:zeichen|anschläge|wörter|words))?(?: \(inkl\.? leerzeichen\))?",
        r"(?:der )?(?:abdruck|nachdruck|veröffentlichung) (?:ist )?(?:honorarfrei|kostenfrei|frei)"
        r"[^.!?]{0,80}\.?|honorarfreier (?:abdruck|nachdruck)[^.!?]{0,80}\.?"
        r"|(?:um )?(?:ein )?beleg(?:exemplar)? (?:wird )?(?:erbeten|gebeten)\.?",
        # 'Hinweis an die Redaktionen: Das Foto steht Ihnen … honorarfrei zur Verfügung. …'
        r"(?:hinweis (?:an|für) die redaktion(?:en)?:?\s*)?(?:das|die|alle) (?:foto|fotos|bild"
        r"|bilder|bildmaterial|pressefotos?)\b[^.!?]{0,120}\b(?:honorarfrei\w*|kostenfrei\w*)"
        r"\b[^.!?]{0,120}[.!]?"
        r"(?: [^.!?]{0,120}(?:auf anfrage|gerne?|zur verfügung)[^.!?]{0,60}[.!])?",
        r"(?:note to editors:\s*)?(?:the |all )?(?:photos?|images?|pictures?)\b[^.!?]{0,80}\b"
        r"(?:may be used|are available|is available|can be used)\b[^.!?]{0,40}\b(?:free of "
        r"charge|royalty[- ]free|for editorial use)[^.!?]{0,120}[.!]?",
    ),
    "e-mail": (
        # a cover note around the release: salutation, 'anbei erhalten Sie …', register lines
        SALUTATION,
        r"(?:anbei|beiliegend|im anhang) (?:erhalten|senden|übersenden|schicken) (?:sie|wir|ich)"
        r"\b.{0,300}",
        r".{0,200}\bmit der bitte um (?:veröffentlichung|berücksichtigung|kenntnisnahme)\b.{0,300}",
        r"please (?:find|see) (?:attached |enclosed |below )?(?:our|a|the) (?:press|news|media)"
        r" release\b.{0,300}",
        # 'wie telefonisch besprochen sende ich Ihnen unten die Pressemitteilung …', 'senden wir …'
        r".{0,160}\b(?:sende|schicke|übersende|übermittle|leite)n?\s{1,3}(?:ich|wir)\s{1,3}ihnen\b.{0,120}"
        r"\b(?:pressemitteilung|pressemeldung|presseinformation|mitteilung|meldung)\b.{0,200}",
        r".{0,100}\b(?:i am|i'm|we are|we're) (?:sending|forwarding) you\b.{0,120}\b(?:press|news)"
        r" release\b.{0,200}",
        r"(?:gesendet|sent|envoyé) (?:von|from|with|via|de) (?:meinem|meiner|my|mon) .{2,40}"
        r"|von meinem .{2,30} gesendet",
        r"(?:sitz der gesellschaft|registered office):? .{0,300}",
        # a sender's imprint under a newsletter
        r"(?:vertreten durch|geschäftsführ(?:er|erin|ung)|vorstand|aufsichtsrat\w*|registergericht"
        r"|ust-?id(?:-?nr)?\.?|umsatzsteuer-?id\w*|steuernummer|vat (?:no|number|reg\w*)\.?)"
        r"\s*:.{1,200}",
        r"vertreten durch [^.!?]{3,80}\.?",
        r"(?:managing directors?|registered (?:office|in \w+(?: and \w+)?)|company (?:no|number)"
        r"|(?:tax|vat) id(?: no\.?)?)\s*:.{1,200}",
        # the sender's own account: a donation appeal names its 'Spendenkonto' in a sentence
        # or under that label, which stays
        r"(?:bankverbindung(?:en)?|kontoverbindung|bankkonto|bank(?:ing)? details|bank account)"
        r"\s*:.{1,200}",
        r"(?:iban|bic|swift(?:-?code)?|blz|bankleitzahl)\s*:?\s*[a-z0-9 ]{8,40}"
        r"(?:\s*[|·•,]\s*(?:iban|bic|swift|blz|bank)\b.{1,80})+",
        r".{0,120}\bist eine körperschaft des öffentlichen rechts\b.{0,200}",
        r".{0,160}\b(?:amtsgericht|registergericht|handelsregister|registered at)\b.{0,60}"
        r"\bhr[ab] ?\d{1,9}.{0,200}",
    ),
    # text copied out of a PDF or a Word file: page numbers, alone or closing a footer line
    "documents": (
        r"(?:(?:[^.!?]|\.(?=\d)){0,80}\s)?(?:seite|page|blatt|s\.)\s{0,5}\d{1,3}\s{0,5}"
        r"(?:von|of|/|aus)\s{0,5}\d{1,3}",
        r"(?:seite|page)\s+\d{1,3}|[-–—]\s*\d{1,3}\s*[-–—]",
    ),
    # a newsroom's calls to follow it and its page labels
    # a date's label left alone when the page's date was taken from its <time> element
    "date labels": (
        r"(?:release date|date|datum|published(?: on)?|posted(?: on)?|issued|veröffentlicht"
        r"(?: am)?|erstellt(?: am)?|stand|veröffentlichungsdatum)\s*:?",
    ),
    "follow us": (
        r"(?:stay connected|connect with us|folgen sie uns|follow us)(?:(?: on)?\s*:?\s*"
        rf"{_NETWORK}(?:\s*(?:[|,·•/]|and|und)\s*{_NETWORK})*)?",
        # a government page's 'Join the conversation about …: Twitter: @GCIndigenous'
        rf"join the conversation\b[^.!?]{{0,100}}:\s*{_NETWORK}\s*:\s*@\w+"
        rf"(?:\s*[|,]?\s*{_NETWORK}\s*:\s*@\w+)*",
        r"(?:-\s*)?date modified:?.{0,30}|(?:zuletzt )?geändert am:? .{0,30}",
        r"follow [^.!?]{2,80} on (?:x|twitter|facebook|instagram|linkedin|youtube|mastodon|bluesky)"
        r"(?:,? (?:and )?(?:x|twitter|facebook|instagram|linkedin|youtube|mastodon|bluesky))*\.?",
        r"stay up[- ]to[- ]date with [^.!?]{2,120} by subscribing to [^.!?]{2,60}\.?",
        r"sign up (?:to receive|for) (?:the latest |our )?"
        r"(?:news|e-?mail alerts|updates|newsletter)[^.!?]{0,60}\.?",
        r"(?:categories|category|tags|filed under|schlagwörter|schlagworte|kategorien?|rubriken?)"
        r"\s*:\s*[^.!?]{1,200}",
    ),
    # what government portals print under a release: its number and a counter, a topic link
    "government portals": (
        # the European Commission's line under every release and its German version
        r"(?:general public inquiries|allgemeine anfragen der öffentlichkeit|anfragen der "
        r"öffentlichkeit):? ?europe direct\b.{0,160}",
        r"\(release id: ?\d+\)(?: ?visitor counter ?: ?\d+)?|visitor counter ?: ?\d+",
        r"more from:? [^.!?]{1,80}",
        # canada.ca's department byline under the headline: 'From: Transport Canada'
        r"from:\s*(?-i:[A-Z][\w'’.&-]*(?:,?\s(?:[A-Z][\w'’.&-]*|of|and|for|the|on)){0,9})",
        # a press office's pointer to its newsroom under the release
        r"(?:additional|more) (?:news|releases|press releases) (?:is |are )?available (?:at|on)"
        r":? (?:https?://)?[\w.-]+\.[a-z]{2,}\S*",
        r"for information media\W+not an official record\.?",
        r"(?:press release number|pressemitteilung nr\.?)\s*:?\s*[\w/-]{0,20}",
        r"(?:topics?|components?|topic\(s\)|component\(s\))\s*:?",  # field labels, values gone
    ),
    # a paginated page's pager under its part of the release: 'Seite 1 von 2 Weiter zu Seite 2:
    # Bildung und Verkehr »', 'Page 1 of 2 | Next page »', '« Zurück'
    "pagination": (
        rf"(?:{_PAGER_STEP}|{_PAGE_COUNT})(?:\s*[|·•]?\s*(?:{_PAGER_STEP}|{_PAGE_COUNT})){{0,3}}",
    ),
    "page tools": (
        r"(?:seite|artikel|meldung|beitrag) (?:empfehlen|versenden|weiterleiten|merken|als pdf)",
        r"(?:schrift(?:größe)?|textgröße|font size|text size) ?:? ?[+-]?(?: ?a ?[+-]?)*",
        r"(?:vorlesen|listen to this (?:article|page)|diese seite vorlesen)",
        # a site's display switches: 'Kontrast', 'Hoher Kontrast', 'Dark mode'
        r"(?:hohe[rn]? )?kontrast(?:ansicht|modus)?(?: (?:ändern|umschalten|erhöhen|an|aus))?"
        r"|(?:high )?contrast(?: mode| on| off)?|dunkel(?:modus| modus)|dark mode",
        # a row of tools: '« zurück  Seite drucken  nach oben'
        r"(?:[«‹<]?\s*(?:zurück|seite drucken|drucken|nach oben|zum seitenanfang|teilen|merken"
        r"|seite empfehlen|back|print|top|back to top|share)\s*[»›>|·]?\s*){2,}",
    ),
}

FOOTERS: dict[str, tuple[str, ...]] = {
    "mailing lists": (
        r"sie erhalten (?:diese[n]?|unsere[n]?) (?:e-?mail|nachricht|mitteilung|information|"
        r"pressemitteilung|newsletter|presseverteiler-?mail)(?:en)?,? (?:weil|da) .*",
        r"(?:wenn|falls) sie (?:diese|unsere|keine|künftig keine) .{0,80}(?:nicht mehr|keine)"
        r" .{0,60}(?:erhalten|bekommen|empfangen|zugeschickt bekommen) (?:möchten|wollen).*",
        # 'If you no longer wish to receive these emails, you can unsubscribe here.'
        r"(?:if|should) you (?:no longer|don'?t|do not) (?:want|wish|like) to receive (?:these|this"
        r"|our|future|further|any more) (?:[\w-]+ )?(?:e-?mails?|messages?|newsletters?|updates"
        r"|alerts|press releases|news releases|mailings?)\b.*",
        # the unsubscribe link alone: 'Abmelden: https://…', 'Hier abbestellen', 'Unsubscribe: …'
        r"(?:hier |jetzt )?(?:abmelden|abbestellen|austragen|unsubscribe)(?: here| hier)?"
        r"(?:\s*:?\s*[<(]?https?://\S+?[>)]?)?\.?",
        r"(?:um sich )?(?:vom|aus dem) (?:newsletter|verteiler|presseverteiler|e-?mail-verteiler)"
        r" (?:abzumelden|abmelden|austragen).*",
        r"(?:newsletter|verteiler|presseverteiler) (?:abmelden|abbestellen|austragen).*",
        r"sie möchten (?:keine|unsere) [^?]{0,80}(?:mehr )?(?:erhalten|bekommen)\?.*",
        # 'Sie möchten diesen Newsletter nicht mehr erhalten? Hier abmelden', 'Keine
        # Pressemitteilungen mehr erhalten? Abmelden', 'Möchten Sie den Verteiler abbestellen?'
        r"(?:sie )?(?:möchten|wollen) (?:sie )?[^?]{0,80}(?:nicht mehr|mehr) (?:erhalten|bekommen"
        r"|empfangen)\?.*|keine [^?]{0,80}mehr (?:erhalten|bekommen|empfangen)\?.*"
        r"|(?:möchten|wollen) sie [^?]{0,80}(?:abbestellen|abmelden|kündigen)\?.*",
        r"(?:you )?(?:don'?t|do not|no longer) (?:want|wish) to receive [^?]{0,80}\?.*"
        r"|to stop receiving (?:these|our) [^.]{0,80}.*",
        r"you (?:are receiving|received|have received) this (?:e-?mail|message|newsletter)"
        r" because .*",
        r"this (?:e-?mail|message) was sent to .{1,120}",
        r"diese (?:e-?mail|nachricht) wurde an .{1,120} (?:gesendet|verschickt|versandt).*",
        r"(?:click here )?to unsubscribe.*|unsubscribe(?: here| from this list| now| \S+@\S+)?\.?"
        r"|(?:unsubscribe|update (?:your )?(?:subscription )?preferences)(?: \| .{1,60})+",
        r"update (?:your )?profile(?: \(.{0,200}\))?(?: \| .{1,200})*",
        r"unsubscribe\W{1,3}(?:manage|update) (?:your )?(?:e-?mail )?"
        r"(?:preferences|subscriptions?).*",
        r"sent by .{1,80} powered by .{1,120}",
        _SUBSCRIBER_ROW,
        # Mailchimp's closing question, in English and German, with its links after it
        r"want to change how you receive these e-?mails\?.*|you can update your preferences or"
        r" unsubscribe.*|möchten sie ändern, wie sie (?:diese|unsere) e-?mails? erhalten\?.*"
        r"|sie können ihre (?:einstellungen|präferenzen) (?:aktualisieren|ändern) oder sich .*",
        # Brevo's and CleverReach's German: 'Sie haben diese E-Mail erhalten, weil …'
        r"sie haben (?:diese[n]?|unsere[n]?) (?:e-?mail|nachricht|newsletter)(?:s)? (?:erhalten"
        r"|bekommen),? (?:weil|da) .*",
        r"(?:manage|update) (?:your )?(?:subscription|e-?mail|newsletter) (?:preferences|settings)"
        r"\b.{0,80}|(?:manage|update) your (?:preferences|subscriptions?)\b.{0,80}",
    ),
    # an alert service's closing block, with the subscriber's own unsubscribe link under it
    "e-mail alerts": (
        r"you(?: are|['’]re| have|['’]ve)? (?:receiving|getting|received|got|been sent) this"
        r"(?: e-?mail| message| newsletter| alert| update| notification| bulletin)? because .*",
        r"sie (?:erhalten|bekommen) (?:diese[n]?|unsere[n]?) (?:e-?mail|nachricht|newsletter"
        r"|benachrichtigung|mitteilung|information)(?:en)?,? (?:weil|da) .*",
        # GOV.UK's last fields under the page's summary, which run into its footer
        r"(?:change made|time updated):.{0,200}",
        r"update your subscriptions, modify your password or e-?mail address.*",
        r"this service is provided to you at no charge by .*|subscriber services:.*",
    ),
    # a mail's signature and the notices under it; a press contact above it is taken first
    "e-mail signatures": (
        r"-- ?",  # the signature delimiter
        CLOSING_GREETING,
        r"diese (?:e-?mail|nachricht)(?: und (?:ihre|alle) anhänge)? (?:enthält|kann|ist|könnte)"
        r" .{0,60}(?:vertraulich|rechtlich geschützt).*",
        r"this (?:e-?mail|message)(?: and any (?:attachments?|files))? (?:is|are|may|contains?)"
        r" .{0,60}(?:confidential|privileged).*",
        r"(?:bitte denken sie an die umwelt|please consider the environment).*",
        r"(?:confidentiality (?:notice|note|statement)|vertraulichkeitshinweis|disclaimer)\s*:"
        r".{0,400}\b(?:confidential|vertraulich|intended (?:solely|only)|privileged).*",
    ),
    "EIN Presswire": (r"ein presswire provides this news content.*",),
    # EQS: the issuer's block (company, address, ISIN, listing, news id) closes the message
    "EQS": (r"(?:sprache|language):(?: \|)? (?:deutsch|englisch|german|english)",),
}
