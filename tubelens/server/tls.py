"""TLS for a server's port, and for the gateway's channels to the services.

The server's certificate files are reread when they change: gRPC asks `fetch` at each new
handshake, so a renewed certificate (cert-manager, a rotated Secret) serves new connections
without a restart, while connections already open keep theirs.
"""

from __future__ import annotations

from pathlib import Path

import grpc

from tubelens.logs import get_logger
from tubelens.settings import ENV_PREFIX, ServerSettings, StartupError

log = get_logger("tubelens.server")


class CertificateFiles:
    """A certificate chain, its key and an optional client CA bundle, as gRPC configurations."""

    def __init__(self, cert: Path, key: Path, client_ca: Path | None) -> None:
        self._paths = (cert, key, client_ca)
        self._seen = self._stamp()

    def _stamp(self) -> tuple[float, ...]:
        return tuple(path.stat().st_mtime_ns for path in self._paths if path is not None)

    def configuration(self) -> grpc.ServerCertificateConfiguration:
        cert, key, client_ca = self._paths
        return grpc.ssl_server_certificate_configuration(
            [(key.read_bytes(), cert.read_bytes())],
            root_certificates=client_ca.read_bytes() if client_ca is not None else None,
        )

    def fetch(self) -> grpc.ServerCertificateConfiguration | None:
        """The new configuration when a file changed since the last look, else None."""
        try:
            stamp = self._stamp()
            if stamp == self._seen:
                return None
            configuration = self.configuration()
        except OSError as exc:  # mid-rotation: keep serving the old certificate
            log.warning("tls_reload_failed", error=str(exc))
            return None
        self._seen = stamp
        log.info("tls_reloaded", cert=str(self._paths[0]))
        return configuration


def server_credentials(settings: ServerSettings) -> grpc.ServerCredentials | None:
    """TLS for the server's port, mTLS (client certificates required) with a client CA;
    None: plaintext."""
    if settings.tls_cert_file is None and settings.tls_key_file is None:
        return None
    if settings.tls_cert_file is None or settings.tls_key_file is None:
        raise StartupError(f"Set both {ENV_PREFIX}TLS_CERT_FILE and {ENV_PREFIX}TLS_KEY_FILE.")
    try:
        files = CertificateFiles(
            settings.tls_cert_file, settings.tls_key_file, settings.tls_client_ca_file
        )
        initial = files.configuration()
    except OSError as exc:
        raise StartupError(f"The TLS files cannot be read: {exc}") from None
    return grpc.dynamic_ssl_server_credentials(
        initial, files.fetch, require_client_authentication=settings.tls_client_ca_file is not None
    )


def channel_credentials(
    ca: Path | None, cert: Path | None, key: Path | None
) -> grpc.ChannelCredentials:
    """TLS to a server: its CA (None: the system's roots), and a client certificate for mTLS."""
    try:
        return grpc.ssl_channel_credentials(
            root_certificates=ca.read_bytes() if ca is not None else None,
            private_key=key.read_bytes() if key is not None else None,
            certificate_chain=cert.read_bytes() if cert is not None else None,
        )
    except OSError as exc:
        raise StartupError(f"The TLS files cannot be read: {exc}") from None
