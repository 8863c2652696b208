"""What each model batch gave back, and the coverage of an analysis built from the batches.

Batches succeed or fail on their own: one blocked or unreadable batch must not throw away the
others, which were answered and billed. These helpers count what was dropped and why.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from services.comments.domain import CommentsCoverage
from services.comments.engines.gemini.schema import CommentsBatchOut
from tubelens.domain import Comment
from tubelens.errors import TubeLensError
from tubelens.gemini import Usage

NOT_JUDGED = "NOT_JUDGED"  # the model answered but left the comment out


@dataclass(frozen=True, slots=True)
class BatchResult:
    """One batch's answer, or the error that ended it; usage counts failed tries too."""

    comments: tuple[Comment, ...]
    usage: Usage
    out: CommentsBatchOut | None = None
    error: TubeLensError | None = None


def coverage(results: list[BatchResult], analysed: int) -> CommentsCoverage:
    """Coverage of the batches' comments; comments not in a failed batch nor judged are
    NOT_JUDGED."""
    sent = sum(len(result.comments) for result in results)
    failed = [result for result in results if result.error is not None]
    dropped: Counter[str] = Counter()
    for result in failed:
        assert result.error is not None
        dropped[result.error.reason] += len(result.comments)
    if skipped := sent - analysed - sum(dropped.values()):
        dropped[NOT_JUDGED] += skipped
    by_reason = tuple(sorted(dropped.items(), key=lambda item: (-item[1], item[0])))
    return CommentsCoverage(
        sent=sent,
        analysed=analysed,
        dropped_by_reason=by_reason,
        batches=len(results),
        batches_failed=len(failed),
        note=_note(sent, analysed, failed, skipped),
    )


def most_telling(failed: list[BatchResult]) -> TubeLensError:
    """The error to raise when no batch came back: that of the reason that cost the most
    comments (the first such batch's), so the caller acts on the main cause."""
    costs: Counter[str] = Counter()
    for result in failed:
        assert result.error is not None
        costs[result.error.reason] += len(result.comments)
    top = max(costs.values())
    for result in failed:
        assert result.error is not None
        if costs[result.error.reason] == top:
            return result.error
    raise ValueError("most_telling needs at least one failed batch")


def _note(sent: int, analysed: int, failed: list[BatchResult], skipped: int) -> str:
    if analysed >= sent:
        return ""
    causes = [_cause(reason, batches) for reason, batches in _by_reason(failed).items()]
    if skipped:
        causes.append(f"the model left {skipped:,} comment(s) out of its answers")
    return (
        f"{sent - analysed:,} of {sent:,} comments sent to Gemini could not be read: "
        f"{'; '.join(causes)}. The analysis covers the other {analysed:,}."
    )


def _by_reason(failed: list[BatchResult]) -> dict[str, list[TubeLensError]]:
    grouped: dict[str, list[TubeLensError]] = {}
    for result in failed:
        assert result.error is not None
        grouped.setdefault(result.error.reason, []).append(result.error)
    return grouped


def _cause(reason: str, errors: list[TubeLensError]) -> str:
    batches = f"{len(errors)} batch" + ("es" if len(errors) > 1 else "")
    if reason == "MODEL_BLOCKED":
        whys = sorted(
            {
                e.metadata.get("block_reason") or e.metadata.get("finish_reason") or "safety"
                for e in errors
            }
        )
        return f"Gemini blocked {batches} for {', '.join(whys)}"
    if reason == "MODEL_OUTPUT_INVALID":
        return f"Gemini's answer for {batches} was unusable even when asked again"
    if reason == "GEMINI_UNAVAILABLE":
        return f"Gemini was unavailable for {batches}"
    if reason == "GEMINI_RATE_LIMITED":
        return f"Gemini's rate limit stopped {batches}"
    return f"{batches} failed ({reason})"
