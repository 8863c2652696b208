"""A fake Gemini API on loopback that speaks the real REST wire format.

It serves `POST /{v1,v1beta,v1beta1}/models/{model}:generateContent` (and the Vertex AI form
`/v1beta1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent`) over
plain HTTP/1.1 with keep-alive, answering camelCase JSON as the google-genai SDK parses it:
candidates, finishReason, URL-safe base64 `inlineData`, `usageMetadata`, `promptFeedback`, and
error bodies `{"error": {"code", "message", "status"}}`.

Tests script answers per model (`enqueue`) or set a `responder`; every request is recorded with
its parsed body, and a request whose client hung up while the fake was still answering is marked
`disconnected`, so tests can prove cancellation reaches the network.

It also speaks the Files API as google-genai uses it with the Developer API:
- `POST /upload/{version}/files` with `X-Goog-Upload-Protocol: resumable` and
  `X-Goog-Upload-Command: start` (the size and type in `X-Goog-Upload-Header-Content-Length` /
  `-Content-Type`, body `{"file": {...}}` in camelCase or snake_case) answers an empty 200 with
  `X-Goog-Upload-URL` (`.../upload/{version}/files?upload_id=...&upload_protocol=resumable`)
  and `X-Goog-Upload-Status: active`;
- `POST <upload url>` with `X-Goog-Upload-Command: upload` (`upload, finalize` on the last
  chunk) and `X-Goog-Upload-Offset`, which must equal the bytes received so far; the final
  chunk answers `{"file": {...}}` and `X-Goog-Upload-Status: final`, the others `active`. A
  refused chunk answers 400 with status `final` (the SDK retries chunks without that header);
- `GET /{version}/files/{id}` (PROCESSING for `processing_polls` polls, then
  `file_end_state`) and `DELETE /{version}/files/{id}` (`{}`), 404 for unknown ids.
Every file the fake created stays in `files` (with the bytes it received), deleted ones too;
`deleted` lists the deleted names; `enqueue_files` scripts answers to Files API requests.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
import secrets
import threading
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs

PATH = re.compile(
    r"^/(?P<version>v1|v1beta|v1beta1)/"
    r"(?:projects/(?P<project>[^/]+)/locations/(?P<location>[^/]+)/publishers/google/)?"
    r"models/(?P<model>[^/:]+):generateContent$"
)
UPLOAD_PATH = re.compile(r"^/upload/(?P<version>v1|v1beta|v1beta1)/files$")
FILE_PATH = re.compile(r"^/(?P<version>v1|v1beta|v1beta1)/files/(?P<id>[^/:]+)$")
FILE_KINDS = ("start", "upload", "get", "delete")  # the Files API requests enqueue_files scripts
FILE_TTL = timedelta(hours=48)  # how long the real API keeps an uploaded file
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


@dataclass
class StoredFile:
    """A file uploaded to the fake: `data` holds the bytes received, chunk after chunk."""

    name: str  # files/<id>
    version: str
    mime_type: str
    declared_size: int  # X-Goog-Upload-Header-Content-Length of the start request
    display_name: str | None = None
    data: bytearray = field(default_factory=bytearray)
    processing_polls: int = 0  # GETs still to answer PROCESSING
    end_state: str = "ACTIVE"  # the state after them: ACTIVE or FAILED
    finalized: bool = False
    deleted: bool = False
    polls: int = 0  # GETs answered
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def id(self) -> str:
        return self.name.removeprefix("files/")

    @property
    def state(self) -> str:
        return "PROCESSING" if self.processing_polls > 0 else self.end_state

    def resource(self, base_url: str) -> dict[str, Any]:
        """The File as the API answers it (camelCase, int64 as string, RFC 3339 times)."""
        digest = hashlib.sha256(self.data).hexdigest()
        body: dict[str, Any] = {
            "name": self.name,
            "mimeType": self.mime_type,
            "sizeBytes": str(len(self.data)),
            "createTime": _rfc3339(self.created),
            "updateTime": _rfc3339(self.created),
            "expirationTime": _rfc3339(self.created + FILE_TTL),
            "sha256Hash": base64.b64encode(digest.encode()).decode(),
            "uri": f"{base_url}/{self.version}/files/{self.id}",
            "state": self.state,
            "source": "UPLOADED",
        }
        if self.display_name:
            body["displayName"] = self.display_name
        if self.state == "FAILED":
            body["error"] = {"code": 400, "message": "The file could not be processed."}
        return body


@dataclass
class FileCall:
    """One Files API request the fake received (its body is kept in the file, not here)."""

    kind: str  # start, upload, get, delete
    method: str
    path: str
    headers: dict[str, str]
    size: int  # bytes of the request body
    status: int = 0  # the HTTP status the fake answered with


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
        # Files API. Set before an upload: how many GETs of each new file answer PROCESSING,
        # and the state it ends in (ACTIVE or FAILED).
        self.processing_polls = 0
        self.file_end_state = "ACTIVE"
        self.files: dict[str, StoredFile] = {}  # by name, deleted and unfinished ones too
        self.deleted: list[str] = []  # names, in the order they were deleted
        self.file_calls: list[FileCall] = []
        self._sessions: dict[str, StoredFile] = {}  # open resumable uploads, by upload_id
        self._file_queues: dict[str, deque[Reply]] = defaultdict(deque)

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
        if not self._thread.is_alive():
            self._loop.close()

    def enqueue(self, model: str, *replies: Reply) -> None:
        """Answers for the next calls to `model`, in order; then the responder answers."""
        with self._lock:
            self._queues[model].extend(replies)

    def enqueue_files(self, kind: str, *replies: Reply) -> None:
        """Answers for the next Files API requests of one kind ("start", "upload" for a chunk,
        "get", "delete"), in order, instead of the fake's own; the request is then not acted
        on. A chunk answer without X-Goog-Upload-Status makes the SDK send the chunk again."""
        if kind not in FILE_KINDS:
            raise ValueError(f"kind must be one of {FILE_KINDS}, not {kind!r}")
        with self._lock:
            self._file_queues[kind].extend(replies)

    def uploaded(self, name: str) -> bytes:
        """The bytes the fake received for the file `name` ("files/<id>"), deleted or not."""
        with self._lock:
            return bytes(self.files[name].data)

    def file_requests(self, kind: str | None = None) -> list[FileCall]:
        with self._lock:
            return [c for c in self.file_calls if kind is None or c.kind == kind]

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
        bare = path.split("?", 1)[0]
        if UPLOAD_PATH.match(bare) or FILE_PATH.match(bare):
            return self._files_answer(method, path, headers, body), None
        match = PATH.match(bare)
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

    def _files_answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        bare, _, query = path.partition("?")
        upload = UPLOAD_PATH.match(bare)
        upload_id = parse_qs(query).get("upload_id", [""])[0]
        if upload is not None:
            kind = ("upload" if upload_id else "start") if method == "POST" else ""
        else:
            kind = {"GET": "get", "DELETE": "delete"}.get(method, "")
        call = FileCall(kind or method.lower(), method, path, headers, len(body))
        with self._lock:
            self.file_calls.append(call)
            queue = self._file_queues[kind] if kind else None
            reply = queue.popleft() if queue else None
            if reply is not None:
                pass
            elif kind == "start" and upload is not None:
                reply = self._start_upload(upload["version"], headers, body)
            elif kind == "upload":
                reply = self._upload_chunk(upload_id, headers, body)
            elif kind in ("get", "delete"):
                reply = self._file_verb(kind, bare.rsplit("/", 1)[1])
            else:
                reply = error_reply(404, f"no such method: {method} {path}")
        call.status = reply.status
        return reply

    def _start_upload(self, version: str, headers: dict[str, str], body: bytes) -> Reply:
        if headers.get("x-goog-upload-protocol") != "resumable":
            return error_reply(400, "Only the resumable upload protocol is supported here.")
        if headers.get("x-goog-upload-command") != "start":
            return error_reply(400, "A new upload must start with X-Goog-Upload-Command: start.")
        try:
            size = int(headers["x-goog-upload-header-content-length"])
            described = json.loads(body or b"{}").get("file") or {}
        except (KeyError, ValueError, AttributeError):
            return error_reply(400, "The upload size or the file metadata is missing or invalid.")
        mime = _either(described, "mimeType") or headers.get("x-goog-upload-header-content-type")
        if not mime:
            return error_reply(400, "The file's MIME type is missing.")
        name = _either(described, "name") or f"files/{_file_id()}"
        if name in self.files:
            error = error_reply(409, f"A file named {name} already exists.")
            error.body["error"]["status"] = "ALREADY_EXISTS"
            return error
        stored = StoredFile(
            name=name,
            version=version,
            mime_type=mime,
            declared_size=size,
            display_name=_either(described, "displayName"),
            processing_polls=self.processing_polls,
            end_state=self.file_end_state,
        )
        upload_id = secrets.token_urlsafe(24)
        self.files[name] = stored
        self._sessions[upload_id] = stored
        url = f"{self.base_url}/upload/{version}/files?upload_id={upload_id}"
        return Reply(
            body=b"",
            headers={
                "X-Goog-Upload-URL": f"{url}&upload_protocol=resumable",
                "X-Goog-Upload-Status": "active",
                "X-Goog-Upload-Chunk-Granularity": str(8 * 1024 * 1024),
            },
        )

    def _upload_chunk(self, upload_id: str, headers: dict[str, str], body: bytes) -> Reply:
        final = {"X-Goog-Upload-Status": "final"}
        stored = self._sessions.get(upload_id)
        if stored is None:
            return _with(error_reply(404, "No upload is open at this URL."), final)
        commands = {c.strip() for c in headers.get("x-goog-upload-command", "").split(",")}
        received = len(stored.data)
        if "query" in commands:
            status = {"X-Goog-Upload-Status": "active"}
            return Reply(body=b"", headers=status | {"X-Goog-Upload-Size-Received": str(received)})
        if "upload" not in commands:
            return _with(error_reply(400, "X-Goog-Upload-Command must say upload."), final)
        offset = headers.get("x-goog-upload-offset", "")
        if offset != str(received):
            del self._sessions[upload_id]
            message = f"X-Goog-Upload-Offset {offset or 'missing'} is not {received}."
            return _with(error_reply(400, message), final)
        stored.data.extend(body)
        if "finalize" not in commands:
            return Reply(body=b"", headers={"X-Goog-Upload-Status": "active"})
        del self._sessions[upload_id]
        if len(stored.data) != stored.declared_size:
            message = f"Got {len(stored.data)} bytes, not the {stored.declared_size} announced."
            return _with(error_reply(400, message), final)
        stored.finalized = True
        return Reply(body={"file": stored.resource(self.base_url)}, headers=final)

    def _file_verb(self, kind: str, file_id: str) -> Reply:
        name = f"files/{file_id}"
        stored = self.files.get(name)
        if stored is None or stored.deleted or not stored.finalized:
            return error_reply(404, f"File {name} does not exist.")
        if kind == "delete":
            stored.deleted = True
            self.deleted.append(name)
            return Reply(body={})
        answer = stored.resource(self.base_url)
        stored.polls += 1
        stored.processing_polls = max(0, stored.processing_polls - 1)
        return Reply(body=answer)


def _either(mapping: dict[str, Any], camel: str) -> Any:
    """A field by its camelCase or snake_case name, None when absent."""
    try:
        return field(mapping, camel)
    except KeyError:
        return None


def _file_id() -> str:
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def _rfc3339(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _with(reply: Reply, headers: dict[str, str]) -> Reply:
    reply.headers.update(headers)
    return reply


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
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _read_chunked(reader)
    else:
        body = await reader.readexactly(int(headers.get("content-length", "0")))
    return method, path, headers, body


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    """A body sent with Transfer-Encoding: chunked (sizes in hex; trailers are skipped)."""
    body = bytearray()
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0].strip(), 16)
        if size == 0:
            while await reader.readuntil(b"\r\n") != b"\r\n":
                pass
            return bytes(body)
        body.extend(await reader.readexactly(size))
        await reader.readexactly(2)


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
