"""Everything the text layer says about each of many short texts (comments), in one pass.

`label_texts` is the one entry point the comments analysis, the comment-section summary and
the per-comment labels in the API read: each text is classified once per analysis. It gives
the same answers as the per-text functions (read_sentiment, classify_toxicity, spam_reasons,
is_question, is_request, detect_language), which stay for single texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tubelens.text.features import morpheme_text
from tubelens.text.label_models import reads_morphemes, sentiment_and_toxicity
from tubelens.text.language import detect_language
from tubelens.text.morphology import analyse_many
from tubelens.text.questions import is_question
from tubelens.text.requests import is_request
from tubelens.text.sentiment import Polarity, read_sentiment
from tubelens.text.spam import spam_reasons
from tubelens.text.tokens import analyse_ahead
from tubelens.text.toxicity import Toxicity, classify_toxicity


@dataclass(frozen=True, slots=True)
class TextLabels:
    language: str  # ISO 639-1, or "und"
    polarity: Polarity
    score: float  # valence in [-1, 1]
    toxicity: Toxicity
    spam_reasons: tuple[str, ...]  # stable codes; empty when the text is not spam
    is_question: bool
    is_request: bool

    @property
    def is_spam(self) -> bool:
        return bool(self.spam_reasons)


def label_text(text: str) -> TextLabels:
    """The labels of one text."""
    language = detect_language(text)
    score, polarity = read_sentiment(text, language)
    return TextLabels(
        language=language,
        polarity=polarity,
        score=score,
        toxicity=classify_toxicity(text, language),
        spam_reasons=tuple(spam_reasons(text)),
        is_question=is_question(text, language),
        is_request=is_request(text, language),
    )


def label_texts(texts: Sequence[str], *, for_themes: bool = False) -> list[TextLabels]:
    """The labels of every text, in order (identical texts are read once).

    Texts are read in chunks: the model rows and morphemes of one chunk at a time are held.
    `for_themes`: also analyse the texts' Korean content morphemes for a following
    tokens.tokenize_many(morphemes=True) (the comments' themes), on the core this thread
    leaves idle.
    """
    unique = list(dict.fromkeys(texts))
    found: dict[str, TextLabels] = {}
    with ThreadPoolExecutor(1, thread_name_prefix="kiwi") as analyser:
        for start in range(0, len(unique), CHUNK):
            chunk = unique[start : start + CHUNK]
            found.update(zip(chunk, _label_chunk(chunk, analyser), strict=True))
            if for_themes:
                analyser.submit(analyse_ahead, chunk)
    return [found[text] for text in texts]


_MORPHEME_MODELS = frozenset({"sentiment_ko", "toxicity_ko"})

# Texts labelled together: large enough that numpy and kiwipiepy's threads pay off, small
# enough that a chunk's sparse rows and morphemes stay a few megabytes.
CHUNK = 2048


def _label_chunk(texts: list[str], analyser: ThreadPoolExecutor) -> list[TextLabels]:
    languages = [detect_language(text) for text in texts]
    korean = [text for text, language in zip(texts, languages, strict=True) if language == "ko"]
    english = [text for text, language in zip(texts, languages, strict=True) if language == "en"]
    # kiwipiepy reads the Korean texts in its own threads (no GIL) while this one reads the rest,
    # but only for a model that reads morphemes: today's do not, and analysing every Korean
    # comment for nothing took more CPU than all the rest of the labelling.
    analysis = (
        analyser.submit(analyse_many, [morpheme_text(text) for text in korean])
        if korean and _MORPHEME_MODELS & reads_morphemes()
        else None
    )
    rules = [
        (tuple(spam_reasons(text)), is_question(text, language), is_request(text, language))
        for text, language in zip(texts, languages, strict=True)
    ]
    readings = dict(zip(english, sentiment_and_toxicity(english, "en"), strict=True))
    readings.update(
        zip(
            korean,
            sentiment_and_toxicity(korean, "ko", analysis.result() if analysis else None),
            strict=True,
        )
    )
    labels: list[TextLabels] = []
    for text, language, (spam, question, request) in zip(texts, languages, rules, strict=True):
        reading = readings.get(text)
        if reading is None:  # other languages: emoji only, no model
            score, polarity = read_sentiment(text, language)
            toxicity = classify_toxicity(text, language)
        else:
            score, polarity, model_toxicity = reading
            toxicity = model_toxicity or classify_toxicity(text, language)
        labels.append(TextLabels(language, polarity, score, toxicity, spam, question, request))
    return labels
