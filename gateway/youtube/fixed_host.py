"""A requests Session that reaches one fixed origin only, with a timeout on every request.

youtube-transcript-api takes the Session as its documented `http_client`. Its requests go to
https://www.youtube.com; this adapter sends them to the configured base URL instead (the same
host in production, a loopback fake in tests) and refuses every other host, so caption URLs in
YouTube's answers can never make the server fetch anything else.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter

YOUTUBE_ORIGIN = "https://www.youtube.com"


class FixedHostAdapter(HTTPAdapter):
    def __init__(self, origin: str, target: str, timeout: float) -> None:
        super().__init__(max_retries=0)
        self._origin = origin.rstrip("/")
        self._target = target.rstrip("/")
        self._timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        url = request.url or ""
        if url != self._origin and not url.startswith(self._origin + "/"):
            raise requests.ConnectionError(f"refused a request outside {self._origin}")
        request.url = self._target + url[len(self._origin) :]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self._timeout
        response = super().send(request, **kwargs)
        if "charset" not in response.headers.get("content-type", "").lower():
            response.encoding = "utf-8"  # YouTube writes UTF-8; requests would guess Latin-1
        return response


def fixed_host_session(
    target: str, timeout: float, origin: str = YOUTUBE_ORIGIN
) -> requests.Session:
    """A Session whose every request goes to `origin` (rewritten to `target`) or fails."""
    session = requests.Session()
    session.trust_env = False  # no proxies or netrc from the environment
    adapter = FixedHostAdapter(origin, target, timeout)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
