"""Links in a normalised comment (see normalise.py), and whether a link itself promotes.

A link is only a sign: people share news, recipes and sources. What marks a link as
promotion by itself is where it leads: a link shortener that hides the target, a profile, a
shop, a fundraiser or petition, a file locker, a referral code, money words in the site's name,
or a comment that is a heap of links. YouTube's own links are left to their own, weaker sign.
"""

from __future__ import annotations

import re

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()]+")  # no \b: tweets glue "text" to "http"
# A bare domain: dotted labels, an ending of letters, maybe a path.
_BARE = re.compile(r"(?<![\w@./-])((?:[a-z0-9][a-z0-9-]*\.)+)([a-z]{2,13})\b(/[^\s<>\"'()]*)?")
# A dot between a letter or digit and two letters: the cheap first look for a bare domain.
_ENDING = re.compile(r"\.[a-z]{2}(?<=[a-z0-9]\.[a-z]{2})")
_SCHEME = re.compile(r"^(?:https?://)?(?:www\d?\.|m\.)?")
_YOUTUBE = (".youtube.com", ".youtu.be")


# Calls to act that make a link promotion, as a spam sign (reason, weight, alternatives; see
# spam_signs.py): counted only in a comment that holds a link, as alone they are ordinary words.
LINK_CALLS: tuple[str, float, tuple[str, ...]] = (
    "link_call",
    0.5,
    (
        r"\b(?:buy|order|download|install|register|sign up|donate|discover)\b",
        r"\bjoin (?:us|me|now|here|today|my|our|free|for free)\b",
        r"\b(?:support|add|help) (?:me|us|my|our)\b|\bshare (?:it|this|my|our)\b",
        r"\b(?:please|plz|pls|kindly) (?:\w+ )?(?:help|sign|share|support|visit|check|watch|"
        r"read|click|go|donate|buy|download|join|like|follow|add|listen|subscribe)",
        r"\b(?:here|below)\W*(?:https?:|www\.|$)|\bgo here\b|\bclick\b",
        r"\b(?:earn|make|get|free|need|extra|easy) (?:money|cash|paid)\b|\bincome\b",
        r"\b(?:best|great|hot|daily|special|limited) (?:deal|offer|price)s?\b|\bdiscount|\bcoupon",
        r"\b(?:on|for) sale\b|\d ?% off\b|\blimited (?:time|stock|offer)",
        r"[👉➡→☞]",
        r"할인|구매|신청|가입|클릭|방문|여기|수익|부수입",
    ),
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())  # word lists kept as running text, easier to read


# Endings that are also words or file types ("it.is", "script.py"): a domain only with a path.
_WORDLIKE = _words(
    "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ya ye yo "
    "ha uh um eh lo ma pa id im ur py sh md rs pl zip mov"
)
_GENERIC = _words(
    "com net org info biz xyz top icu vip app dev tech space website site online store shop "
    "club link click bid loan pro mobi name asia tel travel stream download porn sex xxx "
    "live life world media digital email cloud host press blog page today network social "
    "money cash bet casino games game fun win party dating"
)
# Where a link leads when it promotes by itself (with a path): the host or its ending;
# "amazon." stands for every country's site.
_PROMOTING = _words(
    # shorteners and link-in-bio pages hide or bundle the target (t.co is Twitter's own wrapper)
    "bit.ly goo.gl tinyurl.com ow.ly is.gd buff.ly adf.ly shorte.st linkbucks.com cutt.ly "
    "rebrand.ly shorturl.at tiny.cc rb.gy bl.ink t2m.io linktr.ee beacons.ai lnk.bio "
    # profiles and pages of people
    "facebook.com fb.com fb.me instagram.com twitter.com x.com tiktok.com snapchat.com "
    "twitch.tv vk.com tumblr.com plus.google.com discord.gg soundcloud.com bandcamp.com "
    "reverbnation.com spotify.com audiomack.com deviantart.com onlyfans.com "
    # money: fundraisers, tips, petitions, shops, app stores
    "gofundme.com indiegogo.com kickstarter.com patreon.com paypal.me cash.app ko-fi.com "
    "buymeacoffee.com change.org avaaz.org etsy.com aliexpress.com teespring.com "
    "redbubble.com gumroad.com amazon. ebay. play.google.com apps.apple.com itunes.apple.com "
    # file lockers and surveys
    "4shared.com mediafire.com mega.nz dropbox.com pastebin.com binbox.io thepiratebay.se "
    "surveymonkey.com"
)
# Money words in a site's name ("quick-cash-home.biz"); in a path they are often news.
_MONEY_WORDS = re.compile(
    r"freemoney|freegift|cash|money|earn|hack|cheat|generator|forex|crypto|bitcoin|casino|porn|"
    r"sex|dating|loan|giveaway|gift|prize|promo|bonus|claim"
)
_REFERRAL = re.compile(r"[?&](?:ref|aff|affiliate|invite|referral|r)=|/(?:ref|invite|aff)/")


def _host(url: str) -> str:
    return re.split(r"[/?#:]", _SCHEME.sub("", url), maxsplit=1)[0]


def _is_domain(labels: str, ending: str, path: str | None) -> bool:
    name = labels.rstrip(".").rsplit(".", 1)[-1]
    if len(name) < 2 or name.isdigit() or not any(c.isalpha() for c in name):
        return False  # "e.g.", "u.s.army", "1.5x", "2.5kg"
    if ending in _WORDLIKE:
        return bool(path) or "-" in name or any(c.isdigit() for c in name)
    return len(ending) == 2 or ending in _GENERIC


def _glued_sentence(host: str, original: str) -> bool:
    """Whether the bare domain is two sentences missing a space ("Prize.RM", "fused.Order"):
    the ending starts upper case while the name before it is not all upper case."""
    name, ending = host.rsplit(".", 1)
    name = name.rsplit(".", 1)[-1]
    found = re.search(re.escape(f"{name}.{ending}"), original, re.IGNORECASE)
    if found is None:  # changed by normalisation: nothing to compare
        return False
    as_written = found.group()
    return as_written[-len(ending)].isupper() and not as_written[: len(name)].isupper()


def find_links(lowered: str, original: str = "") -> list[str]:
    """Every link's address (host and path) in `lowered`, YouTube's own links excepted;
    `original` is the text before normalisation, whose case tells glued sentences apart."""
    if "." not in lowered:
        return []
    links = _URL.findall(lowered) if "http" in lowered or "www." in lowered else []
    rest = _URL.sub(" ", lowered) if links else lowered
    for match in _BARE.finditer(rest) if _ENDING.search(rest) else ():
        labels, ending, path = match.groups()
        if _is_domain(labels, ending, path) and not (
            not path and _glued_sentence(labels + ending, original)
        ):
            links.append(match.group())
    return [link for link in links if not f".{_host(link)}".endswith(_YOUTUBE)]


def promoting(links: list[str]) -> bool:
    """Whether the links promote by where they lead (see the module docstring)."""
    if len(links) >= 3:
        return True
    for link in links:
        host = _host(link)
        dotted = f".{host}"
        # "amazon.com" alone names a shop; a path leads to a listing, a profile, a campaign
        has_path = len(_SCHEME.sub("", link)) > len(host) + 1
        if has_path and any(
            f".{site}" in dotted if site.endswith(".") else dotted.endswith(f".{site}")
            for site in _PROMOTING
        ):
            return True
        if _MONEY_WORDS.search(host) or _REFERRAL.search(link):
            return True
    return False
