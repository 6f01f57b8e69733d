#!/usr/bin/env bash
# TLS cost benchmark: TCP connects/s and TLS handshakes/s against Kamailio's tls module, then the time
# from starting a phone to Connected to CallManager over UDP, TCP and TLS (see TlsRegisterBench). Needs
# kamailio, kamailio-tls-modules and openssl (Debian packages); compiles the transport-sip tests first.
# Usage: bench/tls-register.sh [--registrations N] [--seconds S]      (30 registrations each, 5 s of connections each)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/bench/sip-bench.sh" io.vtgoconnect.transport.sip.bench.TlsRegisterBench "$@"
