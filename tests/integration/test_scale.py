"""Replicas of one analysis service behind one gateway target: dns:/// with round_robin.

Three summary replicas listen on 127.0.0.1-3 at one port; a fake DNS server on loopback answers
the service name with them, as Docker's or Kubernetes' DNS would. The real gateway, configured
only through TUBELENS_* settings, spreads calls over them, retries a dead replica's calls on the
others, and finds a replica added later once connection-age rotation makes it re-resolve.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import grpc
import pytest

from tests.deploy.fake_dns import FakeDns
from tests.deploy.replicas import (
    MAX_CONNECTION_AGE,
    Cluster,
    clean_env,
    run_load,
    served_now,
    wait_serving,
)
from tubelens.v1 import gateway_pb2_grpc

from .conftest import free_base_port

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[tuple[Cluster, gateway_pb2_grpc.GatewayServiceStub]]:
    port = free_base_port(2)
    gateway_port = port + 1
    with FakeDns("summary.tubelens.test") as dns:
        running = Cluster(dns, port, tmp_path_factory.mktemp("replicas"))
        env = clean_env(
            TUBELENS_HOST="127.0.0.1",
            TUBELENS_PORT=str(gateway_port),
            TUBELENS_SUMMARY_TARGET=dns.target(port),
            TUBELENS_DNS_MIN_REFRESH_SECONDS="0.2",
            TUBELENS_RESULT_CACHE_MAX_MB="0",  # every call must reach a replica
        )
        gateway = subprocess.Popen([sys.executable, "-m", "gateway"], env=env)
        try:
            for host in ("127.0.0.1", "127.0.0.2", "127.0.0.3"):
                running.start_replica(host)
            for host, process in running.replicas.items():
                wait_serving(f"{host}:{port}", process)
            wait_serving(f"127.0.0.1:{gateway_port}", gateway)
            dns.set_addresses(running.live())
            with grpc.insecure_channel(f"127.0.0.1:{gateway_port}") as channel:
                yield running, gateway_pb2_grpc.GatewayServiceStub(channel)
        finally:
            for process in [gateway, *running.replicas.values()]:
                process.kill()
                process.wait()


def test_each_replica_serves_a_fair_share(cluster) -> None:
    running, stub = cluster
    for _ in range(30):  # warm up until round_robin has connected to every replica
        if all(served_now(running).values()):
            break
        run_load(stub, 3, workers=3)
    before = served_now(running)
    assert len(before) == 3 and all(before.values()), before

    outcomes = run_load(stub, 60)
    after = served_now(running)

    assert set(outcomes) == {"OK"}
    shares = {host: after[host] - before[host] for host in before}
    assert sum(shares.values()) == 60, shares
    assert all(0.8 * 20 <= share <= 1.2 * 20 for share in shares.values()), shares
    print(f"60 calls over three replicas: {shares}")


def test_killing_a_replica_mid_load_fails_no_call(cluster) -> None:
    running, stub = cluster
    victim = running.live()[-1]
    before = running.served(victim)

    def kill_at_the_twentieth(count: int) -> None:
        if count == 20:
            running.replicas[victim].kill()  # SIGKILL: no drain, calls in flight are cut
            running.dns.set_addresses(running.live())

    outcomes = run_load(stub, 60, after_call=kill_at_the_twentieth)

    assert running.replicas[victim].poll() is not None
    assert running.served(victim) > before  # it did take part before it died
    assert [o for o in outcomes if o != "OK"] == []


def test_a_replica_added_later_receives_traffic_after_connection_age_rotation(cluster) -> None:
    running, stub = cluster
    # The gateway's channel has resolved and connected to the current replicas (channels resolve
    # lazily, on their first call), so only a later re-resolution can reveal the newcomer.
    assert set(run_load(stub, 6, workers=3)) == {"OK"}
    newcomer = "127.0.0.4"
    running.start_replica(newcomer)
    wait_serving(f"{newcomer}:{running.port}", running.replicas[newcomer])
    running.dns.set_addresses(running.live())
    added, lookups = time.monotonic(), running.dns.queries

    outcomes: list[str] = []
    while running.served(newcomer) == 0 and time.monotonic() - added < 4 * MAX_CONNECTION_AGE:
        outcomes += run_load(stub, 6, workers=3)
    waited = time.monotonic() - added

    assert running.served(newcomer) > 0, f"no call reached the new replica in {waited:.1f} s"
    assert running.dns.queries > lookups  # it was found by re-resolving, not by a new channel
    print(f"new replica served after {waited:.1f} s: {served_now(running)}")
    assert set(outcomes) <= {"OK"}
