import pytest

from tubelens.text import Toxicity, classify_toxicity, is_request


@pytest.mark.parametrize(
    "text",
    [
        "Please make a video on rye bread!",
        "Can you do a gluten free version?",
        "I'd love to see a whole wheat loaf next",
        "Next time show the shaping slower",
        "part 2 please",
        "다음엔 크루아상도 해주세요",
        "튤립 그리는 법도 알려주세요!",
        "우유 스팀 영상도 올려주시면 좋겠어요",
        "이런 영상 더 보고 싶어요",
    ],
)
def test_requests(text):
    assert is_request(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks, great video",
        "Made this yesterday and it worked",
        "How long do you proof it?",
        "맛있겠다 ㅎㅎ",
        "오늘 처음으로 하트 나왔어요",
    ],
)
def test_not_requests(text):
    assert not is_request(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("You are a complete idiot", Toxicity.OFFENSIVE),
        ("what a load of crap", Toxicity.OFFENSIVE),
        ("go back to your country", Toxicity.HATE),
        ("Lovely crumb, thanks for sharing", Toxicity.NONE),
        ("My loaf came out flat, what went wrong?", Toxicity.NONE),
    ],
)
def test_english_toxicity(text, expected):
    assert classify_toxicity(text, "en") is expected


def test_korean_toxicity_reads_insults_and_leaves_kind_words_alone():
    assert classify_toxicity("이 미친놈아 꺼져라 진짜 쓰레기같은 새끼", "ko") is not Toxicity.NONE
    assert classify_toxicity("영상 너무 잘 봤어요 감사합니다", "ko") is Toxicity.NONE


def test_other_languages_are_not_judged():
    assert classify_toxicity("Qué asco de video", "es") is Toxicity.NONE
