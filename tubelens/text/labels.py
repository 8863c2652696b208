"""Everything the text layer says about each of many short texts (comments), in one pass.

`label_texts` is the one entry point the comments analysis, the comment-section summary and
the per-comment labels in the API read: each text is classified once per analysis. It gives
the same answers as the per-text functions (read_sentiment, classify_toxicity, spam_reasons,
is_question, is_request, detect_language), which stay for single texts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tubelens.text.language import detect_language
from tubelens.text.questions import is_question
from tubelens.text.requests import is_request
from tubelens.text.sentiment import Polarity, read_sentiment
from tubelens.text.spam import spam_reasons
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


def label_texts(texts: Sequence[str]) -> list[TextLabels]:
    """The labels of every text, in order (identical texts are read once)."""
    seen: dict[str, TextLabels] = {}
    labels: list[TextLabels] = []
    for text in texts:
        found = seen.get(text)
        if found is None:
            found = seen[text] = label_text(text)
        labels.append(found)
    return labels
