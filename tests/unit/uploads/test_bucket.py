"""Uploads in an object-store bucket, shared by two gateway replicas (two stores with their
own directories), against moto's S3 server: the real S3 wire protocol, with boto3."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from gateway.uploads.bucket import UploadBucket
from gateway.uploads.receiver import receive_upload
from gateway.uploads.settings import UploadSettings
from gateway.uploads.store import UploadStore
from tests.fakes.videos import write_video
from tubelens.errors import NotFound, QuotaExceeded
from tubelens.v1 import uploads_pb2

moto_server = pytest.importorskip("moto.server", reason="moto[server] is a dev dependency")


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket_url(s3_endpoint: str, monkeypatch, request) -> str:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    name = f"uploads-{request.node.name.replace('_', '-')[:40].lower()}"
    boto3.client("s3", endpoint_url=s3_endpoint).create_bucket(Bucket=name)
    return f"s3://{name}/tubelens"


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return write_video(tmp_path_factory.mktemp("v") / "f.mp4", grain="still").read_bytes()


def _replica(tmp_path: Path, name: str, bucket_url: str, endpoint: str, **settings) -> UploadStore:
    config = UploadSettings(dir=tmp_path / name, bucket_url=bucket_url, **settings)
    return UploadStore(config, UploadBucket(bucket_url, endpoint))


async def _messages(video: bytes):
    yield uploads_pb2.UploadVideoRequest(
        header=uploads_pb2.UploadHeader(title="Shared", video_mime_type="video/mp4")
    )
    yield uploads_pb2.UploadVideoRequest(video_chunk=video)


async def test_an_upload_received_by_one_replica_is_found_by_another(
    tmp_path, bucket_url, s3_endpoint, video
) -> None:
    here = _replica(tmp_path, "a", bucket_url, s3_endpoint)
    there = _replica(tmp_path, "b", bucket_url, s3_endpoint)
    stored = await receive_upload(here, "team-a", _messages(video))

    found = there.find("team-a", stored.upload_id)
    assert found.path.parent == there.root and (found.path / "video.mp4").read_bytes() == video
    assert (found.path / "video.json").read_bytes() == (stored.path / "video.json").read_bytes()
    with pytest.raises(NotFound):
        there.find("team-b", stored.upload_id)

    there.delete("team-a", stored.upload_id)  # deleted on the other replica
    with pytest.raises(NotFound):
        here.find("team-a", stored.upload_id)
    assert not stored.path.exists()  # the stale local copy went too


async def test_the_per_caller_count_is_the_buckets(tmp_path, bucket_url, s3_endpoint, video):
    here = _replica(tmp_path, "a", bucket_url, s3_endpoint, per_caller=1)
    there = _replica(tmp_path, "b", bucket_url, s3_endpoint, per_caller=1)
    await receive_upload(here, "team-a", _messages(video))
    with pytest.raises(QuotaExceeded):
        await receive_upload(there, "team-a", _messages(video))


async def test_expired_uploads_are_swept_from_the_bucket(tmp_path, bucket_url, s3_endpoint, video):
    here = _replica(tmp_path, "a", bucket_url, s3_endpoint, ttl_seconds=1)
    stored = await receive_upload(here, "team-a", _messages(video))
    time.sleep(1.1)
    there = _replica(tmp_path, "b", bucket_url, s3_endpoint)
    assert [gone.upload_id for gone in there.sweep()] == [stored.upload_id]
    listing = boto3.client("s3", endpoint_url=s3_endpoint).list_objects_v2(
        Bucket=bucket_url.split("/")[2]
    )
    assert listing.get("KeyCount", 0) == 0
