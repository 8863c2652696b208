"""The comments task's local work before the model is asked, run in a worker process: spam,
duplicates and budget (tubelens.gemini.comment_prep), and the language of each comment sent.

The worker gets plain rows and returns positions and language tags, not comments: pickling the
comments both ways cost the server more than the screening saved it. The language mix is counted
over the judged comments once the batches are back; detecting the languages here keeps that
per-character work off the server's event loop.
"""

from __future__ import annotations

from collections.abc import Sequence

from tubelens.domain import Comment
from tubelens.gemini.comment_prep import (
    PreparedComments,
    Row,
    Screened,
    prepared_from,
    screen,
    screening_rows,
)
from tubelens.text.language import detect_language
from tubelens.workers import Offload


def screen_with_languages(
    rows: Sequence[Row], token_budget: int
) -> tuple[Screened, tuple[str, ...]]:
    """Every comment screened, and the language of each kept one (in `kept` order)."""
    screened = screen(rows, token_budget)
    return screened, tuple(detect_language(rows[i][1]) for i in screened.kept)


async def prepare(
    offload: Offload, comments: tuple[Comment, ...], token_budget: int
) -> tuple[PreparedComments, dict[str, str]]:
    """The prepared comments, and the language of each kept comment by its text."""
    screened, languages = await offload(
        screen_with_languages, screening_rows(comments), token_budget
    )
    prepared = prepared_from(comments, screened)
    return prepared, {c.text: lang for c, lang in zip(prepared.kept, languages, strict=True)}
