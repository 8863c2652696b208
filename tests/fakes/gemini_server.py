"""A fake Gemini API on loopback that speaks the real REST wire format.

It serves `POST /{v1,v1beta,v1beta1}/models/{model}:generateContent` (and the Vertex AI form
`/v1beta1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent`) over
plain HTTP/1.1 with keep-alive, answering camelCase JSON as the google-genai SDK parses it:
candidates, finishReason, URL-safe base64 `inlineData`, `usageMetadata`, `promptFeedback`, and
error bodies `{"error": {"code", "message", "status"}}`.

Tests script answers per model (`enqueue`) or set a `responder`; every request is recorded with
its parsed body, and a request whose client hung up while the fake was still answering is marked
`disconnected`, so tests can prove cancellation reaches the network.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import threading
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PATH = re.compile(
    r"^/(?P<version>v1|v1beta|v1beta1)/"
    r"(?:projects/(?P<project>[^/]+)/locations/(?P<location>[^/]+)/publishers/google/)?"
    r"models/(?P<model>[^/:]+):generateContent$"
)
STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    408: "DEADLINE_EXCEEDED",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 429: "Too Many Requests"}


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # a JSON-able value, or raw bytes sent as they are
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait (watching for a hang-up) before answering


@dataclass
class Recorded:
    version: str
    model: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    disconnected: bool = False
    status: int = 0  # the HTTP status the fake answered with
    usage: dict[str, Any] | None = None  # the usageMetadata it answered with, if any

    @property
    def text(self) -> str:
        """All text parts of the request's contents, joined."""
        return "\n".join(
            part["text"]
            for content in self.body.get("contents", [])
            for part in content.get("parts", [])
            if "text" in part
        )

    @property
    def system(self) -> str:
        parts = self.body.get("systemInstruction", {}).get("parts", [])
        return "\n".join(part.get("text", "") for part in parts)

    @property
    def generation_config(self) -> dict[str, Any]:
        return self.body.get("generationConfig", {})

    def parts(self, key: str) -> list[dict[str, Any]]:
        """Parts of one kind ("fileData", "inlineData", "text") with their siblings."""
        return [
            part
            for content in self.body.get("contents", [])
            for part in content.get("parts", [])
            if key in part
        ]


def field(mapping: dict[str, Any], camel: str) -> Any:
    """A request field by its camelCase name; the API (and so the fake) also takes snake_case,
    which is what the SDK sends inside parts."""
    snake = re.sub(r"(?<!^)([A-Z])", r"_\1", camel).lower()
    return mapping[camel] if camel in mapping else mapping[snake]


def usage(prompt: int = 100, output: int = 20, modality: str = "TEXT") -> dict[str, Any]:
    return {
        "promptTokenCount": prompt,
        "candidatesTokenCount": output,
        "totalTokenCount": prompt + output,
        "promptTokensDetails": [{"modality": modality, "tokenCount": prompt}],
    }


def json_reply(value: Any, *, finish: str = "STOP", tokens: dict | None = None) -> Reply:
    text = value if isinstance(value, str) else json.dumps(value)
    return Reply(body=_answer([{"text": text}], finish, tokens or usage()))


def image_reply(data: bytes, mime: str = "image/png", text: str = "") -> Reply:
    parts: list[dict[str, Any]] = [{"text": text}] if text else []
    encoded = base64.urlsafe_b64encode(data).decode()
    parts.append({"inlineData": {"mimeType": mime, "data": encoded}})
    image_tokens = [{"modality": "IMAGE", "tokenCount": 1290}]
    tokens = usage(output=1290) | {"candidatesTokensDetails": image_tokens}
    return Reply(body=_answer(parts, "STOP", tokens))


def finish_reply(reason: str, text: str = "") -> Reply:
    """A candidate that ended for `reason` (SAFETY, NO_IMAGE, MAX_TOKENS...)."""
    parts = [{"text": text}] if text else []
    return Reply(body=_answer(parts, reason, usage(output=len(text) // 4)))


def prompt_blocked_reply(reason: str = "SAFETY") -> Reply:
    return Reply(body={"promptFeedback": {"blockReason": reason}, "usageMetadata": usage(output=0)})


def no_candidates_reply() -> Reply:
    return Reply(body={"candidates": [], "usageMetadata": usage(output=0)})


def error_reply(code: int, message: str = "", retry_after: str | None = None) -> Reply:
    status = STATUS_NAMES.get(code, "UNKNOWN")
    body = {"error": {"code": code, "message": message or status.lower(), "status": status}}
    headers = {"Retry-After": retry_after} if retry_after else {}
    return Reply(status=code, body=body, headers=headers)


def _answer(parts: list[dict[str, Any]], finish: str, tokens: dict[str, Any]) -> dict[str, Any]:
    return {
        "candidates": [
            {"content": {"role": "model", "parts": parts}, "finishReason": finish, "index": 0}
        ],
        "usageMetadata": tokens,
        "modelVersion": "fake",
        "responseId": "fake-response",
    }


Responder = Callable[[Recorded], Reply]


class FakeGemini:
    """Start with `start()` (own thread and event loop); `base_url` is then set."""

    def __init__(self, responder: Responder | None = None) -> None:
        self.responder = responder
        self.requests: list[Recorded] = []
        self.in_flight = 0
        self.max_in_flight = 0  # most requests being answered at once
        self._queues: dict[str, deque[Reply]] = defaultdict(deque)
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self.base_url = ""

    def start(self) -> FakeGemini:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self._listen(), self._loop)
        port = future.result(timeout=10)
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def enqueue(self, model: str, *replies: Reply) -> None:
        """Answers for the next calls to `model`, in order; then the responder answers."""
        with self._lock:
            self._queues[model].extend(replies)

    def calls(self, model: str | None = None) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if model is None or r.model == model]

    def billed(self, model: str | None = None) -> dict[str, int]:
        """The fake's own ledger: requests received, and the tokens of every usageMetadata it
        sent back (what Gemini would bill), per field."""
        totals = {"requests": 0, "prompt": 0, "candidates": 0, "thoughts": 0, "total": 0}
        for recorded in self.calls(model):
            totals["requests"] += 1
            tokens = recorded.usage or {}
            totals["prompt"] += tokens.get("promptTokenCount", 0)
            totals["candidates"] += tokens.get("candidatesTokenCount", 0)
            totals["thoughts"] += tokens.get("thoughtsTokenCount", 0)
            totals["total"] += tokens.get("totalTokenCount", 0)
        return totals

    async def _listen(self) -> int:
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        return self._server.sockets[0].getsockname()[1]

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request = await _read_request(reader)
                if request is None:
                    return
                method, path, headers, body = request
                reply, recorded = self._answer_for(method, path, headers, body)
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                try:
                    hung_up = reply.delay and await _hung_up_within(reader, reply.delay)
                finally:
                    self.in_flight -= 1
                if hung_up:
                    if recorded is not None:
                        recorded.disconnected = True
                    return
                writer.write(_encode(reply))
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            return  # a hang-up, or the fake stopping: nothing left to answer
        finally:
            writer.close()

    def _answer_for(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[Reply, Recorded | None]:
        match = PATH.match(path.split("?", 1)[0])
        if method != "POST" or match is None:
            return error_reply(404, f"no such method: {method} {path}"), None
        try:
            parsed = json.loads(body or b"{}")
        except json.JSONDecodeError:
            return error_reply(400, "Invalid JSON payload received."), None
        recorded = Recorded(match["version"], match["model"], path, headers, parsed)
        with self._lock:
            self.requests.append(recorded)
            queue = self._queues[recorded.model]
            reply = queue.popleft() if queue else None
        if reply is None:
            reply = self.responder(recorded) if self.responder else error_reply(500, "no answer")
        recorded.status = reply.status
        if isinstance(reply.body, dict):
            recorded.usage = reply.body.get("usageMetadata")
        return reply, recorded


async def _read_request(
    reader: asyncio.StreamReader,
) -> tuple[str, str, dict[str, str], bytes] | None:
    head = await reader.readuntil(b"\r\n\r\n") if not reader.at_eof() else b""
    if not head:
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return method, path, headers, body


async def _hung_up_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    """Wait up to `seconds`; True as soon as the client closes its end."""
    try:
        data = await asyncio.wait_for(reader.read(1), seconds)
    except TimeoutError:
        return False
    return data == b""


def _encode(reply: Reply) -> bytes:
    body = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
    headers = {"Content-Type": "application/json; charset=UTF-8", **reply.headers}
    head = f"HTTP/1.1 {reply.status} {REASONS.get(reply.status, 'Status')}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + body
