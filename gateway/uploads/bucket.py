"""Uploads kept in an object-store bucket (S3 API, boto3), shared by every gateway replica.

TUBELENS_UPLOADS_BUCKET_URL=s3://bucket/prefix; TUBELENS_UPLOADS_S3_ENDPOINT_URL points boto3
at another S3-compatible service (Google Cloud Storage's XML API, MinIO, Ceph); credentials come
the standard AWS way (AWS_ACCESS_KEY_ID..., a role). Keys:

    <prefix>manifests/<owner digest>/<upload id>.json   who owns it, when it expires
    <prefix>files/<upload id>/<bundle file>             the bundle's files

The manifest is written last, so an upload is visible only once all its files are stored, and
deleted first, so a half-deleted upload is never analysed. Blocking: callers use a thread.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import boto3


class UploadBucket:
    def __init__(self, url: str, endpoint_url: str = "") -> None:
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ValueError(f"TUBELENS_UPLOADS_BUCKET_URL must be s3://bucket/prefix, not {url!r}")
        self._bucket = parts.netloc
        self._prefix = parts.path.strip("/") + "/" if parts.path.strip("/") else ""
        self._s3 = boto3.client("s3", endpoint_url=endpoint_url or None)

    def _manifest_key(self, owner: str, upload_id: str) -> str:
        return f"{self._prefix}manifests/{_owner_key(owner)}/{upload_id}.json"

    def _file_key(self, upload_id: str, name: str) -> str:
        return f"{self._prefix}files/{upload_id}/{name}"

    def put(self, owner: str, upload_id: str, directory: Path, manifest: dict[str, Any]) -> None:
        for path in sorted(directory.iterdir()):
            if path.is_file():
                self._s3.upload_file(str(path), self._bucket, self._file_key(upload_id, path.name))
        body = json.dumps(manifest).encode()
        self._s3.put_object(
            Bucket=self._bucket, Key=self._manifest_key(owner, upload_id), Body=body
        )

    def manifest(self, owner: str, upload_id: str) -> dict[str, Any] | None:
        try:
            answer = self._s3.get_object(
                Bucket=self._bucket, Key=self._manifest_key(owner, upload_id)
            )
        except self._s3.exceptions.NoSuchKey:
            return None
        return json.loads(answer["Body"].read())

    def fetch(self, upload_id: str, into: Path) -> None:
        """Downloads the upload's files into `into` (a fresh directory)."""
        for key in self._keys(f"{self._prefix}files/{upload_id}/"):
            self._s3.download_file(self._bucket, key, str(into / key.rsplit("/", 1)[1]))

    def delete(self, owner: str, upload_id: str) -> None:
        self._s3.delete_object(Bucket=self._bucket, Key=self._manifest_key(owner, upload_id))
        for key in self._keys(f"{self._prefix}files/{upload_id}/"):
            self._s3.delete_object(Bucket=self._bucket, Key=key)

    def count(self, owner: str) -> int:
        return len(self._keys(f"{self._prefix}manifests/{_owner_key(owner)}/"))

    def manifests(self) -> list[tuple[str, dict[str, Any]]]:
        """(upload id, manifest) of every upload in the bucket."""
        found = []
        for key in self._keys(f"{self._prefix}manifests/"):
            body = self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()
            found.append((key.rsplit("/", 1)[1].removesuffix(".json"), json.loads(body)))
        return found

    def used_bytes(self) -> int:
        return sum(size for _, size in self._objects(f"{self._prefix}files/"))

    def _keys(self, prefix: str) -> list[str]:
        return [key for key, _ in self._objects(prefix)]

    def _objects(self, prefix: str) -> list[tuple[str, int]]:
        pages = self._s3.get_paginator("list_objects_v2").paginate(
            Bucket=self._bucket, Prefix=prefix
        )
        return [(item["Key"], item["Size"]) for page in pages for item in page.get("Contents", ())]


def _owner_key(owner: str) -> str:
    return hashlib.sha256(owner.encode()).hexdigest()[:32]
