from tubelens.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Sentiment(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SENTIMENT_UNSPECIFIED: _ClassVar[Sentiment]
    SENTIMENT_POSITIVE: _ClassVar[Sentiment]
    SENTIMENT_NEUTRAL: _ClassVar[Sentiment]
    SENTIMENT_NEGATIVE: _ClassVar[Sentiment]

class Toxicity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TOXICITY_UNSPECIFIED: _ClassVar[Toxicity]
    TOXICITY_NONE: _ClassVar[Toxicity]
    TOXICITY_OFFENSIVE: _ClassVar[Toxicity]
    TOXICITY_HATE: _ClassVar[Toxicity]
SENTIMENT_UNSPECIFIED: Sentiment
SENTIMENT_POSITIVE: Sentiment
SENTIMENT_NEUTRAL: Sentiment
SENTIMENT_NEGATIVE: Sentiment
TOXICITY_UNSPECIFIED: Toxicity
TOXICITY_NONE: Toxicity
TOXICITY_OFFENSIVE: Toxicity
TOXICITY_HATE: Toxicity

class AnalyzeCommentsRequest(_message.Message):
    __slots__ = ("video", "comments", "language", "max_themes", "labels")
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    MAX_THEMES_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    video: _common_pb2.VideoMetadata
    comments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Comment]
    language: str
    max_themes: int
    labels: CommentLabelsOptions
    def __init__(self, video: _Optional[_Union[_common_pb2.VideoMetadata, _Mapping]] = ..., comments: _Optional[_Iterable[_Union[_common_pb2.Comment, _Mapping]]] = ..., language: _Optional[str] = ..., max_themes: _Optional[int] = ..., labels: _Optional[_Union[CommentLabelsOptions, _Mapping]] = ...) -> None: ...

class CommentLabelsOptions(_message.Message):
    __slots__ = ("include", "offset", "limit")
    INCLUDE_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    include: bool
    offset: int
    limit: int
    def __init__(self, include: _Optional[bool] = ..., offset: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class AnalyzeCommentsResponse(_message.Message):
    __slots__ = ("result", "provenance")
    RESULT_FIELD_NUMBER: _ClassVar[int]
    PROVENANCE_FIELD_NUMBER: _ClassVar[int]
    result: CommentsResult
    provenance: _common_pb2.Provenance
    def __init__(self, result: _Optional[_Union[CommentsResult, _Mapping]] = ..., provenance: _Optional[_Union[_common_pb2.Provenance, _Mapping]] = ...) -> None: ...

class CommentLabels(_message.Message):
    __slots__ = ("comment_id", "sentiment", "sentiment_score", "spam", "spam_reasons", "toxicity", "is_question", "is_request", "language", "analyzed")
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_SCORE_FIELD_NUMBER: _ClassVar[int]
    SPAM_FIELD_NUMBER: _ClassVar[int]
    SPAM_REASONS_FIELD_NUMBER: _ClassVar[int]
    TOXICITY_FIELD_NUMBER: _ClassVar[int]
    IS_QUESTION_FIELD_NUMBER: _ClassVar[int]
    IS_REQUEST_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    ANALYZED_FIELD_NUMBER: _ClassVar[int]
    comment_id: str
    sentiment: Sentiment
    sentiment_score: float
    spam: bool
    spam_reasons: _containers.RepeatedScalarFieldContainer[str]
    toxicity: Toxicity
    is_question: bool
    is_request: bool
    language: str
    analyzed: bool
    def __init__(self, comment_id: _Optional[str] = ..., sentiment: _Optional[_Union[Sentiment, str]] = ..., sentiment_score: _Optional[float] = ..., spam: _Optional[bool] = ..., spam_reasons: _Optional[_Iterable[str]] = ..., toxicity: _Optional[_Union[Toxicity, str]] = ..., is_question: _Optional[bool] = ..., is_request: _Optional[bool] = ..., language: _Optional[str] = ..., analyzed: _Optional[bool] = ...) -> None: ...

class CommentLabelsPage(_message.Message):
    __slots__ = ("total", "offset", "truncated", "next_offset")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    NEXT_OFFSET_FIELD_NUMBER: _ClassVar[int]
    total: int
    offset: int
    truncated: bool
    next_offset: int
    def __init__(self, total: _Optional[int] = ..., offset: _Optional[int] = ..., truncated: _Optional[bool] = ..., next_offset: _Optional[int] = ...) -> None: ...

class SentimentDistribution(_message.Message):
    __slots__ = ("positive", "neutral", "negative")
    POSITIVE_FIELD_NUMBER: _ClassVar[int]
    NEUTRAL_FIELD_NUMBER: _ClassVar[int]
    NEGATIVE_FIELD_NUMBER: _ClassVar[int]
    positive: float
    neutral: float
    negative: float
    def __init__(self, positive: _Optional[float] = ..., neutral: _Optional[float] = ..., negative: _Optional[float] = ...) -> None: ...

class CommentRef(_message.Message):
    __slots__ = ("comment_id", "author", "text", "like_count", "sentiment")
    COMMENT_ID_FIELD_NUMBER: _ClassVar[int]
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    LIKE_COUNT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    comment_id: str
    author: str
    text: str
    like_count: int
    sentiment: Sentiment
    def __init__(self, comment_id: _Optional[str] = ..., author: _Optional[str] = ..., text: _Optional[str] = ..., like_count: _Optional[int] = ..., sentiment: _Optional[_Union[Sentiment, str]] = ...) -> None: ...

class Theme(_message.Message):
    __slots__ = ("label", "keywords", "share", "sentiment", "representative_comment_ids", "comment_count")
    LABEL_FIELD_NUMBER: _ClassVar[int]
    KEYWORDS_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    REPRESENTATIVE_COMMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    label: str
    keywords: _containers.RepeatedScalarFieldContainer[str]
    share: float
    sentiment: SentimentDistribution
    representative_comment_ids: _containers.RepeatedScalarFieldContainer[str]
    comment_count: int
    def __init__(self, label: _Optional[str] = ..., keywords: _Optional[_Iterable[str]] = ..., share: _Optional[float] = ..., sentiment: _Optional[_Union[SentimentDistribution, _Mapping]] = ..., representative_comment_ids: _Optional[_Iterable[str]] = ..., comment_count: _Optional[int] = ...) -> None: ...

class LanguageShare(_message.Message):
    __slots__ = ("language", "share", "comment_count")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    SHARE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    language: str
    share: float
    comment_count: int
    def __init__(self, language: _Optional[str] = ..., share: _Optional[float] = ..., comment_count: _Optional[int] = ...) -> None: ...

class ToxicityShares(_message.Message):
    __slots__ = ("hate_share", "offensive_share", "comment_ids")
    HATE_SHARE_FIELD_NUMBER: _ClassVar[int]
    OFFENSIVE_SHARE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    hate_share: float
    offensive_share: float
    comment_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, hate_share: _Optional[float] = ..., offensive_share: _Optional[float] = ..., comment_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class SentimentPeriod(_message.Message):
    __slots__ = ("start_hours", "end_hours", "comment_count", "sentiment")
    START_HOURS_FIELD_NUMBER: _ClassVar[int]
    END_HOURS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    start_hours: float
    end_hours: float
    comment_count: int
    sentiment: SentimentDistribution
    def __init__(self, start_hours: _Optional[float] = ..., end_hours: _Optional[float] = ..., comment_count: _Optional[int] = ..., sentiment: _Optional[_Union[SentimentDistribution, _Mapping]] = ...) -> None: ...

class Disagreement(_message.Message):
    __slots__ = ("parent", "reply", "reason")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    REPLY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    parent: CommentRef
    reply: CommentRef
    reason: str
    def __init__(self, parent: _Optional[_Union[CommentRef, _Mapping]] = ..., reply: _Optional[_Union[CommentRef, _Mapping]] = ..., reason: _Optional[str] = ...) -> None: ...

class CommentsResult(_message.Message):
    __slots__ = ("total_comments", "analyzed_comments", "sentiment", "like_weighted_sentiment", "themes", "questions", "spam_share", "spam_comment_ids", "language_mix", "top_comments", "toxicity", "requests", "sentiment_over_time", "disagreements", "coverage", "comment_labels", "comment_labels_page")
    TOTAL_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    ANALYZED_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    LIKE_WEIGHTED_SENTIMENT_FIELD_NUMBER: _ClassVar[int]
    THEMES_FIELD_NUMBER: _ClassVar[int]
    QUESTIONS_FIELD_NUMBER: _ClassVar[int]
    SPAM_SHARE_FIELD_NUMBER: _ClassVar[int]
    SPAM_COMMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_MIX_FIELD_NUMBER: _ClassVar[int]
    TOP_COMMENTS_FIELD_NUMBER: _ClassVar[int]
    TOXICITY_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_FIELD_NUMBER: _ClassVar[int]
    SENTIMENT_OVER_TIME_FIELD_NUMBER: _ClassVar[int]
    DISAGREEMENTS_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_LABELS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_LABELS_PAGE_FIELD_NUMBER: _ClassVar[int]
    total_comments: int
    analyzed_comments: int
    sentiment: SentimentDistribution
    like_weighted_sentiment: SentimentDistribution
    themes: _containers.RepeatedCompositeFieldContainer[Theme]
    questions: _containers.RepeatedCompositeFieldContainer[CommentRef]
    spam_share: float
    spam_comment_ids: _containers.RepeatedScalarFieldContainer[str]
    language_mix: _containers.RepeatedCompositeFieldContainer[LanguageShare]
    top_comments: _containers.RepeatedCompositeFieldContainer[CommentRef]
    toxicity: ToxicityShares
    requests: _containers.RepeatedCompositeFieldContainer[CommentRef]
    sentiment_over_time: _containers.RepeatedCompositeFieldContainer[SentimentPeriod]
    disagreements: _containers.RepeatedCompositeFieldContainer[Disagreement]
    coverage: CommentsCoverage
    comment_labels: _containers.RepeatedCompositeFieldContainer[CommentLabels]
    comment_labels_page: CommentLabelsPage
    def __init__(self, total_comments: _Optional[int] = ..., analyzed_comments: _Optional[int] = ..., sentiment: _Optional[_Union[SentimentDistribution, _Mapping]] = ..., like_weighted_sentiment: _Optional[_Union[SentimentDistribution, _Mapping]] = ..., themes: _Optional[_Iterable[_Union[Theme, _Mapping]]] = ..., questions: _Optional[_Iterable[_Union[CommentRef, _Mapping]]] = ..., spam_share: _Optional[float] = ..., spam_comment_ids: _Optional[_Iterable[str]] = ..., language_mix: _Optional[_Iterable[_Union[LanguageShare, _Mapping]]] = ..., top_comments: _Optional[_Iterable[_Union[CommentRef, _Mapping]]] = ..., toxicity: _Optional[_Union[ToxicityShares, _Mapping]] = ..., requests: _Optional[_Iterable[_Union[CommentRef, _Mapping]]] = ..., sentiment_over_time: _Optional[_Iterable[_Union[SentimentPeriod, _Mapping]]] = ..., disagreements: _Optional[_Iterable[_Union[Disagreement, _Mapping]]] = ..., coverage: _Optional[_Union[CommentsCoverage, _Mapping]] = ..., comment_labels: _Optional[_Iterable[_Union[CommentLabels, _Mapping]]] = ..., comment_labels_page: _Optional[_Union[CommentLabelsPage, _Mapping]] = ...) -> None: ...

class CommentsCoverage(_message.Message):
    __slots__ = ("comments_sent", "comments_analyzed", "comments_dropped", "dropped", "batches", "batches_failed", "note")
    COMMENTS_SENT_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_ANALYZED_FIELD_NUMBER: _ClassVar[int]
    COMMENTS_DROPPED_FIELD_NUMBER: _ClassVar[int]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    BATCHES_FIELD_NUMBER: _ClassVar[int]
    BATCHES_FAILED_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    comments_sent: int
    comments_analyzed: int
    comments_dropped: int
    dropped: _containers.RepeatedCompositeFieldContainer[DroppedComments]
    batches: int
    batches_failed: int
    note: str
    def __init__(self, comments_sent: _Optional[int] = ..., comments_analyzed: _Optional[int] = ..., comments_dropped: _Optional[int] = ..., dropped: _Optional[_Iterable[_Union[DroppedComments, _Mapping]]] = ..., batches: _Optional[int] = ..., batches_failed: _Optional[int] = ..., note: _Optional[str] = ...) -> None: ...

class DroppedComments(_message.Message):
    __slots__ = ("reason", "comment_count")
    REASON_FIELD_NUMBER: _ClassVar[int]
    COMMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    reason: str
    comment_count: int
    def __init__(self, reason: _Optional[str] = ..., comment_count: _Optional[int] = ...) -> None: ...
