"""label_texts (the batch path) says what the per-text functions say, for the committed models."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tubelens.text import labels as labels_module
from tubelens.text import tokens as tokens_module
from tubelens.text.features import feature_names, hashed_counts, morpheme_text
from tubelens.text.labels import TextLabels, label_text, label_texts
from tubelens.text.morphology import analyse_many, tagged_morphemes
from tubelens.text.tokens import tokenize, tokenize_many


def _sample_texts(samples: Path) -> list[str]:
    return [
        json.loads(line)["text"]
        for path in sorted(samples.glob("*/comments.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def _shared_texts(data: Path, per_file: int = 150) -> list[str]:
    texts: list[str] = []
    for relative in (
        "sentiment/en_tweeteval.tsv",
        "sentiment/ko_nsmc_dev.tsv",
        "toxicity/ko_kmhas.tsv",
        "spam/yt_psy.tsv",
    ):
        with (data / relative).open(encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts.extend(row["text"] for _, row in zip(range(per_file), rows, strict=False))
    return texts


def _assert_same(batch: list[TextLabels], texts: list[str]) -> None:
    for text, got in zip(texts, batch, strict=True):
        want = label_text(text)
        assert got.score == pytest.approx(want.score, abs=1e-6), text
        assert (got.language, got.polarity, got.toxicity) == (
            want.language,
            want.polarity,
            want.toxicity,
        ), text
        assert (got.spam_reasons, got.is_question, got.is_request) == (
            want.spam_reasons,
            want.is_question,
            want.is_request,
        ), text


def test_batch_labels_equal_the_per_text_functions_on_the_samples(samples, monkeypatch) -> None:
    texts = _sample_texts(samples)
    monkeypatch.setattr(labels_module, "CHUNK", 97)  # several chunks, one of them short
    _assert_same(label_texts(texts), texts)


def test_batch_labels_equal_the_per_text_functions_on_shared_data(shared_data) -> None:
    texts = _shared_texts(shared_data)
    _assert_same(label_texts(texts), texts)


def test_repeated_texts_are_labelled_once_and_kept_in_order() -> None:
    texts = ["정말 좋아요", "I love this", "정말 좋아요", "", "???"]
    labels = label_texts(texts)
    assert len(labels) == len(texts)
    assert labels[0] is labels[2]
    assert label_texts([]) == []


def test_kiwi_in_batches_reads_each_text_as_it_does_alone(samples) -> None:
    texts = [morpheme_text(text) for text in _sample_texts(samples)[-60:]]
    for text, tokens in zip(texts, analyse_many(texts), strict=True):
        assert tagged_morphemes(text, tokens) == tagged_morphemes(text)


def test_hashed_counts_merge_colliding_names_by_their_log_counts() -> None:
    names = feature_names("soooo good good good!!! ㅋㅋㅋ :)")
    indexes, values = hashed_counts(names)
    assert len(indexes) == len(set(indexes.tolist())) and values.min() >= 1.0


def test_tokenize_many_gives_what_tokenize_gives_one_text_at_a_time(samples) -> None:
    texts = [*_sample_texts(samples)[::3], "", "https://x.co @someone 커피 맛있어요"]
    languages = [label_text(text).language for text in texts]
    want = [tokenize(text, language, True) for text, language in zip(texts, languages, strict=True)]
    assert tokenize_many(texts, languages, morphemes=True) == want
    label_texts(texts, for_themes=True)  # analyses the morphemes ahead, in its thread
    assert tokens_module._AHEAD
    assert tokenize_many(texts, languages, morphemes=True) == want
    assert not tokens_module._AHEAD  # taken out once read


def test_korean_is_not_analysed_when_no_model_reads_morphemes(samples, monkeypatch) -> None:
    """Kiwi's analysis cost more CPU than the rest of the labelling: it runs only for a model
    that reads morphemes (the committed ones read none)."""
    from tubelens.text.label_models import reads_morphemes

    asked: list[int] = []
    monkeypatch.setattr(labels_module, "analyse_many", lambda texts: asked.append(len(texts)))
    texts = _sample_texts(samples)
    labels = label_texts(texts)
    assert reads_morphemes() == frozenset()
    assert asked == []
    _assert_same(labels, texts)
