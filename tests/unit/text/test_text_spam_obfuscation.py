"""Disguised spam reads as what it disguises; ordinary text with dots and links stays ham.

The examples are written for these tests in the styles spam uses (none is from the data)."""

from __future__ import annotations

import pytest

from tubelens.text import is_spam, spam_reasons
from tubelens.text.normalise import normalise
from tubelens.text.spam_links import find_links


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＣＨＥＣＫ ＭＹ ＣＨＡＮＮＥＬ", "check my channel"),  # full-width
        ("𝐟𝐫𝐞𝐞 𝐠𝐢𝐟𝐭", "free gift"),  # mathematical bold
        ("Ⓢⓤⓑⓢⓒⓡⓘⓑⓔ", "subscribe"),  # circled
        ("fr\u0435\u0435 m\u043eney", "free money"),  # Cyrillic е and о
        ("sub\u200bscribe", "subscribe"),  # zero-width space
        ("suuuuubscribe to my chaaaannel", "subscribe to my channel"),
        ("freeeee", "free"),
        ("soooo gooood", "soo good"),  # an ordinary word keeps a double letter
        ("c.h.e.c.k my channel", "check my channel"),
        ("s u b s c r i b e", "subscribe"),
        ("fr33 iph0ne, link in my bi0", "free iphone, link in my bio"),
        ("w w w . quickcash . com", "www.quickcash.com"),
        ("quickcash dot com", "quickcash.com"),
        ("quickcash(.)net", "quickcash.net"),
        ("quickcash [dot] xyz", "quickcash.xyz"),
        ("bit . ly/abc", "bit.ly/abc"),
        ("plz   subscribe\nthx", "plz subscribe thx"),
        (
            "e.g. Mr.Smith has ver.2 of file.txt at 1.5x",
            "e.g. mr.smith has ver.2 of file.txt at 1.5x",
        ),
        ("I loved it. co-workers too", "i loved it. co-workers too"),
        ("sub4sub", "sub4sub"),
        ("구독 부탁드려요", "구독 부탁드려요"),
    ],
)
def test_normalise_undoes_disguises(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("just go to mysite.xyz", ["mysite.xyz"]),
        ("shop.store has it", ["shop.store"]),
        ("MEGADEALS.ONLINE", ["megadeals.online"]),
        ("grab it at my-shop.de today", ["my-shop.de"]),
        ("about.me/jo", ["about.me/jo"]),
        (
            "https://example.org/a?b=c and www.example.net",
            ["https://example.org/a?b=c", "www.example.net"],
        ),
        ("Newshttps://t.co/abc", ["https://t.co/abc"]),  # glued to the word before
        ("https://youtu.be/abc and youtube.com/watch?v=x", []),  # YouTube's own
        ("e.g. i.e. Mr.Smith ver.2 1.5x 2.5kg u.s.army", []),
        ("notes.txt, script.py, photo.jpg", []),
        ("Great video.Thanks a lot. It was good.so good", []),  # sentences missing a space
        ("1st Prize.RM 5000", []),
        ("mail me@example.com", []),  # an address, not a link (the contact sign's)
    ],
)
def test_links_of_any_ending_but_not_ordinary_dots(text: str, links: list[str]) -> None:
    assert find_links(normalise(text), text) == links


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ＣＨＥＣＫ ＯＵＴ ＭＹ ＣＨＡＮＮＥＬ", "self_promotion"),
        ("suuuubscribe to meee", "self_promotion"),
        ("s u b s c r i b e to my channel for daily vlogs", "self_promotion"),
        ("Earn $300 a day from your phone 👉 quickcash dot com", "scam"),
        ("fr33 r0bux generator, link in my bi0", "self_promotion"),
        ("I have 500 subscribers and would love your support, check it out!", "own_content"),
        ("Get 70% off today only 👉 w w w . deals4u . shop", "link_call"),
        ("Sign up with my referral link www.broker.io/join?ref=ab12", "promoting_link"),
        ("listen to my new track soundcloud.com/someone/track", "promoting_link"),
        ("please help my little brother gofundme.com/little-bro", "promoting_link"),
        ("I make $5,000 every week trading, ask me how", "scam"),
        ("Turn $200 into $4,000 in a week!!", "scam"),
        ("whatsapp me +44 7700 900123 for the plan", "contact"),
        ("텔레그램 문의 @rich_team 고수익 보장", "scam"),
        ("카톡 문의 주세요 재택 부업 월 300만 원", "scam"),
        ("제 채널 홍보 좀 할게요 구독 부탁드려요", "self_promotion"),
        ("sorry for the spam but please visit my page", "self_promotion"),
    ],
)
def test_disguised_and_general_spam(text: str, reason: str) -> None:
    assert is_spam(text)
    assert reason in spam_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        # a link alone, or a link shared in passing, is not spam
        "https://en.wikipedia.org/wiki/Sourdough",
        "mysite.xyz",
        "The recipe I used is on kingarthurbaking.com, it works at 75% hydration",
        "Scientists say the new rules will change everything https://t.co/abc123",
        "The 10 hardest countries to visit, says one man https://t.co/xyz",
        "When you can't beat them, join them. https://t.co/q",
        "I could have told you that for free. https://t.co/q",
        # ordinary text that spam words or dots turn up in
        "Can't wait to see my family this weekend",
        "I paid $40 a month for this and it was worth it",
        "The minimum wage should be $15/hour",
        "absurd and evidence-free claims",
        "I just noticed my friends follow me here too",
        "e.g. Mr.Smith's ver.2 ran at 1.5x on file.txt",
        "청부업자 이야기를 그린 영화인데 먹튀 같은 결말",
        "카지노 영화라고 기대했는데 별로였다",
        "@user @user @user enjoy the show tonight",
        "요즘 유튜버들 광고수익이 많이 줄었다더라",  # 고수익 inside 광고수익
        "월 200만원씩 저축하는 게 목표예요",
        "부업으로 하기엔 시간이 너무 드네요",
        "amazon.com and facebook.com are both down today",  # sites named, not linked to
        "Interesting read https://www.example-news.com/business/cash-prices-rise-again",
    ],
)
def test_ham_stays_ham(text: str) -> None:
    assert spam_reasons(text) == []
