"""video.json and comments.jsonl against their strict schemas: every malformed field is
InvalidInput naming the file, the line (comments) and the field."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToJson

from tubelens import bundles, convert
from tubelens.bundles import MAX_COUNT, ReadLimits
from tubelens.errors import InvalidInput

from .conftest import MakeBundle

COUNT_RULE = "must be a whole number from 0 to 9,223,372,036,854,775,807"


def header_error(make_bundle: MakeBundle, content: str | bytes) -> InvalidInput:
    bundle = make_bundle(video_json=content)
    with pytest.raises(InvalidInput) as caught:
        bundles.load_header(bundle)
    assert caught.value.reason == "BUNDLE_INVALID"
    assert caught.value.message.startswith("The bundle's video.json")
    assert str(bundle) not in caught.value.message
    return caught.value


@pytest.mark.parametrize(
    ("content", "field", "words"),
    [
        ('{"title": "t", "view_count": 1180591620717411303424}', "view_count", COUNT_RULE),
        ('{"title": "t", "like_count": 1e999}', "like_count", COUNT_RULE),
        ('{"title": "t", "like_count": -1}', "like_count", COUNT_RULE),
        ('{"title": "t", "like_count": NaN}', "like_count", COUNT_RULE),
        ('{"title": "t", "like_count": Infinity}', "like_count", COUNT_RULE),
        ('{"title": "t", "comment_count": 2.5}', "comment_count", COUNT_RULE),
        ('{"title": "t", "comment_count": "12"}', "comment_count", "(found a string)"),
        ('{"title": "t", "view_count": true}', "view_count", "(found true or false)"),
        ('{"title": ["a", "b"]}', "title", "must be a string (found a list)"),
        ('{"title": {"en": "a"}}', "title", "must be a string (found an object)"),
        ('{"title": null}', "title", "must be a string (found null)"),
        ('{"title": "t", "tags": "a, b"}', "tags", "list of at most 500 strings"),
        ('{"title": "t", "tags": ["a", 1]}', "tags[1]", "(found a number)"),
        ('{"title": "t", "duration": 754}', "duration", "ISO 8601 duration"),
        ('{"title": "t", "duration": "P99999999999999D"}', "duration", "30 days"),
        ('{"title": "t", "duration": "PT12 minutes"}', "duration", "ISO 8601 duration"),
        ('{"title": "t", "published_at": "2026-03-14T15:00:00"}', "published_at", "timezone"),
        ('{"title": "t", "published_at": "0001-01-01T00:00:00+01:00"}', "published_at", "years"),
        ('{"title": "t", "published_at": "9999-12-31T23:00:00-05:00"}', "published_at", "years"),
        ('{"channel": "c"}', "title", "is required"),
    ],
)
def test_a_malformed_field_is_named(
    make_bundle: MakeBundle, content: str, field: str, words: str
) -> None:
    error = header_error(make_bundle, content)
    assert f"field {field}:" in error.message
    assert words in error.message
    assert error.metadata["field"] == field


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"title": "caf\xe9"}', "not UTF-8 text"),
        (b'{"title": "a"}\n\x00', "NUL byte"),
        ('{"title": "t", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "recursion limit"),
        ('{"title": "\\ud800"}', "not valid JSON"),
        ('{"title": "t"', "not valid JSON"),
        ('["title"]', "must hold a JSON object (found a list)"),
    ],
)
def test_a_broken_document_is_invalid_input(
    make_bundle: MakeBundle, content: str | bytes, words: str
) -> None:
    assert words in header_error(make_bundle, content).message


def test_a_text_field_over_its_limit_names_the_setting(
    make_bundle: MakeBundle, small_limits: ReadLimits
) -> None:
    bundle = make_bundle(video_json={"title": "t", "description": "d" * 101})
    with pytest.raises(InvalidInput) as caught:
        bundles.load_header(bundle, small_limits)
    assert "101 characters in field description" in caught.value.message
    assert "TUBELENS_LIMIT_TEXT_FIELD_CHARS" in caught.value.message


def test_an_oversized_video_json_is_refused_by_size(
    make_bundle: MakeBundle, small_limits: ReadLimits
) -> None:
    bundle = make_bundle(video_json={"title": "t", "description": "d" * 5000})
    with pytest.raises(InvalidInput) as caught:
        bundles.load_header(bundle, small_limits)
    assert caught.value.reason == "BUNDLE_FILE_TOO_LARGE"
    assert "TUBELENS_BUNDLE_MAX_METADATA_KB" in caught.value.message


def test_the_largest_accepted_values_render_as_proto3_json(make_bundle: MakeBundle) -> None:
    header = {
        "title": "t",
        "duration": "P30D",
        "published_at": "9999-12-31T23:59:59.999999Z",
        "view_count": MAX_COUNT,
        "like_count": MAX_COUNT,
        "comment_count": 0,
        "tags": ["\x00"],
    }
    metadata, _ = bundles.load_header(make_bundle(video_json=header))
    rendered = json.loads(MessageToJson(convert.metadata_to_proto(metadata)))
    assert rendered["duration"] == "2592000s"
    assert rendered["viewCount"] == str(MAX_COUNT)
    assert rendered["publishedAt"].startswith("9999-12-31T23:59:59")


def test_times_are_kept_in_utc(make_bundle: MakeBundle) -> None:
    header = {"title": "t", "published_at": "2026-03-14T15:00:00+09:00"}
    metadata, _ = bundles.load_header(make_bundle(video_json=header))
    assert metadata.published_at == datetime(2026, 3, 14, 6, tzinfo=UTC)


def comments_error(bundle: Path, limits: ReadLimits | None = None) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        bundles.load_comments(bundle, limits)
    assert caught.value.message.startswith("The bundle's comments.jsonl")
    return caught.value


def test_a_bad_comment_names_its_line_and_field(make_bundle: MakeBundle) -> None:
    lines = ['{"id": "a", "text": "ok"}', "", '{"id": "b", "text": "x", "like_count": 2e70}']
    error = comments_error(make_bundle(comments_jsonl="\n".join(lines)))
    assert error.message == (
        f"The bundle's comments.jsonl, line 3, field like_count: {COUNT_RULE} (found a number)."
    )
    assert (error.metadata["line"], error.metadata["field"]) == ("3", "like_count")


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (b'{"id": "b", "text": "\xc3\x28"}', "line 2: not UTF-8 text"),
        (b'{"id": "b", "text": ["a"]}', "line 2, field text: must be a string (found a list)"),
        (b'{"id": "", "text": "x"}', "line 2, field id: must be a non-empty string"),
        (b'{"text": "x"}', "line 2, field id: is required"),
        (b'{"id": "b", "text": "x", "published_at": "yesterday"}', "line 2, field published_at"),
        (b'{"id": "b", "text": "x"', "line 2: not valid JSON (EOF while parsing an object at col"),
        (b'{"id": ' * 300 + b"1", "line 2: not valid JSON (recursion limit exceeded"),
        (b'"just text"', "line 2: must hold a JSON object (found a string)"),
    ],
)
def test_a_broken_comment_line_is_invalid_input(
    make_bundle: MakeBundle, line: bytes, words: str
) -> None:
    bundle = make_bundle(comments_jsonl=b'{"id": "a", "text": "ok"}\n' + line + b"\n")
    assert words in comments_error(bundle).message


def test_comment_counts_and_lengths_are_bounded(
    make_bundle: MakeBundle, small_limits: ReadLimits
) -> None:
    many = "".join(f'{{"id": "{n}", "text": "hi"}}\n' for n in range(6))
    error = comments_error(make_bundle("many", comments_jsonl=many), small_limits)
    assert "line 6" in error.message and "TUBELENS_BUNDLE_MAX_COMMENT_LINES" in error.message

    long = '{"id": "a", "text": "%s"}\n' % ("x" * 51)
    error = comments_error(make_bundle("long", comments_jsonl=long), small_limits)
    assert "a comment of 51 characters" in error.message
    assert "TUBELENS_LIMIT_COMMENT_CHARS" in error.message


def test_valid_comments_are_read(make_bundle: MakeBundle) -> None:
    lines = [
        '{"id": "a", "text": "first", "like_count": 3, "published_at": "2026-01-02T03:04:05Z"}',
        '{"id": "b", "text": "reply", "parent_id": "a", "author": "x", "unknown": [1]}',
    ]
    comments = bundles.load_comments(make_bundle(comments_jsonl="\r\n".join(lines)))
    assert [(c.id, c.like_count, c.parent_id) for c in comments] == [("a", 3, ""), ("b", 0, "a")]
    assert comments[0].published_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_a_comment_line_over_1_mib_is_refused_before_parsing(make_bundle: MakeBundle) -> None:
    """Parsing JSON can take many times a line's size (a list of 16 million zeros takes ~0.5
    GB), so a line is bounded on its own, well below the file's limit."""
    huge = '{"id": "a", "text": "x", "z": [' + ",".join(["0"] * 600_000) + "]}\n"
    error = comments_error(make_bundle(comments_jsonl='{"id": "a", "text": "ok"}\n' + huge))
    assert "line 2: a line longer than 1,048,576 bytes" in error.message
