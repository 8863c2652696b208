"""CommentsService over gRPC: converts proto <-> domain and calls the engine."""

from __future__ import annotations

import grpc

from services.comments.domain import (
    CommentRef,
    CommentsAnalysis,
    CommentsCoverage,
    CommentsRequest,
    SentimentShares,
)
from services.comments.engines import CommentsEngine
from services.comments.label_protos import SENTIMENTS, add_labels_page, labels_wanted_from_proto
from tubelens import convert
from tubelens.limits import InputLimits
from tubelens.v1 import comments_pb2, comments_pb2_grpc

SERVICE_NAME = comments_pb2.DESCRIPTOR.services_by_name["CommentsService"].full_name


class CommentsServicer(comments_pb2_grpc.CommentsServiceServicer):
    def __init__(self, engine: CommentsEngine, limits: InputLimits | None = None) -> None:
        self._engine = engine
        self._limits = limits or InputLimits()

    async def AnalyzeComments(
        self, request: comments_pb2.AnalyzeCommentsRequest, context: grpc.aio.ServicerContext
    ) -> comments_pb2.AnalyzeCommentsResponse:
        self._limits.check_comments(request.comments)  # before any comment is converted
        domain_request = request_from_proto(request)
        self._limits.check_comment_texts(domain_request.comments)
        analysis, provenance = await self._engine.analyze(domain_request)
        return comments_pb2.AnalyzeCommentsResponse(
            result=analysis_to_proto(analysis), provenance=convert.provenance_to_proto(provenance)
        )


def request_from_proto(message: comments_pb2.AnalyzeCommentsRequest) -> CommentsRequest:
    return CommentsRequest(
        comments=tuple(convert.comment_from_proto(comment) for comment in message.comments),
        video=convert.metadata_from_proto(message.video) if message.HasField("video") else None,
        language=message.language,
        max_themes=message.max_themes,
        labels=labels_wanted_from_proto(message),
    )


def analysis_to_proto(analysis: CommentsAnalysis) -> comments_pb2.CommentsResult:
    result = _result_to_proto(analysis)
    if analysis.coverage is not None:
        result.coverage.CopyFrom(coverage_to_proto(analysis.coverage))
    if analysis.labels_page is not None:
        add_labels_page(result, analysis.labels_page)
    return result


def coverage_to_proto(coverage: CommentsCoverage) -> comments_pb2.CommentsCoverage:
    return comments_pb2.CommentsCoverage(
        comments_sent=coverage.sent,
        comments_analyzed=coverage.analysed,
        comments_dropped=coverage.dropped,
        dropped=[
            comments_pb2.DroppedComments(reason=reason, comment_count=count)
            for reason, count in coverage.dropped_by_reason
        ],
        batches=coverage.batches,
        batches_failed=coverage.batches_failed,
        note=coverage.note,
    )


def _result_to_proto(analysis: CommentsAnalysis) -> comments_pb2.CommentsResult:
    return comments_pb2.CommentsResult(
        total_comments=analysis.total_comments,
        analyzed_comments=analysis.analyzed_comments,
        sentiment=_shares(analysis.sentiment),
        like_weighted_sentiment=_shares(analysis.like_weighted_sentiment),
        themes=[
            comments_pb2.Theme(
                label=theme.label,
                keywords=theme.keywords,
                share=theme.share,
                sentiment=_shares(theme.sentiment),
                representative_comment_ids=theme.representative_comment_ids,
                comment_count=theme.comment_count,
            )
            for theme in analysis.themes
        ],
        questions=[_ref(ref) for ref in analysis.questions],
        spam_share=analysis.spam_share,
        spam_comment_ids=analysis.spam_comment_ids,
        language_mix=[
            comments_pb2.LanguageShare(
                language=mix.language, share=mix.share, comment_count=mix.comment_count
            )
            for mix in analysis.language_mix
        ],
        top_comments=[_ref(ref) for ref in analysis.top_comments],
        toxicity=comments_pb2.ToxicityShares(
            hate_share=analysis.toxicity.hate,
            offensive_share=analysis.toxicity.offensive,
            comment_ids=analysis.toxicity.comment_ids,
        ),
        requests=[_ref(ref) for ref in analysis.requests],
        sentiment_over_time=[
            comments_pb2.SentimentPeriod(
                start_hours=period.start_hours,
                end_hours=period.end_hours,
                comment_count=period.comment_count,
                sentiment=_shares(period.sentiment),
            )
            for period in analysis.sentiment_over_time
        ],
        disagreements=[
            comments_pb2.Disagreement(
                parent=_ref(item.parent), reply=_ref(item.reply), reason=item.reason
            )
            for item in analysis.disagreements
        ],
    )


def _shares(shares: SentimentShares) -> comments_pb2.SentimentDistribution:
    return comments_pb2.SentimentDistribution(
        positive=shares.positive, neutral=shares.neutral, negative=shares.negative
    )


def _ref(ref: CommentRef) -> comments_pb2.CommentRef:
    return comments_pb2.CommentRef(
        comment_id=ref.comment_id,
        author=ref.author,
        text=ref.text,
        like_count=ref.like_count,
        sentiment=SENTIMENTS[ref.sentiment],
    )
