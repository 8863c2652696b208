"""Chapters found in a transcript by topic shift, checked against where the topics really change."""

from __future__ import annotations

from services.summary.engines.local.sentences import split_transcript
from services.summary.engines.local.similarity import build_space
from services.summary.engines.local.topic_segments import topic_chapters
from tubelens.domain import Transcript, TranscriptCue

BREAD = [
    "Sourdough bread starts with a lively starter made from flour and water.",
    "Feed the starter with fresh flour every morning so the yeast stays active.",
    "A healthy starter doubles in the jar within six hours of feeding.",
    "Mix the bread flour, water and a spoon of starter into a shaggy dough.",
    "Let the dough rest so the flour absorbs the water before adding salt.",
    "Stretch and fold the dough every half hour to build gluten strength.",
    "The dough should feel smooth, airy and slightly sticky after folding.",
    "Shape the dough into a tight ball and place it in a floured basket.",
    "Proof the loaf overnight in the fridge for a deeper sour flavour.",
    "Score the loaf with a sharp blade so the bread can rise in the oven.",
    "Bake the bread in a hot dutch oven with the lid on for steam.",
    "Remove the lid so the crust turns deep brown and crackly.",
    "Let the loaf cool completely before slicing the bread.",
    "A good crumb shows open holes and a glossy texture from the starter.",
]
TELESCOPE = [
    "Now let us talk about choosing a telescope for watching the night sky.",
    "A reflector telescope uses a mirror to gather faint starlight from galaxies.",
    "The aperture of the telescope mirror decides how many stars you can see.",
    "Mount the telescope on a steady tripod so the planets do not shake.",
    "Jupiter and its four bright moons are easy targets through any telescope.",
    "Saturn shows its rings clearly at modest magnification on a clear night.",
    "Let your eyes adapt to the darkness for twenty minutes before observing stars.",
    "Light pollution from cities hides the faint galaxies and nebulae.",
    "A star chart or planetarium app helps you find constellations in the sky.",
    "The moon looks spectacular near its terminator where craters cast shadows.",
    "Eyepieces with long focal length give wide views of star clusters.",
    "Collimate the telescope mirror so stars look like sharp points of light.",
    "Keep the telescope outside to cool down before a night of observing.",
    "Winter nights offer crisp air and steady views of the planets and stars.",
]
BICYCLE = [
    "Finally, here is how to keep your bicycle chain and gears running smoothly.",
    "Clean the bicycle chain with a degreaser and an old brush after muddy rides.",
    "Dry the chain with a rag before applying a thin coat of lubricant.",
    "Wipe excess lubricant from the chain so dirt does not stick to the gears.",
    "Check the tyre pressure with a pump gauge before every bicycle ride.",
    "Inspect the brake pads for wear and replace them when the grooves vanish.",
    "Adjust the brake cable tension so the levers feel firm under your fingers.",
    "Shift through all the gears to hear whether the derailleur needs tuning.",
    "Turn the barrel adjuster a quarter turn when the chain skips on a cog.",
    "Tighten the stem and handlebar bolts with a torque wrench.",
    "Spin each wheel to spot a wobble that means the spokes need truing.",
    "Replace a stretched chain early to save the cassette and chainrings.",
    "Store the bicycle indoors so the chain and cables do not rust.",
    "A regular tune up keeps the bicycle safe, quiet and fast on the road.",
]
SECONDS_PER_SENTENCE = 10.0
DURATION = SECONDS_PER_SENTENCE * len(BREAD + TELESCOPE + BICYCLE)


def segment(sentences, duration):
    return topic_chapters(sentences, build_space([s.text for s in sentences], "en"), duration, "en")


def three_topic_transcript() -> Transcript:
    """One sentence per 10 s, cut into cues of six words so sentences straddle cues."""
    words: list[tuple[str, float]] = []
    for index, sentence in enumerate(BREAD + TELESCOPE + BICYCLE):
        tokens = sentence.split()
        step = SECONDS_PER_SENTENCE / len(tokens)
        begins = index * SECONDS_PER_SENTENCE
        words += [(token, begins + i * step) for i, token in enumerate(tokens)]
    cues = []
    for first in range(0, len(words), 6):
        chunk = words[first : first + 6]
        end = words[first + 6][1] if first + 6 < len(words) else chunk[-1][1] + 1.0
        cues.append(TranscriptCue(chunk[0][1], end, " ".join(token for token, _ in chunk)))
    return Transcript("en", tuple(cues))


def test_boundaries_fall_where_the_topic_changes():
    chapters = segment(split_transcript(three_topic_transcript()), DURATION)
    assert len(chapters) >= 3
    starts = [c.start for c in chapters]
    assert starts[0] == 0.0 and starts == sorted(set(starts))
    assert [c.end for c in chapters] == [*starts[1:], DURATION]
    true_changes = [SECONDS_PER_SENTENCE * n for n in (len(BREAD), len(BREAD + TELESCOPE))]
    for change in true_changes:  # within two sentences of each real topic change
        assert min(abs(start - change) for start in starts[1:]) <= 2 * SECONDS_PER_SENTENCE


def test_chapter_titles_come_from_the_chapter_words():
    chapters = segment(split_transcript(three_topic_transcript()), DURATION)
    first, last = chapters[0].title.lower(), chapters[-1].title.lower()
    assert any(word in first for word in ("starter", "dough", "bread", "flour", "loaf"))
    assert any(word in last for word in ("bicycle", "chain", "brake", "gears"))


def test_too_short_for_three_chapters_gives_none():
    cues = tuple(TranscriptCue(i * 4.0, i * 4.0 + 4.0, s) for i, s in enumerate(BREAD[:6]))
    assert segment(split_transcript(Transcript("en", cues)), 24.0) == []
