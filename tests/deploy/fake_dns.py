"""A DNS server on loopback that answers one name with the replicas registered right now.

It stands in for Docker's or Kubernetes' DNS: a gRPC client given
`dns://127.0.0.1:<port>/<name>:<service port>` asks it (c-ares honours the authority), so a
test can add or remove replicas and watch the client re-resolve.
"""

from __future__ import annotations

import threading

from dnslib import QTYPE, RCODE, RR, A, DNSRecord
from dnslib.server import BaseResolver, DNSHandler, DNSLogger, DNSServer


class _ReplicaResolver(BaseResolver):
    def __init__(self, name: str) -> None:
        self.name = name.rstrip(".")
        self.addresses: list[str] = []
        self.lock = threading.Lock()
        self.queries = 0

    def resolve(self, request: DNSRecord, handler: DNSHandler) -> DNSRecord:
        reply = request.reply()
        question = request.q
        if str(question.qname).rstrip(".") != self.name:
            reply.header.rcode = RCODE.NXDOMAIN  # search-domain variants and anything else
            return reply
        with self.lock:
            self.queries += question.qtype == QTYPE.A
            addresses = list(self.addresses)
        if question.qtype == QTYPE.A:
            for address in addresses:
                reply.add_answer(RR(question.qname, QTYPE.A, rdata=A(address), ttl=0))
        return reply  # AAAA, TXT, ...: no records, NOERROR


class FakeDns:
    """`FakeDns("summary.tubelens.test")`, then `.set_addresses([...])` and `.target(port)`."""

    def __init__(self, name: str) -> None:
        self._resolver = _ReplicaResolver(name)
        quiet = DNSLogger(log="-recv,-send,-request,-reply,-truncated,-error,-data", prefix=False)
        self._server = DNSServer(self._resolver, address="127.0.0.1", port=0, logger=quiet)
        self.port = self._server.server.server_address[1]

    def __enter__(self) -> FakeDns:
        self._server.start_thread()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.stop()
        self._server.server.server_close()

    def set_addresses(self, addresses: list[str]) -> None:
        with self._resolver.lock:
            self._resolver.addresses = list(addresses)

    @property
    def queries(self) -> int:
        """How many A look-ups have arrived, i.e. how often clients resolved the name."""
        return self._resolver.queries

    def target(self, service_port: int) -> str:
        return f"dns://127.0.0.1:{self.port}/{self._resolver.name}:{service_port}"
