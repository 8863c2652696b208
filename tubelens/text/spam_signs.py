"""The evidence `spam.py` weighs: each sign is a reason code, a weight and its patterns.

A weight of 1 is enough alone; 0.5 signs ("visit", a YouTube link, "당첨") only count
together with another sign. A sign is present when any of its patterns matches.
"""

from __future__ import annotations


def _any(*alternatives: str) -> tuple[str, ...]:
    """Lower-case alternatives, matched against lowered text (see spam.py), kept apart so each
    can be screened by its own literals."""
    return alternatives


# (reason, weight, alternatives)
SIGNS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    (
        "link",
        1.0,
        _any(
            r"https?://(?!(?:www\.|m\.)?(?:youtube\.com|youtu\.be))\S+",
            r"www\.(?!youtube\.)\S+",
            r"\b[a-z0-9-]{3,}\s?\.\s?(?:com|net|org|info|biz|xyz|ly|io|co|me|shop|store|site)\b",
        ),
    ),
    ("youtube_link", 0.5, _any(r"youtube\.com/\S+", r"youtu\.be/\S+", r"watch\?v=\S+")),
    (
        "self_promotion",
        1.0,
        _any(
            r"\bcheck(?:ed|ing)? out (?:\w+ ){0,3}?(?:my|our)\b",
            r"\b(?:check|checkout|visit|watch|see|listen to|look at|go to) (?:out )?(?:my|our)\b",
            r"\bcheck (?:me|us) out\b",
            r"\b(?:my|our) (?:\w+ )?(?:channel|youtube|yt)\b",
            r"\b(?:su[bcs]{1,3}c?ri[bp]e?|sub)s? (?:to )?(?:me|my|us|our|back)\b",
            r"(?:^\W*|\b(?:please|plz|pls) )su[bcs]{1,3}c?ri[bp]e?\b(?!d|rs)",
            r"\bi(?:'m| am) a new (?:\w+ )?channel\b",
            r"\bi (?:just )?(?:made|started|created) (?:a |my )?(?:new )?(?:\w+ )?channel\b",
            r"\bfollow (?:me|my|us|our|this)\b",
            r"\b(?:sub|follow|like)\s?(?:4|for)\s?(?:sub|follow|like)\b",
            r"\bcheck(?:ing)? (?:out )?[^.!?\n]{0,30}\bchannel\b",
            r"\b(?:if i|when i|help me) (?:get|reach|hit) \d+ (?:subs|subscribers)\b",
            r"\b(?:like|share|comment on) (?:my|our|this comment)\b",
            r"\bplease (?:like|share)\b",
            r"구독\s?(?:부탁|해\s?주|하고\s?가|좀|꾹|눌러|박고)",
            r"맞구독|맞팔|선팔|(?:제|저희|우리)\s?채널",
            r"놀러\s?오세요|놀러\s?와",
            r"채널\s?(?:방문|구경|홍보)",
            r"프로필\s?(?:링크|보|클릭)",
        ),
    ),
    (
        "scam",
        1.0,
        _any(
            r"\b(?:crypto|bitcoin|btc|ethereum|forex|binance|usdt|nft)\b",
            r"\bgiveaway\b",
            r"\bgift ?card",
            r"\bwork from home\b",
            r"\b(?:earn|make|making|earning) (?:real |extra |easy )?(?:money|cash|\$)",
            r"\$\s?\d+[\d,]*\s?(?:a|per|/)\s?(?:day|week|hour|month)",
            r"\bfree (?:iphone|ipad|robux|v-?bucks|gift|money|cash|cs ?go|skins?)\b",
            r"\bfree (?:followers|views|likes)\b",
            r"\bwin an? (?:free )?(?:iphone|ipad|gift|prize)",
            r"\bhack(?:ed|ing)? (?:fb|facebook|account|instagram)",
            r"\bpromo code\b",
            r"\bonlyfans\b",
            r"\bdating (?:site|app)\b",
            r"\bhot (?:girls|singles)\b",
            r"비트코인|코인\s?(?:투자|리딩)|리딩방|고수익|부업|재택\s?(?:알바|부업|근무)",
            r"카지노|바카라|먹튀|[월일]\s?\d+\s?만\s?원",
        ),
    ),
    (
        "contact",
        1.0,
        _any(
            r"\b(?:wa\.me|t\.me)/",
            r"\b(?:dm me|text me|message me)\b",
            r"오픈\s?채팅",
            r"(?:whats\s?app|telegram|kik|카톡|카카오톡|텔레그램|라인)\W{0,3}(?:@|\+|\d|id)",
            r"\+\d{1,3}[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}",
            r"\b\d{3}[\s-]\d{3,4}[\s-]\d{4}\b",
            r"\b[\w.+-]+@[\w-]+\.[a-z]{2,}\b",
        ),
    ),
    (
        "weak_promotion",
        0.5,
        _any(
            r"\bcheck (?:this|it) out\b",
            r"\bclick (?:here|the link|this)\b",
            r"\bvisit\b",
            r"\bcheck (?:them|these) out\b",
            r"\bfree\b",
            r"\bplz\b",
            r"\bpls\b",
            r"\bsu[bcs]{1,3}c?ri[bp]e?\b(?!d|rs)",
            r"\b(?:whats\s?app|telegram)\b",
            r"카톡|텔레그램",
            r"\bwebsite\b",
            r"\bsubs\b",
            r"링크|구독",
        ),
    ),
    (
        "own_content",
        0.5,
        _any(
            r"\bmy (?:new |first |latest )?(?:song|music|vids?|videos?|page|stream|art|remix|"
            r"cover|rap|beats?|mixtape|album)s?\b",
            r"제 영상|저의 영상|제 노래",
        ),
    ),
    (
        "weak_scam",
        0.5,
        _any(r"\bwinners?\b", r"\bclaim\b", r"당첨|대출|토토|무료\s?(?:나눔|증정|이벤트)"),
    ),
)
