from pathlib import Path

import numpy as np
import pytest

import tubelens.text.models as models_package
from tubelens.text.features import (
    DIMENSIONS,
    FeatureSet,
    feature_names,
    hashed_counts,
    weighted_row,
)
from tubelens.text.linear_model import load_model
from tubelens.text.morphology import korean_content_morphemes
from tubelens.text.tokens import tokenize
from tubelens.text.trained import SPECS, predict_probabilities

MODELS = Path(models_package.__file__).parent


def test_chat_markers_and_negation_become_features():
    names = feature_names("not good at all ㅋㅋㅋ lol!!! 😍")
    assert {"m:laugh", "m:bang3", "m:emoji+", "n:NOT_good", "w:good"} <= set(names)
    assert "n:NOT_good" not in feature_names("good, not bad")  # negation ends at the clause


def test_hashed_rows_are_stable_and_normalised():
    first = weighted_row(hashed_counts(feature_names("같은 문장")))
    second = weighted_row(hashed_counts(feature_names("같은 문장")))
    assert np.array_equal(first[0], second[0])
    assert np.linalg.norm(first[1]) == pytest.approx(1.0)
    assert first[0].max() < DIMENSIONS


@pytest.mark.parametrize("name", sorted(SPECS))
def test_committed_models_are_small_and_give_probabilities(name):
    path = MODELS / f"{name}.npz"
    assert path.stat().st_size < 3_000_000
    model = load_model(name)
    assert model.weights.shape[1] == DIMENSIONS
    scores = predict_probabilities(name, "정말 좋아요 really good")
    assert set(scores) == set(model.classes)
    assert sum(scores.values()) == pytest.approx(1.0)


def test_sentiment_models_tell_praise_from_complaint():
    assert predict_probabilities("sentiment_en", "I love it, brilliant!")["positive"] > 0.8
    assert predict_probabilities("sentiment_en", "awful, a waste of time")["negative"] > 0.8
    assert predict_probabilities("sentiment_ko", "최고의 영화 감동이에요")["positive"] > 0.8
    assert predict_probabilities("sentiment_ko", "시간 아깝다 최악")["negative"] > 0.8


def test_korean_morphemes_are_nouns_and_dictionary_form_adjectives():
    found = [m for _, m in korean_content_morphemes("라떼아트를 만들었어요 우유는 맛있어요")]
    assert found == ["라떼아트", "우유", "맛있다"]
    assert tokenize("라떼아트를 만들었어요 milk 우유는", "ko", morphemes=True) == [
        "milk",
        "라떼아트",
        "우유",
    ]


def test_korean_feature_set_sees_across_spaces_and_morphemes():
    korean = FeatureSet(char_range=(1, 4), cross_range=(2, 5), morphemes=True)
    spaced, joined = feature_names("안 좋아요", korean), feature_names("안좋아요", korean)
    assert "x:안 좋" in spaced  # the phrase, spacing kept as one piece
    assert not any(name.startswith("x:") for name in joined)  # nothing crosses a space
    # Either spacing yields the negating adverb as a morpheme, so both share that feature.
    assert "k:안/MA" in spaced and "k:안/MA" in joined
    assert not any(name.startswith(("x:", "k:")) for name in feature_names("안 좋아요"))


def test_feature_sets_survive_the_model_file():
    for spec in SPECS.values():
        assert FeatureSet.from_array(spec.features.as_array()) == spec.features
        assert load_model(spec.name).features == spec.features
