"""Key points: central, varied, in time order, and stamped where their sentence is spoken."""

from __future__ import annotations

import numpy as np

from services.summary.domain import SummarySource
from services.summary.engines.local.keypoints import key_point_count, pick_key_points
from services.summary.engines.local.sentences import split_transcript
from services.summary.engines.local.similarity import build_space, select_diverse, textrank
from tubelens.domain import Transcript, TranscriptCue

SENTENCES = [
    "Welcome back, today we bake a simple sourdough loaf at home.",
    "The sourdough starter needs flour and water every single day.",
    "Feed the sourdough starter the night before you mix the dough.",
    "A bubbly starter makes the sourdough dough rise well.",
    "Mix the flour, water, salt and starter until the dough comes together.",
    "My cat likes to sit on the windowsill while I work.",
    "Stretch and fold the dough four times during the bulk rise.",
    "The dough is ready when it has grown by about half.",
    "Shape the dough into a tight round loaf for the basket.",
    "Leave the loaf in the fridge overnight for a slow cold proof.",
    "Bake the loaf in a very hot dutch oven with the lid on.",
    "Take the lid off to brown the crust of the sourdough loaf.",
    "Let the bread cool for an hour before you cut it.",
    "Thanks for watching and see you next week.",
]


def cut_into_cues(sentences: list[str], words_per_cue: int = 5) -> Transcript:
    """Cues of a few words each, two seconds apart, so most sentences start mid-cue."""
    words = " ".join(sentences).split()
    cues = tuple(
        TranscriptCue(i * 2.0, i * 2.0 + 2.0, " ".join(words[first : first + words_per_cue]))
        for i, first in enumerate(range(0, len(words), words_per_cue))
    )
    return Transcript("en", cues)


def key_points(sentences, count):
    space = build_space([s.text for s in sentences], "en")
    return pick_key_points(
        sentences, space, textrank(space.similarity()), count, SummarySource.TRANSCRIPT
    )


def cue_where_sentence_begins(transcript: Transcript, sentence: str) -> TranscriptCue:
    """Find the sentence's opening words in the cue stream, independently of the engine."""

    def plain(word: str) -> str:
        return word.lower().strip(".,")

    words = [(plain(word), cue) for cue in transcript.cues for word in cue.text.split()]
    target = [plain(word) for word in sentence.split()[:4]]
    for position in range(len(words)):
        if [word for word, _ in words[position : position + len(target)]] == target:
            return words[position][1]
    raise AssertionError(f"sentence not in the transcript: {sentence!r}")


def test_key_points_are_stamped_where_their_sentence_starts():
    transcript = cut_into_cues(SENTENCES)
    sentences = split_transcript(transcript)
    points = key_points(sentences, 6)
    assert len(points) == 6
    for point in points:
        assert point.source is SummarySource.TRANSCRIPT
        assert point.text in SENTENCES  # extractive: a sentence of the transcript, verbatim
        assert point.start == cue_where_sentence_begins(transcript, point.text).start
    assert [p.start for p in points] == sorted(p.start for p in points)


def test_key_points_prefer_the_central_sentences_over_asides():
    transcript = cut_into_cues(SENTENCES)
    sentences = split_transcript(transcript)
    points = key_points(sentences, 5)
    texts = {p.text for p in points}
    assert "My cat likes to sit on the windowsill while I work." not in texts
    assert sum("dough" in t or "sourdough" in t or "loaf" in t for t in texts) >= 4


def test_diverse_selection_never_takes_a_sentence_twice():
    texts = [
        "Feed the starter with flour and water.",
        "Feed the starter with flour and water.",
        "Bake the loaf in a hot oven.",
        "Feed the starter flour and water daily.",
    ]
    space = build_space(texts, "en")
    similarity = space.similarity()
    chosen = select_diverse(textrank(similarity), similarity.toarray(), 3)
    assert len(chosen) == 3 and not {0, 1} <= set(chosen)


def test_closeness_in_time_counts_as_overlap():
    relevance = np.array([1.0, 0.95, 0.6])
    unrelated = np.eye(3)
    assert select_diverse(relevance, unrelated, 2) == [0, 1]
    same_moment = np.array([[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    assert select_diverse(relevance, unrelated, 2, proximity=same_moment) == [0, 2]


def test_key_points_spread_over_the_video():
    transcript = cut_into_cues(SENTENCES)
    points = key_points(split_transcript(transcript), 5)
    span = transcript.cues[-1].end
    assert points[0].start < span / 3 and points[-1].start > 2 * span / 3


def test_textrank_scores_add_up_to_one_and_favour_the_hub():
    space = build_space(
        ["starter flour water", "starter flour", "flour water", "telescope mirror"], "en"
    )
    scores = textrank(space.similarity())
    assert abs(scores.sum() - 1.0) < 1e-6
    assert scores.argmax() == 0 and scores[3] == scores.min()


def test_key_point_count_grows_with_length():
    assert [key_point_count(m * 60) for m in (3, 10, 20, 45)] == [5, 6, 7, 8]
