import pytest

from tubelens.text import Toxicity, classify_toxicity, is_request
from tubelens.text.toxicity import decide_toxicity


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


def test_korean_toxicity_needs_a_margin_over_none():
    # The news-comment model's narrow leads are friendly video comments more often than not.
    assert decide_toxicity({"hate": 0.3, "offensive": 0.3, "none": 0.4}) is Toxicity.NONE
    assert decide_toxicity({"hate": 0.15, "offensive": 0.45, "none": 0.4}) is Toxicity.NONE
    assert decide_toxicity({"hate": 0.1, "offensive": 0.8, "none": 0.1}) is Toxicity.OFFENSIVE
    assert decide_toxicity({"hate": 0.45, "offensive": 0.4, "none": 0.15}) is Toxicity.OFFENSIVE
    assert decide_toxicity({"hate": 0.6, "offensive": 0.3, "none": 0.1}) is Toxicity.HATE


def test_friendly_korean_questions_are_not_flagged():
    for text in ("우유는 어떤 걸 쓰시나요?", "에스프레소 대신 인스턴트 커피로도 가능할까요?"):
        assert classify_toxicity(text, "ko") is Toxicity.NONE


def test_korean_condolence_is_not_hate_and_group_sneers_are_flagged():
    # A death word in a condolence is sympathy; a sneer at a whole group needs no profanity.
    assert classify_toxicity("삼가 고인의 명복을 빕니다", "ko") is Toxicity.NONE
    assert classify_toxicity("역시 여자들은 다 저렇지", "ko") is not Toxicity.NONE
