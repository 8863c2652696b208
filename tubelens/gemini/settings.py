"""Gemini settings (TUBELENS_GEMINI_*), and the start-up check that credentials are there.

Defaults favour the cheapest current model that does each job well: Flash for video and images
(it reads both natively), Flash-Lite for bulk comment sentiment, Flash Image for the character.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AliasChoices, BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from tubelens.settings import ENV_PREFIX, StartupError

PREFIX = f"{ENV_PREFIX}GEMINI_"


class ModelLimit(BaseModel):
    """Per-model override of the concurrency and requests-per-minute limits."""

    concurrency: int = Field(ge=1)
    requests_per_minute: float = Field(gt=0)


class ModelPrice(BaseModel):
    """USD per million tokens; thinking tokens are billed as output."""

    input: float = Field(ge=0)
    output: float = Field(ge=0)
    image_output: float | None = Field(default=None, ge=0)  # None: as `output`


# Google's published paid-tier Gemini 2.5 prices (text/image/video input, standard context).
DEFAULT_PRICES = {
    "gemini-2.5-flash": ModelPrice(input=0.30, output=2.50),
    "gemini-2.5-flash-lite": ModelPrice(input=0.10, output=0.40),
    "gemini-2.5-flash-image": ModelPrice(input=0.30, output=2.50, image_output=30.00),
}


class OutputLimit(BaseModel):
    """Per-prompt override of the output token cap and the thinking budget."""

    max_output_tokens: int | None = Field(default=None, ge=1)
    thinking_budget: int | None = Field(default=None, ge=-1)


class GeminiSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_file=None, extra="ignore", populate_by_name=True
    )

    # Developer API: an API key. Vertex AI: use_vertex, project, location and ADC.
    api_key: str = Field(
        default="",
        validation_alias=AliasChoices(f"{PREFIX}API_KEY", "GEMINI_API_KEY", "GOOGLE_API_KEY"),
    )
    use_vertex: bool = False
    project: str = ""
    location: str = "global"
    base_url: str = ""  # empty: Google's endpoint; set for proxies, regional endpoints, tests
    api_version: str = ""  # empty: the SDK's default (v1beta; v1beta1 on Vertex)

    summary_model: str = "gemini-2.5-flash"
    comments_model: str = "gemini-2.5-flash-lite"
    thumbnail_model: str = "gemini-2.5-flash"
    caption_model: str = "gemini-2.5-flash"
    image_model: str = "gemini-2.5-flash-image"

    max_concurrency: int = Field(default=8, ge=1)  # in-flight calls per model and process
    requests_per_minute: float = Field(default=60.0, gt=0)  # per model and process
    rate_burst_seconds: float = Field(default=10.0, gt=0)  # a burst may use this much quota
    # redis://host:port/db shared by every replica: the per-minute rates then hold for all of
    # them together (empty: per process).
    rate_limit_redis_url: str = ""
    model_limits: dict[str, ModelLimit] = {}  # JSON: {"gemini-2.5-flash-image": {...}}
    max_attempts: int = Field(default=4, ge=1)  # per call, first try included
    retry_initial_seconds: float = Field(default=1.0, ge=0)
    retry_max_seconds: float = Field(default=30.0, ge=0)  # a longer Retry-After is not waited
    timeout_seconds: float = Field(default=120.0, gt=0)  # per call, retries included

    # Caps per call when neither OUTPUT_LIMITS (keyed by prompt name) nor the prompt file sets
    # them; the thinking budget is not sent to image models, which do not think.
    max_output_tokens: int = Field(default=8192, ge=1)
    thinking_budget: int = Field(default=1024, ge=-1)  # -1: the model decides; 0: off
    output_limits: dict[str, OutputLimit] = {}  # JSON: {"comments_batch": {...}}
    # USD per 1M tokens per model (JSON), over DEFAULT_PRICES; a model in neither costs 0.
    prices: dict[str, ModelPrice] = {}

    summary_mode: Literal["video", "transcript"] = "video"
    media_resolution: Literal["low", "medium", "high"] = "low"
    video_token_budget: int = Field(default=600_000, ge=10_000)  # tokens the video may take
    comment_token_budget: int = Field(default=60_000, ge=500)  # comment text sent, all batches
    # The comment-section summary reads the most-liked comments only: the comments task already
    # reads the full budget, so the text goes up once at full rate, plus this quarter.
    comment_section_token_budget: int = Field(default=15_000, ge=500)
    # Summarised in parts of this size, so a comment the model blocks costs its part only.
    comment_section_part_tokens: int = Field(default=8_000, ge=200)
    comment_batch_tokens: int = Field(default=8_000, ge=200)  # per map call

    def limit_for(self, model: str) -> ModelLimit:
        return self.model_limits.get(model) or ModelLimit(
            concurrency=self.max_concurrency, requests_per_minute=self.requests_per_minute
        )

    def price_for(self, model: str) -> ModelPrice | None:
        return self.prices.get(model) or DEFAULT_PRICES.get(model)

    def output_limit(self, prompt_name: str, own: OutputLimit | None = None) -> tuple[int, int]:
        """(max_output_tokens, thinking_budget) for the prompt called `prompt_name`: an
        OUTPUT_LIMITS entry first, then the prompt file's `own` limits, then the defaults."""
        chosen = [self.output_limits.get(prompt_name) or OutputLimit(), own or OutputLimit()]
        cap = next((c.max_output_tokens for c in chosen if c.max_output_tokens), None)
        thinking = next((c.thinking_budget for c in chosen if c.thinking_budget is not None), None)
        return (
            cap or self.max_output_tokens,
            self.thinking_budget if thinking is None else thinking,
        )

    def require_credentials(self) -> None:
        """Raise StartupError naming the variable to set when no call could authenticate."""
        if not self.use_vertex:
            if not self.api_key:
                raise StartupError(
                    f"The gemini engine needs an API key: set {PREFIX}API_KEY (or GEMINI_API_KEY),"
                    f" or set {PREFIX}USE_VERTEX=true with {PREFIX}PROJECT for Vertex AI."
                )
            return
        if not self.project:
            raise StartupError(f"Vertex AI needs a project: set {PREFIX}PROJECT.")
        if self.api_key:
            return  # Vertex AI express mode authenticates with the key
        import google.auth
        from google.auth.exceptions import DefaultCredentialsError

        try:
            google.auth.default(scopes=["https://www.googleapis.com/auth/cloud-platform"])
        except DefaultCredentialsError as exc:
            raise StartupError(
                "Vertex AI needs application default credentials: set "
                "GOOGLE_APPLICATION_CREDENTIALS to a service-account key file (or run "
                f"`gcloud auth application-default login`). {exc}"
            ) from exc
