import pytest

from services.comments.domain import Sentiment
from services.comments.engines.local.reading import read_comment
from services.comments.engines.local.themes import find_themes
from tubelens.domain import Comment

FLOUR = [
    "Which flour brand do you use for this bread?",
    "Bread flour or all purpose flour works?",
    "I used whole wheat flour and it was dense",
    "Rye flour makes the flavour so much better",
    "Can I swap the flour for spelt flour?",
    "My flour absorbs more water than yours",
    "Strong bread flour is the secret here",
    "The flour you used is hard to find in my country",
]
AUDIO = [
    "The audio is too quiet, I could not hear the voice",
    "Background music drowns the voice, fix the audio",
    "Audio levels are off in the middle part",
    "Could barely hear the voice over the music",
    "Please turn the music down, the voice is too quiet",
    "The audio mix needs work, music too loud",
    "Voice audio is so low compared to the music",
    "Music louder than the voice again",
]


def _read(texts: list[str]):
    comments = [Comment(id=f"c{i}", text=text, like_count=i) for i, text in enumerate(texts)]
    return [read_comment(comment) for comment in comments]


def test_two_clear_topics_become_two_themes_with_real_representatives():
    read = _read(FLOUR + AUDIO)
    themes = find_themes(read, max_themes=6)
    assert len(themes) == 2
    by_id = {item.comment.id: item.comment.text for item in read}
    flour = next(theme for theme in themes if "flour" in theme.keywords)
    audio = next(theme for theme in themes if {"audio", "voice"} & set(theme.keywords))
    assert all("flour" in by_id[i].lower() for i in flour.representative_comment_ids)
    assert all(i in by_id for i in audio.representative_comment_ids)
    assert "flour" in flour.label
    assert flour.comment_count + audio.comment_count == len(read)
    assert sum(theme.share for theme in themes) == pytest.approx(1.0)
    assert flour.sentiment.positive + flour.sentiment.neutral + flour.sentiment.negative == (
        pytest.approx(1.0)
    )


def test_max_themes_is_respected():
    oven = [f"Oven temperature question number {i} about the oven" for i in range(8)]
    texts = FLOUR + AUDIO + oven
    assert len(find_themes(_read(texts), max_themes=1)) == 1
    assert len(find_themes(_read(texts), max_themes=2)) <= 2


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_tiny_inputs_do_not_crash(count):
    themes = find_themes(_read(FLOUR[:count]), max_themes=6)
    assert len(themes) == 1
    assert themes[0].comment_count == count
    assert themes[0].keywords


def test_comments_without_content_words_are_not_themed():
    read = _read(["❤️❤️", "ㅋㅋㅋ", "!!!"])
    assert find_themes(read, max_themes=6) == ()


def test_theme_sentiment_counts_member_polarities():
    read = _read(["Terrible flour, awful bread", "Wonderful flour, great bread"])
    (theme,) = find_themes(read, max_themes=6)
    assert theme.sentiment.positive == pytest.approx(0.5)
    assert theme.sentiment.negative == pytest.approx(0.5)
    assert {item.sentiment for item in read} == {Sentiment.POSITIVE, Sentiment.NEGATIVE}
