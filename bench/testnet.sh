#!/usr/bin/env bash
# Reproduces the Testnet figures of docs/performance.md: start-up of 12 and 100 nodes (one process)
# and of 12 node processes, memory per node, and onion stores per second through 3 hops on 12 nodes.
# Arguments: seconds of stores per run (default 10), parallel senders (default 8). Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Session.Testnet.Bench -- "${1:-10}" "${2:-8}"
