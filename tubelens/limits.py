"""Input limits every server enforces before it reads or analyses anything (TUBELENS_LIMIT_*).

Each limit bounds what one call may make a process hold or compute, so the memory a pod needs
follows from the limits and the number of workers (DEPLOY.md, "Limits and memory"). Exceeding
one is the caller's to fix: InvalidInput naming the limit and its setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sized

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.domain import Comment, Transcript
from tubelens.errors import InvalidInput
from tubelens.settings import ENV_PREFIX

# YouTube's own ceilings: a comment holds at most 10,000 characters, a title 100, a
# description 5,000 bytes. Ours are generous multiples where a bundle may carry more.
YOUTUBE_COMMENT_CHARS = 10_000


class InputLimits(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=f"{ENV_PREFIX}LIMIT_", env_file=None, extra="ignore"
    )

    comments: int = Field(default=10_000, ge=1)  # comments in one call (and max_comments' cap)
    comment_chars: int = Field(default=YOUTUBE_COMMENT_CHARS, ge=1)  # characters in one comment
    cues: int = Field(default=20_000, ge=1)  # transcript cues: ~16 h of speech at 3 s a cue
    transcript_chars: int = Field(default=2_000_000, ge=1)  # characters of transcript text
    text_field_chars: int = Field(default=50_000, ge=1)  # a title, description or other text

    def check_comments(self, comments: Sized) -> None:
        if len(comments) > self.comments:
            raise too_many("comments", len(comments), self.comments, "LIMIT_COMMENTS")

    def check_comment_texts(self, comments: Iterable[Comment]) -> None:
        for comment in comments:
            if len(comment.text) > self.comment_chars:
                raise InvalidInput(
                    f"Comment {comment.id[:64]!r} has {len(comment.text):,} characters; at most "
                    f"{self.comment_chars:,} are accepted ({ENV_PREFIX}LIMIT_COMMENT_CHARS).",
                    reason="COMMENT_TOO_LONG",
                    metadata={"limit": str(self.comment_chars)},
                )

    def check_cues(self, count: int) -> None:
        if count > self.cues:
            raise too_many("transcript cues", count, self.cues, "LIMIT_CUES")

    def check_transcript(self, transcript: Transcript | None) -> None:
        if transcript is None:
            return
        self.check_cues(len(transcript.cues))
        chars = sum(len(cue.text) for cue in transcript.cues)
        if chars > self.transcript_chars:
            raise too_many(
                "characters of transcript", chars, self.transcript_chars, "LIMIT_TRANSCRIPT_CHARS"
            )

    def check_text(self, name: str, text: str) -> None:
        if len(text) > self.text_field_chars:
            raise too_many(
                f"characters in {name}", len(text), self.text_field_chars, "LIMIT_TEXT_FIELD_CHARS"
            )


def too_many(what: str, count: int, limit: int, setting: str) -> InvalidInput:
    """The error for an input over a limit: how many, the limit, and the setting that sets it."""
    return InvalidInput(
        f"The request has {count:,} {what}; at most {limit:,} are accepted "
        f"({ENV_PREFIX}{setting}).",
        reason="INPUT_TOO_LARGE",
        metadata={"limit": str(limit), "setting": f"{ENV_PREFIX}{setting}"},
    )
