"""The one google-genai client of a process, configured from settings.

The SDK's own retries are switched off (attempts=1): `retries.py` retries deliberately, once,
honouring Retry-After, which the SDK ignores.
"""

from __future__ import annotations

from typing import Any

from google import genai
from google.genai import types

from tubelens.gemini.settings import GeminiSettings

_NO_SDK_RETRIES = types.HttpRetryOptions(attempts=1)


def http_options(settings: GeminiSettings) -> types.HttpOptions:
    return types.HttpOptions(
        base_url=settings.base_url or None,
        api_version=settings.api_version or None,
        retry_options=_NO_SDK_RETRIES,
    )


def client_arguments(settings: GeminiSettings, credentials: Any = None) -> dict[str, Any]:
    """Keyword arguments for genai.Client: Developer API key, or Vertex AI (key or ADC)."""
    options = http_options(settings)
    if not settings.use_vertex:
        return {"api_key": settings.api_key, "http_options": options}
    if settings.api_key and credentials is None:  # Vertex AI express mode
        return {"vertexai": True, "api_key": settings.api_key, "http_options": options}
    return {
        "vertexai": True,
        "project": settings.project,
        "location": settings.location,
        "credentials": credentials,  # None: application default credentials
        "http_options": options,
    }


def make_client(settings: GeminiSettings, credentials: Any = None) -> genai.Client:
    if credentials is None:
        settings.require_credentials()
    return genai.Client(**client_arguments(settings, credentials))
