import pytest

from tubelens.text import is_question, is_spam, spam_reasons
from tubelens.text.questions import only_asks


@pytest.mark.parametrize(
    "text",
    [
        "How long do you proof the dough?",
        "what temperature do you bake at",
        "Can you share the recipe",
        "Does anyone know the flour brand",
        "우유는 어떤 걸 쓰시나요",
        "몇 도로 스팀하나요",
        "이거 맞는 건가요",
        "라떼아트 연습 얼마나 하셨어요",
        "녹차라떼에도 똑같이 그릴 수 있을까요?",
        "레시피 알려주세요",
        "¿Dónde compraste el molde?",
    ],
)
def test_questions(text):
    assert is_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "how amazing is this!!",
        "How cute is that?!",
        "What a loaf!",
        "I love this",
        "Why did I never think of that.",
        "어떻게 이렇게 예쁠 수가 있죠!!",
        "정말 예뻐요",
        "첫 하트 나왔을 때 그 기분 저도 아직 기억나요 ㅎㅎ",  # 기억나요 is not -나요
        "감으로 하라고 하면 감이 없으니까요 ㅋㅋ",  # -니까요 is "because"
        "카페 가요",
    ],
)
def test_not_questions(text):
    assert not is_question(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Proofing kits 70% OFF today only 👉 bit.ly/bread-kit-deal", "link"),
        ("Go to www.quick-cash-home.biz now", "link"),
        ("Check out my channel for 100+ sourdough recipes!!", "self_promotion"),
        ("sub4sub anyone?", "self_promotion"),
        ("구독 부탁드려요!! 제 채널에도 놀러오세요", "self_promotion"),
        ("I now make $12,500 every week trading bitcoin", "scam"),
        ("코인 리딩방 무료 입장 하루 수익 30% 보장", "scam"),
        ("Message me on WhatsApp +1 555 123 4567", "contact"),
        ("buy now buy now buy now buy now buy now buy now", "repetition"),
        # One phrase three times whose last copy runs into the next word: no word repeats three
        # times, but the same six characters start each copy (the search's precheck).
        ("FOLLOWME on it, followme on itfollowme on it", "repetition"),
        ("Get Yours Now!!! GET YOURS NOW!!! get yours now!!!", "repetition"),
    ],
)
def test_spam_with_reason(text, reason):
    assert is_spam(text)
    assert reason in spam_reasons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Amazing bread, thanks for sharing",
        "Instant subscribe. Every step explained, zero fluff.",
        "@little.loaf.co Where is your bakery? I'd love to visit!",
        "This is NOT me. I never run giveaways over Telegram or WhatsApp. Please report.",
        "중간에 머신 홍보하는 거 좀 티나요.. 협찬이면 협찬이라고 적어주세요",
        "구독 좋아요 알림설정까지 완료 ✅",
        "What flour do you use? I checked my pantry and only have AP",
        "2,124,923,004 views... wow",
        "ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ",
    ],
)
def test_not_spam(text):
    assert not is_spam(text)
    assert spam_reasons(text) == []


def test_a_youtube_link_alone_is_not_enough():
    assert not is_spam("PSY - GANGNAM STYLE M/V: http://youtu.be/9bZkp7q19f0")
    assert is_spam("watch?v=vtaRGgvGtWQ check this out")


def test_a_link_is_a_sign_not_a_verdict():
    # shared in passing: only the link
    assert spam_reasons("The starter guide I followed: https://example.org/starter") == []
    # the same link with a call to act, or a link that promotes by where it leads
    assert spam_reasons("Buy the starter kit here: https://example.org/starter") == [
        "link",
        "link_call",
    ]
    assert spam_reasons("https://www.gofundme.com/help-my-bakery") == ["link", "promoting_link"]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("How long do you proof it?", "en", True),
        ("Great video. How long do you proof it?", "en", False),
        ("우유는 어떤 걸 쓰시나요?", "ko", True),
        ("최고의 영화였다. 진짜 죽은거냐? ㅠㅠ", "ko", False),
        ("???", "en", False),
    ],
)
def test_only_asks_needs_every_sentence_to_ask(text, language, expected):
    assert only_asks(text, language) is expected
