"""The shared Redis is wired the same way in docker-compose.yml and deploy/k8s: a cache (no
persistence, LRU eviction, bounded), given only to the servers whose code opens a connection
from a Redis URL setting, and reachable in Kubernetes from exactly those pods."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from .deployfiles import (
    ROOT,
    SERVERS,
    compose_config,
    k8s_config,
    k8s_resource,
    pod_labels,
    read_compose,
    read_k8s,
    selects,
)
from .imports import first_party_modules
from .settings_catalog import settings_catalog

COMPOSE = read_compose()
K8S = read_k8s()
REDIS_PORT = 6379

# Each setting that names a Redis, and the module that connects with it: a server reads the
# setting when its entry module can import that one (see readers()).
REDIS_URL_SETTINGS = {
    "TUBELENS_RESULT_CACHE_URL": ("gateway/result_store.py", "settings.url"),
    "TUBELENS_GEMINI_RATE_LIMIT_REDIS_URL": ("tubelens/gemini/limits.py", "rate_limit_redis_url"),
}
# The usage ledger is a store, not a cache: in Kubernetes it has a Redis of its own
# (usage-ledger.yaml); compose keeps it in SQLite on a volume.
LEDGER_URL = "TUBELENS_USAGE_URL"
OPERATIONS_URL = "TUBELENS_OPERATIONS_URL"  # unset everywhere: the ledger's store


def entry_module(server: str) -> str:
    return "gateway.__main__" if server == "gateway" else f"services.{server}.__main__"


# The gateway imports tubelens.gemini for the Files API only (gateway/uploads/gemini.py); the
# package's __init__ brings the model-call limiter along, which the gateway never builds.
NOT_READING = {"TUBELENS_GEMINI_RATE_LIMIT_REDIS_URL": {"gateway"}}


def readers(setting: str) -> set[str]:
    """The servers whose code reaches the module that connects to this setting's Redis."""
    module, _ = REDIS_URL_SETTINGS[setting]
    reached = {s for s in SERVERS if module in first_party_modules(entry_module(s))}
    return reached - NOT_READING.get(setting, set())


def redis_env(env: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if value.startswith(("redis:", "rediss:"))}


def flag(argv: list[str], name: str) -> str:
    """The value after `--name` in a redis-server command line (exactly one)."""
    positions = [i for i, arg in enumerate(argv) if arg == f"--{name}"]
    assert len(positions) == 1, f"--{name} given {len(positions)} times in {argv}"
    return argv[positions[0] + 1]


def megabytes(size: str) -> float:
    """Redis (`256mb`, `1gb`) or Kubernetes (`384Mi`, `1Gi`) sizes, in MiB."""
    match = re.fullmatch(r"(\d+)\s*(mb|gb|Mi|Gi)", size)
    assert match, size
    return int(match.group(1)) * (1024 if match.group(2).lower().startswith("g") else 1)


def test_the_redis_settings_are_the_codes_and_each_has_readers() -> None:
    catalog = settings_catalog()
    # A new Redis URL setting (any *_URL but http base URLs and the uploads' S3 bucket and
    # endpoint) must be wired here too.
    not_redis = ("BASE_URL", "BUCKET_URL", "ENDPOINT_URL")
    urls = {name for name in catalog if name.endswith("_URL") and not name.endswith(not_redis)}
    assert urls == set(REDIS_URL_SETTINGS) | {LEDGER_URL, OPERATIONS_URL}
    for setting, (module, attribute) in REDIS_URL_SETTINGS.items():
        assert attribute in (ROOT / module).read_text(encoding="utf-8"), (setting, module)
        assert readers(setting), f"no server reaches {module}"
    assert readers("TUBELENS_RESULT_CACHE_URL") == {"gateway"}
    assert "video" not in readers("TUBELENS_GEMINI_RATE_LIMIT_REDIS_URL")  # no gemini engine


def test_compose_runs_redis_as_a_bounded_cache_with_a_health_check() -> None:
    redis = COMPOSE["services"]["redis"]
    assert redis["image"].startswith("redis:")
    argv = [str(arg) for arg in redis["command"]]
    assert argv[0] == "redis-server"
    assert flag(argv, "save") == "" and flag(argv, "appendonly") == "no"  # nothing to disk
    assert flag(argv, "maxmemory-policy") == "allkeys-lru"
    assert megabytes(flag(argv, "maxmemory")) > 0
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert redis["read_only"] is True and redis["cap_drop"] == ["ALL"]
    assert str(redis["user"]).split(":")[0] != "0"
    assert "ports" not in redis  # only the compose network reaches it


@pytest.mark.parametrize("server", SERVERS)
def test_compose_gives_redis_only_to_the_servers_that_read_it(server: str) -> None:
    service = COMPOSE["services"][server]
    env = redis_env(compose_config(COMPOSE, server).env)
    wanted = {name for name in REDIS_URL_SETTINGS if server in readers(name)}
    assert set(env) == wanted
    for value in env.values():
        url = urlsplit(value)
        assert (url.hostname, url.port) == ("redis", REDIS_PORT)
    waits = {name: dep["condition"] for name, dep in service.get("depends_on", {}).items()}
    assert ("redis" in waits) == bool(wanted)
    if wanted:
        assert waits["redis"] == "service_healthy"


def test_result_cache_and_gemini_rate_keep_to_separate_databases() -> None:
    # Two key spaces: flushing the result cache (FLUSHDB) leaves the rate windows alone.
    urls = {
        name: value
        for server in SERVERS
        for name, value in redis_env(compose_config(COMPOSE, server).env).items()
    } | redis_env(k8s_resource(K8S, "ConfigMap", "tubelens-settings")["data"])
    assert set(urls) == set(REDIS_URL_SETTINGS)
    databases = {name: urlsplit(value).path for name, value in urls.items()}
    assert len(set(databases.values())) == len(databases), databases


def test_kubernetes_settings_point_every_redis_url_at_the_redis_service() -> None:
    service = k8s_resource(K8S, "Service", "redis")["spec"]
    assert [p["port"] for p in service["ports"]] == [REDIS_PORT]
    assert selects({"matchLabels": service["selector"]}, pod_labels(K8S, "redis"))
    for server in SERVERS:
        env = redis_env(k8s_config(K8S, server).env)
        env.pop(LEDGER_URL, None)  # its own Redis: the test below
        assert set(env) <= set(settings_catalog())
        for value in env.values():
            url = urlsplit(value)
            assert (url.hostname, url.port) == ("redis", REDIS_PORT)
        assert {n for n in REDIS_URL_SETTINGS if server in readers(n)} <= set(env)


def test_kubernetes_redis_is_locked_down_probed_and_sized() -> None:
    deployment = k8s_resource(K8S, "Deployment", "redis")["spec"]
    pod = deployment["template"]["spec"]
    (container,) = pod["containers"]
    assert deployment["replicas"] == 1  # a cache: one copy, no replication
    assert container["image"] == COMPOSE["services"]["redis"]["image"]
    assert container["command"] == [str(a) for a in COMPOSE["services"]["redis"]["command"]]
    assert pod["automountServiceAccountToken"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert container["securityContext"] == {
        "allowPrivilegeEscalation": False,
        "readOnlyRootFilesystem": True,
        "capabilities": {"drop": ["ALL"]},
    }
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert all("emptyDir" in volumes[name] for name in mounts)  # no persistent volume
    assert container["readinessProbe"]["exec"]["command"] == ["redis-cli", "ping"]
    assert container["livenessProbe"]
    # maxmemory leaves room under the limit, so Redis evicts keys before the kernel kills it.
    maxmemory = megabytes(flag(container["command"], "maxmemory"))
    assert maxmemory < megabytes(container["resources"]["limits"]["memory"]) * 0.8
    assert set(container["resources"]) == {"requests", "limits"}
    no_egress = [
        policy
        for policy in K8S
        if policy["kind"] == "NetworkPolicy"
        and "Egress" in policy["spec"]["policyTypes"]
        and selects(policy["spec"]["podSelector"], pod_labels(K8S, "redis"))
    ]
    assert no_egress and all(not p["spec"].get("egress") for p in no_egress)  # it only answers


def test_only_the_servers_that_read_a_redis_url_may_reach_redis() -> None:
    policies = [d for d in K8S if d["kind"] == "NetworkPolicy"]
    redis = pod_labels(K8S, "redis")
    ingress = [
        rule
        for policy in policies
        if "Ingress" in policy["spec"]["policyTypes"]
        and selects(policy["spec"]["podSelector"], redis)
        for rule in policy["spec"].get("ingress", [])
    ]
    assert ingress, "no policy lets anything reach Redis"
    pods = [d["metadata"]["name"] for d in K8S if d["kind"] == "Deployment"]
    admitted = set()
    for rule in ingress:
        assert [p["port"] for p in rule["ports"]] == [REDIS_PORT]
        assert rule["from"] and all(set(peer) == {"podSelector"} for peer in rule["from"])
        admitted |= {
            pod
            for pod in pods
            for peer in rule["from"]
            if selects(peer["podSelector"], pod_labels(K8S, pod))
        }
    wanted = {server for name in REDIS_URL_SETTINGS for server in readers(name)}
    assert admitted == wanted


@pytest.mark.parametrize(
    "server", sorted({s for name in REDIS_URL_SETTINGS for s in readers(name)})
)
def test_the_redis_clients_may_send_to_redis(server: str) -> None:
    # Egress is open unless an Egress policy selects the pod; any that does must admit Redis.
    labels, redis = pod_labels(K8S, server), pod_labels(K8S, "redis")
    egress = [
        policy["spec"].get("egress", [])
        for policy in K8S
        if policy["kind"] == "NetworkPolicy"
        and "Egress" in policy["spec"]["policyTypes"]
        and selects(policy["spec"]["podSelector"], labels)
    ]
    if egress:
        assert any(
            any(p["port"] == REDIS_PORT for p in rule.get("ports", [{"port": REDIS_PORT}]))
            and any(selects(peer.get("podSelector", {}), redis) for peer in rule.get("to", [{}]))
            for rules in egress
            for rule in rules
        ), f"{server} may not send to Redis"


def test_kubernetes_usage_ledger_is_a_persistent_store_only_the_gateway_reaches() -> None:
    (url,) = [v for k, v in k8s_config(K8S, "gateway").env.items() if k == LEDGER_URL]
    assert (urlsplit(url).hostname, urlsplit(url).port) == ("usage-ledger", REDIS_PORT)
    assert all(LEDGER_URL not in k8s_config(K8S, s).env for s in SERVERS if s != "gateway")
    store = k8s_resource(K8S, "StatefulSet", "usage-ledger")["spec"]
    service = k8s_resource(K8S, "Service", "usage-ledger")["spec"]
    assert service["selector"].items() <= store["template"]["metadata"]["labels"].items()
    (container,) = store["template"]["spec"]["containers"]
    argv = container["command"]
    # Every write kept, and nothing dropped when full: a lost key would be lost usage.
    assert flag(argv, "appendonly") == "yes" and flag(argv, "maxmemory-policy") == "noeviction"
    assert store["volumeClaimTemplates"][0]["metadata"]["name"] == "data"
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    policy = k8s_resource(K8S, "NetworkPolicy", "usage-ledger-from-gateway")["spec"]
    (rule,) = policy["ingress"]
    assert rule["from"] == [{"podSelector": {"matchLabels": {"app.kubernetes.io/name": "gateway"}}}]
    assert "Egress" in policy["policyTypes"] and "egress" not in policy  # it opens nothing
