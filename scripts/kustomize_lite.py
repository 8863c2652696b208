"""The part of kustomize that deploy/k8s uses, so tests and CI can read the rendered manifests
without a kustomize binary: resources (files and folders), components, JSON 6902 patches with
`add`/`replace` targeted by kind and name, namespace, `labels` pairs (metadata only) and image
tags. Anything else in a kustomization is refused rather than ignored; where kubectl exists, a
test compares this with `kubectl kustomize`.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

Doc = dict[str, Any]
KNOWN = {"apiVersion", "kind", "resources", "components", "patches", "namespace", "labels"}
KNOWN |= {"images"}
CLUSTER_WIDE = {"Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition"}


def _load(path: Path) -> list[Doc]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def _pointer(path: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in path.split("/")[1:]]


def _apply(doc: Doc, op: dict[str, Any]) -> None:
    *parents, last = _pointer(op["path"])
    node: Any = doc
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node[part]
    if op["op"] not in {"add", "replace"}:
        raise ValueError(f"unsupported patch op {op['op']!r}")
    value = copy.deepcopy(op["value"])
    if isinstance(node, list):
        if last == "-":
            node.append(value)
        elif op["op"] == "add":
            node.insert(int(last), value)
        else:
            node[int(last)] = value
    else:
        if op["op"] == "replace" and last not in node:
            raise KeyError(f"replace of a missing {op['path']}")
        node[last] = value


def _patch(docs: list[Doc], patch: dict[str, Any]) -> None:
    target = patch["target"]
    matched = [
        doc
        for doc in docs
        if doc["kind"] == target["kind"] and doc["metadata"]["name"] == target["name"]
    ]
    if not matched:
        raise LookupError(f"patch target {target} not found")
    for doc in matched:
        for op in yaml.safe_load(patch["patch"]):
            _apply(doc, op)


def render(folder: Path) -> list[Doc]:
    """The resources `kubectl kustomize folder` would print (order aside)."""
    spec = _load(folder / "kustomization.yaml")[0]
    unknown = set(spec) - KNOWN
    if unknown:
        raise ValueError(f"{folder}: kustomize_lite does not know {sorted(unknown)}")
    docs: list[Doc] = []
    for entry in spec.get("resources", []):
        path = folder / entry
        docs += render(path) if path.is_dir() else _load(path)
    for entry in spec.get("components", []):
        component = _load(folder / entry / "kustomization.yaml")[0]
        for resource in component.get("resources", []):
            docs += _load(folder / entry / resource)
        for patch in component.get("patches", []):
            _patch(docs, patch)
    for patch in spec.get("patches", []):
        _patch(docs, patch)
    for doc in docs:
        meta = doc["metadata"]
        if "namespace" in spec and doc["kind"] not in CLUSTER_WIDE:
            meta["namespace"] = spec["namespace"]
        for labels in spec.get("labels", []):
            meta.setdefault("labels", {}).update(labels["pairs"])
        for image in spec.get("images", []):
            _retag(doc, image)
    return docs


def _retag(doc: Doc, image: dict[str, str]) -> None:
    pod = doc.get("spec", {}).get("template", {}).get("spec", {})
    for container in pod.get("containers", []) + pod.get("initContainers", []):
        name = container["image"].split("@")[0].rsplit(":", 1)[0]
        if name == image["name"]:
            new = image.get("newName", name)
            tag = image.get("newTag")
            container["image"] = f"{new}:{tag}" if tag else new
