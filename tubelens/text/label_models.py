"""The committed models' verdicts on many texts of one language at once (for labels.py).

Each text's features are named once per FeatureSet (sentiment_ko and toxicity_ko share one),
hashed into one sparse matrix, and every model reads it with one product. The decisions are
sentiment.decide and toxicity.decide_toxicity themselves, so thresholds live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from kiwipiepy import Token

from tubelens.text.batch_rows import hashed_matrix, probabilities_many, weighted_matrix
from tubelens.text.features import FeatureSet, feature_names
from tubelens.text.linear_model import load_model
from tubelens.text.morphology import tagged_morphemes
from tubelens.text.questions import only_asks
from tubelens.text.sentiment import Polarity, decide, lexicon_decides, lexicon_score
from tubelens.text.toxicity import Toxicity, decide_toxicity
from tubelens.text.trained import SPECS


@cache
def reads_morphemes() -> frozenset[str]:
    """The committed models whose features include Kiwi morphemes."""
    return frozenset(name for name in SPECS if load_model(name).features.morphemes)


def model_probabilities(
    names: Sequence[str],
    texts: Sequence[str],
    tokens: Sequence[Sequence[Token]] | None = None,
    extras: dict[str, list[dict[str, float]]] | None = None,
) -> dict[str, list[dict[str, float]]]:
    """Model name -> class probabilities of each text, as predict_probabilities gives them.

    `tokens`: each text's kiwipiepy analysis of features.morpheme_text(text), for models
    that read morphemes; `extras`: each model's dense extras when already computed.
    """
    counts: dict[FeatureSet, object] = {}
    found: dict[str, list[dict[str, float]]] = {}
    for name in names:
        model = load_model(name)
        matrix = counts.get(model.features)
        if matrix is None:
            rows = [
                feature_names(
                    text,
                    model.features,
                    tagged_morphemes(text, tokens[i])
                    if tokens and model.features.morphemes
                    else None,
                )
                for i, text in enumerate(texts)
            ]
            matrix = counts[model.features] = hashed_matrix(rows)
        model_extras = (extras or {}).get(name)
        if model_extras is None:
            model_extras = [SPECS[name].extras(text) for text in texts]
        shares = probabilities_many(model, weighted_matrix(matrix, model.idf, model_extras))
        found[name] = [
            dict(zip(model.classes, map(float, row), strict=True)) for row in shares.tolist()
        ]
    return found


def sentiment_and_toxicity(
    texts: Sequence[str], language: str, tokens: Sequence[Sequence[Token]] | None = None
) -> list[tuple[float, Polarity, Toxicity | None]]:
    """(score, polarity, toxicity) of English or Korean texts, as read_sentiment and
    classify_toxicity give them; toxicity None where no model reads it (English rules)."""
    sentiment = "sentiment_ko" if language == "ko" else "sentiment_en"
    toxicity = "toxicity_ko" if language == "ko" else None
    names = [sentiment] + ([toxicity] if toxicity else [])
    # The lexicon score reads the same extras as the sentiment model (VADER, the Korean
    # lexicon), cached per text by trained.py: asked right after them, they are computed once.
    extras: list[dict[str, float]] = []
    lexicons: list[float] = []
    for text in texts:
        extras.append(SPECS[sentiment].extras(text))
        lexicons.append(lexicon_score(text, language))
    found = model_probabilities(names, texts, tokens, {sentiment: extras})
    readings: list[tuple[float, Polarity, Toxicity | None]] = []
    for index, text in enumerate(texts):
        asks = only_asks(text, language)
        by_lexicon = lexicon_decides(text, language)
        score, polarity = decide(
            found[sentiment][index], lexicons[index], language, asks, by_lexicon
        )
        verdict = decide_toxicity(found[toxicity][index]) if toxicity else None
        readings.append((score, polarity, verdict))
    return readings
