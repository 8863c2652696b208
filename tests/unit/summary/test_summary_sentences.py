"""Sentence splitting across caption cues, in English and Korean, with and without punctuation."""

from __future__ import annotations

import pytest

from services.summary.engines.local.endings import ends_korean_sentence, ends_with_terminal
from services.summary.engines.local.sentences import readable, split_text, split_transcript
from tubelens.domain import Transcript, TranscriptCue


def transcript(language: str, *cues: tuple[float, float, str]) -> Transcript:
    return Transcript(language, tuple(TranscriptCue(start, end, text) for start, end, text in cues))


def test_sentences_cross_cues_and_keep_the_start_of_the_cue_they_begin_in():
    sentences = split_transcript(
        transcript(
            "en",
            (0.0, 3.0, "Today we bake a loaf of sourdough"),
            (3.0, 6.0, "bread at home. First, feed the"),
            (6.0, 9.0, "starter with flour and water. Is it ready?"),
        )
    )
    assert [s.text for s in sentences] == [
        "Today we bake a loaf of sourdough bread at home.",
        "First, feed the starter with flour and water.",
        "Is it ready?",
    ]
    assert [(s.start, s.end) for s in sentences] == [(0.0, 6.0), (3.0, 9.0), (6.0, 9.0)]


def test_abbreviations_do_not_end_a_sentence():
    sentences = split_transcript(
        transcript("en", (0.0, 4.0, "Dr. Smith tested rye, e.g. spelt flour."), (4.0, 5.0, "Done."))
    )
    assert [s.text for s in sentences] == ["Dr. Smith tested rye, e.g. spelt flour.", "Done."]


def test_korean_sentences_split_at_punctuation_and_at_verb_endings():
    sentences = split_transcript(
        transcript(
            "ko",
            (0.0, 3.0, "오늘은 집에서 달고나 커피를 만들어 볼게요. 먼저 설탕과"),
            (3.0, 6.0, "커피를 같은 양으로 넣습니다 그리고 400번 정도 저어 주세요"),
            (6.0, 9.0, "정말 쉽죠? 거품이 생기면 우유에 올리면 됩니다!"),
        )
    )
    assert [s.text for s in sentences] == [
        "오늘은 집에서 달고나 커피를 만들어 볼게요.",
        "먼저 설탕과 커피를 같은 양으로 넣습니다",
        "그리고 400번 정도 저어 주세요",
        "정말 쉽죠?",
        "거품이 생기면 우유에 올리면 됩니다!",
    ]
    assert [s.start for s in sentences] == [0.0, 0.0, 3.0, 6.0, 6.0]


def test_korean_auto_captions_without_punctuation_split_at_endings():
    sentences = split_transcript(
        transcript(
            "ko",
            (0.0, 2.0, "우유를 피처에 부어 주세요 그다음"),
            (2.0, 4.0, "스팀 노즐을 넣고 공기를 넣어요 이게"),
            (4.0, 6.0, "제일 중요한 단계입니다"),
        )
    )
    assert [(s.text, s.start) for s in sentences] == [
        ("우유를 피처에 부어 주세요", 0.0),
        ("그다음 스팀 노즐을 넣고 공기를 넣어요", 0.0),
        ("이게 제일 중요한 단계입니다", 2.0),
    ]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("넣어요", True),
        ("맛있죠", True),
        ("좋습니다.", True),
        ("했다", True),
        ("됩니까", True),
        ("필요", False),
        ("생각보다", False),
        ("그러니까", False),
        ("넣어요,", False),
        ("요", False),
        ("coffee", False),
    ],
)
def test_korean_sentence_endings(word, expected):
    assert ends_korean_sentence(word) is expected


def test_terminal_punctuation():
    assert all(ends_with_terminal(word) for word in ("ready?", '"done."', "끝。"))
    assert not ends_with_terminal("e.g.") and not ends_with_terminal("3.5")


def test_unpunctuated_auto_captions_split_at_pauses():
    sentences = split_transcript(
        transcript(
            "en",
            (0.0, 2.5, "okay so first we mix the flour"),
            (2.5, 4.5, "and the water together"),
            (5.3, 7.0, "then we let it rest"),  # 0.8 s of silence before it
            (7.0, 9.0, "for about an hour"),
        )
    )
    assert [(s.text, s.start) for s in sentences] == [
        ("okay so first we mix the flour and the water together", 0.0),
        ("then we let it rest for about an hour", 5.3),
    ]


def test_run_on_captions_are_cut_into_bounded_sentences():
    cues = [(i * 2.0, i * 2.0 + 2.0, f"word{i}a word{i}b word{i}c word{i}d") for i in range(30)]
    sentences = split_transcript(transcript("en", *cues))
    assert len(sentences) >= 6
    assert all(len(s.text.split()) <= 20 for s in sentences)


def test_rolling_caption_repeats_and_noise_are_removed():
    sentences = split_transcript(
        transcript(
            "en",
            (0.0, 2.0, "[Music]"),
            (2.0, 4.0, "welcome back to my kitchen today"),
            (4.0, 6.0, "to my kitchen today we make bread"),
            (6.0, 8.0, "to my kitchen today we make bread"),
        )
    )
    assert " ".join(s.text for s in sentences) == "welcome back to my kitchen today we make bread"
    assert sentences[0].start == 2.0


def test_split_text_splits_lines_and_sentences():
    text = "A slow sourdough. It takes two days!\n\n맛있는 빵을 만들어요 정말 쉬워요\nNo end mark"
    assert split_text(text) == [
        "A slow sourdough.",
        "It takes two days!",
        "맛있는 빵을 만들어요",
        "정말 쉬워요",
        "No end mark",
    ]


def test_readable_capitalises_and_closes_sentences():
    assert readable("then we   wait,") == "Then we wait."
    assert readable("Is it ready?") == "Is it ready?"
    assert readable("정말 쉬워요") == "정말 쉬워요."
