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
    ("youtube_link", 0.5, _any(r"youtube\.com/\S+", r"youtu\.be/\S+", r"watch\?v=\S+")),
    (
        "self_promotion",
        1.0,
        _any(
            r"\bcheck(?:ed|ing)? out (?:\w+ ){0,3}?(?:my|our)\b",
            r"\b(?:check|checkout) (?:out )?(?:my|our)\b",
            r"\b(?:visit|go to|stop by) (?:my|our) (?:\w+ )?(?:channel|page|profile|site|website|"
            r"link|bio|store|shop|blog|account|insta\w*)\b",
            r"\b(?:see|watch|listen to|look at|hear) (?:my|our) (?:new |latest |first )?"
            r"(?:video|vid|song|music|channel|page|profile|art|content|stuff|work|track|mix|cover)",
            r"\bcheck (?:me|us) out\b",
            r"\b(?:my|our) (?:\w+ )?(?:channel|youtube|yt)\b(?!-)",
            r"\b(?:su[bcs]{1,3}c?ri[bp]e?|sub)s? (?:to )?(?:me|my|us|our|back)\b",
            r"^\W*su[bcs]{1,3}c?ri[bp]e?\b(?!d|rs)",
            r"\b(?:please|plz|pls) su[bcs]{1,3}c?ri[bp]e?\b(?!d|rs)",
            r"\bi(?:'m| am) a new (?:\w+ )?channel\b",
            r"\bi (?:just )?(?:made|started|created) (?:a |my )?(?:new )?(?:\w+ )?channel\b",
            r"\b(?:please|plz|pls|and|pl[sz] ) ?follow (?:me|us)\b",
            r"\bfollow (?:me|us) (?:on|at|@|back)\b|^\W*follow (?:me|us)\b",
            r"\bfollow (?:my|our) (?:page|insta\w*|ig|account|channel|twitch|twitter|tiktok|blog)",
            r"\b(?:sub|follow|like)\s?(?:4|for)\s?(?:sub|follow|like)\b",
            r"\bcheck(?:ing)? (?:out )?[^.!?\n]{0,30}\bchannel\b",
            r"\b(?:if i|when i|help me) (?:get|reach|hit) \d+ (?:subs|subscribers)\b",
            r"\b(?:like|share|comment on) (?:my|our) (?:\w+ )?(?:video|vid|comment|channel|page|"
            r"post|song|music)|\blike this comment\b",
            r"\bplease (?:like|share)\b",
            r"\blink (?:is )?in (?:my |the )?(?:bio|profile)\b|\blink in my description\b",
            r"\b(?:get|got|gain|need|want|reach) (?:some |more |a few |\d+k? )?(?:new )?subs"
            r"(?:cribers)?\b",
            r"\b(?:sorry|apologi[sz]e) for (?:the|this|my) spam",
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
            r"\b(?:invest\w*|trad(?:e|es|ing)|profits?|signals?|mining|earn\w*) (?:\w+ ){0,3}?"
            r"(?:crypto|bitcoin|btc|ethereum|forex|binance|usdt)\b",
            r"\b(?:crypto|bitcoin|btc|ethereum|forex|binance|usdt)\b[^.!?\n]{0,40}\b(?:invest\w*|"
            r"trading|profits?|signals|returns|mining|account manager|expert)\b",
            r"\byou(?:'ve| have)? been selected\b",
            r"\byou(?:'ve| have)? won (?:a|an|the|our|\$)",
            r"\bselected as (?:one of )?(?:our|the) (?:lucky )?winners?\b",
            r"\bcongratulations?,? you\b",
            r"\bgift ?card",
            r"\bwork from home\b",
            r"\b(?:earn|make|making|earning) (?:real |extra |easy |fast |quick |free )"
            r"(?:money|cash)",
            r"\b(?:earn|make|making|earning) (?:money|cash) (?:online|from home|fast|easily|daily|"
            r"every day|now|with (?:my|this|our))|\b(?:earn|make|making|earning) \$\s?\d",
            r"\b(?:make|made|making|earn|earned|earning|profit|income)\b[^.!?\n]{0,30}\$\s?\d"
            r"[\d,.]*k?\s?(?:a|per|/|every|each)\s?(?:day|week|hour|month)",
            r"\bturn(?:ed)? \$\s?\d[\d,]* into \$",
            r"\bfree (?:iphone|ipad|robux|v-?bucks|gift|money|cash|cs ?go|skins?)\b",
            r"\bfree (?:followers|views|likes)\b",
            r"\bwin an? (?:free )?(?:iphone|ipad|gift|prize)",
            r"\bhack(?:ed|ing)? (?:fb|facebook|account|instagram)",
            r"\bpromo code\b",
            r"\bonlyfans\b",
            r"\bdating (?:site|app)\b",
            r"\bhot (?:girls|singles)\b",
            r"\b(?:get|getting) paid (?:to|for) (?:watch|like|comment|shar|play|tak|answer|do|"
            r"complet|test|review|chat)|\bpassive income\b|\bsugar daddy\b",
            r"코인\s?(?:투자|리딩)|리딩방|(?<!광)고수익|재택\s?(?:알바|부업|근무)",
            r"(?<!청)부업\s?(?:알려|소개해|모집|문의|추천|하실 분|원하시|찾으시|구인)",
            r"(?:온라인|라이브)\s?카지노|카지노\s?(?:사이트|주소|가입|쿠폰)|바카라|먹튀\s?(?:검증|보증)",
            r"[월일]\s?\d+\s?만?\s?원?\s?(?:이상 |보장|수익|가능|버는|벌기|벌어|벌 수)",
            r"수익\s?(?:보장|인증)|(?:보장|확정)\s?수익|\d+\s?만\s?원\s?(?:이상 |보장|수익|가능)",
        ),
    ),
    (
        "contact",
        1.0,
        _any(
            r"\b(?:wa\.me|t\.me)/",
            r"\b(?:dm me|text me|message me)\b(?<!never dm me)(?<!n't dm me)(?<!not dm me)",
            r"오픈\s?채팅",
            r"(?:카톡|카카오톡|텔레그램|텔레|라인)\s?(?:문의|상담|연락|친추|추가|아이디)",
            r"(?:whats\s?app|telegram|kik|카톡|카카오톡|텔레그램|라인)\W{0,3}(?:@|\+|\d|id)",
            r"\+\d{1,3}[\s-]?\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}",
            r"\d{3}(?<!\w\d{3})[\s-]\d{3,4}[\s-]\d{4}\b",  # digits first: found fast
            r"@(?<=\w@)[\w-]+\.[a-z]{2,}\b",  # an e-mail address; "@" first: found fast
        ),
    ),
    (
        "weak_promotion",
        0.5,
        _any(
            r"\bcheck (?:\w+ )?out\b",
            r"\bgive (?:it|this|me|us|my \w+) (?:a )?(?:like|thumbs up)",
            r"\bgive (?:me|us|my \w+) a (?:chance|try|shot)\b",
            r"\bclick (?:here|the link|this)\b",
            r"\bvisit (?:my|our|us|now|today|here|the link|this (?:link|site|page))\b",
            r"\bvisit (?:https?:|www\.)",
            r"\bfree\b(?<!-free)(?<!for free)(?! (?:of|from|to|speech|will|agent|press|trade)\b)",
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
            r"cover|rap|beats?|mixtape|album|content|vlog|blog|podcast)s?\b",
            r"\bi (?:have|got|just hit) (?:\d[\d,.]*k?|over \d+) subs(?:cribers)?\b",
            r"\bi (?:upload|post|make|stream|do) (?:\w+ )?(?:videos|vids|content|music|covers)\b",
            r"제 영상|저의 영상|제 노래",
        ),
    ),
    (
        "weak_scam",
        0.5,
        _any(
            r"\bwinners?\b",
            r"\bclaim\b",
            r"당첨|대출|토토|무료\s?(?:나눔|증정|이벤트)",
            # named alone these are news and talk, not yet a scam
            r"\b(?:crypto|bitcoin|btc|ethereum|forex|binance|usdt|nft)\b|\bgiveaway\b|비트코인",
        ),
    ),
)
